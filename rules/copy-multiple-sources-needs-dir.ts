/**
 * COPY and ADD with several sources (or a wildcard) need a destination
 * that is a directory, written with a trailing `/`.
 */
import { processExecString, processSourceRange } from "../lib/variables/index.js";
import type { WordResult } from "../lib/variables/index.js";
import { docsUrl } from "../lib/language/index.js";
import { shorten } from "../lib/text/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { AddNode, ArgumentNode, CopyNode, ExecArgumentNode } from "../lib/language/index.js";
import { isRemoteSource } from "../lib/packages/index.js";

type MessageIds = "needsDirectory" | "addSlash";

/** True when the text has `*`, `?` or `[` not preceded by the escape character, as BuildKit's copy sees wildcards. */
function hasWildcard(text: string, escapeChar: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === escapeChar) i++;
    else if (ch === "*" || ch === "?" || ch === "[") return true;
  }
  return false;
}

/** The text without the quotes that close it. */
function trimQuotes(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '"' || text[end - 1] === "'")) end--;
  return text.slice(0, end);
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Require a destination ending in `/` when COPY or ADD has several sources or a wildcard",
      url: docsUrl("copy-multiple-sources-needs-dir"),
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      needsDirectory: "This {{keyword}} has {{why}}, so '{{destination}}' needs a trailing '/' or all files land on one path.",
      addSlash: "Add a trailing '/' to the destination.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const { facts } = sourceCode;
    const text = sourceCode.text;
    const escapeChar = facts.escapeChar;

    function valueOf(node: CopyNode | AddNode, word: ArgumentNode | ExecArgumentNode): string | null {
      const scope = facts.lookupAt(node);
      const unknown: string[] = [];
      const lookup = (name: string): string | undefined => {
        const value = scope(name);
        if (value === null) unknown.push(name);
        return value ?? undefined;
      };
      const result: WordResult = word.type === "ExecArgument"
        ? processExecString(text, word, escapeChar, lookup, { budget: facts.expansionBudget })
        : processSourceRange(text, word.range, escapeChar, lookup, { budget: facts.expansionBudget });
      return result.error !== null || unknown.length > 0 ? null : result.value;
    }

    function isDirectory(destination: string): boolean {
      // A backslash separates paths on Windows: in files with the backtick escape, and in drive paths (`C:\\dir\\`).
      if (destination.endsWith("/") || ((escapeChar === "`" || /^[A-Za-z]:/u.test(destination)) && destination.endsWith("\\"))) return true;
      // `.` and `..` name directories: BuildKit copies into them.
      const last = destination.split("/").at(-1);
      return last === "." || last === "..";
    }

    function check(node: CopyNode | AddNode): void {
      const destination = node.destination;
      if (!destination) return;
      let count = 0;
      let wildcard: string | null = null;
      for (const source of node.sources) {
        count++;
        if (source.type === "Argument" && source.value.startsWith("<<")) continue;
        const written = source.type === "ExecArgument" ? source.value : text.slice(source.range[0], source.range[1]);
        const writtenWildcard = hasWildcard(written, escapeChar);
        const variable = written.includes("$");
        // A source with no wildcard and no variable only counts.
        if (!writtenWildcard && !variable) continue;
        const value = valueOf(node, source);
        if (value === null || isRemoteSource(value)) continue;
        // Wildcards as written, or coming from a variable's value.
        if (writtenWildcard || (variable && hasWildcard(value, ""))) wildcard ??= value;
      }
      if (count < 2 && wildcard === null) return;
      // A trailing slash as written is enough, whatever the variables hold.
      const written = destination.type === "ExecArgument" ? destination.value : trimQuotes(destination.value);
      if (written.endsWith("/")) return;
      const value = valueOf(node, destination);
      if (value === null || isDirectory(value)) return;
      const why = count >= 2 ? `${String(count)} sources` : `the wildcard source '${shorten(wildcard ?? "", 32)}'`;
      const raw = text.slice(destination.range[0], destination.range[1]);
      const closingQuote = raw.length > 1 && (raw.endsWith('"') || raw.endsWith("'"));
      const at = closingQuote ? destination.range[1] - 1 : destination.range[1];
      context.report({
        loc: destination.loc,
        messageId: "needsDirectory",
        data: { keyword: node.keyword, why, destination: shorten(value, 32) },
        suggest: [{ messageId: "addSlash", fix: (fixer) => fixer.insertTextBeforeRange([at, at], "/") }],
      });
    }

    return {
      Copy: check,
      Add: check,
    };
  },
};

export default rule;
