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

interface LspPosition {
  line: number;
  character: number;
}

interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

/** What the scan reads of an instruction: fields that are protected in dockerfile-ast's types. */
export interface ScannableInstruction {
  document: { getText(): string; offsetAt(position: LspPosition): number; positionAt(offset: number): LspPosition };
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

export function scanRawArguments(instruction: ScannableInstruction): Argument[] {
  const document = instruction.document;
  const keyword = instruction.getInstructionRange();
  const keywordStart = document.offsetAt(keyword.start);
  const extra = document.offsetAt(keyword.end) - keywordStart;
  const line = instruction.getRange();
  // As `Line#getTextContent()` and the original: characters from the line's start, offsets from the keyword's.
  const fullArgs = document.getText().substring(document.offsetAt(line.start), document.offsetAt(line.end)).substring(extra);
  const offset = keywordStart + extra;
  const escapeChar = instruction.escapeChar;
  const escape = typeof escapeChar === "string" && escapeChar.length === 1 ? escapeChar.charCodeAt(0) : -1;
  const length = fullArgs.length;

  const args: Argument[] = [];
  // The argument read so far is `value` followed by fullArgs[runStart, runEnd).
  let value = "";
  let runStart = 0;
  let runEnd = 0;
  const append = (index: number): void => {
    if (runEnd !== index) {
      if (runEnd > runStart) value += fullArgs.slice(runStart, runEnd);
      runStart = index;
    }
    runEnd = index + 1;
  };
  const emit = (from: number, to: number): void => {
    const text = runEnd > runStart ? value + fullArgs.slice(runStart, runEnd) : value;
    args.push(new Argument(text, { start: document.positionAt(offset + from), end: document.positionAt(offset + to) }));
    value = "";
    runStart = runEnd = 0;
  };

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
        continue;
      } else if (found !== -1) {
        emit(found, escapeMarker === -1 ? i : escapeMarker);
        escapeMarker = -1;
        found = -1;
      }
    } else if (char === escape) {
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
      } else if (next === CR) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += 2;
      } else if (next === LF) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i++;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          emit(found, escapeMarker);
          found = -1;
        }
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === DOLLAR) {
          append(i);
          append(i + 1);
        } else if (next === -1) {
          break;
        } else {
          append(i + 1);
        }
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && char === HASH) {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          emit(found, escapeMarker);
          found = -1;
        }
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        append(i);
        if (found === -1) found = i;
      }
      start = false;
    }
  }
  if (found !== -1) emit(found, escapeMarker === -1 ? length : escapeMarker);
  return args;
}
