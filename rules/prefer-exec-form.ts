/**
 * CMD and ENTRYPOINT (and, with an option, HEALTHCHECK CMD) in shell form,
 * which Docker wraps in `/bin/sh -c`: the shell becomes PID 1 and does not
 * pass signals on. As in BuildKit, a stage that sets SHELL (or whose parent
 * stage in this file does) is exempt: the shell is then a choice. The
 * suggestion rewrites a plain command (words only, no shell syntax) as a
 * JSON array.
 */
import type { CmdNode, EntrypointNode, HealthcheckNode } from "../lib/language/index.js";
import { commandRegion } from "../lib/language/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { Stage } from "../lib/facts/index.js";

type Options = [{ checkHealthcheck?: boolean }];
type MessageIds = "preferExec" | "useExec";

const SAFE_UNQUOTED = /^[\w./:=@%+,-]$/u;

/**
 * The words of a command that uses no shell syntax: unquoted safe characters,
 * single-quoted text and double-quoted text without `$`, `` ` `` or `\`.
 * Null when the command needs a shell.
 */
function plainWords(text: string): string[] | null {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
    if (i >= text.length) break;
    let word = "";
    while (i < text.length && text[i] !== " " && text[i] !== "\t") {
      const ch = text[i] ?? "";
      if (ch === "'" || ch === '"') {
        const close = text.indexOf(ch, i + 1);
        if (close < 0) return null;
        const inner = text.slice(i + 1, close);
        if (ch === '"' && /[$`\\]/u.test(inner)) return null;
        word += inner;
        i = close + 1;
      } else if (SAFE_UNQUOTED.test(ch)) {
        word += ch;
        i++;
      } else {
        return null;
      }
    }
    words.push(word);
  }
  // `NAME=value cmd` sets a variable for the command: that needs a shell.
  if (words.length === 0 || (words[0] ?? "").includes("=")) return null;
  if (words[0] === "exec") words.shift();
  return words.length > 0 ? words : null;
}

function isWindowsStage(stage: Stage | null): boolean {
  for (let current = stage, hops = 0; current && hops < 100; hops++) {
    if (current.base.kind === "image") return /windows|nanoserver|servercore/iu.test(current.base.ref.name);
    current = current.base.kind === "stage" ? current.base.stage : null;
  }
  return false;
}

const rule: DockerfileRuleDefinition<{ RuleOptions: Options; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "suggestion",
    docs: {
      description: "Require the exec form (a JSON array) for CMD and ENTRYPOINT",
      url: docsUrl("prefer-exec-form"),
    },
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          checkHealthcheck: {
            type: "boolean",
            description: "Also check `HEALTHCHECK CMD`, as hadolint's DL3025 does. Off by default: a health check is a short-lived probe, and `CMD curl -f … || exit 1` is the documented idiom.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkHealthcheck: false }],
    messages: {
      preferExec:
        "{{keyword}} in shell form runs under /bin/sh, which as PID 1 does not pass SIGTERM on, so 'docker stop' kills the program uncleanly.",
      useExec: "Rewrite as {{keyword}} {{exec}}{{note}}.",
    },
  },

  create(context) {
    const [{ checkHealthcheck = false }] = context.options;
    const { sourceCode } = context;
    const { facts, text } = sourceCode;
    const escapeChar = sourceCode.ast.escapeChar;

    function setsShell(stage: Stage, before: number): boolean {
      let current: Stage | null = stage;
      let limit = before;
      for (let hops = 0; current && hops < 100; hops++) {
        if (current.instructions.some((node) => node.type === "Shell" && node.range[0] < limit)) return true;
        current = current.base.kind === "stage" ? current.base.stage : null;
        limit = Number.POSITIVE_INFINITY;
      }
      return false;
    }

    function check(node: CmdNode | EntrypointNode | HealthcheckNode, parent: { type: string } | undefined): void {
      // An ONBUILD trigger runs in a child build, with that build's SHELL.
      if (parent?.type === "Onbuild") return;
      if (node.form === "exec" || node.malformedExec) return;
      if (node.type === "Healthcheck" && !checkHealthcheck) return;
      const region = commandRegion(node, text, escapeChar);
      if (!region) return;
      const stage = facts.stageOf(node);
      if (stage && setsShell(stage, node.range[0])) return;
      const keyword = node.type === "Healthcheck" ? "HEALTHCHECK CMD" : node.keyword;

      const command = region.mapped.text.trim();
      // cmd.exe does not read single quotes as quotes: on Windows, only suggest for unquoted words.
      const windows = escapeChar === "`" || isWindowsStage(stage);
      const words = windows && (command.includes("'") || command.includes('"')) ? null : plainWords(command);
      const hasCmd = node.type === "Entrypoint" && (stage?.instructions.some((other) => other.type === "Cmd") ?? false);
      const exec = words ? `[${words.map((word) => JSON.stringify(word)).join(", ")}]` : "";
      context.report({
        loc: sourceCode.positions.locOf(region.range),
        messageId: "preferExec",
        data: { keyword },
        suggest:
          words && !hasCmd
            ? [
                {
                  messageId: "useExec",
                  data: {
                    keyword,
                    exec,
                    note: node.type === "Entrypoint" ? " (arguments given to `docker run` are then passed to it)" : "",
                  },
                  fix: (fixer) => fixer.replaceTextRange(region.range, exec),
                },
              ]
            : [],
      });
    }

    return {
      Cmd: check,
      Entrypoint: check,
      Healthcheck: check,
    };
  },
};

export default rule;
