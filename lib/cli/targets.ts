/**
 * What to lint: the paths of the command line, checked to exist, split into
 * directories (searched by the Dockerfile name patterns) and named files
 * (linted whatever their name). ESLint does the searching itself, so that
 * its ignores (node_modules, .git, .gitignore) prune the walk.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { DOCKERFILE_GLOBS, DOCKERFILE_IGNORES, JSON_IMAGE_GLOBS, YAML_IMAGE_GLOBS } from "../../index.js";
import { globMatcher } from "../text/index.js";
import { CliError, displayPath, errnoMessage } from "./errors.js";

export interface Targets {
  /** Existing directories, absolute. */
  directories: string[];
  /** Existing files named on the command line, absolute. */
  files: string[];
}

/** Checks that each path exists; a missing path is an error (exit 2). */
export async function resolveTargets(paths: readonly string[], cwd: string): Promise<Targets> {
  const directories = new Set<string>();
  const files = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stats;
    try {
      stats = await stat(absolute);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === "ENOENT" || code === "ENOTDIR") throw new CliError(`no such file or directory: ${given}`);
      throw new CliError(errnoMessage(error, cwd) ?? `cannot read ${given}`);
    }
    if (stats.isDirectory()) directories.add(absolute);
    else if (stats.isFile()) files.add(absolute);
    else throw new CliError(`not a file or directory: ${given}`);
  }
  return { directories: [...directories], files: [...files] };
}

const isDockerignore = globMatcher(DOCKERFILE_IGNORES);

/** `Dockerfile.dockerignore` matches `Dockerfile.*` but is never a Dockerfile, even when named. */
export function isIgnoreFile(file: string): boolean {
  return isDockerignore(file.split(path.sep).join("/"));
}

/** The deepest directory that holds `cwd` and every target: ESLint lints nothing outside its `cwd`. */
export function commonBase(cwd: string, targets: Targets): string {
  const dirs = [cwd, ...targets.directories, ...targets.files.map((file) => path.dirname(file))];
  let base = cwd;
  for (const dir of dirs) {
    while (base !== path.dirname(base) && dir !== base && !dir.startsWith(base.endsWith(path.sep) ? base : base + path.sep)) {
      base = path.dirname(base);
    }
  }
  return base;
}

export function escapeGlob(text: string): string {
  // On Windows a backslash separates paths, so a character class quotes instead.
  return path.sep === "\\" ? text.replace(/[!()*?[\]{}]/gu, "[$&]") : text.replace(/[!()*+?@[\\\]{}]/gu, "\\$&");
}

/**
 * What a directory is searched for: Dockerfiles, and the YAML and JSON files
 * that name images. Not code, and not Markdown: most of it has no Dockerfile
 * block, and a named `.md` file is still read for its blocks.
 */
export const SEARCH_GLOBS = [...DOCKERFILE_GLOBS, ...YAML_IMAGE_GLOBS, ...JSON_IMAGE_GLOBS];

// As ESLint matches `files`: case-sensitively. Every search glob starts with `**/`, which a leading `/` lets match at the top.
const isSearchedBelow = globMatcher(SEARCH_GLOBS, { caseSensitive: true });

/**
 * True for a path, relative to a searched directory and `/`-separated, that
 * the search globs find (`Dockerfile`, `x.dockerfile`, `compose.yaml`,
 * `.github/workflows/ci.yml`, …), never a `.dockerignore`.
 */
export function isSearchedPath(relative: string): boolean {
  return !isIgnoreFile(`/${relative}`) && isSearchedBelow(`/${relative}`);
}

/** Config `files` patterns that match exactly these files (relative to ESLint's `cwd`, `base`). */
export function exactPatterns(files: readonly string[], base: string): string[] {
  return files.map((file) => escapeGlob(path.relative(base, file).split(path.sep).join("/")));
}

/** "." or "services, build/prod.docker" for messages. */
export function describePaths(paths: readonly string[], cwd: string): string {
  return paths.map((given) => displayPath(path.resolve(cwd, given), cwd)).join(", ");
}
