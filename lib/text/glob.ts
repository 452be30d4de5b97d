/**
 * Glob patterns for option values such as image names, registries and URLs:
 * `*` matches within one `/`-separated part, `**` across parts, `?` one
 * character. Matching is case-insensitive, as registries and hosts are.
 * Patterns run on the wildcard automaton, never as a backtracking regexp:
 * `*-*-*-*-*-z` against a long image name stays linear in the name.
 */
import { wildcardMatcher } from "./wildcard.js";
import type { WildcardMatcher, WildcardToken } from "./wildcard.js";

const notSlash = (char: string): boolean => char !== "/";
/** What `.` of a regular expression matches: `**` never crossed a line break. */
const anything = (char: string): boolean => char !== "\n" && char !== "\r" && char !== "\u2028" && char !== "\u2029";

export function compileGlob(pattern: string, options: { caseSensitive?: boolean } = {}): WildcardMatcher {
  const tokens: WildcardToken[] = [];
  // Code points, as the `u` flag of a regular expression reads them.
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? "";
    if (ch === "*") {
      const crosses = chars[i + 1] === "*";
      // Runs of stars are one star: `***` is `**`.
      while (chars[i + 1] === "*") i++;
      const previous = tokens.at(-1);
      if (previous?.kind === "star" && (previous.test === anything || !crosses)) continue;
      tokens.push({ kind: "star", test: crosses ? anything : notSlash });
    } else if (ch === "?") {
      tokens.push({ kind: "one", test: notSlash });
    } else {
      tokens.push({ kind: "char", char: ch });
    }
  }
  return wildcardMatcher(tokens, { ignoreCase: options.caseSensitive !== true });
}

/** A matcher for a list of patterns; an empty list matches nothing. */
export function globMatcher(patterns: readonly string[], options: { caseSensitive?: boolean } = {}): (text: string) => boolean {
  const compiled = patterns.map((pattern) => compileGlob(pattern, options));
  return (text) => compiled.some((matcher) => matcher.test(text));
}
