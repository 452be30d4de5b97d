/**
 * Variables that Docker substitutes in an instruction (ENV, LABEL, ARG
 * defaults, COPY/ADD, WORKDIR, USER, VOLUME, STOPSIGNAL, EXPOSE, RUN
 * mounts) but that nothing declares at that point of the stage, so they
 * become empty strings. Shell-form and exec-form RUN, CMD and ENTRYPOINT are
 * left to the shell, as in BuildKit.
 */
import { mayReferenceVariables, processExecString, processSourceRange } from "../lib/variables/index.js";
import type { WordReference, WordResult } from "../lib/variables/index.js";
import { PREDEFINED_ARGS } from "../lib/facts/index.js";
import type { Stage } from "../lib/facts/index.js";
import { closestName, shorten, SuggestionBudget } from "../lib/text/index.js";
import { argDeclarations } from "../lib/variables/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { SuggestedEdit } from "@eslint/core";
import type { ArgNode, EnvNode, InstructionNode, KeyValueNode, Range } from "../lib/language/index.js";

type Options = [{ baseImageEnv?: "unknown" | "empty"; allow?: string[] }];
type MessageIds =
  | "undefinedVar"
  | "usedBeforeDeclared"
  | "argDefaultReadsItself"
  | "globalArgNotInStage"
  | "predefinedArgNotInStage"
  | "declaredInOtherStage"
  | "shellParameter"
  | "suggestRename"
  | "suggestDeclare"
  | "suggestEscape";

const NO_REFERENCES: WordResult = { value: "", references: [], error: null, unresolved: [], exceeded: false };

/** BuildKit's own ARGs that never become environment variables. */
const NON_ENV_ARGS = new Set(["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"]);

/** Platform ARGs BuildKit also defines, beyond the ones `lib/stages.ts` lists. */
const MORE_PLATFORM_ARGS = new Set(["BUILDOSVERSION", "TARGETOSVERSION"]);

interface Declaration {
  stage: Stage;
  node: InstructionNode;
  kind: "ARG" | "ENV";
}

/** Where a word is: an ENV pair (which sees no other pair of its ENV) or an ARG pair. */
interface Where {
  env?: EnvNode;
  pair?: KeyValueNode;
  /** The name an ARG word declares. */
  argName?: string;
  /** The escape character of the text, when not the file's (heredoc bodies use `\`). */
  escape?: string;
}

interface Scope {
  /** True when every variable of the stage is known (it starts from scratch). */
  complete: boolean;
  /** ARG (with or without a value) and ENV names in scope. */
  declared: Set<string>;
  /** Names with a value, in order, for "did you mean". */
  withValue: Set<string>;
}

function copyScope(scope: Scope): Scope {
  return { complete: scope.complete, declared: new Set(scope.declared), withValue: new Set(scope.withValue) };
}

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== "\n" && text[i - 1] !== "\r") i--;
  return i;
}

function hasLowerCase(name: string): boolean {
  return name !== name.toUpperCase();
}

const rule: DockerfileRuleDefinition<{ RuleOptions: Options; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Disallow variables that are not declared where Docker substitutes them",
      url: docsUrl("no-undefined-var"),
    },
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          baseImageEnv: {
            enum: ["unknown", "empty"],
            description:
              "`unknown` (default): a stage built on an image may get upper-case variables from the image's ENV, so those are reported only when they look like a mistake. `empty`: report every variable the Dockerfile does not declare.",
          },
          allow: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Variable names never reported, such as the ENV names of your base images.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ baseImageEnv: "unknown", allow: [] }],
    messages: {
      undefinedVar: "'{{ref}}' is not declared at this point, so Docker substitutes an empty string{{hint}}.",
      usedBeforeDeclared: "'{{ref}}' is used before its {{kind}} on line {{line}}, so Docker substitutes an empty string here.",
      argDefaultReadsItself:
        "'{{ref}}' in the default of 'ARG {{name}}' reads it before the ARG declares it, so it is empty there.",
      globalArgNotInStage:
        "'{{ref}}' is a global ARG, which only FROM lines see, so Docker substitutes an empty string until 'ARG {{name}}' in this stage.",
      predefinedArgNotInStage:
        "'{{ref}}' is a predefined build argument, which a stage sees only after 'ARG {{name}}', so Docker substitutes an empty string.",
      declaredInOtherStage:
        "'{{ref}}' is declared in another stage (line {{line}}), and ARG and ENV do not cross stages, so Docker substitutes an empty string.",
      shellParameter:
        "'{{ref}}' is a shell parameter, but Docker substitutes it in {{keyword}} itself, with no shell, so it is empty; write '{{escaped}}'.",
      suggestRename: "Use '${{suggestion}}' instead.",
      suggestDeclare: "Add 'ARG {{name}}' after this stage's FROM.",
      suggestEscape: "Escape the dollar sign.",
    },
  },

  create(context) {
    const [{ baseImageEnv = "unknown", allow = [] }] = context.options;
    const allowed = new Set(allow);
    const { sourceCode } = context;
    const { facts } = sourceCode;
    // Did-you-mean compares names pairwise: bounded per file, as files may declare thousands.
    const suggestionBudget = new SuggestionBudget();
    const text = sourceCode.text;
    const escapeChar = facts.escapeChar;

    /** Global ARG names, true for those with a default. */
    const globals = new Map<string, boolean>();
    for (const node of sourceCode.ast.body) {
      if (node.type === "From") break;
      if (node.type !== "Arg") continue;
      for (const declaration of argDeclarations(node)) {
        globals.set(declaration.name, declaration.value !== null || globals.get(declaration.name) === true);
      }
    }

    function declarationsByName(): Map<string, Declaration[]> {
      const map = new Map<string, Declaration[]>();
      for (const stage of facts.stages) {
        for (const node of stage.instructions) {
          const names =
            node.type === "Arg" ? argDeclarations(node).map((d) => d.name) : node.type === "Env" ? node.pairs.map((pair) => pair.key.value) : [];
          for (const name of names) {
            const list = map.get(name) ?? [];
            list.push({ stage, node, kind: node.type === "Arg" ? "ARG" : "ENV" });
            map.set(name, list);
          }
        }
      }
      return map;
    }

    function lineBreak(): string {
      const match = /\r\n|\r|\n/u.exec(text);
      return match ? match[0] : "\n";
    }

    function check(): void {
      const declarations = declarationsByName();
      const finalScopes = new Map<Stage, Scope>();

      for (const stage of facts.stages) {
        const parentScope = stage.base.kind === "stage" ? finalScopes.get(stage.base.stage) : undefined;
        const scope: Scope = parentScope
          ? copyScope(parentScope)
          : { complete: stage.base.kind === "scratch", declared: new Set(["PATH"]), withValue: new Set(["PATH"]) };

        for (const node of stage.instructions) {
          const reported = new Set<string>();
          const report = (result: WordResult, where: Where = {}): void => {
            // A word BuildKit rejects fails the build for another reason.
            if (result.error !== null) return;
            for (const reference of result.references) {
              if (reported.has(reference.name)) continue;
              if (reportReference(reference, node, stage, scope, declarations, where)) reported.add(reference.name);
            }
          };
          const lookup = (name: string): string | undefined => (scope.declared.has(name) || allowed.has(name) || NON_ENV_ARGS.has(name) ? "" : undefined);
          // Most words have no `$`: nothing to look up.
          const range = (r: Range): WordResult => (mayReferenceVariables(text, r) ? processSourceRange(text, r, escapeChar, lookup) : NO_REFERENCES);

          switch (node.type) {
            case "Env":
              for (const pair of node.pairs) {
                report(range(pair.key.range), { env: node, pair });
                if (pair.value) report(range(pair.value.range), { env: node, pair });
              }
              for (const pair of node.pairs) {
                scope.declared.add(pair.key.value);
                scope.withValue.add(pair.key.value);
              }
              break;
            case "Label":
              for (const pair of node.pairs) {
                report(range(pair.key.range));
                if (pair.value) report(range(pair.value.range));
              }
              break;
            case "Arg":
              declareArgs(node, scope, (argName, r) => {
                report(range(r), { argName });
              });
              break;
            case "Copy":
            case "Add":
              for (const flag of node.flags) {
                const name = flag.name.toLowerCase();
                if ((name === "chown" || name === "chmod" || (name === "checksum" && node.type === "Add")) && flag.valueRange) {
                  report(range(flag.valueRange));
                }
              }
              for (const word of [...node.sources, ...(node.destination ? [node.destination] : [])]) {
                if (word.type === "ExecArgument") {
                  report(processExecString(text, word, escapeChar, lookup));
                } else if (!word.value.startsWith("<<")) {
                  report(range(word.range));
                }
              }
              for (const heredoc of node.heredocs) {
                if (heredoc.quoted || !heredoc.contentRange) continue;
                // BuildKit expands heredoc bodies with `\` as escape and quotes as plain text.
                if (!heredoc.content.includes("$")) continue;
                report(processSourceRange(text, heredoc.contentRange, "\\", lookup, { processQuotes: false }), { escape: "\\" });
              }
              break;
            case "Workdir":
            case "User":
            case "Stopsignal": {
              const first = node.arguments[0];
              const last = node.arguments.at(-1);
              if (first && last) report(range([first.range[0], last.range[1]]));
              break;
            }
            case "Volume":
              if (node.exec) {
                for (const word of node.exec) report(processExecString(text, word, escapeChar, lookup));
              } else {
                for (const word of node.arguments) report(range(word.range));
              }
              break;
            case "Expose":
              for (const word of node.arguments) report(range(word.range));
              break;
            case "Run":
              for (const flag of node.flags) {
                if (flag.name.toLowerCase() !== "mount") continue;
                for (const option of flag.options) {
                  if (option.valueRange) report(range(option.valueRange));
                }
              }
              break;
            default:
              break;
          }
        }
        finalScopes.set(stage, scope);
      }
    }

    /** Checks and declares the pairs of a stage ARG one by one: a pair sees the pairs before it. */
    function declareArgs(node: ArgNode, scope: Scope, checkValue: (name: string, range: Range) => void): void {
      for (const declaration of argDeclarations(node)) {
        if (declaration.valueRange) checkValue(declaration.name, declaration.valueRange);
        scope.declared.add(declaration.name);
        if (declaration.value !== null || globals.get(declaration.name) === true) scope.withValue.add(declaration.name);
      }
    }

    function declareSuggestion(stage: Stage, name: string): SuggestedEdit<MessageIds> {
      const from = stage.from;
      const lineStart = lineStartOf(text, from.range[0]);
      const indent = /^[\t ]*/u.exec(text.slice(lineStart, from.range[0]))?.[0] ?? "";
      return {
        messageId: "suggestDeclare",
        data: { name },
        fix: (fixer) => fixer.insertTextAfterRange(from.range, `${lineBreak()}${indent}ARG ${name}`),
      };
    }

    /** Reports one reference if it is undefined; returns true when it reported. */
    function reportReference(
      reference: WordReference,
      node: InstructionNode,
      stage: Stage,
      scope: Scope,
      declarations: Map<string, Declaration[]>,
      where: Where,
    ): boolean {
      if (reference.found) return false;
      const name = reference.name;
      const loc = sourceCode.positions.locOf([reference.start, reference.end]);
      const ref = text.slice(reference.start, reference.end);

      if (reference.special) {
        const dollar = reference.start;
        const escape = where.escape ?? escapeChar;
        context.report({
          loc,
          messageId: "shellParameter",
          data: { ref: shorten(ref, 40), keyword: node.keyword, escaped: shorten(`${escape}${ref}`, 40) },
          suggest:
            text[dollar] === "$"
              ? [{ messageId: "suggestEscape", fix: (fixer) => fixer.insertTextBeforeRange([dollar, dollar + 1], escape) }]
              : [],
        });
        return true;
      }

      const data = { ref: shorten(ref, 40), name, kind: "", line: "", hint: "", suggestion: "" };
      const all = declarations.get(name) ?? [];

      // A pair of the same ENV set it just before: no-env-same-instruction-reference says what is read instead.
      const pairIndex = where.pair ? (where.env?.pairs.indexOf(where.pair) ?? -1) : -1;
      if (where.env && where.env.pairs.slice(0, Math.max(pairIndex, 0)).some((pair) => pair.key.value === name)) return true;
      if (where.argName === name) {
        context.report({ loc, messageId: "argDefaultReadsItself", data });
        return true;
      }
      // `ENV X=$X:…` extends a value the base image may set: only the checks below apply.
      const extendsItself = !scope.complete && where.pair?.key.value === name;
      const later = extendsItself ? undefined : all.find((declaration) => declaration.stage === stage && declaration.node.range[0] > node.range[0]);
      if (later) {
        data.kind = later.kind;
        data.line = String(later.node.loc.start.line);
        context.report({ loc, messageId: "usedBeforeDeclared", data });
        return true;
      }
      if (globals.has(name)) {
        context.report({ loc, messageId: "globalArgNotInStage", data, suggest: [declareSuggestion(stage, name)] });
        return true;
      }
      // Proxy, platform and BuildKit arguments are build arguments, not the image's ENV.
      if (PREDEFINED_ARGS.has(name) || MORE_PLATFORM_ARGS.has(name)) {
        context.report({ loc, messageId: "predefinedArgNotInStage", data, suggest: [declareSuggestion(stage, name)] });
        return true;
      }
      const elsewhere = extendsItself ? undefined : all.find((declaration) => declaration.stage !== stage);
      if (elsewhere) {
        data.line = String(elsewhere.node.loc.start.line);
        context.report({ loc, messageId: "declaredInOtherStage", data });
        return true;
      }

      let suggestion = closestName(name, scope.withValue, { budget: suggestionBudget });
      if (!scope.complete && baseImageEnv === "unknown" && !hasLowerCase(name)) {
        // The image's ENV may set it (golang sets GOPATH, python PYTHON_VERSION): report only
        // a name one slip away from a variable in scope, such as PAHT for PATH.
        suggestion = name.length >= 4 ? closestName(name, scope.withValue, { limit: 2, transpositions: true, budget: suggestionBudget }) : null;
        if (suggestion === null) return false;
      }
      data.suggestion = suggestion ?? "";
      data.hint = suggestion ? ` (did you mean '$${suggestion}'?)` : "";
      context.report({
        loc,
        messageId: "undefinedVar",
        data,
        suggest:
          suggestion && reference.nameEnd > reference.nameStart
            ? [{ messageId: "suggestRename", data: { suggestion }, fix: (fixer) => fixer.replaceTextRange([reference.nameStart, reference.nameEnd], suggestion) }]
            : [],
      });
      return true;
    }

    return {
      Dockerfile: check,
    };
  },
};

export default rule;
