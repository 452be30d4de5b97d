/**
 * Two stages with the same name (compared case-insensitively, as BuildKit
 * does): a reference to the name can only mean one of them.
 */
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";

type MessageIds = "duplicate";

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Disallow two build stages with the same name",
      url: docsUrl("no-duplicate-stage-name"),
    },
    schema: [],
    messages: {
      duplicate:
        "Stage name '{{name}}' is already used on line {{line}} (names ignore case), so FROM, COPY --from and --target reach only one of the two.",
    },
  },

  create(context) {
    const { facts } = context.sourceCode;
    return {
      "Dockerfile:exit"() {
        const seen = new Map<string, number>();
        for (const stage of facts.stages) {
          const node = stage.from.stage;
          if (!node) continue;
          const key = node.value.toLowerCase();
          const first = seen.get(key);
          if (first === undefined) {
            seen.set(key, node.loc.start.line);
            continue;
          }
          context.report({
            loc: node.loc,
            messageId: "duplicate",
            data: { name: node.value, line: String(first), lower: key },
          });
        }
      },
    };
  },
};

export default rule;
