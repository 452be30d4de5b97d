/**
 * Double-quoted words for instructions that BuildKit reads with its word
 * lexer (ENV, LABEL, ARG, WORKDIR…). Inside double quotes the escape
 * character (`\`, or `` ` `` after `# escape=`) escapes only `"`, `$` and
 * itself, and `$` starts a variable; everything else stays literal.
 */

/** `value` as a double-quoted word that BuildKit reads back as exactly `value`. */
export function doubleQuoted(value: string, escapeChar: string): string {
  let out = '"';
  for (const ch of value) {
    if (ch === '"' || ch === "$" || ch === escapeChar) out += escapeChar;
    out += ch;
  }
  return `${out}"`;
}
