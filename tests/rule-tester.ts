/** RuleTester wired to vitest and the Dockerfile language. */
import { appendFileSync } from "node:fs";
import path from "node:path";
import { Linter, RuleTester } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../index.js";
import { MESSAGE_LIMIT, PENDING, messageProblems } from "./message-style.js";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

type RunArgs = Parameters<RuleTester["run"]>;
type InvalidCase = RunArgs[2]["invalid"][number];

/** RuleTester matches configs from the root of the case's file name: one linter per root. */
const linters = new Map<string, Linter>();
function linterFor(filename: string): Linter {
  const root = path.parse(path.resolve(filename)).root;
  let linter = linters.get(root);
  if (linter === undefined) linters.set(root, (linter = new Linter({ cwd: root })));
  return linter;
}

/** The messages a rule renders on one invalid case, as RuleTester runs it. */
function renderedMessages(name: string, rule: RunArgs[1], item: InvalidCase): string[] {
  const id = `rule-to-test/${name}`;
  const config: Linter.Config = {
    files: ["**"],
    plugins: { dockerfile: plugin, "rule-to-test": { rules: { [name]: rule } } },
    language: "dockerfile/dockerfile",
    rules: { [id]: ["error", ...((item.options ?? []) as unknown[])] },
  };
  if (item.settings !== undefined) config.settings = item.settings;
  if (item.languageOptions !== undefined) config.languageOptions = item.languageOptions;
  const filename = item.filename ?? "Dockerfile";
  return linterFor(filename)
    .verify(item.code, [config], filename)
    .filter((message) => message.ruleId === id)
    .map((message) => message.message);
}

/**
 * RuleTester, plus one test per rule that renders the messages of its
 * invalid cases and holds the longest to tests/message-style.ts.
 */
class DockerfileRuleTester extends RuleTester {
  override run(...[name, rule, tests]: RunArgs): void {
    super.run(name, rule, tests);
    describe(name, () => {
      it(`messages are one sentence of at most ${MESSAGE_LIMIT} characters`, () => {
        const messages = tests.invalid.flatMap((item) => renderedMessages(name, rule, item));
        expect(messages.length).toBeGreaterThan(0);
        const longest = messages.reduce((a, b) => (b.length > a.length ? b : a), "");
        const report = process.env.MESSAGE_REPORT;
        if (report !== undefined && report !== "") appendFileSync(report, `${JSON.stringify({ rule: name, length: longest.length, longest })}\n`);
        if (PENDING.has(name)) return;
        expect(messages.map((text) => ({ text, problems: messageProblems(text) })).filter((entry) => entry.problems.length > 0)).toEqual([]);
      });
    });
  }
}

export const ruleTester = new DockerfileRuleTester({
  plugins: { dockerfile: plugin },
  language: "dockerfile/dockerfile",
});

/** Joins lines with `\n`, so multi-line Dockerfiles read well in tests. */
export function lines(...text: string[]): string {
  return text.join("\n");
}
