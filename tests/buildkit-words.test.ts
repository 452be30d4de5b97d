import { describe, expect, it } from "vitest";
import { processWord } from "../lib/variables/buildkit-words.js";
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
