/**
 * ShellCheck on the shell scripts of RUN (and ONBUILD RUN, shell-form CMD,
 * ENTRYPOINT and HEALTHCHECK CMD), with each finding at its exact place in the
 * Dockerfile. Needs the `shellcheck` binary; without it, one finding per file.
 */
import path from "node:path";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import { shellCheckFile, wikiUrl } from "../lib/shellcheck/index.js";
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

/** ShellCheck's text as the first part of one sentence: without its final period. */
function sentence(message: string): string {
  return message.trim().replace(/\.$/u, "");
}

const rule: DockerfileRuleDefinition<{ RuleOptions: Options; MessageIds: MessageIds }> = {
  meta: {
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
      missing: "ShellCheck ('{{command}}') is not installed, so no shell script here was checked: install it (apt-get install shellcheck) or turn this rule off.",
      tooOld: "ShellCheck {{version}} ('{{command}}') is too old to report positions (0.7.0 or later needed), so no script was checked: upgrade it or turn this rule off.",
      failed: "ShellCheck ('{{command}}') failed, so no shell script here was checked: {{detail}}.",
      applyFix: "Apply ShellCheck's fix for {{code}}.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const [options] = context.options;
    const configured = options.path ?? "shellcheck";
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
          if (lookup.problem === "too-old") context.report({ loc, messageId: "tooOld", data: { command: configured, version: lookup.detail } });
          else if (lookup.problem === "missing") context.report({ loc, messageId: "missing", data: { command: configured } });
          else context.report({ loc, messageId: "failed", data: { command: configured, detail: lookup.detail } });
          return;
        }
        if (outcome.status === "failed") {
          context.report({ loc: sourceCode.positions.locOf(outcome.first.node.keywordRange), messageId: "failed", data: { command: configured, detail: outcome.detail } });
          return;
        }
        for (const finding of outcome.findings) {
          const data = { code: finding.code, message: sentence(finding.message), url: wikiUrl(finding.code), level: finding.level };
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
