/**
 * A build without `--build-arg` must work: the FROM image, with every
 * global ARG at its default, must be a valid image reference.
 */
import { argDeclarations, FROM_PREDEFINED_ARGS, PLATFORM_ARG_DEFAULTS } from "../lib/variables/index.js";
import { processSourceRange, processWord } from "../lib/variables/index.js";
import { isValidImageReference } from "../lib/images/index.js";
import { shorten } from "../lib/text/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";

type MessageIds = "invalidDefault";

/** Whether the message keeps within a terminal line with the detail; 87 is the rest of its text. */
function fits(image: string, value: string, detail: string): boolean {
  return Math.min(image.length, 22) + Math.min(value.length, 22) + detail.length + 87 <= 140;
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Require the default values of global ARGs to give a valid FROM image",
      url: docsUrl("valid-arg-default-in-from"),
    },
    schema: [],
    messages: {
      invalidDefault: "With default ARGs, '{{image}}' is '{{value}}', not a valid reference, so builds without --build-arg fail{{detail}}.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const text = sourceCode.text;
    const { facts } = sourceCode;
    const escapeChar = facts.escapeChar;

    return {
      Dockerfile() {
        const env = new Map<string, string>(Object.entries(PLATFORM_ARG_DEFAULTS));
        const lastStage = facts.stages.at(-1);
        env.set("TARGETSTAGE", lastStage?.name ?? "default");
        const declared = new Set(FROM_PREDEFINED_ARGS);
        const lookup = (name: string): string | undefined => env.get(name);

        for (const node of sourceCode.ast.body) {
          if (node.type === "From") break;
          if (node.type !== "Arg") continue;
          for (const declaration of argDeclarations(node)) {
            declared.add(declaration.name);
            if (declaration.value === null) continue;
            const result = processWord(declaration.value, lookup, { escapeChar, budget: facts.expansionBudget });
            // BuildKit gives up on the check when a default cannot be expanded.
            if (result.error !== null) return;
            env.set(declaration.name, result.value);
          }
        }

        for (const stage of facts.stages) {
          const image = stage.from.image;
          if (!image?.raw.includes("$")) continue;
          const result = processSourceRange(text, image.range, escapeChar, lookup, { budget: facts.expansionBudget });
          if (result.error !== null) continue;
          // An undeclared name is no-undefined-arg-in-from's report.
          if (result.references.some((reference) => !declared.has(reference.name))) continue;
          if (isValidImageReference(result.value)) continue;
          const unset = [...new Set(result.references.filter((reference) => !reference.found).map((reference) => reference.name))];
          const used = [...new Set(result.references.map((reference) => reference.name))];
          let detail: string;
          if (unset.length > 0) {
            detail = ` (${shorten(unset.map((name) => `'${name}'`).join(", "), 20)} ${unset.length === 1 ? "has" : "have"} no default)`;
          } else {
            detail = ` (see the default of ${shorten(used.map((name) => `'${name}'`).join(", "), 20)})`;
          }
          context.report({
            loc: image.loc,
            messageId: "invalidDefault",
            data: { image: shorten(image.raw, 22), value: shorten(result.value, 22), detail: fits(image.raw, result.value, detail) ? detail : "" },
          });
        }
      },
    };
  },
};

export default rule;
