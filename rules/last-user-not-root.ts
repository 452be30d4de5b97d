/**
 * The image a plain `docker build` produces (the last stage) should not end
 * with USER root: its processes would run as root.
 */
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { InstructionNode } from "../lib/language/index.js";
import type { Stage } from "../lib/facts/index.js";

type MessageIds = "rootUser" | "inheritedRootUser";

/** `root`, `0`, and either with a group (`root:root`, `0:0`, `root:wheel`). */
function isRoot(user: string): boolean {
  const name = user.split(":")[0] ?? "";
  return name === "root" || name === "0";
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Disallow ending the final stage as the root user",
      url: docsUrl("last-user-not-root"),
    },
    schema: [],
    messages: {
      rootUser:
        "The final image runs as root, as this is the last USER of the last stage, so a compromised process has root's power in the container.",
      inheritedRootUser:
        "The final image runs as root: the last stage has no USER and inherits 'USER {{user}}' from stage '{{stage}}'.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const { facts } = sourceCode;

    function lastUser(stage: Stage): InstructionNode | undefined {
      return stage.instructions.findLast((node) => node.type === "User");
    }

    return {
      Dockerfile() {
        const last = facts.stages.at(-1);
        if (!last) return;
        let stage: Stage = last;
        let user = lastUser(stage);
        // A stage built FROM another stage starts as that stage's user.
        for (let hops = 0; !user && stage.base.kind === "stage" && hops < 100; hops++) {
          stage = stage.base.stage;
          user = lastUser(stage);
        }
        const first = user?.arguments[0];
        const final = user?.arguments.at(-1);
        if (!user || !first || !final) return;
        const written = sourceCode.text.slice(first.range[0], final.range[1]);
        const expansion = facts.expand(written, user);
        if (expansion.unresolved.length > 0) return;
        const value = expansion.value.replace(/^["']|["']$/gu, "");
        if (!isRoot(value)) return;
        const loc = sourceCode.positions.locOf([first.range[0], final.range[1]]);
        if (stage === last) {
          context.report({ loc, messageId: "rootUser" });
        } else {
          context.report({ loc, messageId: "inheritedRootUser", data: { user: value, stage: stage.name ?? String(stage.index) } });
        }
      },
    };
  },
};

export default rule;
