/** RuleTesters for the image rules outside Dockerfiles, with the presets' parsers. */
import { RuleTester } from "eslint";
import * as yamlParser from "yaml-eslint-parser";
import * as jsoncParser from "jsonc-eslint-parser";
import tsParser from "@typescript-eslint/parser";
import { describe, it } from "vitest";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export const yamlTester = new RuleTester({ languageOptions: { parser: yamlParser } });
export const jsonTester = new RuleTester({ languageOptions: { parser: jsoncParser } });
export const tsTester = new RuleTester({ languageOptions: { parser: tsParser } });
export const jsTester = new RuleTester({ languageOptions: { sourceType: "commonjs" } });

/** Joins lines with `\n`. */
export function lines(...text: string[]): string {
  return text.join("\n");
}
