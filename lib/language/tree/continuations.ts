/**
 * Text of a Dockerfile region as the builder sees it: line continuations
 * (escape character, optional blanks, line break) removed, and the comment
 * or empty lines inside a continuation dropped, as BuildKit does.
 */
import { lastStartAtOrBefore } from "./sorted-starts.js";

export interface MappedText {
  text: string;
  /** `offsets[i]` is the file offset of `text[i]`; `offsets[text.length]` is the region's end. */
  readonly offsets: readonly number[];
}

/**
 * A joined region kept as the runs of text it copies from the file: most
 * regions are one run, so an offset is found without an array of one number
 * per character, which is built only if a caller reads `offsets`.
 */
class JoinedText implements MappedText {
  readonly text: string;
  /** Where each run starts in `text`, ascending, and where it starts in the file. */
  readonly #textStarts: readonly number[];
  readonly #fileStarts: readonly number[];
  readonly #end: number;
  #offsets: number[] | undefined;

  constructor(text: string, textStarts: number[], fileStarts: number[], end: number) {
    this.text = text;
    this.#textStarts = textStarts;
    this.#fileStarts = fileStarts;
    this.#end = end;
  }

  /** The file offset of `text[index]`, for 0 ≤ index ≤ text.length (the region's end at text.length). */
  offsetAt(index: number): number {
    if (index >= this.text.length) return this.#end;
    const run = lastStartAtOrBefore(this.#textStarts, index);
    return (this.#fileStarts[run] ?? 0) + index - (this.#textStarts[run] ?? 0);
  }

  get offsets(): readonly number[] {
    if (this.#offsets === undefined) {
      const length = this.text.length;
      const offsets = new Array<number>(length + 1);
      for (let run = 0; run < this.#textStarts.length; run++) {
        const from = this.#textStarts[run] ?? 0;
        const to = this.#textStarts[run + 1] ?? length;
        const file = (this.#fileStarts[run] ?? 0) - from;
        for (let i = from; i < to; i++) offsets[i] = file + i;
      }
      offsets[length] = this.#end;
      this.#offsets = offsets;
    }
    return this.#offsets;
  }
}

/** The file offset of `mapped.text[offset]`, clamped to the region (its end for an offset past the text). */
export function fileOffsetOf(mapped: MappedText, offset: number): number {
  const clamped = Math.max(Math.min(offset, mapped.text.length), 0);
  if (mapped instanceof JoinedText) return mapped.offsetAt(clamped);
  return mapped.offsets[Math.min(clamped, mapped.offsets.length - 1)] ?? 0;
}

/** `text`, which starts at file offset `start` and has no continuation, as a mapped text. */
export function unjoinedText(text: string, start: number): MappedText {
  return new JoinedText(text, [0], [start], start + text.length);
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
  const textStarts: number[] = [];
  const fileStarts: number[] = [];
  const addRun = (from: number, to: number): void => {
    if (to <= from) return;
    textStarts.push(text.length);
    fileStarts.push(from);
    text += source.slice(from, to);
  };
  let chunkStart = start;
  let i = start;
  while (i < end) {
    if (source[i] === escapeChar) {
      const after = continuationEnd(source, i, end, escapeChar);
      if (after > i) {
        addRun(chunkStart, i);
        i = after;
        chunkStart = i;
        continue;
      }
    }
    i++;
  }
  addRun(chunkStart, Math.min(i, end));
  if (textStarts.length === 0) {
    textStarts.push(0);
    fileStarts.push(end);
  }
  return new JoinedText(text, textStarts, fileStarts, end);
}
