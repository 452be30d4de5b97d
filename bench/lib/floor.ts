/**
 * The floor: what parsing alone costs. dockerfile-ast's parse, our tree on
 * top of it, and the per-file facts every rule shares (stages, ARG scopes, the
 * shell parse of every RUN).
 */
import { DockerfileParser } from "dockerfile-ast";
import { buildTree } from "../../lib/language/tree/index.js";
import type { DockerfileNode, InstructionNode, RunNode } from "../../lib/language/tree/index.js";
import { DockerfileFacts } from "../../lib/facts/facts.js";
import { timeInProcess } from "./measure.js";
import type { Case } from "./measure.js";

export function parseAll(texts: readonly string[]): number {
  let instructions = 0;
  for (const text of texts) instructions += DockerfileParser.parse(text).getInstructions().length;
  return instructions;
}

export function buildAll(texts: readonly string[]): DockerfileNode[] {
  return texts.map((text) => buildTree(text).ast);
}

function runsOf(body: readonly InstructionNode[]): RunNode[] {
  const runs: RunNode[] = [];
  for (const node of body) {
    if (node.type === "Run") runs.push(node);
    else if (node.type === "Onbuild" && node.trigger?.type === "Run") runs.push(node.trigger);
  }
  return runs;
}

/** Facts and the shell analysis of every RUN, on trees built beforehand. */
export function factsAll(trees: readonly DockerfileNode[], texts: readonly string[]): { stages: number; runs: number; commands: number } {
  const count = { stages: 0, runs: 0, commands: 0 };
  trees.forEach((ast, i) => {
    const facts = new DockerfileFacts(ast, texts[i] ?? "");
    count.stages += facts.stages.length;
    for (const run of runsOf(ast.body)) {
      count.runs++;
      count.commands += facts.shellOf(run).commands.length;
    }
  });
  return count;
}

export function floorCases(texts: readonly string[]): Record<string, Case> {
  const trees = buildAll(texts);
  return {
    parse: () => timeInProcess(() => parseAll(texts)),
    // The trees are dropped as they are built, as ESLint does, so that this figure carries no extra GC.
    build: () =>
      timeInProcess(() => {
        for (const text of texts) buildTree(text);
      }),
    facts: () => timeInProcess(() => factsAll(trees, texts)),
  };
}
