import { describe, expect, it } from "vitest";
import { expandVariables, ExpansionBudget, MAX_SUBSTITUTION_DEPTH, mayReferenceVariables, processWord } from "../lib/variables/substitution.js";
import { isValidImageReference } from "../lib/images/reference-syntax.js";
import { parsePlatform } from "../lib/images/platform-spec.js";
import { closestName, editDistance } from "../lib/text/suggest.js";

const ENV: Record<string, string> = { PWD: "/home", SHELL: "bash", NULL: "" };
const lookup = (name: string): string | undefined => ENV[name];

/** [word, value or null for an error] — restated from BuildKit's shell lexer test vectors. */
const WORDS: [string, string | null][] = [
  ["hello", "hello"],
  ["he'll'o", "hello"],
  ["he'llo", null],
  ["he\\'llo", "he'llo"],
  ["he\\\\'llo", null],
  ["abc\\tdef", "abctdef"],
  ['"abc\\tdef"', "abc\\tdef"],
  ["'abc\\tdef'", "abc\\tdef"],
  ["hello\\", "hello"],
  ["hello\\\\", "hello\\"],
  ['"hello', null],
  ["'hello\\'", "hello\\"],
  ["$.", "$."],
  ["he$1x", "hex"],
  ["he$PWD", "he/home"],
  ["he\\$PWD", "he$PWD"],
  ["he\\\\$PWD", "he\\/home"],
  ['"he\\$PWD"', "he$PWD"],
  ["\\${}", "${}"],
  ["${}", null],
  ["he${hi}xx", "hexx"],
  ["he${.}", null],
  ["he${XXX:-000}xx", "he000xx"],
  ["he${PWD:-000}xx", "he/homexx"],
  ["he${XXX:-${PWD:-yyy}}xx", "he/homexx"],
  ["he${XXX:YYY}", null],
  ["he${XXX?}", null],
  ["he${PWD:?}", "he/home"],
  ["he${NULL?}", "he"],
  ["he${NULL:?}", null],
  ["he${PWD:+${SHELL}}xx", "hebashxx"],
  ["he${XXX:+000}xx", "hexx"],
  ["'he${XX}'", "he${XX}"],
  ['"he\'$PWD\'"', "he'/home'"],
  ["he${PWD", null],
  ["he${PWD:=000}xx", null],
  ["he${XXX:-\\${PWD}z}xx", "he${PWDz}xx"],
  ["안'녕'하세요", "안녕하세요"],
];

describe("BuildKit word substitution", () => {
  for (const [word, expected] of WORDS) {
    it(`${word} -> ${expected ?? "error"}`, () => {
      const result = processWord(word, lookup);
      if (expected === null) expect(result.error).not.toBeNull();
      else expect({ value: result.value, error: result.error }).toEqual({ value: expected, error: null });
    });
  }

  it("lists each variable read, with positions, also in unused defaults", () => {
    const result = processWord("a${PWD:-$X}b$$", lookup);
    expect(result.references.map((r) => [r.name, r.start, r.end, r.found, r.special])).toEqual([
      ["X", 8, 10, false, false],
      ["PWD", 1, 11, true, false],
      ["$", 12, 14, false, true],
    ]);
  });

  it("uses the backtick escape and can leave quotes alone", () => {
    expect(processWord("`$PWD", lookup, { escapeChar: "`" }).value).toBe("$PWD");
    expect(processWord("'$PWD'", lookup, { processQuotes: false }).value).toBe("'/home'");
  });
});

describe("words that may reference a variable", () => {
  it("looks for a `$` in the word's range only, not at the next `$` of the file", () => {
    const text = "LABEL a=b c=$D\nENV X=1";
    expect(mayReferenceVariables(text, [6, 9])).toBe(false);
    expect(mayReferenceVariables(text, [10, 14])).toBe(true);
    expect(mayReferenceVariables(text, [12, 13])).toBe(true);
    expect(mayReferenceVariables(text, [13, 14])).toBe(false);
    expect(mayReferenceVariables(text, [19, 22])).toBe(false);
    expect(mayReferenceVariables(text, [20, 99])).toBe(false);
  });
});

describe("image reference grammar", () => {
  const valid = ["busybox", "busybox:stable", "docker.io/library/alpine:3.20", "localhost:5000/a/b:1", "Foo/bar", "a--b", "a__b", `a@sha256:${"a".repeat(64)}`, "[::1]:5000/x", "scratch"];
  const invalid = ["", "busybox:", "Ubuntu", "/app", "a:b:c", "a___b", "a.-b", "a@sha256:abc", "a".repeat(64), ":tag", "x:-alpine"];
  for (const text of valid) it(`accepts ${text}`, () => { expect(isValidImageReference(text)).toBe(true); });
  for (const text of invalid) it(`rejects '${text}'`, () => { expect(isValidImageReference(text)).toBe(false); });
});

describe("platform specifiers", () => {
  it("parses and normalises like containerd", () => {
    expect(parsePlatform("linux/amd64")).toEqual({ os: "linux", architecture: "amd64", variant: "" });
    expect(parsePlatform("linux/x86_64")?.architecture).toBe("amd64");
    expect(parsePlatform("linux/aarch64")).toEqual({ os: "linux", architecture: "arm64", variant: "v8" });
    expect(parsePlatform("arm64")?.os).toBe("linux");
    expect(parsePlatform("linux")?.architecture).toBe("amd64");
    expect(parsePlatform("windows(10.0.17763)/amd64")?.os).toBe("windows");
    expect(parsePlatform("not-a-platform")).toBeNull();
    expect(parsePlatform("linux/*")).toBeNull();
  });
});

describe("did you mean", () => {
  it("follows BuildKit: below 3 edits, the first closest, nothing on an exact match", () => {
    expect(closestName("BULIDPLATFORM", ["TARGETPLATFORM", "BUILDPLATFORM"])).toBe("BUILDPLATFORM");
    expect(closestName("DIR_ASSET", ["DIR_BINARIES", "DIR_ASSETS", "DIR_CONFIG"])).toBe("DIR_ASSETS");
    expect(closestName("PATH", ["PAHT", "PATH"])).toBeNull();
    expect(closestName("HOME", ["PATH"])).toBeNull();
    expect(closestName("bulider", ["Builder"], { caseSensitive: false })).toBe("Builder");
  });

  it("counts a swap of neighbours as one edit when asked", () => {
    expect(editDistance("PAHT", "PATH")).toBe(2);
    expect(editDistance("PAHT", "PATH", true)).toBe(1);
    expect(editDistance("GOPATH", "PATH", true)).toBe(2);
  });
});

describe("substitution budgets", () => {
  const doubling = (levels: number): Map<string, string | null> => {
    // A_{n+1} = A_n A_n: 2^levels copies of A0, computed as the facts do (each value from the ones before).
    const values = new Map<string, string | null>([["A0", "abcdefgh"]]);
    const budget = new ExpansionBudget(1 << 20);
    for (let i = 0; i < levels; i++) {
      const expansion = expandVariables(`\${A${i}}\${A${i}}`, (name) => values.get(name), "\\", budget);
      values.set(`A${i + 1}`, expansion.unresolved.length > 0 ? null : expansion.value);
    }
    return values;
  };

  it("stops doubling values at the budget: past it a value is unknown, as for an ARG without default", () => {
    const values = doubling(40);
    expect(values.get("A10")).toHaveLength(8 * 2 ** 10);
    // 8 * 2^17 = 1 MiB: the sum of all values passes the budget before A17.
    expect(values.get("A17")).toBeNull();
    expect(values.get("A40")).toBeNull();
    const last = expandVariables("x${A40}", (name) => values.get(name));
    expect(last).toMatchObject({ value: "x", unresolved: ["A40"], exceeded: false });
  });

  it("reports an exceeded budget as unknown, never as a value", () => {
    const big = "b".repeat(1000);
    const result = expandVariables("$B".repeat(100), (name) => (name === "B" ? big : undefined), "\\", new ExpansionBudget(50_000));
    expect(result).toMatchObject({ value: "", exceeded: true, unresolved: ["B"] });
    const word = processWord("$B$B", (name) => (name === "B" ? big : undefined), { budget: new ExpansionBudget(1500) });
    expect(word.exceeded).toBe(true);
    expect(word.error).not.toBeNull();
  });

  it("bounds what a pattern replacement adds", () => {
    const value = "a".repeat(1000);
    const result = processWord("${V//a/bbbbbbbbbb}", (name) => (name === "V" ? value : undefined), { budget: new ExpansionBudget(5000) });
    expect(result.exceeded).toBe(true);
    expect(processWord("${V//a/b}", (name) => (name === "V" ? value : undefined)).value).toBe("b".repeat(1000));
  });

  const nested = (depth: number): string => `${Array.from({ length: depth }, (_, i) => `\${v${i}:-`).join("")}x${"}".repeat(depth)}`;

  it("reads nesting up to the limit and gives up past it, without recursion past the limit", () => {
    expect(processWord(nested(MAX_SUBSTITUTION_DEPTH), () => undefined).value).toBe("x");
    const deep = processWord(nested(MAX_SUBSTITUTION_DEPTH + 1), () => undefined);
    expect(deep).toMatchObject({ value: "", exceeded: true });
    expect(expandVariables(nested(100_000), () => undefined)).toMatchObject({ value: "", exceeded: true });
  });

  it("grows linearly with nesting depth and text length", () => {
    const time = (text: string): number => {
      const start = performance.now();
      for (let i = 0; i < 5; i++) {
        processWord(text, () => undefined);
        expandVariables(text, () => undefined);
      }
      return performance.now() - start;
    };
    time(nested(1000));
    const small = time(nested(10_000));
    const large = time(nested(100_000));
    // 10 times the input: linear is ~10x; allow 40x for a noisy machine, far below the 100x of a quadratic scan.
    expect(large).toBeLessThan(Math.max(40 * small, 2000));
    const unclosed = "${a:-".repeat(50_000);
    const start = performance.now();
    expect(expandVariables(unclosed, () => undefined).value).toBe("");
    expect(performance.now() - start).toBeLessThan(5000);
  });
});
