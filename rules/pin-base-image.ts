/**
 * Image references that float: no tag (implicitly `latest`), `:latest` and
 * the other channel tags (`lts`, `stable-slim`, `latest-$TARGETARCH`), and,
 * with `digest: "always"`, a tag without a digest. In Dockerfiles and in
 * every other file that names an image (Compose, CI, dev containers, Bake,
 * code); the policy is `lib/images`', the places are each format's.
 */
import { FLOATING_TAGS, PIN_MESSAGES, pinChecker } from "../lib/images/index.js";
import type { PinMessageId } from "../lib/images/index.js";
import { IMAGE_RULE_LANGUAGES, imageListeners } from "../lib/formats/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";

type Options = [{ digest?: "never" | "always"; allow?: string[]; floating?: string[] }];
type MessageIds = PinMessageId;

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
          floating: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: `Tags that name a channel rather than a release, compared without case; \`<word>-<suffix>\` floats too. Default: ${FLOATING_TAGS.map((word) => `\`${word}\``).join(", ")}.`,
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ digest: "never", allow: [], floating: [...FLOATING_TAGS] }],
    messages: PIN_MESSAGES,
    languages: IMAGE_RULE_LANGUAGES,
  },

  create(context) {
    const [options] = context.options;
    return imageListeners(context, pinChecker(options));
  },
};

export default rule;
