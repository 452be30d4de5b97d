/**
 * A pipe in a RUN without `pipefail` (hadolint DL4006): the pipeline's status
 * is the last command's, so a failed download piped into another command
 * still lets the build go on, and the cache keeps the broken layer.
 */
import type { RunNode } from "../lib/language/index.js";
import { joinContinuations, runScriptStart } from "../lib/language/index.js";
import { docsUrl } from "../lib/language/index.js";
import { shorten } from "../lib/text/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import { commandName, unwrapCommand } from "../lib/shell/index.js";
import type { SimpleCommand } from "../lib/shell/index.js";

type MessageIds = "missingPipefail" | "prefixPipefail";

/** Shells whose `-o pipefail` works: bash, zsh, ksh, mksh and busybox ash (dash's `sh` has it only since 0.5.13). */
const PIPEFAIL_SHELLS = new Set(["bash", "zsh", "ash", "ksh", "mksh"]);

/** Producers whose failure does not matter: `yes` (killed by SIGPIPE by design), `echo` and `printf` of text. */
const HARMLESS_PRODUCERS = new Set(["yes", "echo", "printf", "true"]);

/** Base images whose /bin/sh has pipefail: busybox ash (Alpine, BusyBox) and bash (Red Hat family, Arch, openSUSE). */
const PIPEFAIL_SH_IMAGES = /(?:^|\/)(?:alpine|busybox|fedora|centos|rockylinux|almalinux|amazonlinux|oraclelinux|ubi\d*(?:-\w+)?|archlinux|opensuse\/\w+|photon)$/u;

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** `-o pipefail`, `-eo pipefail`, `-euxo pipefail` among words. */
function hasPipefailOption(values: readonly string[]): boolean {
  for (let i = 0; i < values.length - 1; i++) {
    const v = values[i] ?? "";
    if (values[i + 1] === "pipefail" && /^-[a-zA-Z]*o$/u.test(v)) return true;
  }
  return false;
}

function setsPipefail(cmd: SimpleCommand): boolean {
  const { name, args } = unwrapCommand(cmd);
  if (name === "set") return hasPipefailOption(args.map((word) => word.value));
  if (name !== null && PIPEFAIL_SHELLS.has(name)) return hasPipefailOption(args.map((word) => word.value));
  return false;
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Require `pipefail` for RUN commands that use a pipe",
      url: docsUrl("require-pipefail"),
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      missingPipefail:
        "Without pipefail a pipe fails only if its last command does, so if '{{producer}}' fails the RUN passes and its layer is kept.",
      prefixPipefail: "Start the script with 'set -o pipefail && ' ({{shell}} has pipefail).",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const { facts, text } = sourceCode;
    const escapeChar = sourceCode.ast.escapeChar;

    /** The image at the root of the stage's chain of parents. */
    function rootImage(node: RunNode): string | null {
      let stage = facts.stageOf(node);
      for (let hops = 0; stage && hops < 100; hops++) {
        if (stage.base.kind === "image") return stage.base.ref.raw;
        if (stage.base.kind !== "stage") return null;
        stage = stage.base.stage;
      }
      return null;
    }

    /** The shell that runs the RUN's script, when known, and whether pipefail is already on. */
    function shellOfRun(node: RunNode): { name: string | null; pipefail: boolean } {
      const shell = facts.shellInstructionAt(node);
      const exec = shell?.exec ?? null;
      if (exec && exec.length > 0) {
        const values = exec.map((arg) => arg.value);
        const name = basename(values[0] ?? "");
        return { name, pipefail: PIPEFAIL_SHELLS.has(name) && hasPipefailOption(values) };
      }
      const image = rootImage(node);
      if (image === null) return { name: null, pipefail: false };
      const cut = image.search(/[:@]/u);
      const nameOnly = cut < 0 ? image : image.slice(0, cut);
      if (PIPEFAIL_SH_IMAGES.test(nameOnly) || /-alpine|alpine\d/u.test(image.slice(nameOnly.length))) {
        return { name: /alpine|busybox/u.test(image) ? "ash" : "bash", pipefail: false };
      }
      return { name: null, pipefail: false };
    }

    /** In each pipeline, the first producer whose failure would be hidden. */
    function hiddenFailures(commands: readonly SimpleCommand[]): SimpleCommand[] {
      const found: SimpleCommand[] = [];
      for (let i = 0; i < commands.length; i++) {
        const cmd = commands[i];
        if (!cmd || (cmd.next !== "|" && cmd.next !== "|&")) continue;
        // Only the first command of a pipeline; the others are reported through it.
        if (cmd.prev === "|" || cmd.prev === "|&") continue;
        // In `$(a | b)` the status is read at most by a bare assignment; as an argument it is lost either way.
        if (cmd.context === "substitution") continue;
        // The first producer (any command but the last) whose failure would be hidden; none when all are harmless.
        for (let j = i; j < commands.length; j++) {
          const part = commands[j];
          if (!part) break;
          if (part.depth !== cmd.depth) continue;
          if (part.next !== "|" && part.next !== "|&") break;
          if (!HARMLESS_PRODUCERS.has(commandName(part) ?? "")) {
            found.push(part);
            break;
          }
        }
      }
      return found;
    }

    return {
      Run(node) {
        const { posix, commands } = facts.shellOf(node);
        if (!posix || commands.length === 0) return;
        const pipes = hiddenFailures(commands);
        if (pipes.length === 0) return;
        // Exec form runs no SHELL; shell form runs the stage's.
        const shell = node.form === "exec" ? { name: null, pipefail: false } : shellOfRun(node);
        if (shell.pipefail) return;
        for (const first of pipes) {
          if (commands.some((cmd) => cmd.start < first.start && setsPipefail(cmd))) continue;
          const suggest: NonNullable<Parameters<typeof context.report>[0]["suggest"]> = [];
          if (shell.name !== null && PIPEFAIL_SHELLS.has(shell.name) && node.form === "shell" && node.heredocs.length === 0) {
            const script = joinContinuations(text, runScriptStart(node), node.range[1], escapeChar);
            const lead = script.text.length - script.text.trimStart().length;
            const at = script.offsets[lead];
            if (at !== undefined && at < node.range[1]) {
              suggest.push({
                messageId: "prefixPipefail",
                data: { shell: shell.name },
                fix: (fixer) => fixer.insertTextBeforeRange([at, at], "set -o pipefail && "),
              });
            }
          }
          const producer = first.words[0];
          context.report({
            loc: sourceCode.positions.locOf([first.start, first.end]),
            messageId: "missingPipefail",
            data: {
              producer: producer ? shorten(producer.value, 28) : "the first command",
              shellHint: shell.name === null ? "the default /bin/sh may be dash, which has no pipefail" : `the shell here is ${shell.name}`,
            },
            suggest,
          });
          // One report per RUN is enough: one setting fixes them all.
          break;
        }
      },
    };
  },
};

export default rule;
