/**
 * Line ends that look like continuations but are not, for BuildKit: an escape
 * character at the end of a line (blanks may follow) continues the
 * instruction only when another escape does not come right before it, so
 * `ENV C trailing\\backslash\\` ends at its line. dockerfile-ast joins the
 * next line there; the tree parses a copy of the text in which the last escape
 * of such a line is a placeholder of the same length, so offsets and lines
 * stay those of the file, and gives the escape back in the values it reads.
 */
import type { Range } from "./types.js";

/** Stands for the last escape of a line that does not continue: not blank, not an escape, not special to dockerfile-ast. */
export const LINE_END_PLACEHOLDER = "_";

function isBlank(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\r";
}

/**
 * Offsets of the last escape of each line that ends in two (or more) escapes,
 * outside comment lines and outside the `skip` ranges (heredoc bodies, which
 * keep their text as written). `skip` is asked only when there is a candidate.
 */
export function escapedLineEnds(text: string, escapeChar: string, skip: () => readonly Range[]): number[] {
  // Most files have no doubled escape at all: one search, no line scan.
  if (!text.includes(escapeChar + escapeChar)) return [];
  const found: number[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    let last = lineEnd - 1;
    while (last >= lineStart && isBlank(text[last])) last--;
    if (last - 1 >= lineStart && text[last] === escapeChar && text[last - 1] === escapeChar) {
      let first = lineStart;
      while (first < last && (text[first] === " " || text[first] === "\t")) first++;
      if (text[first] !== "#") found.push(last);
    }
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  if (found.length === 0) return found;
  const ranges = skip();
  return found.filter((offset) => !ranges.some(([start, end]) => offset >= start && offset < end));
}

/** The text with a placeholder at each offset. */
export function withPlaceholders(text: string, offsets: readonly number[]): string {
  let out = "";
  let from = 0;
  for (const offset of offsets) {
    out += text.slice(from, offset) + LINE_END_PLACEHOLDER;
    from = offset + 1;
  }
  return out + text.slice(from);
}
