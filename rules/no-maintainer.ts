/**
 * MAINTAINER is deprecated; the image author belongs in the OCI label
 * `org.opencontainers.image.authors`. The fix writes that LABEL.
 */
import type { InstructionNode } from "../lib/language/index.js";
import { joinContinuations } from "../lib/language/index.js";
import { doubleQuoted } from "../lib/text/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";

type MessageIds = "deprecated";

const AUTHORS = "org.opencontainers.image.authors";

/** Drops one pair of matching quotes around the whole text. */
function unquote(text: string): string {
  if (text.length >= 2) {
    const first = text[0];
    if ((first === '"' || first === "'") && text.endsWith(first)) return text.slice(1, -1);
  }
  return text;
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "suggestion",
    docs: {
      description: "Disallow the deprecated MAINTAINER instruction in favour of the `org.opencontainers.image.authors` label",
      url: docsUrl("no-maintainer"),
    },
    fixable: "code",
    schema: [],
    messages: {
      deprecated: "MAINTAINER is deprecated and 'docker build --check' warns about it; use the label '{{authors}}'{{already}}.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const { facts, text } = sourceCode;
    const escapeChar = sourceCode.ast.escapeChar;

    function stageHasAuthors(node: InstructionNode): boolean {
      const stage = facts.stageOf(node);
      const scope = stage ? stage.instructions : sourceCode.ast.body;
      return scope.some((other) => other.type === "Label" && other.pairs.some((pair) => unquote(pair.key.value) === AUTHORS));
    }

    function hasCommentInside(node: InstructionNode): boolean {
      return sourceCode.ast.comments.some((comment) => comment.range[0] > node.range[0] && comment.range[1] <= node.range[1]);
    }

    return {
      Maintainer(node) {
        const keyword = text.slice(node.keywordRange[0], node.keywordRange[1]);
        const already = stageHasAuthors(node);
        const range = node.argumentsRange;
        const value = range ? unquote(joinContinuations(text, range[0], range[1], escapeChar).text.trim()) : "";
        const canFix = value !== "" && !already && !hasCommentInside(node);
        context.report({
          loc: sourceCode.positions.locOf(node.keywordRange),
          messageId: "deprecated",
          data: { authors: AUTHORS, already: already ? " (already set here)" : "" },
          fix: canFix
            ? (fixer) => fixer.replaceTextRange(node.range, `${keyword === keyword.toLowerCase() ? "label" : "LABEL"} ${AUTHORS}=${doubleQuoted(value, escapeChar)}`)
            : null,
        });
      },
    };
  },
};

export default rule;
