/**
 * Instruction keywords in one casing. By default the casing is the file's
 * majority, counted as BuildKit counts it: the FROM and instructions of
 * every stage whose keyword is all upper or all lower case (a tie goes to
 * upper case). Instructions before the first FROM and ONBUILD triggers are
 * checked against that majority too.
 */
import type { InstructionNode } from "../lib/language/index.js";
import { casingOf, withCasing } from "../lib/text/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";

type Options = [{ casing?: "majority" | "upper" | "lower" }];
type MessageIds = "majority" | "configured";

const rule: DockerfileRuleDefinition<{ RuleOptions: Options; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "layout",
    docs: {
      description: "Require instruction keywords to use one casing throughout the file",
      url: docsUrl("consistent-instruction-casing"),
    },
    fixable: "code",
    schema: [
      {
        type: "object",
        properties: {
          casing: {
            enum: ["majority", "upper", "lower"],
            description: "`majority` (as BuildKit) follows the casing most instructions of the file use; `upper` or `lower` requires that casing.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ casing: "majority" }],
    messages: {
      majority:
        "'{{keyword}}' is not {{casing}} like most instructions of this file, so keywords stand out less from arguments; write '{{expected}}'.",
      configured:
        "'{{keyword}}' is not {{casing}}, as this project's lint settings require for instruction keywords; write '{{expected}}'.",
    },
  },

  create(context) {
    const [{ casing = "majority" }] = context.options;
    const { facts, text } = context.sourceCode;

    function keywordOf(node: InstructionNode): string {
      return text.slice(node.keywordRange[0], node.keywordRange[1]);
    }

    function majority(): "upper" | "lower" {
      let lower = 0;
      let upper = 0;
      for (const stage of facts.stages) {
        for (const node of [stage.from, ...stage.instructions]) {
          if (node.type === "Unknown") continue;
          const found = casingOf(keywordOf(node));
          if (found === "lower") lower++;
          else if (found === "upper") upper++;
        }
      }
      return lower > upper ? "lower" : "upper";
    }

    return {
      "Dockerfile:exit"(root) {
        const wanted = casing === "majority" ? majority() : casing;
        const check = (node: InstructionNode): void => {
          if (node.type === "Unknown") return;
          const keyword = keywordOf(node);
          if (keyword === "" || casingOf(keyword) === wanted) return;
          const expected = withCasing(keyword, wanted);
          context.report({
            loc: context.sourceCode.positions.locOf(node.keywordRange),
            messageId: casing === "majority" ? "majority" : "configured",
            data: { keyword, casing: wanted === "upper" ? "uppercase" : "lowercase", expected },
            fix: (fixer) => fixer.replaceTextRange(node.keywordRange, expected),
          });
        };
        for (const node of root.body) {
          check(node);
          if (node.type === "Onbuild" && node.trigger) check(node.trigger);
        }
      },
    };
  },
};

export default rule;
