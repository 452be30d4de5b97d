/**
 * COPY and ADD sources that the `.dockerignore` beside the Dockerfile leaves
 * out of the build context, as BuildKit's CopyIgnoredFile check finds them.
 */
import path from "node:path";
import { processExecString, processSourceRange } from "../lib/variables/index.js";
import type { WordResult } from "../lib/variables/index.js";
import { cleanPath, dockerignoreFor, excludingPattern, wholeContextPattern } from "../lib/facts/index.js";
import type { DockerignoreFile, IgnorePattern } from "../lib/facts/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { AddNode, CopyNode } from "../lib/language/index.js";
import { isRemoteSource } from "../lib/packages/index.js";
import { shorten } from "../lib/text/index.js";

type MessageIds = "ignoredSource" | "ignoredContext";

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Disallow COPY and ADD sources that .dockerignore excludes from the build context",
      url: docsUrl("copy-ignored-file"),
    },
    schema: [],
    messages: {
      ignoredSource:
        "'{{source}}' is excluded by '{{pattern}}' in {{file}}: it is not in the build context, so this {{keyword}} fails or copies less.",
      ignoredContext:
        "{{file}} excludes the whole build context ('{{pattern}}'), so this {{keyword}} of '{{source}}' copies nothing.",
    },
  },

  create(context) {
    const filename = context.physicalFilename;
    // Text from stdin or an editor buffer has no directory, so no .dockerignore.
    if (!filename || filename.startsWith("<") || !path.isAbsolute(filename)) return {};
    const { sourceCode } = context;
    const { facts } = sourceCode;
    const text = sourceCode.text;
    const escapeChar = facts.escapeChar;

    /** COPY --from reads another stage or image, not the context. */
    function readsContext(node: CopyNode | AddNode): boolean {
      return !node.flags.some((flag) => flag.name.toLowerCase() === "from");
    }

    function check(file: DockerignoreFile, node: CopyNode | AddNode): void {
      const scope = facts.lookupAt(node);
      for (const source of node.sources) {
        if (source.type === "Argument" && source.value.startsWith("<<")) continue;
        const unknown = new Set<string>();
        const lookup = (name: string): string | undefined => {
          const value = scope(name);
          if (value === null) unknown.add(name);
          return value ?? undefined;
        };
        const result: WordResult =
          source.type === "ExecArgument"
            ? processExecString(text, source, escapeChar, lookup, { budget: facts.expansionBudget })
            : processSourceRange(text, source.range, escapeChar, lookup, { budget: facts.expansionBudget });
        // A value passed at build time could be anything.
        if (result.error !== null || unknown.size > 0) continue;
        if (isRemoteSource(result.value)) continue;
        // BuildKit compares `/dir` as written and misses it; in the context it is `dir`.
        let cleaned = cleanPath(result.value);
        if (cleaned.startsWith("/")) cleaned = cleanPath(cleaned.slice(1));
        let pattern: IgnorePattern | null;
        let messageId: MessageIds;
        if (cleaned === ".") {
          // `.` is the context itself; only patterns that exclude all of its entries empty it.
          pattern = wholeContextPattern(file);
          messageId = "ignoredContext";
        } else {
          pattern = excludingPattern(file, cleaned);
          messageId = "ignoredSource";
        }
        if (!pattern) continue;
        context.report({
          loc: source.loc,
          messageId,
          data: { source: shorten(cleaned, 40), pattern: shorten(pattern.text, 30), file: file.name, keyword: node.keyword },
        });
      }
    }

    return {
      Dockerfile() {
        // ONBUILD triggers copy from the context of the child build: not checked.
        const copies: (CopyNode | AddNode)[] = [];
        for (const stage of facts.stages) {
          for (const node of stage.instructions) if ((node.type === "Copy" || node.type === "Add") && readsContext(node)) copies.push(node);
        }
        // The ignore file is looked up (a stat or two) only for a Dockerfile that copies from the context.
        if (copies.length === 0) return;
        const file = dockerignoreFor(filename);
        // BuildKit skips the check when a pattern starts with `!`: a directory may be excluded and a file in it brought back.
        if (!file || file.hasExclusions) return;
        for (const node of copies) check(file, node);
      },
    };
  },
};

export default rule;
