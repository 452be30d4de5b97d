/**
 * The cache rules' claims, checked on a real Docker engine (npm run
 * test:engine). One daemon for the whole suite; every scenario builds the rule
 * page's examples on a busybox base image and asserts, step by step, what
 * BuildKit took from its cache. The observed results must match
 * tests/engine/results.json, from which docs/build-cache.md's table is made;
 * ENGINE_UPDATE=1 rewrites both.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEngineForSuite } from "../support/engine.js";
import { startHarness, type Harness } from "./harness.js";
import { readResults, writeResults, type Results } from "./results.js";
import { scenarios } from "./scenarios/index.js";

const engine = await startEngineForSuite("npm run test:engine");
const observed = new Map<string, string>();
let harness: Harness | undefined;
let stop: (() => Promise<void>) | undefined;

describe.skipIf(!engine)("the build cache on a real engine", () => {
  beforeAll(async () => {
    if (!engine) return;
    ({ harness, stop } = await startHarness(engine));
  });

  afterAll(async () => {
    await (stop ?? engine?.stop.bind(engine))?.();
  });

  for (const scenario of scenarios) {
    it(`${scenario.rule}: ${scenario.kind}: ${scenario.claim}`, async () => {
      if (!harness) throw new Error("no harness");
      const result = await scenario.run(harness);
      observed.set(scenario.id, result);
    });
  }

  it("observes what tests/engine/results.json records (ENGINE_UPDATE=1 rewrites it and the table)", () => {
    if (!engine) return;
    const current: Results = { engine: engine.version, observed: Object.fromEntries(scenarios.map((scenario) => [scenario.id, observed.get(scenario.id) ?? "(failed)"])) };
    if (process.env.ENGINE_UPDATE === "1") {
      writeResults(current);
      return;
    }
    const recorded = readResults();
    expect(current.observed).toEqual(recorded.observed);
    if (recorded.engine !== current.engine) console.warn(`results.json was recorded on Docker ${recorded.engine}; this engine is ${current.engine}`);
  });
});
