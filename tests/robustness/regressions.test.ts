/**
 * Inputs the fuzz test (./fuzz.test.ts) once broke, kept as named cases. Each
 * must satisfy every property of ./harness.ts. Add new ones here, with the
 * bug they found, when fixing what the fuzzer reports.
 */
import { describe, it } from "vitest";
import { checkRobustness } from "./harness.js";

const CASES: { name: string; text: string }[] = [
  {
    // legacy-key-value-format quoted a value that still held a lone `\r`, which
    // dockerfile-ast reads as a line break: the fix split ENV into three instructions.
    name: "legacy ENV fix with lone CR line endings and a comment inside the continuation",
    text: "FROM ubuntu\rENV ubuntu \\\r# inside a continuation\r  ubuntu",
  },
];

describe("robustness regressions", () => {
  for (const { name, text } of CASES) {
    it(name, () => {
      checkRobustness(text);
    });
  }
});
