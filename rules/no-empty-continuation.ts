/**
 * Empty lines inside a line continuation. BuildKit skips them today but has
 * deprecated them, and they hide the real extent of an instruction: an
 * empty line after a trailing `\` does not end the instruction, so the next
 * instruction can end up as arguments of this one. The fix deletes the empty
 * lines; when the continuation swallows a later instruction, a suggestion
 * removes the trailing escape instead.
 */
import type { InstructionNode, Range } from "../lib/language/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";

type MessageIds = "empty" | "swallowsInstruction" | "endInstruction";

const KEYWORDS = new Set([
  "FROM", "RUN", "CMD", "ENTRYPOINT", "SHELL", "VOLUME", "COPY", "ADD", "ARG", "ENV", "LABEL",
  "HEALTHCHECK", "ONBUILD", "EXPOSE", "WORKDIR", "USER", "STOPSIGNAL", "MAINTAINER",
]);

interface Line {
  start: number;
  /** End of the content, before the line break. */
  end: number;
  /** After the line break. */
  next: number;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

function lineAt(text: string, start: number): Line {
  let end = start;
  while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  let next = end;
  if (text.charCodeAt(next) === 13) next++;
  if (text.charCodeAt(next) === 10) next++;
  return { start, end, next };
}

function firstNonBlank(text: string, line: Line): number {
  let i = line.start;
  while (i < line.end && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** Where the instruction's own lines end: before the first heredoc body. */
function scanEnd(node: InstructionNode): number {
  const target = node.type === "Onbuild" ? node.trigger : node;
  let end = node.range[1];
  if (target && (target.type === "Run" || target.type === "Copy" || target.type === "Add")) {
    for (const heredoc of target.heredocs) end = Math.min(end, heredoc.contentRange?.[0] ?? heredoc.range[1]);
  }
  return end;
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Disallow empty lines inside a line continuation",
      url: docsUrl("no-empty-continuation"),
    },
    fixable: "code",
    hasSuggestions: true,
    schema: [],
    messages: {
      empty:
        "Empty continuation line in this {{keyword}}: BuildKit has deprecated it after a line ending in '{{escape}}', and a future release fails the build.",
      swallowsInstruction:
        "This empty line does not end the {{keyword}}, as the line before ends in '{{escape}}', so '{{next}}' on line {{line}} becomes part of it.",
      endInstruction: "Remove the trailing '{{escape}}' so that the {{keyword}} ends before the empty line.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const { text } = sourceCode;
    const escape = sourceCode.ast.escapeChar;

    /** The offset of a trailing escape character on the line, or -1; an escaped escape (`C:\\`) ends the line, as in BuildKit. */
    function trailingEscape(line: Line): number {
      let i = line.end;
      while (i > line.start && isBlank(text.charCodeAt(i - 1))) i--;
      if (i <= line.start || text[i - 1] !== escape) return -1;
      return i - 2 >= line.start && text[i - 2] === escape ? -1 : i - 1;
    }

    function check(node: InstructionNode): void {
      // One-line instructions (most of them) cannot hold a continuation, unless the file ends right after them.
      const first = lineAt(text, node.range[0]);
      if (first.end >= node.range[1] && trailingEscape(first) < 0) return;
      const limit = scanEnd(node);
      const hasHeredocs = limit < node.range[1];
      const empties: Line[] = [];
      let escapeAt = -1;
      /** The escape before the first empty line, and the first code line after the empty lines. */
      let firstEscape = -1;
      let after: Line | null = null;
      let continued = false;
      let pos = node.range[0];
      while (pos < text.length) {
        const line = lineAt(text, pos);
        const content = firstNonBlank(text, line);
        const blank = content === line.end;
        const comment = !blank && text[content] === "#";
        // Past the instruction's text, only an open continuation's blank or comment lines still belong to it.
        if (line.start >= limit && (hasHeredocs || !continued || !(blank || comment))) break;
        if (continued && blank) {
          if (line.start < line.next) {
            empties.push(line);
            if (firstEscape < 0) firstEscape = escapeAt;
          }
        } else if (!(continued && comment)) {
          if (empties.length > 0 && after === null) after = line;
          escapeAt = trailingEscape(line);
          continued = escapeAt >= 0;
        }
        if (line.next === line.start) break;
        pos = line.next;
      }
      if (empties.length === 0) return;
      const firstEmpty = empties[0];
      if (!firstEmpty) return;
      const keyword = node.keyword;
      const loc = sourceCode.positions.locOf([firstEmpty.start, firstEmpty.end]);
      const nextWord = after ? text.slice(firstNonBlank(text, after), after.end).split(/[ \t]/u, 1)[0] ?? "" : "";
      if (after && KEYWORDS.has(nextWord.toUpperCase())) {
        const escapeRange: Range = [firstEscape, firstEscape + 1];
        context.report({
          loc,
          messageId: "swallowsInstruction",
          data: { keyword, escape, next: nextWord, line: String(sourceCode.positions.positionOf(after.start).line) },
          suggest: firstEscape >= 0 ? [{ messageId: "endInstruction", data: { keyword, escape }, fix: (fixer) => fixer.removeRange(escapeRange) }] : [],
        });
        return;
      }
      context.report({
        loc,
        messageId: "empty",
        data: { keyword, escape },
        fix: (fixer) => empties.map((empty) => fixer.removeRange([empty.start, empty.next])),
      });
    }

    return {
      "Dockerfile:exit"(root) {
        for (const node of root.body) check(node);
      },
    };
  },
};

export default rule;
