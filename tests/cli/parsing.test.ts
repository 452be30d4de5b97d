/** Unit tests of the CLI's own parsers: `--rule` values, options, `.gitignore` lines. */
import { describe, expect, it } from "vitest";
import { gitignorePattern } from "../../lib/cli/config.js";
import { UsageError } from "../../lib/cli/errors.js";
import { formatterPackageName } from "../../lib/cli/formatter.js";
import { parseOptions } from "../../lib/cli/options.js";
import { checkRuleEntries, parseRuleOption } from "../../lib/cli/rule-option.js";
import { commonBase, escapeGlob } from "../../lib/cli/targets.js";

describe("parseRuleOption", () => {
  it.each([
    ["dockerfile/x: off", { "dockerfile/x": "off" }],
    ["dockerfile/x:2", { "dockerfile/x": 2 }],
    ["dockerfile/x: [error, {digest: always}]", { "dockerfile/x": ["error", { digest: "always" }] }],
    ["dockerfile/a: off, dockerfile/b: warn", { "dockerfile/a": "off", "dockerfile/b": "warn" }],
    ["{dockerfile/a: off,}", { "dockerfile/a": "off" }],
    ['{"dockerfile/x": ["error", {"allow": ["my.registry/*"], "n": 1.5, "b": true, "z": null}]}',
      { "dockerfile/x": ["error", { allow: ["my.registry/*"], n: 1.5, b: true, z: null }] }],
    ["'dockerfile/x': ['error', 'it\\'s \"quoted\"']", { "dockerfile/x": ["error", 'it\'s "quoted"'] }],
    ['dockerfile/x: [error, "a\\u0041b"]', { "dockerfile/x": ["error", "aAb"] }],
    ["dockerfile/x: [error, {allow: [node, my registry/app]}]", { "dockerfile/x": ["error", { allow: ["node", "my registry/app"] }] }],
    ["dockerfile/x: [error, []]", { "dockerfile/x": ["error", []] }],
  ])("%s", (text, expected) => {
    expect(parseRuleOption(text)).toEqual(expected);
  });

  it.each([
    "",
    "dockerfile/x",
    "dockerfile/x:",
    "dockerfile/x: [error",
    "dockerfile/x: off }",
    '"dockerfile/x: off',
    "{dockerfile/x: off",
    ": off",
    'dockerfile/x: "\\q"',
  ])("rejects %j", (text) => {
    expect(() => parseRuleOption(text)).toThrow(UsageError);
  });

  it("checks severities", () => {
    expect(() => { checkRuleEntries({ a: "off", b: ["warn", {}], c: 2 }, "t"); }).not.toThrow();
    expect(() => { checkRuleEntries({ a: "loud" }, "t"); }).toThrow(/severity of 'a'/u);
    expect(() => { checkRuleEntries({ a: [] }, "t"); }).toThrow(UsageError);
  });
});

describe("parseOptions", () => {
  it("defaults", () => {
    expect(parseOptions([])).toMatchObject({
      paths: ["."], defaultPaths: true, preset: undefined, format: "stylish", maxWarnings: -1,
      color: undefined, ignore: true, warnIgnored: true, fix: false, quiet: false,
    });
  });

  it("merges --rule values in order and reads short options", () => {
    const options = parseOptions(["--rule", "dockerfile/a: off", "--rule", "dockerfile/a: warn, dockerfile/b: error",
      "-f", "json", "-o", "out.json", "-c", "x.js", "--no-color", "a", "b"]);
    expect(options.rules).toEqual({ "dockerfile/a": "warn", "dockerfile/b": "error" });
    expect(options).toMatchObject({ format: "json", outputFile: "out.json", config: "x.js", color: false, paths: ["a", "b"] });
  });

  it("--help wins over conflicts", () => {
    expect(parseOptions(["--help", "--fix", "--fix-dry-run"]).help).toBe(true);
  });

  it.each(["-1", "0", "12"])("--max-warnings=%s", (value) => {
    expect(parseOptions([`--max-warnings=${value}`]).maxWarnings).toBe(Number(value));
  });

  it.each([["-1", -1], ["0", 0], ["3", 3]])("--max-warnings %s, as ESLint users write it", (value, expected) => {
    expect(parseOptions(["--max-warnings", value, "Dockerfile"])).toMatchObject({ maxWarnings: expected, paths: ["Dockerfile"] });
  });

  it("leaves a path named -1 after -- alone", () => {
    expect(parseOptions(["--", "-1"]).paths).toEqual(["-1"]);
  });

  it.each([[[], "off"], [["--concurrency", "auto"], "auto"], [["--concurrency=4"], 4], [["--concurrency", "off"], "off"]] as const)(
    "%j gives concurrency %j",
    (args, expected) => {
      expect(parseOptions(args).concurrency).toBe(expected);
    },
  );

  it.each(["0", "-1", "1.5", "many", ""])("rejects --concurrency %j", (value) => {
    expect(() => parseOptions([`--concurrency=${value}`])).toThrow(/--concurrency needs a positive whole number/u);
  });

  it("directive comment options", () => {
    expect(parseOptions([])).toMatchObject({ inlineConfig: true, unusedDisableDirectives: undefined });
    expect(parseOptions(["--no-inline-config"]).inlineConfig).toBe(false);
    expect(parseOptions(["--report-unused-disable-directives"]).unusedDisableDirectives).toBe("error");
    expect(parseOptions(["--report-unused-disable-directives-severity", "warn"]).unusedDisableDirectives).toBe("warn");
    expect(parseOptions(["--report-unused-disable-directives-severity=0"]).unusedDisableDirectives).toBe("off");
    expect(() => parseOptions(["--report-unused-disable-directives-severity", "loud"])).toThrow(/needs off, warn or error, not 'loud'/u);
    expect(() => parseOptions(["--report-unused-disable-directives", "--report-unused-disable-directives-severity", "warn"])).toThrow(UsageError);
  });

  it.each([["--max-warnings", "1.5"], ["--max-warnings", "-2"], ["--color", "--no-color"], ["--bogus"], ["-x"]])(
    "rejects %j",
    (...args) => {
      expect(() => parseOptions(args)).toThrow(UsageError);
    },
  );
});

describe("gitignorePattern (the fallback when eslint/config has no includeIgnoreFile)", () => {
  it.each([
    ["build/", "**/build/"],
    ["*.log", "**/*.log"],
    ["/vendor", "vendor"],
    ["docs/out", "docs/out"],
    ["!keep.log", "!**/keep.log"],
    ["a/**", "a/**/*"],
    ["**", "**"],
    ["src/{a,b}.txt", "src/\\{a,b}.txt"],
    ["(x)", "**/\\(x)"],
    ["trailing   ", "**/trailing"],
  ])("%j → %j", (line, pattern) => {
    expect(gitignorePattern(line)).toBe(pattern);
  });
});

describe("helpers", () => {
  it("formatterPackageName follows ESLint's naming", () => {
    expect(formatterPackageName("gitlab")).toBe("eslint-formatter-gitlab");
    expect(formatterPackageName("eslint-formatter-gitlab")).toBe("eslint-formatter-gitlab");
    expect(formatterPackageName("@microsoft/sarif")).toBe("@microsoft/eslint-formatter-sarif");
    expect(formatterPackageName("@microsoft/eslint-formatter-sarif")).toBe("@microsoft/eslint-formatter-sarif");
    expect(formatterPackageName("@scope")).toBe("@scope/eslint-formatter");
  });

  it.skipIf(process.platform === "win32")("escapeGlob quotes glob syntax", () => {
    expect(escapeGlob("w[1]/a*b/{x,y}/(z)!")).toBe("w\\[1\\]/a\\*b/\\{x,y\\}/\\(z\\)\\!");
    expect(escapeGlob("plain/dir-name_1.2")).toBe("plain/dir-name_1.2");
  });

  it.skipIf(process.platform === "win32")("commonBase holds the cwd and every target", () => {
    expect(commonBase("/r/a", { directories: ["/r/a/x"], files: ["/r/a/y/Dockerfile"] })).toBe("/r/a");
    expect(commonBase("/r/a", { directories: ["/r/b"], files: [] })).toBe("/r");
    expect(commonBase("/r/a", { directories: [], files: ["/r/ab/Dockerfile"] })).toBe("/r");
    expect(commonBase("/r/a", { directories: [], files: ["/s/Dockerfile"] })).toBe("/");
  });
});
