/**
 * End-to-end helpers: run the built `dockerfile-lint` (dist/) in a child
 * process on a throw-away directory under the system temp directory.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll } from "vitest";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = path.join(ROOT, "dist/bin/dockerfile-lint.js");
export const DIST_INDEX = path.join(ROOT, "dist/index.js");

/** Newest modification time of the CLI's sources (all of lib/) and of the rule list the tests pick rules from. */
function newestSource(): number {
  const sources = [path.join(ROOT, "bin/dockerfile-lint.ts"), path.join(ROOT, "index.ts"), path.join(ROOT, "rules/index.ts")];
  for (const entry of readdirSync(path.join(ROOT, "lib"), { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith(".ts")) sources.push(path.join(entry.parentPath, entry.name));
  }
  return Math.max(...sources.filter((file) => existsSync(file)).map((file) => statSync(file).mtimeMs));
}

/**
 * `npm test` builds before running vitest; a lone `vitest run` builds here when
 * dist/ is missing or older than the CLI sources, as `npm run build` does: tsc,
 * then the bundle. tsc emits even when another file has a type error, so only
 * a missing output is fatal.
 */
export function ensureBuilt(): void {
  if (existsSync(BIN) && statSync(BIN).mtimeMs >= newestSource()) return;
  spawnSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "ignore" });
  spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/bundle.ts"], { cwd: ROOT, stdio: "ignore" });
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing and 'npm run build' did not produce it`);
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  input?: string;
  env?: Record<string, string | undefined>;
  /** Run through another program, such as `setpriv` to drop root. */
  wrapper?: string[];
}

/** A clean environment: no colour forcing or debugging from the test runner leaks in. */
function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["FORCE_COLOR", "NO_COLOR", "DEBUG", "NODE_OPTIONS"]) env[name] = undefined;
  for (const [name, value] of Object.entries(extra)) env[name] = value;
  for (const name of Object.keys(env)) if (env[name] === undefined) Reflect.deleteProperty(env, name);
  return env;
}

export function runCli(args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const command = [...(options.wrapper ?? []), process.execPath, BIN, ...args];
    const [program = process.execPath, ...rest] = command;
    const child = spawn(program, rest, { cwd: options.cwd, env: childEnv(options.env), stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

/** Writes `files` (relative path → content) under a new temporary directory. */
export async function makeProject(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "dockerfile-lint-"));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return dir;
}

export async function removeProject(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * `project(files)` for one test file: each call makes a temporary project
 * (see makeProject), and all of them are removed after the file's tests.
 */
export function temporaryProjects(): (files: Record<string, string | Uint8Array>) => Promise<string> {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.splice(0).map(removeProject));
  });
  return async (files) => {
    const dir = await makeProject(files);
    dirs.push(dir);
    return dir;
  };
}

export interface JsonMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
  fatal?: boolean;
}

export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  output?: string;
}

/** Parses `--format json` output. */
export function parseJson(stdout: string): JsonResult[] {
  return JSON.parse(stdout) as JsonResult[];
}

/** The files of a JSON report, relative to `dir`, sorted, with `/` separators. */
export function reportedFiles(results: readonly JsonResult[], dir: string): string[] {
  return results.map((result) => path.relative(dir, result.filePath).split(path.sep).join("/")).sort();
}

/** Rule ids reported for one file of a JSON report. */
export function ruleIdsFor(results: readonly JsonResult[], dir: string, file: string): (string | null)[] {
  const wanted = path.join(dir, file);
  return results.filter((result) => result.filePath === wanted).flatMap((result) => result.messages.map((m) => m.ruleId));
}

export interface BuiltRule {
  meta?: { fixable?: string };
}

export interface BuiltPlugin {
  rules: Record<string, BuiltRule>;
  configs: Record<"recommended" | "strict" | "all", { rules?: Record<string, unknown> }[]>;
}

/** The plugin the CLI runs: dist/index.js, built from index.ts and rules/index.ts. */
export async function loadBuiltPlugin(): Promise<BuiltPlugin> {
  const module = (await import(pathToFileURL(DIST_INDEX).href)) as { default: BuiltPlugin };
  return module.default;
}

/** Whether a preset turns a rule on (at any severity but off). */
export function presetEnables(plugin: BuiltPlugin, preset: "recommended" | "strict" | "all", ruleId: string): boolean {
  let entry: unknown;
  for (const block of plugin.configs[preset]) {
    if (block.rules && ruleId in block.rules) entry = block.rules[ruleId];
  }
  const severity: unknown = Array.isArray(entry) ? (entry as unknown[])[0] : entry;
  return severity !== undefined && severity !== "off" && severity !== 0;
}

/** A stack trace printed by Node: lines such as `    at main (file.js:1:2)`. */
export const STACK_LINE = /^ {4}at \S/mu;
