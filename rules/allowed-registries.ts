/**
 * Images may only come from the registries a team trusts: FROM,
 * `COPY --from=<image>`, `RUN --mount=…,from=<image>`, and every other file
 * that names an image (Compose, CI, dev containers, Bake, code).
 */
import { REGISTRY_MESSAGES, registryChecker } from "../lib/images/index.js";
import { IMAGE_RULE_LANGUAGES, imageListeners } from "../lib/formats/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";

type Options = [{ registries?: string[] }];
type MessageIds = "notAllowed";

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
    messages: REGISTRY_MESSAGES,
    languages: IMAGE_RULE_LANGUAGES,
  },

  create(context) {
    const [{ registries = [] }] = context.options;
    if (registries.length === 0) return {};
    return imageListeners(context, registryChecker(registries));
  },
};

export default rule;
