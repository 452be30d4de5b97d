/**
 * `apt-get update` (or `apt update`, `apk update`) in a RUN that installs
 * nothing with the same tool afterwards: Docker caches that layer by its
 * text, so the package lists stay as old as the first build.
 */
import { joinContinuations, runScriptStart } from "../lib/language/index.js";
import type { InstructionNode, RunNode } from "../lib/language/index.js";
import { packageIndexUseOf } from "../lib/packages/index.js";
import type { IndexFamily, PackageIndexUse } from "../lib/packages/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import { shellInvocation, unwrapCommand } from "../lib/shell/index.js";
import type { SimpleCommand } from "../lib/shell/index.js";

type MessageIds = "updateWithoutInstall";

const INSTALL_HINT: Record<IndexFamily, string> = {
  apt: "apt-get update && apt-get install -y …",
  apk: "apk add --no-cache … (which fetches a fresh index itself)",
};

interface Analysis {
  uses: PackageIndexUse[];
  commands: SimpleCommand[];
}

/** A command that runs a script file or standard input through a shell: `bash setup.sh`, `./install.sh`, `. env.sh`, `curl … | sh`. */
function runsScript(cmd: SimpleCommand): boolean {
  const invocation = shellInvocation(cmd);
  if (invocation) return invocation.script === null;
  const name = unwrapCommand(cmd).name;
  return name !== null && (name === "." || name === "source" || name.endsWith(".sh"));
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Require a package index update to run in the same RUN as the install that reads it",
      url: docsUrl("apt-update-with-install"),
    },
    fixable: "code",
    schema: [],
    messages: {
      updateWithoutInstall:
        "'{{command}}' runs in a RUN that installs nothing with {{tool}} after it, so later installs read the cached, stale package index.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const { facts, text } = sourceCode;
    const escapeChar = sourceCode.ast.escapeChar;
    const eol = text.includes("\r\n") ? "\r\n" : "\n";
    const analyses = new WeakMap<RunNode, Analysis>();
    let fileContinuation: { indent: string; leading: boolean } | null | undefined;

    function analyse(node: RunNode): Analysis {
      let analysis = analyses.get(node);
      if (!analysis) {
        const commands = facts.shellOf(node).commands;
        const uses: PackageIndexUse[] = [];
        for (const cmd of commands) {
          const use = packageIndexUseOf(cmd);
          if (use) uses.push(use);
        }
        analysis = { uses, commands };
        analyses.set(node, analysis);
      }
      return analysis;
    }

    /** The RUN that follows `node` in its stage, when it is the very next instruction (triggers follow triggers). */
    function nextRun(node: RunNode): { run: RunNode; outer: InstructionNode } | null {
      const stage = facts.stageOf(node);
      if (!stage) return null;
      const list = stage.instructions;
      const index = list.findIndex((item) => item === node || (item.type === "Onbuild" && item.trigger === node));
      const current = list[index];
      const next = list[index + 1];
      if (!current || !next) return null;
      if (current.type === "Onbuild") {
        return next.type === "Onbuild" && next.trigger?.type === "Run" ? { run: next.trigger, outer: next } : null;
      }
      return next.type === "Run" ? { run: next, outer: next } : null;
    }

    function flagsText(node: RunNode): string {
      return node.flags.map((flag) => text.slice(flag.range[0], flag.range[1])).sort().join(" ");
    }

    /** How continuation lines look: in this RUN if it has some, else in the file; four spaces by default. */
    function continuationStyle(node: RunNode): { indent: string; leading: boolean } {
      const own = continuationIn(node.range[0], node.range[1]);
      if (own) return own;
      if (fileContinuation === undefined) {
        fileContinuation = null;
        for (const instruction of sourceCode.ast.body) {
          fileContinuation = continuationIn(instruction.range[0], instruction.range[1]);
          if (fileContinuation) break;
        }
      }
      return fileContinuation ?? { indent: "    ", leading: false };
    }

    function continuationIn(start: number, end: number): { indent: string; leading: boolean } | null {
      const pattern = escapeChar === "`" ? /`[ \t]*\r?\n([ \t]*)(&&)?/u : /\\[ \t]*\r?\n([ \t]*)(&&)?/u;
      const found = pattern.exec(text.slice(start, end));
      if (!found) return null;
      return { indent: found[1] ?? "", leading: found[2] !== undefined };
    }

    /**
     * The merge of `node` with the RUN after it, as one edit: `A && \` + newline +
     * indentation + B. Null when merging could change what either RUN does.
     */
    function mergeFix(node: RunNode, family: IndexFamily): { range: [number, number]; text: string } | null {
      const following = nextRun(node);
      if (!following) return null;
      const { run: next } = following;
      for (const run of [node, next]) {
        if (run.form !== "shell" || run.heredocs.length > 0 || run.malformedExec) return null;
      }
      if (flagsText(node) !== flagsText(next)) return null;
      const nextAnalysis = analyse(next);
      const firstInstall = nextAnalysis.uses.find((use) => use.family === family && use.install);
      if (!firstInstall) return null;
      // The next RUN refreshes the index itself: merging would only run the update twice.
      if (nextAnalysis.uses.some((use) => use.family === family && use.update && use.start <= firstInstall.start)) return null;
      // `A && B1; B2` would run B2 even when A fails: only chains of `&&` and pipes keep the meaning.
      const top = nextAnalysis.commands.filter((cmd) => cmd.depth === 0);
      if (top.length === 0 || top.some((cmd) => cmd.next !== null && cmd.next !== "&&" && cmd.next !== "|" && cmd.next !== "|&")) return null;

      // Where this RUN's script ends, and what follows its last command there.
      const own = joinContinuations(text, runScriptStart(node), node.range[1], escapeChar);
      const trimmed = own.text.trimEnd();
      if (trimmed.length === 0) return null;
      const insertAt = (own.offsets[trimmed.length - 1] ?? -1) + 1;
      const lastEnd = Math.max(...analyse(node).commands.map((cmd) => cmd.end));
      const tailFrom = own.offsets.findIndex((offset) => offset >= lastEnd);
      const tail = tailFrom < 0 ? "" : trimmed.slice(tailFrom);
      // A shell comment would swallow the merged command; a trailing `;` or `&` cannot take `&&`.
      if (tail.includes("#") || /[;&|]\s*$/u.test(tail) || insertAt <= 0) return null;

      const nextScript = joinContinuations(text, runScriptStart(next), next.range[1], escapeChar);
      const leadingBlanks = nextScript.text.length - nextScript.text.trimStart().length;
      const nextStart = nextScript.offsets[leadingBlanks];
      if (nextStart === undefined || nextStart >= next.range[1]) return null;

      // Comment lines between the two RUNs stay, inside the continuation; blank lines go.
      const between = text.slice(insertAt, following.outer.range[0]);
      const lines = between.split(/\r?\n|\r/u).slice(1).map((line) => line.trim()).filter((line) => line !== "");
      if (lines.some((line) => !line.startsWith("#"))) return null;
      const style = continuationStyle(node);
      const comments = lines.map((line) => `${style.indent}${line}${eol}`).join("");
      const joint = style.leading
        ? ` ${escapeChar}${eol}${comments}${style.indent}&& `
        : ` && ${escapeChar}${eol}${comments}${style.indent}`;
      return { range: [insertAt, nextStart], text: joint };
    }

    return {
      Run(node) {
        const { uses } = analyse(node);
        for (const use of uses) {
          if (!use.update || use.install) continue;
          // An install after the update reads fresh lists; deleting the lists leaves nothing stale behind.
          if (uses.some((other) => other.family === use.family && (other.install || other.clear) && other.start > use.start)) continue;
          // A script run after the update may install: give it the benefit of the doubt.
          if (analyse(node).commands.some((cmd) => cmd.start > use.start && runsScript(cmd))) continue;
          const fix = mergeFix(node, use.family);
          context.report({
            loc: sourceCode.positions.locOf([use.start, use.end]),
            messageId: "updateWithoutInstall",
            data: { command: use.label, tool: use.tool, hint: INSTALL_HINT[use.family] },
            fix: fix ? (fixer) => fixer.replaceTextRange(fix.range, fix.text) : null,
          });
        }
      },
    };
  },
};

export default rule;
