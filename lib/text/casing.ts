/**
 * Letter casing of Dockerfile keywords and names, judged as BuildKit does: a
 * word is lower case when lower-casing leaves it unchanged, upper case when
 * upper-casing does, and mixed otherwise.
 */

export type Casing = "lower" | "upper" | "mixed";

export function casingOf(word: string): Casing {
  if (word === word.toLowerCase()) return "lower";
  if (word === word.toUpperCase()) return "upper";
  return "mixed";
}

/** The word in the given casing. */
export function withCasing(word: string, casing: "lower" | "upper"): string {
  return casing === "lower" ? word.toLowerCase() : word.toUpperCase();
}
