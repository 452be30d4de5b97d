/**
 * tally (wharflab/tally, Go: BuildKit's parser and checks, hadolint's rules,
 * ShellCheck built in), from its npm binary package in bench/node_modules.
 * One unparseable file aborts a whole tally run, so the files it is timed on
 * are those it accepts one by one; ours is timed on the same files. Its
 * registry checks are turned off (`--slow-checks off`): the benchmark opens
 * no socket.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export function tallyBinary(benchDir: string): string | undefined {
  try {
    const pkg = createRequire(path.join(benchDir, "noop.js")).resolve("@wharflab/tally-linux-x64/package.json");
    const bin = path.join(path.dirname(pkg), "bin", "tally");
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

export function tallyArgs(files: readonly string[]): string[] {
  return ["lint", "--no-config", "--slow-checks", "off", "--format", "json", ...files];
}

export function tallyVersion(bin: string): string {
  const run = spawnSync(bin, ["version"], { encoding: "utf8" });
  return /\bv?(\d+\.\d+\.\d+)\b/u.exec(run.stdout)?.[1] ?? "unknown";
}

/** The files tally lints without a parse error, one process each (exit 0 or 1 with a JSON report). */
export function tallyAccepts(bin: string, files: readonly string[]): string[] {
  return files.filter((file) => {
    const run = spawnSync(bin, tallyArgs([file]), { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return (run.status === 0 || run.status === 1) && run.stdout.trimStart().startsWith("{");
  });
}
