/**
 * A COPY or ADD of the whole build context before a dependency install in the
 * same stage: every source edit changes the copied files, misses the cache
 * there, and runs the install again.
 */
import path from "node:path";
import { dependencyInstallOf, LANGUAGE_OF } from "../lib/packages/index.js";
import type { DependencyInstall, Language } from "../lib/packages/index.js";
import { joinContinuations } from "../lib/language/index.js";
import type {
  AddNode,
  ArgumentNode,
  CopyNode,
  ExecArgumentNode,
  InstructionNode,
  RunNode,
} from "../lib/language/index.js";
import type { DockerfileFacts, Stage } from "../lib/facts/index.js";
import { compileGlob, shorten } from "../lib/text/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import { parseArgs, unwrapCommand } from "../lib/shell/index.js";
import type { SimpleCommand } from "../lib/shell/index.js";

type MessageIds = "wholeContextBeforeInstall" | "wholeContextBeforeProjectInstall" | "copyManifestsFirst";

/** An instruction of a stage, or an ONBUILD trigger with the ONBUILD that holds it. */
interface Step {
  node: InstructionNode;
  /** The node in the stage: the ONBUILD for a trigger, the instruction itself otherwise. */
  outer: InstructionNode;
}

interface ContextCopy {
  step: Step;
  node: CopyNode | AddNode;
  source: ArgumentNode | ExecArgumentNode;
}

/** Sources that name the whole build context. */
const WHOLE_CONTEXT = new Set([".", "./", "*", "./*"]);

/** COPY flags the manifests copy keeps; `--exclude` and `--parents` concern the whole-context copy only. */
const KEPT_COPY_FLAGS = new Set(["chown", "chmod", "link"]);

/**
 * Instructions that may sit between the whole-context COPY and the install
 * without the install depending on them, so the install can move above the COPY.
 */
const MOVABLE_PAST = new Set(["Copy", "Add", "Label", "Expose", "Workdir", "Healthcheck", "Cmd", "Entrypoint", "Stopsignal", "Maintainer", "Volume"]);

/** A placeholder for the base image's working directory, which the Dockerfile does not tell. */
const UNKNOWN_CWD = "/\u0000cwd";

function unquote(value: string): string {
  if (value.length >= 2 && (value.startsWith('"') || value.startsWith("'")) && value.endsWith(value.charAt(0))) return value.slice(1, -1);
  return value;
}

function wordValue(word: ArgumentNode | ExecArgumentNode): string {
  return word.type === "ExecArgument" ? word.value : unquote(word.value);
}

function hasFlag(node: InstructionNode, name: string): boolean {
  return node.flags.some((flag) => flag.name.toLowerCase() === name);
}

function contextCopyOf(step: Step, facts: DockerfileFacts): ContextCopy | null {
  const node = step.node;
  if (node.type !== "Copy" && node.type !== "Add") return null;
  if (hasFlag(node, "from") || node.heredocs.length > 0) return null;
  for (const source of node.sources) {
    const value = facts.expand(wordValue(source), node).value;
    if (WHOLE_CONTEXT.has(value)) return { step, node, source };
  }
  return null;
}

/** Commands that neither read the project's sources nor change what the install sees in the project. */
function needsNoSources(cmd: SimpleCommand): boolean {
  const { name, args } = unwrapCommand(cmd);
  const sub = args.find((word) => !word.value.startsWith("-"))?.value;
  switch (name) {
    case null:
      return cmd.words.length === 0;
    case "cd": case "true": case ":": case "echo": case "printf": case "mkdir": case "corepack":
    case "apt-get": case "apt": case "apk": case "yum": case "dnf": case "microdnf": case "gem":
      return true;
    case "npm":
      return sub === "config" || sub === "cache" || args.some((word) => word.value === "-g" || word.value === "--global");
    case "yarn": case "pnpm":
      return sub === "config" || sub === "cache" || sub === "store" || sub === "global";
    case "poetry": case "bundle": case "composer": case "pip": case "pip3":
      if (sub === "config" || sub === "cache") return true;
      if (name !== "pip" && name !== "pip3") return false;
      // `pip install --upgrade pip setuptools`: named packages, no requirements file or project path.
      return sub === "install" && !args.some((word) => /^(?:-r|--requirement|-e|--editable|-c|--constraint)(?:=|$)/u.test(word.value) || /^\.(?:\/|\[|$)/u.test(word.value));
    case "rm": {
      const paths = parseArgs(args).positionals;
      return paths.length > 0 && paths.every((word) => /^(?:\/tmp\/|\/root\/\.|~\/\.|\$HOME\/\.|\/var\/lib\/apt\/lists|\/var\/cache\/)/u.test(word.value) || word.value.includes("cache"));
    }
    default:
      return false;
  }
}

/** The top-level commands of a RUN in order: nested ones (substitutions, `sh -c`) belong to them. */
function topLevel(commands: readonly SimpleCommand[]): SimpleCommand[] {
  return commands.filter((cmd) => cmd.depth === 0);
}

/** Where a `cd` chain leads, as an absolute path under `cwd`; null when it cannot be told. */
function cdTarget(cmd: SimpleCommand, cwd: string): string | null {
  const target = unwrapCommand(cmd).args.find((word) => !word.value.startsWith("-") || word.value === "-");
  if (!target) return null;
  if (target.dynamic || target.value === "-" || target.value.startsWith("~")) return null;
  return path.posix.resolve(cwd, target.value);
}

function isUnder(parent: string, child: string): string | null {
  const relative = path.posix.relative(parent, child);
  if (relative === "") return "";
  if (relative.startsWith("..") || path.posix.isAbsolute(relative) || relative.includes("\u0000")) return null;
  return relative;
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "suggestion",
    docs: {
      description: "Require dependency manifests to be copied and installed before the whole build context is copied",
      url: docsUrl("copy-manifests-first"),
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      wholeContextBeforeInstall: "'{{keyword}} {{source}}' copies the whole context before '{{install}}' on line {{line}}, so every source edit reruns the install.",
      wholeContextBeforeProjectInstall: "'{{keyword}} {{source}}' copies the whole context before '{{install}}' on line {{line}}, so every edit downloads all dependencies again.",
      copyManifestsFirst: "Copy {{manifests}} and run '{{install}}' before '{{keyword}} {{source}}'.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const { facts, text } = sourceCode;
    const escapeChar = sourceCode.ast.escapeChar;
    const eol = text.includes("\r\n") ? "\r\n" : "\n";

    function lineStart(offset: number): number {
      let i = offset;
      while (i > 0 && text[i - 1] !== "\n" && text[i - 1] !== "\r") i--;
      return i;
    }

    /** Offset after the line break that ends the line holding `offset`. */
    function nextLineStart(offset: number): number {
      let i = offset;
      while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
      if (text[i] === "\r" && text[i + 1] === "\n") return i + 2;
      return i < text.length ? i + 1 : i;
    }

    function isBlankLine(start: number, end: number): boolean {
      return start < end && text.slice(start, end).trim() === "";
    }

    function installsOf(node: RunNode): DependencyInstall[] {
      const shell = facts.shellOf(node);
      const installs: DependencyInstall[] = [];
      for (const cmd of shell.commands) {
        const install = dependencyInstallOf(cmd);
        if (install) installs.push(install);
      }
      return installs;
    }

    /** The working directory each step starts in, as far as the stage's WORKDIRs tell. */
    function workdirs(steps: readonly Step[], initial: string | null): { before: (string | null)[]; usesVariables: boolean[]; after: string | null } {
      const before: (string | null)[] = [];
      const usesVariables: boolean[] = [];
      let cwd: string | null = initial;
      for (const step of steps) {
        before.push(cwd);
        const node = step.node;
        usesVariables.push(node.type === "Workdir" && node.arguments.some((word) => word.value.includes("$")));
        if (node.type !== "Workdir") continue;
        const raw = unquote(node.arguments.map((word) => word.value).join(" "));
        const expanded = facts.expand(raw, node);
        cwd = expanded.unresolved.length > 0 || expanded.value === "" || cwd === null ? null : path.posix.resolve(cwd, expanded.value);
      }
      return { before, usesVariables, after: cwd };
    }

    function keywordCase(node: InstructionNode, keyword: string): string {
      const written = text.slice(node.keywordRange[0], node.keywordRange[1]);
      return written === written.toLowerCase() ? keyword.toLowerCase() : keyword;
    }

    /** Text of a COPY line: shell form, or JSON when a path has blanks or quotes. */
    function copyLine(keyword: string, flags: string, sources: readonly string[], destination: string): string {
      const words = [...sources, destination];
      const body = words.some((word) => /[\s"']/u.test(word)) ? JSON.stringify(words).replaceAll(",", ", ") : words.join(" ");
      return `${keyword}${flags} ${body}`;
    }

    /** The text that removes an install leading a `&&` chain: from the command to the next command. */
    function leadingInstallRemoval(node: RunNode, cmd: SimpleCommand): [number, number] | null {
      const joined = joinContinuations(text, cmd.end, node.range[1], escapeChar);
      const match = /^[ \t]*&&[ \t]*/u.exec(joined.text);
      if (!match || match[0].length >= joined.text.trimEnd().length) return null;
      const end = joined.offsets[match[0].length];
      return end === undefined ? null : [cmd.start, end];
    }

    function suggest(steps: readonly Step[], initialCwd: string | null, copyIndex: number, runIndex: number, copy: ContextCopy, installs: DependencyInstall[]) {
      const run = steps[runIndex];
      if (!run || run.node.type !== "Run") return null;
      const runNode = run.node;
      if (installs.some((install) => install.manifests === null || install.directory === null)) return null;
      const between = steps.slice(copyIndex + 1, runIndex);
      if (between.some((step) => !MOVABLE_PAST.has(step.node.type) || (step.node.type === "Copy" && step.node.heredocs.length > 0))) return null;

      // Where the install runs, and where the whole-context COPY puts the files.
      const { before, usesVariables } = workdirs(steps, initialCwd);
      const cwdAtCopy = before[copyIndex] ?? null;
      const cwdAtRun = before[runIndex] ?? null;
      if (cwdAtCopy === null || cwdAtRun === null) return null;
      const destination = copy.node.destination;
      if (!destination) return null;
      const destinationRaw = destination.type === "ExecArgument" ? destination.value : unquote(destination.value);
      const destinationValue = facts.expand(destinationRaw, copy.node);
      if (destinationValue.unresolved.length > 0) return null;
      const destinationDir = path.posix.resolve(cwdAtCopy, destinationValue.value);

      // A WORKDIR between the COPY and the install: the install must run there, so a WORKDIR goes above too.
      let workdirLine: string | null = null;
      if (cwdAtRun !== cwdAtCopy) {
        if (cwdAtRun.includes("\u0000")) return null;
        const lastWorkdir = between.findLastIndex((step) => step.node.type === "Workdir");
        const shifted = [copy.step, ...between.slice(0, lastWorkdir)];
        // Everything that then runs in the new directory must not depend on it.
        const dependsOnCwd = shifted.some((step) => {
          const node = step.node;
          if (node.type === "Workdir") return false;
          if (node.type !== "Copy" && node.type !== "Add") return false;
          const dest = node.destination;
          return !dest || !wordValue(dest).startsWith("/");
        });
        if (dependsOnCwd || usesVariables.slice(copyIndex, runIndex).some(Boolean)) return null;
        workdirLine = cwdAtRun;
      }

      const top = topLevel(facts.shellOf(runNode).commands);
      const heredocRun = runNode.heredocs.length > 0;
      // Manifests by the context directory they come from, as paths in the build context.
      const manifestDirs = new Map<string, string[]>();
      const directories: string[] = [];
      for (const install of installs) {
        // `cd` commands before the install, at the top level of the RUN.
        let cwd = cwdAtRun;
        for (const cmd of top) {
          if (cmd.start >= install.command.start) break;
          if (unwrapCommand(cmd).name !== "cd") continue;
          const next = cdTarget(cmd, cwd);
          if (next === null) return null;
          cwd = next;
        }
        const dir = path.posix.resolve(cwd, install.directory ?? "");
        for (const manifest of install.manifests ?? []) {
          const source = isUnder(destinationDir, path.posix.resolve(dir, manifest));
          if (source === null || source === "") return null;
          const parent = path.posix.dirname(source);
          const list = manifestDirs.get(parent) ?? [];
          if (!list.includes(source)) list.push(source);
          manifestDirs.set(parent, list);
        }
        for (const directory of install.directories) {
          const source = isUnder(destinationDir, path.posix.resolve(dir, directory));
          if (source === null || source === "") return null;
          if (!directories.includes(source)) directories.push(source);
        }
      }

      // Manifests already copied above, to the same place, need no second copy.
      let trimmedEnd = destinationRaw.length;
      while (trimmedEnd > 0 && destinationRaw[trimmedEnd - 1] === "/") trimmedEnd--;
      const destinationText = destinationRaw.slice(0, trimmedEnd);
      const targetOf = (dir: string): string => {
        const parts = [destinationText === "" && destinationRaw.startsWith("/") ? "" : destinationText];
        if (dir !== ".") parts.push(dir);
        const joined = parts.join("/");
        return joined === "" ? "/" : `${joined}/`;
      };
      const alreadyCopied = (source: string): boolean => {
        const wanted = path.posix.join(destinationDir, source.replace(/\*$/u, ""));
        return steps.slice(0, copyIndex).some((step, index) => {
          const node = step.node;
          if ((node.type !== "Copy" && node.type !== "Add") || hasFlag(node, "from") || !node.destination) return false;
          const cwd = before[index] ?? null;
          if (cwd === null) return false;
          const dest = path.posix.resolve(cwd, facts.expand(wordValue(node.destination), node).value);
          return node.sources.some((written) => {
            const value = facts.expand(wordValue(written), node).value;
            return compileGlob(path.posix.basename(value)).test(path.posix.basename(wanted)) && path.posix.join(dest, path.posix.basename(wanted)) === wanted;
          });
        });
      };

      const copyKeyword = keywordCase(copy.node, "COPY");
      const runKeyword = keywordCase(copy.node, "RUN");
      const onbuild = run.outer.type === "Onbuild" ? `${keywordCase(copy.step.outer, "ONBUILD")} ` : "";
      const indent = /^[ \t]*/u.exec(text.slice(lineStart(copy.step.outer.range[0]), copy.step.outer.range[0]))?.[0] ?? "";
      const flags = copy.node.flags
        .filter((flag) => KEPT_COPY_FLAGS.has(flag.name.toLowerCase()))
        .map((flag) => ` ${text.slice(flag.range[0], flag.range[1])}`)
        .join("");

      const lines: string[] = [];
      const shown: string[] = [];
      if (workdirLine !== null) lines.push(`${onbuild}${keywordCase(copy.node, "WORKDIR")} ${workdirLine}`);
      for (const [dir, sources] of manifestDirs) {
        shown.push(...sources.map((source) => source.replace(/\*$/u, "")));
        if (sources.every(alreadyCopied)) continue;
        lines.push(`${onbuild}${copyLine(copyKeyword, flags, sources, targetOf(dir))}`);
      }
      for (const source of directories) {
        shown.push(`${source}/`);
        lines.push(`${onbuild}${copyLine(copyKeyword, flags, [source], targetOf(source))}`);
      }

      const fixes: { range: [number, number]; text: string }[] = [];
      const depsOnly = installs.some((install) => install.depsOnlyOptions.length > 0);
      const solely = top.every((cmd) => installs.some((install) => install.command === cmd) || needsNoSources(cmd));
      let moved: string;
      if (solely && !depsOnly) {
        // The RUN only installs: move it, with the comment lines right above it.
        let start = lineStart(run.outer.range[0]);
        for (let i = sourceCode.ast.comments.length - 1; i >= 0; i--) {
          const comment = sourceCode.ast.comments[i];
          if (!comment || comment.range[1] > start) continue;
          if (nextLineStart(comment.range[1]) !== start || comment.range[0] < (steps[runIndex - 1]?.outer.range[1] ?? 0)) break;
          start = lineStart(comment.range[0]);
        }
        moved = text.slice(start, run.outer.range[1]);
        let end = nextLineStart(run.outer.range[1]);
        // Between two blank lines, take one of them along, so no double blank line stays.
        if (isBlankLine(lineStart(start - 1), start) && isBlankLine(end, nextLineStart(end))) end = nextLineStart(end);
        // The last line of a file without a final line break: take the break before it instead.
        if (end === text.length && !/[\r\n]$/u.test(text)) start = lineStart(start - 1) === start ? start : start - (text[start - 2] === "\r" ? 2 : 1);
        fixes.push({ range: [start, end], text: "" });
        lines.push(moved);
      } else {
        // Take the install out into a RUN of its own, with the same flags (cache and secret mounts).
        const install = installs[0];
        if (!install || installs.length > 1 || install.command.depth !== 0 || heredocRun) return null;
        const position = top.indexOf(install.command);
        const leading = top.slice(0, position);
        if (!leading.every((cmd) => unwrapCommand(cmd).name === "cd" && cmd.next === "&&")) return null;
        const options = install.depsOnlyOptions.map((option) => ` ${option}`).join("");
        const commandText =
          text.slice(install.command.start, install.subcommandEnd) + options + text.slice(install.subcommandEnd, install.command.end);
        const chain = [...leading.map((cmd) => text.slice(cmd.start, cmd.end)), commandText].join(" && ");
        const runFlags = runNode.flags.map((flag) => ` ${text.slice(flag.range[0], flag.range[1])}`).join("");
        lines.push(`${onbuild}${runKeyword}${runFlags} ${chain}`);
        if (!depsOnly) {
          if (install.command.next !== "&&") return null;
          const removal = leadingInstallRemoval(runNode, install.command);
          if (!removal) return null;
          fixes.push({ range: removal, text: "" });
        }
      }

      const insertAt = lineStart(copy.step.outer.range[0]);
      const block = lines.map((line, i) => (i === lines.length - 1 && solely && !depsOnly ? line : indent + line)).join(eol) + eol;
      fixes.unshift({ range: [insertAt, insertAt], text: block });
      return { manifests: shown.join(" "), fixes };
    }

    /**
     * Reports whole-context copies followed by an install. `ownFrom` is where the
     * checked stage's own steps start: the steps before it are its ancestors'
     * (a stage built FROM another continues its cache chain), whose pairs their
     * own check reports; here they only carry copies down to this stage's installs.
     */
    function check(steps: readonly Step[], initialCwd: string | null, ownFrom = 0): void {
      /**
       * Whole-context copies not yet followed by an install, grouped by the languages installed above
       * them. The installed set only grows, so there are few groups, and an install looks at each group
       * once, not at each copy: a long file with a `COPY . .` every few lines stays linear.
       */
      const pending = new Map<string, { installedAbove: Set<Language>; copies: { copy: ContextCopy; index: number }[] }>();
      const installed = new Set<Language>();
      let seenContextCopy = false;
      // Only a whole-context copy is reported: without one the installs need not be read.
      const contextCopies = steps.map((step) => contextCopyOf(step, facts));
      if (!contextCopies.some(Boolean)) return;
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i];
        if (!step) continue;
        const copy = contextCopies[i];
        if (copy) {
          const key = [...installed].sort().join(" ");
          let group = pending.get(key);
          if (!group) {
            group = { installedAbove: new Set(installed), copies: [] };
            pending.set(key, group);
          }
          group.copies.push({ copy, index: i });
          continue;
        }
        if (step.node.type !== "Run") continue;
        const installs = installsOf(step.node);
        for (const install of installs) installed.add(LANGUAGE_OF[install.ecosystem]);
        if (installs.length === 0 || pending.size === 0) continue;
        for (const [key, { installedAbove, copies }] of pending) {
          // Dependencies installed above the copy (from copied or bind-mounted manifests) make
          // this install the project's own, quick step, as in `uv sync --no-install-project` first.
          const relevant = installs.filter((install) => !installedAbove.has(LANGUAGE_OF[install.ecosystem]));
          const first = relevant[0];
          if (!first) continue;
          pending.delete(key);
          if (i < ownFrom) continue;
          for (const { copy, index } of copies) {
            const keyword = text.slice(copy.node.keywordRange[0], copy.node.keywordRange[1]);
            const data = {
              keyword,
              // An exec-form source is shown by its value: `COPY .`, not `COPY "."`.
              source: shorten(copy.source.type === "ExecArgument" ? copy.source.value : text.slice(copy.source.range[0], copy.source.range[1]), 20),
              install: shorten(first.label, 40),
              line: String(sourceCode.positions.positionOf(first.start).line),
              manifests: (first.manifests ?? []).map((manifest) => manifest.replace(/\*$/u, "")).join(" "),
            };
            // A copy in a parent stage is not moved from here: the fix would edit another stage.
            const suggestion = seenContextCopy || index < ownFrom || relevant.length !== installs.length ? null : suggest(steps, initialCwd, index, i, copy, installs);
            seenContextCopy = true;
            context.report({
              loc: sourceCode.positions.locOf(copy.source.range),
              messageId: first.manifests === null ? "wholeContextBeforeProjectInstall" : "wholeContextBeforeInstall",
              data,
              suggest: suggestion
                ? [{ messageId: "copyManifestsFirst", data: { ...data, manifests: suggestion.manifests }, fix: () => suggestion.fixes }]
                : [],
            });
          }
        }
      }
    }

    return {
      Dockerfile() {
        const plainOf = new Map<Stage, Step[]>();
        for (const stage of facts.stages) {
          const plain: Step[] = [];
          const triggers: Step[] = [];
          for (const node of stage.instructions) {
            if (node.type === "Onbuild") {
              if (node.trigger) triggers.push({ node: node.trigger, outer: node });
            } else {
              plain.push({ node, outer: node });
            }
          }
          plainOf.set(stage, plain);
          // The ancestors' steps, oldest first: a child built FROM a stage continues its cache chain.
          const inherited: Step[] = [];
          const seen = new Set<Stage>([stage]);
          for (let base = stage.base; base.kind === "stage" && !seen.has(base.stage); base = base.stage.base) {
            seen.add(base.stage);
            inherited.unshift(...(plainOf.get(base.stage) ?? []));
          }
          check([...inherited, ...plain], UNKNOWN_CWD, inherited.length);
          // Triggers run first thing in a child build, in the directory this stage ends in.
          check(triggers, workdirs(plain, UNKNOWN_CWD).after);
        }
      },
    };
  },
};

export default rule;
