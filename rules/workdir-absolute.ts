/**
 * A relative WORKDIR before any absolute one in the stage (or its parent
 * stages in this file): it resolves against the base image's working
 * directory, which the base image can change. ARG and ENV values are
 * substituted first; a path that starts with a variable this file cannot
 * resolve (such as `$HOME`, set by the base image) is left alone.
 */
import type { InstructionNode } from "../lib/language/index.js";
import { docsUrl } from "../lib/language/index.js";
import { shorten } from "../lib/text/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { Stage } from "../lib/facts/index.js";

type MessageIds = "relative" | "tilde";

/** `/x`, `\x` and Windows drive paths (`C:\x`, `C:/x`, `C:`) are absolute. */
function isAbsolute(path: string): boolean {
  const first = path.charCodeAt(0);
  if (first === 47 /* / */ || first === 92 /* \ */) return true;
  const isLetter = (first >= 65 && first <= 90) || (first >= 97 && first <= 122);
  return isLetter && path[1] === ":";
}

function stripLeadingQuotes(text: string): string {
  let i = 0;
  while (i < text.length && (text[i] === '"' || text[i] === "'")) i++;
  return text.slice(i);
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Require the first WORKDIR of a stage to be an absolute path",
      url: docsUrl("workdir-absolute"),
    },
    schema: [],
    messages: {
      relative:
        "Relative WORKDIR '{{path}}'{{resolved}}, with no absolute one before it, follows the base image's working directory.",
      tilde:
        "WORKDIR '{{path}}' is not the home directory: WORKDIR does no shell expansion, so '~' is a directory literally named '~'.",
    },
  },

  create(context) {
    const { facts } = context.sourceCode;
    /** Stages known to set a WORKDIR (any WORKDIR counts, as in BuildKit), by stage. */
    const setsWorkdir = new Map<Stage, boolean>();

    function inheritsWorkdir(stage: Stage): boolean {
      // Follow the chain of parent stages in this file; the base image's own WORKDIR does not count.
      let parent = stage.base.kind === "stage" ? stage.base.stage : null;
      for (let hops = 0; parent && hops < 100; hops++) {
        if (setsWorkdir.get(parent) ?? parent.instructions.some((node) => node.type === "Workdir")) return true;
        parent = parent.base.kind === "stage" ? parent.base.stage : null;
      }
      return false;
    }

    function check(node: InstructionNode): boolean {
      const word = node.arguments[0];
      if (!word) return false;
      const expansion = facts.expand(word.value, node);
      const path = stripLeadingQuotes(expansion.value);
      if (isAbsolute(path)) return false;
      const written = stripLeadingQuotes(word.value);
      // `$HOME/app`: the base image may define the variable; this file cannot tell.
      if (expansion.unresolved.length > 0 && (written.startsWith("$") || path === "")) return false;
      if (path.startsWith("~")) {
        context.report({ loc: word.loc, messageId: "tilde", data: { path: word.value } });
        return true;
      }
      const tail = path.replaceAll('"', "").replaceAll("'", "").replace(/^\.\//u, "");
      context.report({
        loc: word.loc,
        messageId: "relative",
        data: {
          path: shorten(word.value, 32),
          resolved: expansion.value === word.value ? "" : ` (resolves to '${shorten(expansion.value, 32)}')`,
          suggestion: tail === "." || tail === "" ? "app" : tail,
        },
      });
      return true;
    }

    return {
      "Dockerfile:exit"() {
        for (const stage of facts.stages) {
          let set = inheritsWorkdir(stage);
          for (const node of stage.instructions) {
            if (node.type !== "Workdir") continue;
            if (!set) check(node);
            set = true;
          }
          setsWorkdir.set(stage, set);
        }
      },
    };
  },
};

export default rule;
