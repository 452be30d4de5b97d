import { describe, expect, it } from "vitest";
import { nameWords, namePatternMatcher, snakeName } from "../lib/variables/name-patterns.js";
import { referencesVariable, scanVariableReferences } from "../lib/variables/variable-references.js";

describe("scanVariableReferences", () => {
  it("reads $NAME, ${NAME}, operators, length and indirection", () => {
    const { names } = scanVariableReferences('echo $A "${B:-x}" ${C} ${#D} ${!E} $F_1x ${G%/*}');
    expect([...names].sort()).toEqual(["A", "B", "C", "D", "E", "F_1x", "G"]);
  });
  it("stops a name at the first character that cannot be in one", () => {
    expect(referencesVariable("echo $CACHEBUST-x", "CACHEBUST")).toBe(true);
    expect(referencesVariable("echo $CACHEBUSTER", "CACHEBUST")).toBe(false);
  });
  it("skips escaped dollars, including with the backtick escape", () => {
    expect(referencesVariable("echo \\$A", "A")).toBe(false);
    expect(referencesVariable("echo \\\\$A", "A")).toBe(true);
    expect(referencesVariable("echo `$A", "A", { escapeChar: "`", windows: true })).toBe(false);
  });
  it("counts references inside single quotes", () => {
    expect(referencesVariable("sh -c 'echo $A'", "A")).toBe(true);
  });
  it("reads PowerShell and cmd forms case-insensitively only for Windows scripts", () => {
    expect(referencesVariable("Write-Output $env:build_id", "BUILD_ID", { windows: true })).toBe(true);
    expect(referencesVariable("echo ${env:Build_Id}", "BUILD_ID", { windows: true })).toBe(true);
    expect(referencesVariable("echo %build_id%", "BUILD_ID", { windows: true })).toBe(true);
    expect(referencesVariable("echo %build_id%", "BUILD_ID")).toBe(false);
    expect(referencesVariable("echo $build_id", "BUILD_ID", { windows: true })).toBe(false);
  });
  it("is linear on long text", () => {
    const text = "$".repeat(200_000) + "{".repeat(200_000);
    const started = performance.now();
    scanVariableReferences(text);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("nameWords", () => {
  it("splits on separators and camelCase humps", () => {
    expect(nameWords("AWS_SECRET_ACCESS_KEY")).toEqual(["aws", "secret", "access", "key"]);
    expect(nameWords("npmAuthToken")).toEqual(["npm", "auth", "token"]);
    expect(nameWords("APIKey")).toEqual(["api", "key"]);
    expect(nameWords("api-key.v2")).toEqual(["api", "key", "v2"]);
    expect(snakeName("buildDate")).toBe("build_date");
  });
  it("matches patterns against the name and its snake_case form", () => {
    const matches = namePatternMatcher(["^build_date$"], "pattern");
    expect(matches("BUILD_DATE")).toBe(true);
    expect(matches("buildDate")).toBe(true);
    expect(matches("BUILD_DATE_FORMAT")).toBe(false);
  });
  it("names the option of an invalid pattern", () => {
    expect(() => namePatternMatcher(["("], "deny")).toThrow(/Option "deny"/u);
  });
});
