/** Dockerfile blocks of Markdown files, through the presets' processor block. */
import { ESLint } from "eslint";
import type { Linter } from "eslint";
import os from "node:os";
import markdown from "@eslint/markdown";
import { describe, expect, it } from "vitest";
import plugin from "../../index.js";

/** As the ESLint CLI lints a file: which processor blocks to lint is decided by the config, not by a `.js` name. */
async function lint(text: string, configs: Linter.Config[], filePath: string, fix = false): Promise<ESLint.LintResult> {
  const eslint = new ESLint({ cwd: os.tmpdir(), overrideConfigFile: true, overrideConfig: configs, fix });
  const [result] = await eslint.lintText(text, { filePath });
  if (!result) throw new Error("no result");
  return result;
}

function lines(...text: string[]): string {
  return text.join("\n");
}

function brief(messages: Linter.LintMessage[]) {
  return messages.map(({ ruleId, line, column }) => ({ ruleId, line, column }));
}

describe("Markdown code blocks", () => {
  it("runs the Dockerfile rules on dockerfile and Dockerfile blocks, with the Markdown file's line numbers", async () => {
    const text = lines(
      "# Title",
      "",
      "```Dockerfile",
      "FROM node:20.11.1",
      "FROM ubuntu",
      "```",
      "",
      "Text.",
      "",
      "```dockerfile title=example",
      "FROM alpine:latest",
      "```",
    );
    const messages = (await lint(text, plugin.configs.recommended, "docs/README.md")).messages;
    expect(brief(messages)).toEqual([
      { ruleId: "dockerfile/pin-base-image", line: 5, column: 6 },
      { ruleId: "dockerfile/pin-base-image", line: 11, column: 6 },
    ]);
  });

  it("maps columns and fixes of an indented block in a list item back into the Markdown", async () => {
    const text = lines("1. Build it:", "", "   ```dockerfile", "   from node:20.11.1 AS build", "   RUN make", "   ```", "");
    const messages = (await lint(text, plugin.configs.strict, "README.md")).messages;
    expect(brief(messages).filter((message) => message.ruleId === "dockerfile/consistent-instruction-casing")).toEqual([
      { ruleId: "dockerfile/consistent-instruction-casing", line: 4, column: 4 },
    ]);
    const fixed = await lint(text, plugin.configs.strict, "README.md", true);
    expect(fixed.output).toBe(lines("1. Build it:", "", "   ```dockerfile", "   FROM node:20.11.1 AS build", "   RUN make", "   ```", ""));
  });

  it("leaves code blocks in other languages unlinted, and text outside blocks too", async () => {
    const text = lines("```js", "undefinedThing()", "```", "", "```sh", "docker run ubuntu", "```", "", "FROM ubuntu", "");
    expect((await lint(text, [{ rules: { "no-undef": "error" } }, ...plugin.configs.recommended], "README.md")).messages).toEqual([]);
  });

  it("turns a <!-- eslint-disable-next-line --> before a block into a Dockerfile comment", async () => {
    const text = lines("<!-- eslint-disable-next-line dockerfile/pin-base-image -->", "", "```dockerfile", "FROM ubuntu", "FROM debian", "```");
    expect(brief((await lint(text, plugin.configs.recommended, "README.md")).messages)).toEqual([{ ruleId: "dockerfile/pin-base-image", line: 5, column: 6 }]);
  });

  it("hands the Markdown itself on to the user's Markdown language and rules", async () => {
    const text = lines("# Title", "", "#### Skipped a level", "", "```dockerfile", "FROM ubuntu", "```");
    const configs: Linter.Config[] = [
      { files: ["**/*.md"], plugins: { markdown }, language: "markdown/commonmark", rules: { "markdown/heading-increment": "error" } },
      ...plugin.configs.recommended,
    ];
    expect(brief((await lint(text, configs, "README.md")).messages)).toEqual([
      { ruleId: "markdown/heading-increment", line: 3, column: 1 },
      { ruleId: "dockerfile/pin-base-image", line: 6, column: 6 },
    ]);
  });
});
