/**
 * The text of an instruction's command part: what BuildKit reads as an exec
 * array or as a shell command. For RUN, CMD, ENTRYPOINT, SHELL, VOLUME, COPY
 * and ADD it starts after the flags; for HEALTHCHECK, after `CMD`. With line
 * continuations joined, as the builder sees it, and a map back to the file.
 */
import { fileOffsetOf, joinContinuations } from "./tree/index.js";
import type { InstructionNode, MappedText, Range, RunNode } from "./tree/index.js";

export interface CommandRegion {
  /** File range of the command text. */
  range: Range;
  /** The text with continuations joined; `mapped.offsets[i]` is the file offset of `mapped.text[i]`. */
  mapped: MappedText;
}

/**
 * The command region, or null when there is none, or when the instruction
 * has heredocs (whose commands are shell scripts, never exec arrays).
 */
export function commandRegion(node: InstructionNode, text: string, escapeChar: string): CommandRegion | null {
  let first;
  switch (node.type) {
    case "Run":
    case "Copy":
    case "Add":
      if (node.heredocs.length > 0) return null;
      first = node.arguments[0];
      break;
    case "Cmd":
    case "Entrypoint":
    case "Shell":
    case "Volume":
      first = node.arguments[0];
      break;
    case "Healthcheck":
      if (node.subcommand?.value.toUpperCase() !== "CMD") return null;
      first = node.arguments[1];
      break;
    default:
      return null;
  }
  if (!first) return null;
  const range: Range = [first.range[0], node.range[1]];
  if (range[0] >= range[1]) return null;
  return { range, mapped: joinContinuations(text, range[0], range[1], escapeChar) };
}

/** The file range of `mapped.text.slice(start, end)`, or null when it spans a continuation. */
export function fileRangeOf(mapped: MappedText, start: number, end: number): Range | null {
  if (end <= start || start < 0 || end - 1 > mapped.text.length) return null;
  const from = fileOffsetOf(mapped, start);
  const last = fileOffsetOf(mapped, end - 1);
  return last - from === end - start - 1 ? [from, last + 1] : null;
}

/** Where a RUN's script starts in the file: after its flags (its end when it has no words). */
export function runScriptStart(node: RunNode): number {
  return node.flags.at(-1)?.range[1] ?? node.argumentsRange?.[0] ?? node.range[1];
}
