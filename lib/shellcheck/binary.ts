/**
 * The ShellCheck binary: found once per process and command, then run once
 * per Dockerfile on all of its scripts, one temporary file each.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** json1 output appeared in ShellCheck 0.7.0. */
const MINIMUM_VERSION = [0, 7, 0] as const;
/** A ShellCheck call that takes longer than this is given up, so a lint never hangs. */
const TIMEOUT_MS = 60_000;
/** Added per script: a file of thousands of RUNs is slow to check, not hung. */
const TIMEOUT_PER_SCRIPT_MS = 250;
const MAX_OUTPUT = 64 * 1024 * 1024;

export type BinaryLookup =
  | { ok: true; command: string; version: string }
  | { ok: false; command: string; problem: "missing" | "too-old" | "unusable"; detail: string };

const lookups = new Map<string, BinaryLookup>();

/** UTF-8 input whatever the user's locale (ShellCheck reads files in the locale's encoding). */
function childEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: "C.UTF-8" };
}

function isAtLeast(version: string, minimum: readonly number[]): boolean {
  const parts = version.split(".").map((part) => Number.parseInt(part, 10));
  for (let i = 0; i < minimum.length; i++) {
    const have = parts[i] ?? 0;
    const want = minimum[i] ?? 0;
    if (Number.isNaN(have)) return false;
    if (have !== want) return have > want;
  }
  return true;
}

/** Whether `command` runs a ShellCheck that can write json1; asked once per process. */
export function findShellCheck(command: string): BinaryLookup {
  const cached = lookups.get(command);
  if (cached) return cached;
  const result = spawnSync(command, ["--version"], { encoding: "utf8", timeout: TIMEOUT_MS, env: childEnv(), windowsHide: true });
  let lookup: BinaryLookup;
  const error: NodeJS.ErrnoException | undefined = result.error;
  if (error) {
    lookup = error.code === "ENOENT" || error.code === "EACCES"
      ? { ok: false, command, problem: "missing", detail: error.code }
      : { ok: false, command, problem: "unusable", detail: error.message };
  } else {
    const version = /^version:\s*(\S+)/mu.exec(result.stdout)?.[1];
    if (result.status !== 0 || !version) {
      lookup = { ok: false, command, problem: "unusable", detail: `'--version' exited with ${String(result.status)}` };
    } else if (!isAtLeast(version, MINIMUM_VERSION)) {
      lookup = { ok: false, command, problem: "too-old", detail: version };
    } else {
      lookup = { ok: true, command, version };
    }
  }
  lookups.set(command, lookup);
  return lookup;
}

export interface Replacement {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  replacement: string;
  insertionPoint?: string;
}

/** One json1 comment: 1-based lines, columns counting characters (a tab is one). */
export interface ShellCheckComment {
  file: string;
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
  fix: { replacements: Replacement[] } | null;
}

export interface CheckOptions {
  severity: string;
  include: readonly string[];
  exclude: readonly string[];
  enable: readonly string[];
}

export type CheckResult = { ok: true; comments: ShellCheckComment[][] } | { ok: false; detail: string };

function isComment(value: unknown): value is ShellCheckComment {
  if (typeof value !== "object" || value === null) return false;
  const c = value as Record<string, unknown>;
  return typeof c.file === "string" && typeof c.line === "number" && typeof c.column === "number" &&
    typeof c.endLine === "number" && typeof c.endColumn === "number" && typeof c.code === "number" &&
    typeof c.message === "string" && typeof c.level === "string";
}

/**
 * Runs ShellCheck once on all scripts and returns their comments by script
 * index. Each script gets its own file, so results are keyed by file name.
 */
export function checkScripts(command: string, scripts: readonly string[], options: CheckOptions): CheckResult {
  if (scripts.length === 0) return { ok: true, comments: [] };
  const dir = mkdtempSync(path.join(tmpdir(), "dockerfile-shellcheck-"));
  try {
    const names = scripts.map((script, i) => {
      const name = `${i}.sh`;
      writeFileSync(path.join(dir, name), script);
      return name;
    });
    const args = ["--norc", "--format=json1", `--severity=${options.severity}`];
    if (options.include.length > 0) args.push(`--include=${options.include.join(",")}`);
    if (options.exclude.length > 0) args.push(`--exclude=${options.exclude.join(",")}`);
    if (options.enable.length > 0) args.push(`--enable=${options.enable.join(",")}`);
    // `--` so that no script name is read as an option.
    args.push("--", ...names);
    const timeout = TIMEOUT_MS + scripts.length * TIMEOUT_PER_SCRIPT_MS;
    const result = spawnSync(command, args, { cwd: dir, encoding: "utf8", timeout, maxBuffer: MAX_OUTPUT, env: childEnv(), windowsHide: true });
    if (result.error) return { ok: false, detail: result.error.message };
    // 0: no comments, 1: comments; anything else is a failure (2: a file could not be read, 3: bad options).
    if (result.status !== 0 && result.status !== 1) {
      return { ok: false, detail: (result.stderr.trim().split("\n")[0] ?? "").slice(0, 200) || `exit status ${String(result.status ?? result.signal)}` };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(result.stdout);
    } catch {
      return { ok: false, detail: "its output is not JSON" };
    }
    const list = (parsed as { comments?: unknown } | null)?.comments;
    if (!Array.isArray(list)) return { ok: false, detail: "its output has no comments list" };
    const byFile = new Map(names.map((name, i) => [name, i]));
    const comments: ShellCheckComment[][] = scripts.map(() => []);
    for (const item of list) {
      if (!isComment(item)) continue;
      const index = byFile.get(item.file);
      if (index !== undefined) comments[index]?.push(item);
    }
    return { ok: true, comments };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
