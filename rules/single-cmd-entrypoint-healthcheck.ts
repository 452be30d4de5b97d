/**
 * More than one CMD, ENTRYPOINT or HEALTHCHECK in a stage: only the last one
 * of each kind reaches the image, so the earlier ones do nothing.
 */
import type { InstructionNode } from "../lib/language/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";

type MessageIds = "overridden";

const KINDS = new Set(["Cmd", "Entrypoint", "Healthcheck"]);

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Disallow more than one CMD, ENTRYPOINT or HEALTHCHECK in a build stage",
      url: docsUrl("single-cmd-entrypoint-healthcheck"),
    },
    schema: [],
    messages: {
      overridden:
        "This {{keyword}} has no effect: the {{keyword}} on line {{line}} of the same stage replaces it, as an image keeps only the last one.",
    },
  },

  create(context) {
    const { facts } = context.sourceCode;
    return {
      "Dockerfile:exit"() {
        for (const stage of facts.stages) {
          const last = new Map<string, InstructionNode>();
          for (const node of stage.instructions) {
            if (KINDS.has(node.type)) last.set(node.type, node);
          }
          for (const node of stage.instructions) {
            const winner = last.get(node.type);
            if (!winner || winner === node) continue;
            context.report({
              loc: context.sourceCode.positions.locOf(node.keywordRange),
              messageId: "overridden",
              data: { keyword: node.keyword, line: String(winner.loc.start.line) },
            });
          }
        }
      },
    };
  },
};

export default rule;
