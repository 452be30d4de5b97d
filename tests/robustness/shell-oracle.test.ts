/**
 * Shell-lexer oracle: every shell-form RUN of the corpus (heredoc scripts
 * included, ONBUILD RUN too) goes through the path rules use,
 * `facts.shellOf(run)`, and through mvdan-sh, the reference shell parser (a
 * GopherJS build of mvdan/sh, a devDependency only). Both must find the same
 * simple commands, in source order, with the same words.
 *
 * Normalisation, so that the comparison is about words and not about tree shapes:
 * - A word is compared by its value after quote removal: backslash escapes
 *   removed outside quotes, `\$ \` \" \\` and `\<newline>` inside double quotes,
 *   `$'…'` decoded for the common escapes. Expansions (`$X`, `${X}`, `$(…)`,
 *   backticks, `$((…))`, `<(…)`) are kept as their source text, which is what
 *   `ShellWord.value` holds.
 * - Commands without words (only assignments or redirections) are left out on both sides.
 * - `declare`/`export`/`local`/`readonly`/`typeset` (a DeclClause in mvdan) become the
 *   words `export A=value …`, as lib/shell gives them. `time [-p] cmd` (a TimeClause)
 *   is compared as `cmd`: lib/shell keeps `time` as the command name.
 * - `[[ … ]]` and `let` are clauses in mvdan, simple commands in lib/shell: left out.
 * - `sh -c 'script'` (and `bash`, `su -c`, …: whatever `shellInvocation` says) and a
 *   heredoc fed to a shell's standard input are parsed again by mvdan, as lib/shell does.
 * - Scripts that mvdan rejects as syntax errors are not compared (lib/shell recovers
 *   and returns what it could); their number is printed.
 *
 * Every disagreement left is listed in ACCEPTED with its reason; a new one fails the
 * test, and so does an entry that no longer disagrees (remove it).
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildTree } from "../../lib/language/tree/index.js";
import type { InstructionNode, RunNode } from "../../lib/language/tree/index.js";
import { DockerfileFacts } from "../../lib/facts/facts.js";
import { shellInvocation } from "../../lib/shell/index.js";
import type { ShellWord, SimpleCommand } from "../../lib/shell/index.js";
import { CORPUS_DIR, corpusFiles } from "./harness.js";

// --- mvdan-sh, read through its Go structs -------------------------------------------
//
// The JavaScript wrappers of the GopherJS build cost about 0.1 ms per field read (and
// syntax.Walk as much per node), which makes the corpus take minutes. So the test reads
// the Go structs behind them (`__internal_object__`, pinned mvdan-sh 0.10.1): a slice is
// `{ $array, $offset, $length }`, a node's type is `constructor.string`, a nil pointer is
// its type's `nil`. Strings are read from the script by byte offset, never from the
// structs (GopherJS keeps Go strings as UTF-8 bytes).

interface GoPos {
  offs: number;
}
interface GoNode {
  constructor: { string?: string; nil?: unknown };
  Pos(): GoPos;
  End(): GoPos;
  [field: string]: unknown;
}
interface GoSlice {
  $array: GoNode[];
  $offset: number;
  $length: number;
}

const require = createRequire(import.meta.url);
const { syntax } = require("mvdan-sh") as { syntax: { NewParser(): { Parse(src: string, name: string): { __internal_object__: GoNode } } } };
const parser = syntax.NewParser();

function isNil(value: unknown): value is null | undefined {
  if (value === null || value === undefined) return true;
  const node = value as GoNode;
  return node.constructor.nil === node || node.constructor.string === undefined;
}

/** The node in a field, or null for a nil pointer or interface. */
function child(node: GoNode, name: string): GoNode | null {
  const value = node[name];
  return isNil(value) ? null : (value as GoNode);
}

function list(node: GoNode, name: string): GoNode[] {
  const slice = node[name] as GoSlice | null | undefined;
  if (!slice?.$array) return [];
  const out: GoNode[] = [];
  for (let i = 0; i < slice.$length; i++) {
    const item = slice.$array[slice.$offset + i];
    if (!isNil(item)) out.push(item);
  }
  return out;
}

function kind(node: GoNode): string {
  return (node.constructor.string ?? "").replace("*syntax.", "");
}

// --- Accepted disagreements ------------------------------------------------------------

/** `file` relative to the corpus, `key` = `L<line of the RUN>`. */
const ACCEPTED: { file: string; key: string; reason: string }[] = [];

// --- Normalisation -------------------------------------------------------------------

/** UTF-8 byte offset -> UTF-16 index, for mvdan's positions. */
function byteIndex(text: string): (offset: number) => number {
  // eslint-disable-next-line no-control-regex -- ASCII check
  if (/^[\u0000-\u007f]*$/u.test(text)) return (offset) => offset;
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) ?? 0;
    const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let b = 0; b < bytes; b++) map.push(i);
    if (code >= 0x10000) i++;
  }
  map.push(text.length);
  return (offset) => map[offset] ?? text.length;
}

const ANSI_C: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\u0007", b: "\b", e: "\u001b", E: "\u001b", f: "\f", v: "\v", "\\": "\\", "'": "'", '"': '"', "?": "?" };

function decodeAnsiC(raw: string): string {
  return raw.replace(/\\(.)/gsu, (all, ch: string) => ANSI_C[ch] ?? all);
}

function unescapeUnquoted(raw: string): string {
  return raw.replace(/\\(.)/gsu, (_all, ch: string) => (ch === "\n" ? "" : ch));
}

function unescapeDoubleQuoted(raw: string): string {
  return raw.replace(/\\([$`"\\\n])/gu, (_all, ch: string) => (ch === "\n" ? "" : ch));
}

interface OracleWord {
  value: string;
  dynamic: boolean;
}

class Script {
  readonly text: string;
  readonly at: (offset: number) => number;
  constructor(text: string) {
    this.text = text;
    this.at = byteIndex(text);
  }
  start(node: GoNode): number {
    return this.at(node.Pos().offs);
  }
  end(node: GoNode): number {
    return this.at(node.End().offs);
  }
  slice(node: GoNode): string {
    return this.text.slice(this.start(node), this.end(node));
  }
}

function partValue(script: Script, part: GoNode, inDouble: boolean): OracleWord {
  switch (kind(part)) {
    case "Lit": {
      const value = script.slice(part);
      return { value: inDouble ? unescapeDoubleQuoted(value) : unescapeUnquoted(value), dynamic: false };
    }
    case "SglQuoted": {
      const raw = script.slice(part);
      return part.Dollar === true ? { value: decodeAnsiC(raw.slice(2, -1)), dynamic: false } : { value: raw.slice(1, -1), dynamic: false };
    }
    case "DblQuoted": {
      const inner = list(part, "Parts").map((p) => partValue(script, p, true));
      return { value: inner.map((w) => w.value).join(""), dynamic: inner.some((w) => w.dynamic) };
    }
    default:
      // ParamExp, CmdSubst, ArithmExp, ProcSubst, ExtGlob, BraceExp: their source text.
      return { value: script.slice(part), dynamic: true };
  }
}

function wordValue(script: Script, word: GoNode): OracleWord {
  const parts = list(word, "Parts").map((part) => partValue(script, part, false));
  return { value: parts.map((p) => p.value).join(""), dynamic: parts.some((p) => p.dynamic) };
}

function assignWord(script: Script, assign: GoNode): OracleWord {
  const name = child(assign, "Name");
  const value = child(assign, "Value");
  if (child(assign, "Array")) return { value: script.slice(assign), dynamic: false };
  if (assign.Naked === true) {
    if (value) return wordValue(script, value);
    return { value: name ? script.slice(name) : "", dynamic: false };
  }
  const written = value ? wordValue(script, value) : { value: "", dynamic: false };
  return { value: `${name ? script.slice(name) : ""}${assign.Append === true ? "+=" : "="}${written.value}`, dynamic: written.dynamic };
}

interface OracleCommand {
  start: number;
  words: string[];
}

/** Enough of a SimpleCommand for `shellInvocation`. */
function asSimpleCommand(words: OracleWord[]): SimpleCommand {
  const shellWords: ShellWord[] = words.map((w) => ({ start: 0, end: 0, raw: w.value, value: w.value, quoted: false, dynamic: w.dynamic }));
  return { words: shellWords, assignments: [], redirects: [], start: 0, end: 0, next: null, prev: null, context: "top", depth: 0, condition: false };
}

/**
 * The simple commands mvdan finds in `text`, with `sh -c` scripts and heredoc
 * scripts parsed again; null when mvdan rejects the script. `base` maps offsets
 * of nested scripts to the outer script, for sorting.
 */
function mvdanCommands(text: string, base: (offset: number) => number, depth = 0): OracleCommand[] | null {
  let file: GoNode;
  try {
    file = parser.Parse(text, "RUN").__internal_object__;
  } catch {
    return null;
  }
  const script = new Script(text);
  const out: OracleCommand[] = [];

  const visitWord = (word: GoNode | null): void => {
    if (word) for (const part of list(word, "Parts")) visitPart(part);
  };
  const visitPart = (part: GoNode): void => {
    switch (kind(part)) {
      case "DblQuoted":
        list(part, "Parts").forEach(visitPart);
        return;
      case "CmdSubst":
      case "ProcSubst":
        list(part, "Stmts").forEach(visitStmt);
        return;
      case "ArithmExp":
        visitExpr(child(part, "X"));
        return;
      case "ParamExp": {
        const exp = child(part, "Exp");
        if (exp) visitWord(child(exp, "Word"));
        const repl = child(part, "Repl");
        if (repl) {
          visitWord(child(repl, "Orig"));
          visitWord(child(repl, "With"));
        }
        return;
      }
      default:
        return;
    }
  };
  /** Arithmetic and `[[ ]]` expressions: only their words can hold commands. */
  const visitExpr = (expr: GoNode | null): void => {
    if (!expr) return;
    if (kind(expr) === "Word") {
      visitWord(expr);
      return;
    }
    visitExpr(child(expr, "X"));
    if (kind(expr) === "BinaryArithm" || kind(expr) === "BinaryTest") visitExpr(child(expr, "Y"));
  };
  const visitAssign = (assign: GoNode): void => {
    visitWord(child(assign, "Value"));
    const array = child(assign, "Array");
    if (array) for (const elem of list(array, "Elems")) visitWord(child(elem, "Value"));
  };
  const visitStmts = (node: GoNode, name: string): void => {
    list(node, name).forEach(visitStmt);
  };

  const visitStmt = (stmt: GoNode): void => {
    const redirects = list(stmt, "Redirs");
    for (const redirect of redirects) {
      visitWord(child(redirect, "Word"));
      visitWord(child(redirect, "Hdoc"));
    }
    let cmd = child(stmt, "Cmd");
    while (cmd && kind(cmd) === "TimeClause") {
      const inner = child(cmd, "Stmt");
      cmd = inner ? child(inner, "Cmd") : null;
    }
    if (!cmd) return;
    let words: OracleWord[];
    let wordNodes: GoNode[];
    switch (kind(cmd)) {
      case "CallExpr":
        list(cmd, "Assigns").forEach(visitAssign);
        wordNodes = list(cmd, "Args");
        wordNodes.forEach(visitWord);
        words = wordNodes.map((w) => wordValue(script, w));
        break;
      case "DeclClause": {
        const variant = child(cmd, "Variant");
        const args = list(cmd, "Args");
        args.forEach(visitAssign);
        words = [{ value: variant ? script.slice(variant) : "", dynamic: false }, ...args.map((a) => assignWord(script, a))];
        wordNodes = variant ? [variant, ...args] : args;
        break;
      }
      case "BinaryCmd":
        for (const side of ["X", "Y"]) {
          const s = child(cmd, side);
          if (s) visitStmt(s);
        }
        return;
      case "Block":
      case "Subshell":
        visitStmts(cmd, "Stmts");
        return;
      case "IfClause":
        for (let clause: GoNode | null = cmd; clause; clause = child(clause, "Else")) {
          visitStmts(clause, "Cond");
          visitStmts(clause, "Then");
        }
        return;
      case "WhileClause":
        visitStmts(cmd, "Cond");
        visitStmts(cmd, "Do");
        return;
      case "ForClause": {
        const loop = child(cmd, "Loop");
        if (loop && kind(loop) === "WordIter") list(loop, "Items").forEach(visitWord);
        visitStmts(cmd, "Do");
        return;
      }
      case "CaseClause":
        visitWord(child(cmd, "Word"));
        for (const item of list(cmd, "Items")) {
          list(item, "Patterns").forEach(visitWord);
          visitStmts(item, "Stmts");
        }
        return;
      case "FuncDecl":
      case "CoprocClause": {
        const body = child(cmd, kind(cmd) === "FuncDecl" ? "Body" : "Stmt");
        if (body) visitStmt(body);
        return;
      }
      case "TestClause":
        visitExpr(child(cmd, "X"));
        return;
      default:
        // LetClause, ArithmCmd: no simple commands compared.
        return;
    }
    if (words.length === 0) return;
    out.push({ start: base(script.start(cmd)), words: words.map((w) => w.value) });

    if (depth > 4) return;
    const shell = shellInvocation(asSimpleCommand(words));
    const scriptWord = shell?.script;
    if (scriptWord && !scriptWord.dynamic) {
      const index = words.findIndex((w) => w.value === scriptWord.value && !w.dynamic);
      const node = wordNodes[index] ?? cmd;
      const from = script.start(node);
      const to = script.end(node);
      const nested = mvdanCommands(scriptWord.value, (offset) => base(Math.min(from + offset, Math.max(from, to - 1))), depth + 1);
      if (nested) out.push(...nested);
    }
    if (shell?.stdin) {
      for (const redirect of redirects) {
        const hdoc = child(redirect, "Hdoc");
        const fd = child(redirect, "N");
        if (!hdoc || (fd && script.slice(fd) !== "0")) continue;
        const delimiterWord = child(redirect, "Word");
        // mvdan's heredoc word runs up to the closing delimiter line, which is no command.
        const delimiter = delimiterWord ? wordValue(script, delimiterWord).value : "";
        const raw = script.slice(hdoc);
        const lastLine = raw.replace(/\n$/u, "").lastIndexOf("\n") + 1;
        const body = raw.slice(lastLine).trim() === delimiter ? raw.slice(0, lastLine) : raw;
        const bodyStart = script.start(hdoc);
        const nested = mvdanCommands(body, (offset) => base(bodyStart + offset), depth + 1);
        if (nested) out.push(...nested);
      }
    }
  };

  visitStmts(file, "Stmts");
  return out;
}

function oursOf(commands: readonly SimpleCommand[]): OracleCommand[] {
  return commands
    .filter((cmd) => cmd.words.length > 0 && cmd.words[0]?.raw !== "[[" && cmd.words[0]?.raw !== "let")
    .map((cmd) => {
      let words = cmd.words.map((w) => w.value);
      if (cmd.words[0]?.raw === "time") words = words.slice(words[1] === "-p" ? 2 : 1);
      return { start: cmd.start, words };
    })
    .filter((cmd) => cmd.words.length > 0);
}

function theirsOf(commands: OracleCommand[]): OracleCommand[] {
  return commands.filter((cmd) => cmd.words[0] !== "[[" && cmd.words[0] !== "let");
}

function sortByStart(commands: OracleCommand[]): string[][] {
  return commands
    .map((cmd, i) => ({ ...cmd, i }))
    .sort((a, b) => a.start - b.start || a.i - b.i)
    .map((cmd) => cmd.words);
}

// --- The run -----------------------------------------------------------------------

function runsOf(body: readonly InstructionNode[]): RunNode[] {
  const runs: RunNode[] = [];
  for (const node of body) {
    if (node.type === "Run") runs.push(node);
    else if (node.type === "Onbuild" && node.trigger?.type === "Run") runs.push(node.trigger);
  }
  return runs;
}

/** Both sides' commands for one RUN, or null when mvdan rejects its script. */
function compareRun(facts: DockerfileFacts, run: RunNode): { ours: string[][]; theirs: string[][] } | null {
  const shell = facts.shellOf(run);
  const theirs = mvdanCommands(shell.text, (offset) => offset);
  if (theirs === null) return null;
  // Both sides in source order: file offsets for lib/shell, script offsets for mvdan-sh.
  return { ours: sortByStart(oursOf(shell.commands)), theirs: sortByStart(theirsOf(theirs)) };
}

interface Disagreement {
  file: string;
  key: string;
  ours: string[][];
  theirs: string[][];
}

function firstDifference(ours: string[][], theirs: string[][]): string {
  for (let i = 0; i < Math.max(ours.length, theirs.length); i++) {
    const a = JSON.stringify(ours[i] ?? null);
    const b = JSON.stringify(theirs[i] ?? null);
    if (a !== b) return `command ${i + 1}: lib/shell ${a.slice(0, 200)}\n          mvdan-sh  ${b.slice(0, 200)}`;
  }
  return "(same)";
}

/** Shapes the corpus may lack, so the comparison itself is exercised without it. */
const INLINE: { name: string; text: string; commands: number }[] = [
  { name: "quotes and escapes", text: `RUN echo "a\\"b" 'c'\\''d' \\$HOME e\\ f "\\\\x" && printf '%s\\n' $'a\\tb'`, commands: 2 },
  { name: "expansions kept as written", text: 'RUN echo ${A:-"x y"} "$(ls "$D")" $((1 + $(nproc))) `uname -m` <(sort f)', commands: 5 },
  { name: "compound commands", text: "RUN if [ -f x ]; then rm x; elif true; then :; else exit 1; fi; for i in 1 2; do echo $i; done; case $A in a) echo a;; *) echo b;; esac; f() { echo f; }; ( cd /; ls ) | wc -l", commands: 12 },
  { name: "declarations, time, let and [[", text: "RUN export A=\"x y\" B && declare -a Z=(1 2) && time -p make && let x=1 && [[ -f x ]] && A=1 B=2 env", commands: 4 },
  { name: "sh -c, su -c and bash heredoc scripts", text: 'FROM a\nRUN sh -c "echo \\"hi\\" && ls" && su -c \'gem install x\' app && bash <<EOF\napt-get update\nEOF\n', commands: 7 },
  { name: "line continuations and heredoc script", text: "FROM a\nRUN set -eux; \\\n    apt-get update \\\n# a comment\n && apt-get install -y \\\n      curl\nRUN <<EOF\nset -e\nnpm ci\nEOF\n", commands: 5 },
];

const files = corpusFiles();

describe("shell oracle: lib/shell against mvdan-sh on the corpus", () => {
  for (const { name, text, commands } of INLINE) {
    it(`inline: ${name}`, () => {
      const { ast } = buildTree(text);
      const facts = new DockerfileFacts(ast, text);
      const results = runsOf(ast.body).map((run) => compareRun(facts, run));
      const ours = results.flatMap((r) => r?.ours ?? []);
      const theirs = results.flatMap((r) => r?.theirs ?? []);
      expect(results.every((r) => r !== null), "mvdan-sh rejects the script").toBe(true);
      expect(ours).toEqual(theirs);
      expect(ours.length).toBe(commands);
    });
  }

  it.skipIf(files.length === 0)(
    `same simple commands and words${files.length === 0 ? `: skipped, no corpus at ${CORPUS_DIR}` : ""}`,
    { timeout: 120_000 },
    () => {
      const disagreements: Disagreement[] = [];
      let runs = 0;
      let rejected = 0;
      const started = performance.now();
      for (const file of files) {
        const name = path.relative(CORPUS_DIR, file);
        const text = readFileSync(file, "utf8");
        const { ast } = buildTree(text);
        const facts = new DockerfileFacts(ast, text);
        for (const run of runsOf(ast.body)) {
          if (run.form === "exec") continue;
          if (!facts.shellOf(run).posix) continue;
          runs++;
          const result = compareRun(facts, run);
          if (!result) {
            rejected++;
            continue;
          }
          if (JSON.stringify(result.ours) !== JSON.stringify(result.theirs)) {
            disagreements.push({ file: name, key: `L${run.loc.start.line}`, ...result });
          }
        }
      }
      const accepted = new Set(ACCEPTED.map((entry) => `${entry.file} ${entry.key}`));
      const found = new Set(disagreements.map((d) => `${d.file} ${d.key}`));
      const fresh = disagreements.filter((d) => !accepted.has(`${d.file} ${d.key}`));
      const stale = ACCEPTED.filter((entry) => !found.has(`${entry.file} ${entry.key}`));
      console.log(`shell oracle: ${runs} RUNs compared, ${rejected} scripts mvdan-sh rejects, ${disagreements.length} disagreements (${ACCEPTED.length} accepted), ${((performance.now() - started) / 1000).toFixed(1)} s`);
      const report = fresh.map((d) => `${d.file} ${d.key}\n  ${firstDifference(d.ours, d.theirs)}`).join("\n");
      expect(fresh.length, `new disagreements:\n${report}`).toBe(0);
      expect(stale.map((entry) => `${entry.file} ${entry.key}`), "ACCEPTED entries that no longer disagree: remove them").toEqual([]);
    },
  );
});
