/**
 * Build stages: each FROM starts one. A FROM may name an earlier stage
 * (case-insensitively) instead of an image; ARGs before the first FROM
 * apply to FROM lines only.
 */
import type { ArgNode, FromNode, InstructionNode } from "../language/index.js";
import { parseImageReference } from "../images/index.js";
import type { ImageReference } from "../images/index.js";
import { expandVariables } from "../variables/index.js";
import type { Expansion, ExpansionBudget, VariableLookup } from "../variables/index.js";

/** ARGs BuildKit defines for every build; their values depend on the build platform. */
export const PLATFORM_ARGS = new Set([
  "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
  "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT", "TARGETSTAGE",
]);

/** ARGs Docker accepts without a declaration (proxies and BuildKit settings). */
export const PREDEFINED_ARGS = new Set([
  ...PLATFORM_ARGS,
  "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy",
  "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy",
  "BUILDKIT_CACHE_MOUNT_NS", "BUILDKIT_CONTEXT_KEEP_GIT_DIR", "BUILDKIT_INLINE_CACHE",
  "BUILDKIT_MULTI_PLATFORM", "BUILDKIT_SANDBOX_HOSTNAME", "BUILDKIT_SYNTAX", "SOURCE_DATE_EPOCH",
]);

export type StageBase =
  | { kind: "scratch" }
  | { kind: "stage"; stage: Stage }
  | { kind: "image"; ref: ImageReference }
  /** The image name depends on a variable with no default, or is empty. */
  | { kind: "unknown"; expansion: Expansion | null };

export interface Stage {
  index: number;
  from: FromNode;
  /** The stage name as written, or null. */
  name: string | null;
  base: StageBase;
  /** The instructions of the stage after its FROM, in order. */
  instructions: InstructionNode[];
}

export interface GlobalArg {
  name: string;
  value: string | null;
  node: ArgNode;
}

export function collectGlobalArgs(body: readonly InstructionNode[], escapeChar: string, budget?: ExpansionBudget): Map<string, GlobalArg> {
  const globals = new Map<string, GlobalArg>();
  const lookup = globalLookup(globals);
  for (const node of body) {
    if (node.type === "From") break;
    if (node.type !== "Arg") continue;
    for (const pair of node.pairs) {
      const name = pair.key.value;
      const expansion = pair.unquotedValue === null ? null : expandVariables(pair.unquotedValue, lookup, escapeChar, budget);
      // A default built from an unknown value is unknown too.
      const value = expansion === null || expansion.unresolved.length > 0 ? null : expansion.value;
      globals.set(name, { name, value, node });
    }
  }
  return globals;
}

/** How FROM lines read variables: global ARGs, and BuildKit's platform ARGs (not the proxy ARGs, which only RUN sees). */
export function globalLookup(globals: Map<string, GlobalArg>): VariableLookup {
  return (name) => {
    const arg = globals.get(name);
    if (arg) return arg.value;
    return PLATFORM_ARGS.has(name) ? null : undefined;
  };
}

export function collectStages(body: readonly InstructionNode[], lookup: VariableLookup, escapeChar: string, budget?: ExpansionBudget): Stage[] {
  const stages: Stage[] = [];
  const byName = new Map<string, Stage>();
  let current: Stage | null = null;
  for (const node of body) {
    if (node.type !== "From") {
      current?.instructions.push(node);
      continue;
    }
    const stage: Stage = {
      index: stages.length,
      from: node,
      name: node.stage?.value ?? null,
      base: resolveBase(node, lookup, escapeChar, byName, budget),
      instructions: [],
    };
    stages.push(stage);
    // A later stage of the same name does not replace the first one for lookups.
    if (stage.name !== null && !byName.has(stage.name.toLowerCase())) byName.set(stage.name.toLowerCase(), stage);
    current = stage;
  }
  return stages;
}

function resolveBase(node: FromNode, lookup: VariableLookup, escapeChar: string, earlier: Map<string, Stage>, budget?: ExpansionBudget): StageBase {
  if (!node.image) return { kind: "unknown", expansion: null };
  const raw = unquoteWhole(node.image.raw);
  const expansion = raw.includes("$") ? expandVariables(raw, lookup, escapeChar, budget) : null;
  if (expansion && expansion.unresolved.length > 0) return { kind: "unknown", expansion };
  const text = expansion ? expansion.value : raw;
  const parent = earlier.get(text.toLowerCase());
  if (parent) return { kind: "stage", stage: parent };
  const ref = parseImageReference(text);
  if (!ref) return { kind: "unknown", expansion };
  if (ref.scratch) return { kind: "scratch" };
  return { kind: "image", ref };
}

/** BuildKit removes the quotes of `FROM "image"` and `--from="image"` before reading the name. */
export function unquoteWhole(text: string): string {
  const first = text[0];
  return text.length >= 2 && (first === '"' || first === "'") && text.endsWith(first) ? text.slice(1, -1) : text;
}

/**
 * Finds the stage a `--from` value or mount `from=` names: a stage name
 * (case-insensitive) or a stage index, defined before `beforeIndex`.
 */
export function findStage(stages: readonly Stage[], reference: string, beforeIndex = stages.length): Stage | null {
  if (/^\d+$/u.test(reference)) {
    const stage = stages[Number(reference)];
    return stage && stage.index < beforeIndex ? stage : null;
  }
  const key = reference.toLowerCase();
  for (const stage of stages) {
    if (stage.index >= beforeIndex) break;
    if (stage.name?.toLowerCase() === key) return stage;
  }
  return null;
}
