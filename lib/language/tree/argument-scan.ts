/**
 * dockerfile-ast's `Instruction#getRawArguments()`, read the same way but
 * built from slices of the text. The original appends every character of an
 * argument to a string one at a time and makes each range through
 * `Range.create`'s validation; for a long RUN that is one string object per
 * character. The state machine below is the same one, step for step: what an
 * argument holds, where it ends, and how escaped line ends, escaped blanks and
 * comment lines inside a continuation are skipped. The scan is used only in
 * front of the dockerfile-ast method it was checked against (see
 * `raw-arguments-cache.ts`), and tests compare the two on the corpus and on
 * generated text.
 */
import { Argument } from "dockerfile-ast";
import { ForwardPositions, type PositionSource } from "./forward-positions.js";
import type { LspRange } from "./lsp-positions.js";

/** What the scan reads of an instruction: fields that are protected in dockerfile-ast's types. */
export interface ScannableInstruction {
  document: PositionSource & { getText(): string };
  escapeChar: unknown;
  getRange(): LspRange;
  getInstructionRange(): LspRange;
}

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const HASH = 35;
const DOLLAR = 36;
/** A run of characters other than the blanks dockerfile-ast splits on. */
const WORDS = /[^\t\n\r ]+/gu;
const LINE_BREAK = /[\n\r]/u;

/** An argument of `value` over [offset + from, offset + to) of the document, as dockerfile-ast makes it. */
function argumentOf(positions: ForwardPositions, offset: number, value: string, from: number, to: number): Argument {
  return new Argument(value, { start: positions.positionAt(offset + from), end: positions.positionAt(offset + to) });
}

/** The argument read so far: `value`, then the run fullArgs[runStart, runEnd) not yet moved into it. */
function joined(value: string, fullArgs: string, runStart: number, runEnd: number): string {
  return runEnd > runStart ? value + fullArgs.slice(runStart, runEnd) : value;
}

export function scanRawArguments(instruction: ScannableInstruction): Argument[] {
  const document = instruction.document;
  const keyword = instruction.getInstructionRange();
  const keywordStart = document.offsetAt(keyword.start);
  const extra = document.offsetAt(keyword.end) - keywordStart;
  const line = instruction.getRange();
  // As `Line#getTextContent()` and the original: characters from the line's start, offsets from the keyword's.
  const lineStart = document.offsetAt(line.start);
  const text = document.getText();
  const fullArgs = text.substring(lineStart, document.offsetAt(line.end)).substring(extra);
  // Arguments come in order: each position is counted on from the one before.
  const positions = new ForwardPositions(document, text);
  const offset = keywordStart + extra;
  const escapeChar = instruction.escapeChar;
  const escape = typeof escapeChar === "string" && escapeChar.length === 1 ? escapeChar.charCodeAt(0) : -1;
  const length = fullArgs.length;

  const args: Argument[] = [];
  if (escape === -1 || !fullArgs.includes(escapeChar as string)) {
    // Without the escape character nothing is skipped: each argument is a run of non-blanks.
    // On one line read from where the keyword starts, a position is the first one moved along.
    const first = lineStart === keywordStart && !LINE_BREAK.test(fullArgs) ? document.positionAt(offset) : null;
    WORDS.lastIndex = 0;
    for (let match = WORDS.exec(fullArgs); match !== null; match = WORDS.exec(fullArgs)) {
      const from = match.index;
      const to = from + match[0].length;
      if (first === null) {
        args.push(argumentOf(positions, offset, match[0], from, to));
      } else {
        const range = { start: { line: first.line, character: first.character + from }, end: { line: first.line, character: first.character + to } };
        args.push(new Argument(match[0], range));
      }
    }
    return args;
  }
  // The argument read so far is `value` followed by fullArgs[runStart, runEnd): appending the
  // character at `i` extends the run when it follows it, else moves the run into `value` first.
  // Plain locals, not closures over them, so that V8 keeps them in registers.
  let value = "";
  let runStart = 0;
  let runEnd = 0;
  let start = false;
  let comment = false;
  let found = -1;
  // A blank that is part of an escaped line end was seen.
  let escapedWhitespaceDetected = false;
  // Inside an escaped line-end sequence.
  let escaping = false;
  let escapeMarker = -1;
  for (let i = 0; i < length; i++) {
    const char = fullArgs.charCodeAt(i);
    if (char === SPACE || char === TAB || char === CR || char === LF) {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (char === CR || char === LF) {
          escapedWhitespaceDetected = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
      } else if (found !== -1) {
        args.push(argumentOf(positions, offset, joined(value, fullArgs, runStart, runEnd), found, escapeMarker === -1 ? i : escapeMarker));
        value = "";
        runStart = runEnd = 0;
        escapeMarker = -1;
        found = -1;
      }
      continue;
    }
    // The characters [from, to) join the argument; `to` is -1 for an escape that ends the text.
    let from: number;
    let to: number;
    if (char === escape) {
      const next = i + 1 < length ? fullArgs.charCodeAt(i + 1) : -1;
      if (next === SPACE || next === TAB) {
        whitespaceCheck: for (let j = i + 2; j < length; j++) {
          switch (fullArgs.charCodeAt(j)) {
            case SPACE:
            case TAB:
              continue;
            case CR:
              j++;
            // falls through, as in the original: a CR ends the line whatever follows it
            case LF:
              comment = false;
              escaping = true;
              start = true;
              if (found !== -1) escapeMarker = i;
              i = j;
              break whitespaceCheck;
            default:
              escapeMarker = i;
              if (found === -1) i = j - 1;
              break whitespaceCheck;
          }
        }
        continue;
      }
      if (next === CR || next === LF) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += next === CR ? 2 : 1;
        continue;
      }
      // An escaped `$` keeps its escape; any other escaped character stands for itself.
      from = next === DOLLAR ? i : i + 1;
      to = next === -1 ? -1 : i + 2;
    } else if (comment) {
      continue;
    } else if (start && char === HASH) {
      comment = true;
      start = false;
      continue;
    } else {
      from = i;
      to = i + 1;
      start = false;
    }
    // After an escaped blank, a character starts a new argument.
    if (escapedWhitespaceDetected && escapeMarker !== -1) {
      args.push(argumentOf(positions, offset, joined(value, fullArgs, runStart, runEnd), found, escapeMarker));
      value = "";
      runStart = runEnd = 0;
      found = -1;
    }
    escapeMarker = -1;
    escapedWhitespaceDetected = false;
    escaping = false;
    if (to === -1) break;
    if (runEnd !== from) {
      if (runEnd > runStart) value += fullArgs.slice(runStart, runEnd);
      runStart = from;
    }
    runEnd = to;
    if (found === -1) found = i;
    if (to === i + 2) i++;
  }
  if (found !== -1) {
    args.push(argumentOf(positions, offset, joined(value, fullArgs, runStart, runEnd), found, escapeMarker === -1 ? length : escapeMarker));
  }
  return args;
}
