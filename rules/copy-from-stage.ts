/**
 * `COPY --from=` and `RUN --mount=…,from=` must name a stage defined before
 * the current one, or an image written so that it cannot be taken for a
 * stage: not a missing or later stage, not the current stage, and no
 * variables, which BuildKit does not substitute there.
 */
import { processWord } from "../lib/variables/index.js";
import { closestName, shorten, SuggestionBudget } from "../lib/text/index.js";
import type { Stage } from "../lib/facts/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { InstructionNode, Range } from "../lib/language/index.js";

type Options = [{ namedContexts?: string[] }];
type MessageIds = "selfReference" | "laterStage" | "missingStage" | "missingIndex" | "variable" | "suggestRename";

const rule: DockerfileRuleDefinition<{ RuleOptions: Options; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Require COPY --from and mount from= to name an earlier stage or an image with a tag or registry",
      url: docsUrl("copy-from-stage"),
    },
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          namedContexts: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Names of build contexts passed with `docker buildx build --build-context <name>=…` (or a bake file), which `--from` may name.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ namedContexts: [] }],
    messages: {
      selfReference:
        "{{what}} '{{value}}' names the stage this instruction is in, and a stage cannot copy from itself, so Docker stops with a circular dependency.",
      laterStage:
        "{{what}} '{{value}}' names stage '{{stage}}', defined later on line {{line}}, which only BuildKit follows and which breaks the build order.",
      missingStage:
        "{{what}} '{{value}}' is no earlier stage{{hint}} and no full image name, so Docker would pull '{{value}}:latest'.",
      missingIndex: "{{what}} '{{value}}' is a stage index, but this file has only {{count}} stage(s), numbered from 0.",
      variable: "{{what}} '{{value}}' holds a variable, which BuildKit does not expand there, so the build fails.",
      suggestRename: "Use '{{suggestion}}' instead.",
    },
  },

  create(context) {
    const [{ namedContexts = [] }] = context.options;
    const contexts = new Set(namedContexts.map((name) => name.toLowerCase()));
    const { sourceCode } = context;
    const { facts } = sourceCode;
    // Did-you-mean compares names pairwise: bounded per file, as files may declare thousands.
    const suggestionBudget = new SuggestionBudget();
    const stages = facts.stages;

    function check(node: InstructionNode, stage: Stage | null, what: string, value: string, range: Range): void {
      const loc = sourceCode.positions.locOf(range);
      const current = stage ? stage.index : -1;
      const data = { what, value: shorten(value, 32), stage: "", line: "", hint: "", count: String(stages.length), suggestion: "" };
      const word = processWord(value, () => undefined, { escapeChar: facts.escapeChar });
      if (word.references.length > 0) {
        context.report({ loc, messageId: "variable", data });
        return;
      }
      if (/^\d+$/u.test(value)) {
        const index = Number(value);
        if (index >= stages.length) context.report({ loc, messageId: "missingIndex", data });
        else if (index === current) context.report({ loc, messageId: "selfReference", data });
        else if (index > current) {
          const target = stages[index];
          data.stage = target?.name ?? value;
          data.line = String(target?.from.loc.start.line ?? "");
          context.report({ loc, messageId: "laterStage", data });
        }
        return;
      }
      if (facts.findStage(value, current) !== null) return;
      const key = value.toLowerCase();
      const same = stages.find((candidate) => candidate.name?.toLowerCase() === key);
      if (same) {
        if (same.index === current) {
          context.report({ loc, messageId: "selfReference", data });
        } else {
          data.stage = same.name ?? value;
          data.line = String(same.from.loc.start.line);
          context.report({ loc, messageId: "laterStage", data });
        }
        return;
      }
      // A `/`, `:` or `@` cannot be in a stage name: it is an image.
      if (/[/:@]/u.test(value) || contexts.has(key)) return;
      const earlier = stages.filter((candidate) => candidate.index < current && candidate.name !== null).map((candidate) => candidate.name ?? "");
      const suggestion = closestName(value, earlier, { caseSensitive: false, budget: suggestionBudget });
      data.hint = suggestion ? ` (did you mean '${suggestion}'?)` : "";
      context.report({
        loc,
        messageId: "missingStage",
        data,
        suggest: suggestion ? [{ messageId: "suggestRename", data: { suggestion }, fix: (fixer) => fixer.replaceTextRange(range, suggestion) }] : [],
      });
    }

    function checkNode(node: InstructionNode, stage: Stage | null): void {
      for (const flag of node.flags) {
        const name = flag.name.toLowerCase();
        if (name === "from" && node.type === "Copy" && flag.value !== null && flag.valueRange) {
          check(node, stage, "COPY --from", flag.value, flag.valueRange);
        } else if (name === "mount" && node.type === "Run") {
          const from = flag.options.find((option) => option.name.toLowerCase() === "from");
          if (from?.value && from.valueRange) check(node, stage, "The mount's from=", from.value, from.valueRange);
        }
      }
    }

    return {
      Dockerfile() {
        // Instructions before the first FROM belong to no stage; ONBUILD triggers name the stages of another build.
        for (const node of sourceCode.ast.body) {
          if (node.type === "From") break;
          checkNode(node, null);
        }
        for (const stage of stages) {
          for (const node of stage.instructions) checkNode(node, stage);
        }
      },
    };
  },
};

export default rule;
