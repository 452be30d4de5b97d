/**
 * Stage names in lower case, as BuildKit asks: BuildKit lower-cases a stage
 * name when it defines it but looks `FROM <name>` up as written, so only a
 * lower-case reference finds the stage. The suggestion renames the stage and
 * every literal reference to it.
 */
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import { stageReferences } from "../lib/facts/index.js";

type MessageIds = "notLowercase" | "rename";

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "suggestion",
    docs: {
      description: "Require stage names to be lower case",
      url: docsUrl("stage-name-casing"),
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      notLowercase:
        "Stage name '{{name}}' is not lowercase, but BuildKit looks up 'FROM {{name}}' as written and would pull an image instead.",
      rename: "Rename the stage to '{{lower}}'{{where}}.",
    },
  },

  create(context) {
    const { facts } = context.sourceCode;
    return {
      "Dockerfile:exit"() {
        const counts = new Map<string, number>();
        for (const stage of facts.stages) {
          if (stage.name !== null) counts.set(stage.name.toLowerCase(), (counts.get(stage.name.toLowerCase()) ?? 0) + 1);
        }
        for (const stage of facts.stages) {
          const node = stage.from.stage;
          if (!node) continue;
          const lower = node.value.toLowerCase();
          if (node.value === lower) continue;
          // Two stages of one name (no-duplicate-stage-name): which references go with which is unclear.
          const unique = counts.get(lower) === 1;
          const references = unique ? stageReferences(facts, stage).filter((reference) => reference.raw !== lower) : [];
          const where = references.length === 0 ? "" : references.length === 1 ? " and its reference" : ` and its ${references.length} references`;
          context.report({
            loc: node.loc,
            messageId: "notLowercase",
            data: { name: node.value },
            suggest: unique
              ? [
                  {
                    messageId: "rename",
                    data: { lower, where },
                    fix: (fixer) => [node.range, ...references.map((reference) => reference.range)].map((range) => fixer.replaceTextRange(range, lower)),
                  },
                ]
              : [],
          });
        }
      },
    };
  },
};

export default rule;
