/**
 * `# hadolint ignore=SC2086` silences the findings of the rule that reports
 * ShellCheck's codes whose `data.code` is SC2086, and no other finding of that
 * rule. Checked with a stand-in rule that reports two codes per RUN, so that
 * the mechanism is tested whatever the shellcheck rule finds.
 */
import type { Rule } from "eslint";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../index.js";
import { honourPragmas } from "../../lib/language/index.js";

const standIn: Rule.RuleModule = {
  meta: { type: "problem", messages: { finding: "{{code}}: {{message}}." }, schema: [] },
  create(context) {
    return {
      Run(node: { loc: { start: { line: number; column: number }; end: { line: number; column: number } } }) {
        for (const code of ["SC2086", "SC2046"]) context.report({ loc: node.loc, messageId: "finding", data: { code, message: "a finding" } });
      },
    };
  },
};

const testPlugin = { ...plugin, rules: honourPragmas({ ...plugin.rules, shellcheck: standIn }) };
const linter = new Linter({ configType: "flat" });

function lint(code: string, linterOptions: Linter.Config["linterOptions"] = { reportUnusedDisableDirectives: "off" }, reportUnusedPragmas = true): Linter.LintMessage[] {
  return linter.verify(
    code,
    [
      {
        files: ["**/Dockerfile"],
        plugins: { dockerfile: testPlugin },
        language: "dockerfile/dockerfile",
        languageOptions: { reportUnusedPragmas },
        rules: { "dockerfile/shellcheck": "error", "dockerfile/no-cd-in-run": "error" },
        linterOptions,
      },
    ],
    { filename: "Dockerfile" },
  );
}

function suppressedMessages(): Linter.SuppressedLintMessage[] {
  return (linter as unknown as { getSuppressedMessages(): Linter.SuppressedLintMessage[] }).getSuppressedMessages();
}

const codes = (messages: Linter.LintMessage[]): [string | null, number, string][] => messages.map((m) => [m.ruleId, m.line, m.message.slice(0, 6)]);

describe("pragmas that name a finding's code", () => {
  it("suppress only the findings with that code, on the next instruction", () => {
    const code = "FROM a:1\n# hadolint ignore=SC2086\nRUN echo $x \\\n  y\nRUN echo $y\n";
    expect(codes(lint(code))).toEqual([
      ["dockerfile/shellcheck", 3, "SC2046"],
      ["dockerfile/shellcheck", 5, "SC2086"],
      ["dockerfile/shellcheck", 5, "SC2046"],
    ]);
    const suppressed = suppressedMessages();
    expect(suppressed.map((m) => [m.ruleId, m.message.slice(0, 6)])).toEqual([["dockerfile/shellcheck", "SC2086"]]);
  });

  it("drop only the findings with that code by default, without directives", () => {
    const code = "FROM a:1\n# hadolint ignore=SC2086,SC1000\nRUN echo $x \\\n  y\nRUN echo $y\n";
    expect(codes(lint(code, undefined, false))).toEqual([
      ["dockerfile/shellcheck", 3, "SC2046"],
      ["dockerfile/shellcheck", 5, "SC2086"],
      ["dockerfile/shellcheck", 5, "SC2046"],
    ]);
    expect(codes(lint("# hadolint stage ignore=SC2046\nFROM a:1\nRUN echo\nFROM b:1\nRUN echo\n", {}, false))).toEqual([
      ["dockerfile/shellcheck", 3, "SC2086"],
      ["dockerfile/shellcheck", 5, "SC2086"],
      ["dockerfile/shellcheck", 5, "SC2046"],
    ]);
  });

  it("mix with DL codes in one pragma", () => {
    const code = "FROM a:1\n# hadolint ignore=DL3003,SC2046,SC2086\nRUN cd /x && echo $x\n";
    expect(lint(code)).toEqual([]);
  });

  it("work in stage and global pragmas", () => {
    expect(codes(lint("# hadolint global ignore=SC2046\nFROM a:1\nRUN echo\nFROM b:1\nRUN echo\n"))).toEqual([
      ["dockerfile/shellcheck", 3, "SC2086"],
      ["dockerfile/shellcheck", 5, "SC2086"],
    ]);
    expect(codes(lint("# hadolint stage ignore=SC2046,SC2086\nFROM a:1\nRUN echo\nFROM b:1\nRUN echo\n"))).toEqual([
      ["dockerfile/shellcheck", 5, "SC2086"],
      ["dockerfile/shellcheck", 5, "SC2046"],
    ]);
  });

  it("report a code that silenced nothing, at that code, when asked", () => {
    const messages = lint("FROM a:1\n# hadolint ignore=SC2086,SC1000\nRUN echo\n", { reportUnusedDisableDirectives: "error" });
    expect(messages.map((m) => [m.ruleId, m.line, m.column, m.message.slice(0, 30)])).toEqual([
      [null, 2, 26, "Unused eslint-disable directiv"],
      ["dockerfile/shellcheck", 3, 1, "SC2046: a finding."],
    ]);
  });

  it("leave findings in place without directives (--no-inline-config)", () => {
    const messages = lint("FROM a:1\n# hadolint ignore=SC2086\nRUN echo\n", { noInlineConfig: true, reportUnusedDisableDirectives: "off" });
    expect(codes(messages)).toEqual([
      ["dockerfile/shellcheck", 3, "SC2086"],
      ["dockerfile/shellcheck", 3, "SC2046"],
    ]);
  });

  it("do not end a user's eslint-disable of the rule", () => {
    const code = "# eslint-disable dockerfile/shellcheck\nFROM a:1\n# hadolint ignore=SC2086\nRUN echo\nRUN echo\n";
    expect(lint(code)).toEqual([]);
  });
});
