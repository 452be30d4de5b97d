/**
 * Package installs that would stop at a confirmation prompt: apt-get/apt
 * without `-y` (hadolint DL3014), yum (DL3030) and dnf/microdnf (DL3038)
 * without `-y`, zypper without `-n`/`--non-interactive` (DL3034).
 */
import { findInstallCommands } from "../lib/packages/index.js";
import type { InstallCommand } from "../lib/packages/index.js";
import { insertOptionAfter } from "../lib/fix/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { SimpleCommand } from "../lib/shell/index.js";
import { commandName } from "../lib/shell/index.js";

type MessageIds = "missingYes";

function words(install: InstallCommand): string[] {
  return install.command.words.map((word) => word.value);
}

const SIMULATE = new Set(["-s", "--simulate", "--just-print", "--dry-run", "--recon", "--no-act"]);

/** apt: `-y`, `--yes`, `--assume-yes`, `-qq`, `-q -q`, `-q=2`, `--quiet=2`, or `-o APT::Get::Assume-Yes=true`. */
function aptAnswersYes(install: InstallCommand): boolean {
  let quiet = 0;
  for (const option of install.options) {
    const name = option.name;
    // A simulation installs nothing and never asks.
    if (SIMULATE.has(name)) return true;
    if (name === "-y" || name === "--yes" || name === "--assume-yes") return true;
    if (name === "-q" || name === "--quiet") quiet += option.word.value === "-q=2" || option.value?.value === "2" ? 2 : 1;
    if ((name === "-o" || name === "--option") && /^APT::Get::Assume-Yes=(?:true|yes|1)$/iu.test(option.value?.value ?? "")) return true;
  }
  return quiet >= 2 || words(install).some((word) => /^-q+=2$/u.test(word) || word === "--quiet=2");
}

function rpmAnswersYes(install: InstallCommand): boolean {
  return install.options.some(
    (option) => option.name === "-y" || option.name === "--assumeyes" || (option.name === "--setopt" && /^assumeyes=(?:1|true|yes)$/iu.test(option.value?.value ?? "")),
  );
}

/**
 * zypper: `-n`/`--non-interactive` are global options (before the command);
 * `-y`/`--no-confirm` belong to `install`. After `install`, `-n` means
 * `--name`, so it does not count there.
 */
function zypperAnswersYes(install: InstallCommand): boolean {
  return install.options.some((option) => {
    if (option.name === "--non-interactive" || option.name === "--no-confirm" || option.name === "-y") return true;
    return option.name === "-n" && option.word.start < install.subcommand.start;
  });
}

/** `yes | apt-get install …` answers every prompt. */
function fedByYes(cmd: SimpleCommand, commands: readonly SimpleCommand[]): boolean {
  if (cmd.prev !== "|" && cmd.prev !== "|&") return false;
  const index = commands.indexOf(cmd);
  for (let i = index - 1; i >= 0; i--) {
    const before = commands[i];
    if (!before) break;
    if (before.depth === cmd.depth && before.next === cmd.prev) return commandName(before) === "yes";
  }
  return false;
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Require package installs to answer yes to prompts (`apt-get -y`, `yum -y`, `dnf -y`, `zypper -n`)",
      url: docsUrl("apt-get-yes"),
    },
    fixable: "code",
    schema: [],
    messages: {
      missingYes:
        "'{{tool}} {{subcommand}}' without '{{option}}' asks for confirmation, which nobody can give in a build, so the install aborts or hangs.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const { facts, text } = sourceCode;
    return {
      Run(node) {
        const { commands } = facts.shellOf(node);
        for (const install of findInstallCommands(commands)) {
          const { manager, tool } = install;
          let answered: boolean;
          let option: string;
          if (manager === "apt") {
            answered = aptAnswersYes(install);
            option = "-y";
          } else if (manager === "yum" || manager === "dnf" || manager === "microdnf") {
            answered = rpmAnswersYes(install);
            option = "-y";
          } else if (manager === "zypper") {
            answered = zypperAnswersYes(install);
            option = "-n";
          } else {
            continue;
          }
          if (answered || fedByYes(install.command, commands)) continue;
          // zypper's `-n` is global: it goes before the command; the others' `-y` right after the subcommand.
          const anchor = manager === "zypper" ? install.toolWord : install.subcommand;
          const edit = insertOptionAfter(text, node, anchor, option);
          context.report({
            loc: sourceCode.positions.locOf([install.toolWord.start, install.subcommand.end]),
            messageId: "missingYes",
            data: { tool: tool.replace(/ module$/u, ""), subcommand: install.subcommand.value, option },
            fix: edit ? (fixer) => fixer.insertTextAfterRange([edit.at, edit.at], edit.text) : null,
          });
        }
      },
    };
  },
};

export default rule;
