/**
 * Timing helpers: every case is run in turn, round after round, so that a
 * change of machine load hits all cases alike; each figure is the median.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** One measurement: wall-clock and CPU (user + system) milliseconds. */
export interface Sample {
  wall: number;
  cpu: number;
  /** Peak resident set size in MiB, for child processes when it is known. */
  rssMiB?: number;
}

export interface Figure {
  /** Medians over the timed rounds. */
  wall: number;
  cpu: number;
  rssMiB?: number;
  samples: Sample[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

/**
 * The median over the rounds of `a`'s CPU time over `b`'s in the same round,
 * each divided by its own count (of files, say): two cases of one round ran
 * seconds apart, while the machine's speed drifts more than that between
 * rounds. `a` and `b` must come from the same `alternate` call.
 */
export function pairedRatio(a: Figure, b: Figure, aCount = 1, bCount = 1): number {
  return median(a.samples.map((sample, round) => sample.cpu / aCount / ((b.samples[round]?.cpu ?? Number.NaN) / bCount)));
}

function figureOf(samples: Sample[]): Figure {
  const rss = samples.map((sample) => sample.rssMiB).filter((value): value is number => value !== undefined);
  const figure: Figure = {
    wall: median(samples.map((sample) => sample.wall)),
    cpu: median(samples.map((sample) => sample.cpu)),
    samples,
  };
  if (rss.length > 0) figure.rssMiB = median(rss);
  return figure;
}

/** Times a function in this process. */
export async function timeInProcess(fn: () => unknown): Promise<Sample> {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await fn();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

export type Case = () => Promise<Sample>;

/**
 * Runs `warmup` untimed rounds, then `runs` timed rounds. In each round every
 * case runs once; the order rotates from round to round.
 */
export async function alternate(cases: Record<string, Case>, runs: number, warmup = 1, log?: (line: string) => void): Promise<Record<string, Figure>> {
  const names = Object.keys(cases);
  const samples = new Map<string, Sample[]>(names.map((name) => [name, []]));
  for (let round = 0; round < warmup + runs; round++) {
    const timed = round >= warmup;
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length] ?? "";
      const run = cases[name];
      if (!run) continue;
      const sample = await run();
      if (timed) samples.get(name)?.push(sample);
    }
    log?.(`  round ${round + 1}/${warmup + runs}${timed ? "" : " (warm-up)"}`);
  }
  const result: Record<string, Figure> = {};
  for (const name of names) result[name] = figureOf(samples.get(name) ?? []);
  return result;
}

export const TIME_BINARY = "/usr/bin/time";
export const hasTimeBinary = existsSync(TIME_BINARY);

export interface ProcessRun extends Sample {
  code: number | null;
  stderr: string;
}

/**
 * Runs a command to completion, output discarded, and measures it. With GNU
 * time, CPU time and peak RSS come from the kernel's accounting of the child;
 * without it, only wall time is known (CPU is then NaN).
 */
export function timeProcess(command: string, args: readonly string[], options: { cwd: string; timeoutMs?: number }): Promise<ProcessRun> {
  const dir = mkdtempSync(path.join(tmpdir(), "dockerfile-bench-"));
  const report = path.join(dir, "time.txt");
  const [file, argv] = hasTimeBinary ? [TIME_BINARY, ["-f", "%e %U %S %M", "-o", report, command, ...args]] : [command, [...args]];
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(file, argv, { cwd: options.cwd, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      if (stderr.length < 10_000) stderr += chunk;
    });
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      if (timer) clearTimeout(timer);
      const wall = performance.now() - start;
      let cpu = Number.NaN;
      let rssMiB: number | undefined;
      if (hasTimeBinary && existsSync(report)) {
        const line = readFileSync(report, "utf8").trim().split("\n").at(-1) ?? "";
        const [, user, system, maxKiB] = line.split(" ").map(Number);
        if (user !== undefined && system !== undefined) cpu = (user + system) * 1000;
        if (maxKiB !== undefined && Number.isFinite(maxKiB)) rssMiB = maxKiB / 1024;
      }
      rmSync(dir, { recursive: true, force: true });
      const run: ProcessRun = { wall, cpu, code, stderr };
      if (rssMiB !== undefined) run.rssMiB = rssMiB;
      resolve(run);
    });
  });
}

/** A case that times a child process; fails loudly when the command cannot start. */
export function processCase(command: string, args: readonly string[], cwd: string, check?: (run: ProcessRun) => void): Case {
  return async () => {
    const run = await timeProcess(command, args, { cwd });
    check?.(run);
    return run;
  };
}
