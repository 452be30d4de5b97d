import type { LspPosition, LspRange } from "./lsp-positions.js";
import { lastStartAtOrBefore } from "./sorted-starts.js";
import type { Position, Range, SourceLocation } from "./types.js";

/** The line breaks dockerfile-ast counts: `\r\n`, `\r` and `\n`. ESLint is told the same. */
export const LINE_BREAK = /\r\n|[\r\n]/u;

/**
 * Converts between offsets, 1-based ESLint positions and the 0-based
 * line/character positions of dockerfile-ast.
 */
export class PositionIndex {
  readonly #text: string;
  readonly #lineStarts: number[];
  readonly #length: number;

  constructor(text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (code === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.#text = text;
    this.#lineStarts = starts;
    this.#length = text.length;
  }

  get lineCount(): number {
    return this.#lineStarts.length;
  }

  /** Offset of a dockerfile-ast (0-based) position, clamped to the text. */
  offsetOf(position: LspPosition): number {
    const line = Math.min(Math.max(position.line, 0), this.#lineStarts.length - 1);
    const offset = (this.#lineStarts[line] ?? 0) + Math.max(position.character, 0);
    return Math.min(offset, this.#length);
  }

  rangeOf(range: LspRange): Range {
    return [this.offsetOf(range.start), this.offsetOf(range.end)];
  }

  /**
   * 1-based line and column of an offset. The `\n` of a `\r\n` is on no
   * column (the break is one): an offset there is the line's end, at the `\r`.
   */
  positionOf(offset: number): Position {
    const line = lastStartAtOrBefore(this.#lineStarts, offset);
    const inBreak = this.#text.charCodeAt(offset) === 10 && this.#text.charCodeAt(offset - 1) === 13 ? 1 : 0;
    return { line: line + 1, column: offset - inBreak - (this.#lineStarts[line] ?? 0) + 1 };
  }

  locOf(range: Range): SourceLocation {
    return { start: this.positionOf(range[0]), end: this.positionOf(range[1]) };
  }

  /** Offset where the given 1-based line starts. */
  lineStart(line: number): number {
    return this.#lineStarts[line - 1] ?? this.#length;
  }
}
