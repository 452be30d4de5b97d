/**
 * dockerfile-ast's `Instruction#getRawArguments()` scans the instruction's text
 * one character at a time on every call, and the parse and the accessors
 * (`getArguments`, `getFlags`, `getArgumentsRange`, the JSON-instruction
 * constructor, the FROM accessors…) call it again and again: over five scans
 * per instruction to build one tree. An instruction's text never changes once
 * parsed, so while this plugin parses, each instruction keeps the result of
 * its first scan.
 *
 * The prototype's method is swapped only for the duration of one synchronous
 * parse and restored after it, so other users of dockerfile-ast in the same
 * process are untouched; the instances parsed meanwhile keep their cache as
 * an own property. A dockerfile-ast without the method parses as it is.
 * Callers mutate the array they get (`ModifiableInstruction#getArguments`
 * shifts the flags off it), so every call gets a fresh copy.
 */
import { Instruction } from "dockerfile-ast";

/** The method is private in dockerfile-ast's types. */
interface Scanning {
  getRawArguments?: (this: Instruction) => unknown[];
}

export function withCachedRawArguments<T>(parse: () => T): T {
  const prototype = Instruction.prototype as unknown as Scanning;
  const scan = prototype.getRawArguments;
  if (typeof scan !== "function") return parse();
  prototype.getRawArguments = function cachingScan(this: Instruction): unknown[] {
    const found = scan.call(this);
    Object.defineProperty(this, "getRawArguments", {
      configurable: true,
      writable: true,
      value: () => found.slice(),
    });
    return found.slice();
  };
  try {
    return parse();
  } finally {
    prototype.getRawArguments = scan;
  }
}
