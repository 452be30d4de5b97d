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
 *
 * The one scan is `scanRawArguments`, the same reading built from slices,
 * while dockerfile-ast's method is the one it was checked against (its source
 * text's digest below); any other version scans with its own method.
 */
import { createHash } from "node:crypto";
import { Instruction } from "dockerfile-ast";
import { scanRawArguments, type ScannableInstruction } from "./argument-scan.js";
import type { LspPosition } from "./lsp-positions.js";

/** SHA-256 of the source text of dockerfile-ast 0.7's `Instruction#getRawArguments`, which `scanRawArguments` reads as. */
export const CHECKED_SCAN_DIGEST = "603221fadfbcbd3f618b724490eceb2bab8053596612eb59c77ec333987d47e5";

/** The method is private in dockerfile-ast's types. */
interface Scanning {
  getRawArguments?: (this: Instruction) => unknown[];
}

/** The parsed text an instruction reads (a protected field in dockerfile-ast's types). */
interface OfDocument {
  document?: { offsetAt(position: LspPosition): number };
}

/** One scan, and the positions that fix what it read besides its start. */
interface Scanned {
  keywordEnd: LspPosition;
  end: LspPosition;
  args: unknown[];
}

function samePosition(a: LspPosition, b: LspPosition): boolean {
  return a.line === b.line && a.character === b.character;
}

const prototype = Instruction.prototype as unknown as Scanning;
/** dockerfile-ast's own scan, read once; undefined in a dockerfile-ast without it. */
const scan = prototype.getRawArguments;
/** The scans of the parse under way: document → offset where the instruction starts → its scans. */
let found: Map<object, Map<number, Scanned[]>> | undefined;

/**
 * One function for every parse, reading the parse's scans from `found`: a
 * closure per parse, stored on the long-lived prototype, outlived its parse
 * in V8's young-generation collections, with every scan it held, until a full
 * collection, which made a fifth of the tree build's allocations reach the
 * old generation. None without dockerfile-ast's own scan.
 */
const cachingScan = typeof scan === "function" ? cachingScanOver(sameReadingAs(scan)) : undefined;

/** Our slice-built scan where it reads as dockerfile-ast's own, else dockerfile-ast's own. */
function sameReadingAs(original: (this: Instruction) => unknown[]): (this: Instruction) => unknown[] {
  if (digestOf(original) !== CHECKED_SCAN_DIGEST) return original;
  return function sliceScan(this: Instruction): unknown[] {
    return scanRawArguments(this as unknown as ScannableInstruction);
  };
}

export function digestOf(method: (...args: never[]) => unknown): string {
  return createHash("sha256").update(Function.prototype.toString.call(method)).digest("hex");
}

function cachingScanOver(read: (this: Instruction) => unknown[]): (this: Instruction) => unknown[] {
  return function cachingScan(this: Instruction): unknown[] {
    const document = (this as unknown as OfDocument).document;
    if (found === undefined || typeof document?.offsetAt !== "function") return (scan as (this: Instruction) => unknown[]).call(this);
    let byStart = found.get(document);
    if (byStart === undefined) found.set(document, (byStart = new Map<number, Scanned[]>()));
    const { start, end } = this.getRange();
    const keywordEnd = this.getInstructionRange().end;
    const offset = document.offsetAt(start);
    let scans = byStart.get(offset);
    if (scans === undefined) byStart.set(offset, (scans = []));
    // The document, the start, the keyword's end and the end fix what a scan reads: copies dockerfile-ast built of one instruction share it.
    let hit = scans.find((scanned) => samePosition(scanned.end, end) && samePosition(scanned.keywordEnd, keywordEnd));
    if (hit === undefined) scans.push((hit = { keywordEnd, end, args: read.call(this) }));
    return hit.args.slice();
  };
}

export function withCachedRawArguments<T>(parse: () => T): T {
  // A parse inside a parse shares the outer one's scans.
  if (cachingScan === undefined || found !== undefined) return parse();
  found = new Map();
  prototype.getRawArguments = cachingScan;
  try {
    return parse();
  } finally {
    prototype.getRawArguments = scan;
    found = undefined;
  }
}
