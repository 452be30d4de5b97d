/**
 * Stage names BuildKit reserves: `scratch` (the empty base image) and
 * `context` (the build context). Compared case-insensitively, as BuildKit
 * lower-cases stage names.
 */
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";

type MessageIds = "scratch" | "context";

const RESERVED = new Map<string, MessageIds>([["scratch", "scratch"], ["context", "context"]]);

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Disallow the reserved stage names `scratch` and `context`",
      url: docsUrl("no-reserved-stage-name"),
    },
    schema: [],
    messages: {
      scratch:
        "Stage name '{{name}}' is reserved for the empty base image, so a later 'FROM scratch' would build on this stage instead.",
      context:
        "Stage name '{{name}}' is reserved: BuildKit calls the build context 'context', so the stage clashes with --build-context and COPY --from.",
    },
  },

  create(context) {
    return {
      From(node) {
        const stage = node.stage;
        if (!stage) return;
        const messageId = RESERVED.get(stage.value.toLowerCase());
        if (!messageId) return;
        context.report({ loc: stage.loc, messageId, data: { name: stage.value } });
      },
    };
  },
};

export default rule;
