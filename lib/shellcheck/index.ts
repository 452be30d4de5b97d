/**
 * ShellCheck on the shell scripts of a Dockerfile: one `shellcheck` process
 * per file, one temporary file per script, json1 positions mapped back to the
 * Dockerfile and ShellCheck's fixes turned into edits where they map cleanly.
 */
import type { DockerfileFacts } from "../facts/index.js";
import { checkScripts, findShellCheck } from "./binary.js";
import type { BinaryLookup, CheckOptions, ShellCheckComment } from "./binary.js";
import { ScriptPositions } from "./positions.js";
import { collectScripts } from "./scripts.js";
import type { Script } from "./scripts.js";

export { findShellCheck } from "./binary.js";
export type { BinaryLookup, CheckOptions } from "./binary.js";
export { collectScripts, dialectOf, disabledCodesOf } from "./scripts.js";
import { disabledCodesOf } from "./scripts.js";
export type { Dialect, DisabledAfter, Script } from "./scripts.js";

export type ShellCheckLevel = "error" | "warning" | "info" | "style";

export interface ShellCheckEdit {
  range: [number, number];
  text: string;
}

export interface ShellCheckFinding {
  /** `SC2086`. */
  code: string;
  level: ShellCheckLevel;
  /** ShellCheck's own text. */
  message: string;
  /** File range of the finding. */
  range: [number, number];
  /** The instruction whose script it is in. */
  script: Script;
  /** ShellCheck's fix as file edits, or null when it has none or it does not map to clean ranges. */
  fix: ShellCheckEdit[] | null;
}

export type ShellCheckOutcome =
  | { status: "checked"; version: string; findings: ShellCheckFinding[] }
  /** Nothing to check: no shell script ShellCheck knows how to read. */
  | { status: "nothing" }
  | { status: "unavailable"; lookup: Extract<BinaryLookup, { ok: false }>; first: Script }
  | { status: "failed"; command: string; detail: string; first: Script };

export interface ShellCheckOptions extends CheckOptions {
  /** The command to run: a name looked up on PATH or a path. */
  command: string;
}

/** The page ShellCheck's wiki keeps for a code. */
export function wikiUrl(code: string): string {
  return `https://www.shellcheck.net/wiki/${code}`;
}

/** Codes of `# shellcheck disable=` lines before the script's first command, which ShellCheck applies to the whole script. */
function leadingDisables(text: string): string[] {
  const codes: string[] = [];
  let start = 0;
  for (let lines = 0; start <= text.length && lines < 1000; lines++) {
    const end = text.indexOf("\n", start);
    const line = text.slice(start, end < 0 ? text.length : end).trim();
    if (line !== "" && !line.startsWith("#")) break;
    if (line.startsWith("#")) codes.push(...disabledCodesOf(line.slice(1)));
    if (end < 0) break;
    start = end + 1;
  }
  return codes;
}

/**
 * The temporary file's text: a directive line with the dialect and the
 * disabled codes, a line declaring the names the script has, then the script.
 * The names come first, not last: after the script they would be commands
 * that follow an `exec` (SC2093) or a subshell (SC2030). Directives before the
 * script's first command would then no longer cover the whole script, so they
 * are repeated on the first line.
 */
function scriptFile(script: Script): string {
  const disabled = [...new Set([...script.disabled, ...leadingDisables(script.mapped.text)])];
  const directive = `# shellcheck shell=${script.dialect}${disabled.length > 0 ? ` disable=${disabled.join(",")}` : ""}`;
  // `export NAME` without a value: assigned for SC2154, but its value unknown, as a build argument's is
  // (`NAME=1` would tell ShellCheck's data flow that `$NAME` needs no quotes).
  const names = script.names.length > 0 ? `export ${script.names.join(" ")}` : "";
  return `${directive}\n${names}\n${script.mapped.text}\n`;
}

function isLevel(level: string): level is ShellCheckLevel {
  return level === "error" || level === "warning" || level === "info" || level === "style";
}

function editsOf(comment: ShellCheckComment, positions: ScriptPositions, script: Script, source: string): ShellCheckEdit[] | null {
  const replacements = comment.fix?.replacements;
  if (!replacements || replacements.length === 0) return null;
  const edits: ShellCheckEdit[] = [];
  for (const replacement of replacements) {
    const start = positions.indexOf(replacement.line, replacement.column);
    const end = positions.indexOf(replacement.endLine, replacement.endColumn);
    if (start === null || end === null || end < start || typeof replacement.replacement !== "string") return null;
    const range = positions.cleanFileRange(start, end, source);
    if (!range) return null;
    let text = replacement.replacement;
    // A line break would end a shell-form instruction; only a heredoc body can take one.
    if (/[\r\n]/u.test(text) && !script.multiline.some(([from, to]) => range[0] >= from && range[1] <= to)) return null;
    if (script.json) text = JSON.stringify(text).slice(1, -1);
    edits.push({ range, text });
  }
  edits.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  // Overlapping edits, or two insertions at one point, have no single clean reading.
  for (let i = 1; i < edits.length; i++) {
    const previous = edits[i - 1];
    const edit = edits[i];
    if (previous && edit && (edit.range[0] < previous.range[1] || (edit.range[0] === previous.range[0] && edit.range[1] === previous.range[1]))) return null;
  }
  return edits;
}

function findingsOf(script: Script, comments: readonly ShellCheckComment[], source: string): ShellCheckFinding[] {
  const positions = new ScriptPositions(script.mapped);
  const findings: ShellCheckFinding[] = [];
  for (const comment of comments) {
    // A parse error (SC1xxx) past the script's end, such as an unclosed quote, is at its end;
    // anything else on the header lines is about the lines added here.
    const start = positions.indexOf(comment.line, comment.column, comment.code < 2000);
    if (start === null) continue;
    // An end past the text (an unterminated quote) is the script's end.
    const end = comment.endLine < comment.line ? start : (positions.indexOf(comment.endLine, comment.endColumn) ?? positions.length);
    const code = `SC${String(comment.code)}`;
    const range = positions.fileRange(start, Math.max(start, end));
    if (script.disabledAfter.some((off) => off.at <= range[0] && (off.codes.includes(code) || off.codes.includes("all")))) continue;
    findings.push({
      code,
      level: isLevel(comment.level) ? comment.level : "error",
      message: comment.message,
      range,
      script,
      fix: editsOf(comment, positions, script, source),
    });
  }
  return findings;
}

const cache = new WeakMap<DockerfileFacts, Map<string, ShellCheckOutcome>>();

/**
 * ShellCheck's findings for every script of a file, in one process call;
 * computed once per file and set of options.
 */
export function shellCheckFile(facts: DockerfileFacts, options: ShellCheckOptions): ShellCheckOutcome {
  const key = JSON.stringify(options);
  let byOptions = cache.get(facts);
  const cached = byOptions?.get(key);
  if (cached) return cached;
  const outcome = compute(facts, options);
  if (!byOptions) {
    byOptions = new Map();
    cache.set(facts, byOptions);
  }
  byOptions.set(key, outcome);
  return outcome;
}

function compute(facts: DockerfileFacts, options: ShellCheckOptions): ShellCheckOutcome {
  const scripts = collectScripts(facts);
  const first = scripts[0];
  if (!first) return { status: "nothing" };
  const lookup = findShellCheck(options.command);
  if (!lookup.ok) return { status: "unavailable", lookup, first };
  const result = checkScripts(lookup.command, scripts.map(scriptFile), options);
  if (!result.ok) return { status: "failed", command: lookup.command, detail: result.detail, first };
  const findings: ShellCheckFinding[] = [];
  scripts.forEach((script, i) => {
    findings.push(...findingsOf(script, result.comments[i] ?? [], facts.text));
  });
  findings.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.code.localeCompare(b.code));
  return { status: "checked", version: lookup.version, findings };
}
