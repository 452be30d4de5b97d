/**
 * The image sites of a Dockerfile: the `# syntax=` frontend, FROM,
 * `COPY/ADD --from=` and `RUN --mount=from=`, with the project's own
 * image-use discovery. A reference that is exactly one ARG (`FROM $BASE`)
 * is pinned where the ARG's default is written; one built from several
 * variables, a stage, `scratch` or a variable with no default is listed and
 * left alone.
 */
import type { ArgNode, FromNode, InstructionNode, KeyValueNode, ParserDirectiveNode } from "../language/index.js";
import { buildTree } from "../language/index.js";
import { DockerfileFacts } from "../facts/index.js";
import type { Stage } from "../facts/index.js";
import { imageUsesOf, parseImageReference } from "../images/index.js";
import type { ImageSite } from "./sites.js";

function useLabel(kind: "from" | "copy-from" | "mount-from", node: InstructionNode): string {
  if (kind === "from") return "FROM";
  return kind === "copy-from" ? `${node.keyword} --from` : "RUN --mount from=";
}

/** `$NAME` or `${NAME}`, and nothing else. */
function singleVariable(text: string): string | null {
  const match = /^\$(?:\{([A-Z_a-z]\w*)\}|([A-Z_a-z]\w*))$/u.exec(text);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** The range of an ARG default inside its quotes, when unquoting changes nothing else. */
function valueSite(pair: KeyValueNode, label: string): ImageSite | null {
  const value = pair.value;
  if (!value || pair.unquotedValue === null || pair.unquotedValue.includes("$")) return null;
  const written = value.value;
  let [start, end] = value.range;
  const quote = written.charAt(0);
  if ((quote === '"' || quote === "'") && written.length >= 2 && written.endsWith(quote)) {
    start += 1;
    end -= 1;
  }
  const inner = written.slice(start - value.range[0], written.length - (value.range[1] - end));
  if (inner !== pair.unquotedValue) return null;
  const ref = parseImageReference(inner);
  if (!ref || ref.scratch) return null;
  return { range: [start, end], text: inner, ref, skipped: null, label };
}

function lastPair(node: ArgNode, name: string): KeyValueNode | undefined {
  return node.pairs.findLast((pair) => pair.key.value === name);
}

/** The ARG whose default a use at `node` reads, as BuildKit scopes them; null when an ENV or nothing defines it. */
function supplyingArg(facts: DockerfileFacts, node: InstructionNode, stage: Stage | null, name: string): KeyValueNode | null {
  const global = (): KeyValueNode | null => {
    const arg = facts.globalArgs.get(name);
    return arg ? (lastPair(arg.node, name) ?? null) : null;
  };
  if (node.type === "From" || !stage) return global();
  const before = stage.instructions.filter((instruction) => instruction.range[0] < node.range[0]);
  for (const instruction of before.reverse()) {
    if (instruction.type === "Env" && instruction.pairs.some((pair) => pair.key.value === name)) return null;
    if (instruction.type !== "Arg") continue;
    const pair = lastPair(instruction, name);
    if (!pair) continue;
    return pair.value ? pair : global();
  }
  return null;
}

function directiveSite(text: string, directive: ParserDirectiveNode): ImageSite | null {
  const value = directive.value.trim();
  if (value === "") return null;
  const [start, end] = directive.range;
  const at = text.slice(start, end).lastIndexOf(value);
  if (at < 0) return null;
  const ref = parseImageReference(value);
  const range: [number, number] = [start + at, start + at + value.length];
  if (!ref) return { range, text: value, ref: null, skipped: `'${value}' is not an image reference`, label: "# syntax" };
  return { range, text: value, ref, skipped: null, label: "# syntax" };
}

function fromSkip(node: FromNode, stage: Stage): string | null {
  const base = stage.base;
  const raw = node.image?.raw ?? "";
  if (base.kind === "stage") return `${raw} names the stage ${base.stage.name ?? String(base.stage.index)}`;
  if (base.kind === "scratch") return "scratch is the empty image, it has no digest";
  if (base.kind === "unknown") {
    const names = base.expansion?.unresolved ?? [];
    if (names.length === 0) return `${raw} is not an image reference`;
    return `${raw} depends on ${names.map((name) => `$${name}`).join(", ")}, which ${names.length === 1 ? "has" : "have"} no default`;
  }
  return null;
}

export function findDockerfileImages(text: string): ImageSite[] {
  const { ast } = buildTree(text);
  const facts = new DockerfileFacts(ast, text);
  const sites: ImageSite[] = [];

  for (const directive of ast.directives) {
    if (directive.name !== "syntax") continue;
    const site = directiveSite(text, directive);
    if (site) sites.push(site);
  }

  for (const node of ast.body) {
    const stage = facts.stageOf(node);
    if (node.type === "From") {
      if (!node.image || !stage) continue;
      const skip = fromSkip(node, stage);
      if (skip !== null) {
        sites.push({ range: node.image.range, text: node.image.raw, ref: null, skipped: skip, label: "FROM" });
        continue;
      }
    }
    const uses = imageUsesOf(node, facts);
    for (const use of uses) {
      const label = useLabel(use.kind, node);
      const written = text.slice(use.range[0], use.range[1]);
      if (!use.resolved) {
        sites.push({ range: use.range, text: written, ref: null, skipped: `${written} depends on a variable with no default`, label });
        continue;
      }
      if (!written.includes("$")) {
        // COPY --from="image" keeps its quotes outside the edited range.
        const quoted = /^(["'])(.*)\1$/u.exec(written);
        const inner = quoted?.[2] ?? written;
        const start = use.range[0] + (quoted ? 1 : 0);
        sites.push({ range: [start, start + inner.length], text: inner, ref: use.resolved, skipped: null, label });
        continue;
      }
      const variable = singleVariable(written);
      const pair = variable ? supplyingArg(facts, node, stage, variable) : null;
      const site = pair && variable ? valueSite(pair, `ARG ${variable} (used by ${label})`) : null;
      if (site) sites.push(site);
      else sites.push({ range: use.range, text: written, ref: null, skipped: `${written} is built from variables; pin the ARG default it reads`, label });
    }
    // A --from that names a stage has no image use: list it as left alone.
    for (const flag of node.flags) {
      const option = flag.name === "mount" ? flag.options.find((candidate) => candidate.name === "from") : null;
      const value = flag.name === "from" ? flag.value : (option?.value ?? null);
      const range = flag.name === "from" ? flag.valueRange : (option?.valueRange ?? null);
      if (flag.name === "from" && node.type !== "Copy" && node.type !== "Add") continue;
      if (value === null || range === null || uses.some((use) => use.range[0] <= range[0] && range[0] <= use.range[1])) continue;
      const skipped = value.toLowerCase() === "scratch" ? "scratch is the empty image, it has no digest" : `${value} names a stage`;
      sites.push({ range, text: value, ref: null, skipped, label: useLabel(flag.name === "from" ? "copy-from" : "mount-from", node) });
    }
  }
  return sites;
}
