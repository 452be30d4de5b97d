/**
 * Text of a Dockerfile region as the builder sees it: line continuations
 * (escape character, optional blanks, line break) removed, and the comment
 * or empty lines inside a continuation dropped, as BuildKit does.
 */
export interface MappedText {
  text: string;
  /** `offsets[i]` is the file offset of `text[i]`; `offsets[text.length]` is the region's end. */
  offsets: number[];
}

/** The file offset of `mapped.text[offset]`, clamped to the region (its end for an offset past the text). */
export function fileOffsetOf(mapped: MappedText, offset: number): number {
  const clamped = Math.min(Math.max(offset, 0), mapped.offsets.length - 1);
  return mapped.offsets[clamped] ?? 0;
}

function lineBreakLength(source: string, at: number): number {
  const code = source.charCodeAt(at);
  if (code === 13) return source.charCodeAt(at + 1) === 10 ? 2 : 1;
  return code === 10 ? 1 : 0;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/** Where the line starting at `at` ends (before its line break). */
function lineEnd(source: string, at: number, end: number): number {
  let i = at;
  while (i < end && lineBreakLength(source, i) === 0) i++;
  return i;
}

/** If the line at `at` is blank or a comment, the offset after it (and its break); otherwise -1. */
function skippableLineEnd(source: string, at: number, end: number): number {
  let i = at;
  while (i < end && isBlank(source.charCodeAt(i))) i++;
  if (i < end && source.charCodeAt(i) !== 35 /* # */ && lineBreakLength(source, i) === 0) return -1;
  const stop = lineEnd(source, i, end);
  if (stop >= end) return stop === at ? -1 : stop;
  return stop + lineBreakLength(source, stop);
}

/** Continuation at `at`: returns the offset after the continuation and skipped lines, or -1. */
export function continuationEnd(source: string, at: number, end: number, escapeChar: string): number {
  // BuildKit: an escape at a line end continues the line unless an escape precedes it (`\\`).
  if (source[at] !== escapeChar || source[at - 1] === escapeChar) return -1;
  let i = at + 1;
  while (i < end && isBlank(source.charCodeAt(i))) i++;
  const breakLength = lineBreakLength(source, i);
  if (breakLength === 0) return i >= end ? end : -1;
  i += breakLength;
  for (;;) {
    const next = skippableLineEnd(source, i, end);
    if (next < 0 || next === i) return i;
    i = next;
  }
}

export function joinContinuations(source: string, start: number, end: number, escapeChar: string): MappedText {
  let text = "";
  const offsets: number[] = [];
  let chunkStart = start;
  let i = start;
  while (i < end) {
    if (source[i] === escapeChar) {
      const after = continuationEnd(source, i, end, escapeChar);
      if (after > i) {
        text += source.slice(chunkStart, i);
        for (let k = chunkStart; k < i; k++) offsets.push(k);
        i = after;
        chunkStart = i;
        continue;
      }
    }
    i++;
  }
  const stop = Math.min(i, end);
  text += source.slice(chunkStart, stop);
  for (let k = chunkStart; k < stop; k++) offsets.push(k);
  offsets.push(end);
  return { text, offsets };
}
