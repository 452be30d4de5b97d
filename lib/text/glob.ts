/**
 * Glob patterns for option values such as image names, registries and URLs:
 * `*` matches within one `/`-separated part, `**` across parts, `?` one
 * character. Matching is case-insensitive, as registries and hosts are.
 */
export function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? "";
    if (ch === "*") {
      if (pattern[i + 1] === "*") {
        source += ".*";
        i++;
      } else {
        source += "[^/]*";
      }
    } else if (ch === "?") {
      source += "[^/]";
    } else {
      source += ch.replace(/[$()+.[\\\]^{|}]/gu, "\\$&");
    }
  }
  return new RegExp(`^${source}$`, "iu");
}

/** A matcher for a list of patterns; an empty list matches nothing. */
export function globMatcher(patterns: readonly string[]): (text: string) => boolean {
  const compiled = patterns.map(globToRegExp);
  return (text) => compiled.some((regexp) => regexp.test(text));
}
