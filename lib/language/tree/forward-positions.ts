/**
 * `TextDocument#positionAt` for offsets that mostly increase, as the
 * arguments of one instruction do: each position is found by counting the
 * line breaks since the previous one, not by a binary search over every line
 * of the file. Line breaks are those of vscode-languageserver-textdocument
 * (`\r\n`, `\r`, `\n`), and an offset between the `\r` and the `\n` of a
 * `\r\n` is placed before the `\r`, as it places it. An offset before the
 * previous one, or outside the text, asks the document.
 */
import type { LspPosition } from "./lsp-positions.js";

export interface PositionSource {
  positionAt(offset: number): LspPosition;
  offsetAt(position: LspPosition): number;
}

const LF = 10;
const CR = 13;

export class ForwardPositions {
  readonly #document: PositionSource;
  readonly #text: string;
  /** Line breaks before this offset are counted in `#line`; -1 before the first position. */
  #counted = -1;
  #line = 0;
  #lineStart = 0;

  constructor(document: PositionSource, text: string) {
    this.#document = document;
    this.#text = text;
  }

  positionAt(offset: number): LspPosition {
    const text = this.#text;
    if (this.#counted < 0 || offset < this.#counted || offset > text.length) return this.#restart(offset);
    let line = this.#line;
    let lineStart = this.#lineStart;
    let i = this.#counted;
    for (; i < offset; i++) {
      const ch = text.charCodeAt(i);
      if (ch === CR) {
        if (text.charCodeAt(i + 1) === LF) {
          // A `\r\n` that `offset` splits is counted once `offset` is past it.
          if (i + 1 === offset) break;
          i++;
        }
        line++;
        lineStart = i + 1;
      } else if (ch === LF) {
        line++;
        lineStart = i + 1;
      }
    }
    this.#counted = i;
    this.#line = line;
    this.#lineStart = lineStart;
    let at = offset;
    while (at > lineStart && isLineBreak(text.charCodeAt(at - 1))) at--;
    return { line, character: at - lineStart };
  }

  #restart(offset: number): LspPosition {
    const position = this.#document.positionAt(offset);
    if (offset >= 0 && offset <= this.#text.length) {
      this.#line = position.line;
      this.#lineStart = this.#document.offsetAt({ line: position.line, character: 0 });
      // From the line's start: the breaks before it are counted.
      this.#counted = this.#lineStart;
    }
    return position;
  }
}

function isLineBreak(ch: number): boolean {
  return ch === CR || ch === LF;
}
