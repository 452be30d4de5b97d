/**
 * `.dockerignore` files, read and matched the way Docker does (the
 * moby/patternmatcher and ignorefile packages):
 *
 * - `<Dockerfile name>.dockerignore` beside the Dockerfile wins over
 *   `.dockerignore`.
 * - Lines starting with `#` are comments; patterns are trimmed, cleaned
 *   like paths (`a/./b/../c` is `a/c`), and a leading `/` is dropped.
 * - `*` matches within one path part, `?` one character, `[…]` a class,
 *   `**` any number of parts; `\` escapes.
 * - A pattern also excludes everything under a directory it matches.
 * - A later `!pattern` re-includes what it matches; patterns apply in order.
 *
 * Parsed files are cached for the run, keyed by path and modification time.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { wildcardMatcher } from "../text/index.js";
import type { WildcardMatcher, WildcardToken } from "../text/index.js";

type MatchKind = "exact" | "prefix" | "suffix" | "wildcard";

export interface IgnorePattern {
  /** The cleaned pattern, without `!`. */
  text: string;
  exclusion: boolean;
  kind: MatchKind;
  matcher: WildcardMatcher | null;
}

export interface DockerignoreFile {
  /** Absolute path of the file that was read. */
  path: string;
  /** Its name, for messages (`.dockerignore`, `Dockerfile.dev.dockerignore`). */
  name: string;
  patterns: IgnorePattern[];
  /** True when some pattern starts with `!`. */
  hasExclusions: boolean;
}

/** Go's `path.Clean`: the shortest path naming the same file, lexically. */
export function cleanPath(input: string): string {
  if (input === "") return ".";
  const rooted = input.startsWith("/");
  const out: string[] = [];
  for (const part of input.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out.at(-1) !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(part);
  }
  const joined = out.join("/");
  if (rooted) return `/${joined}`;
  return joined === "" ? "." : joined;
}

/** Go's `path.Dir`. */
function dirOf(file: string): string {
  const slash = file.lastIndexOf("/");
  return cleanPath(slash < 0 ? "" : file.slice(0, slash + 1));
}

const REGEXP_ESCAPES = new Set([".", "+", "(", ")", "|", "{", "}", "$"]);
const SYNTAX_CHARS = new Set([...REGEXP_ESCAPES, "\\", "^", "*", "?", "[", "]", "/", "-"]);

const notSlash = (char: string): boolean => char !== "/";
/** What `.` of a regular expression matches. */
const notLineBreak = (char: string): boolean => char !== "\n" && char !== "\r" && char !== "\u2028" && char !== "\u2029";

/**
 * Compiles a cleaned pattern as patternmatcher does (which translates it to a
 * regular expression); null for a pattern Docker rejects. The pieces run on
 * the wildcard automaton, so `a*a*a*…b` stays linear in the path; a class
 * `[…]` is a regular expression class, tested on one character.
 */
function compilePattern(text: string, exclusion: boolean): IgnorePattern | null {
  let kind: MatchKind = "exact";
  const tokens: WildcardToken[] = [];
  // Code points, as Go's scanner reads them.
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? "";
    if (ch === "*") {
      if (chars[i + 1] === "*") {
        const first = i === 0;
        i++;
        if (chars[i + 1] === "/") i++;
        if (i + 1 >= chars.length) {
          if (kind === "exact") {
            kind = "prefix";
          } else {
            tokens.push({ kind: "star", test: notLineBreak });
            kind = "wildcard";
          }
        } else {
          tokens.push({ kind: "dirs", test: notLineBreak });
          kind = "wildcard";
        }
        if (first) kind = "suffix";
      } else {
        tokens.push({ kind: "star", test: notSlash });
        kind = "wildcard";
      }
    } else if (ch === "?") {
      tokens.push({ kind: "one", test: notSlash });
      kind = "wildcard";
    } else if (ch === "\\") {
      const next = chars[i + 1];
      // A trailing backslash makes the pattern invalid.
      if (next === undefined) return null;
      tokens.push({ kind: "char", char: next });
      i++;
      kind = "wildcard";
    } else if (ch === "[") {
      // As in Docker, the class is a regular expression class: `[^a]` negates, `[!a]` does not.
      let source = "";
      let closed = false;
      for (i++; i < chars.length; i++) {
        const inner = chars[i] ?? "";
        if (inner === "]") {
          closed = true;
          break;
        }
        if (inner === "\\") {
          const next = chars[i + 1];
          if (next === undefined) return null;
          source += SYNTAX_CHARS.has(next) ? `\\${next}` : next;
          i++;
        } else if (REGEXP_ESCAPES.has(inner) || inner === "[") {
          source += `\\${inner}`;
        } else {
          source += inner;
        }
      }
      if (!closed) return null;
      let single: RegExp;
      try {
        single = new RegExp(`^[${source}]$`, "u");
      } catch {
        return null;
      }
      tokens.push({ kind: "one", test: (char) => single.test(char) });
      kind = "wildcard";
    } else if (ch === "^") {
      // Left as is in the translated expression, where it anchors: it only matches at the start.
      tokens.push({ kind: "start" });
    } else {
      tokens.push({ kind: "char", char: ch });
    }
  }
  return { text, exclusion, kind, matcher: kind === "wildcard" ? wildcardMatcher(tokens) : null };
}

function matchPattern(pattern: IgnorePattern, file: string): boolean {
  switch (pattern.kind) {
    case "exact":
      return file === pattern.text;
    case "prefix":
      return file.startsWith(pattern.text.slice(0, -2));
    case "suffix": {
      const suffix = pattern.text.slice(2);
      if (file.endsWith(suffix)) return true;
      return suffix.startsWith("/") && file === suffix.slice(1);
    }
    case "wildcard":
      return pattern.matcher?.test(file) ?? false;
  }
}

/** Reads the patterns of an ignore file's text; null when Docker would reject one of them. */
export function parseDockerignore(text: string, filePath = ".dockerignore"): DockerignoreFile | null {
  const patterns: IgnorePattern[] = [];
  let hasExclusions = false;
  const lines = text.replace(/^\uFEFF/u, "").split("\n");
  for (const rawLine of lines) {
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    if (line.startsWith("#")) continue;
    let pattern = line.trim();
    if (pattern === "") continue;
    const exclusion = pattern.startsWith("!");
    if (exclusion) pattern = pattern.slice(1).trim();
    if (pattern === "") return null;
    pattern = cleanPath(pattern);
    if (pattern.length > 1 && pattern.startsWith("/")) pattern = pattern.slice(1);
    const compiled = compilePattern(pattern, exclusion);
    if (!compiled) return null;
    if (exclusion) hasExclusions = true;
    patterns.push(compiled);
  }
  return { path: filePath, name: path.basename(filePath), patterns, hasExclusions };
}

/**
 * The pattern that excludes `file` (a cleaned, slash-separated path relative
 * to the context) or one of its parent directories, when no later `!`
 * pattern brings it back; null when the file is in the context.
 */
export function excludingPattern(ignore: DockerignoreFile, file: string): IgnorePattern | null {
  const parent = dirOf(file);
  const parentParts = parent.split("/");
  let matched: IgnorePattern | null = null;
  for (const pattern of ignore.patterns) {
    if (pattern.exclusion !== (matched !== null)) continue;
    let match = matchPattern(pattern, file);
    if (!match && parent !== ".") {
      for (let i = 0; i < parentParts.length && !match; i++) {
        match = matchPattern(pattern, parentParts.slice(0, i + 1).join("/"));
      }
    }
    if (match) matched = pattern.exclusion ? null : pattern;
  }
  return matched;
}

/** True when the ignore file leaves `file` out of the context. */
export function isExcluded(ignore: DockerignoreFile, file: string): boolean {
  return excludingPattern(ignore, file) !== null;
}

/** The pattern that excludes every entry of the context root (`*`, `**`, or `**` followed by `/*`), or null. */
export function wholeContextPattern(ignore: DockerignoreFile): IgnorePattern | null {
  return ignore.patterns.find((pattern) => !pattern.exclusion && (pattern.text === "*" || pattern.text === "**" || pattern.text === "**/*")) ?? null;
}

interface CacheEntry {
  mtimeMs: number;
  size: number;
  file: DockerignoreFile | null;
}

const cache = new Map<string, CacheEntry>();

/**
 * Stat on every lint, so an editor sees an edited ignore file; most
 * directories have none, and a stat that returns instead of throwing costs a
 * fifth of one that builds an ENOENT error.
 */
function readIgnoreFile(file: string): DockerignoreFile | null | undefined {
  let stats;
  try {
    stats = statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (!stats?.isFile()) return undefined;
  const cached = cache.get(file);
  if (cached?.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached.file;
  let parsed: DockerignoreFile | null;
  try {
    parsed = parseDockerignore(readFileSync(file, "utf8"), file);
  } catch {
    parsed = null;
  }
  cache.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, file: parsed });
  return parsed;
}

/**
 * The ignore file Docker applies when it builds `dockerfilePath` with the
 * Dockerfile's directory as context: `<name>.dockerignore` if present, else
 * `.dockerignore`. Null when there is none, it is empty, or Docker would
 * reject it.
 */
export function dockerignoreFor(dockerfilePath: string): DockerignoreFile | null {
  if (!path.isAbsolute(dockerfilePath)) return null;
  const dir = path.dirname(dockerfilePath);
  const own = readIgnoreFile(path.join(dir, `${path.basename(dockerfilePath)}.dockerignore`));
  const found = own === undefined ? readIgnoreFile(path.join(dir, ".dockerignore")) : own;
  if (!found || found.patterns.length === 0) return null;
  return found;
}
