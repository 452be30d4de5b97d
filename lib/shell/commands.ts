/**
 * Helpers rules share to read simple commands: the command's name, wrappers
 * such as `sudo` that run another command, shell invocations and a small
 * getopt-like argument splitter.
 */
import { assignmentPrefix } from "./chars.js";
import type { ShellWord, SimpleCommand } from "./types.js";

function basename(value: string): string | null {
  const name = value.slice(value.lastIndexOf("/") + 1);
  return name === "" ? null : name;
}

/**
 * The command's name: the basename of its first word (`/usr/bin/apt-get` is
 * `apt-get`). Null when the command has no words or its first word is
 * dynamic (`$CC -o x`), since the name is then unknown.
 */
export function commandName(cmd: SimpleCommand): string | null {
  const first = cmd.words[0];
  if (!first || first.dynamic) return null;
  return basename(first.value);
}

export interface UnwrappedCommand {
  /** Basename of the wrapped command, null when unknown (dynamic) or absent (`sudo -v`, `exec >log`). */
  readonly name: string | null;
  /** The words after the wrapped command's name. */
  readonly args: readonly ShellWord[];
  /** The command-name words of the wrappers that were skipped (`sudo`, `env`, …), in order. */
  readonly wrappers: readonly ShellWord[];
}

/**
 * Skips leading options of a wrapper from `i`; returns the index of the first
 * operand. `shortValued` lists the short option letters that take a value,
 * `longValued` the long options that take one when it is not joined by `=`.
 */
function skipOptions(words: readonly ShellWord[], i: number, shortValued: string, longValued: readonly string[]): number {
  while (i < words.length) {
    const word = words[i];
    if (!word || word.dynamic) return i;
    const v = word.value;
    if (v === "--") return i + 1;
    if (v.startsWith("--")) {
      i++;
      if (!v.includes("=") && longValued.includes(v)) i++;
      continue;
    }
    if (v.length < 2 || !v.startsWith("-")) return i;
    i++;
    for (let k = 1; k < v.length; k++) {
      if (shortValued.includes(v.charAt(k))) {
        // `-u user` takes the next word; `-uuser` carries its value.
        if (k === v.length - 1) i++;
        break;
      }
    }
  }
  return i;
}

function skipAssignments(words: readonly ShellWord[], i: number): number {
  while (i < words.length) {
    const word = words[i];
    if (!word || assignmentPrefix(word.raw) === 0) break;
    i++;
  }
  return i;
}

/** Whether an option cluster such as `-pv` contains one of `letters`. */
function hasShortOption(words: readonly ShellWord[], from: number, to: number, letters: string): boolean {
  for (let i = from; i < to; i++) {
    const v = words[i]?.value ?? "";
    if (v.startsWith("-") && !v.startsWith("--")) {
      for (let k = 1; k < v.length; k++) if (letters.includes(v.charAt(k))) return true;
    }
  }
  return false;
}

/** Index of the wrapped command's name after the wrapper at `i`, or -1 when `name` is not a wrapper. */
function skipWrapper(name: string, words: readonly ShellWord[], i: number): number {
  switch (name) {
    case "sudo":
      return skipAssignments(words, skipOptions(words, i, "ugpCDrtUTR", ["--user", "--group", "--prompt", "--close-from", "--chdir", "--role", "--type", "--other-user", "--command-timeout", "--chroot", "--host"]));
    case "env": {
      let j = i;
      // `env -` is `env -i`.
      while (words[j]?.value === "-" && !words[j]?.dynamic) j++;
      j = skipOptions(words, j, "uCS", ["--unset", "--chdir", "--split-string"]);
      return skipAssignments(words, j);
    }
    case "command": {
      const j = skipOptions(words, i, "", []);
      // `command -v x` looks `x` up; it does not run it.
      return hasShortOption(words, i, j, "vV") ? -1 : j;
    }
    case "exec":
      return skipOptions(words, i, "a", []);
    case "nice":
      return skipOptions(words, i, "n", ["--adjustment"]);
    case "nohup":
      return skipOptions(words, i, "", []);
    case "time":
      return skipOptions(words, i, "fo", ["--format", "--output"]);
    case "timeout": {
      const j = skipOptions(words, i, "sk", ["--signal", "--kill-after"]);
      // The duration comes before the command.
      return j < words.length ? j + 1 : j;
    }
    case "stdbuf":
      return skipOptions(words, i, "ioe", ["--input", "--output", "--error"]);
    default:
      return -1;
  }
}

/**
 * Skips wrappers that run another command with the following words: `sudo`,
 * `env`, `command` (not `command -v`), `exec`, `nice`, `nohup`, `time`,
 * `timeout` and `stdbuf`, with their options (`sudo -u user -E --`,
 * `env -i A=1`, `timeout -s KILL 10`). `xargs` is not a wrapper: its command
 * gets other arguments.
 */
export function unwrapCommand(cmd: SimpleCommand): UnwrappedCommand {
  return unwrapOnce(cmd);
}

/**
 * A reader of commands that reads each command once and hands every later
 * caller the same result, which is why readers return read-only values. Rules
 * ask the same questions of every command of every RUN (and of a parent
 * stage's RUNs again), and a command does not change once parsed.
 */
export function oncePerCommand<T>(read: (cmd: SimpleCommand) => T): (cmd: SimpleCommand) => T {
  const slot = readers++;
  return (cmd) => {
    const memo = memoOf(cmd);
    // A reader that returns undefined reads again: readers return null or a value.
    let result = memo[slot] as T | undefined;
    if (result === undefined) {
      result = read(cmd);
      memo[slot] = result;
    }
    return result;
  };
}

/**
 * Each command keeps its readers' results in a slot per reader, on the command
 * itself: a WeakMap per reader cost more than the readers it saved (lookups on
 * every call, and ephemeron tables the collector must walk).
 */
const MEMO = Symbol("read once");
let readers = 0;

function memoOf(cmd: SimpleCommand): unknown[] {
  const own = (cmd as { [MEMO]?: unknown[] })[MEMO];
  if (own !== undefined) return own;
  const memo: unknown[] = [];
  // Not enumerable, so that a command copied with a spread (remapped offsets) starts empty.
  Object.defineProperty(cmd, MEMO, { value: memo });
  return memo;
}

const unwrapOnce = oncePerCommand((cmd) => unwrap(cmd.words));

function unwrap(words: readonly ShellWord[]): UnwrappedCommand {
  const wrappers: ShellWord[] = [];
  let i = 0;
  for (;;) {
    const word = words[i];
    if (!word) return { name: null, args: [], wrappers };
    const name = word.dynamic ? null : basename(word.value);
    if (name === null) return { name: null, args: words.slice(i + 1), wrappers };
    const next = skipWrapper(name, words, i + 1);
    if (next < 0) return { name, args: words.slice(i + 1), wrappers };
    wrappers.push(word);
    i = next;
  }
}

const SHELLS = new Set(["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox sh"]);

const WRAPPERS = new Set(["sudo", "env", "command", "exec", "nice", "nohup", "time", "timeout", "stdbuf"]);

/** A cheap test before `shellInvocation`: whether the command is named as a shell, a wrapper or busybox. */
export function mayRunShell(cmd: SimpleCommand): boolean {
  const name = commandName(cmd);
  return name !== null && (SHELLS.has(name) || WRAPPERS.has(name) || name === "busybox" || name === "su" || name === "runuser");
}

/** True for the names of POSIX-like shells: sh, bash, ash, dash, zsh, ksh, mksh (and "busybox sh"). */
export function isShellCommand(name: string | null): boolean {
  return name !== null && SHELLS.has(name);
}

export interface ShellInvocation {
  /** The `-c` script argument, null when the shell reads its script from elsewhere. */
  script: ShellWord | null;
  /** True when the shell reads its script from standard input (no `-c`, no script file, or `-s`). */
  stdin: boolean;
}

/** `su [options] [user] -c 'script'`: su hands the script to the user's shell. */
function suInvocation(args: readonly ShellWord[]): ShellInvocation {
  for (let i = 0; i < args.length; i++) {
    const v = args[i]?.value ?? "";
    if (v === "--command" || (v.startsWith("-") && !v.startsWith("--") && v.endsWith("c"))) {
      return { script: args[i + 1] ?? null, stdin: false };
    }
    // Options with a value: the shell, groups, session command.
    if (v === "-s" || v === "-g" || v === "-G" || v === "--shell" || v === "--group" || v === "--supp-group") i++;
  }
  return { script: null, stdin: false };
}

/**
 * How a command runs a shell: `bash -ex -c 'script'`, `sh -o pipefail -c …`,
 * `sudo bash -lc …`, `busybox sh -c …`, `su app -c …`, or `bash` / `sh -s`
 * reading standard input. Null when the command is not a shell.
 */
export function shellInvocation(cmd: SimpleCommand): ShellInvocation | null {
  let { name, args } = unwrapCommand(cmd);
  if (name === "su" || name === "runuser") return suInvocation(args);
  if (name === "busybox") {
    const applet = args[0];
    if (!applet || applet.dynamic) return null;
    name = basename(applet.value);
    args = args.slice(1);
  }
  if (!isShellCommand(name)) return null;
  let dashC = false;
  let dashS = false;
  let i = 0;
  while (i < args.length) {
    const word = args[i];
    if (!word || word.dynamic) break;
    const v = word.value;
    if (v === "--" || v === "-") {
      i++;
      break;
    }
    if (v.startsWith("--")) {
      i += v === "--rcfile" || v === "--init-file" ? 2 : 1;
      continue;
    }
    if (v.length < 2 || (!v.startsWith("-") && !v.startsWith("+"))) break;
    i++;
    for (let k = 1; k < v.length; k++) {
      const ch = v.charAt(k);
      if (ch === "c" && v.startsWith("-")) dashC = true;
      else if (ch === "s") dashS = true;
      // `-o pipefail`, `+o posix`, `-O extglob` take the next word.
      else if (ch === "o" || ch === "O") i++;
    }
  }
  if (dashC) return { script: args[i] ?? null, stdin: false };
  return { script: null, stdin: dashS || i >= args.length };
}

export interface ArgSpec {
  /** Options that take a value, short (`-t`) or long (`--target-release`). */
  withValue?: readonly string[];
  /**
   * Go's flag package: every option is one name after one or two dashes
   * (`-ldflags`, `--tags=netgo`, both reported as `-name`), never a cluster,
   * and a word whose value is only known at build time is an argument.
   */
  singleDashLong?: boolean;
}

export interface ParsedOption {
  /** `-y`, `--no-install-recommends`: a short option of a cluster is reported alone (`-yq` gives `-y` and `-q`). */
  name: string;
  /** The option's value (`--opt=value`, `--opt value`, `-tvalue`, `-t value`), null for a flag. */
  value: ShellWord | null;
  /** The word the option was written in. */
  word: ShellWord;
}

export interface ParsedArgs {
  positionals: ShellWord[];
  options: ParsedOption[];
}

/**
 * The part of `word` after its first `length` value characters, as a word of
 * its own. Offsets are exact when that prefix is written literally (the usual
 * `--opt=value`); otherwise the whole word's range is kept.
 */
function suffixWord(word: ShellWord, length: number): ShellWord {
  const value = word.value.slice(length);
  if (word.raw.startsWith(word.value.slice(0, length))) {
    const raw = word.raw.slice(length);
    let quoted = false;
    for (let k = 0; k < raw.length && !quoted; k++) quoted = raw[k] === "'" || raw[k] === '"' || raw[k] === "\\";
    return { start: word.start + length, end: word.end, raw, value, quoted, dynamic: word.dynamic };
  }
  return { ...word, value };
}

/**
 * Splits arguments into options and positionals, getopt-style: `--opt=value`,
 * `--opt value` and `-t value` / `-tvalue` for options listed in
 * `spec.withValue`, clusters of short flags (`-yq`), and `--` ending the
 * options. A lone `-` is a positional (standard input, by convention).
 */
export function parseArgs(args: readonly ShellWord[], spec: ArgSpec = {}): ParsedArgs {
  const withValue = spec.withValue ?? [];
  const positionals: ShellWord[] = [];
  const options: ParsedOption[] = [];
  let endOfOptions = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (!word) continue;
    const v = word.value;
    if (endOfOptions || v.length < 2 || !v.startsWith("-") || (spec.singleDashLong && word.dynamic)) {
      positionals.push(word);
      continue;
    }
    if (v === "--") {
      endOfOptions = true;
      continue;
    }
    if (spec.singleDashLong || v.startsWith("--")) {
      const eq = v.indexOf("=");
      const written = eq >= 0 ? v.slice(0, eq) : v;
      // Go names `-tags` and `--tags` alike.
      const name = spec.singleDashLong ? `-${written.slice(written.startsWith("--") ? 2 : 1)}` : written;
      if (eq >= 0) {
        options.push({ name, value: suffixWord(word, eq + 1), word });
      } else if (withValue.includes(name)) {
        const value = args[i + 1] ?? null;
        if (value) i++;
        options.push({ name, value, word });
      } else {
        options.push({ name, value: null, word });
      }
      continue;
    }
    for (let k = 1; k < v.length; k++) {
      const name = "-" + v.charAt(k);
      if (!withValue.includes(name)) {
        options.push({ name, value: null, word });
        continue;
      }
      let value: ShellWord | null;
      if (k < v.length - 1) {
        value = suffixWord(word, k + 1);
      } else {
        value = args[i + 1] ?? null;
        if (value) i++;
      }
      options.push({ name, value, word });
      break;
    }
  }
  return { positionals, options };
}
