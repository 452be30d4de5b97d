/**
 * tally (wharflab/tally, Go: BuildKit's parser and checks, hadolint's rules,
 * ShellCheck built in), from its npm binary package in bench/node_modules.
 * One unparseable file aborts a whole tally run, so it is timed on the files
 * it accepts, and ours on the same files. Its
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

/**
 * The files tally lints without a parse error. tally lints its arguments in
 * order and stops at the first it cannot parse, naming it ("failed to lint
 * <file>: …"): the files before it passed, so the search goes on from the
 * next one, and costs about one tally pass plus a start-up per refused file.
 * An error that names no file given falls back to one process per file.
 */
export function tallyAccepts(bin: string, files: readonly string[]): string[] {
  const accepted: string[] = [];
  let rest = [...files];
  while (rest.length > 0) {
    const run = lint(bin, rest);
    if (run.ok) return [...accepted, ...rest];
    const refused = rest.findIndex((file) => run.stderr.includes(`failed to lint ${file}: `));
    if (refused < 0) return [...accepted, ...rest.filter((file) => lint(bin, [file]).ok)];
    accepted.push(...rest.slice(0, refused));
    rest = rest.slice(refused + 1);
  }
  return accepted;
}

function lint(bin: string, files: readonly string[]): { ok: boolean; stderr: string } {
  const run = spawnSync(bin, tallyArgs(files), { encoding: "utf8", maxBuffer: 1024 * 1024 * 1024 });
  return { ok: (run.status === 0 || run.status === 1) && run.stdout.trimStart().startsWith("{"), stderr: run.stderr };
}
