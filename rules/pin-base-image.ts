/**
 * Image references that float: no tag (implicitly `latest`), `:latest`, and,
 * with `digest: "always"`, a tag without a digest.
 */
import { isContentDigest } from "../lib/images/index.js";
import { IMAGE_USE_LABELS, imageUsesOf } from "../lib/images/index.js";
import { globMatcher } from "../lib/text/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { InstructionNode } from "../lib/language/index.js";

type Options = [{ digest?: "never" | "always"; allow?: string[] }];
type MessageIds = "missingTag" | "latestTag" | "missingDigest" | "invalidDigest";

const rule: DockerfileRuleDefinition<{ RuleOptions: Options; MessageIds: MessageIds }> = {
  meta: {
    type: "problem",
    docs: {
      description: "Require image references to name a fixed version (a tag other than `latest`, or a digest)",
      url: docsUrl("pin-base-image"),
    },
    schema: [
      {
        type: "object",
        properties: {
          digest: {
            enum: ["never", "always"],
            description: "`always` also requires a `@sha256:` digest next to the tag.",
          },
          allow: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Glob patterns of image names (without tag) to skip, such as `my.registry/*`.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ digest: "never", allow: [] }],
    messages: {
      missingTag:
        "The {{where}} '{{image}}'{{resolved}} has no tag, so Docker uses 'latest', which moves with every release: two machines, or a cached and a fresh build, get different images. Pin a version tag (and a digest for full reproducibility).",
      latestTag:
        "The {{where}} '{{image}}'{{resolved}} uses the 'latest' tag, which moves with every release: two machines, or a cached and a fresh build, get different images. Pin a version tag (and a digest for full reproducibility).",
      missingDigest:
        "The {{where}} '{{image}}'{{resolved}} is pinned by tag only, and a tag can be re-pushed with other content: run dockerfile-lint pin to add its digest.",
      invalidDigest:
        "The {{where}} '{{image}}'{{resolved}} has '@{{digest}}', which is not a content digest ('sha256:' and 64 hex digits), so it pins nothing. Use the image's real digest.",
    },
  },

  create(context) {
    const [{ digest = "never", allow = [] }] = context.options;
    const allowed = globMatcher(allow);
    const { facts } = context.sourceCode;

    function check(node: InstructionNode): void {
      for (const use of imageUsesOf(node, facts)) {
        const ref = use.resolved;
        // A variable with no default decides the image at build time: not this rule's concern.
        if (!ref) continue;
        if (allowed(ref.name) || allowed(ref.normalizedName)) continue;
        if (isContentDigest(ref.digest)) continue;
        const loc = context.sourceCode.positions.locOf(use.range);
        const data = {
          where: IMAGE_USE_LABELS[use.kind],
          image: use.raw,
          resolved: use.expandedText ? ` (resolves to '${use.expandedText}')` : "",
          digest: ref.digest ?? "",
        };
        if (ref.digest !== null) {
          context.report({ loc, messageId: "invalidDigest", data });
        } else if (ref.tag === null) {
          context.report({ loc, messageId: "missingTag", data });
        } else if (ref.tag.toLowerCase() === "latest") {
          context.report({ loc, messageId: "latestTag", data });
        } else if (digest === "always") {
          context.report({ loc, messageId: "missingDigest", data });
        }
      }
    }

    return {
      From: check,
      Copy: check,
      Add: check,
      Run: check,
    };
  },
};

export default rule;
