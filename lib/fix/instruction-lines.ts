/**
 * Line-level edits around instructions, for fixes that insert, remove or
 * move whole instructions while keeping the file's line endings (`\r\n`,
 * `\n` or `\r`) and each line's indentation.
 */
import type { Range } from "../language/index.js";

function isBreak(code: number): boolean {
  return code === 10 || code === 13;
}

/** Offset of the start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  let i = Math.min(Math.max(offset, 0), text.length);
  while (i > 0 && !isBreak(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Offset of the end of the line holding `offset`, before its line break. */
export function lineEndOf(text: string, offset: number): number {
  let i = Math.min(Math.max(offset, 0), text.length);
  while (i < text.length && !isBreak(text.charCodeAt(i))) i++;
  return i;
}

/** The line break at `offset` (`\r\n`, `\n`, `\r`), or "" at the end of the text. */
export function lineBreakAt(text: string, offset: number): string {
  const code = text.charCodeAt(offset);
  if (code === 13) return text.charCodeAt(offset + 1) === 10 ? "\r\n" : "\r";
  return code === 10 ? "\n" : "";
}

/** The file's line ending: its first line break, or `\n` when it has none. */
export function fileLineEnding(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (isBreak(text.charCodeAt(i))) return lineBreakAt(text, i);
  }
  return "\n";
}

/** The line ending to use next to `offset`: the break ending its line, else the file's. */
export function lineEndingNear(text: string, offset: number): string {
  return lineBreakAt(text, lineEndOf(text, offset)) || fileLineEnding(text);
}

/** The blanks that start the line holding `offset`. */
export function indentationAt(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  let end = start;
  while (end < text.length && (text[end] === " " || text[end] === "\t")) end++;
  return text.slice(start, end);
}

/** The whole lines an instruction covers, with the line break after its last line. */
export function wholeLinesRange(text: string, range: Range): Range {
  const start = lineStartOf(text, range[0]);
  const end = lineEndOf(text, range[1]);
  return [start, end + lineBreakAt(text, end).length];
}

/**
 * An insertion of a new line above the line holding `offset`, indented like
 * that line: `[at, at]` and the text to insert there.
 */
export function lineAbove(text: string, offset: number, line: string): { range: Range; text: string } {
  const start = lineStartOf(text, offset);
  return { range: [start, start], text: `${indentationAt(text, offset)}${line}${lineEndingNear(text, offset)}` };
}

/**
 * An insertion of a new line below the last line of `range`, indented like
 * the line holding `range[0]`.
 */
export function lineBelow(text: string, range: Range, line: string): { range: Range; text: string } {
  const end = lineEndOf(text, range[1]);
  return { range: [end, end], text: `${lineEndingNear(text, range[0])}${indentationAt(text, range[0])}${line}` };
}

/** Writes `keyword` in the casing of `model` (all lower case when `model` is). */
export function keywordLike(keyword: string, model: string): string {
  return model === model.toLowerCase() && model !== model.toUpperCase() ? keyword.toLowerCase() : keyword.toUpperCase();
}
