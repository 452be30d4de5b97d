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

/**
 * Compiled patterns by case mode and text: a rule's options compile the same
 * patterns for every file. Matchers keep no state between calls. Bounded, and
 * only short patterns, as patterns can come from the linted text.
 */
const compiled = new Map<string, WildcardMatcher>();
const CACHED_PATTERNS = 256;
const CACHED_PATTERN_LENGTH = 256;

export function compileGlob(pattern: string, options: { caseSensitive?: boolean } = {}): WildcardMatcher {
  if (pattern.length > CACHED_PATTERN_LENGTH) return compile(pattern, options);
  const key = `${options.caseSensitive === true ? "s" : "i"}${pattern}`;
  let matcher = compiled.get(key);
  if (!matcher) {
    if (compiled.size >= CACHED_PATTERNS) compiled.clear();
    matcher = compile(pattern, options);
    compiled.set(key, matcher);
  }
  return matcher;
}

function compile(pattern: string, options: { caseSensitive?: boolean }): WildcardMatcher {
  return lastSegmentMatcher(pattern, options) ?? automaton(pattern, options);
}

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/u;

/**
 * A pattern of `**`, `/` and a name with no `/` or `**` in it, the shape of most file globs (`Dockerfile`,
 * `*.yml` under any directory): the name can only match the text after the last `/`, and `**` the text
 * before it, so only that last segment goes through the automaton.
 */
function lastSegmentMatcher(pattern: string, options: { caseSensitive?: boolean }): WildcardMatcher | null {
  const name = pattern.slice(3);
  if (!pattern.startsWith("**/") || name.includes("/") || name.includes("**")) return null;
  const segment = (options.caseSensitive === true ? plainSegmentMatcher(name) : null) ?? automaton(name, options);
  return {
    test(text: string): boolean {
      const slash = text.lastIndexOf("/");
      return slash >= 0 && !LINE_TERMINATOR.test(text.slice(0, slash)) && segment.test(text.slice(slash + 1));
    },
  };
}

/** A name with at most one `*`, at its start or its end, and no `?`, compared as strings (case-sensitively). */
function plainSegmentMatcher(name: string): WildcardMatcher | null {
  const star = name.indexOf("*");
  // A lone surrogate would compare by code unit here but by code point in the automaton.
  if (name.includes("?") || name.indexOf("*", star + 1) >= 0 || /\p{Cs}/u.test(name)) return null;
  if (star < 0) return { test: (segment) => segment === name };
  if (star === name.length - 1) {
    const prefix = name.slice(0, -1);
    return { test: (segment) => segment.startsWith(prefix) };
  }
  if (star === 0) {
    const suffix = name.slice(1);
    return { test: (segment) => segment.endsWith(suffix) };
  }
  return null;
}

function automaton(pattern: string, options: { caseSensitive?: boolean }): WildcardMatcher {
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
  const matchers = patterns.map((pattern) => compileGlob(pattern, options));
  return (text) => matchers.some((matcher) => matcher.test(text));
}
