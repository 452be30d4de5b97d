/**
 * Fuzzing the image finders of the files that are not Dockerfiles: generated
 * YAML and JSON structures (anchors, aliases, merge keys, odd scalars) and
 * random text go through the presets as Compose, workflow, GitLab CI, dev
 * container, Bake and TypeScript files. A run never throws, every finding is
 * an image rule's, and every location lies inside the text.
 */
import fc from "fast-check";
import os from "node:os";
import path from "node:path";
import { ESLint, Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../index.js";
import { MAX_JSON_LENGTH, MAX_YAML_LENGTH } from "../../lib/formats/index.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? "") || 200;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.CI ? 0x5eed : undefined;
const params = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };

const linter = new Linter({ configType: "flat" });

function check(text: string, filename: string): void {
  const messages = linter.verify(text, plugin.configs.all, filename);
  const lines = text.split(/\r\n|[\n\r\u2028\u2029]/u);
  for (const message of messages) {
    if (message.fatal) continue;
    expect(message.ruleId === "dockerfile/pin-base-image" || message.ruleId === "dockerfile/allowed-registries").toBe(true);
    expect(message.line).toBeGreaterThanOrEqual(1);
    expect(message.line).toBeLessThanOrEqual(lines.length);
    expect(message.column).toBeLessThanOrEqual((lines[message.line - 1] ?? "").length + 1);
  }
}

const key = fc.constantFrom("services", "image", "build", "jobs", "container", "name", "x-a", "<<", "uses", "runs", "default", "target", "contexts", "steps", "db");
const scalar = fc.oneof(
  fc.constantFrom("redis", "postgres:latest", "docker://alpine", "docker-image://busybox", "${X}", "*a", "&a redis", "''", "[]", "{}", "~", "null", "1", "@x"),
  fc.string({ maxLength: 12 }),
);
const yamlValue = fc.letrec<{ value: string; map: string; seq: string }>((tie) => ({
  value: fc.oneof({ depthSize: "small" }, scalar, tie("map"), tie("seq")),
  map: fc.array(fc.tuple(key, tie("value")), { maxLength: 4 }).map((pairs) => `{${pairs.map(([k, v]) => `${k}: ${v}`).join(", ")}}`),
  seq: fc.array(tie("value"), { maxLength: 3 }).map((items) => `[${items.join(", ")}]`),
})).value;
const yamlDocument = fc.array(fc.tuple(key, yamlValue, fc.boolean()), { maxLength: 6 }).map((pairs) =>
  pairs.map(([k, v, anchored]) => `${k}: ${anchored ? "&a " : ""}${v}`).join("\n"),
);
const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, fc.constantFrom("redis", "docker-image://alpine", "x:latest", 1, null, true), tie("object"), fc.array(tie("value"), { maxLength: 3 })),
  object: fc.dictionary(key, tie("value"), { maxKeys: 4 }),
})).value;

describe("image files under fuzzing", () => {
  it.each(["compose.yaml", ".github/workflows/ci.yml", ".gitlab-ci.yml"])("generated YAML as %s", (filename) => {
    fc.assert(fc.property(yamlDocument, (text) => { check(text, filename); }), params);
  });

  it.each([".devcontainer/devcontainer.json", "docker-bake.json"])("generated JSON as %s", (filename) => {
    fc.assert(fc.property(jsonValue, (value) => { check(JSON.stringify(value, null, 1), filename); }), params);
  });

  it.each(["compose.yaml", ".devcontainer.json", "test/a.test.ts", "README.md"])("random text as %s", (filename) => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => { check(text, filename); }), params);
  });

  it("an alias cycle and deep merge chains end", () => {
    check("a: &a [*a]\nservices: &s {x: *s, y: {<<: *s, image: *a}}\n", "compose.yaml");
    const chain = Array.from({ length: 50 }, (_, i) => `x-${i}: &m${i} {<<: *m${Math.max(i - 1, 0)}}`).join("\n");
    check(`x-base: &m0 {image: redis}\n${chain}\nservices: {a: {<<: *m49}}\n`, "compose.yaml");
    // A list of steps that contains itself through an alias.
    const cycle = linter.verify("jobs:\n  a:\n    steps: &s [{parallel: *s, uses: docker://redis}]\n", plugin.configs.all, ".github/workflows/ci.yml");
    expect(cycle.map((message) => [message.ruleId, message.line])).toEqual([["dockerfile/pin-base-image", 3]]);
  });
});

/** Milliseconds to lint `text` as `filename`, with its messages. */
function timed(text: string, filename: string): { ms: number; messages: Linter.LintMessage[] } {
  const start = performance.now();
  const messages = linter.verify(text, plugin.configs.all, filename);
  return { ms: performance.now() - start, messages };
}

describe("image files of hostile shapes end in bounded time", () => {
  it("merge keys that fan out at every level: 3^8 → 10^8 lookups are cut at a budget", { timeout: 120_000 }, () => {
    const fan = (width: number): string => {
      const levels = Array.from({ length: 8 }, (_, i) => `x-${i + 1}: &m${i + 1} {<<: [${Array<string>(width).fill(`*m${i}`).join(", ")}]}`);
      return `x-0: &m0 {image: redis}\n${levels.join("\n")}\nservices: {a: {<<: *m8}}\n`;
    };
    timed(fan(3), "compose.yaml");
    const small = timed(fan(3), "compose.yaml");
    const large = timed(fan(10), "compose.yaml");
    // 10^8 / 3^8 is 15,000 times the lookups; the budget keeps it near the small case.
    expect(large.ms).toBeLessThan(Math.max(50 * small.ms, 5000));
    for (const { messages } of [small, large]) expect(messages.map((message) => message.ruleId)).toEqual(["dockerfile/pin-base-image"]);
  });

  it("many anchors of one name: each alias names the last one before it", { timeout: 300_000 }, () => {
    const aliases = (count: number): string =>
      `${Array.from({ length: count }, (_, i) => `y-${i}: &a {image: redis}`).join("\n")}\nservices:\n${Array.from({ length: count }, (_, i) => `  s${i}: *a`).join("\n")}\n`;
    const { messages } = timed(aliases(500), "compose.yaml");
    expect(messages.filter((message) => message.fatal === true)).toEqual([]);
    // The last anchor before the aliases is the one they name.
    expect(messages.filter((message) => message.ruleId === "dockerfile/pin-base-image").map((message) => message.line)).toEqual([500]);
  });

  it.each([
    ["compose.yaml", MAX_YAML_LENGTH, (size: number) => `services:\n${Array.from({ length: Math.ceil(size / 20) }, (_, i) => `  s${i}:\n    image: redis\n`).join("")}`],
    [".github/workflows/ci.yml", MAX_YAML_LENGTH, (size: number) => `jobs:\n  a:\n    steps:\n${"      - uses: docker://redis\n".repeat(Math.ceil(size / 29))}`],
    ["docker-bake.json", MAX_JSON_LENGTH, (size: number) => JSON.stringify({ target: { a: { contexts: { b: "docker-image://redis" } } }, pad: "x".repeat(size) })],
  ])("%s over its size limit gets one parsing error at once", { timeout: 120_000 }, (filename, limit, make) => {
    const { ms, messages } = timed(make(limit + 1), filename);
    expect(messages.map((message) => message.message)).toEqual([expect.stringMatching(/^Parsing error: File too large to lint: [\d,]+ characters of (?:YAML|JSON), over the limit of /u)]);
    expect(ms).toBeLessThan(5000);
    // Just under it, the file is linted.
    const under = timed(make(limit / 2), filename).messages;
    expect(under.some((message) => message.ruleId === "dockerfile/pin-base-image")).toBe(true);
  });

  it.each([
    ["compose.yaml", (depth: number) => `services:\n  a:\n    image: ${"[".repeat(depth)}${"]".repeat(depth)}\n`],
    [".devcontainer.json", (depth: number) => `{"image": ${"[".repeat(depth)}${"]".repeat(depth)}}`],
    ["test/a.test.ts", (depth: number) => `import { GenericContainer } from "testcontainers";\nnew GenericContainer(${"(".repeat(depth)}"redis"${")".repeat(depth)});\n`],
  ])("nesting 100,000 deep in %s: one parsing error, no throw", { timeout: 120_000 }, (filename, make) => {
    const { ms, messages } = timed(make(100_000), filename);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.fatal).toBe(true);
    expect(ms).toBeLessThan(30_000);
  });

  it("Markdown nested 50,000 deep with no dockerfile block is not parsed; a block is still found", { timeout: 120_000 }, async () => {
    const eslint = new ESLint({ cwd: os.tmpdir(), overrideConfigFile: true, overrideConfig: plugin.configs.all });
    const start = performance.now();
    const [deep] = await eslint.lintText(`${">".repeat(50_000)} x\n`, { filePath: path.join(os.tmpdir(), "README.md") });
    expect(performance.now() - start).toBeLessThan(5000);
    expect(deep?.messages).toEqual([]);
    const [found] = await eslint.lintText("# x\n\n~~~~ Dockerfile\nFROM ubuntu\n~~~~\n", { filePath: path.join(os.tmpdir(), "README.md") });
    expect(found?.messages.map((message) => [message.ruleId, message.line])).toEqual([["dockerfile/pin-base-image", 4]]);
  });
});
