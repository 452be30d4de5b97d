/**
 * `apt-get install` without `--no-install-recommends` (hadolint DL3015):
 * apt then installs every recommended package too.
 */
import type { RunNode } from "../lib/language/index.js";
import { findInstallCommands } from "../lib/packages/index.js";
import type { InstallCommand } from "../lib/packages/index.js";
import { insertOptionAfter } from "../lib/fix/index.js";
import { shorten } from "../lib/text/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { Stage } from "../lib/facts/index.js";
import type { SimpleCommand } from "../lib/shell/index.js";
import { commandName } from "../lib/shell/index.js";

type MessageIds = "missingNoInstallRecommends";

const APT_ONLY = new Set(["apt"] as const);

/** `APT::Install-Recommends=…` with any value: the writer chose, either way. */
function setsRecommends(value: string): boolean {
  return /^APT::Install-Recommends\s*=/iu.test(value.trim());
}

/**
 * An install that says what it wants about recommends: `--no-install-recommends`,
 * `--install-recommends` (which asks for them on purpose), `-o APT::Install-Recommends=…`.
 */
function choosesRecommends(install: InstallCommand): boolean {
  return install.options.some(
    (option) =>
      option.name === "--no-install-recommends" ||
      option.name === "--install-recommends" ||
      ((option.name === "-o" || option.name === "--option") && setsRecommends(option.value?.value ?? "")),
  );
}

/** A command that writes apt configuration about recommends: `echo 'APT::Install-Recommends "0";' > /etc/apt/apt.conf.d/…`. */
function writesRecommendsConfig(cmd: SimpleCommand): boolean {
  const name = commandName(cmd);
  if (name !== "echo" && name !== "printf" && name !== "tee" && name !== "cat") return false;
  const words = [...cmd.words.map((word) => word.value), ...cmd.redirects.map((redirect) => redirect.heredoc?.body ?? "")];
  return words.some((word) => /APT::Install-Recommends\W+(?:false|true|0|1|yes|no)\b/iu.test(word));
}

/** Words that turn a mention of recommends into a wish to skip them: `no-install-recommends`, `without recommends`, `skip recommended`. */
const SKIPS_RECOMMENDS = /(?:\bno|\bwithout|\bskip\w*|\bavoid\w*|\bdisabl\w*|\bexclud\w*|\bomit\w*|\bnot install\w*|n't install\w*)[\s-]+(?:the |any )?(?:install\w*[\s-]+)?recommend/iu;

/** A comment that asks for recommended packages: `# with recommends: the fonts need them`, not `# skip recommends`. */
function wantsRecommends(comment: string): boolean {
  return /recommend/iu.test(comment) && !SKIPS_RECOMMENDS.test(comment);
}

/** The packages an install names, for the message: `curl, git and 3 more`. */
function packageList(install: InstallCommand): string {
  const names = install.packages.map((word) => word.value);
  if (names.length === 0) return "its packages";
  // As many names as fit in about 36 characters, so the message keeps to a line.
  const shown = [shorten(names[0] ?? "", 32)];
  for (const name of names.slice(1, 3)) {
    if (shown.join(" ").length + name.length + 1 > 36) break;
    shown.push(name);
  }
  const rest = names.length - shown.length;
  return rest === 0 ? `'${shown.join(" ")}'` : `'${shown.join(" ")}' and ${rest} more`;
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "suggestion",
    docs: {
      description: "Require `--no-install-recommends` on `apt-get install`",
      url: docsUrl("apt-no-install-recommends"),
    },
    fixable: "code",
    schema: [],
    messages: {
      missingNoInstallRecommends: "'{{tool}} install' of {{packages}} also installs the packages they recommend, which bloats the image.",
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
          if (facts.shellOf(instruction).commands.some(writesRecommendsConfig)) {
            at = instruction.range[0];
            break;
          }
        }
      }
      configured.set(stage, at);
      return at;
    }

    /** Comment lines by line number. */
    let commentLines: Map<number, string> | undefined;

    /** The comment block that ends on the line above `line`, joined. */
    function commentBlockAbove(line: number): string {
      if (!commentLines) {
        commentLines = new Map();
        for (const comment of sourceCode.ast.comments) commentLines.set(comment.loc.start.line, comment.value);
      }
      const block: string[] = [];
      for (let at = line - 1; at > 0 && block.length < 20; at--) {
        const value = commentLines.get(at);
        if (value === undefined) break;
        block.push(value);
      }
      return block.join(" ");
    }

    /** A comment right above the install's line, or right above its RUN, that asks for recommends. */
    function commentedAbove(node: RunNode, install: InstallCommand): boolean {
      const line = sourceCode.positions.locOf([install.toolWord.start, install.toolWord.end]).start.line;
      return wantsRecommends(commentBlockAbove(line)) || wantsRecommends(commentBlockAbove(node.loc.start.line));
    }

    function check(node: RunNode): void {
      const { commands } = facts.shellOf(node);
      const installs = findInstallCommands(commands, APT_ONLY).filter((install) => install.subcommand.value === "install");
      if (installs.length === 0) return;
      if (configuredAt(facts.stageOf(node)) <= node.range[0]) return;
      for (const install of installs) {
        if (choosesRecommends(install) || commentedAbove(node, install)) continue;
        // Configuration written earlier in the same RUN counts too.
        if (commands.some((cmd) => cmd.start < install.command.start && writesRecommendsConfig(cmd))) continue;
        const edit = insertOptionAfter(text, node, install.subcommand, "--no-install-recommends");
        context.report({
          loc: sourceCode.positions.locOf([install.toolWord.start, install.subcommand.end]),
          messageId: "missingNoInstallRecommends",
          data: { tool: install.tool, packages: packageList(install) },
          fix: edit ? (fixer) => fixer.insertTextAfterRange([edit.at, edit.at], edit.text) : null,
        });
      }
    }

    return { Run: check };
  },
};

export default rule;
