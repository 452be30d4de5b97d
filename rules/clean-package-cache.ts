/**
 * Package manager caches left in a layer (hadolint DL3009, DL3019, DL3032,
 * DL3036, DL3040, DL3042, DL3060): delete them in the same RUN, or keep them
 * out of the layer with a cache or tmpfs mount. Stage-aware: a stage that is
 * neither the last one nor used by a later stage never ships its layers.
 */
import type { RunNode } from "../lib/language/index.js";
import { findInstallCommands } from "../lib/packages/index.js";
import type { InstallCommand } from "../lib/packages/index.js";
import { hasCacheMountOver, hasCacheMountWith, insertOptionAfter, runMounts, scriptStart } from "../lib/fix/index.js";
import type { RunMount } from "../lib/fix/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import { parseArgs, unwrapCommand } from "../lib/shell/index.js";
import type { ShellWord, SimpleCommand } from "../lib/shell/index.js";

type MessageIds = "aptLists" | "apkCache" | "rpmCache" | "zypperCache" | "pipCache" | "yarnCache" | "useCacheMount" | "addOption";

type Family = "apt" | "apk" | "yum" | "dnf" | "zypper" | "pip" | "yarn";

interface Finding {
  family: Family;
  /** Where to report: the tool and its subcommand. */
  start: number;
  end: number;
  tool: string;
  /** The word after which an option such as `--no-cache` goes. */
  optionAfter: ShellWord | null;
}

const TRUTHY = new Set(["1", "true", "yes", "on"]);

/** Cache directories per family, and the mounts the suggestion adds. */
const MOUNTS: Record<Family, string[]> = {
  apt: ["/var/cache/apt", "/var/lib/apt"],
  apk: ["/var/cache/apk"],
  yum: ["/var/cache/yum"],
  dnf: ["/var/cache/dnf"],
  zypper: ["/var/cache/zypp"],
  pip: ["/root/.cache/pip"],
  yarn: ["/usr/local/share/.cache/yarn"],
};

const MESSAGE: Record<Family, MessageIds> = {
  apt: "aptLists",
  apk: "apkCache",
  yum: "rpmCache",
  dnf: "rpmCache",
  zypper: "zypperCache",
  pip: "pipCache",
  yarn: "yarnCache",
};

function words(cmd: SimpleCommand): string[] {
  return cmd.words.map((word) => word.value);
}

/** `rm -rf /var/lib/apt/lists/*` and the like: an `rm` with an operand under one of `dirs`. */
function removes(cmd: SimpleCommand, dirs: readonly string[]): boolean {
  const { name, args } = unwrapCommand(cmd);
  if (name !== "rm") return false;
  return args.some((word) => dirs.some((dir) => word.value === dir || word.value.startsWith(`${dir}/`) || word.value.startsWith(`${dir}*`)));
}

/** `tool sub…` with the given leading positionals (`yum clean all`, `yarn cache clean`). */
function runs(cmd: SimpleCommand, tools: readonly string[], ...subcommands: string[][]): boolean {
  const { name, args } = unwrapCommand(cmd);
  if (name === null || !tools.includes(name)) return false;
  const positionals = parseArgs(args).positionals;
  return subcommands.every((choices, i) => choices.includes(positionals[i]?.value ?? ""));
}

function isAptUpdate(cmd: SimpleCommand): { start: number; end: number; tool: string } | null {
  const { name, args } = unwrapCommand(cmd);
  if (name !== "apt-get" && name !== "apt") return null;
  const sub = parseArgs(args, { withValue: ["-o", "--option", "-c", "--config-file", "-t", "--target-release"] }).positionals[0];
  if (!sub || sub.value !== "update") return null;
  const toolWord = cmd.words[cmd.words.length - args.length - 1];
  return toolWord ? { start: toolWord.start, end: sub.end, tool: name } : null;
}

function yarnInstall(cmd: SimpleCommand): { start: number; end: number; sub: ShellWord } | null {
  const { name, args } = unwrapCommand(cmd);
  if (name !== "yarn") return null;
  const sub = parseArgs(args, { withValue: ["--cwd", "--cache-folder", "--modules-folder", "--mutex", "--network-timeout"] }).positionals[0];
  // `yarn` alone runs `yarn install`.
  if (sub && sub.value !== "install") return null;
  const toolWord = cmd.words[cmd.words.length - args.length - 1];
  if (!toolWord) return null;
  return { start: toolWord.start, end: sub ? sub.end : toolWord.end, sub: sub ?? toolWord };
}

function isPip(install: InstallCommand): boolean {
  return install.manager === "pip" && install.tool !== "pipx" && !install.tool.startsWith("uv ");
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    type: "problem",
    docs: {
      description: "Require package manager caches to stay out of the image: delete them in the same RUN or use a cache mount",
      url: docsUrl("clean-package-cache"),
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      aptLists:
        "'{{tool}}' downloads the package lists to /var/lib/apt/lists, and nothing in this RUN removes them: tens of megabytes stay in the layer, in the image and in every pull, and stale lists live on in the build cache. End the RUN with 'rm -rf /var/lib/apt/lists/*', or mount caches on /var/cache/apt and /var/lib/apt.",
      apkCache:
        "'{{tool}}' without '--no-cache' keeps the package index in /var/cache/apk, in the layer and the image. Add '--no-cache', or mount a cache on /var/cache/apk.",
      rpmCache:
        "'{{tool}}' leaves its metadata and package cache in /var/cache, and nothing after it in this RUN cleans them: the layer keeps them for good. Add '&& {{clean}}' to the same RUN, or mount a cache on {{dir}}.",
      zypperCache:
        "'{{tool}}' leaves its cache in /var/cache/zypp, and nothing after it in this RUN cleans it. Add '&& zypper clean --all' to the same RUN, or mount a cache on /var/cache/zypp.",
      pipCache:
        "'{{tool}}' keeps downloaded wheels in pip's cache (~/.cache/pip), which stays in the layer. Add '--no-cache-dir' (or set PIP_NO_CACHE_DIR=1), or mount a cache on ~/.cache/pip so later builds reuse it.",
      yarnCache:
        "'{{tool}}' fills yarn's cache, and this RUN does not run 'yarn cache clean' after it: the cache stays in the layer. Add '&& yarn cache clean', or mount a cache on yarn's cache folder.",
      useCacheMount: "Mount a build cache on {{targets}}: downloads are reused across builds and never reach the layer.",
      addOption: "Add '{{option}}'.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const { facts, text } = sourceCode;

    function stageShips(node: RunNode): boolean {
      // A trigger runs in the images built FROM this one.
      if (sourceCode.getParent(node)?.type === "Onbuild") return true;
      const stage = facts.stageOf(node);
      if (!stage) return true;
      return facts.isLastStage(stage) || facts.referencedStages.has(stage);
    }

    /** Whether PIP_NO_CACHE_DIR is set to a true value for this RUN (ENV or ARG, the parent stage's ENV included). */
    function pipNoCacheFromEnv(node: RunNode): boolean {
      const value = facts.lookupAt(node)("PIP_NO_CACHE_DIR");
      return typeof value === "string" && TRUTHY.has(value.toLowerCase());
    }

    /** `PIP_NO_CACHE_DIR=1 pip install …` or an `export PIP_NO_CACHE_DIR=1` before it. */
    function pipNoCacheInScript(cmd: SimpleCommand, commands: readonly SimpleCommand[]): boolean {
      const setsIt = (word: ShellWord): boolean => {
        const eq = word.value.indexOf("=");
        return word.value.slice(0, eq) === "PIP_NO_CACHE_DIR" && TRUTHY.has(word.value.slice(eq + 1).toLowerCase());
      };
      if (cmd.assignments.some(setsIt) || cmd.words.some(setsIt)) return true;
      return commands.some((other) => other.start < cmd.start && (other.assignments.some(setsIt) || (words(other)[0] === "export" && other.words.some(setsIt))));
    }

    function findings(node: RunNode, mounts: RunMount[]): Finding[] {
      const { commands } = facts.shellOf(node);
      const found: Finding[] = [];
      const after = (cmd: SimpleCommand, test: (other: SimpleCommand) => boolean): boolean => commands.some((other) => other.start > cmd.start && test(other));

      // apt: the lists `update` writes.
      if (!hasCacheMountOver(mounts, "/var/lib/apt/lists")) {
        for (const cmd of commands) {
          const update = isAptUpdate(cmd);
          if (!update) continue;
          if (after(cmd, (other) => removes(other, ["/var/lib/apt/lists", "/var/lib/apt"]) || runs(other, ["apt-get", "apt"], ["dist-clean"]))) continue;
          found.push({ family: "apt", ...update, optionAfter: null });
        }
      }

      for (const install of findInstallCommands(commands)) {
        const { command: cmd, manager, toolWord, subcommand } = install;
        const base = { start: toolWord.start, end: subcommand.end, tool: `${install.tool} ${subcommand.value}` };
        if (manager === "apk") {
          if (install.options.some((option) => option.name === "--no-cache")) continue;
          if (hasCacheMountOver(mounts, "/var/cache/apk")) continue;
          if (after(cmd, (other) => removes(other, ["/var/cache/apk"]) || runs(other, ["apk"], ["cache"], ["clean", "purge"]))) continue;
          found.push({ family: "apk", ...base, optionAfter: subcommand });
        } else if (manager === "yum" || manager === "dnf" || manager === "microdnf") {
          const tools = ["yum", "dnf", "dnf5", "tdnf", "microdnf"];
          if (["/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"].some((dir) => hasCacheMountOver(mounts, dir)) || hasCacheMountWith(mounts, ".cache/libdnf5")) continue;
          if (after(cmd, (other) => runs(other, tools, ["clean"], ["all", "packages", "metadata"]) || removes(other, ["/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"]))) continue;
          found.push({ family: manager === "yum" ? "yum" : "dnf", ...base, optionAfter: null });
        } else if (manager === "zypper") {
          if (hasCacheMountOver(mounts, "/var/cache/zypp")) continue;
          if (after(cmd, (other) => runs(other, ["zypper"], ["clean", "cc"]) || removes(other, ["/var/cache/zypp"]))) continue;
          found.push({ family: "zypper", ...base, optionAfter: null });
        } else if (isPip(install)) {
          if (install.options.some((option) => option.name === "--no-cache-dir" || option.name === "--no-cache")) continue;
          if (hasCacheMountWith(mounts, ".cache/pip") || pipNoCacheFromEnv(node) || pipNoCacheInScript(cmd, commands)) continue;
          if (after(cmd, (other) => runs(other, [install.tool.split(" ")[0] ?? "pip"], ["cache"], ["purge", "remove"]) || removes(other, ["/root/.cache/pip", "/root/.cache", "~/.cache/pip", "$HOME/.cache/pip"]))) continue;
          found.push({ family: "pip", ...base, optionAfter: subcommand });
        }
      }

      for (const cmd of commands) {
        const install = yarnInstall(cmd);
        if (!install) continue;
        if (hasCacheMountWith(mounts, ".cache/yarn") || hasCacheMountWith(mounts, "yarn/cache")) continue;
        if (after(cmd, (other) => runs(other, ["yarn"], ["cache"], ["clean"]))) continue;
        found.push({ family: "yarn", start: install.start, end: install.end, tool: text.slice(install.start, install.end), optionAfter: null });
      }
      return found;
    }

    /** A USER other than root earlier in the stage: home-relative caches are elsewhere then. */
    function runsAsRoot(node: RunNode): boolean {
      const stage = facts.stageOf(node);
      if (!stage) return true;
      let root = true;
      for (const instruction of stage.instructions) {
        if (instruction.range[0] >= node.range[0]) break;
        if (instruction.type === "User") {
          const user = (instruction.arguments[0]?.value ?? "").split(":")[0] ?? "";
          root = user === "root" || user === "0";
        }
      }
      return root;
    }

    return {
      Run(node) {
        if (!stageShips(node)) return;
        const mounts = runMounts(node, facts);
        for (const finding of findings(node, mounts)) {
          const { family } = finding;
          const suggest: NonNullable<Parameters<typeof context.report>[0]["suggest"]> = [];
          const homeRelative = family === "pip" || family === "yarn";
          if (!homeRelative || runsAsRoot(node)) {
            const targets = MOUNTS[family].filter((dir) => !hasCacheMountOver(mounts, dir));
            const flags = targets.map((dir) => `--mount=type=cache,target=${dir}${family === "apt" ? ",sharing=locked" : ""}`).join(" ");
            // Flags go right after the keyword, before any existing ones.
            const at = node.flags[0]?.range[0] ?? scriptStart(node);
            const prefix = node.flags.length > 0 || text.charAt(at - 1) === " " ? "" : " ";
            if (targets.length > 0) {
              suggest.push({
                messageId: "useCacheMount",
                data: { targets: targets.join(" and ") },
                fix: (fixer) => fixer.insertTextBeforeRange([at, at], `${prefix}${flags} `),
              });
            }
          }
          if (finding.optionAfter) {
            const option = family === "apk" ? "--no-cache" : "--no-cache-dir";
            const edit = insertOptionAfter(text, node, finding.optionAfter, option);
            if (edit) {
              suggest.push({ messageId: "addOption", data: { option }, fix: (fixer) => fixer.insertTextAfterRange([edit.at, edit.at], edit.text) });
            }
          }
          const clean = family === "yum" ? "yum clean all" : "dnf clean all";
          const dir = family === "yum" ? "/var/cache/yum" : "/var/cache/dnf (/var/cache/libdnf5 for dnf5)";
          context.report({
            loc: sourceCode.positions.locOf([finding.start, finding.end]),
            messageId: MESSAGE[family],
            data: { tool: finding.tool, clean, dir },
            suggest,
          });
        }
      },
    };
  },
};

export default rule;
