/**
 * Every place a Dockerfile names an image: FROM, `COPY --from=<image>` and
 * `RUN --mount=…,from=<image>`. A stage name (case-insensitive) or index in
 * those places names a stage, not an image.
 */
import type { InstructionNode, Range } from "../language/index.js";
import type { DockerfileFacts } from "../facts/index.js";
import { parseImageReference } from "./image-ref.js";
import { unquoteWhole } from "../facts/index.js";
import type { ImageReference } from "./image-ref.js";
import type { ImageMention } from "./image-policy.js";

export type ImageUseKind = "from" | "copy-from" | "mount-from";

/** How messages name each kind of use. */
export const IMAGE_USE_LABELS: Record<ImageUseKind, string> = {
  from: "base image",
  "copy-from": "image in COPY --from",
  "mount-from": "image in RUN --mount from=",
};

export interface ImageUse {
  kind: ImageUseKind;
  instruction: InstructionNode;
  /** Range of the reference text in the file. */
  range: Range;
  /** The reference as written. */
  raw: string;
  /** The reference after ARG substitution; null when it depends on a variable with no value. */
  resolved: ImageReference | null;
  /** The text after substitution, when it used variables. */
  expandedText: string | null;
}

/** The image uses of one instruction (none when it names a stage or nothing). */
export function imageUsesOf(node: InstructionNode, facts: DockerfileFacts): ImageUse[] {
  const uses: ImageUse[] = [];
  if (node.type === "From") {
    const stage = facts.stageOf(node);
    if (!node.image || !stage) return uses;
    const base = stage.base;
    if (base.kind === "stage" || base.kind === "scratch") return uses;
    const expandedText = node.image.raw.includes("$") ? (base.kind === "image" ? base.ref.raw : null) : null;
    uses.push({
      kind: "from",
      instruction: node,
      range: node.image.range,
      raw: node.image.raw,
      resolved: base.kind === "image" ? base.ref : null,
      expandedText,
    });
    return uses;
  }
  for (const flag of node.flags) {
    if (flag.name === "from" && flag.value !== null && flag.valueRange && (node.type === "Copy" || node.type === "Add")) {
      const use = imageUse("copy-from", node, flag.value, flag.valueRange, facts);
      if (use) uses.push(use);
    } else if (flag.name === "mount") {
      const from = flag.options.find((option) => option.name === "from");
      if (from?.value && from.valueRange) {
        const use = imageUse("mount-from", node, from.value, from.valueRange, facts);
        if (use) uses.push(use);
      }
    }
  }
  return uses;
}

function imageUse(kind: ImageUseKind, node: InstructionNode, raw: string, range: Range, facts: DockerfileFacts): ImageUse | null {
  const expansion = facts.expand(unquoteWhole(raw), node);
  if (expansion.unresolved.length > 0) {
    return { kind, instruction: node, range, raw, resolved: null, expandedText: null };
  }
  const text = expansion.value;
  const stage = facts.stageOf(node);
  // A stage can only be named by stages after it; the ONBUILD trigger case resolves in the child build.
  if (facts.findStage(text, stage ? stage.index : undefined)) return null;
  const ref = parseImageReference(text);
  if (!ref || ref.scratch) return null;
  return { kind, instruction: node, range, raw, resolved: ref, expandedText: text === raw ? null : text };
}

/** A use as the shared policy sees it. */
export function mentionOfUse(use: ImageUse): ImageMention {
  return { where: IMAGE_USE_LABELS[use.kind], raw: use.raw, range: use.range, resolved: use.resolved, expandedText: use.expandedText };
}
