/**
 * A Dockerfile starts with FROM: only parser directives, comments and ARG
 * may come before the first FROM.
 */
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { DockerfileNode } from "../lib/language/index.js";

type MessageIds = "beforeFrom" | "noFrom";

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Require FROM to be the first instruction, after only parser directives, comments and ARG",
      url: docsUrl("first-instruction"),
    },
    schema: [],
    messages: {
      beforeFrom:
        "{{keyword}} before the first FROM fails the build (\"no build stage in current context\"): only directives, comments and ARG may precede it.",
      noFrom: "{{keyword}} has no FROM before it, and the file has no FROM at all, so Docker cannot build it.",
    },
  },

  create(context) {
    return {
      Dockerfile(root: DockerfileNode) {
        const hasFrom = root.body.some((node) => node.type === "From");
        for (const node of root.body) {
          if (node.type === "From") break;
          if (node.type === "Arg") continue;
          context.report({
            loc: context.sourceCode.positions.locOf(node.keywordRange),
            messageId: hasFrom ? "beforeFrom" : "noFrom",
            data: { keyword: node.keyword },
          });
        }
      },
    };
  },
};

export default rule;
