/**
 * `FROM image as name`: the `AS` keyword should have the casing of its
 * `FROM`. A FROM of mixed casing is left to consistent-instruction-casing,
 * as BuildKit does.
 */
import { casingOf } from "../lib/text/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";

type MessageIds = "mismatch";

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "layout",
    docs: {
      description: "Require the `AS` of a FROM line to have the same casing as its `FROM`",
      url: docsUrl("from-as-casing"),
    },
    fixable: "code",
    schema: [],
    messages: {
      mismatch:
        "'{{as}}' is cased unlike '{{from}}', which makes the stage line's keywords harder to tell from names; write '{{expected}}'.",
    },
  },

  create(context) {
    const { text } = context.sourceCode;
    return {
      From(node) {
        const as = node.asKeyword;
        if (!as) return;
        const from = text.slice(node.keywordRange[0], node.keywordRange[1]);
        const fromCasing = casingOf(from);
        if (fromCasing === "mixed") return;
        if (casingOf(as.value) === fromCasing) return;
        const expected = fromCasing === "lower" ? "as" : "AS";
        context.report({
          loc: as.loc,
          messageId: "mismatch",
          data: { as: as.value, from, expected },
          fix: (fixer) => fixer.replaceTextRange(as.range, expected),
        });
      },
    };
  },
};

export default rule;
