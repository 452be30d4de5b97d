/**
 * The cache rules' claims, checked on a real Docker engine (npm run
 * test:engine). One daemon for the whole suite; every scenario builds the rule
 * page's examples on a busybox base image and asserts, step by step, what
 * BuildKit took from its cache. The observed results must match
 * tests/engine/results.json, from which docs/build-cache.md's table is made;
 * ENGINE_UPDATE=1 rewrites both.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEngineForSuite } from "../support/engine.js";
import { makeRootfs } from "./base-image.js";
import { FileServer } from "./file-server.js";
import { Harness } from "./harness.js";
import { readResults, writeResults, type Results } from "./results.js";
import { scenarios } from "./scenarios/index.js";

const engine = await startEngineForSuite("npm run test:engine");
const observed = new Map<string, string>();
let harness: Harness | undefined;
let server: FileServer | undefined;
let work: string | undefined;

describe.skipIf(!engine)("the build cache on a real engine", () => {
  beforeAll(async () => {
    if (!engine) return;
    server = await FileServer.start();
    work = await mkdtemp(path.join(tmpdir(), "dfl-scenarios-"));
    const rootfs = path.join(work, "rootfs");
    const features = makeRootfs(rootfs, { port: server.port });
    await engine.importImage("busybox-base:1", rootfs);
    harness = new Harness(engine, server, "busybox-base:1", work, features);
  });

  afterAll(async () => {
    await server?.stop();
    await engine?.stop();
    if (work) await rm(work, { recursive: true, force: true });
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
