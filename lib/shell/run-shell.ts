/**
 * The shell script(s) a RUN executes, parsed, with every offset mapped back
 * to the Dockerfile so rules can report and fix precise words.
 *
 * - shell form: the arguments with line continuations removed;
 * - `RUN <<EOF` alone: the heredoc body is the script (unless a `#!` line names another interpreter);
 * - a command with heredocs (`RUN cat <<EOF > f`): the command line plus the raw heredoc lines,
 *   which the shell reads as its own heredocs;
 * - exec form: one command of the JSON strings, or the script of `["sh", "-c", "…"]`.
 */
import type { ExecArgumentNode, RunNode } from "../language/index.js";
import { fileOffsetOf, joinContinuations, runScriptStart, unjoinedText } from "../language/index.js";
import type { MappedText } from "../language/index.js";
import { isShellCommand, parseShell } from "./index.js";
import type { ShellWord, SimpleCommand } from "./index.js";

export interface RunShell {
  /** False when the stage's shell is not a POSIX shell (PowerShell, cmd): `commands` is then empty. */
  posix: boolean;
  /** Every simple command, with all offsets (`start`, `end`, words, redirects, heredoc bodies) in file offsets. */
  commands: SimpleCommand[];
  /** The script text(s) the shell runs, joined with newlines, for searches such as `$NAME` uses. */
  text: string;
}

const EMPTY: RunShell = { posix: true, commands: [], text: "" };

/** The file offset just past a [start, end) span of the script: past its last character, so `end` stays exclusive. */
function fileEnd(mapped: MappedText, start: number, end: number): number {
  return end > start ? fileOffsetOf(mapped, end - 1) + 1 : fileOffsetOf(mapped, start);
}

/** Moves a command's, word's or redirect's [start, end) from the script to the file. */
function moveSpan(mapped: MappedText, span: { start: number; end: number }): void {
  const { start, end } = span;
  span.start = fileOffsetOf(mapped, start);
  span.end = fileEnd(mapped, start, end);
}

/**
 * Moves a command's offsets from its script to the file, in place: the parse
 * is this RUN's own and nothing else holds it, and each of its words,
 * redirects and heredocs belongs to one command only.
 */
function moveToFile(mapped: MappedText, command: SimpleCommand): SimpleCommand {
  moveSpan(mapped, command);
  for (const word of command.words) moveSpan(mapped, word);
  for (const word of command.assignments) moveSpan(mapped, word);
  for (const redirect of command.redirects) {
    moveSpan(mapped, redirect);
    if (redirect.target) moveSpan(mapped, redirect.target);
    const heredoc = redirect.heredoc;
    if (heredoc) {
      const { bodyStart, bodyEnd } = heredoc;
      heredoc.bodyStart = fileOffsetOf(mapped, bodyStart);
      heredoc.bodyEnd = fileEnd(mapped, bodyStart, bodyEnd);
    }
  }
  return command;
}

function concat(first: MappedText, second: MappedText): MappedText {
  return {
    text: first.text + second.text,
    offsets: [...first.offsets.slice(0, first.text.length), ...second.offsets],
  };
}

/** A `#!` line naming something other than a POSIX shell: the body is not shell. */
function runsOtherInterpreter(body: string): boolean {
  if (!body.startsWith("#!")) return false;
  const line = body.slice(2, body.search(/\r?\n|$/u)).trim();
  const parts = line.split(/\s+/u);
  const program = parts[0]?.endsWith("/env") ? parts.find((part, i) => i > 0 && !part.startsWith("-")) : parts[0];
  return !isShellCommand((program ?? "").split("/").pop() ?? "");
}

/** The script of an exec-form `["sh", "-c", "…"]`, mapped to the JSON string it came from; null for other programs. */
export function execShellScript(exec: readonly ExecArgumentNode[], source: string): MappedText | null {
  const program = (exec[0]?.value ?? "").split("/").pop() ?? "";
  // `-c`, `-ec`, `-xc`; not a long option such as `--norc`.
  const dashC = exec.findIndex((arg, i) => i > 0 && /^-[abd-zA-Z]*c[a-zA-Z]*$/u.test(arg.value));
  // The script is the first word after `-c` that is not an option (`bash -c -l 'script'`).
  let at = dashC > 0 ? dashC + 1 : exec.length;
  for (; at < exec.length; at++) {
    const value = exec[at]?.value ?? "";
    if (value === "--") {
      at++;
      break;
    }
    if (!value.startsWith("-")) break;
  }
  const script = exec[at];
  if (!isShellCommand(program) || !script) return null;
  const raw = source.slice(script.range[0] + 1, script.range[1] - 1);
  // Without escapes in the JSON string each character maps one to one.
  return raw === script.value ? unjoinedText(script.value, script.range[0] + 1) : { text: script.value, offsets: new Array<number>(script.value.length + 1).fill(script.range[0]) };
}

/**
 * The script texts a RUN hands to its shell, each mapped to the file: the
 * shell-form line, the body of a lone `RUN <<EOF` (and of later heredocs, when
 * they are shell), or the `-c` script of an exec-form shell.
 */
export function runScripts(node: RunNode, source: string, escapeChar: string): MappedText[] {
  if (node.form === "exec") {
    const script = execShellScript(node.exec ?? [], source);
    return script ? [script] : [];
  }
  const start = runScriptStart(node);
  const end = node.range[1];
  if (node.heredocs.length === 0) return [joinContinuations(source, start, end, escapeChar)];

  const first = node.heredocs[0];
  const lineEnd = first?.contentRange ? source.lastIndexOf("\n", first.contentRange[0] - 1) : -1;
  const commandEnd = lineEnd > start ? (source[lineEnd - 1] === "\r" ? lineEnd - 1 : lineEnd) : end;
  const commandLine = joinContinuations(source, start, commandEnd, escapeChar);
  const marker = commandLine.text.trim();
  if (first && /^<<-?(["']?)[\w.-]+\1$/u.test(marker)) {
    // `RUN <<EOF`: the body is the script; later heredocs are separate scripts too.
    return node.heredocs
      .filter((heredoc) => heredoc.contentRange && !runsOtherInterpreter(heredoc.content))
      .map((heredoc) => unjoinedText(heredoc.content, heredoc.contentRange?.[0] ?? 0));
  }
  return [concat(commandLine, unjoinedText(source.slice(commandEnd, end), commandEnd))];
}

function execCommand(node: RunNode): SimpleCommand[] {
  const exec = node.exec ?? [];
  if (exec.length === 0) return [];
  const words: ShellWord[] = exec.map((arg) => ({
    start: arg.range[0],
    end: arg.range[1],
    raw: JSON.stringify(arg.value),
    value: arg.value,
    quoted: true,
    dynamic: false,
  }));
  return [{
    words,
    assignments: [],
    redirects: [],
    start: node.exec?.[0]?.range[0] ?? node.range[0],
    end: node.exec?.at(-1)?.range[1] ?? node.range[1],
    next: null,
    prev: null,
    context: "top",
    depth: 0,
    condition: false,
  }];
}

export function analyseRun(node: RunNode, source: string, escapeChar: string, posix: boolean): RunShell {
  if (!posix) return { ...EMPTY, posix: false };
  const scripts = runScripts(node, source, escapeChar);
  if (node.form === "exec" && scripts.length === 0) {
    return { posix, commands: execCommand(node), text: (node.exec ?? []).map((arg) => arg.value).join(" ") };
  }
  const commands: SimpleCommand[] = [];
  for (const script of scripts) {
    for (const command of parseShell(script.text).commands) commands.push(moveToFile(script, command));
  }
  return { posix, commands, text: scripts.map((script) => script.text).join("\n") };
}
