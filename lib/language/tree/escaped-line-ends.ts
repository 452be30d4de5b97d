/**
 * Line ends that look like continuations but are not, for BuildKit: an escape
 * character at the end of a line (blanks may follow) continues the
 * instruction only when another escape does not come right before it, so
 * `ENV C trailing\\backslash\\` ends at its line. dockerfile-ast joins the
 * next line there; the tree parses a copy of the text in which the last escape
 * of such a line is a placeholder of the same length, so offsets and lines
 * stay those of the file, and gives the escape back in the values it reads.
 *
 * dockerfile-ast also misreads a continued line that holds only an escape, a
 * blank and one character (`\ X`): it skips that character without seeing
 * that the line has content, so it joins every line up to the next word. The
 * escape of such a line gets a placeholder too; the line then ends the
 * instruction, as in BuildKit.
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
  const doubled = doubledEscapeEnds(text, escapeChar);
  const lonely = lonelyCharacterLines(text, escapeChar);
  if (doubled.length === 0 && lonely.length === 0) return [];
  const found = lonely.length === 0 ? doubled : [...doubled, ...lonely].sort((a, b) => a - b);
  const ranges = skip();
  return found.filter((offset) => !ranges.some(([start, end]) => offset >= start && offset < end));
}

function doubledEscapeEnds(text: string, escapeChar: string): number[] {
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
  return found;
}

function isLineBreak(ch: string | undefined): boolean {
  return ch === "\n" || ch === "\r";
}

/**
 * Offsets of the escape that starts a continued line of the shape
 * `<blanks><escape><blanks><one character><blanks>`. Each search moves
 * forward, and each look back stops at the previous line with content, so
 * the whole scan is linear in the text.
 */
function lonelyCharacterLines(text: string, escapeChar: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(escapeChar); at >= 0; at = text.indexOf(escapeChar, at + 1)) {
    if (text[at + 1] !== " " && text[at + 1] !== "\t") continue;
    let lineStart = at;
    while (lineStart > 0 && (text[lineStart - 1] === " " || text[lineStart - 1] === "\t")) lineStart--;
    if (lineStart > 0 && !isLineBreak(text[lineStart - 1])) continue;
    let only = at + 1;
    while (text[only] === " " || text[only] === "\t") only++;
    const ch = text[only];
    if (ch === undefined || isLineBreak(ch) || ch === escapeChar) continue;
    let after = only + 1;
    while (text[after] === " " || text[after] === "\t") after++;
    if (after < text.length && !isLineBreak(text[after])) continue;
    if (previousLineContinues(text, lineStart, escapeChar)) found.push(at);
  }
  return found;
}

/** Whether the last line with content before `lineStart` (blank and comment lines are skipped, as in a continuation) ends in one escape. */
function previousLineContinues(text: string, lineStart: number, escapeChar: string): boolean {
  let end = lineStart - 1;
  while (end >= 0) {
    let start = end;
    while (start > 0 && !isLineBreak(text[start - 1])) start--;
    let first = start;
    while (first < end && isBlank(text[first])) first++;
    let last = end - 1;
    while (last >= first && isBlank(text[last])) last--;
    if (last >= first && text[first] !== "#") return text[last] === escapeChar && text[last - 1] !== escapeChar;
    end = start - 1;
  }
  return false;
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
