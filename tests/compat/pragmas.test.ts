/**
 * hadolint's pragmas and BuildKit's `# check=` comments, through the real
 * plugin and ESLint's Linter: cases restated from hadolint's PragmaSpec.hs
 * and BuildKit's dockerfile_check_test.go, plus what ESLint adds (unused
 * reports, suppressed messages, --no-inline-config).
 */
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../index.js";
import { parseHadolintPragma } from "../../lib/compat/hadolint-pragma.js";

const linter = new Linter({ configType: "flat" });

const RULES: Linter.RulesRecord = {
  "dockerfile/last-user-not-root": "error",
  "dockerfile/valid-expose": "error",
  "dockerfile/copy-from-stage": "error",
  "dockerfile/copy-multiple-sources-needs-dir": "error",
  "dockerfile/pin-base-image": "error",
  "dockerfile/pin-package-versions": "error",
  "dockerfile/apt-no-install-recommends": "error",
  "dockerfile/prefer-exec-form": "warn",
  "dockerfile/no-secrets-in-build-args": "error",
  "dockerfile/no-maintainer": "warn",
};

function config(extra: Linter.Config = {}, rules: Linter.RulesRecord = RULES): Linter.Config[] {
  // ESLint 9 and later report unused directives by default; the tests that want them say so.
  return [{ files: ["**/Dockerfile"], plugins: { dockerfile: plugin }, language: "dockerfile/dockerfile", rules, linterOptions: { reportUnusedDisableDirectives: "off" }, ...extra }];
}

function lint(code: string, extra: Linter.Config = {}, rules: Linter.RulesRecord = RULES): Linter.LintMessage[] {
  return linter.verify(code, config(extra, rules), { filename: "Dockerfile" });
}

function found(code: string, extra: Linter.Config = {}, rules: Linter.RulesRecord = RULES): [string | null, number][] {
  return lint(code, extra, rules).map((message) => [message.ruleId, message.line]);
}

/** Pragmas as directives, reported when they silence nothing. */
const unused: Linter.Config = { languageOptions: { reportUnusedPragmas: true }, linterOptions: { reportUnusedDisableDirectives: "error" } };

function suppressedMessages(): Linter.SuppressedLintMessage[] {
  return (linter as unknown as { getSuppressedMessages(): Linter.SuppressedLintMessage[] }).getSuppressedMessages();
}

describe("the pragma grammar of hadolint's Pragma.hs", () => {
  it("reads ignore, global, stage and shell pragmas with their reasons", () => {
    expect(parseHadolintPragma(" hadolint ignore=DL3008,SC2086")).toMatchObject({ kind: "ignore", codes: [{ code: "DL3008" }, { code: "SC2086" }] });
    expect(parseHadolintPragma(" hadolint global ignore = DL3023 , DL3021")).toMatchObject({ kind: "global", codes: [{ code: "DL3023" }, { code: "DL3021" }] });
    expect(parseHadolintPragma("hadolint stage ignore=DL3011")).toMatchObject({ kind: "stage" });
    expect(parseHadolintPragma(" hadolint ignore=DL3002 # pinned by the base")).toMatchObject({ reason: "pinned by the base" });
    expect(parseHadolintPragma(" hadolint shell=powershell # foobar")).toMatchObject({ kind: "shell", shell: "powershell" });
  });

  it("refuses the whole pragma for one malformed code, and is case-sensitive", () => {
    for (const text of [" hadolint ignore=crazy,DL3002", " hadolint ignore=dl3002", " Hadolint ignore=DL3002", " hadolint ignore=", " hadolintignore=DL3002", " hadolint ignore=DL3002 extra", " hadolint globalignore=DL3002"]) {
      expect(parseHadolintPragma(text), text).toBeUndefined();
    }
  });
});

describe("# hadolint ignore=", () => {
  it("ignores the rule of the code on the next instruction only (PragmaSpec)", () => {
    expect(found("FROM ubuntu:24.04\n# hadolint ignore=DL3002\nUSER root\n")).toEqual([]);
    expect(found("FROM ubuntu:24.04\n# hadolint ignore=DL3001\nUSER root\n")).toEqual([["dockerfile/last-user-not-root", 3]]);
    expect(found("FROM ubuntu:24.04\n# hadolint ignore=DL3001,DL3002\nUSER root\n")).toEqual([]);
    expect(found("# hadolint ignore=DL3001,DL3002\nFROM ubuntu:24.04\nUSER root\n")).toEqual([["dockerfile/last-user-not-root", 3]]);
    expect(found("FROM ubuntu:24.04\n# hadolint ignore=crazy,DL3002\nUSER root\n")).toEqual([["dockerfile/last-user-not-root", 3]]);
    expect(found("FROM ubuntu:24.04\n# hadolint ignore=DL3002 # foobar\nUSER root\n")).toEqual([]);
  });

  it("covers every line of a continued instruction", () => {
    const code = "FROM debian:12\n# hadolint ignore=DL3008,DL3015\nRUN apt-get update && \\\n    apt-get install -y \\\n      curl\nRUN apt-get install -y --no-install-recommends git\n";
    expect(found(code)).toEqual([["dockerfile/pin-package-versions", 6]]);
  });

  it("needs the instruction on the very next line, as hadolint does", () => {
    expect(found("FROM ubuntu:24.04\n# hadolint ignore=DL3002\n\nUSER root\n")).toEqual([["dockerfile/last-user-not-root", 4]]);
  });

  it("keeps a user's eslint-disable of the same rule in force after the instruction", () => {
    const code = "FROM ubuntu:24.04\n# eslint-disable dockerfile/valid-expose\n# hadolint ignore=DL3011\nEXPOSE 80000 \\\n  80001\nEXPOSE 99999\n";
    expect(found(code)).toEqual([]);
    expect(found(code, { languageOptions: { reportUnusedPragmas: true } })).toEqual([]);
  });

  it("by default, is not reported when it silences nothing, though ESLint reports unused directives", () => {
    const code = "FROM ubuntu:24.04\n# hadolint ignore=DL3002,DL3011\nUSER root\n# hadolint ignore=DL3008\nRUN true\n";
    expect(linter.verify(code, [{ files: ["**/Dockerfile"], plugins: { dockerfile: plugin }, language: "dockerfile/dockerfile", rules: RULES }], { filename: "Dockerfile" })).toEqual([]);
  });

  it("with reportUnusedPragmas, lists what it silenced among the suppressed messages, with the trailing comment as the reason", () => {
    const code = "FROM ubuntu:24.04\n# hadolint ignore=DL3002 # the image needs root\nUSER root\n";
    expect(linter.verify(code, config({ languageOptions: { reportUnusedPragmas: true } }), { filename: "Dockerfile" })).toEqual([]);
    const suppressed = suppressedMessages();
    expect(suppressed.map((message) => [message.ruleId, message.line, message.suppressions[0]?.justification])).toEqual([["dockerfile/last-user-not-root", 3, "the image needs root"]]);
  });

  it("with reportUnusedPragmas, reports a code that silenced nothing, at the code", () => {
    const code = "FROM ubuntu:24.04\n# hadolint ignore=DL3002,DL3011\nUSER root\n";
    const messages = lint(code, unused);
    expect(messages.map((message) => [message.line, message.column, message.message])).toEqual([
      [2, 26, "Unused eslint-disable directive (no problems were reported from 'dockerfile/valid-expose')."],
    ]);
    expect(lint(code)).toEqual([]);
  });

  it("leaves the pragma in place when --fix removes unused directives, since hadolint still reads it", () => {
    const code = "FROM ubuntu:24.04\n# hadolint ignore=DL3011\nUSER app\n";
    const fixed = linter.verifyAndFix(code, config(unused), { filename: "Dockerfile" });
    expect(fixed.output).toBe(code);
  });

  it("is off with the language option, and with --no-inline-config", () => {
    const code = "FROM ubuntu:24.04\n# hadolint ignore=DL3002\nUSER root\n";
    expect(found(code, { languageOptions: { hadolintPragmas: false } })).toEqual([["dockerfile/last-user-not-root", 3]]);
    expect(found(code, { linterOptions: { noInlineConfig: true } })).toEqual([["dockerfile/last-user-not-root", 3]]);
    expect(found(code, { languageOptions: { reportUnusedPragmas: true }, linterOptions: { noInlineConfig: true } })).toEqual([["dockerfile/last-user-not-root", 3]]);
  });

  it("ignores codes no rule covers, without reporting them as unused", () => {
    expect(lint("FROM ubuntu:24.04\n# hadolint ignore=DL3059,DL9999\nRUN true\n", unused)).toEqual([]);
  });
});

describe("# hadolint stage ignore= and global ignore=", () => {
  it("covers the stage below, not the next one (PragmaSpec)", () => {
    expect(found("# hadolint stage ignore=DL3011\nFROM ubuntu:24.04\nEXPOSE 80000\n")).toEqual([]);
    expect(found("# hadolint stage ignore=DL3011\nFROM ubuntu:24.04\nEXPOSE 80000\nFROM ubuntu:24.04\nEXPOSE 80000\n")).toEqual([["dockerfile/valid-expose", 5]]);
    expect(found("FROM ubuntu:24.04\nEXPOSE 80000\n# hadolint stage ignore=DL3011\nFROM ubuntu:24.04\nEXPOSE 80000\n")).toEqual([["dockerfile/valid-expose", 2]]);
    expect(found("# hadolint stage ignore=DL3011,DL3002\nFROM ubuntu:24.04\nUSER root\nEXPOSE 80000\n")).toEqual([]);
  });

  it("covers the stage's FROM line too", () => {
    expect(found("# hadolint stage ignore=DL3006\nFROM ubuntu\nFROM debian\n")).toEqual([["dockerfile/pin-base-image", 3]]);
  });

  it("global ignore covers the whole file, lines above it included", () => {
    expect(found("# hadolint global ignore=DL3002\nFROM ubuntu:24.04\nUSER root\n")).toEqual([]);
    expect(found("FROM node AS foo\n# hadolint global ignore = DL3023 , DL3006\nCOPY --from=foo bar baz .\nFROM node\n")).toEqual([]);
  });

  it("an ignore pragma inside a globally ignored file does not end the global one", () => {
    const code = "# hadolint global ignore=DL3011\nFROM ubuntu:24.04\n# hadolint ignore=DL3011\nEXPOSE 80000\nEXPOSE 80001\n";
    expect(found(code)).toEqual([]);
    expect(found(code, { languageOptions: { reportUnusedPragmas: true } })).toEqual([]);
  });

  it("as directives, behave the same", () => {
    const directives = { languageOptions: { reportUnusedPragmas: true } };
    expect(found("# hadolint stage ignore=DL3011\nFROM ubuntu:24.04\nEXPOSE 80000\nFROM ubuntu:24.04\nEXPOSE 80000\n", directives)).toEqual([["dockerfile/valid-expose", 5]]);
    expect(found("# hadolint stage ignore=DL3006\nFROM ubuntu\nFROM debian\n", directives)).toEqual([["dockerfile/pin-base-image", 3]]);
    expect(found("FROM node AS foo\n# hadolint global ignore = DL3023 , DL3006\nCOPY --from=foo bar baz .\nFROM node\n", directives)).toEqual([]);
    expect(found("FROM scratch\n# check=skip=MaintainerDeprecated\n\n# another comment\nMAINTAINER me@example.org\nMAINTAINER me\n", directives)).toEqual([["dockerfile/no-maintainer", 6]]);
  });
});

describe("# hadolint shell=", () => {
  it("makes the RUN rules read the scripts as PowerShell, that is not at all", () => {
    const code = "FROM mcr.microsoft.com/powershell:7.4\n# hadolint shell=pwsh\nRUN apt-get install -y curl\n";
    expect(found(code)).toEqual([]);
    expect(found(code, { languageOptions: { hadolintPragmas: false } }).sort()).toEqual([["dockerfile/apt-no-install-recommends", 3], ["dockerfile/pin-package-versions", 3]]);
  });

  it("before the first FROM, sets the shell of every stage", () => {
    expect(found("# hadolint shell=powershell\nFROM a:1\nRUN apt-get install -y curl\nFROM b:1\nRUN apt-get install -y curl\n")).toEqual([]);
  });
});

describe("BuildKit's # check= directive", () => {
  const cmd = "FROM scratch\nCMD mycommand\n";

  it("skip= at the top turns the mapped rules off for the file", () => {
    expect(found(cmd)).toEqual([["dockerfile/prefer-exec-form", 2]]);
    expect(found(`# check=skip=JSONArgsRecommended\n${cmd}`)).toEqual([]);
    expect(found(`# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\n${cmd}`)).toEqual([]);
    expect(found(`#!/usr/bin/env docker\n#check = skip=JSONArgsRecommended,MaintainerDeprecated\n${cmd}MAINTAINER me\n`)).toEqual([]);
    expect(found(`# CHECK=skip=all\n${cmd}MAINTAINER me\n`)).toEqual([]);
  });

  it("reads it exactly as BuildKit: names are case-sensitive, the value ends at a space, only the top counts", () => {
    expect(found(`# check=skip=jsonargsrecommended\n${cmd}`)).toEqual([["dockerfile/prefer-exec-form", 3]]);
    expect(found(`# check=skip=MaintainerDeprecated, JSONArgsRecommended\n${cmd}`)).toEqual([["dockerfile/prefer-exec-form", 3]]);
    // Not at the top: a comment above FROM, local to it.
    expect(found(`\n# check=skip=JSONArgsRecommended\n${cmd}`)).toEqual([["dockerfile/prefer-exec-form", 4]]);
    expect(found(` # check=skip=JSONArgsRecommended\n${cmd}`)).toEqual([["dockerfile/prefer-exec-form", 3]]);
    expect(found(`# other=1\n# check=skip=JSONArgsRecommended\n${cmd}`)).toEqual([["dockerfile/prefer-exec-form", 4]]);
    // BuildKit acts on the value up to its first space: `skip` alone, which fails the build.
    expect(lint(`# check = skip = JSONArgsRecommended\n${cmd}`)[0]?.message).toContain('invalid check option "skip"');
  });

  it("error=true makes the mapped rules errors", () => {
    const messages = lint(`# check=error=true\n${cmd}`);
    expect(messages.map((message) => [message.ruleId, message.severity])).toEqual([["dockerfile/prefer-exec-form", 2]]);
    const both = lint(`#check=skip=JSONArgsRecommended;error=true\n${cmd}MAINTAINER me\n`);
    expect(both.map((message) => [message.ruleId, message.severity])).toEqual([["dockerfile/no-maintainer", 2]]);
  });

  it("leaves rules that a # eslint comment sets to that comment", () => {
    const messages = lint(`# check=error=true\n# eslint dockerfile/prefer-exec-form: warn\n${cmd}`);
    expect(messages.map((message) => [message.ruleId, message.severity])).toEqual([["dockerfile/prefer-exec-form", 1]]);
  });

  it("reports a directive that makes docker build fail", () => {
    const messages = lint(`# check=skip=JSONArgsRecommended;bogus=1\n${cmd}`);
    expect(messages.map((message) => [message.line, message.message])).toEqual([
      [1, 'This # check= directive makes docker build fail (invalid check option "bogus"); fix or remove it.'],
      [3, expect.stringContaining("") as string],
    ]);
    expect(lint(`# check=error=maybe\n${cmd}`)[0]?.message).toContain("failed to parse check option");
  });

  it("skip= above an instruction is local to it (dockerfile_check_test.go)", () => {
    const code = "FROM scratch\n# check=skip=SecretsUsedInArgOrEnv // allow secret in environment\nENV password=bar\nARG password\n# check=skip=all // is local to only this instruction\nENV alternate_password=bar\n";
    expect(found(code)).toEqual([["dockerfile/no-secrets-in-build-args", 4]]);
    expect(found("FROM scratch\n# check=skip=JSONArgsRecommended\nCMD mycommand\n")).toEqual([]);
    expect(found("FROM scratch\n# check=skip=MaintainerDeprecated\n\n# another comment\nMAINTAINER me@example.org\n")).toEqual([]);
    expect(found("FROM scratch\n# check=skip=MaintainerDeprecated\n#\nMAINTAINER me@example.org\n")).toEqual([["dockerfile/no-maintainer", 4]]);
  });

  it("is off with the language option", () => {
    expect(found(`# check=skip=JSONArgsRecommended\n${cmd}`, { languageOptions: { checkDirectives: false } })).toEqual([["dockerfile/prefer-exec-form", 3]]);
  });
});

describe("the issue's migration scenario", () => {
  it("silences what hadolint was told to ignore, and check=skip silences prefer-exec-form", () => {
    const code = [
      "# syntax=docker/dockerfile:1",
      "# check=skip=JSONArgsRecommended",
      "FROM my.registry/base:1.0",
      "# hadolint ignore=DL3008,DL3015",
      "RUN apt-get update && apt-get install -y \\",
      "    curl",
      "CMD run-app",
      "",
    ].join("\n");
    expect(found(code)).toEqual([]);
  });
});
