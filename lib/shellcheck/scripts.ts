/**
 * The shell scripts of a Dockerfile as ShellCheck should see them: which
 * text, in which dialect, with which variables declared, mapped back to the
 * file. PowerShell and cmd stages, exec-form commands that are not a shell,
 * and shells ShellCheck does not know (zsh, fish) are left out.
 */
import { joinContinuations, runScriptStart } from "../language/index.js";
import type { CommentNode, DockerfileNode, HeredocNode, InstructionNode, MappedText, RunNode } from "../language/index.js";
import type { DockerfileFacts } from "../facts/index.js";
import { execShellScript, runScripts } from "../shell/index.js";
import { PREDEFINED_ARGS } from "../facts/index.js";
import { FROM_PREDEFINED_ARGS } from "../variables/index.js";

/** The dialects ShellCheck 0.7–0.9 knows. */
export type Dialect = "sh" | "bash" | "dash" | "ksh";

const DIALECTS = new Map<string, Dialect>([
  ["sh", "sh"],
  ["ash", "sh"],
  ["busybox", "sh"],
  ["bash", "bash"],
  ["dash", "dash"],
  ["ksh", "ksh"],
  ["ksh93", "ksh"],
  ["mksh", "ksh"],
  ["pdksh", "ksh"],
]);

export interface DisabledAfter {
  /** File offset of the comment line's end. */
  at: number;
  /** SC codes, or `all`. */
  codes: string[];
}

export interface Script {
  /** The instruction that runs it: a RUN (or ONBUILD's RUN), or a shell-form CMD, ENTRYPOINT or HEALTHCHECK CMD. */
  node: InstructionNode;
  /** The text the shell runs; `offsets[i]` is the file offset of `text[i]`. */
  mapped: MappedText;
  dialect: Dialect;
  /** Variables the shell has when it runs: ARG and ENV names in scope, for SC2154. */
  names: string[];
  /** Codes turned off for this instruction by `# shellcheck disable=` lines right above it. */
  disabled: string[];
  /**
   * `# shellcheck disable=` lines inside the instruction's continuation: BuildKit drops
   * them from the script, so the rule drops their codes from the findings after them.
   */
  disabledAfter: DisabledAfter[];
  /** The text sits in a JSON string (exec form): an edit must be escaped for JSON. */
  json: boolean;
  /** File ranges where an edit may contain a line break (heredoc bodies). */
  multiline: [number, number][];
}

/** `/usr/bin/env bash -e` → bash; `/bin/ash` → sh; null for a program ShellCheck cannot check. */
export function dialectOf(program: string): Dialect | null {
  const name = (program.split(/[\\/]/u).pop() ?? "").toLowerCase().replace(/\.exe$/u, "");
  return DIALECTS.get(name) ?? null;
}

/** The dialect a `#!` line names, or undefined when the text has no `#!` line. */
function shebangDialect(text: string): Dialect | null | undefined {
  if (!text.startsWith("#!")) return undefined;
  const end = text.indexOf("\n");
  const words = text.slice(2, end < 0 ? text.length : end).trim().split(/\s+/u);
  const program = words[0]?.endsWith("/env") ? words.find((word, i) => i > 0 && !word.startsWith("-")) : words[0];
  return dialectOf(program ?? "");
}

/** Blanks a leading `#!` line (ShellCheck's dialect comes from the header), keeping every offset. */
function withoutShebang(mapped: MappedText): MappedText {
  if (!mapped.text.startsWith("#!")) return mapped;
  const end = mapped.text.indexOf("\n");
  const stop = end < 0 ? mapped.text.length : end;
  return { text: " ".repeat(stop) + mapped.text.slice(stop), offsets: mapped.offsets };
}

/** Drops the `\r` of `\r\n` line ends: the shell of a Linux build would choke on them, but that is not what the user means. */
function withoutCarriageReturns(mapped: MappedText): MappedText {
  if (!mapped.text.includes("\r")) return mapped;
  let text = "";
  const offsets: number[] = [];
  for (let i = 0; i < mapped.text.length; i++) {
    if (mapped.text[i] === "\r" && mapped.text[i + 1] === "\n") continue;
    text += mapped.text.charAt(i);
    offsets.push(mapped.offsets[i] ?? 0);
  }
  offsets.push(mapped.offsets[mapped.text.length] ?? 0);
  return { text, offsets };
}

function identity(text: string, start: number): MappedText {
  const offsets = new Array<number>(text.length + 1);
  for (let i = 0; i <= text.length; i++) offsets[i] = start + i;
  return { text, offsets };
}

const HEREDOC_MARKER = /^<<-?(["']?)[\w.-]+\1$/u;

/**
 * `RUN bash <<EOF`, `RUN <<EOF bash -e`: one heredoc fed to a shell's standard
 * input, whose body is then that shell's script. Returns null for other shapes.
 */
function stdinShellHeredoc(node: RunNode, source: string, escapeChar: string): { heredoc: HeredocNode; dialect: Dialect } | null {
  const heredoc = node.heredocs.length === 1 ? node.heredocs[0] : undefined;
  if (!heredoc?.contentRange) return null;
  const start = runScriptStart(node);
  const lineEnd = source.lastIndexOf("\n", heredoc.contentRange[0] - 1);
  if (lineEnd <= start) return null;
  const words = joinContinuations(source, start, lineEnd, escapeChar).text.trim().split(/\s+/u);
  const markers = words.filter((word) => HEREDOC_MARKER.test(word));
  if (markers.length !== 1) return null;
  const [program, ...options] = words.filter((word) => !HEREDOC_MARKER.test(word));
  const dialect = dialectOf(program ?? "");
  if (!dialect) return null;
  // Options only (`-e`, `-eux`, `-o pipefail`); `-c` or a script file means the body is not the script.
  for (let i = 0; i < options.length; i++) {
    const option = options[i] ?? "";
    if (option === "-o" || option === "+o") i++;
    else if (!/^[-+][abd-zA-Z]+$/u.test(option)) return null;
  }
  return { heredoc, dialect };
}

const DIRECTIVE = /^\s*shellcheck\s(.*)$/u;
const DISABLE = /(?:^|\s)disable=(\S+)/u;

/** The SC codes a `# shellcheck disable=SC2086,SC2046` comment turns off (`all` too). */
export function disabledCodesOf(comment: string): string[] {
  const directive = DIRECTIVE.exec(comment)?.[1];
  const list = directive ? DISABLE.exec(directive)?.[1] : undefined;
  if (!list) return [];
  const codes: string[] = [];
  for (const item of list.split(",")) {
    const code = /^(?:SC)?(\d{4})$/iu.exec(item)?.[1];
    if (code) codes.push(`SC${code}`);
    else if (item.toLowerCase() === "all") codes.push("all");
  }
  return codes;
}

/**
 * The codes disabled by the block of comment lines right above each
 * instruction, and by the comment lines inside its continuation.
 */
function disabledFinder(ast: DockerfileNode): { above(node: InstructionNode): string[]; inside(node: InstructionNode): DisabledAfter[] } {
  const byLine = new Map<number, CommentNode>();
  for (const comment of ast.comments) byLine.set(comment.loc.start.line, comment);
  return {
    above(node) {
      const codes: string[] = [];
      for (let line = node.loc.start.line - 1, seen = 0; seen < 1000; line--, seen++) {
        const comment = byLine.get(line);
        if (!comment) break;
        codes.push(...disabledCodesOf(comment.value));
      }
      return codes;
    },
    inside(node) {
      const found: DisabledAfter[] = [];
      // Each line of the file belongs to one instruction, so this walks every line at most once per file.
      for (let line = node.loc.start.line + 1; line <= node.loc.end.line; line++) {
        const comment = byLine.get(line);
        if (!comment || comment.range[0] < node.range[0] || comment.range[1] > node.range[1]) continue;
        const codes = disabledCodesOf(comment.value);
        if (codes.length > 0) found.push({ at: comment.range[1], codes });
      }
      return found;
    },
  };
}

const NAME = /^[A-Za-z_]\w*$/u;

/** Every script of the file that ShellCheck can check, in file order. */
export function collectScripts(facts: DockerfileFacts): Script[] {
  const { ast, text: source } = facts;
  const escapeChar = ast.escapeChar;
  const disabled = disabledFinder(ast);
  const scripts: Script[] = [];

  function namesAt(node: InstructionNode, runtime: boolean): string[] {
    const names: string[] = [];
    for (const [name, kind] of facts.declaredNamesAt(node)) {
      // At run time (CMD, ENTRYPOINT, HEALTHCHECK) only ENV is set; build ARGs are gone.
      if (NAME.test(name) && (!runtime || kind === "env")) names.push(name);
    }
    if (!runtime) names.push(...new Set([...PREDEFINED_ARGS, ...FROM_PREDEFINED_ARGS]));
    return names;
  }

  function add(node: InstructionNode, mapped: MappedText, dialect: Dialect, options: { json?: boolean; multiline?: [number, number][]; runtime?: boolean } = {}): void {
    const script = withoutCarriageReturns(withoutShebang(mapped));
    scripts.push({
      node,
      mapped: script,
      dialect,
      // Only names the script mentions: an unused one would only feed ShellCheck's "did you mean" (SC2153).
      names: namesAt(node, options.runtime ?? false).filter((name) => script.text.includes(name)),
      disabled: disabled.above(node),
      disabledAfter: disabled.inside(node),
      json: options.json ?? false,
      multiline: options.multiline ?? [],
    });
  }

  function visit(node: InstructionNode, reportOn: InstructionNode): void {
    if (node.type !== "Run" && node.type !== "Cmd" && node.type !== "Entrypoint" && node.type !== "Healthcheck") return;
    if (node.malformedExec || !facts.isPosixShellAt(reportOn)) return;
    const shellProgram = facts.shellInstructionAt(reportOn)?.exec?.[0]?.value;
    const stageDialect = shellProgram === undefined ? "sh" : dialectOf(shellProgram);
    const runtime = node.type !== "Run";

    if (node.form === "exec") {
      const exec = node.exec ?? [];
      const mapped = execShellScript(exec, source);
      const dialect = dialectOf(exec[0]?.value ?? "");
      if (mapped && dialect) add(node, mapped, dialect, { json: true, runtime });
      return;
    }
    if (!stageDialect) return;
    if (node.type === "Run") {
      const stdin = stdinShellHeredoc(node, source, escapeChar);
      if (stdin?.heredoc.contentRange) {
        const range = stdin.heredoc.contentRange;
        add(node, identity(stdin.heredoc.content, range[0]), stdin.dialect, { multiline: [range] });
        return;
      }
      const multiline = node.heredocs.flatMap((heredoc) => (heredoc.contentRange ? [heredoc.contentRange] : []));
      for (const mapped of runScripts(node, source, escapeChar)) {
        const dialect = shebangDialect(mapped.text);
        if (dialect === null) continue;
        add(node, mapped, dialect ?? stageDialect, { multiline });
      }
      return;
    }
    const first = node.type === "Healthcheck" ? node.arguments[1] : node.arguments[0];
    if (node.type === "Healthcheck" && node.subcommand?.value.toUpperCase() !== "CMD") return;
    if (!first) return;
    add(node, joinContinuations(source, first.range[0], node.range[1], escapeChar), stageDialect, { runtime: true });
  }

  for (const node of ast.body) {
    if (node.type === "Onbuild") {
      if (node.trigger) visit(node.trigger, node.trigger);
    } else {
      visit(node, node);
    }
  }
  return scripts;
}
