import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileGlob, globMatcher } from "../lib/text/glob.js";
import { parseDockerignore, isExcluded } from "../lib/facts/dockerignore.js";

/**
 * Oracles: the regular expressions these patterns used to be translated to.
 * They agree with the automaton on every input, and backtrack on hostile ones,
 * so they only see short texts here.
 */
function globOracle(pattern: string): RegExp {
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

/** patternmatcher's translation, for patterns of the "regexp" kind. */
function ignoreOracle(text: string): RegExp | null {
  const escapes = new Set([".", "+", "(", ")", "|", "{", "}", "$"]);
  const syntax = new Set([...escapes, "\\", "^", "*", "?", "[", "]", "/", "-"]);
  let source = "^";
  let inClass = false;
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? "";
    if (ch === "*" && !inClass) {
      if (chars[i + 1] === "*") {
        i++;
        if (chars[i + 1] === "/") i++;
        source += i + 1 >= chars.length ? ".*" : "(?:.*/)?";
      } else {
        source += "[^/]*";
      }
    } else if (ch === "?" && !inClass) source += "[^/]";
    else if (escapes.has(ch)) source += `\\${ch}`;
    else if (ch === "\\") {
      const next = chars[i + 1];
      if (next === undefined) return null;
      source += syntax.has(next) ? `\\${next}` : next;
      i++;
    } else if (ch === "[") {
      source += inClass ? "\\[" : "[";
      inClass = true;
    } else if (ch === "]") {
      source += inClass ? "]" : "\\]";
      inClass = false;
    } else source += ch;
  }
  if (inClass) return null;
  try {
    return new RegExp(`${source}$`, "u");
  } catch {
    return null;
  }
}

const globChars = fc.constantFrom("a", "b", "A", "/", "-", ".", "*", "?", "é", "😀");
const textChars = fc.constantFrom("a", "b", "B", "/", "-", ".", "é", "😀", "\n");
const word = (chars: fc.Arbitrary<string>, max: number): fc.Arbitrary<string> => fc.array(chars, { maxLength: max }).map((parts) => parts.join(""));

describe("wildcard automaton", () => {
  it("matches option globs exactly as their regular expression did", () => {
    fc.assert(
      fc.property(word(globChars, 8), word(textChars, 10), (pattern, text) => {
        expect(compileGlob(pattern).test(text)).toBe(globOracle(pattern).test(text));
      }),
      { numRuns: 3000, seed: 1807 },
    );
  });

  it("matches a name under any directory (`**` then `/` then a name) exactly as the expression did, in either case mode", () => {
    fc.assert(
      fc.property(word(globChars, 6), word(textChars, 12), fc.boolean(), (name, text, caseSensitive) => {
        const pattern = `**/${name}`;
        const oracle = new RegExp(globOracle(pattern).source, caseSensitive ? "u" : "iu");
        expect(compileGlob(pattern, { caseSensitive }).test(text)).toBe(oracle.test(text));
      }),
      { numRuns: 3000, seed: 1809 },
    );
    expect(compileGlob("**/Dockerfile.*", { caseSensitive: true }).test("/a/b/Dockerfile.dev")).toBe(true);
    expect(compileGlob("**/Dockerfile.*", { caseSensitive: true }).test("/a/Dockerfile.dev/x")).toBe(false);
    expect(compileGlob("**/Dockerfile", { caseSensitive: true }).test("/a\n/Dockerfile")).toBe(false);
    expect(compileGlob("**/dockerfile").test("/A/DOCKERFILE")).toBe(true);
  });

  it("matches .dockerignore patterns exactly as patternmatcher's expression did", () => {
    const ignoreChars = fc.constantFrom("a", "b", "/", ".", "*", "*", "?", "[", "]", "^", "-", "\\", "é");
    fc.assert(
      fc.property(word(ignoreChars, 8), word(fc.constantFrom("a", "b", "/", ".", "-", "^", "é", "["), 8), (line, file) => {
        const ignore = parseDockerignore(line);
        const pattern = ignore?.patterns[0];
        if (!pattern || pattern.kind !== "wildcard") return;
        // The oracle sees the pattern as cleaned and trimmed.
        const oracle = ignoreOracle(pattern.text);
        // `\-` is valid in Go's syntax but not in a `u` expression: the old translation rejected it, the automaton reads `-`.
        if (!oracle) return;
        expect(pattern.matcher?.test(file)).toBe(oracle.test(file));
      }),
      { numRuns: 3000, seed: 1808 },
    );
  });

  const timed = (run: () => void): number => {
    const start = performance.now();
    run();
    return performance.now() - start;
  };

  it("stays linear in the text where a backtracking expression takes length^stars", () => {
    // `*-*-*-*-*-z` against a long name without `z`: a regular expression tries every split.
    const matcher = globMatcher(["*-*-*-*-*-z"]);
    const name = (length: number): string => "a-".repeat(length / 2);
    matcher(name(400));
    const small = timed(() => { for (let i = 0; i < 20; i++) matcher(name(1000)); });
    const large = timed(() => { for (let i = 0; i < 20; i++) matcher(name(10_000)); });
    expect(matcher(name(10_000))).toBe(false);
    expect(matcher(`${name(10_000)}z`)).toBe(true);
    // 10 times the text: linear is ~10x; 40x leaves room for a noisy machine.
    expect(large).toBeLessThan(Math.max(40 * small, 1000));
  });

  it("keeps long patterns with many stars bounded by text × pattern", () => {
    for (const length of [10, 100, 1000, 10_000]) {
      // Every `*` stays alive on a text of `a`s: the automaton's worst case.
      const pattern = `${"*a".repeat(length / 2)}b`;
      const text = "a".repeat(length);
      const ignore = parseDockerignore(pattern);
      const elapsed = timed(() => {
        expect(ignore && isExcluded(ignore, text)).toBe(false);
        expect(compileGlob(pattern).test(text)).toBe(false);
      });
      // A backtracking match of 36 characters took 53 s; the bit-set automaton takes milliseconds at 10,000.
      expect(elapsed).toBeLessThan(2000);
    }
  });
});

describe("compiled globs kept by pattern", () => {
  it("one matcher per pattern and case mode, the two modes kept apart", () => {
    expect(compileGlob("Foo*")).toBe(compileGlob("Foo*"));
    expect(compileGlob("Foo*", { caseSensitive: true })).toBe(compileGlob("Foo*", { caseSensitive: true }));
    expect(compileGlob("Foo*", { caseSensitive: true })).not.toBe(compileGlob("Foo*"));
    expect(compileGlob("Foo*").test("foobar")).toBe(true);
    expect(compileGlob("Foo*", { caseSensitive: true }).test("foobar")).toBe(false);
    expect(compileGlob("Foo*", { caseSensitive: true }).test("Foobar")).toBe(true);
  });

  it("matches the same after more patterns than it keeps, and compiles a long pattern from the linted text each time", () => {
    for (let i = 0; i < 600; i++) {
      expect(compileGlob(`p${String(i)}-*`).test(`p${String(i)}-x`)).toBe(true);
      expect(compileGlob(`p${String(i)}-*`).test(`p${String(i + 1)}-x`)).toBe(false);
    }
    const long = `${"a".repeat(300)}*`;
    expect(compileGlob(long)).not.toBe(compileGlob(long));
    expect(compileGlob(long).test(`${"a".repeat(300)}b`)).toBe(true);
    expect(compileGlob(long).test("a".repeat(299))).toBe(false);
  });
});
