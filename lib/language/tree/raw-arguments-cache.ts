/**
 * dockerfile-ast's `Instruction#getRawArguments()` scans the instruction's text
 * one character at a time on every call, and the parse and the accessors
 * (`getArguments`, `getFlags`, `getArgumentsRange`, the JSON-instruction
 * constructor, the FROM accessors…) call it again and again: over five scans
 * per instruction to build one tree. Its parse also constructs every
 * JSON-form instruction (RUN, COPY, CMD…) twice, and each copy scans. An
 * instruction's text never changes once parsed, so while this plugin parses,
 * the first scan of each instruction range of a document is kept and handed
 * to every later call for the same range of the same document, whichever
 * object asks.
 *
 * The prototype's method is swapped only for the duration of one synchronous
 * parse and restored after it, so other users of dockerfile-ast in the same
 * process are untouched, and the objects parsed meanwhile scan as usual once
 * it is over. A dockerfile-ast without the method parses as it is. Callers
 * mutate the array they get (`ModifiableInstruction#getArguments` shifts the
 * flags off it), so every call gets a fresh copy.
 */
import { Instruction } from "dockerfile-ast";

/** The method is private in dockerfile-ast's types. */
interface Scanning {
  getRawArguments?: (this: Instruction) => unknown[];
}

/** The parsed text an instruction reads (a protected field in dockerfile-ast's types). */
interface OfDocument {
  document?: object;
}

interface LspPosition {
  line: number;
  character: number;
}

/** One number per position: lines and columns of a text under 1 MiB stay far below 2^26. */
function keyOf(position: LspPosition): number {
  return position.line * 67_108_864 + position.character;
}

export function withCachedRawArguments<T>(parse: () => T): T {
  const prototype = Instruction.prototype as unknown as Scanning;
  const scan = prototype.getRawArguments;
  if (typeof scan !== "function") return parse();
  // Document → instruction start → keyword end → instruction end → arguments:
  // the document and the three positions fix what the scan reads.
  const found = new Map<object, Map<number, Map<number, Map<number, unknown[]>>>>();
  prototype.getRawArguments = function cachingScan(this: Instruction): unknown[] {
    const document = (this as unknown as OfDocument).document;
    if (document === undefined) return scan.call(this);
    const byDocument = found.get(document) ?? new Map<number, Map<number, Map<number, unknown[]>>>();
    const range = this.getRange();
    const byStart = byDocument.get(keyOf(range.start)) ?? new Map<number, Map<number, unknown[]>>();
    const keywordEnd = keyOf(this.getInstructionRange().end);
    const byKeyword = byStart.get(keywordEnd) ?? new Map<number, unknown[]>();
    const end = keyOf(range.end);
    let args = byKeyword.get(end);
    if (args === undefined) {
      args = scan.call(this);
      byKeyword.set(end, args);
      byStart.set(keywordEnd, byKeyword);
      byDocument.set(keyOf(range.start), byStart);
      found.set(document, byDocument);
    }
    return args.slice();
  };
  try {
    return parse();
  } finally {
    prototype.getRawArguments = scan;
  }
}
