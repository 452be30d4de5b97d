/**
 * dockerfile-lint turns TurboFan's inlining off for its own process (see
 * bin/dockerfile-lint.ts), unless the user named the setting on node's
 * command line; V8's own trace of inlining decisions shows which way a run went.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT, ensureBuilt } from "./helpers.js";

const corpus = path.resolve(ROOT, "../shared/corpus/files");

describe("dockerfile-lint's own process", () => {
  const directories = readdirSync(corpus).sort().slice(0, 60).map((name) => path.join(corpus, name));

  beforeAll(() => {
    ensureBuilt();
  }, 120_000);

  /** V8's inlining trace (written to stdout) and the JSON report (written to a file) of one run. */
  function traced(nodeFlags: string[]): { inliningLines: number; report: unknown } {
    const report = path.join(os.tmpdir(), `compiler-flags-${String(process.pid)}-${String(Math.random()).slice(2)}.json`);
    const run = spawnSync(process.execPath, [...nodeFlags, "--trace-turbo-inlining", BIN, "--preset", "all", "--rule", "dockerfile/shellcheck: off", "--format", "json", "--output-file", report, ...directories], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    try {
      expect(run.status, run.stderr).toBe(1);
      return { inliningLines: run.stdout.split("\n").filter((line) => /for inlining/u.test(line)).length, report: JSON.parse(readFileSync(report, "utf8")) };
    } finally {
      rmSync(report, { force: true });
    }
  }

  it("runs without inlining, and with it when node's flags ask, with the same findings", () => {
    const off = traced([]);
    const on = traced(["--turbo-inlining"]);
    const offByName = traced(["--no-turbo_inlining"]);
    // Enough work for TurboFan to optimize: with inlining on, it considers thousands of call sites.
    expect(on.inliningLines).toBeGreaterThan(500);
    expect(off.inliningLines).toBe(0);
    expect(offByName.inliningLines).toBe(0);
    expect(off.report).toEqual(on.report);
  }, 120_000);
});
