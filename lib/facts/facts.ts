/**
 * Facts about one Dockerfile that several rules need, computed once per file
 * and on first use: stages, ARG/ENV scopes, and the shell commands of RUNs.
 */
import type { DockerfileNode, InstructionNode, RunNode, ShellNode } from "../language/index.js";
import { collectGlobalArgs, collectStages, findStage, globalLookup, PREDEFINED_ARGS } from "./stages.js";
import type { GlobalArg, Stage } from "./stages.js";
import { ExpansionBudget, expandVariables } from "../variables/index.js";
import type { Expansion, VariableLookup } from "../variables/index.js";
import { analyseRun, windowsDialectOf } from "../shell/index.js";
import type { RunShell } from "../shell/index.js";

interface Definition {
  /** Offset of the instruction that defines it. */
  at: number;
  value: string | null;
  kind: "arg" | "env";
}

export class DockerfileFacts {
  readonly ast: DockerfileNode;
  readonly text: string;
  #globals: Map<string, GlobalArg> | undefined;
  #stages: Stage[] | undefined;
  #stageByNode: WeakMap<InstructionNode, Stage> | undefined;
  #definitions = new Map<Stage, Map<string, Definition[]>>();
  #shells = new WeakMap<RunNode, RunShell>();
  #referencedStages: Set<Stage> | undefined;
  #instructionsByType = new Map<Stage, Map<InstructionNode["type"], InstructionNode[]>>();
  /**
   * What all the substitutions of this file may produce together: values
   * that double at each ARG grow exponentially with the file, so past this
   * the values are unknown. Generous: proportional to the file, at least 1 MiB.
   */
  readonly expansionBudget: ExpansionBudget;

  /** `# hadolint shell=…` pragmas by offset: they set the shell as SHELL does, for hadolint's users. */
  readonly #shellPragmas: readonly { offset: number; shell: string }[];

  constructor(ast: DockerfileNode, text: string, options: { shellPragmas?: readonly { offset: number; shell: string }[] } = {}) {
    this.ast = ast;
    this.text = text;
    this.#shellPragmas = options.shellPragmas ?? [];
    this.expansionBudget = new ExpansionBudget(Math.max(1 << 20, 16 * text.length));
  }

  get escapeChar(): string {
    return this.ast.escapeChar;
  }

  /** ARGs declared before the first FROM, by name. */
  get globalArgs(): Map<string, GlobalArg> {
    this.#globals ??= collectGlobalArgs(this.ast.body, this.ast.escapeChar, this.expansionBudget);
    return this.#globals;
  }

  get stages(): Stage[] {
    this.#stages ??= collectStages(this.ast.body, globalLookup(this.globalArgs), this.ast.escapeChar, this.expansionBudget);
    return this.#stages;
  }

  /** The stage an instruction belongs to (an ONBUILD trigger belongs to its ONBUILD's stage); null before the first FROM. */
  stageOf(node: InstructionNode): Stage | null {
    if (!this.#stageByNode) {
      const map = new WeakMap<InstructionNode, Stage>();
      for (const stage of this.stages) {
        map.set(stage.from, stage);
        for (const instruction of stage.instructions) {
          map.set(instruction, stage);
          if (instruction.type === "Onbuild" && instruction.trigger) map.set(instruction.trigger, stage);
        }
      }
      this.#stageByNode = map;
    }
    return this.#stageByNode.get(node) ?? null;
  }

  findStage(reference: string, beforeIndex?: number): Stage | null {
    return findStage(this.stages, reference, beforeIndex);
  }

  /** True when the stage is the last one, the image a plain `docker build` produces. */
  isLastStage(stage: Stage): boolean {
    return stage.index === this.stages.length - 1;
  }

  /** Stages that a later FROM, `COPY --from` or `RUN --mount=from=` uses. */
  get referencedStages(): Set<Stage> {
    if (this.#referencedStages) return this.#referencedStages;
    const used = new Set<Stage>();
    for (const stage of this.stages) {
      if (stage.base.kind === "stage") used.add(stage.base.stage);
      for (const node of stage.instructions) {
        for (const flag of node.flags) {
          const reference = flag.name === "from" ? flag.value : flag.name === "mount" ? (flag.options.find((option) => option.name === "from")?.value ?? null) : null;
          if (reference === null) continue;
          const expanded = this.expand(reference, node).value;
          const target = this.findStage(expanded, stage.index);
          if (target) used.add(target);
        }
      }
    }
    this.#referencedStages = used;
    return used;
  }

  /** How `$NAME` reads at an instruction: global ARGs for FROM, the stage's ARG/ENV scope elsewhere. */
  lookupAt(node: InstructionNode): VariableLookup {
    const stage = node.type === "From" ? null : this.stageOf(node);
    if (!stage) return globalLookup(this.globalArgs);
    return (name) => this.#lookupInStage(stage, name, node.range[0]);
  }

  /** Substitutes ARG and ENV values into instruction text (not shell-form RUN text, which the shell expands). */
  expand(text: string, node: InstructionNode): Expansion {
    if (!text.includes("$")) return { value: text, unresolved: [], undeclared: [], exceeded: false };
    return expandVariables(text, this.lookupAt(node), this.ast.escapeChar, this.expansionBudget);
  }

  /** The shell commands of a RUN, parsed once. */
  shellOf(node: RunNode): RunShell {
    let shell = this.#shells.get(node);
    if (!shell) {
      shell = analyseRun(node, this.text, this.ast.escapeChar, this.isPosixShellAt(node));
      this.#shells.set(node, shell);
    }
    return shell;
  }

  #lookupInStage(stage: Stage, name: string, before: number): string | null | undefined {
    const found = this.#lastDefinition(stage, name, before);
    if (found) return found.value;
    // ENV carries over from a parent stage; ARG does not.
    for (let parent = stage.base.kind === "stage" ? stage.base.stage : null, hops = 0; parent && hops < 100; hops++) {
      const env = this.#definitionsOf(parent).get(name)?.findLast((definition) => definition.kind === "env");
      if (env) return env.value;
      parent = parent.base.kind === "stage" ? parent.base.stage : null;
    }
    return PREDEFINED_ARGS.has(name) ? null : undefined;
  }

  #lastDefinition(stage: Stage, name: string, before: number): Definition | undefined {
    const list = this.#definitionsOf(stage).get(name);
    return list ? lastBefore(list, before, (definition) => definition.at) : undefined;
  }

  #definitionsOf(stage: Stage): Map<string, Definition[]> {
    let map = this.#definitions.get(stage);
    if (map) return map;
    map = new Map();
    this.#definitions.set(stage, map);
    const defs = map;
    for (const node of stage.instructions) {
      if (node.type !== "Arg" && node.type !== "Env") continue;
      for (const pair of node.pairs) {
        const name = pair.key.value;
        let value: string | null;
        if (pair.unquotedValue !== null) {
          const lookup: VariableLookup = (other) => this.#lookupInStage(stage, other, node.range[0]);
          const expansion = expandVariables(pair.unquotedValue, lookup, this.ast.escapeChar, this.expansionBudget);
          // A value built from an unknown one is unknown too, not the empty string.
          value = expansion.unresolved.length > 0 ? null : expansion.value;
        } else if (node.type === "Arg") {
          value = this.globalArgs.get(name)?.value ?? null;
        } else {
          value = null;
        }
        const list = defs.get(name) ?? [];
        list.push({ at: node.range[0], value, kind: node.type === "Arg" ? "arg" : "env" });
        defs.set(name, list);
      }
    }
    return map;
  }

  /**
   * The last instruction of `type` in the stage of `node` (its own stage only)
   * before it, or null: a binary search over the stage's instructions of that
   * type, where a scan per instruction would be quadratic in long files.
   */
  lastBefore<T extends InstructionNode["type"]>(node: InstructionNode, type: T): (InstructionNode & { type: T }) | null {
    const stage = this.stageOf(node);
    return stage ? this.#lastInStage(stage, type, node.range[0]) : null;
  }

  #lastInStage<T extends InstructionNode["type"]>(stage: Stage, type: T, before: number): (InstructionNode & { type: T }) | null {
    let byType = this.#instructionsByType.get(stage);
    if (!byType) {
      byType = new Map();
      for (const instruction of stage.instructions) {
        const list = byType.get(instruction.type) ?? [];
        list.push(instruction);
        byType.set(instruction.type, list);
      }
      this.#instructionsByType.set(stage, byType);
    }
    const found = lastBefore(byType.get(type) ?? [], before, (instruction) => instruction.range[0]);
    return (found ?? null) as (InstructionNode & { type: T }) | null;
  }

  /** The SHELL instruction in force at an instruction: the last one before it in its stage, else in its parent stages. */
  shellInstructionAt(node: InstructionNode): ShellNode | null {
    let stage = this.stageOf(node);
    let before = node.range[0];
    for (let hops = 0; stage && hops < 100; hops++) {
      const found = this.#lastInStage(stage, "Shell", before);
      if (found) return found;
      stage = stage.base.kind === "stage" ? stage.base.stage : null;
      before = Number.POSITIVE_INFINITY;
    }
    return null;
  }

  /**
   * The variable names a shell sees declared at an instruction: the stage's ARG and
   * ENV names before it, and the ENV names of its parent stages (ARGs do not carry over).
   */
  declaredNamesAt(node: InstructionNode): Map<string, "arg" | "env"> {
    const names = new Map<string, "arg" | "env">();
    let stage = this.stageOf(node);
    let before = node.range[0];
    for (let hops = 0; stage && hops < 100; hops++) {
      for (const [name, definitions] of this.#definitionsOf(stage)) {
        if (names.get(name) === "env") continue;
        for (const definition of definitions) {
          if (definition.at >= before || (hops > 0 && definition.kind !== "env")) continue;
          names.set(name, definition.kind);
          if (definition.kind === "env") break;
        }
      }
      stage = stage.base.kind === "stage" ? stage.base.stage : null;
      before = Number.POSITIVE_INFINITY;
    }
    return names;
  }

  /** False where the stage's SHELL, a `# hadolint shell=` pragma or a Windows base image says it is not a POSIX shell. */
  isPosixShellAt(node: InstructionNode): boolean {
    let stage = this.stageOf(node);
    let before = node.range[0];
    for (let hops = 0; stage && hops < 100; hops++) {
      const start = stage.from.range[0];
      const next = this.stages[stage.index + 1];
      const end = Math.min(before, next ? next.from.range[0] : Number.POSITIVE_INFINITY);
      const shell = this.#lastInStage(stage, "Shell", before);
      let latest: { at: number; posix: boolean } | undefined = shell
        ? { at: shell.range[0], posix: windowsDialectOf(shell.exec?.[0]?.value ?? "") === null }
        : undefined;
      const pragma = lastBefore(this.#shellPragmas, end, (pragma) => pragma.offset);
      if (pragma && pragma.offset > start && pragma.offset > (latest?.at ?? -1)) latest = { at: pragma.offset, posix: posixPragma(pragma.shell) };
      if (latest) return latest.posix;
      if (stage.base.kind === "image") {
        const global = lastBefore(this.#shellPragmas, this.stages[0]?.from.range[0] ?? 0, (pragma) => pragma.offset);
        if (global) return posixPragma(global.shell);
        return !/windows|nanoserver|servercore/iu.test(stage.base.ref.raw);
      }
      if (stage.base.kind !== "stage") break;
      stage = stage.base.stage;
      before = Number.POSITIVE_INFINITY;
    }
    return this.ast.escapeChar !== "`";
  }
}

/**
 * The last item of `sorted` (in file order) whose offset is before `offset`:
 * a binary search, as instructions × definitions or RUNs × pragmas can be large.
 */
function lastBefore<T>(sorted: readonly T[], offset: number, offsetOf: (item: T) => number): T | undefined {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const item = sorted[mid];
    if (item !== undefined && offsetOf(item) < offset) low = mid + 1;
    else high = mid;
  }
  return sorted[low - 1];
}

/** hadolint treats a pragma's shell as not POSIX when its name contains one of these. */
function posixPragma(shell: string): boolean {
  return !["pwsh", "powershell", "cmd"].some((name) => shell.includes(name));
}
