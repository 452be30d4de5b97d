/**
 * Whether a remote URL or a Git ref names fixed content: a version, a date,
 * a commit or a content digest, as opposed to a moving name such as
 * `latest`, `main` or `stable`, or no version at all.
 *
 * Values that are only known at build time (an ARG without a default, a
 * shell variable, `$(…)`) are replaced by marker characters before judging;
 * `markVariable` picks the marker from the variable's name, so that
 * `${TOOL_VERSION}` counts as a version and `${TARGETARCH}` does not.
 */
import type { InstructionNode } from "../language/index.js";
import type { DockerfileFacts } from "../facts/index.js";
import { PREDEFINED_ARGS } from "../facts/index.js";
import type { Stage } from "../facts/index.js";
import { expandVariables } from "../variables/index.js";
import type { ExpansionBudget, VariableLookup } from "../variables/index.js";

/** Marks a value only known at build time whose name says it is a version (`$VERSION`, `${GIT_COMMIT}`). */
export const VERSION_MARK = "\uE000";
/** Marks a value only known at build time that is not a version (`$TARGETARCH`, `$(uname -m)`). */
export const NEUTRAL_MARK = "\uE001";
/** Marks a value only known at build time that may be anything. */
export const UNKNOWN_MARK = "\uE002";

const VERSION_NAME_PARTS = ["version", "commit", "revision", "release", "sha1", "sha256", "digest", "checksum"];
const VERSION_NAME_WORDS = new Set(["v", "ver", "vers", "tag", "rev", "sha", "ref", "hash", "pin", "semver"]);
const NEUTRAL_NAME_PARTS = ["arch", "platform", "variant", "distro", "codename", "suffix", "kernel", "machine"];
const NEUTRAL_NAME_WORDS = new Set(["os", "dist", "ext", "target", "triple", "triplet", "flavor", "flavour", "libc", "abi", "cpu", "bits", "goos", "goarch", "name"]);

function nameWords(name: string): string[] {
  return name
    .replace(/([a-z\d])([A-Z])/gu, "$1_$2")
    .toLowerCase()
    .split(/[^a-z\d]+/u)
    .filter((word) => word !== "");
}

/** The marker for a variable whose value is only known at build time, chosen by its name. */
export function markVariable(name: string): string {
  const lower = name.toLowerCase();
  const words = nameWords(name);
  if (VERSION_NAME_PARTS.some((part) => lower.includes(part)) || words.some((word) => VERSION_NAME_WORDS.has(word))) return VERSION_MARK;
  if (NEUTRAL_NAME_PARTS.some((part) => lower.includes(part)) || words.some((word) => NEUTRAL_NAME_WORDS.has(word))) return NEUTRAL_MARK;
  return UNKNOWN_MARK;
}

/** Commands whose output is the machine's architecture or OS, not a version. */
const ARCH_COMMAND = /^\s*(?:uname|arch|dpkg\s+--print-architecture|dpkg-architecture|apk\s+--print-arch|rpm\s+--eval|lsb_release|go\s+env)\b/u;

/**
 * Replaces command substitutions (`$(…)`, backticks) and arithmetic (`$((…))`)
 * by markers: neutral for commands that print the architecture, unknown otherwise.
 */
export function markSubstitutions(text: string): string {
  if (!text.includes("$(") && !text.includes("`")) return text;
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === "$" && text[i + 1] === "(") {
      let depth = 1;
      let j = i + 2;
      while (j < text.length && depth > 0) {
        if (text[j] === "(") depth++;
        else if (text[j] === ")") depth--;
        j++;
      }
      const inner = text.slice(i + 2, depth === 0 ? j - 1 : j);
      out += ARCH_COMMAND.test(inner) ? NEUTRAL_MARK : UNKNOWN_MARK;
      i = j;
      continue;
    }
    if (ch === "`") {
      const close = text.indexOf("`", i + 1);
      const end = close < 0 ? text.length : close;
      out += ARCH_COMMAND.test(text.slice(i + 1, end)) ? NEUTRAL_MARK : UNKNOWN_MARK;
      i = end + 1;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/**
 * Substitutes variables, leaving markers where a value is only known at
 * build time. `lookup` returns a value, or null/undefined when unknown.
 */
export function resolveWithMarkers(text: string, lookup: VariableLookup, escapeChar = "\\", budget?: ExpansionBudget): string {
  let marked = markSubstitutions(text);
  // `%NAME%` of cmd.exe, in stages whose shell could not be told apart.
  if (marked.includes("%")) marked = marked.replace(/%([A-Z_a-z]\w*)%/gu, (whole, name: string) => (/^[\da-f]{2}$/iu.test(name) ? whole : markVariable(name)));
  if (!marked.includes("$")) return marked;
  const withMarks: VariableLookup = (name) => lookup(name) ?? markVariable(name);
  const expansion = expandVariables(marked, withMarks, escapeChar, budget);
  return expansion.exceeded ? UNKNOWN_MARK : expansion.value;
}

/**
 * How `$NAME` reads at an instruction, like `facts.lookupAt`, except that a
 * value built from variables with no value keeps markers where those
 * variables were (`ENV URL=https://x/v${V}/x` with `ARG V` gives
 * `https://x/v\uE000/x`, not `https://x/v/x`). An ARG whose default is empty
 * counts as having no value: the build is meant to pass it.
 */
export function markedLookup(facts: DockerfileFacts, node: InstructionNode): VariableLookup {
  const stage = node.type === "From" ? null : facts.stageOf(node);
  if (!stage) return facts.lookupAt(node);
  const escapeChar = facts.escapeChar;
  const budget = facts.expansionBudget;

  // Each (stage, name, position) resolves once: `ARG A1=${A0}${A0}` chains would otherwise cost 2^n lookups.
  const memo = new Map<string, string | null | undefined>();
  const inStage = (current: Stage, name: string, before: number, depth: number): string | null | undefined => {
    if (depth > 50) return null;
    const key = `${current.index}\0${before}\0${name}`;
    if (memo.has(key)) return memo.get(key);
    const value = resolveInStage(current, name, before, depth);
    memo.set(key, value);
    return value;
  };
  const resolveInStage = (current: Stage, name: string, before: number, depth: number): string | null | undefined => {
    for (let i = current.instructions.length - 1; i >= 0; i--) {
      const instruction = current.instructions[i];
      if (!instruction || instruction.range[0] >= before) continue;
      if (instruction.type !== "Arg" && instruction.type !== "Env") continue;
      const pair = instruction.pairs.findLast((candidate) => candidate.key.value === name);
      if (!pair) continue;
      const isArg = instruction.type === "Arg";
      if (pair.unquotedValue === null) return isArg ? (facts.globalArgs.get(name)?.value || null) : null;
      if (isArg && pair.unquotedValue === "") return null;
      const at = instruction.range[0];
      return resolveWithMarkers(pair.unquotedValue, (other) => inStage(current, other, at, depth + 1), escapeChar, budget);
    }
    // ENV carries over from a parent stage; ARG does not.
    let parent = current.base.kind === "stage" ? current.base.stage : null;
    for (let hops = 0; parent && hops < 50; hops++) {
      const owner: Stage = parent;
      for (let i = owner.instructions.length - 1; i >= 0; i--) {
        const instruction = owner.instructions[i];
        if (instruction?.type !== "Env") continue;
        const pair = instruction.pairs.findLast((candidate) => candidate.key.value === name);
        if (!pair) continue;
        if (pair.unquotedValue === null) return null;
        const at = instruction.range[0];
        return resolveWithMarkers(pair.unquotedValue, (other) => inStage(owner, other, at, depth + 1), escapeChar, budget);
      }
      parent = owner.base.kind === "stage" ? owner.base.stage : null;
    }
    return PREDEFINED_ARGS.has(name) ? null : undefined;
  };

  return (name) => inStage(stage, name, node.range[0], 0);
}

/** Names that move: channels, and branch names that only count as a whole path segment or ref. */
const CHANNEL_WORDS = new Set(["latest", "nightly", "stable", "current", "edge", "snapshot"]);
const BRANCH_WORDS = new Set(["main", "master", "head", "trunk", "develop"]);
const ARCHIVE_EXTENSIONS = new Set(["zip", "tar", "gz", "tgz", "bz2", "tbz", "xz", "txz", "zst", "7z"]);

function tokens(text: string): string[] {
  return text.split(/[^\dA-Za-z]+/u).filter((token) => token !== "");
}

function isHexToken(token: string): boolean {
  return (token.length === 64 || (token.length >= 7 && token.length <= 40)) && /^[\da-f]+$/iu.test(token) && /\d/u.test(token);
}

/**
 * True when the text carries a version-like token:
 * - dotted numbers: `1.2`, `v1.2.3`, `go1.22.5`, `3.12.0rc1`, `2024.01.01`;
 * - underscore numbers with three parts: `boost_1_84_0`;
 * - dates: `2024-01-01`, `20240101`;
 * - commits and digests: 7 to 40 hex digits with at least one digit, or 64;
 * - `r26b`-style and `8u392`-style release names;
 * - a build-time variable named like a version (`${TOOL_VERSION}`).
 * A bare `v2` or `20` is not a version: it names a series whose content moves.
 */
/**
 * True when the text names one release exactly: a three-part version
 * (`1.2.3`, `1_2_3`), a date, a commit or a digest. A release line
 * (`3.20`, `2.3`) next to a channel word names a branch that moves:
 * `3.20-stable`, `stable-2.3`, `v2-latest`.
 */
function hasExactVersionToken(text: string): boolean {
  if (text.includes(VERSION_MARK)) return true;
  if (/\d\.\d+\.\d/u.test(text) || /\d_\d+_\d/u.test(text)) return true;
  if (/\d{4}-\d\d-\d\d/u.test(text) || /(?:^|\D)\d{8}(?:\D|$)/u.test(text)) return true;
  if (/sha256:[\da-f]{64}/iu.test(text)) return true;
  return tokens(text).some(isHexToken);
}

/** A channel word among the text's tokens: `stable` in `3.20-stable`, `latest` in `v2-latest`. */
function hasChannelToken(text: string): boolean {
  return tokens(text).some((token) => CHANNEL_WORDS.has(token.toLowerCase()));
}

export function hasVersionToken(text: string): boolean {
  if (text.includes(VERSION_MARK)) return true;
  if (/\d\.\d/u.test(text)) return true;
  if (/\d_\d+_\d/u.test(text)) return true;
  if (/\d{4}-\d\d-\d\d/u.test(text)) return true;
  if (/sha256:[\da-f]{64}/iu.test(text)) return true;
  for (const token of tokens(text)) {
    if (isHexToken(token)) return true;
    if (/^r\d+[a-z]?$/u.test(token) || /\du\d/u.test(token)) return true;
  }
  return false;
}

/** The moving word of a path segment or query value, or null. */
function movingWordOf(segment: string): string | null {
  const lower = segment.toLowerCase();
  const dot = lower.indexOf(".");
  const stem = dot > 0 && lower.slice(dot + 1).split(".").every((ext) => ARCHIVE_EXTENSIONS.has(ext)) ? lower.slice(0, dot) : lower;
  if (BRANCH_WORDS.has(stem) || CHANNEL_WORDS.has(stem)) return segment.slice(0, stem.length);
  for (const token of tokens(segment)) {
    if (CHANNEL_WORDS.has(token.toLowerCase())) return token;
  }
  return null;
}

export type UrlPin =
  /** The URL names a version, a date, a commit or a digest. */
  | { kind: "pinned" }
  /** The URL names a moving target; `word` is the moving part as written. */
  | { kind: "moving"; word: string }
  /** Nothing in the URL names a version. */
  | { kind: "unversioned" }
  /** The URL depends on a value known only at build time that may be a version. */
  | { kind: "unknown" };

export interface ParsedUrl {
  scheme: string;
  host: string;
  path: string;
  query: string;
  fragment: string;
}

/** `git@github.com:org/repo.git`, `user@host:path`: Git over SSH, as BuildKit reads it. */
export const SCP_LIKE = /^[\w.-]+@[\w.-]+:/u;

/** A COPY/ADD source that does not come from the build context: a URL or an SSH Git address. */
export function isRemoteSource(text: string): boolean {
  return parseUrl(text) !== null || SCP_LIKE.test(text);
}

/** Splits `scheme://host/path?query#fragment`; null when the text is not such a URL. */
export function parseUrl(text: string): ParsedUrl | null {
  const match = /^([A-Za-z][\d+.A-Za-z-]*):\/\//u.exec(text);
  if (!match) return null;
  const scheme = (match[1] ?? "").toLowerCase();
  let rest = text.slice(match[0].length);
  const hash = rest.indexOf("#");
  const fragment = hash >= 0 ? rest.slice(hash + 1) : "";
  if (hash >= 0) rest = rest.slice(0, hash);
  const question = rest.indexOf("?");
  const query = question >= 0 ? rest.slice(question + 1) : "";
  if (question >= 0) rest = rest.slice(0, question);
  const slash = rest.indexOf("/");
  const host = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash) : "";
  return { scheme, host, path, query, fragment };
}

/**
 * Judges a download URL (variables already resolved or marked). The part
 * nearest the file decides: the query first, then path segments from the
 * file name back to the first directory. So `/releases/latest/download/tool`
 * moves, while `/static/stable/x86_64/docker-24.0.7.tgz` is pinned by its
 * file name. A segment with both a version and a moving word is pinned by
 * the version (`nightly-2024-01-01`), except for `SNAPSHOT` builds. The host
 * is never judged.
 */
export function classifyUrl(url: string): UrlPin {
  const parsed = parseUrl(url);
  if (!parsed) return { kind: "unknown" };
  const seen = { unknown: false };
  const judge = (part: string): UrlPin | null => {
    const moving = movingWordOf(part);
    const versioned = hasVersionToken(part);
    // A channel pins only next to an exact release: `nightly-2024-01-01` is one build, `3.20-stable` a branch.
    if (moving && (!versioned || moving.toLowerCase() === "snapshot" || !hasExactVersionToken(part))) return { kind: "moving", word: moving };
    if (versioned) return { kind: "pinned" };
    if (part.includes(UNKNOWN_MARK)) seen.unknown = true;
    return null;
  };
  if (parsed.query !== "") {
    const values = parsed.query.split("&").map((pair) => {
      const eq = pair.indexOf("=");
      return eq >= 0 ? pair.slice(eq + 1) : pair;
    });
    for (const value of values) {
      const verdict = judge(value);
      if (verdict?.kind === "moving") return verdict;
    }
    for (const value of values) {
      if (judge(value)?.kind === "pinned") return { kind: "pinned" };
    }
  }
  const segments = parsed.path.split("/").filter((segment) => segment !== "");
  for (let i = segments.length - 1; i >= 0; i--) {
    const verdict = judge(segments[i] ?? "");
    if (verdict) return seen.unknown && verdict.kind === "moving" ? { kind: "unknown" } : verdict;
  }
  return seen.unknown ? { kind: "unknown" } : { kind: "unversioned" };
}

export type RefKind = "commit" | "tag" | "branch" | "unknown";

/**
 * What a Git ref names. A commit is 7 to 40 hex digits (64 for SHA-256
 * repositories). A tag is `refs/tags/…`, `tags/…`, or any version-like name
 * (`v1.2.3`, `1.2`, `release-1.4`, `20240101`): Git cannot tell a tag from a
 * branch by its name, and projects name their release tags after versions.
 * Anything else (`main`, `master`, `HEAD`, `develop`, `feature-x`,
 * `refs/heads/…`, `origin/…`, `pull/42/head`, or an empty ref meaning the
 * default branch) is a branch, which moves.
 */
export function classifyRef(ref: string): RefKind {
  const value = ref.trim();
  if (value === "") return "branch";
  if (value.includes(VERSION_MARK)) return "tag";
  if (value.includes(UNKNOWN_MARK)) return "unknown";
  if ((value.length === 64 || (value.length >= 7 && value.length <= 40)) && /^[\da-f]+$/iu.test(value)) return "commit";
  if (value.startsWith("refs/tags/") || value.startsWith("tags/")) return "tag";
  if (value.startsWith("refs/") || value.startsWith("origin/") || value.startsWith("pull/")) return "branch";
  const lower = value.toLowerCase();
  if (BRANCH_WORDS.has(lower) || CHANNEL_WORDS.has(lower) || lower.includes("snapshot")) return "branch";
  // Release branches: `3.20-stable`, `stable-2.3`, `v2-latest`.
  if (hasChannelToken(value) && !hasExactVersionToken(value)) return "branch";
  return hasVersionToken(value) ? "tag" : "branch";
}

/** Signatures, checksum lists and keys: material that verifies a download, not the payload. */
const VERIFICATION_FILE = /\.(?:asc|sig|sign|minisig|sigstore|gpg|pub|key|pem|crt|sha1|sha256|sha256sum|sha512|sha512sum|md5|sums?)$|(?:^|[\W_])(?:sha\d*sums?|checksums?|md5sums?)(?:[\W_]|$)|^KEYS$/iu;
/** Package-manager repository definitions: what they list is pinned (or not) by the install that reads them. */
const REPOSITORY_FILE = /\.(?:list|repo|sources)$/iu;

/**
 * True for a URL path whose file verifies or configures other downloads
 * rather than being one: signatures (`.asc`, `.sig`, `.sigstore`, `.minisig`),
 * checksum lists (`SHA256SUMS`, `*.sha256`), keys (`.gpg`, `.key`, `KEYS`)
 * and package repository definitions (`.list`, `.repo`, `.sources`).
 */
export function isSupportFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return VERIFICATION_FILE.test(name) || REPOSITORY_FILE.test(name);
}

/** Shows marked text to users: markers become `…`. */
export function displayText(text: string): string {
  return text.replace(/[\uE000-\uE002]/gu, "…");
}
