/**
 * Small helpers for rules that read and edit the commands of a RUN: where to
 * insert an option after a word (shell form, heredoc or exec array alike),
 * which cache and tmpfs mounts a RUN has, and whether a RUN is an ONBUILD
 * trigger.
 */
import type { InstructionNode, RunNode } from "../language/index.js";
import type { DockerfileFacts } from "../facts/index.js";
import type { ShellWord } from "../shell/index.js";

export interface Insertion {
  at: number;
  text: string;
}

/**
 * The edit that adds `option` right after `word`: ` -y` in a shell script,
 * `, "-y"` after a string of an exec-form array. Null when the word's text in
 * the file is not what the shell read (a JSON string with escapes), so that
 * no edit lands in the wrong place.
 */
export function insertOptionAfter(text: string, node: RunNode, word: ShellWord, option: string): Insertion | null {
  if (text.slice(word.start, word.end) !== word.raw) return null;
  const isExecString = node.form === "exec" && (node.exec ?? []).some((arg) => arg.range[0] === word.start && arg.range[1] === word.end);
  return { at: word.end, text: isExecString ? `, ${JSON.stringify(option)}` : ` ${option}` };
}

export interface RunMount {
  type: string;
  /** The mount target with ARG/ENV values substituted, or null when it has none. */
  target: string | null;
}

/** The `--mount` flags of a RUN: their type (`bind` when unset) and target (`target`, `dst` or `destination`). */
export function runMounts(node: RunNode, facts: DockerfileFacts): RunMount[] {
  const mounts: RunMount[] = [];
  for (const flag of node.flags) {
    if (flag.name.toLowerCase() !== "mount") continue;
    let type = "bind";
    let target: string | null = null;
    for (const option of flag.options) {
      const name = option.name.toLowerCase();
      if (name === "type" && option.value !== null) type = option.value.toLowerCase();
      else if ((name === "target" || name === "dst" || name === "destination") && option.value !== null) target = facts.expand(option.value, node).value;
    }
    mounts.push({ type, target });
  }
  return mounts;
}

/** Removes trailing slashes, keeping `/` itself. */
function normalisePath(path: string): string {
  let end = path.length;
  while (end > 1 && path.charAt(end - 1) === "/") end--;
  return path.slice(0, end);
}

/**
 * True when a cache or tmpfs mount covers `dir`: its target is `dir` or a
 * parent of it, so what the command writes there never reaches the layer.
 */
export function hasCacheMountOver(mounts: readonly RunMount[], dir: string): boolean {
  const wanted = normalisePath(dir);
  return mounts.some((mount) => {
    if ((mount.type !== "cache" && mount.type !== "tmpfs") || mount.target === null) return false;
    const target = normalisePath(mount.target);
    return target === wanted || wanted.startsWith(target === "/" ? "/" : `${target}/`);
  });
}

/** True when a cache or tmpfs mount has a target whose path contains `fragment` (`.cache/pip` under any home). */
export function hasCacheMountWith(mounts: readonly RunMount[], fragment: string): boolean {
  return mounts.some((mount) => (mount.type === "cache" || mount.type === "tmpfs") && mount.target !== null && mount.target.includes(fragment));
}

/** The instruction that holds a RUN in its stage's list: the ONBUILD for a trigger, else the RUN itself. */
export function outerInstruction(node: RunNode, facts: DockerfileFacts): InstructionNode {
  const stage = facts.stageOf(node);
  if (!stage) return node;
  for (const instruction of stage.instructions) {
    if (instruction.type === "Onbuild" && instruction.trigger === node) return instruction;
  }
  return node;
}
