/**
 * Where a Dockerfile names one of its stages: a later `FROM <stage>`,
 * `COPY --from=<stage>` / `ADD --from=<stage>` and `RUN --mount=…,from=<stage>`.
 * Only references written literally (no `$`) are listed, so that a rename
 * can rewrite each one in place. ONBUILD triggers run in another build, where
 * the name means that build's stage, and are skipped.
 */
import type { InstructionNode, Range } from "../language/index.js";
import type { DockerfileFacts } from "./facts.js";
import type { Stage } from "./stages.js";

export interface StageReference {
  kind: "from" | "copy-from" | "mount-from";
  node: InstructionNode;
  /** Range of the name in the file. */
  range: Range;
  /** The name as written. */
  raw: string;
}

/** Literal references to `target` by name (not by index) in the stages after it. */
export function stageReferences(facts: DockerfileFacts, target: Stage): StageReference[] {
  const references: StageReference[] = [];
  if (target.name === null) return references;
  const key = target.name.toLowerCase();
  for (const stage of facts.stages) {
    if (stage.index <= target.index) continue;
    const image = stage.from.image;
    if (image && !image.raw.includes("$") && image.raw.toLowerCase() === key && stage.base.kind === "stage" && stage.base.stage === target) {
      references.push({ kind: "from", node: stage.from, range: image.range, raw: image.raw });
    }
    for (const node of stage.instructions) {
      for (const flag of node.flags) {
        if (flag.name === "from" && (node.type === "Copy" || node.type === "Add")) {
          if (flag.value !== null && flag.valueRange && matches(facts, flag.value, key, stage, target)) {
            references.push({ kind: "copy-from", node, range: flag.valueRange, raw: flag.value });
          }
        } else if (flag.name === "mount") {
          for (const option of flag.options) {
            if (option.name !== "from" || option.value === null || !option.valueRange) continue;
            if (matches(facts, option.value, key, stage, target)) {
              references.push({ kind: "mount-from", node, range: option.valueRange, raw: option.value });
            }
          }
        }
      }
    }
  }
  return references;
}

function matches(facts: DockerfileFacts, value: string, key: string, from: Stage, target: Stage): boolean {
  return !value.includes("$") && value.toLowerCase() === key && facts.findStage(value, from.index) === target;
}
