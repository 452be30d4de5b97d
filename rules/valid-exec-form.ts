/**
 * An exec-form argument that looks like a JSON array but is not valid JSON:
 * single quotes, a trailing or missing comma, unquoted words. BuildKit then
 * silently runs the text through a shell (or, for SHELL and for arrays with
 * non-string elements, fails the build). The fix rewrites the array as
 * strict JSON when what was meant is clear.
 */
import type { InstructionNode } from "../lib/language/index.js";
import { commandRegion, fileRangeOf } from "../lib/language/index.js";
import { readLooseExecArray } from "../lib/language/index.js";
import { docsUrl } from "../lib/language/index.js";
import { shorten } from "../lib/text/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";

type MessageIds = "runsInShell" | "failsBuild";

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Require exec-form arguments that look like a JSON array to be valid JSON",
      url: docsUrl("valid-exec-form"),
    },
    fixable: "code",
    schema: [],
    messages: {
      runsInShell:
        "This {{keyword}} is not valid JSON ({{reason}}), so Docker runs it in shell form, brackets and quotes included.",
      failsBuild: "This {{keyword}} is not a valid JSON array of strings ({{reason}}), so the build fails here.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const { text } = sourceCode;
    const escapeChar = sourceCode.ast.escapeChar;

    function check(node: InstructionNode): void {
      if (!("malformedExec" in node) || !node.malformedExec) return;
      const region = commandRegion(node, text, escapeChar);
      if (!region) return;
      const loose = readLooseExecArray(region.mapped.text);
      if (!loose) return;
      const keyword = node.type === "Healthcheck" ? "HEALTHCHECK CMD" : node.keyword;
      const failsBuild = loose.nonString || node.type === "Shell";
      let effect: string;
      if (node.type === "Shell") effect = ": SHELL accepts only the JSON form";
      else if (loose.nonString) effect = ": BuildKit reads the JSON but accepts only strings in it";
      else if (node.type === "Copy" || node.type === "Add" || node.type === "Volume") effect = ", so the words with their brackets and quotes become paths";
      else effect = " (`/bin/sh -c '[…]'`), which fails or runs something else";

      const edits = loose.edits;
      const fileEdits = edits?.map((edit) => {
        const range = edit.end > edit.start ? fileRangeOf(region.mapped, edit.start, edit.end) : null;
        return { range, text: edit.text };
      });
      const fixable = fileEdits !== undefined && fileEdits.length > 0 && fileEdits.every((edit) => edit.range !== null);
      context.report({
        loc: sourceCode.positions.locOf(region.range),
        messageId: failsBuild ? "failsBuild" : "runsInShell",
        data: {
          keyword,
          reason: shorten(loose.reasons.length > 2 ? `${loose.reasons[0] ?? ""} and ${String(loose.reasons.length - 1)} more` : loose.reasons.join(", "), 40),
          effect,
          suggestion: loose.fixed ? `: ${loose.fixed.trim()}` : "",
        },
        fix: fixable
          ? (fixer) =>
              fileEdits.flatMap((edit) => (edit.range ? [fixer.replaceTextRange(edit.range, edit.text)] : []))
          : null,
      });
    }

    return {
      Run: check,
      Cmd: check,
      Entrypoint: check,
      Shell: check,
      Volume: check,
      Copy: check,
      Add: check,
      Healthcheck: check,
    };
  },
};

export default rule;
