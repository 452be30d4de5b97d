/**
 * Stage names BuildKit reserves: `scratch` (the empty base image) and
 * `context` (the build context). Compared case-insensitively, as BuildKit
 * lower-cases stage names.
 */
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";

type MessageIds = "scratch" | "context";

const RESERVED: Record<string, MessageIds> = { scratch: "scratch", context: "context" };

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    type: "problem",
    docs: {
      description: "Disallow the reserved stage names `scratch` and `context`",
      url: docsUrl("no-reserved-stage-name"),
    },
    schema: [],
    messages: {
      scratch:
        "Stage name '{{name}}' is reserved: `FROM scratch` means the empty base image. With a stage of that name, a later `FROM scratch` builds on this stage instead of an empty image, and readers cannot tell which was meant. Choose another name, such as 'base' or 'minimal'.",
      context:
        "Stage name '{{name}}' is reserved: BuildKit uses 'context' as the name of the build context, so a stage of that name is confusing next to `--build-context` and `COPY --from` and may clash with them. Choose another name.",
    },
  },

  create(context) {
    return {
      From(node) {
        const stage = node.stage;
        if (!stage) return;
        const messageId = RESERVED[stage.value.toLowerCase()];
        if (!messageId) return;
        context.report({ loc: stage.loc, messageId, data: { name: stage.value } });
      },
    };
  },
};

export default rule;
