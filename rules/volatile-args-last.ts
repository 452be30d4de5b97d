/**
 * ARGs whose value changes on every build (build date, commit, build
 * number) declared above RUN steps that do not use them. Every RUN after an
 * ARG gets it in its environment, so a new value misses the cache there and
 * for every later step; declared just before its first use, it costs only
 * the steps that need it.
 */
import type { RuleTextEdit, RuleTextEditor } from "@eslint/core";
import { argDeclarations } from "../lib/variables/index.js";
import type { ArgDeclaration } from "../lib/variables/index.js";
import type { ArgNode, InstructionNode, Range, RunNode } from "../lib/language/index.js";
import { indentationAt, lineEndOf, lineEndingNear, lineStartOf, wholeLinesRange } from "../lib/fix/index.js";
import { compileNamePattern, snakeName } from "../lib/variables/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import { unwrapCommand } from "../lib/shell/index.js";
import type { Stage } from "../lib/facts/index.js";
import { instructionReferences, scanVariableReferences } from "../lib/variables/index.js";
import { unquoteWord, shorten } from "../lib/text/index.js";
import type { VariableReferences } from "../lib/variables/index.js";

type Options = [{ pattern?: string }];
type MessageIds = "volatileArg" | "moveArg" | "moveArgWithLabels" | "removeArg";

/**
 * Names such as BUILD_DATE, BUILD_NUMBER, GIT_COMMIT, GIT_SHA, COMMIT_SHA,
 * VCS_REF, REVISION, SOURCE_COMMIT, CI_COMMIT_SHA, with any leading words
 * (APP_BUILD_DATE, DOCKER_GITCOMMIT) but nothing after the volatile words,
 * so GIT_COMMIT_MSG_FILE or BUILD_DATE_FORMAT do not match. COMMIT alone
 * matches only as the whole name: GOLANG_COMMIT pins another project.
 */
export const DEFAULT_VOLATILE_PATTERN =
  "(?:^|[_-])(?:build[_-]?(?:date|time|timestamp|datetime|number|num|id)" +
  "|(?:git|vcs|scm|source|src|ci|github|gitlab)[_-]?(?:commit|sha|hash|rev|revision|ref)(?:[_-]?(?:short[_-]?)?(?:sha|hash|id))?" +
  "|commit[_-]?(?:short[_-]?)?(?:sha|hash|id)|short[_-]?sha|revision)$" +
  "|^commit$";

const DELIBERATE = /bust|invalidate/iu;

/** A default that fixes the value: a commit or digest (not all zeros) or a version. Such an ARG does not change per build. */
function isPinnedDefault(value: string): boolean {
  if (/^[\da-f]{7,64}$/iu.test(value)) return !/^0+$/u.test(value);
  return /^v?\d+\.\d+(?:\.\d+)*$/u.test(value);
}

/**
 * Instructions that only set image metadata. BuildKit keeps them out of the
 * state later RUNs are cached on, so using the ARG there costs no cache,
 * while the ARG stays in the environment of every RUN after it.
 */
const METADATA_ONLY = new Set<InstructionNode["type"]>([
  "Label",
  "Expose",
  "Cmd",
  "Entrypoint",
  "Healthcheck",
  "Stopsignal",
  "Volume",
  "Maintainer",
]);

/**
 * Commands that read no build information (dates, commits, build numbers)
 * from their environment: package managers, file and user tools. Any other
 * command (make, cargo, npm, a script) may, as build tools often do.
 */
const ENV_BLIND_COMMANDS = new Set([
  "apt-get", "apt", "apt-key", "apk", "dnf", "yum", "microdnf", "rpm", "zypper", "dpkg", "dpkg-reconfigure",
  "update-ca-certificates", "update-alternatives", "locale-gen", "ldconfig",
  "mkdir", "rm", "rmdir", "cp", "mv", "ln", "chmod", "chown", "chgrp", "touch",
  "tar", "unzip", "gzip", "gunzip", "xz", "bzip2", "zstd", "curl", "wget",
  "gpg", "gpgv", "sha256sum", "sha512sum", "sha1sum", "md5sum",
  "useradd", "adduser", "addgroup", "groupadd", "usermod", "echo", "printf", "true", "false", "test", "[",
  "cd", "set", "export", "ls", "cat", "tee", "sed", "grep", "sort", "cut", "tr", "head", "tail", "wc",
  "id", "sleep", "which", "mktemp", "dirname", "basename", "readlink", "realpath", "stat",
]);

/** Commands that only create files, users and links: cheap to run again. */
const CHEAP_COMMANDS = new Set([
  "mkdir", "rm", "rmdir", "cp", "mv", "ln", "chmod", "chown", "chgrp", "touch", "useradd", "adduser", "addgroup", "groupadd",
  "usermod", "echo", "printf", "true", "false", "test", "[", "cd", "set", "export", "ls", "id", "sleep", "which", "ldconfig",
]);

/** `apt-get upgrade`, `apk upgrade`, `dnf upgrade`, `yum update`, `zypper dup`…: a step that refreshes installed packages. */
function isUpgrade(name: string | null, subcommand: string | undefined): boolean {
  switch (name) {
    case "apt-get": case "apt":
      return subcommand === "upgrade" || subcommand === "dist-upgrade" || subcommand === "full-upgrade";
    case "apk":
      return subcommand === "upgrade";
    case "dnf": case "yum": case "microdnf":
      return subcommand === "upgrade" || subcommand === "update" || subcommand === "distro-sync" || subcommand === "upgrade-minimal";
    case "zypper":
      return subcommand === "up" || subcommand === "update" || subcommand === "dup" || subcommand === "dist-upgrade";
    default:
      return false;
  }
}

/** The whole `name=default` word of a declaration. */
function wordRange(declaration: ArgDeclaration): Range {
  return [declaration.nameRange[0], declaration.valueRange ? declaration.valueRange[1] : declaration.nameRange[1]];
}

interface Placement {
  /** The first RUN after the ARG, before `target`, that does not use it. */
  idleRun: RunNode | null;
  /** Where the ARG belongs: its first use in a build step, or the first RUN that may read it from its environment; null for the end of the stage. */
  target: InstructionNode | null;
  /** True when `target` is a RUN presumed to read the ARG from its environment (nothing refers to it). */
  implicit: boolean;
  /** Metadata-only instructions before `target` that refer to the ARG. */
  metadataUses: InstructionNode[];
  /** True when an idle RUN follows the first metadata use, so the ARG cannot simply sit before that use. */
  idleAfterMetadata: boolean;
}

interface Move {
  /** The instruction to insert above, or null to append after the stage's last staying instruction. */
  before: InstructionNode | null;
  /** Metadata instructions that move with the ARG, in order. */
  carried: InstructionNode[];
}

const rule: DockerfileRuleDefinition<{ RuleOptions: Options; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "suggestion",
    docs: {
      description: "Require ARGs whose value changes on every build to be declared just before their first use",
      url: docsUrl("volatile-args-last"),
    },
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          pattern: {
            type: "string",
            format: "regex",
            description:
              "Regular expression source for names of ARGs whose value changes on every build, matched case-insensitively against the name as written and in snake_case. The default matches names such as BUILD_DATE, BUILD_NUMBER, GIT_COMMIT, GIT_SHA, COMMIT_SHA, VCS_REF and REVISION.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ pattern: DEFAULT_VOLATILE_PATTERN }],
    messages: {
      volatileArg: "'{{name}}' changes every build and misses the cache from the RUN on line {{runLine}} on, which does not use it{{advice}}.",
      moveArg: "Move 'ARG {{name}}' {{where}}.",
      removeArg: "Remove 'ARG {{name}}', which nothing in the stage uses.",
      moveArgWithLabels: "Move 'ARG {{name}}' and the LABEL instructions that use it (line {{labelLines}}) {{where}}.",
    },
  },

  create(context) {
    const [{ pattern = DEFAULT_VOLATILE_PATTERN }] = context.options;
    const volatile = compileNamePattern(pattern, "pattern");
    const isVolatile = (name: string): boolean => {
      if (DELIBERATE.test(name)) return false;
      return volatile.test(name) || volatile.test(snakeName(name));
    };
    const { sourceCode } = context;
    const { facts, text } = sourceCode;

    function referencesOf(node: InstructionNode): VariableReferences {
      return instructionReferences(node, text, {
        escapeChar: facts.escapeChar,
        windows: node.type === "Run" && !facts.shellOf(node).posix,
      });
    }

    function declarationsOf(node: ArgNode): ArgDeclaration[] {
      return argDeclarations(node);
    }

    /** The names an ARG or ENV defines. */
    function declaredNames(node: InstructionNode): string[] {
      if (node.type === "Arg") return declarationsOf(node).map((declaration) => declaration.name);
      if (node.type === "Env") return node.pairs.map((pair) => pair.key.value);
      return [];
    }

    /** True when a command of the RUN upgrades the installed packages. */
    function upgrades(run: RunNode): boolean {
      return facts.shellOf(run).commands.some((command) => {
        const { name, args } = unwrapCommand(command);
        return isUpgrade(name, args.find((word) => !word.value.startsWith("-"))?.value);
      });
    }

    /** True when every command of the RUN only creates files, users or links. */
    function isCheap(run: RunNode): boolean {
      const shell = facts.shellOf(run);
      if (!shell.posix || shell.commands.length === 0) return false;
      return shell.commands.every((command) => {
        const commandName = unwrapCommand(command).name;
        return commandName !== null && CHEAP_COMMANDS.has(commandName);
      });
    }

    /**
     * `ARG BUILD_DATE` right above `RUN apt-get upgrade`, nothing costly after: the ARG is there
     * to refresh that one step on every build, as intended.
     */
    function refreshesOneStep(stage: Stage, index: number, run: RunNode): boolean {
      if (stage.instructions[index + 1] !== run || !upgrades(run)) return false;
      return stage.instructions.slice(index + 2).every((node) => node.type !== "Run" || isCheap(node));
    }

    /** The keys of an ENV that copy the variable (`ENV GIT_SHA=${GIT_SHA}`). */
    function copiesOf(node: InstructionNode, name: string): string[] {
      if (node.type !== "Env") return [];
      return node.pairs.filter((pair) => pair.value !== null && scanVariableReferences(text.slice(pair.value.range[0], pair.value.range[1]), { escapeChar: facts.escapeChar }).has(name)).map((pair) => pair.key.value);
    }

    /** True when every command of the RUN is known to read no build information from its environment. */
    function isEnvBlind(run: RunNode): boolean {
      const shell = facts.shellOf(run);
      if (!shell.posix || shell.commands.length === 0) return false;
      return shell.commands.every((command) => {
        const commandName = unwrapCommand(command).name;
        return commandName !== null && ENV_BLIND_COMMANDS.has(commandName);
      });
    }

    /**
     * Walks the stage after the ARG. The ARG belongs just before its first use in a build step
     * (a RUN, ENV, COPY… that refers to it, or a redeclaration). When nothing refers to it, it can
     * only be read from the environment, so the first RUN that may read it (any command but package
     * managers and file tools) counts as that use.
     */
    function place(stage: Stage, from: number, name: string): Placement {
      const metadataUses: InstructionNode[] = [];
      let idleRun: RunNode | null = null;
      let reader: RunNode | null = null;
      let idleAfterMetadata = false;
      for (let i = from; i < stage.instructions.length; i++) {
        const node = stage.instructions[i];
        // ONBUILD triggers run in downstream builds, where this ARG does not exist.
        if (!node || node.type === "Onbuild") continue;
        const redeclares = declaredNames(node).includes(name);
        if (!redeclares && referencesOf(node).has(name) && METADATA_ONLY.has(node.type)) {
          metadataUses.push(node);
          continue;
        }
        if (redeclares || referencesOf(node).has(name)) {
          return { idleRun, target: node, implicit: false, metadataUses, idleAfterMetadata };
        }
        if (node.type !== "Run") continue;
        idleRun ??= node;
        if (metadataUses.length > 0) idleAfterMetadata = true;
        if (!reader && !isEnvBlind(node)) reader = node;
      }
      if (metadataUses.length === 0 && reader) {
        // Only the env-blind RUNs before the first possible reader are known not to use it.
        return { idleRun: idleRun === reader ? null : idleRun, target: reader, implicit: true, metadataUses, idleAfterMetadata };
      }
      return { idleRun, target: null, implicit: false, metadataUses, idleAfterMetadata };
    }

    /** The variables an instruction refers to. */
    function namesUsedBy(node: InstructionNode): ReadonlySet<string> {
      return referencesOf(node).names;
    }

    /** True when no instruction strictly between `from` and `until` (indexes) defines one of `names`. */
    function noRedefinition(stage: Stage, from: number, until: number, names: ReadonlySet<string>): boolean {
      for (let i = from + 1; i < until; i++) {
        const node = stage.instructions[i];
        if (node && declaredNames(node).some((defined) => names.has(defined))) return false;
      }
      return true;
    }

    /** The label keys a LABEL sets, or null when a key is built from a variable. */
    function labelKeys(node: InstructionNode): string[] | null {
      if (node.type !== "Label") return null;
      const keys = node.pairs.map((pair) => pair.key.value);
      return keys.some((key) => key.includes("$")) ? null : keys;
    }

    /**
     * Where the suggestion moves the ARG, and which LABELs go with it; null when no safe move exists.
     * The ARG goes before its first use; when that use is a LABEL with idle RUNs after it, the LABEL
     * moves too (it only sets metadata), provided its variables and keys mean the same there.
     */
    function planMove(stage: Stage, index: number, declaration: ArgDeclaration, placement: Placement): Move | null {
      const { metadataUses, target } = placement;
      const targetIndex = target ? stage.instructions.indexOf(target) : stage.instructions.length;
      let move: Move;
      const firstMetadata = metadataUses[0];
      if (!firstMetadata) {
        move = { before: target, carried: [] };
      } else if (!placement.idleAfterMetadata) {
        move = { before: firstMetadata, carried: [] };
      } else {
        if (!metadataUses.every((node) => node.type === "Label")) return null;
        for (const label of metadataUses) {
          const labelIndex = stage.instructions.indexOf(label);
          const used = new Set(namesUsedBy(label));
          used.delete(declaration.name);
          if (!noRedefinition(stage, labelIndex, targetIndex, used)) return null;
          const keys = labelKeys(label);
          if (!keys) return null;
          for (let i = labelIndex + 1; i < targetIndex; i++) {
            const other = stage.instructions[i];
            if (other?.type !== "Label" || metadataUses.includes(other)) continue;
            const otherKeys = labelKeys(other);
            if (!otherKeys || otherKeys.some((key) => keys.includes(key))) return null;
          }
        }
        move = { before: target, carried: metadataUses };
      }
      // The default must read the same variables where the ARG lands.
      const defaultNames = scanVariableReferences(declaration.value ?? "", { escapeChar: facts.escapeChar }).names;
      const landing = move.before ? stage.instructions.indexOf(move.before) : stage.instructions.length;
      if (defaultNames.size > 0 && !noRedefinition(stage, index, landing, defaultNames)) return null;
      return move;
    }

    /** The text to delete: the whole ARG when it declares only this name, else the word and the blanks that separate it from a neighbour. */
    function removalRange(arg: ArgNode, declaration: ArgDeclaration): Range {
      const all = declarationsOf(arg);
      const index = all.indexOf(declaration);
      if (all.length === 1) return wholeLinesRange(text, arg.range);
      const next = all[index + 1];
      if (next) return [wordRange(declaration)[0], wordRange(next)[0]];
      const previous = all[index - 1];
      return [previous ? wordRange(previous)[1] : wordRange(declaration)[0], wordRange(declaration)[1]];
    }

    /** The lines of an instruction as written, without the final line break. */
    function linesOf(node: InstructionNode): string {
      const [start, end] = wholeLinesRange(text, node.range);
      return text.slice(start, lineEndOf(text, Math.max(start, end - 1)));
    }

    function moveFix(fixer: RuleTextEditor, stage: Stage, arg: ArgNode, declaration: ArgDeclaration, move: Move): RuleTextEdit[] {
      const keyword = text.slice(arg.keywordRange[0], arg.keywordRange[1]);
      const argLine = `${keyword} ${text.slice(...wordRange(declaration))}`;
      const edits = [fixer.removeRange(removalRange(arg, declaration))];
      for (const node of move.carried) edits.push(fixer.removeRange(wholeLinesRange(text, node.range)));
      if (move.before) {
        const at = lineStartOf(text, move.before.range[0]);
        const eol = lineEndingNear(text, move.before.range[0]);
        const block = [`${indentationAt(text, move.before.range[0])}${argLine}`, ...move.carried.map(linesOf)];
        edits.push(fixer.insertTextBeforeRange([at, at], block.map((line) => `${line}${eol}`).join("")));
      } else {
        // After the stage's last instruction that stays in place.
        const staying = stage.instructions.filter((node) => node !== arg && !move.carried.includes(node));
        const last = staying.at(-1) ?? arg;
        const at = lineEndOf(text, last.range[1]);
        const eol = lineEndingNear(text, last.range[0]);
        const block = [`${indentationAt(text, last.range[0])}${argLine}`, ...move.carried.map(linesOf)];
        edits.push(fixer.insertTextBeforeRange([at, at], block.map((line) => `${eol}${line}`).join("")));
      }
      return edits;
    }

    function where(placement: Placement, move: Move | null): string {
      const { target } = placement;
      const firstMetadata = placement.metadataUses[0];
      if (move && move.carried.length === 0 && firstMetadata && move.before === firstMetadata) {
        return `to just before its first use, the ${firstMetadata.keyword} on line ${firstMetadata.loc.start.line}`;
      }
      if (!target) return "to the end of the stage";
      if (placement.implicit) return `to just before the RUN on line ${target.loc.start.line}, the first step that may read it from its environment`;
      const kind = placement.metadataUses.length > 0 ? "first use in a build step" : "first use";
      return `to just before its ${kind}, the ${target.keyword} on line ${target.loc.start.line}`;
    }

    /** What the message adds when moving the ARG is not the whole story; the suggestion says where to. */
    function advice(placement: Placement): string {
      const uses = placement.metadataUses;
      if (uses.length > 0 && placement.idleAfterMetadata) return "; only metadata uses it";
      if (unused(placement)) return "; nothing uses it";
      return "";
    }

    function unused(placement: Placement): boolean {
      return !placement.target && placement.metadataUses.length === 0;
    }

    /** Removes a whole `ARG` line (with its line break) that declares one name only. */
    function removeFix(fixer: RuleTextEditor, arg: ArgNode): RuleTextEdit {
      let start = arg.range[0];
      while (start > 0 && (text.charAt(start - 1) === " " || text.charAt(start - 1) === "\t")) start--;
      let end = arg.range[1];
      if (text.charAt(end) === "\r") end++;
      if (text.charAt(end) === "\n") end++;
      return fixer.removeRange([start, end]);
    }

    function check(stage: Stage, index: number, arg: ArgNode): void {
      for (const declaration of declarationsOf(arg)) {
        const { name } = declaration;
        if (!isVolatile(name)) continue;
        if (declaration.value !== null && isPinnedDefault(unquoteWord(declaration.value, facts.escapeChar))) continue;
        const placement = place(stage, index + 1, name);
        const envCopy = placement.target && !placement.implicit ? copiesOf(placement.target, name)[0] : undefined;
        if (!placement.idleRun && placement.target && envCopy !== undefined) {
          // `ENV GIT_SHA=${GIT_SHA}` keeps the value in the environment of every later RUN, as the ARG would.
          const env = placement.target;
          const copied = place(stage, stage.instructions.indexOf(env) + 1, envCopy);
          if (!copied.idleRun) continue;
          context.report({
            loc: sourceCode.positions.locOf(declaration.nameRange),
            messageId: "volatileArg",
            data: {
              name,
              runLine: String(copied.idleRun.loc.start.line),
              advice: `; the ENV on line ${env.loc.start.line} copies it`,
            },
          });
          continue;
        }
        if (!placement.idleRun && placement.target?.type === "Run" && !placement.implicit && isCheap(placement.target)) {
          // A cheap first use (`RUN echo "$GIT_SHA" > /REVISION`) above costly RUNs: they still get the value in their environment.
          const use = placement.target;
          const later = place(stage, stage.instructions.indexOf(use) + 1, name);
          if (!later.idleRun || isCheap(later.idleRun)) continue;
          context.report({
            loc: sourceCode.positions.locOf(declaration.nameRange),
            messageId: "volatileArg",
            data: {
              name,
              runLine: String(later.idleRun.loc.start.line),
              advice: `; line ${use.loc.start.line} uses it too early`,
            },
          });
          continue;
        }
        if (!placement.idleRun) continue;
        if (unused(placement) && refreshesOneStep(stage, index, placement.idleRun)) continue;
        const move = planMove(stage, index, declaration, placement);
        const whereText = where(placement, move);
        context.report({
          loc: sourceCode.positions.locOf(declaration.nameRange),
          messageId: "volatileArg",
          data: { name: shorten(name, 22), runLine: String(placement.idleRun.loc.start.line), advice: advice(placement) },
          suggest: unused(placement) && declarationsOf(arg).length === 1 && sourceCode.getParent(arg)?.type !== "Onbuild"
            ? [{ messageId: "removeArg", data: { name }, fix: (fixer) => removeFix(fixer, arg) }]
            : move
            ? [
                {
                  messageId: move.carried.length > 0 ? "moveArgWithLabels" : "moveArg",
                  data: { name, where: whereText, labelLines: move.carried.map((node) => node.loc.start.line).join(", ") },
                  fix: (fixer) => moveFix(fixer, stage, arg, declaration, move),
                },
              ]
            : [],
        });
      }
    }

    return {
      "Dockerfile:exit"() {
        for (const stage of facts.stages) {
          stage.instructions.forEach((node, index) => {
            if (node.type === "Arg") check(stage, index, node);
          });
        }
      },
    };
  },
};

export default rule;
