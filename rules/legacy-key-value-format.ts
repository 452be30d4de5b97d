/**
 * `ENV key value` and `LABEL key value`: the legacy form without `=`, which
 * sets one key to the whole rest of the line. The fix writes `key=value`,
 * quoting the value when it has blanks, so that the value stays the same.
 */
import type { EnvNode, LabelNode } from "../lib/language/index.js";
import { joinContinuations } from "../lib/language/index.js";
import { docsUrl } from "../lib/language/index.js";
import { shorten } from "../lib/text/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";

type MessageIds = "legacy" | "spacedEquals" | "joinEquals";

function hasBlank(text: string): boolean {
  return text.includes(" ") || text.includes("\t");
}

/** One quoted string and nothing else, with no escapes inside. */
function isSingleQuotedWord(text: string, escapeChar: string): boolean {
  const quote = text[0];
  if ((quote !== '"' && quote !== "'") || text.length < 2 || !text.endsWith(quote)) return false;
  const inner = text.slice(1, -1);
  return !inner.includes(quote) && !inner.includes(escapeChar);
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "suggestion",
    docs: {
      description: "Require `key=value` in ENV and LABEL instead of the legacy `key value` form",
      url: docsUrl("legacy-key-value-format"),
    },
    fixable: "code",
    hasSuggestions: true,
    schema: [],
    messages: {
      legacy:
        "'{{keyword}} {{key}} value' is the deprecated legacy form, which takes all after the first blank as the value; use '='.",
      spacedEquals:
        "The blanks around '=' make this a legacy '{{keyword}} key value' form, so '{{key}}' gets the value '{{value}}', '=' included.",
      joinEquals: "Remove the blanks around '=' (the value loses its leading '=').",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const { text } = sourceCode;
    const escapeChar = sourceCode.ast.escapeChar;

    function check(node: EnvNode | LabelNode): void {
      if (!node.legacy) return;
      const pair = node.pairs[0];
      if (!pair) return;
      const keyword = text.slice(node.keywordRange[0], node.keywordRange[1]);
      const data = { keyword, key: shorten(pair.key.value, 20), example: "value" };
      const value = pair.value;
      if (!value) {
        context.report({ loc: pair.key.loc, messageId: "legacy", data });
        return;
      }
      const keyText = text.slice(pair.key.range[0], pair.key.range[1]);
      const written = joinContinuations(text, value.range[0], value.range[1], escapeChar).text;
      if (written.startsWith("=")) {
        // `LABEL maintainer = "…"`: meant as key=value, read as key with the value `= "…"`.
        let end = value.range[0] + 1;
        while (text[end] === " " || text[end] === "\t") end++;
        const joinable = end < value.range[1] && !text.slice(pair.key.range[1], end).includes("\n");
        context.report({
          loc: pair.key.loc,
          messageId: "spacedEquals",
          data: { keyword, key: shorten(pair.key.value, 20), value: shorten(written, 24) },
          suggest: joinable ? [{ messageId: "joinEquals", fix: (fixer) => fixer.replaceTextRange([pair.key.range[1], end], "=") }] : [],
        });
        return;
      }
      const separator: [number, number] = [pair.key.range[1], value.range[0]];

      let replacement: { separator: string; close: string } | null = null;
      // A line break left in the value (a lone `\r` the parser read differently) would split the instruction once quoted;
      // text after the value (a trailing escape the parser did not join) could join the next line once quoted.
      const trailing = text.slice(value.range[1], node.range[1]).trim() !== "";
      // A continuation between key and value may hold a comment line, which replacing the blanks would drop.
      const commented = /[\n\r][\t ]*#/u.test(text.slice(separator[0], separator[1]));
      if (commented || keyText.includes('"') || keyText.includes("'") || keyText.includes(escapeChar) || separator[0] >= separator[1] || /[\r\n]/u.test(written) || trailing) {
        replacement = null;
      } else if (!hasBlank(written) || isSingleQuotedWord(written, escapeChar)) {
        replacement = { separator: "=", close: "" };
      } else if (!written.includes('"') && !written.includes("'") && !written.includes(escapeChar)) {
        replacement = { separator: '="', close: '"' };
      }

      context.report({
        loc: pair.key.loc,
        messageId: "legacy",
        data,
        fix: replacement
          ? (fixer) => {
              const fixes = [fixer.replaceTextRange(separator, replacement.separator)];
              if (replacement.close) fixes.push(fixer.insertTextAfterRange(value.range, replacement.close));
              return fixes;
            }
          : null,
      });
    }

    return { Env: check, Label: check };
  },
};

export default rule;
