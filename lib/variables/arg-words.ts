/**
 * The names an ARG instruction declares (`ARG A B` declares A and B), and the
 * ARGs BuildKit predefines for FROM lines.
 */
import type { ArgNode, Range } from "../language/index.js";

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

/**
 * The declarations of an ARG instruction, read from the tree (which splits them
 * as BuildKit does). The same objects come back for a node each time, so rules
 * may compare them by identity.
 */
export function argDeclarations(node: ArgNode): ArgDeclaration[] {
  let declarations = cache.get(node);
  if (!declarations) {
    declarations = node.pairs.map((pair) => ({
      name: pair.key.value,
      nameRange: pair.key.range,
      value: pair.value?.value ?? null,
      valueRange: pair.value?.range ?? null,
    }));
    cache.set(node, declarations);
  }
  return declarations;
}
