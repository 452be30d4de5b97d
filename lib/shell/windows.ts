/**
 * The simple command shapes of cmd and PowerShell RUNs, for rules that look
 * for commands by name (downloads, clones). Not a parser of either language:
 * statements are split at separators outside quotes and brackets, words lose
 * their quotes, and anything this reader cannot evaluate becomes a command
 * substitution, which every rule already treats as a value known only at
 * build time.
 *
 * - Command names read as Windows finds them: case-insensitive, with no
 *   directory and no `.exe` (`C:\Git\bin\git.exe` is `git`), after the call
 *   operators `&` and `.`, cmd's `call` and `start`.
 * - Environment references become `${NAME}` (`$env:NAME`, `${env:NAME}`,
 *   cmd's `%NAME%`); other PowerShell variables, `(…)`,
 *   `$(…)`, `@(…)`, `{…}` and `[…]` become `$(…)`.
 * - `$x = command …` reads the command, its output used (context "substitution").
 * - A parenthesised PowerShell expression is read as commands of its own, one
 *   level deeper, so `(Invoke-WebRequest …).Content` is a command whose output
 *   is used; `.DownloadFile(…)`, `.DownloadString(…)` and `.DownloadData(…)`
 *   method calls become commands named `.downloadfile`, … with their arguments.
 * - `powershell -Command "…"` and `cmd /S /C "…"` scripts are read one level
 *   deeper (context "shell-c"), with `\"` read as `"`, as Windows passes them.
 */
import type { ExecArgumentNode, MappedText, RunNode } from "../language/index.js";
import { fileOffsetOf, joinContinuations, runScriptStart } from "../language/index.js";
import type { ShellConnector, ShellContext, ShellRedirect, ShellWord, SimpleCommand } from "./types.js";

export type WindowsDialect = "cmd" | "powershell";

/** What stands for a value this reader cannot evaluate: a command substitution. */
const UNKNOWN = "$(…)";
/** Nested scripts and expressions read at most this deep; deeper text is left unread. */
const MAX_DEPTH = 6;
/** Texts longer than this are not read at all: no finding rather than a slow one. */
const MAX_TEXT = 200_000;

const METHOD_DOWNLOAD = /\.(download(?:file|string|data))(?:task)?(?:async)?$/iu;

interface Reader {
  source: MappedText;
  dialect: WindowsDialect;
  /** `\"` stands for `"`: the script came through a Windows command line. */
  commandLine: boolean;
  depth: number;
  context: ShellContext;
  out: SimpleCommand[];
}

/** The command name as Windows finds it: no directory, no `.exe`, any case. */
export function windowsCommandName(value: string): string {
  const base = value.slice(Math.max(value.lastIndexOf("\\"), value.lastIndexOf("/")) + 1).toLowerCase();
  return base.endsWith(".exe") ? base.slice(0, -4) : base;
}

/** The dialect of a Windows shell program (`pwsh`, `C:\Windows\System32\cmd.exe`), or null for any other program. */
export function windowsDialectOf(program: string): WindowsDialect | null {
  const name = windowsCommandName(program);
  if (name === "powershell" || name === "pwsh") return "powershell";
  return name === "cmd" ? "cmd" : null;
}

function slice(source: MappedText, start: number, end: number): MappedText {
  return { text: source.text.slice(start, end), offsets: source.offsets.slice(start, end + 1) };
}

function isBlank(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\r";
}

const ENV_REFERENCE = /^(?:\{env:([^}]+)\}|env:(\w+))/iu;
const PS_VARIABLE = /^(?:\{[^}]*\}|[\w:?]+)/u;

/** The end (exclusive) of the bracket group that opens at `start`, quotes inside respected; the text's end when it does not close. */
function groupEnd(text: string, start: number, dialect: WindowsDialect, limit = text.length): number {
  let depth = 0;
  let i = start;
  while (i < limit) {
    const ch = text[i];
    if (ch === "'" && dialect === "powershell") {
      const close = text.indexOf("'", i + 1);
      i = close < 0 || close >= limit ? limit : close + 1;
      continue;
    }
    if (ch === '"') {
      i = Math.min(stringEnd(text, i, dialect, false), limit);
      continue;
    }
    if (ch === "`" && dialect === "powershell") {
      i += 2;
      continue;
    }
    if (ch === "(" || ch === "{" || ch === "[") depth++;
    else if (ch === ")" || ch === "}" || ch === "]") {
      depth--;
      if (depth <= 0) return i + 1;
    }
    i++;
  }
  return Math.min(i, limit);
}

/** The end (exclusive) of the double-quoted string that opens at `start`. */
function stringEnd(text: string, start: number, dialect: WindowsDialect, commandLine: boolean): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (dialect === "powershell" && ch === "`") {
      i += 2;
      continue;
    }
    if (commandLine && ch === "\\" && text[i + 1] === '"') {
      i += 2;
      continue;
    }
    if (ch === '"') {
      if (dialect === "powershell" && text[i + 1] === '"') {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return text.length;
}

/** Reads `$…` at `i` of a PowerShell word: the part's value and where it ends. */
function readVariable(text: string, i: number, dialect: WindowsDialect, limit = text.length): { value: string; end: number } {
  const rest = text.slice(i + 1, Math.min(i + 1 + 300, limit));
  const env = ENV_REFERENCE.exec(rest);
  if (env) return { value: `\${${env[1] ?? env[2] ?? ""}}`, end: i + 1 + env[0].length };
  if (rest.startsWith("(")) return { value: UNKNOWN, end: groupEnd(text, i + 1, dialect, limit) };
  const variable = PS_VARIABLE.exec(rest);
  if (variable) return { value: UNKNOWN, end: i + 1 + variable[0].length };
  return { value: "$", end: i + 1 };
}

interface Word extends ShellWord {
  /** Bracket groups in the word, by their ranges in the reader's text, with the text right before them in the word. */
  groups: { start: number; end: number; before: string }[];
  /** Where the word ends in the reader's text. */
  scanEnd: number;
}

/** Reads one word from `start` (not blank, not a separator); returns it with its end. */
function readWord(reader: Reader, start: number, stops: (i: number) => boolean): Word {
  const { text } = reader.source;
  const ps = reader.dialect === "powershell";
  let value = "";
  let quoted = false;
  let dynamic = false;
  const groups: Word["groups"] = [];
  let i = start;
  while (i < text.length && !isBlank(text[i]) && text[i] !== "\n" && !stops(i)) {
    const ch = text[i] ?? "";
    if (ps && ch === "'") {
      quoted = true;
      let j = i + 1;
      for (;;) {
        const close = text.indexOf("'", j);
        if (close < 0) {
          value += text.slice(j);
          j = text.length;
          break;
        }
        value += text.slice(j, close);
        if (text[close + 1] === "'") {
          value += "'";
          j = close + 2;
          continue;
        }
        j = close + 1;
        break;
      }
      i = j;
      continue;
    }
    if (ch === '"' || (reader.commandLine && ch === "\\" && text[i + 1] === '"')) {
      quoted = true;
      const open = ch === '"' ? i : i + 1;
      const end = stringEnd(text, open, reader.dialect, reader.commandLine);
      const closeLength = reader.commandLine && text[end - 2] === "\\" ? 2 : 1;
      let j = open + 1;
      const stop = Math.max(j, end - (text[end - 1] === '"' ? closeLength : 0));
      while (j < stop) {
        const c = text[j] ?? "";
        if (ps && c === "`") {
          value += text[j + 1] ?? "";
          j += 2;
        } else if (ps && c === '"' && text[j + 1] === '"') {
          value += '"';
          j += 2;
        } else if (ps && c === "$") {
          const part = readVariable(text, j, reader.dialect, stop);
          if (part.value !== "$") dynamic = true;
          value += part.value;
          j = Math.min(part.end, stop);
        } else if (reader.commandLine && c === "\\" && text[j + 1] === '"') {
          value += '"';
          j += 2;
        } else {
          if (!ps && c === "%") dynamic = true;
          value += c;
          j++;
        }
      }
      i = end;
      continue;
    }
    if (ps && ch === "`") {
      value += text[i + 1] ?? "";
      quoted = true;
      i += 2;
      continue;
    }
    if (!ps && ch === "^") {
      value += text[i + 1] ?? "";
      quoted = true;
      i += 2;
      continue;
    }
    if (ps && ch === "$") {
      const part = readVariable(text, i, reader.dialect);
      if (part.value !== "$") dynamic = true;
      if (part.value === UNKNOWN && text[i + 1] === "(") groups.push({ start: i + 1, end: part.end, before: text.slice(Math.max(start, i - 40), i) });
      value += part.value;
      i = part.end;
      continue;
    }
    if (ps && (ch === "(" || ch === "{" || ch === "[" || (ch === "@" && (text[i + 1] === "(" || text[i + 1] === "{")))) {
      const open = ch === "@" ? i + 1 : i;
      const end = groupEnd(text, open, reader.dialect);
      // Only the text right before the group matters: a `.DownloadString` method name.
      if (ch === "(") groups.push({ start: open, end, before: text.slice(Math.max(start, open - 40), open) });
      dynamic = true;
      value += UNKNOWN;
      i = end;
      continue;
    }
    if (!ps && ch === "%") dynamic = true;
    value += ch;
    i++;
  }
  // cmd's `%NAME%`, as the other rules read variables; `%2F` and `%ProgramFiles(x86)%` stay as written.
  if (!ps && value.includes("%")) value = value.replace(/%([A-Z_a-z]\w*)%/gu, (whole, name: string) => (/^[\da-f]{2}$/iu.test(name) ? whole : `\${${name}}`));
  return {
    start: fileOffsetOf(reader.source, start),
    end: i > start ? fileOffsetOf(reader.source, i - 1) + 1 : fileOffsetOf(reader.source, start),
    raw: text.slice(start, i),
    value,
    quoted,
    dynamic,
    groups,
    scanEnd: i,
  };
}

/** Splits `text` at commas outside quotes and brackets: the arguments of a method call. */
function splitArguments(text: string, dialect: WindowsDialect): [number, number][] {
  const parts: [number, number][] = [];
  let from = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "'" && dialect === "powershell") {
      const close = text.indexOf("'", i + 1);
      i = close < 0 ? text.length : close + 1;
    } else if (ch === '"') {
      i = stringEnd(text, i, dialect, false);
    } else if (ch === "(" || ch === "{" || ch === "[") {
      i = groupEnd(text, i, dialect);
    } else if (ch === ",") {
      parts.push([from, i]);
      from = ++i;
    } else {
      i++;
    }
  }
  parts.push([from, text.length]);
  return parts;
}

/** The script a `powershell …` or `cmd …` command runs, as offsets of the reader's text, and its dialect. */
function innerScript(name: string, words: Word[], statementEnd: number, wordStarts: number[]): { start: number; end: number; dialect: WindowsDialect } | null {
  if (name === "powershell" || name === "pwsh") {
    for (let k = 1; k < words.length; k++) {
      const value = (words[k]?.value ?? "").toLowerCase();
      if (value.startsWith("-") && "-command".startsWith(value) && value.length >= 2) {
        const start = wordStarts[k + 1];
        return start === undefined ? null : { start, end: statementEnd, dialect: "powershell" };
      }
      if (value === "-file" || value === "-f" || value === "-encodedcommand" || value === "-ec" || value === "-e") return null;
      if (["-executionpolicy", "-ep", "-ex", "-windowstyle", "-w", "-version", "-v", "-inputformat", "-outputformat", "-configurationname", "-workingdirectory", "-wd"].includes(value)) {
        k++;
        continue;
      }
      if (value.startsWith("-")) continue;
      const start = wordStarts[k];
      return start === undefined ? null : { start, end: statementEnd, dialect: "powershell" };
    }
    return null;
  }
  if (name === "cmd") {
    for (let k = 1; k < words.length; k++) {
      const value = (words[k]?.value ?? "").toLowerCase();
      if (value === "/c" || value === "/k") {
        const start = wordStarts[k + 1];
        return start === undefined ? null : { start, end: statementEnd, dialect: "cmd" };
      }
      if (!value.startsWith("/")) return null;
    }
  }
  return null;
}

/** Reads the statements of `reader.source` from `from` to `to`, pushing commands (nested ones after their statement). */
function readStatements(reader: Reader, from: number, to: number): void {
  const { text } = reader.source;
  const ps = reader.dialect === "powershell";
  let i = from;
  let prev: ShellConnector = null;
  while (i < to) {
    const words: Word[] = [];
    const wordStarts: number[] = [];
    const redirects: ShellRedirect[] = [];
    let next: ShellConnector = null;
    const statementStart = i;
    let statementEnd = to;
    const stops = (k: number): boolean => {
      if (k >= to) return true;
      const ch = text[k];
      if (ch === "|" || ch === ">" || ch === "<") return true;
      if (ps) return ch === ";" || (ch === "&" && text[k + 1] === "&") || ch === ")" || ch === "}";
      return ch === "&" || ch === "(" || ch === ")";
    };
    while (i < to) {
      const ch = text[i];
      if (isBlank(ch)) {
        i++;
        continue;
      }
      if (ch === "\n") {
        statementEnd = i;
        i++;
        break;
      }
      if (ps && ch === "#") {
        const close = text.indexOf("\n", i);
        statementEnd = close < 0 || close > to ? to : close;
        i = statementEnd;
        continue;
      }
      if (ps && ch === "<" && text[i + 1] === "#") {
        const close = text.indexOf("#>", i + 2);
        i = close < 0 || close + 2 > to ? to : close + 2;
        continue;
      }
      const two = text.slice(i, i + 2);
      if (two === "&&" || two === "||") {
        next = two;
        statementEnd = i;
        i += 2;
        break;
      }
      if (ch === "|") {
        next = "|";
        statementEnd = i;
        i++;
        break;
      }
      if ((ps && ch === ";") || (!ps && ch === "&")) {
        next = ps ? ";" : "&";
        statementEnd = i;
        i++;
        break;
      }
      if (!ps && (ch === "(" || ch === ")")) {
        statementEnd = i;
        i++;
        break;
      }
      if (ps && (ch === "{" || ch === "}")) {
        // A script block (`if (…) { … }`, `ForEach-Object { … }`): its statements are read like any other.
        statementEnd = i;
        i++;
        break;
      }
      if (ps && ch === ")") {
        i++;
        continue;
      }
      // Redirections: `>`, `>>`, `2>`, `2>&1`, `*>`, `<`.
      const redirect = /^(?:[\d*]?>>?(?:&\d)?|<)/u.exec(text.slice(i, i + 5));
      if (redirect) {
        const op = redirect[0];
        let k = i + op.length;
        while (k < to && isBlank(text[k])) k++;
        let target: ShellWord | null = null;
        if (!op.includes("&") && k < to && text[k] !== "\n") {
          const word = readWord(reader, k, stops);
          target = word;
          k = word.scanEnd;
        }
        redirects.push({ op, start: fileOffsetOf(reader.source, i), end: fileOffsetOf(reader.source, Math.max(i, k - 1)) + 1, target, heredoc: null });
        i = Math.max(k, i + op.length);
        continue;
      }
      const word = readWord(reader, i, stops);
      if (word.scanEnd <= i) {
        i++;
        continue;
      }
      words.push(word);
      wordStarts.push(i);
      i = word.scanEnd;
    }
    emit(reader, words, wordStarts, redirects, statementStart, statementEnd, prev, next);
    prev = next;
  }
}

function emit(reader: Reader, all: Word[], allStarts: number[], redirects: ShellRedirect[], start: number, end: number, prev: ShellConnector, next: ShellConnector): void {
  let words = all;
  let starts = allStarts;
  let context = reader.context;
  // `$x = command …`: the command's output is used.
  if (reader.dialect === "powershell" && words[0]?.raw.startsWith("$") && words[1]?.value === "=") {
    words = words.slice(2);
    starts = starts.slice(2);
    context = "substitution";
  }
  // Call operators and launchers: the program is the next word.
  while (words.length > 1 && ["&", ".", "call", "start"].includes((words[0]?.value ?? "").toLowerCase())) {
    const launcher = (words[0]?.value ?? "").toLowerCase();
    words = words.slice(1);
    starts = starts.slice(1);
    if (launcher === "start") {
      while (words.length > 1 && (words[0]?.value.startsWith("/") || words[0]?.raw === '""')) {
        words = words.slice(1);
        starts = starts.slice(1);
      }
    }
  }
  const first = words[0];
  if (first) {
    const name = first.dynamic ? first.value : windowsCommandName(first.value);
    const command: SimpleCommand = {
      words: [{ ...stripExtra(first), value: name }, ...words.slice(1).map(stripExtra)],
      assignments: [],
      redirects,
      start: fileOffsetOf(reader.source, start),
      end: fileOffsetOf(reader.source, Math.max(start, end - 1)) + 1,
      next,
      prev,
      context,
      depth: reader.depth,
      condition: false,
    };
    reader.out.push(command);
    if (reader.depth < MAX_DEPTH && !first.dynamic) {
      const inner = innerScript(name, words, end, starts);
      if (inner) readInner(reader, inner.start, inner.end, inner.dialect);
    }
  }
  if (reader.depth < MAX_DEPTH && reader.dialect === "powershell") {
    for (const word of all) for (const group of word.groups) readGroup(reader, group);
  }
}

function stripExtra(word: Word): ShellWord {
  return { start: word.start, end: word.end, raw: word.raw, value: word.value, quoted: word.quoted, dynamic: word.dynamic };
}

/** A `powershell -Command "…"` or `cmd /C "…"` script: one pair of enclosing quotes is dropped. */
function readInner(reader: Reader, start: number, end: number, dialect: WindowsDialect): void {
  const { text } = reader.source;
  let from = start;
  let to = end;
  while (to > from && isBlank(text[to - 1])) to--;
  if (text[from] === '"' && text[to - 1] === '"' && stringEnd(text, from, "cmd", true) === to) {
    from++;
    to--;
  }
  const nested: Reader = { source: slice(reader.source, from, to), dialect, commandLine: true, depth: reader.depth + 1, context: "shell-c", out: reader.out };
  readStatements(nested, 0, to - from);
}

/** A parenthesised expression: its commands, or the download a `.DownloadString(…)` call makes. */
function readGroup(reader: Reader, group: { start: number; end: number; before: string }): void {
  const { text } = reader.source;
  const innerStart = group.start + 1;
  const innerEnd = text[group.end - 1] === ")" ? group.end - 1 : group.end;
  if (innerEnd <= innerStart) return;
  const method = METHOD_DOWNLOAD.exec(group.before);
  const nested: Reader = { ...reader, depth: reader.depth + 1, context: "substitution" };
  if (!method) {
    readStatements(nested, innerStart, innerEnd);
    return;
  }
  const words: ShellWord[] = [];
  for (const [from, to] of splitArguments(text.slice(innerStart, innerEnd), reader.dialect)) {
    let k = innerStart + from;
    while (k < innerStart + to && isBlank(text[k])) k++;
    if (k >= innerStart + to) continue;
    const word = readWord(nested, k, (at) => at >= innerStart + to);
    words.push(stripExtra(word));
  }
  const name = `.${(method[1] ?? "").toLowerCase()}`;
  const at = fileOffsetOf(reader.source, group.start);
  reader.out.push({
    words: [{ start: at, end: at + 1, raw: "(", value: name, quoted: false, dynamic: false }, ...words],
    assignments: [],
    redirects: [],
    start: at,
    end: fileOffsetOf(reader.source, group.end - 1) + 1,
    next: null,
    prev: null,
    context: name === ".downloadfile" ? "top" : "substitution",
    depth: reader.depth + 1,
    condition: false,
  });
}

/** The script of an exec-form RUN that starts PowerShell or cmd, or the program's words. */
function execScript(exec: readonly ExecArgumentNode[], source: string): { script: MappedText; dialect: WindowsDialect; commandLine: boolean } | null {
  const dialect = windowsDialectOf(exec[0]?.value ?? "");
  if (!dialect) return null;
  // The arguments after `-Command` or `/C`, as one command line.
  let at = -1;
  for (let k = 1; k < exec.length; k++) {
    const value = (exec[k]?.value ?? "").toLowerCase();
    if (dialect === "cmd" ? value === "/c" || value === "/k" : value.length >= 2 && "-command".startsWith(value)) {
      at = k + 1;
      break;
    }
  }
  const parts = at < 0 ? [] : exec.slice(at);
  if (parts.length === 0) return null;
  let text = "";
  const offsets: number[] = [];
  for (const [index, part] of parts.entries()) {
    if (index > 0) {
      text += " ";
      offsets.push(part.range[0]);
    }
    const raw = source.slice(part.range[0] + 1, part.range[1] - 1);
    // Without escapes in the JSON string each character maps one to one.
    for (let k = 0; k < part.value.length; k++) offsets.push(raw === part.value ? part.range[0] + 1 + k : part.range[0]);
    text += part.value;
  }
  offsets.push(parts.at(-1)?.range[1] ?? 0);
  return { script: { text, offsets }, dialect, commandLine: false };
}

/**
 * The commands of a RUN in a stage whose shell is cmd or PowerShell (`dialect`,
 * for shell form), in source order, nested ones after the command that holds
 * them. Offsets are the file's.
 */
export function windowsCommands(node: RunNode, source: string, escapeChar: string, dialect: WindowsDialect): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  if (node.range[1] - node.range[0] > MAX_TEXT) return out;
  if (node.form === "exec") {
    const exec = node.exec ?? [];
    const script = execScript(exec, source);
    if (script) {
      readStatements({ source: script.script, dialect: script.dialect, commandLine: script.commandLine, depth: 0, context: "top", out }, 0, script.script.text.length);
      return out;
    }
    const first = exec[0];
    if (!first) return out;
    out.push({
      words: exec.map((arg, index) => ({ start: arg.range[0], end: arg.range[1], raw: JSON.stringify(arg.value), value: index === 0 ? windowsCommandName(arg.value) : arg.value, quoted: true, dynamic: false })),
      assignments: [],
      redirects: [],
      start: first.range[0],
      end: exec.at(-1)?.range[1] ?? first.range[1],
      next: null,
      prev: null,
      context: "top",
      depth: 0,
      condition: false,
    });
    return out;
  }
  if (node.heredocs.length > 0) return out;
  const start = runScriptStart(node);
  const script = joinContinuations(source, start, node.range[1], escapeChar);
  readStatements({ source: script, dialect, commandLine: false, depth: 0, context: "top", out }, 0, script.text.length);
  return out;
}
