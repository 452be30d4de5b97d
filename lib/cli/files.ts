/**
 * What the command line reads and writes, done carefully: only regular files
 * inside the linted roots are read, fixes are written only over the file that
 * was read and never through a link, directories are created one level at a
 * time (Node's recursive mkdir never returns on some paths, such as under
 * /proc), and errors are one-line messages.
 */
import { randomBytes } from "node:crypto";
import { lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import type { Dirent, Stats } from "node:fs";
import { chmod, lstat, mkdir, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { CliError, displayPath, errnoMessage } from "./errors.js";

/** Creates `dir` and its missing parents; a CliError naming `option` when that cannot be done. */
export async function ensureDirectory(dir: string, option: string, cwd: string): Promise<void> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const found = await stat(current).catch((error: unknown) => error as NodeJS.ErrnoException);
    if (!(found instanceof Error)) {
      if (!found.isDirectory()) throw new CliError(`${option}: not a directory: ${displayPath(current, cwd)}`);
      break;
    }
    if (found.code !== "ENOENT") throw new CliError(`${option}: ${errnoMessage(found, cwd) ?? `cannot use ${displayPath(current, cwd)}`}`);
    missing.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const level of missing.reverse()) {
    try {
      await mkdir(level);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") continue;
      const code = (error as NodeJS.ErrnoException).code;
      const reason = errnoMessage({ code }, cwd) ?? code ?? (error instanceof Error ? error.message : String(error));
      throw new CliError(`${option}: cannot create ${displayPath(level, cwd)}: ${reason}`);
    }
  }
}

/** What was known of a file when it was chosen for linting; a fix is written only if it still holds. */
export interface FileSnapshot {
  size: number;
  mtimeMs: number;
  ino: number;
  /** Reached through a symbolic link: linted, never written. */
  viaLink: boolean;
}

export interface Screening {
  /** Files safe to read: regular, within the size limit, inside the linted roots. */
  files: string[];
  /** Files left out, with why, for a note each. */
  skipped: { file: string; reason: string }[];
  snapshots: Map<string, FileSnapshot>;
}

/** The most bytes read from one file: a Dockerfile at the language's limit, all in 4-byte characters. */
export const MAX_READ_BYTES = 4 * 1024 * 1024;

function isInside(file: string, roots: readonly string[]): boolean {
  return roots.some((root) => file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
}

/**
 * The screening looks at every candidate before anything is read, one call at
 * a time: synchronous calls cost a few microseconds each, where awaiting a
 * promise per file cost a quarter of a millisecond of CPU (about 0.4 s for
 * 1,500 files). Any error means "not there", as it would for the read.
 */
function attempt<T>(call: () => T): T | undefined {
  try {
    return call();
  } catch {
    return undefined;
  }
}

function screenFile(file: string, roots: readonly string[], screening: Screening): void {
  const entry: Stats | undefined = attempt(() => lstatSync(file));
  if (!entry) return;
  let stats = entry;
  const viaLink = entry.isSymbolicLink();
  if (viaLink) {
    const real = attempt(() => realpathSync(file));
    if (real === undefined) {
      screening.skipped.push({ file, reason: "a broken symbolic link" });
      return;
    }
    if (!isInside(real, roots)) {
      screening.skipped.push({ file, reason: "a symbolic link to a file outside the linted directories" });
      return;
    }
    const followed = attempt(() => statSync(real));
    if (!followed) return;
    stats = followed;
  }
  if (!stats.isFile()) {
    screening.skipped.push({ file, reason: "not a regular file" });
    return;
  }
  if (stats.size > MAX_READ_BYTES) {
    screening.skipped.push({ file, reason: `larger than ${MAX_READ_BYTES / 1024 / 1024} MiB` });
    return;
  }
  screening.files.push(file);
  screening.snapshots.set(file, { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino, viaLink });
}

/** Directories the walk leaves out, as ESLint's default ignores do, unless asked to walk ignored ones. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(["node_modules", ".git"]);

/**
 * Chooses what may be read: named files, and the files under the named
 * directories whose path (relative to the directory, `/`-separated) `isCandidate`
 * accepts, walked as ESLint walks them
 * (symbolic links to directories are not followed; `node_modules` and `.git`
 * are skipped unless `walkIgnored`). A symbolic link to a file is followed
 * only when it stays inside the linted roots; FIFOs, devices and sockets are
 * never opened; no file over MAX_READ_BYTES is read.
 */
export function screenFiles(
  directories: readonly string[],
  named: readonly string[],
  isCandidate: (relative: string) => boolean,
  walkIgnored: boolean,
): Screening {
  const resolve = (file: string): string => attempt(() => realpathSync(file)) ?? file;
  const roots = [...directories.map(resolve), ...named.map((file) => resolve(path.dirname(file)))];
  const screening: Screening = { files: [], skipped: [], snapshots: new Map() };
  for (const file of named) screenFile(file, roots, screening);
  for (const directory of directories) {
    const pending = [directory];
    for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
      const entries: Dirent[] = attempt(() => readdirSync(dir, { withFileTypes: true })) ?? [];
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (walkIgnored || !SKIPPED_DIRECTORIES.has(entry.name)) pending.push(full);
        } else if (isCandidate(path.relative(directory, full).split(path.sep).join("/")) && !screening.snapshots.has(full)) {
          screenFile(full, roots, screening);
        }
      }
    }
  }
  return screening;
}

/**
 * Writes a fixed text over `file` if it is still the file that was read (same
 * inode, size and modification time), through a temporary file in the same
 * directory renamed over it, with the file's mode. Returns why it did not, or null.
 */
export async function writeFixedFile(file: string, text: string, snapshot: FileSnapshot | undefined): Promise<string | null> {
  if (!snapshot) return "it was not read by this run";
  if (snapshot.viaLink) return "it is a symbolic link, and nothing is ever written through one";
  const now = await lstat(file).catch(() => undefined);
  if (!now) return "it was deleted after it was read";
  if (!now.isFile() || now.ino !== snapshot.ino || now.size !== snapshot.size || now.mtimeMs !== snapshot.mtimeMs) {
    return "it changed after it was read";
  }
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, text, { flag: "wx", mode: now.mode & 0o7777 });
    // The umask may have narrowed the mode.
    await chmod(temporary, now.mode & 0o7777);
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  return null;
}
