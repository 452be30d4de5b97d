/**
 * The names an ARG instruction declares, split the way BuildKit splits them:
 * words separated by blanks (quotes and the escape character keep blanks
 * inside a word), each word `name` or `name=default`. `ARG A B` declares A
 * and B, both without a default.
 */
import { joinContinuations } from "./ast/continuations.js";
import type { ArgNode, Range } from "./ast/index.js";

export interface ArgDeclaration {
  name: string;
  nameRange: Range;
  /** The default as written (quotes kept), or null for `ARG NAME`. */
  value: string | null;
  /** File range of the default; null when there is none. */
  valueRange: Range | null;
}

/** The ARGs BuildKit defines for FROM lines without a declaration. */
export const FROM_PREDEFINED_ARGS = [
  "BUILDPLATFORM", "BUILDOS", "BUILDOSVERSION", "BUILDARCH", "BUILDVARIANT",
  "TARGETPLATFORM", "TARGETOS", "TARGETOSVERSION", "TARGETARCH", "TARGETVARIANT", "TARGETSTAGE",
];

/** Their values on a linux/amd64 builder that builds for itself (TARGETSTAGE aside). */
export const PLATFORM_ARG_DEFAULTS: Readonly<Record<string, string>> = {
  BUILDPLATFORM: "linux/amd64",
  BUILDOS: "linux",
  BUILDOSVERSION: "",
  BUILDARCH: "amd64",
  BUILDVARIANT: "",
  TARGETPLATFORM: "linux/amd64",
  TARGETOS: "linux",
  TARGETOSVERSION: "",
  TARGETARCH: "amd64",
  TARGETVARIANT: "",
};

const cache = new WeakMap<ArgNode, ArgDeclaration[]>();

function isBlank(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\r";
}

/** Words of `text` as BuildKit's ARG parser splits them, with their offsets. */
function splitWords(text: string, escapeChar: string): { word: string; start: number; end: number }[] {
  const words: { word: string; start: number; end: number }[] = [];
  let quote: string | null = null;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (start < 0) {
      if (isBlank(ch)) continue;
      start = i;
    }
    if (ch === escapeChar) {
      i++;
      continue;
    }
    if (quote !== null) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      continue;
    }
    if (isBlank(ch)) {
      words.push({ word: text.slice(start, i), start, end: i });
      start = -1;
    }
  }
  if (start >= 0) words.push({ word: text.slice(start), start, end: text.length });
  return words;
}

/** The declarations of an ARG instruction, computed once per node. */
export function argDeclarations(node: ArgNode, source: string, escapeChar: string): ArgDeclaration[] {
  const cached = cache.get(node);
  if (cached) return cached;
  const declarations: ArgDeclaration[] = [];
  if (node.argumentsRange) {
    const [from, to] = node.argumentsRange;
    const mapped = joinContinuations(source, from, to, escapeChar);
    const at = (offset: number): number => mapped.offsets[offset] ?? to;
    const after = (offset: number): number => (offset > 0 ? at(offset - 1) + 1 : at(0));
    for (const { word, start, end } of splitWords(mapped.text, escapeChar)) {
      const eq = word.indexOf("=");
      const name = eq < 0 ? word : word.slice(0, eq);
      declarations.push({
        name,
        nameRange: [at(start), after(start + name.length)],
        value: eq < 0 ? null : word.slice(eq + 1),
        valueRange: eq < 0 ? null : [at(start + eq + 1), after(end)],
      });
    }
  }
  cache.set(node, declarations);
  return declarations;
}
