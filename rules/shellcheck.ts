/**
 * ShellCheck on the shell scripts of RUN (and ONBUILD RUN, shell-form CMD,
 * ENTRYPOINT and HEALTHCHECK CMD), with each finding at its exact place in the
 * Dockerfile. Needs the `shellcheck` binary; without it, one finding per file.
 */
import path from "node:path";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import { shellCheckFile, wikiUrl } from "../lib/shellcheck/index.js";
import { shorten } from "../lib/text/index.js";
import type { ShellCheckLevel } from "../lib/shellcheck/index.js";

type Options = [{ path?: string; severity?: ShellCheckLevel; include?: string[]; exclude?: string[]; enable?: string[] }];
type MessageIds = "finding" | "missing" | "tooOld" | "failed" | "applyFix";

/** hadolint's exclusions: `source` of files the build context has and ShellCheck cannot follow, and ash being read as dash. */
export const DEFAULT_EXCLUDE = ["SC1090", "SC1091", "SC2187"];

const CODE = { type: "string", pattern: "^(?:[Ss][Cc])?\\d{4}$" } as const;

/** `2086` and `sc2086` as ShellCheck's `SC2086`. */
function normalCode(code: string): string {
  return `SC${code.replace(/^sc/iu, "")}`;
}

/** A message's length at most, as every rule's: about a terminal line. */
const MESSAGE_LIMIT = 140;

/** The finding's message around ShellCheck's text, as the `finding` message renders it. */
function findingMessage(code: string, text: string): string {
  return `${code}: ${text} (${wikiUrl(code)}).`;
}

/**
 * ShellCheck's text as one sentence that fits the message with its code and
 * link: a second sentence joins the first after a semicolon ("Use printf"
 * becomes "; use printf"), the final period goes, and a long text is cut
 * at a word end.
 */
export function sentence(code: string, message: string): string {
  const joined = withoutTrailing(message.trim(), ".")
    .replace(/([.!?])\s+([A-Z])(\w*)/gu, (_all, mark: string, first: string, rest: string) => {
      // A plain word is lowercased; a name such as ShellCheck or PATH keeps its case.
      const plain = /^[a-z]*$/u.test(rest) && `${first}${rest}` !== "I";
      const word = `${plain ? first.toLowerCase() : first}${rest}`;
      if (mark === ".") return `; ${word}`;
      return plain ? `${mark} ${word}` : `${mark} — ${word}`;
    });
  return clip(joined, MESSAGE_LIMIT - findingMessage(code, "").length);
}

/** `text` without any of `marks` at its end. */
function withoutTrailing(text: string, marks: string): string {
  let end = text.length;
  while (end > 0 && marks.includes(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

/** Prose cut at a word end to `max` characters, with an ellipsis: its start says what is wrong. */
function clip(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, max - 1).join("");
  const space = head.lastIndexOf(" ");
  return `${withoutTrailing(space > max / 2 ? head.slice(0, space) : head, " ,;:")}…`;
}

/** A failure's detail as the end of one sentence: one line, no final period, no sentence break. */
function failure(detail: string): string {
  return withoutTrailing(detail.replace(/\s+/gu, " ").trim(), ".!?").replace(/[.!?] (?=[A-Z])/gu, "; ");
}

const rule: DockerfileRuleDefinition<{ RuleOptions: Options; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Check the shell scripts of RUN, CMD, ENTRYPOINT and HEALTHCHECK with ShellCheck, at their exact positions",
      url: docsUrl("shellcheck"),
    },
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          path: {
            type: "string",
            minLength: 1,
            description: "The ShellCheck command: a name looked up on PATH, or a path (relative to the working directory). Default: `shellcheck`.",
          },
          severity: {
            enum: ["error", "warning", "info", "style"],
            description: "ShellCheck's minimum severity to report (its `--severity`). Default: `style`, everything.",
          },
          include: {
            type: "array",
            items: CODE,
            uniqueItems: true,
            description: "Only these codes (`SC2086` or `2086`), as ShellCheck's `--include`. Default: all.",
          },
          exclude: {
            type: "array",
            items: CODE,
            uniqueItems: true,
            description: "Codes not to report, as ShellCheck's `--exclude`. Replaces the default list, `SC1090`, `SC1091` and `SC2187`.",
          },
          enable: {
            type: "array",
            items: { type: "string", pattern: "^[a-z][a-z0-9-]*$" },
            uniqueItems: true,
            description: "ShellCheck's optional checks to turn on (its `--enable`; `shellcheck --list-optional` lists them, `all` turns on every one). Default: none.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ path: "shellcheck", severity: "style", include: [], exclude: DEFAULT_EXCLUDE, enable: [] }],
    messages: {
      finding: "{{code}}: {{message}} ({{url}}).",
      missing: "ShellCheck ('{{command}}') is not installed, so no script was checked: apt-get install shellcheck, or turn this rule off.",
      tooOld: "ShellCheck {{version}} ('{{command}}') predates json1 (0.7.0), so no script was checked: upgrade it or turn this rule off.",
      failed: "ShellCheck ('{{command}}') failed, so no script was checked: {{detail}}.",
      applyFix: "Apply ShellCheck's fix for {{code}}.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const [options] = context.options;
    const configured = options.path ?? "shellcheck";
    // The command as the user wrote it, cut to keep the message to a line.
    const shown = shorten(configured, 24);
    // A bare name is looked up on PATH; anything with a separator is a path from the working directory.
    const command = /[\\/]/u.test(configured) ? path.resolve(context.cwd, configured) : configured;

    return {
      Dockerfile() {
        const outcome = shellCheckFile(sourceCode.facts, {
          command,
          severity: options.severity ?? "style",
          include: (options.include ?? []).map(normalCode),
          exclude: (options.exclude ?? DEFAULT_EXCLUDE).map(normalCode),
          enable: options.enable ?? [],
        });
        if (outcome.status === "nothing") return;
        if (outcome.status === "unavailable") {
          const loc = sourceCode.positions.locOf(outcome.first.node.keywordRange);
          const { lookup } = outcome;
          if (lookup.problem === "too-old") context.report({ loc, messageId: "tooOld", data: { command: shown, version: shorten(lookup.detail, 12) } });
          else if (lookup.problem === "missing") context.report({ loc, messageId: "missing", data: { command: shown } });
          else context.report({ loc, messageId: "failed", data: { command: shown, detail: shorten(failure(lookup.detail), 60) } });
          return;
        }
        if (outcome.status === "failed") {
          context.report({ loc: sourceCode.positions.locOf(outcome.first.node.keywordRange), messageId: "failed", data: { command: shown, detail: shorten(failure(outcome.detail), 60) } });
          return;
        }
        for (const finding of outcome.findings) {
          const data = { code: finding.code, message: sentence(finding.code, finding.message), url: wikiUrl(finding.code), level: finding.level };
          const edits = finding.fix;
          context.report({
            loc: sourceCode.positions.locOf(finding.range),
            messageId: "finding",
            data,
            suggest: edits
              ? [{ messageId: "applyFix", data: { code: finding.code }, fix: (fixer) => edits.map((edit) => fixer.replaceTextRange(edit.range, edit.text)) }]
              : [],
          });
        }
      },
    };
  },
};

export default rule;
