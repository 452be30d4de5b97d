/**
 * `COPY --from=<stage or image> / /`: the whole filesystem of another stage
 * copied over this one.
 */
import { processExecString, processSourceRange } from "../lib/variables/index.js";
import { cleanPath } from "../lib/facts/index.js";
import { globMatcher } from "../lib/text/index.js";
import { parseImageReference } from "../lib/images/index.js";
import type { Stage } from "../lib/facts/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { ArgumentNode, CopyNode, ExecArgumentNode } from "../lib/language/index.js";

type Options = [{ allow?: string[] }];
type MessageIds = "rootCopy";

/** Images made to be copied whole: they hold only the files meant for another image. */
const DEFAULT_ALLOW = ["tonistiigi/xx", "crazymax/yasu", "gloursdocker/docker"];

/** The first stage of a FROM chain: what the stage's filesystem starts from. */
function rootOf(stage: Stage): Stage {
  let current = stage;
  for (let hops = 0; current.base.kind === "stage" && hops < 100; hops++) current = current.base.stage;
  return current;
}

const rule: DockerfileRuleDefinition<{ RuleOptions: Options; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Disallow copying the whole filesystem of another stage or image with COPY --from=… / /",
      url: docsUrl("no-copy-root-fs"),
    },
    schema: [
      {
        type: "object",
        properties: {
          allow: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Glob patterns of image names (without tag) whose whole filesystem is meant to be copied, such as helper images built FROM scratch.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allow: DEFAULT_ALLOW }],
    messages: {
      rootCopy:
        "'COPY --from={{from}} / /' copies the whole filesystem of '{{from}}' over this stage, package database and build tools included.",
    },
  },

  create(context) {
    const [{ allow = DEFAULT_ALLOW }] = context.options;
    const allowed = globMatcher(allow);
    const { sourceCode } = context;
    const { facts } = sourceCode;
    const text = sourceCode.text;

    function isRoot(node: CopyNode, word: ArgumentNode | ExecArgumentNode): boolean {
      const scope = facts.lookupAt(node);
      const lookup = (name: string): string | undefined => scope(name) ?? undefined;
      const result = word.type === "ExecArgument"
        ? processExecString(text, word, facts.escapeChar, lookup, { budget: facts.expansionBudget })
        : processSourceRange(text, word.range, facts.escapeChar, lookup, { budget: facts.expansionBudget });
      return result.error === null && result.value !== "" && cleanPath(result.value) === "/";
    }

    return {
      Copy(node: CopyNode) {
        const from = node.flags.find((flag) => flag.name.toLowerCase() === "from");
        if (!from?.value || !node.destination || from.value.includes("$")) return;
        const stage = facts.stageOf(node);
        // Copying everything into an empty stage is how an image is flattened.
        if (stage && rootOf(stage).base.kind === "scratch") return;
        const source = /^\d+$/u.test(from.value) ? (facts.stages[Number(from.value)] ?? null) : facts.findStage(from.value, stage?.index);
        const base = source ? rootOf(source).base : null;
        // A stage built FROM scratch holds only what was put there for export.
        if (base?.kind === "scratch" || base?.kind === "unknown") return;
        const ref = base ? (base.kind === "image" ? base.ref : null) : parseImageReference(from.value);
        if (ref && (allowed(ref.name) || allowed(ref.normalizedName))) return;
        if (!isRoot(node, node.destination)) return;
        const root = node.sources.find((source) => isRoot(node, source));
        if (!root) return;
        context.report({
          loc: sourceCode.positions.locOf([from.range[0], node.destination.range[1]]),
          messageId: "rootCopy",
          data: { from: from.value },
        });
      },
    };
  },
};

export default rule;
