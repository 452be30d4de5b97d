/**
 * Images may only come from the registries a team trusts: FROM,
 * `COPY --from=<image>` and `RUN --mount=…,from=<image>`.
 */
import { globMatcher, shorten } from "../lib/text/index.js";
import { IMAGE_USE_LABELS, imageUsesOf } from "../lib/images/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { InstructionNode } from "../lib/language/index.js";

type Options = [{ registries?: string[] }];
type MessageIds = "notAllowed";

/** Names of Docker Hub: `docker.io` in references, `hub.docker.com` on the web, and the hosts behind them. */
const DOCKER_HUB = ["docker.io", "hub.docker.com", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"];

const rule: DockerfileRuleDefinition<{ RuleOptions: Options; MessageIds: MessageIds }> = {
  meta: {
    type: "problem",
    docs: {
      description: "Require images to come from an allowed registry",
      url: docsUrl("allowed-registries"),
    },
    schema: [
      {
        type: "object",
        properties: {
          registries: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description:
              "Glob patterns of allowed registry hosts (`ghcr.io`, `*.dkr.ecr.*.amazonaws.com`, `localhost:*`). Docker Hub is `docker.io` (`hub.docker.com` works too). Empty: nothing is reported.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ registries: [] }],
    messages: {
      notAllowed: "The {{where}} '{{image}}'{{resolved}} is from {{registry}}, not an allowed registry ({{allowed}}).",
    },
  },

  create(context) {
    const [{ registries = [] }] = context.options;
    if (registries.length === 0) return {};
    const allowed = globMatcher(registries);
    const { facts } = context.sourceCode;
    const allowedText = registries.join(", ");

    function check(node: InstructionNode): void {
      for (const use of imageUsesOf(node, facts)) {
        const ref = use.resolved;
        // A variable with no default decides the image at build time.
        if (!ref) continue;
        // `FROM "gcr.io/x"`: Docker removes the quotes; the parsed reference may keep them.
        const registry = ref.registry?.replace(/^["']+/u, "").toLowerCase() ?? "docker.io";
        const onHub = DOCKER_HUB.includes(registry);
        if (onHub ? DOCKER_HUB.some(allowed) : allowed(registry)) continue;
        context.report({
          loc: context.sourceCode.positions.locOf(use.range),
          messageId: "notAllowed",
          data: {
            where: IMAGE_USE_LABELS[use.kind],
            image: shorten(use.raw, 56),
            resolved: use.expandedText ? ` (resolves to '${shorten(use.expandedText, 56)}')` : "",
            registry: onHub ? "Docker Hub (docker.io)" : shorten(registry, 30),
            allowed: shorten(allowedText, 30),
          },
        });
      }
    }

    return {
      From: check,
      Copy: check,
      Run: check,
    };
  },
};

export default rule;
