/**
 * From ShellCheck's json1 positions in a temporary script back to the
 * Dockerfile. The script is two header lines, then the mapped text;
 * json1 counts characters (a tab is one, an astral character is one), the
 * file counts UTF-16 units.
 */
import { fileOffsetOf } from "../language/index.js";
import type { MappedText } from "../language/index.js";

/** Lines of the temporary script before the mapped text. */
export const HEADER_LINES = 2;

export class ScriptPositions {
  readonly #mapped: MappedText;
  readonly #lineStarts: number[];

  constructor(mapped: MappedText) {
    this.#mapped = mapped;
    const starts = [0];
    for (let i = 0; i < mapped.text.length; i++) if (mapped.text.charCodeAt(i) === 10) starts.push(i + 1);
    this.#lineStarts = starts;
  }

  /**
   * Index in the mapped text of a 1-based script line and character column;
   * null on the header lines, and past the text unless `clamp` (then the text's end).
   * A column past the line's end is the line's end.
   */
  indexOf(line: number, column: number, clamp = false): number | null {
    const bodyLine = line - HEADER_LINES - 1;
    const start = this.#lineStarts[bodyLine];
    if (bodyLine < 0) return null;
    if (start === undefined) return clamp ? this.#mapped.text.length : null;
    const text = this.#mapped.text;
    const next = this.#lineStarts[bodyLine + 1];
    const end = next === undefined ? text.length : next - 1;
    let i = start;
    for (let characters = 1; characters < column && i < end; characters++) {
      const code = text.charCodeAt(i);
      i += code >= 0xd800 && code <= 0xdbff && i + 1 < end ? 2 : 1;
    }
    return i;
  }

  /** The mapped text's length: where an end past the text is clamped to. */
  get length(): number {
    return this.#mapped.text.length;
  }

  /** File offset where the character at `index` starts (or the region's end). */
  fileOffset(index: number): number {
    return fileOffsetOf(this.#mapped, index);
  }

  /** File range of the mapped [start, end), the end kept exclusive. */
  fileRange(start: number, end: number): [number, number] {
    const from = this.fileOffset(start);
    return [from, end > start ? Math.max(from, this.fileOffset(end - 1) + 1) : from];
  }

  /**
   * File range of [start, end) when it is the same text in the file, with no
   * removed text (a line continuation, a comment line) inside or, for an
   * insertion, at the point; null otherwise.
   */
  cleanFileRange(start: number, end: number, source: string): [number, number] | null {
    const [from, to] = this.fileRange(start, end);
    const text = this.#mapped.text;
    if (end > start) return to - from === end - start && source.slice(from, to) === text.slice(start, end) ? [from, to] : null;
    if (start > 0 && (this.fileOffset(start - 1) + 1 !== from || source[from - 1] !== text[start - 1])) return null;
    if (start < text.length && source[from] !== text[start]) return null;
    return [from, from];
  }
}
