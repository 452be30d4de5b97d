/**
 * Keeps the rule pages honest: every rule has a page that links Docker's
 * documentation or the build-cache page, names its peer rules, and states
 * the corpus numbers that tests/corpus/summary.json records.
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Linter } from "eslint";
import plugin from "../index.js";
import { docsUrl } from "../lib/language/rule.js";

const summary = JSON.parse(readFileSync(new URL("corpus/summary.json", import.meta.url), "utf8")) as Record<string, { findings: number; files: number }>;
const ruleNames = Object.keys(plugin.rules).sort();

function page(name: string): string {
  return readFileSync(new URL(`../docs/rules/${name}.md`, import.meta.url), "utf8");
}

describe.each(ruleNames)("docs/rules/%s.md", (name) => {
  const text = page(name);
  const rule = plugin.rules[name];

  it("is the page meta.docs.url points at", () => {
    const docs = rule?.meta?.docs as { url?: string } | undefined;
    expect(docs?.url).toBe(docsUrl(name));
    expect(text.startsWith(`# ${name}\n`)).toBe(true);
  });

  it("shows failing and passing examples", () => {
    expect(text).toMatch(/```dockerfile/u);
    expect(text.match(/```dockerfile/gu)?.length ?? 0).toBeGreaterThanOrEqual(2);
  });

  it("its first correct example passes the rule, with no unused disable comment", () => {
    const heading = /\n#+ *Correct[^\n]*\n|\nCorrect[^\n]*:\n/u.exec(text);
    expect(heading, "a Correct heading").not.toBeNull();
    const block = /```dockerfile\n([^`]*)```/u.exec(text.slice((heading?.index ?? 0) + (heading?.[0].length ?? 0)));
    expect(block, "a dockerfile block after it").not.toBeNull();
    const messages = new Linter({ configType: "flat" }).verify(
      block?.[1] ?? "",
      [{
        files: ["**/Dockerfile"],
        plugins: { dockerfile: plugin },
        language: "dockerfile/dockerfile",
        linterOptions: { reportUnusedDisableDirectives: "error" },
        rules: { [`dockerfile/${name}`]: "error" },
      }],
      { filename: "Dockerfile" },
    );
    expect(messages.map((message) => `${String(message.line)}: ${message.message}`)).toEqual([]);
  });

  it("names the peer rules users migrate from", () => {
    expect(text).toMatch(/Compared with other linters|hadolint|BuildKit/u);
  });

  it("states the corpus numbers of tests/corpus/summary.json", () => {
    const counts = summary[`dockerfile/${name}`];
    expect(counts).toBeDefined();
    const stated = /this rule reports ([\d,]+) findings? in ([\d,]+) files?/u.exec(text);
    if (!stated) {
      // Pages of rules that need options or files the corpus lacks explain their zero in prose.
      expect(text).toMatch(/1,452 public Dockerfiles/u);
      return;
    }
    expect([Number(stated[1]?.replaceAll(",", "")), Number(stated[2]?.replaceAll(",", ""))]).toEqual([counts?.findings, counts?.files]);
  });
});

/** Every dockerfile example with a disable comment, in the README and the guides, silences exactly what it says. */
describe.each(["README.md", ...readdirSync(new URL("../docs", import.meta.url)).filter((file) => file.endsWith(".md")).map((file) => `docs/${file}`)])(
  "disable comments in the examples of %s",
  (file) => {
    const text = readFileSync(new URL(`../${file}`, import.meta.url), "utf8");
    const examples = [...text.matchAll(/```dockerfile\n([^`]*)```/gu)].map((match) => match[1] ?? "").filter((code) => code.includes("eslint-disable"));
    it.skipIf(examples.length === 0)("report nothing with the recommended config", () => {
      const linter = new Linter({ configType: "flat" });
      for (const code of examples) {
        const messages = linter.verify(code, [...plugin.configs.recommended, { linterOptions: { reportUnusedDisableDirectives: "error" } }], { filename: "Dockerfile" });
        expect(messages.map((message) => `${String(message.line)}: ${message.message}`), code).toEqual([]);
      }
    });
  },
);

describe("the README", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

  it("shows the two commands a new user runs", () => {
    expect(readme).toContain("npm ci && npx dockerfile-lint");
    expect(readme).toContain("npm ci && npm test");
  });

  it("lists every rule", () => {
    for (const name of ruleNames) expect(readme).toContain(`[${name}](`);
  });
});
