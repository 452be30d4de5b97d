/**
 * `cd` in a RUN (hadolint DL3003): the directory change lasts for that RUN
 * only, so readers track it through the script and the next RUN forgets it.
 * WORKDIR states the directory once, for every later instruction.
 *
 * Not reported: `cd` inside `$( … )` or backticks (`$(cd "$(dirname "$0")" &&
 * pwd)`) and inside a subshell `( cd dir && make )`, whose scope is explicit.
 */
import type { InstructionNode, RunNode } from "../lib/language/index.js";
import { keywordLike, lineAbove } from "../lib/fix/index.js";
import { docsUrl, runScriptStart } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import { outerInstruction, runMounts } from "../lib/fix/index.js";
import { commandName } from "../lib/shell/index.js";
import type { ShellWord, SimpleCommand } from "../lib/shell/index.js";
import { unquoteWord } from "../lib/text/index.js";

type MessageIds = "noCd" | "useWorkdir" | "dropCd";

/** Characters that make a `cd` target unsafe to move, as written, into a WORKDIR line. */
const UNSAFE_IN_WORKDIR = new Set([" ", "\t", "\r", "\n", '"', "'", "\\", "`", "*", "?", "[", "#"]);

function isBlank(ch: string): boolean {
  return ch === " " || ch === "\t";
}

function isBreak(ch: string): boolean {
  return ch === "\n" || ch === "\r";
}

/** Skips the escape character and the line break after it (a line continuation); returns the offset after it, or `i`. */
function skipContinuation(text: string, i: number, escapeChar: string): number {
  if (text.charAt(i) !== escapeChar) return i;
  let j = i + 1;
  while (j < text.length && isBlank(text.charAt(j))) j++;
  if (text.charAt(j) === "\r") j++;
  if (text.charAt(j) === "\n") return j + 1;
  return i;
}

/**
 * The offset where the command after `cd … &&` starts: blanks, line
 * continuations, line breaks and comments after the `&&` are skipped. Null
 * when `&&` does not follow or nothing comes after it.
 */
function nextCommandStart(text: string, from: number, end: number, escapeChar: string): number | null {
  let i = from;
  for (;;) {
    while (i < end && isBlank(text.charAt(i))) i++;
    const after = skipContinuation(text, i, escapeChar);
    if (after === i) break;
    i = after;
  }
  if (text.slice(i, i + 2) !== "&&") return null;
  i += 2;
  while (i < end) {
    const ch = text.charAt(i);
    if (isBlank(ch) || isBreak(ch)) {
      i++;
    } else if (ch === "#") {
      while (i < end && !isBreak(text.charAt(i))) i++;
    } else {
      const after = skipContinuation(text, i, escapeChar);
      if (after === i) break;
      i = after;
    }
  }
  return i < end ? i : null;
}

/** Only blanks, line breaks and continuations between `from` and `to`. */
function onlyLayout(text: string, from: number, to: number, escapeChar: string): boolean {
  let i = from;
  while (i < to) {
    const ch = text.charAt(i);
    if (isBlank(ch) || isBreak(ch)) {
      i++;
      continue;
    }
    const after = skipContinuation(text, i, escapeChar);
    if (after === i) return false;
    i = after;
  }
  return true;
}

function trimSlashes(path: string): string {
  let end = path.length;
  while (end > 1 && path.charAt(end - 1) === "/") end--;
  return path.slice(0, end);
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "suggestion",
    docs: {
      description: "Disallow `cd` in RUN commands; use WORKDIR",
      url: docsUrl("no-cd-in-run"),
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      noCd:
        "'cd' changes the directory for this RUN only, so readers must track it and the next RUN starts in the WORKDIR again; use WORKDIR.",
      useWorkdir: "Replace 'cd {{dir}} &&' with 'WORKDIR {{dir}}' above the RUN (later instructions then start in {{dir}} too).",
      dropCd: "Remove 'cd {{dir}} &&': the WORKDIR is already {{dir}}.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const { facts, text } = sourceCode;
    const escapeChar = facts.escapeChar;

    /** The text to write after WORKDIR for a `cd` target, and its value; null when it is not a known absolute path. */
    function workdirTarget(word: ShellWord, node: RunNode): { written: string; value: string } | null {
      let written: string;
      if (!word.dynamic) {
        written = word.value;
        if (written.includes("$")) return null;
      } else {
        written = word.raw.length >= 2 && word.raw.startsWith('"') && word.raw.endsWith('"') ? word.raw.slice(1, -1) : word.raw;
        if (written.includes("$(") || written.includes("$((")) return null;
      }
      if (written === "" || written.includes(escapeChar)) return null;
      for (const ch of written) if (UNSAFE_IN_WORKDIR.has(ch)) return null;
      const expansion = facts.expand(written, node);
      if (expansion.unresolved.length > 0 || !expansion.value.startsWith("/")) return null;
      return { written, value: expansion.value };
    }

    /** The stage's WORKDIR before `outer`, when it is a known absolute path. */
    function currentWorkdir(outer: InstructionNode): string | null {
      const found = facts.lastBefore(outer, "Workdir");
      if (!found?.argumentsRange) return null;
      const written = unquoteWord(text.slice(found.argumentsRange[0], found.argumentsRange[1]).trim(), escapeChar);
      const expansion = facts.expand(written, found);
      if (expansion.unresolved.length > 0 || !expansion.value.startsWith("/")) return null;
      return trimSlashes(expansion.value);
    }

    /** Where the script holding `cmd` starts: the heredoc body it is in, or the RUN's command text. */
    function scriptStartOf(node: RunNode, cmd: SimpleCommand): number {
      for (const heredoc of node.heredocs) {
        const range = heredoc.contentRange;
        if (range && cmd.start >= range[0] && cmd.start <= range[1]) return range[0];
      }
      return runScriptStart(node);
    }

    type Suggestions = NonNullable<Parameters<typeof context.report>[0]["suggest"]>;

    function suggestionsFor(node: RunNode, cmd: SimpleCommand, first: SimpleCommand | undefined): Suggestions {
      if (node.form !== "shell" || cmd !== first || cmd.context !== "top" || cmd.depth !== 0 || cmd.condition) return [];
      if (cmd.prev !== null || cmd.next !== "&&" || cmd.assignments.length > 0 || cmd.redirects.length > 0 || cmd.words.length !== 2) return [];
      const target = cmd.words[1];
      if (!target) return [];
      const dir = workdirTarget(target, node);
      if (!dir) return [];
      // A directory that only a mount of this RUN provides: WORKDIR would leave an empty one in the image.
      const wanted = trimSlashes(dir.value);
      if (runMounts(node, facts).some((mount) => mount.target !== null && (wanted === trimSlashes(mount.target) || wanted.startsWith(`${trimSlashes(mount.target)}/`)))) return [];
      if (!onlyLayout(text, scriptStartOf(node, cmd), cmd.start, escapeChar)) return [];
      const removeEnd = nextCommandStart(text, cmd.end, node.range[1], escapeChar);
      if (removeEnd === null) return [];
      const outer = outerInstruction(node, facts);
      const removal: [number, number] = [cmd.start, removeEnd];
      if (currentWorkdir(outer) === wanted) {
        return [{ messageId: "dropCd", data: { dir: dir.written }, fix: (fixer) => fixer.removeRange(removal) }];
      }
      const runKeyword = text.slice(node.keywordRange[0], node.keywordRange[1]);
      let line = `${keywordLike("WORKDIR", runKeyword)} ${dir.written}`;
      if (outer !== node) line = `${keywordLike("ONBUILD", text.slice(outer.keywordRange[0], outer.keywordRange[1]))} ${line}`;
      const insertion = lineAbove(text, outer.range[0], line);
      return [{
        messageId: "useWorkdir",
        data: { dir: dir.written },
        fix: (fixer) => [
          fixer.insertTextBeforeRange(insertion.range, insertion.text),
          fixer.removeRange(removal),
        ],
      }];
    }

    return {
      Run(node) {
        const shell = facts.shellOf(node);
        if (!shell.posix) return;
        const first = shell.commands[0];
        for (const cmd of shell.commands) {
          if (cmd.context === "substitution" || cmd.context === "subshell") continue;
          if (commandName(cmd) !== "cd") continue;
          const word = cmd.words[0];
          if (!word) continue;
          context.report({
            loc: sourceCode.positions.locOf([word.start, word.end]),
            messageId: "noCd",
            suggest: suggestionsFor(node, cmd, first),
          });
        }
      },
    };
  },
};

export default rule;
