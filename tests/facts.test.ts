import { describe, expect, it } from "vitest";
import { buildTree } from "../lib/language/tree/index.js";
import type { InstructionNode } from "../lib/language/tree/index.js";
import { DockerfileFacts } from "../lib/facts/facts.js";
import { isContentDigest, parseImageReference } from "../lib/images/image-ref.js";
import { expandVariables } from "../lib/variables/substitution.js";
import type { VariableLookup } from "../lib/variables/substitution.js";

function factsOf(code: string): DockerfileFacts {
  return new DockerfileFacts(buildTree(code).ast, code);
}

function node(facts: DockerfileFacts, index: number): InstructionNode {
  const found = facts.ast.body[index];
  if (!found) throw new Error(`no instruction ${index}`);
  return found;
}

const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;

describe("image references", () => {
  it.each([
    ["node", { registry: null, path: "node", tag: null, digest: null, normalizedName: "docker.io/library/node" }],
    ["node:20-alpine", { registry: null, path: "node", tag: "20-alpine", digest: null }],
    ["bitnami/redis:7.2", { registry: null, path: "bitnami/redis", tag: "7.2", normalizedName: "docker.io/bitnami/redis" }],
    ["gcr.io/distroless/static", { registry: "gcr.io", path: "distroless/static", tag: null }],
    ["localhost/app", { registry: "localhost", path: "app", tag: null }],
    ["test.registry.com:3000/openjdk", { registry: "test.registry.com:3000", path: "openjdk", tag: null }],
    [`localhost:5000/a/b:1@${DIGEST}`, { registry: "localhost:5000", path: "a/b", tag: "1", digest: DIGEST, name: "localhost:5000/a/b" }],
    [`ruby@${DIGEST}`, { path: "ruby", tag: null, digest: DIGEST }],
    ["docker.io/library/node:20", { registry: "docker.io", path: "library/node", normalizedName: "docker.io/library/node" }],
    ["Registry/app:1", { registry: "Registry", path: "app" }],
  ])("parses %s", (text, expected) => {
    expect(parseImageReference(text)).toMatchObject(expected);
  });

  it("knows scratch only without tag or digest", () => {
    expect(parseImageReference("scratch")?.scratch).toBe(true);
    expect(parseImageReference("SCRATCH")?.scratch).toBe(true);
    expect(parseImageReference("scratch:1")?.scratch).toBe(false);
  });

  it("rejects text that cannot be a reference", () => {
    expect(parseImageReference("")).toBeNull();
    expect(parseImageReference("a b")).toBeNull();
    expect(parseImageReference("--platform=x")).toBeNull();
    expect(parseImageReference("registry.example/")).toBeNull();
  });

  it("accepts only real content digests", () => {
    expect(isContentDigest(DIGEST)).toBe(true);
    expect(isContentDigest("sha256")).toBe(false);
    expect(isContentDigest("sha256:abc")).toBe(false);
    expect(isContentDigest(null)).toBe(false);
  });
});

describe("variable expansion", () => {
  const values: Record<string, string | null> = { SET: "v", EMPTY: "", NODEF: null };
  const lookup: VariableLookup = (name) => (name in values ? values[name] : undefined);

  it.each([
    ["$SET", "v", []],
    ["${SET}-x", "v-x", []],
    ["${NODEF:-d}", "d", []],
    ["${EMPTY:-d}", "d", []],
    ["${EMPTY-d}", "", []],
    ["${SET:+alt}", "alt", []],
    ["${EMPTY:+alt}", "", []],
    ["${MISSING:-${SET}}", "v", []],
    ["$NODEF", "", ["NODEF"]],
    ["${MISSING}", "", ["MISSING"]],
    ["a\\$SET", "a$SET", []],
    ["$", "$", []],
    ["${SET", "${SET", []],
  ])("expands %s", (text, value, unresolved) => {
    const result = expandVariables(text, lookup);
    expect(result.value).toBe(value);
    expect(result.unresolved).toEqual(unresolved);
  });

  it("lists undeclared names apart from declared ones without a value", () => {
    expect(expandVariables("$NODEF/$MISSING", lookup).undeclared).toEqual(["MISSING"]);
  });

  it("uses the file's escape character", () => {
    expect(expandVariables("a`$SET", lookup, "`").value).toBe("a$SET");
  });
});

describe("stages", () => {
  it("names stages, their bases and their instructions", () => {
    const facts = factsOf("ARG V=1.22\nFROM golang:${V} AS Build\nRUN go build\nFROM build AS test\nFROM scratch\nCOPY --from=BUILD /a /a\n");
    const [build, test, last] = facts.stages;
    expect(facts.stages).toHaveLength(3);
    expect(build?.name).toBe("Build");
    expect(build?.base).toMatchObject({ kind: "image", ref: { path: "golang", tag: "1.22" } });
    expect(build?.instructions.map((n) => n.type)).toEqual(["Run"]);
    expect(test?.base).toMatchObject({ kind: "stage", stage: { index: 0 } });
    expect(last?.base.kind).toBe("scratch");
    expect(facts.findStage("build")).toBe(build);
    expect(facts.findStage("1")).toBe(test);
    expect(facts.findStage("test", 1)).toBeNull();
    expect(last && facts.isLastStage(last)).toBe(true);
    expect([...facts.referencedStages].map((s) => s.index).sort()).toEqual([0]);
  });

  it("treats a name that matches only a later stage as an image", () => {
    const facts = factsOf("FROM app AS base\nFROM node:20 AS app\n");
    expect(facts.stages[0]?.base).toMatchObject({ kind: "image", ref: { path: "app" } });
  });

  it("leaves a base that needs an ARG without default unknown", () => {
    const facts = factsOf("ARG BASE\nFROM ${BASE}\n");
    expect(facts.stages[0]?.base).toMatchObject({ kind: "unknown" });
  });

  it("maps ONBUILD triggers to their stage", () => {
    const facts = factsOf("FROM a:1\nONBUILD RUN make\n");
    const onbuild = node(facts, 1);
    if (onbuild.type !== "Onbuild" || !onbuild.trigger) throw new Error("expected ONBUILD");
    expect(facts.stageOf(onbuild.trigger)?.index).toBe(0);
  });
});

describe("ARG and ENV scopes", () => {
  const code = [
    "ARG GLOBAL=g",
    "ARG ONLY_GLOBAL=o",
    "FROM alpine:${GLOBAL}",
    "RUN echo 1",
    "ARG GLOBAL",
    "ARG LOCAL=${GLOBAL}-l",
    "ENV PATH_X=/opt/${LOCAL}",
    "WORKDIR $PATH_X",
    "FROM alpine:3.20 AS child",
    "FROM child",
    "WORKDIR $PATH_X",
  ].join("\n");
  const facts = factsOf(code);

  it("gives FROM the global ARGs", () => {
    expect(facts.expand("${GLOBAL}/${ONLY_GLOBAL}", node(facts, 2)).value).toBe("g/o");
  });

  it("hides global ARGs inside a stage until re-declared", () => {
    expect(facts.lookupAt(node(facts, 3))("GLOBAL")).toBeUndefined();
    expect(facts.lookupAt(node(facts, 5))("GLOBAL")).toBe("g");
    expect(facts.lookupAt(node(facts, 5))("ONLY_GLOBAL")).toBeUndefined();
  });

  it("expands ARG and ENV defaults with the scope at their declaration", () => {
    expect(facts.expand("$PATH_X", node(facts, 7)).value).toBe("/opt/g-l");
  });

  it("does not carry ENV into an unrelated stage", () => {
    expect(facts.expand("$PATH_X", node(facts, 10)).unresolved).toEqual(["PATH_X"]);
  });

  it("carries ENV from a parent stage", () => {
    const inherited = factsOf("FROM a:1 AS base\nENV HOME_DIR=/srv\nFROM base\nWORKDIR $HOME_DIR\n");
    expect(inherited.expand("$HOME_DIR", node(inherited, 3)).value).toBe("/srv");
  });

  it("keeps an ENV built from an ARG without default unknown, not empty", () => {
    const unknown = factsOf("FROM a:1\nARG VERSION\nENV URL=https://example.com/v${VERSION}.tgz\nRUN true\n");
    expect(unknown.lookupAt(node(unknown, 3))("URL")).toBeNull();
    const globalUnknown = factsOf("ARG V\nARG IMAGE=node:${V}\nFROM ${IMAGE}\n");
    expect(globalUnknown.stages[0]?.base.kind).toBe("unknown");
  });

  it("does not give FROM the proxy ARGs, which only RUN sees", () => {
    const proxy = factsOf("FROM ${HTTP_PROXY}alpine:3.20\n");
    expect(proxy.expand("$HTTP_PROXY", node(proxy, 0)).undeclared).toEqual(["HTTP_PROXY"]);
  });

  it("knows BuildKit's platform ARGs in FROM without a value", () => {
    const platform = factsOf("FROM --platform=$BUILDPLATFORM golang:1.22\n");
    expect(platform.expand("$BUILDPLATFORM", node(platform, 0))).toMatchObject({ unresolved: ["BUILDPLATFORM"], undeclared: [] });
  });
});
