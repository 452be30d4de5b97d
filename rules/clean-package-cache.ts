/**
 * Package manager caches left in a layer (hadolint DL3009, DL3019, DL3032,
 * DL3036, DL3040, DL3042, DL3060): delete them in the same RUN, or keep them
 * out of the layer with a cache or tmpfs mount. Stage-aware: a stage that is
 * neither the last one nor used by a later stage never ships its layers.
 */
import type { AddNode, CopyNode, InstructionNode, RunNode } from "../lib/language/index.js";
import type { Stage } from "../lib/facts/index.js";
import { findInstallCommands, osPackageCommandOf, packageIndexUseOf } from "../lib/packages/index.js";
import type { InstallCommand } from "../lib/packages/index.js";
import { hasCacheMountOver, hasCacheMountWith, insertOptionAfter, runMounts } from "../lib/fix/index.js";
import type { RunMount } from "../lib/fix/index.js";
import { docsUrl, runScriptStart } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import { parseArgs, unwrapCommand } from "../lib/shell/index.js";
import { unquoteWord } from "../lib/text/index.js";
import type { ShellWord, SimpleCommand } from "../lib/shell/index.js";

type MessageIds = "aptLists" | "apkCache" | "apkIndex" | "rpmCache" | "zypperCache" | "pipCache" | "yarnCache" | "useCacheMount" | "addOption";

type Family = "apt" | "apk" | "apkIndex" | "yum" | "dnf" | "zypper" | "pip" | "yarn";

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
  apkIndex: ["/var/cache/apk"],
  yum: ["/var/cache/yum"],
  dnf: ["/var/cache/dnf"],
  zypper: ["/var/cache/zypp"],
  pip: ["/root/.cache/pip"],
  yarn: ["/usr/local/share/.cache/yarn"],
};

const MESSAGE: Record<Family, MessageIds> = {
  apt: "aptLists",
  apk: "apkCache",
  apkIndex: "apkIndex",
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

/**
 * Subcommands of the rpm family that download metadata and packages into
 * /var/cache: installs, upgrades and their short forms (dnf's `in`, `up`,
 * `rei`, `up-min`, `dsync`, `dg`, `mc`), group and module installs.
 */
const RPM_DOWNLOADS = new Set([
  "install", "in", "reinstall", "rei", "upgrade", "up", "update", "upgrade-minimal", "update-minimal", "up-min", "distro-sync",
  "dsync", "distrosync", "distribution-synchronization", "downgrade", "dg", "makecache", "mc", "groupinstall", "groupupdate",
  "localinstall", "swap",
]);
/** Subcommands of the rpm family whose second word says whether they download: `module install`, `group install`. */
const RPM_GROUPS = new Set(["module", "group", "groups"]);
const ZYPPER_DOWNLOADS = new Set(["install", "in", "update", "up", "dist-upgrade", "dup", "patch", "refresh", "ref", "source-install", "si"]);

/** The rpm-family command that fills /var/cache, with the words to report: `dnf upgrade`, `yum group install`. */
function rpmDownload(cmd: SimpleCommand): { manager: "yum" | "dnf" | "microdnf" | "zypper"; start: number; end: number; tool: string } | null {
  const os = osPackageCommandOf(cmd);
  if (!os || os.manager === "apt" || os.manager === "apk") return null;
  const { manager, subcommand, operands } = os;
  let last = subcommand;
  if (manager === "zypper") {
    if (!ZYPPER_DOWNLOADS.has(subcommand.value)) return null;
  } else if (RPM_GROUPS.has(subcommand.value)) {
    const second = operands[0];
    if (!second || second.dynamic || !RPM_DOWNLOADS.has(second.value)) return null;
    last = second;
  } else if (!RPM_DOWNLOADS.has(subcommand.value)) {
    return null;
  }
  const tool = last === subcommand ? `${os.tool} ${subcommand.value}` : `${os.tool} ${subcommand.value} ${last.value}`;
  return { manager, start: os.toolWord.start, end: last.end, tool };
}

/** Options that print and exit: `yarn --version` installs nothing. */
const YARN_INFO = new Set(["-v", "--version", "-h", "--help"]);

function yarnInstall(cmd: SimpleCommand): { start: number; end: number; sub: ShellWord } | null {
  const { name, args } = unwrapCommand(cmd);
  if (name !== "yarn") return null;
  const { positionals, options } = parseArgs(args, { withValue: ["--cwd", "--cache-folder", "--modules-folder", "--mutex", "--network-timeout"] });
  const sub = positionals[0];
  // `yarn` alone runs `yarn install`; `yarn --version` only prints.
  if (sub ? sub.value !== "install" : options.some((option) => YARN_INFO.has(option.name))) return null;
  const toolWord = cmd.words[cmd.words.length - args.length - 1];
  if (!toolWord) return null;
  return { start: toolWord.start, end: sub ? sub.end : toolWord.end, sub: sub ?? toolWord };
}

/** Whether copying `path` out of a stage takes files under `dir` with it. */
function covers(path: string, dir: string): boolean {
  let end = path.length;
  for (const ch of "*?[") {
    const at = path.indexOf(ch);
    if (at >= 0) end = Math.min(end, path.lastIndexOf("/", at) + 1);
  }
  // Sources of `COPY --from` are relative to the stage's root.
  const written = path.slice(0, end).replace(/^\.(?=\/|$)/u, "");
  const prefix = `/${written}`.replace(/\/{2,}/gu, "/").replace(/\/$/u, "");
  return prefix === "" || dir === prefix || dir.startsWith(`${prefix}/`) || prefix.startsWith(`${dir}/`);
}

function isPip(install: InstallCommand): boolean {
  return install.manager === "pip" && install.tool !== "pipx" && !install.tool.startsWith("uv ");
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Require package manager caches to stay out of the image: delete them in the same RUN or use a cache mount",
      url: docsUrl("clean-package-cache"),
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      aptLists: "'{{tool}}' downloads package lists to /var/lib/apt/lists and nothing in this RUN removes them, so tens of megabytes stay in the layer.",
      apkCache: "'{{tool}}' without '--no-cache' keeps the package index in /var/cache/apk, so it stays in the layer and the image.",
      apkIndex: "'{{tool}}' writes the package index to /var/cache/apk and nothing in this RUN removes it, so it stays in the layer.",
      rpmCache: "'{{tool}}' leaves metadata and packages in /var/cache, and no '{{clean}}' follows in this RUN, so the layer keeps them.",
      zypperCache: "'{{tool}}' leaves its cache in /var/cache/zypp and nothing after it in this RUN cleans it, so the layer keeps it.",
      pipCache: "'{{tool}}' keeps downloaded wheels in pip's cache (~/.cache/pip), which stays in the layer and the image.",
      yarnCache: "'{{tool}}' fills yarn's cache and this RUN does not run 'yarn cache clean' after it, so the cache stays in the layer.",
      useCacheMount: "Mount a build cache on {{targets}}: downloads are reused across builds and never reach the layer.",
      addOption: "Add '{{option}}'.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const { facts, text } = sourceCode;

    /**
     * Whether files under `dirs` left by a RUN of `stage` reach an image: the
     * last stage does, and so does a stage a later one is built FROM when that
     * one does. A stage used only by `COPY --from` or `RUN --mount=from` hands
     * on the paths it is asked for, so its caches reach nothing unless such a
     * path covers them (`COPY --from=build / /`).
     */
    const reached = new Map<string, boolean>();
    function reaches(stage: Stage, dirs: readonly string[], hops = 0): boolean {
      const key = `${stage.index} ${dirs.join(" ")}`;
      let known = reached.get(key);
      if (known === undefined) {
        known = reachesUncached(stage, dirs, hops);
        reached.set(key, known);
      }
      return known;
    }

    function reachesUncached(stage: Stage, dirs: readonly string[], hops: number): boolean {
      if (facts.isLastStage(stage) || hops > 100) return true;
      for (const later of facts.stages) {
        if (later.index <= stage.index) continue;
        if (later.base.kind === "stage" && later.base.stage === stage && reaches(later, dirs, hops + 1)) return true;
        for (const instruction of later.instructions) {
          for (const path of pathsTakenFrom(instruction, stage, later)) {
            if (dirs.some((dir) => covers(path, dir))) return true;
          }
        }
      }
      return false;
    }

    /** The paths `instruction` takes from `stage`: `COPY --from` sources, the `source` of a `RUN --mount=from` (`/` by default). */
    function pathsTakenFrom(instruction: CopyNode | AddNode | InstructionNode, stage: Stage, within: Stage): string[] {
      const named = (reference: string | null): boolean => reference !== null && facts.findStage(facts.expand(reference, instruction).value, within.index) === stage;
      const paths: string[] = [];
      for (const flag of instruction.flags) {
        if (flag.name === "from" && (instruction.type === "Copy" || instruction.type === "Add") && named(flag.value)) {
          for (const source of instruction.sources) paths.push(unquoteWord(facts.expand(source.value, instruction).value, facts.escapeChar));
        } else if (flag.name === "mount") {
          const option = (name: string): string | null => flag.options.find((item) => item.name === name)?.value ?? null;
          if (named(option("from"))) paths.push(option("source") ?? option("src") ?? "/");
        }
      }
      return paths;
    }

    function stageShips(node: RunNode, dirs: readonly string[]): boolean {
      // A trigger runs in the images built FROM this one.
      if (sourceCode.getParent(node)?.type === "Onbuild") return true;
      const stage = facts.stageOf(node);
      if (!stage) return true;
      return reaches(stage, dirs);
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

      // apt's lists and apk's index, which `update` writes.
      for (const cmd of commands) {
        const use = packageIndexUseOf(cmd);
        if (!use?.update || use.install) continue;
        const tool = use.tool.slice(use.tool.lastIndexOf("/") + 1);
        if (use.family === "apt") {
          if (hasCacheMountOver(mounts, "/var/lib/apt/lists")) continue;
          if (after(cmd, (other) => removes(other, ["/var/lib/apt/lists", "/var/lib/apt"]) || runs(other, ["apt-get", "apt"], ["dist-clean"]))) continue;
          found.push({ family: "apt", start: use.start, end: use.end, tool, optionAfter: null });
        } else {
          if (hasCacheMountOver(mounts, "/var/cache/apk")) continue;
          if (after(cmd, (other) => removes(other, ["/var/cache/apk"]) || runs(other, ["apk"], ["cache"], ["clean", "purge"]))) continue;
          found.push({ family: "apkIndex", start: use.start, end: use.end, tool: `${tool} update`, optionAfter: null });
        }
      }

      // yum, dnf and zypper: installs, upgrades and cache refreshes.
      for (const cmd of commands) {
        const download = rpmDownload(cmd);
        if (!download) continue;
        const { manager, start, end, tool } = download;
        if (manager === "zypper") {
          if (hasCacheMountOver(mounts, "/var/cache/zypp")) continue;
          if (after(cmd, (other) => runs(other, ["zypper"], ["clean", "cc"]) || removes(other, ["/var/cache/zypp"]))) continue;
          found.push({ family: "zypper", start, end, tool, optionAfter: null });
          continue;
        }
        const tools = ["yum", "dnf", "dnf5", "tdnf", "microdnf"];
        if (["/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"].some((dir) => hasCacheMountOver(mounts, dir)) || hasCacheMountWith(mounts, ".cache/libdnf5")) continue;
        if (after(cmd, (other) => runs(other, tools, ["clean"], ["all", "packages", "metadata"]) || removes(other, ["/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"]))) continue;
        found.push({ family: manager === "yum" ? "yum" : "dnf", start, end, tool, optionAfter: null });
      }

      for (const install of findInstallCommands(commands)) {
        const { command: cmd, manager, toolWord, subcommand } = install;
        const base = { start: toolWord.start, end: subcommand.end, tool: `${install.tool} ${subcommand.value}` };
        if (manager === "apk") {
          // `--no-network` installs from what is already cached and fetches no index.
          if (install.options.some((option) => option.name === "--no-cache" || option.name === "--no-network")) continue;
          if (hasCacheMountOver(mounts, "/var/cache/apk")) continue;
          if (after(cmd, (other) => removes(other, ["/var/cache/apk"]) || runs(other, ["apk"], ["cache"], ["clean", "purge"]))) continue;
          found.push({ family: "apk", ...base, optionAfter: subcommand });
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
      const last = facts.lastBefore(node, "User");
      if (!last) return true;
      const user = (last.arguments[0]?.value ?? "").split(":")[0] ?? "";
      return user === "root" || user === "0";
    }

    return {
      Run(node) {
        const mounts = runMounts(node, facts);
        for (const finding of findings(node, mounts)) {
          const { family } = finding;
          if (!stageShips(node, MOUNTS[family])) continue;
          const suggest: NonNullable<Parameters<typeof context.report>[0]["suggest"]> = [];
          const homeRelative = family === "pip" || family === "yarn";
          if (!homeRelative || runsAsRoot(node)) {
            const targets = MOUNTS[family].filter((dir) => !hasCacheMountOver(mounts, dir));
            const flags = targets.map((dir) => `--mount=type=cache,target=${dir}${family === "apt" ? ",sharing=locked" : ""}`).join(" ");
            // Flags go right after the keyword, before any existing ones.
            const at = node.flags[0]?.range[0] ?? runScriptStart(node);
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
