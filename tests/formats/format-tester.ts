/**
 * RuleTesters for the image rules outside Dockerfiles, with the presets'
 * parsers, and the message check of tests/message-style.ts on what they render.
 */
import { Linter, RuleTester } from "eslint";
import * as yamlParser from "yaml-eslint-parser";
import * as jsoncParser from "jsonc-eslint-parser";
import tsParser from "@typescript-eslint/parser";
import { describe, expect, it } from "vitest";
import { messageProblems } from "../message-style.js";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

type RunArgs = Parameters<RuleTester["run"]>;

class FormatRuleTester extends RuleTester {
  readonly #languageOptions: Linter.LanguageOptions;

  constructor(languageOptions: Linter.LanguageOptions) {
    super({ languageOptions });
    this.#languageOptions = languageOptions;
  }

  override run(...[name, rule, tests]: RunArgs): void {
    super.run(name, rule, tests);
    describe(name, () => {
      it("messages are one sentence of at most 140 characters", () => {
        const linter = new Linter();
        const messages = tests.invalid.flatMap((item) => {
          const config: Linter.Config = {
            files: ["**"],
            plugins: { test: { rules: { rule } } },
            languageOptions: this.#languageOptions,
            rules: { "test/rule": ["error", ...((item.options ?? []) as unknown[])] },
          };
          return linter.verify(item.code, [config], item.filename ?? "file.js").map((message) => message.message);
        });
        expect(messages.length).toBeGreaterThan(0);
        expect(messages.map((text) => ({ text, problems: messageProblems(text) })).filter((entry) => entry.problems.length > 0)).toEqual([]);
      });
    });
  }
}

export const yamlTester = new FormatRuleTester({ parser: yamlParser });
export const jsonTester = new FormatRuleTester({ parser: jsoncParser });
export const tsTester = new FormatRuleTester({ parser: tsParser });
export const jsTester = new FormatRuleTester({ sourceType: "commonjs" });

/** Joins lines with `\n`. */
export function lines(...text: string[]): string {
  return text.join("\n");
}
