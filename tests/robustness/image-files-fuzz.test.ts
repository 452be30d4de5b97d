/**
 * Fuzzing the image finders of the files that are not Dockerfiles: generated
 * YAML and JSON structures (anchors, aliases, merge keys, odd scalars) and
 * random text go through the presets as Compose, workflow, GitLab CI, dev
 * container, Bake and TypeScript files. A run never throws, every finding is
 * an image rule's, and every location lies inside the text.
 */
import fc from "fast-check";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../index.js";

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
  });
});
