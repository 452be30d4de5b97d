/**
 * `apt-get install` without `--no-install-recommends` (hadolint DL3015):
 * apt then installs every recommended package too.
 */
import type { RunNode } from "../lib/language/index.js";
import { findInstallCommands } from "../lib/packages/index.js";
import type { InstallCommand } from "../lib/packages/index.js";
import { insertOptionAfter } from "../lib/fix/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { Stage } from "../lib/facts/index.js";
import type { SimpleCommand } from "../lib/shell/index.js";
import { commandName } from "../lib/shell/index.js";

type MessageIds = "missingNoInstallRecommends";

const APT_ONLY = new Set(["apt"] as const);

/** `APT::Install-Recommends=false` (or `0`, `no`). */
function disablesRecommends(value: string): boolean {
  return /^APT::Install-Recommends\s*=\s*["']?(?:false|0|no|off)["']?$/iu.test(value.trim());
}

function installsWithoutRecommends(install: InstallCommand): boolean {
  return install.options.some(
    (option) =>
      option.name === "--no-install-recommends" ||
      (option.name === "--install-recommends" && /^(?:no|false|0)$/iu.test(option.value?.value ?? "")) ||
      ((option.name === "-o" || option.name === "--option") && disablesRecommends(option.value?.value ?? "")),
  );
}

/** A command that writes apt configuration turning recommends off: `echo 'APT::Install-Recommends "0";' > /etc/apt/apt.conf.d/…`. */
function writesNoRecommendsConfig(cmd: SimpleCommand): boolean {
  const name = commandName(cmd);
  if (name !== "echo" && name !== "printf" && name !== "tee" && name !== "cat") return false;
  const words = [...cmd.words.map((word) => word.value), ...cmd.redirects.map((redirect) => redirect.heredoc?.body ?? "")];
  return words.some((word) => /APT::Install-Recommends\W+(?:false|0)\b/iu.test(word));
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    type: "suggestion",
    docs: {
      description: "Require `--no-install-recommends` on `apt-get install`",
      url: docsUrl("apt-no-install-recommends"),
    },
    fixable: "code",
    schema: [],
    messages: {
      missingNoInstallRecommends:
        "'{{tool}} install' without '--no-install-recommends' also installs every package the named ones recommend: a bigger image, more to download on each cold build, and more packages to patch. Add '--no-install-recommends' and name what you need.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const { facts, text } = sourceCode;
    const configured = new WeakMap<Stage, number>();

    /** Offset of the first RUN of the stage (or its parents) that turns recommends off in apt's configuration; Infinity when none. */
    function configuredAt(stage: Stage | null, hops = 0): number {
      if (!stage || hops > 100) return Number.POSITIVE_INFINITY;
      const known = configured.get(stage);
      if (known !== undefined) return known;
      let at = stage.base.kind === "stage" ? (configuredAt(stage.base.stage, hops + 1) < Number.POSITIVE_INFINITY ? -1 : Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
      if (at === Number.POSITIVE_INFINITY) {
        for (const instruction of stage.instructions) {
          if (instruction.type !== "Run") continue;
          if (facts.shellOf(instruction).commands.some(writesNoRecommendsConfig)) {
            at = instruction.range[0];
            break;
          }
        }
      }
      configured.set(stage, at);
      return at;
    }

    function check(node: RunNode): void {
      const { commands } = facts.shellOf(node);
      const installs = findInstallCommands(commands, APT_ONLY).filter((install) => install.subcommand.value === "install");
      if (installs.length === 0) return;
      if (configuredAt(facts.stageOf(node)) <= node.range[0]) return;
      for (const install of installs) {
        if (installsWithoutRecommends(install)) continue;
        // Configuration written earlier in the same RUN counts too.
        if (commands.some((cmd) => cmd.start < install.command.start && writesNoRecommendsConfig(cmd))) continue;
        const edit = insertOptionAfter(text, node, install.subcommand, "--no-install-recommends");
        context.report({
          loc: sourceCode.positions.locOf([install.toolWord.start, install.subcommand.end]),
          messageId: "missingNoInstallRecommends",
          data: { tool: install.tool },
          fix: edit ? (fixer) => fixer.insertTextAfterRange([edit.at, edit.at], edit.text) : null,
        });
      }
    }

    return { Run: check };
  },
};

export default rule;
