/**
 * A source code's tree and what it derives from its file (facts, traversal,
 * comments) are kept for the newest source code only, not on the object: ESLint's
 * rule contexts keep a source code past young-generation collections, and its
 * tree and derived data must not come with it. A source code asked again
 * rebuilds its tree and derives the same answers.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import plugin from "../index.js";
import type { DockerfileSourceCode } from "../lib/language/index.js";
import type { DockerfileAstNode, DockerfileNode } from "../lib/language/tree/index.js";

type Language = {
  parse(file: { body: string; path: string }): { ok: boolean; ast: DockerfileNode };
  createSourceCode(file: { body: string; path: string }, input: unknown): DockerfileSourceCode;
};
const language = plugin.languages.dockerfile as unknown as Language;

function sourceOf(text: string): DockerfileSourceCode {
  const file = { body: text, path: "Dockerfile" };
  const parsed = language.parse(file);
  expect(parsed.ok).toBe(true);
  return language.createSourceCode(file, parsed);
}

const BUILD = "FROM golang:1.23 AS build\nRUN go build -o /app .\n# runtime\nFROM alpine:3.20\nCOPY --from=build /app /app\n";
const OTHER = "FROM node:20\nARG VERSION\nRUN npm ci && npm run build\n";

/** What rules read from a source code's derived data, as plain values. */
function derivedOf(source: DockerfileSourceCode): unknown {
  const steps = [...source.traverse()].map((step) => [(step.target as DockerfileAstNode).type, step.phase]);
  const parents = source.ast.body.map((node) => source.getParent(node) === source.ast);
  const copy = source.ast.body[4];
  return {
    steps,
    parents,
    stages: source.facts.stages.map((stage) => stage.name),
    fromOfCopy: copy && source.getParent(copy.flags[0] ?? copy)?.type,
    inlineConfig: source.getInlineConfigNodes().length,
  };
}

describe("a source code's derived data", () => {
  it("gives the same answers when the source code is asked again after another file", () => {
    const build = sourceOf(BUILD);
    const first = derivedOf(build);
    const facts = build.facts;
    expect(build.facts).toBe(facts);
    const other = sourceOf(OTHER);
    expect(other.facts.stages).toHaveLength(1);
    expect(derivedOf(build)).toEqual(first);
    expect(build.facts).not.toBe(facts);
    expect(build.facts.stages.map((stage) => stage.name)).toEqual(["build", null]);
  });

  it("rebuilds an older source code's tree once, equal to the first, and keeps the newest one's", () => {
    const build = sourceOf(BUILD);
    const tree = build.ast;
    const shape = (root: DockerfileNode): unknown => root.body.map((node) => [node.type, node.range, node.loc]);
    const first = shape(tree);
    const other = sourceOf(OTHER);
    const otherTree = other.ast;
    expect(build.ast).not.toBe(tree);
    expect(build.ast).toBe(build.ast);
    expect(shape(build.ast)).toEqual(first);
    expect(build.comments).toBe(build.ast.comments);
    expect(build.comments.map((comment) => comment.value)).toEqual(["runtime"]);
    expect(build.positions.lineStart(4)).toBe(BUILD.indexOf("FROM alpine"));
    // Asking the older one does not take the tree of the newest away, and each keeps what it derived.
    expect(other.ast).toBe(otherTree);
    const rebuiltFacts = build.facts;
    expect(other.facts.stages).toHaveLength(1);
    expect(build.facts).toBe(rebuiltFacts);
    expect(build.getLocFromIndex(BUILD.length)).toEqual({ line: 6, column: 1 });
  });

  it("is not kept alive by the source code once another file is linted", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    // A WeakRef's target lives at least to the end of the job that made or read it.
    const settle = async (): Promise<void> => {
      await new Promise((resolve) => setImmediate(resolve));
      gc();
    };
    const build = sourceOf(BUILD);
    const tree = new WeakRef(build.ast);
    const facts = new WeakRef(build.facts);
    const steps = new WeakRef(build.traverse() as object);
    await settle();
    expect(tree.deref()).toBeDefined();
    expect(facts.deref()).toBeDefined();
    expect(steps.deref()).toBeDefined();
    const other = sourceOf(OTHER);
    other.traverse();
    expect(other.facts.stages).toHaveLength(1);
    await settle();
    expect(tree.deref()).toBeUndefined();
    expect(facts.deref()).toBeUndefined();
    expect(steps.deref()).toBeUndefined();
    // The source code itself is still in use and still answers.
    expect(build.facts.stages).toHaveLength(2);
  });
});
