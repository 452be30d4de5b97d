/**
 * `apt` in a script (hadolint DL3027): apt is the interactive front end, whose
 * output and behaviour are not stable for scripts; apt-get and apt-cache are.
 */
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import { parseArgs, unwrapCommand } from "../lib/shell/index.js";

type MessageIds = "preferAptGet" | "preferAptCache";

/** apt subcommands that apt-get has under the same name. */
const APT_GET_SUBCOMMANDS = new Set([
  "install", "reinstall", "update", "upgrade", "dist-upgrade", "remove", "purge", "autoremove", "autopurge",
  "autoclean", "clean", "build-dep", "source", "download", "changelog", "satisfy", "check",
]);

/** apt subcommands that apt-cache has. */
const APT_CACHE_SUBCOMMANDS = new Set(["search", "show", "showsrc", "policy", "depends", "rdepends", "madison"]);

const APT_VALUED = ["-t", "--target-release", "--default-release", "-o", "--option", "-c", "--config-file", "-a", "--host-architecture"];

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "suggestion",
    docs: {
      description: "Require `apt-get` (or `apt-cache`) instead of `apt` in RUN commands",
      url: docsUrl("prefer-apt-get"),
    },
    fixable: "code",
    schema: [],
    messages: {
      preferAptGet:
        "'apt {{subcommand}}' uses apt, whose command line is not stable for scripts and warns so on every run; use 'apt-get {{subcommand}}'.",
      preferAptCache: "'apt {{subcommand}}' uses apt, whose command line and output are not stable for scripts; {{hint}}.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const { facts, text } = sourceCode;
    return {
      Run(node) {
        for (const cmd of facts.shellOf(node).commands) {
          const { name, args } = unwrapCommand(cmd);
          if (name !== "apt") continue;
          const toolWord = cmd.words[cmd.words.length - args.length - 1];
          const subcommand = parseArgs(args, { withValue: APT_VALUED }).positionals[0];
          if (!toolWord || !subcommand || subcommand.dynamic) continue;
          const sub = subcommand.value;
          const loc = sourceCode.positions.locOf([toolWord.start, toolWord.end]);
          if (APT_GET_SUBCOMMANDS.has(sub)) {
            // Replace the three letters of the name, keeping any path and quotes around it.
            const written = text.slice(toolWord.start, toolWord.end);
            const at = written.lastIndexOf("apt");
            const fixable = at >= 0 && written.slice(at + 3).replace(/["']/gu, "") === "" && (at === 0 || "/\"'".includes(written.charAt(at - 1)));
            context.report({
              loc,
              messageId: "preferAptGet",
              data: { subcommand: sub },
              fix: fixable ? (fixer) => fixer.replaceTextRange([toolWord.start + at, toolWord.start + at + 3], "apt-get") : null,
            });
          } else {
            const hint = APT_CACHE_SUBCOMMANDS.has(sub)
              ? `use 'apt-cache ${sub}'`
              : sub === "full-upgrade"
                ? "use 'apt-get dist-upgrade', its apt-get name"
                : sub === "list"
                  ? "use 'apt-cache pkgnames' or 'dpkg-query -W'"
                  : "use apt-get or apt-cache";
            context.report({ loc, messageId: "preferAptCache", data: { subcommand: sub, hint } });
          }
        }
      },
    };
  },
};

export default rule;
