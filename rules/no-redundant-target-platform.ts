/**
 * `FROM --platform=$TARGETPLATFORM` asks for what a stage gets anyway.
 */
import { argDeclarations, PLATFORM_ARG_DEFAULTS } from "../lib/variables/index.js";
import { processSourceRange } from "../lib/variables/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { FlagNode, FromNode } from "../lib/language/index.js";

type MessageIds = "redundantPlatform";

const PLAIN = new Set(["$TARGETPLATFORM", "${TARGETPLATFORM}"]);

function isBlank(ch: string | undefined): boolean {
  return ch === " " || ch === "\t";
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "suggestion",
    docs: {
      description: "Disallow FROM --platform=$TARGETPLATFORM, which is what a stage gets by default",
      url: docsUrl("no-redundant-target-platform"),
    },
    fixable: "code",
    schema: [],
    messages: {
      redundantPlatform:
        "'--platform={{value}}' is redundant: a stage is built for the target platform unless it says otherwise.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const text = sourceCode.text;
    const escapeChar = sourceCode.facts.escapeChar;

    /** True when a global ARG gives TARGETPLATFORM a default of its own: then the flag changes the platform. */
    let overridden = false;
    for (const node of sourceCode.ast.body) {
      if (node.type === "From") break;
      if (node.type !== "Arg") continue;
      if (argDeclarations(node).some((d) => d.name === "TARGETPLATFORM" && d.value !== null)) overridden = true;
    }
    const lookup = (name: string): string | undefined => (Object.hasOwn(PLATFORM_ARG_DEFAULTS, name) ? PLATFORM_ARG_DEFAULTS[name] : undefined);

    function removal(flag: FlagNode): [number, number] {
      let end = flag.range[1];
      while (isBlank(text[end])) end++;
      return [flag.range[0], end];
    }

    return {
      From(node: FromNode) {
        if (overridden) return;
        for (const flag of node.flags) {
          if (flag.name.toLowerCase() !== "platform" || !flag.valueRange) continue;
          const result = processSourceRange(text, flag.valueRange, escapeChar, lookup);
          if (result.error !== null || result.references.length === 0) continue;
          // BuildKit's test: TARGETPLATFORM is the only variable read, and the value is the target platform.
          // Unlike BuildKit, `${TARGETPLATFORM:-linux/amd64}` is left alone: its default serves builders without BuildKit.
          if (!result.references.every((reference) => PLAIN.has(text.slice(reference.start, reference.end)))) continue;
          if (result.value !== PLATFORM_ARG_DEFAULTS.TARGETPLATFORM) continue;
          context.report({
            loc: sourceCode.positions.locOf(flag.range),
            messageId: "redundantPlatform",
            data: { value: flag.value ?? "" },
            // With no image after the flag, removing it can leave `FROM \` that joins the next line.
            fix: node.arguments.length > 0 ? (fixer) => fixer.removeRange(removal(flag)) : null,
          });
        }
      },
    };
  },
};

export default rule;
