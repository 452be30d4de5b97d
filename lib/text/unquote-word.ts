/**
 * A Dockerfile word with its quotes removed and escapes resolved, variables
 * left as written: `'72aa…'` reads `72aa…`, `"a \"b\""` reads `a "b"`.
 * For judging ARG and ENV defaults as BuildKit will see them.
 */
export function unquoteWord(word: string, escapeChar = "\\"): string {
  let out = "";
  let quote = "";
  for (let i = 0; i < word.length; i++) {
    const ch = word.charAt(i);
    if (quote === "'") {
      if (ch === "'") quote = "";
      else out += ch;
    } else if (ch === escapeChar && i + 1 < word.length) {
      out += word.charAt(i + 1);
      i++;
    } else if (quote === '"' && ch === '"') {
      quote = "";
    } else if (!quote && (ch === '"' || ch === "'")) {
      quote = ch;
    } else {
      out += ch;
    }
  }
  return out;
}
