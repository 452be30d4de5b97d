/**
 * dockerfile-lint changes three of V8's settings for its own process (see
 * bin/dockerfile-lint.ts) unless the user named the setting on node's command
 * line; V8's own traces show which way a run went, and the findings are the
 * same either way.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT, ensureBuilt } from "./helpers.js";

const corpus = path.resolve(ROOT, "../shared/corpus/files");

/** V8's own TurboFan budget, by V8 major version, in the two spellings node's command line takes; the bin raises it on these. */
const V8_DEFAULT_BUDGET: Partial<Record<string, readonly [dashed: string, underscored: string]>> = {
  "11": ["--interrupt-budget=67584", "--interrupt_budget=67584"],
  "12": ["--invocation-count-for-turbofan=3000", "--invocation_count_for_turbofan=3000"],
};
const v8DefaultBudget = V8_DEFAULT_BUDGET[process.versions.v8.split(".")[0] ?? ""];

describe("dockerfile-lint's own process", () => {
  const directories = readdirSync(corpus).sort().slice(0, 60).map((name) => path.join(corpus, name));

  beforeAll(() => {
    ensureBuilt();
  }, 120_000);

  /** How many lines of V8's trace (written to stdout) match `traced`, and the JSON report (written to a file), of one run. */
  function run(nodeFlags: string[], traced: RegExp): { traceLines: number; report: unknown } {
    const report = path.join(os.tmpdir(), `compiler-flags-${String(process.pid)}-${String(Math.random()).slice(2)}.json`);
    const child = spawnSync(process.execPath, [...nodeFlags, BIN, "--preset", "all", "--rule", "dockerfile/shellcheck: off", "--format", "json", "--output-file", report, ...directories], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    try {
      expect(child.status, child.stderr).toBe(1);
      return { traceLines: child.stdout.split("\n").filter((line) => traced.test(line)).length, report: JSON.parse(readFileSync(report, "utf8")) };
    } finally {
      rmSync(report, { force: true });
    }
  }

  it("runs without inlining, and with it when node's flags ask, with the same findings", () => {
    const inlining = (flags: string[]) => run([...flags, "--trace-turbo-inlining"], /for inlining/u);
    const off = inlining([]);
    const on = inlining(["--turbo-inlining"]);
    const offByName = inlining(["--no-turbo_inlining"]);
    // Enough work for TurboFan to optimize: with inlining on, it considers thousands of call sites.
    expect(on.traceLines).toBeGreaterThan(500);
    expect(off.traceLines).toBe(0);
    expect(offByName.traceLines).toBe(0);
    expect(off.report).toEqual(on.report);
  }, 120_000);

  it.skipIf(v8DefaultBudget === undefined)("optimizes fewer functions than V8's default budget would, unless node's flags name the budget", () => {
    const [dashed, underscored] = v8DefaultBudget ?? ["", ""];
    const optimized = (flags: string[]) => run([...flags, "--trace-opt"], /^\[completed optimizing /u);
    const ours = optimized([]);
    const v8Default = optimized([dashed]);
    const v8DefaultByName = optimized([underscored]);
    // Over these files about 400 functions against about 900.
    expect(ours.traceLines).toBeGreaterThan(100);
    expect(v8Default.traceLines).toBeGreaterThan(ours.traceLines * 1.5);
    expect(v8DefaultByName.traceLines).toBeGreaterThan(ours.traceLines * 1.5);
    expect(ours.report).toEqual(v8Default.report);
  }, 120_000);

  it("keeps no pretenuring feedback, and does when node's flags ask, with the same findings", () => {
    const sites = (flags: string[]) => run([...flags, "--trace-pretenuring-statistics"], /AllocationSite\(/u);
    const off = sites([]);
    const on = sites(["--allocation_site_pretenuring"]);
    expect(on.traceLines).toBeGreaterThan(0);
    expect(off.traceLines).toBe(0);
    expect(off.report).toEqual(on.report);
  }, 120_000);
});
