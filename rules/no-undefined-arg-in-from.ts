/**
 * Variables in FROM lines (image and `--platform`) that no global ARG
 * declares and that are not one of BuildKit's platform arguments, and
 * substitutions there that BuildKit cannot read at all (`${name:x}`).
 */
import { argDeclarations, FROM_PREDEFINED_ARGS } from "../lib/variables/index.js";
import { processSourceRange } from "../lib/variables/index.js";
import type { WordResult } from "../lib/variables/index.js";
import { closestName, shorten, SuggestionBudget } from "../lib/text/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { FromNode } from "../lib/language/index.js";

type MessageIds = "undeclared" | "declaredInStage" | "badSubstitution" | "suggestRename";

/** Errors of the substitution's form, which no build argument can mend (`${X:?…}` on an unset X is the build's business). */
function isSyntaxError(error: string): boolean {
  return error.startsWith("unsupported modifier") || error.startsWith("syntax error");
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Disallow variables in FROM that no global ARG declares",
      url: docsUrl("no-undefined-arg-in-from"),
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      undeclared:
        "FROM argument '{{name}}' is not declared before the first FROM, so Docker substitutes an empty string{{hint}}.",
      declaredInStage:
        "FROM argument '{{name}}' is declared inside a stage (line {{line}}), which FROM lines do not see, so Docker substitutes an empty string.",
      badSubstitution: "FROM {{what}} '{{word}}' fails to expand in every build: {{error}}.",
      suggestRename: "Use '{{suggestion}}' instead.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const text = sourceCode.text;
    const escapeChar = sourceCode.facts.escapeChar;
    // Did-you-mean compares names pairwise: bounded per file, as files may declare thousands.
    const suggestionBudget = new SuggestionBudget();

    const declared: string[] = [];
    const seen = new Set<string>();
    /** ARG names declared inside stages, with the line of the first one. */
    const stageArgs = new Map<string, number>();
    let beforeFirstFrom = true;
    for (const node of sourceCode.ast.body) {
      if (node.type === "From") beforeFirstFrom = false;
      if (node.type !== "Arg") continue;
      for (const { name } of argDeclarations(node)) {
        if (beforeFirstFrom) {
          if (!seen.has(name)) declared.push(name);
          seen.add(name);
        } else if (!stageArgs.has(name)) {
          stageArgs.set(name, node.loc.start.line);
        }
      }
    }
    for (const name of FROM_PREDEFINED_ARGS) {
      if (!seen.has(name)) declared.push(name);
      seen.add(name);
    }
    const lookup = (name: string): string | undefined => (seen.has(name) ? "" : undefined);

    function report(result: WordResult, reported: Set<string>, range: [number, number], what: string): void {
      // BuildKit still reports the names it looked up before the error, so the references stand either way.
      if (result.error !== null && isSyntaxError(result.error)) {
        context.report({ loc: sourceCode.positions.locOf(range), messageId: "badSubstitution", data: { what, word: shorten(text.slice(range[0], range[1]), 40), error: result.error } });
      }
      for (const reference of result.references) {
        if (reference.found || reported.has(reference.name)) continue;
        reported.add(reference.name);
        const name = reference.name;
        const loc = sourceCode.positions.locOf([reference.start, reference.end]);
        const line = stageArgs.get(name);
        if (line !== undefined) {
          context.report({ loc, messageId: "declaredInStage", data: { name, line: String(line) } });
          continue;
        }
        const suggestion = reference.special ? null : closestName(name, declared, { budget: suggestionBudget });
        context.report({
          loc,
          messageId: "undeclared",
          data: { name, hint: suggestion ? ` (did you mean '${suggestion}'?)` : "" },
          suggest:
            suggestion && reference.nameEnd > reference.nameStart
              ? [{ messageId: "suggestRename", data: { suggestion }, fix: (fixer) => fixer.replaceTextRange([reference.nameStart, reference.nameEnd], suggestion) }]
              : [],
        });
      }
    }

    return {
      From(node: FromNode) {
        const reported = new Set<string>();
        for (const flag of node.flags) {
          if (flag.name.toLowerCase() === "platform" && flag.valueRange) {
            report(processSourceRange(text, flag.valueRange, escapeChar, lookup), reported, flag.valueRange, "--platform value");
          }
        }
        if (node.image) report(processSourceRange(text, node.image.range, escapeChar, lookup), reported, node.image.range, "image");
      },
    };
  },
};

export default rule;
