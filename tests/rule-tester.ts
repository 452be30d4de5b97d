/** RuleTester wired to vitest and the Dockerfile language. */
import { RuleTester } from "eslint";
import { describe, it } from "vitest";
import plugin from "../index.js";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export const ruleTester = new RuleTester({
  plugins: { dockerfile: plugin },
  language: "dockerfile/dockerfile",
});

/** Joins lines with `\n`, so multi-line Dockerfiles read well in tests. */
export function lines(...text: string[]): string {
  return text.join("\n");
}
