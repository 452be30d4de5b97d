/**
 * `# hadolint ignore=SC2086` with the real ShellCheck behind the shellcheck
 * rule: the pragma silences that code's findings on the instruction below,
 * and no other code, and no other instruction.
 */
import { spawnSync } from "node:child_process";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../index.js";

const HAS_SHELLCHECK = spawnSync("shellcheck", ["--version"], { stdio: "ignore" }).error === undefined;
const linter = new Linter({ configType: "flat" });

function codes(text: string, languageOptions: Linter.LanguageOptions = {}): string[] {
  const messages = linter.verify(
    text,
    [{
      files: ["**/Dockerfile"],
      plugins: { dockerfile: plugin },
      language: "dockerfile/dockerfile",
      languageOptions,
      linterOptions: { reportUnusedDisableDirectives: "off" },
      rules: { "dockerfile/shellcheck": "error" },
    }],
    { filename: "Dockerfile" },
  );
  return messages.map((message) => `${String(message.line)} ${message.message.slice(0, message.message.indexOf(":"))}`);
}

// SC2086 for the unquoted $1 ($DIR is a known constant); SC2164 for the cd without `|| exit`.
const RUN = 'RUN DIR=/tmp; cd $DIR; echo $1\n';

describe.skipIf(!HAS_SHELLCHECK)(`# hadolint ignore=SC… with the shellcheck rule${HAS_SHELLCHECK ? "" : " [skipped: no shellcheck on PATH]"}`, () => {
  it("finds SC2086 and SC2164 without a pragma", { timeout: 60_000 }, () => {
    expect(codes(`FROM alpine:3.20\n${RUN}`)).toEqual(["2 SC2164", "2 SC2086"]);
  });

  it("a pragma naming SC2086 silences those findings only, on the next instruction only", { timeout: 60_000 }, () => {
    expect(codes(`FROM alpine:3.20\n# hadolint ignore=SC2086\n${RUN}${RUN}`)).toEqual(["3 SC2164", "4 SC2164", "4 SC2086"]);
  });

  it("a DL code in the same pragma leaves the shellcheck rule alone; global ignore covers the file", { timeout: 60_000 }, () => {
    expect(codes(`FROM alpine:3.20\n# hadolint ignore=DL3003\n${RUN}`)).toEqual(["3 SC2164", "3 SC2086"]);
    expect(codes(`# hadolint global ignore=SC2086,SC2164\nFROM alpine:3.20\n${RUN}${RUN}`)).toEqual([]);
  });

  it("as a directive (reportUnusedPragmas), it silences the same findings", { timeout: 60_000 }, () => {
    expect(codes(`FROM alpine:3.20\n# hadolint ignore=SC2086\n${RUN}`, { reportUnusedPragmas: true })).toEqual(["3 SC2164"]);
  });

  it("is off with hadolintPragmas: false", { timeout: 60_000 }, () => {
    expect(codes(`FROM alpine:3.20\n# hadolint ignore=SC2086\n${RUN}`, { hadolintPragmas: false })).toEqual(["3 SC2164", "3 SC2086"]);
  });
});
