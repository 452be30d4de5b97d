/**
 * Which variables a piece of Dockerfile or shell text refers to: `$NAME`,
 * `${NAME}`, `${NAME:-…}`, `${#NAME}`, `${!NAME}`, and, for PowerShell and
 * cmd scripts, `$env:NAME`, `${env:NAME}` and `%NAME%`.
 *
 * Variable references are textual, so one linear scan of an instruction's
 * source text answers "does this RUN (or COPY, ENV, LABEL…) use $NAME?"
 * without parsing the shell. A `$` after an escape (`\$NAME`) is literal
 * and does not count. A reference inside single quotes still counts: the
 * variable is in the step's environment, and the text names it.
 */
import type { InstructionNode } from "../language/index.js";

export interface VariableReferenceOptions {
  /** The Dockerfile's escape character; `\` is always treated as an escape too, except in Windows scripts. */
  escapeChar?: string;
  /** Also read PowerShell (`$env:NAME`) and cmd (`%NAME%`) references, whose names are case-insensitive. */
  windows?: boolean;
}

export interface VariableReferences {
  /** True when the text refers to `name` (case-insensitively for Windows forms). */
  has(name: string): boolean;
  /** Every name referred to, as written. */
  readonly names: ReadonlySet<string>;
}

function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57);
}

/** End of the variable name starting at `from` (exclusive); `from` when there is none. */
function nameEnd(text: string, from: number): number {
  if (from >= text.length || !isNameStart(text.charCodeAt(from))) return from;
  let end = from + 1;
  while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
  return end;
}

/** True when `text` has `env:` (any case) at `at`. */
function hasEnvPrefix(text: string, at: number): boolean {
  return text.slice(at, at + 4).toLowerCase() === "env:";
}

/** Scans `text` once and collects the variables it refers to. */
export function scanVariableReferences(text: string, options: VariableReferenceOptions = {}): VariableReferences {
  const escapeChar = options.escapeChar ?? "\\";
  const windows = options.windows === true;
  const names = new Set<string>();
  const folded = new Set<string>();
  const add = (name: string, caseInsensitive: boolean): void => {
    names.add(name);
    if (caseInsensitive) folded.add(name.toLowerCase());
  };

  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === escapeChar || (!windows && ch === "\\")) {
      i += 2;
      continue;
    }
    if (ch === "%" && windows) {
      const end = nameEnd(text, i + 1);
      if (end > i + 1 && text[end] === "%") {
        add(text.slice(i + 1, end), true);
        i = end + 1;
        continue;
      }
      i++;
      continue;
    }
    if (ch !== "$") {
      i++;
      continue;
    }
    let at = i + 1;
    const braced = text[at] === "{";
    if (braced) {
      at++;
      if (text[at] === "#" || text[at] === "!") at++;
    }
    let caseInsensitive = false;
    if (windows && hasEnvPrefix(text, at)) {
      at += 4;
      caseInsensitive = true;
    }
    const end = nameEnd(text, at);
    if (end > at) {
      add(text.slice(at, end), caseInsensitive);
      i = end;
    } else {
      i = at;
    }
  }

  return {
    names,
    has: (name) => names.has(name) || (folded.size > 0 && folded.has(name.toLowerCase())),
  };
}

/** True when `text` refers to the variable `name`. */
export function referencesVariable(text: string, name: string, options: VariableReferenceOptions = {}): boolean {
  return scanVariableReferences(text, options).has(name);
}

const cache = new WeakMap<InstructionNode, { key: string; references: VariableReferences }>();

/**
 * The variables an instruction's source text refers to (its flags, arguments
 * and heredoc bodies), computed once per node and options and shared by rules.
 */
export function instructionReferences(
  node: InstructionNode,
  sourceText: string,
  options: VariableReferenceOptions = {},
): VariableReferences {
  const key = `${options.escapeChar ?? "\\"}|${options.windows === true ? "w" : ""}`;
  const cached = cache.get(node);
  if (cached?.key === key) return cached.references;
  const references = scanVariableReferences(sourceText.slice(node.range[0], node.range[1]), options);
  cache.set(node, { key, references });
  return references;
}
