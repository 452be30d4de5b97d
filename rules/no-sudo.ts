/**
 * `sudo` in a RUN (hadolint DL3004). RUN already runs as the stage's USER;
 * sudo adds a TTY- and configuration-dependent layer that behaves differently
 * in builds and at run time.
 */
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import { unwrapCommand } from "../lib/shell/index.js";

type MessageIds = "noSudo";

function isSudo(value: string): boolean {
  return value === "sudo" || value.endsWith("/sudo");
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Disallow `sudo` in RUN commands",
      url: docsUrl("no-sudo"),
    },
    schema: [],
    messages: {
      noSudo:
        "'sudo' in a RUN depends on /etc/sudoers, a TTY and the environment it resets, so it can hang or fail; switch with 'USER root' instead.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const { facts } = sourceCode;
    return {
      Run(node) {
        for (const cmd of facts.shellOf(node).commands) {
          for (const wrapper of unwrapCommand(cmd).wrappers) {
            if (wrapper.dynamic || !isSudo(wrapper.value)) continue;
            context.report({ loc: sourceCode.positions.locOf([wrapper.start, wrapper.end]), messageId: "noSudo" });
          }
        }
      },
    };
  },
};

export default rule;
