/**
 * `ENV A=1 B=$A`: Docker expands every value of an ENV with the variables as
 * they were before the instruction, so `$A` is not the `1` set just before
 * it. Reports each reference to a variable that an earlier pair of the same
 * ENV sets, with what it reads instead.
 */
import { mayReferenceVariables, processSourceRange } from "../lib/variables/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition, EnvNode, KeyValueNode } from "../lib/language/index.js";

type MessageIds = "earlierValue" | "splitEnv";

/** Longest value quoted in a message. */
const SHOWN = 32;

function shown(value: string): string {
  const one = value.replace(/\s+/gu, " ");
  return one.length > SHOWN ? `'${one.slice(0, SHOWN - 1)}…'` : `'${one}'`;
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    type: "problem",
    docs: {
      description: "Disallow ENV values that read a variable set earlier in the same ENV instruction",
      url: docsUrl("no-env-same-instruction-reference"),
    },
    languages: ["dockerfile/dockerfile"],
    hasSuggestions: true,
    schema: [],
    messages: {
      earlierValue: "'{{ref}}' reads {{before}}, not the {{name}} set before it: an ENV expands all its values first.",
      splitEnv: "Start a new ENV at '{{key}}=' so that it reads the new {{name}}.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const { text, facts } = sourceCode;
    const escapeChar = sourceCode.ast.escapeChar;

    /** The text between two pairs, if it is only blanks and line continuations (no comment to lose). */
    function separator(previous: KeyValueNode, pair: KeyValueNode): [number, number] | undefined {
      const start = previous.range[1];
      const end = pair.range[0];
      const between = text.slice(start, end);
      if (between.includes("#")) return undefined;
      const withoutContinuations = between.split(escapeChar).join("");
      return withoutContinuations.trim() === "" ? [start, end] : undefined;
    }

    function describe(node: EnvNode, name: string): string {
      const before = facts.lookupAt(node)(name);
      if (typeof before === "string") return before === "" ? "an empty string" : `the earlier ${shown(before)}`;
      // Docker gives every Linux stage a PATH when the image has none.
      if (before === null || name === "PATH") return "its earlier value";
      return "an empty string or the base image's value";
    }

    /**
     * True when the pair sets its variable to the value it already had, as in
     * `ARG V=1` then `ENV V=$V W=$V`: reading the earlier value is then right.
     */
    function keepsValue(node: EnvNode, pair: KeyValueNode): boolean {
      const name = pair.key.value;
      const own = pair.unquotedValue;
      if (own === `$${name}` || own === `\${${name}}`) return true;
      if (!pair.value) return false;
      const lookup = facts.lookupAt(node);
      const before = lookup(name);
      if (typeof before !== "string") return false;
      const result = processSourceRange(text, pair.value.range, escapeChar, (other) => lookup(other) ?? undefined);
      return result.error === null && result.value === before;
    }

    function checkEnv(node: EnvNode): void {
      if (node.legacy) return;
      const setBefore = new Map<string, KeyValueNode>();
      node.pairs.forEach((pair, index) => {
        const value = pair.value;
        if (value && index > 0 && mayReferenceVariables(text, value.range)) {
          const result = processSourceRange(text, value.range, escapeChar, () => "");
          if (result.error === null) {
            const reported = new Set<string>();
            for (const reference of result.references) {
              const setter = setBefore.get(reference.name);
              if (reference.special || reported.has(reference.name) || !setter || keepsValue(node, setter)) continue;
              reported.add(reference.name);
              const previous = node.pairs[index - 1];
              const cut = previous ? separator(previous, pair) : undefined;
              const parent = sourceCode.getParent(node);
              const written = (of: { keywordRange: [number, number] }): string => text.slice(of.keywordRange[0], of.keywordRange[1]);
              const keyword = parent?.type === "Onbuild" ? `${written(parent)} ${written(node)}` : written(node);
              context.report({
                loc: sourceCode.positions.locOf([reference.start, reference.end]),
                messageId: "earlierValue",
                data: { ref: text.slice(reference.start, reference.end), name: reference.name, before: describe(node, reference.name) },
                suggest: cut
                  ? [{ messageId: "splitEnv", data: { key: pair.key.value, name: reference.name }, fix: (fixer) => fixer.replaceTextRange(cut, `\n${keyword} `) }]
                  : [],
              });
            }
          }
        }
        setBefore.set(pair.key.value, pair);
      });
    }

    // ONBUILD ENV triggers are visited as Env nodes too.
    return { Env: checkEnv };
  },
};

export default rule;
