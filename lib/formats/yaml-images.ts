/**
 * Where Compose files, GitHub Actions workflows and GitLab CI files name
 * images, over the tree of yaml-eslint-parser. Paths follow Renovate's
 * docker-compose, github-actions and gitlabci managers.
 */
import type { AST } from "yaml-eslint-parser";
import type { ImageMention } from "../images/index.js";
import { mentionAt } from "./mention.js";

type Node = AST.YAMLContent | AST.YAMLWithMeta | null;

/** Merge keys (`<<: *base`) and aliases are followed this deep, no deeper. */
const MAX_ALIAS_DEPTH = 8;
/**
 * Aliases and merge sources followed per document: `<<: [*a, *a, …]` at each
 * of eight levels would otherwise fan out exponentially. Past it, what they
 * lead to is unknown.
 */
const MAX_INDIRECTIONS = 100_000;

class YamlReader {
  private indirections = MAX_INDIRECTIONS;
  /** Each anchor name's anchors in document order, for a binary search per alias. */
  private readonly anchors = new Map<string, AST.YAMLAnchor[]>();

  constructor(
    private readonly doc: AST.YAMLDocument,
    readonly text: string,
  ) {}

  /** False once the document has used up its indirections. */
  private indirect(): boolean {
    this.indirections--;
    return this.indirections >= 0;
  }

  /** The last anchor named `name` that starts before `offset`. */
  private anchorBefore(name: string, offset: number): AST.YAMLAnchor | undefined {
    let anchors = this.anchors.get(name);
    if (!anchors) {
      anchors = [...(this.doc.anchors[name] ?? [])].sort((a, b) => a.range[0] - b.range[0]);
      this.anchors.set(name, anchors);
    }
    let low = 0;
    let high = anchors.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((anchors[middle]?.range[0] ?? offset) < offset) low = middle + 1;
      else high = middle;
    }
    return anchors[low - 1];
  }

  /** The node itself, with anchors and tags removed and aliases followed. */
  content(node: Node, depth = 0): Exclude<AST.YAMLContent, AST.YAMLAlias> | null {
    if (!node || depth > MAX_ALIAS_DEPTH) return null;
    if (node.type === "YAMLWithMeta") return this.content(node.value, depth + 1);
    if (node.type !== "YAMLAlias") return node;
    if (!this.indirect()) return null;
    // An alias names the last anchor of that name before it.
    const anchor = this.anchorBefore(node.name, node.range[0]);
    return anchor ? this.content(anchor.parent, depth + 1) : null;
  }

  mapping(node: Node): AST.YAMLMapping | null {
    const content = this.content(node);
    return content?.type === "YAMLMapping" ? content : null;
  }

  /** `mapping[key]`, looking through `<<` merge keys as YAML 1.1 and Compose do. */
  get(node: Node, key: string, depth = 0): Node {
    const mapping = this.mapping(node);
    if (!mapping || depth > MAX_ALIAS_DEPTH) return null;
    let merged: Node = null;
    for (const pair of mapping.pairs) {
      const name = this.keyOf(pair);
      if (name === key) return pair.value;
      if (name === "<<" && merged === null) {
        const source = this.content(pair.value);
        const sources = source?.type === "YAMLSequence" ? source.entries : [pair.value];
        for (const entry of sources) {
          if (!this.indirect()) return null;
          merged = this.get(entry, key, depth + 1);
          if (merged !== null) break;
        }
      }
    }
    return merged;
  }

  has(node: Node, key: string): boolean {
    return this.get(node, key) !== null || (this.mapping(node)?.pairs.some((pair) => this.keyOf(pair) === key) ?? false);
  }

  keyOf(pair: AST.YAMLPair): string | null {
    const key = this.content(pair.key);
    return key?.type === "YAMLScalar" && typeof key.value === "string" ? key.value : null;
  }

  /** The pairs of a mapping with string keys. */
  entries(node: Node): [string, Node][] {
    const mapping = this.mapping(node);
    if (!mapping) return [];
    const entries: [string, Node][] = [];
    for (const pair of mapping.pairs) {
      const key = this.keyOf(pair);
      if (key !== null && key !== "<<") entries.push([key, pair.value]);
    }
    return entries;
  }

  items(node: Node): Node[] {
    const content = this.content(node);
    return content?.type === "YAMLSequence" ? content.entries : [];
  }

  mention(where: string, node: Node, prefix = ""): ImageMention | null {
    const scalar = this.content(node);
    if (scalar?.type !== "YAMLScalar" || typeof scalar.value !== "string") return null;
    if (scalar.style === "literal" || scalar.style === "folded") return null;
    const quoted = scalar.style !== "plain";
    const range: [number, number] = quoted ? [scalar.range[0] + 1, scalar.range[1] - 1] : scalar.range;
    return mentionAt(where, { value: scalar.value, range }, this.text, prefix);
  }
}

type Finder = (yaml: YamlReader, root: Node, push: (mention: ImageMention | null) => void) => void;

/** Compose: `services.*.image` (not for a service that is built), and `x-*` extensions that carry an image. */
const compose: Finder = (yaml, root, push) => {
  // Compose file format 1 has the services at the top level.
  const services = yaml.has(root, "services") ? yaml.get(root, "services") : root;
  for (const [, service] of yaml.entries(services)) {
    // With `build`, `image` names the image Compose builds and tags, not one it pulls.
    if (yaml.has(service, "build")) continue;
    push(yaml.mention("Compose service image", yaml.get(service, "image")));
  }
  for (const [key, value] of yaml.entries(root)) {
    if (key.startsWith("x-") && !yaml.has(value, "build")) push(yaml.mention("Compose service image", yaml.get(value, "image")));
  }
};

/** GitHub Actions: job containers and services, `uses: docker://…` steps, and a Docker action's `runs.image`. */
const githubActions: Finder = (yaml, root, push) => {
  const imageOf = (where: string, node: Node) => {
    const content = yaml.content(node);
    push(yaml.mention(where, content?.type === "YAMLMapping" ? yaml.get(node, "image") : node));
  };
  // An alias may lead back to a list being read (`steps: &s [{parallel: *s}]`): each list is read once.
  const seen = new Set<unknown>();
  const steps = (node: Node) => {
    const list = yaml.content(node);
    if (seen.has(list)) return;
    seen.add(list);
    for (const step of yaml.items(list)) {
      push(yaml.mention("image in 'uses'", yaml.get(step, "uses"), "docker://"));
      steps(yaml.get(step, "parallel"));
    }
  };
  for (const [, job] of yaml.entries(yaml.get(root, "jobs"))) {
    imageOf("job container image", yaml.get(job, "container"));
    for (const [, service] of yaml.entries(yaml.get(job, "services"))) imageOf("job service image", service);
    steps(yaml.get(job, "steps"));
  }
  const runs = yaml.get(root, "runs");
  push(yaml.mention("action image", yaml.get(runs, "image"), "docker://"));
  steps(yaml.get(runs, "steps"));
};

/** Top-level keys of a GitLab CI file that are not jobs (`default` is, for this purpose). */
const GITLAB_NOT_JOBS = new Set(["variables", "include", "workflow", "stages", "spec", "cache", "before_script", "after_script"]);

/** GitLab CI: `image` (a string or `name:`) and `services` at the top level, in `default` and in every job. */
const gitlabCi: Finder = (yaml, root, push) => {
  const named = (where: string, node: Node) => {
    const content = yaml.content(node);
    push(yaml.mention(where, content?.type === "YAMLMapping" ? yaml.get(node, "name") : node));
  };
  const job = (node: Node) => {
    named("job image", yaml.get(node, "image"));
    for (const service of yaml.items(yaml.get(node, "services"))) named("job service image", service);
  };
  job(root);
  for (const [key, value] of yaml.entries(root)) if (!GITLAB_NOT_JOBS.has(key) && yaml.mapping(value)) job(value);
};

export type YamlFormat = "compose" | "github-actions" | "gitlab-ci";

const FINDERS: Record<YamlFormat, Finder> = { compose, "github-actions": githubActions, "gitlab-ci": gitlabCi };

/**
 * The images a YAML file of `format` names, each once (anchors shared by
 * several services are reported where the string is written).
 */
export function yamlImageMentions(program: AST.YAMLProgram, text: string, format: YamlFormat): ImageMention[] {
  const mentions = new Map<number, ImageMention>();
  for (const doc of program.body) {
    const yaml = new YamlReader(doc, text);
    FINDERS[format](yaml, doc.content, (mention) => {
      if (mention && !mentions.has(mention.range[0])) mentions.set(mention.range[0], mention);
    });
  }
  return [...mentions.values()].sort((a, b) => a.range[0] - b.range[0]);
}
