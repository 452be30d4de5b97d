/** Where a Dockerfile names images, and which ranges pinning rewrites (no network). */
import { describe, expect, it } from "vitest";
import { applyEdits, findDockerfileImages, planSites, unifiedDiff } from "../../lib/pin/index.js";
import type { Resolver } from "../../lib/pin/index.js";

const DIGEST = `sha256:${"a".repeat(64)}`;
const OTHER = `sha256:${"b".repeat(64)}`;

function summary(text: string): { text: string; label: string; skipped: string | null }[] {
  return findDockerfileImages(text).map((site) => ({ text: text.slice(site.range[0], site.range[1]), label: site.label, skipped: site.skipped }));
}

/** Every image resolves to DIGEST; each call is recorded. */
function fakeResolver(calls: string[] = []): Resolver {
  return (ref) => {
    calls.push(ref.raw);
    return Promise.resolve({ ok: true, digest: DIGEST, mediaType: "application/vnd.oci.image.index.v1+json", entries: [OTHER] });
  };
}

async function pinned(text: string, mode: "pin" | "update" = "pin"): Promise<string> {
  const outcomes = await planSites(findDockerfileImages(text), fakeResolver(), { mode, platform: null });
  return applyEdits(
    text,
    outcomes.flatMap((outcome) => (outcome.replacement ? [{ range: outcome.site.range, text: outcome.replacement }] : [])),
  );
}

describe("findDockerfileImages", () => {
  it("finds the syntax directive, FROM, COPY --from and RUN --mount from=", () => {
    const text = "# syntax=docker/dockerfile:1.7\nFROM node:22 AS build\nRUN --mount=type=cache,target=/c --mount=from=busybox:1,target=/b true\nCOPY --from=alpine:3 /x /y\n";
    expect(summary(text)).toEqual([
      { text: "docker/dockerfile:1.7", label: "# syntax", skipped: null },
      { text: "node:22", label: "FROM", skipped: null },
      { text: "busybox:1", label: "RUN --mount from=", skipped: null },
      { text: "alpine:3", label: "COPY --from", skipped: null },
    ]);
  });

  it("lists stages, scratch and variables with no default as left alone", () => {
    const text = "ARG TAG\nFROM node:${TAG} AS a\nFROM a AS b\nFROM scratch\nCOPY --from=b /x /y\nCOPY --from=0 /x /y\nRUN --mount=from=a,target=/a true\n";
    expect(summary(text)).toEqual([
      { text: "node:${TAG}", label: "FROM", skipped: "node:${TAG} depends on $TAG, which has no default" },
      { text: "a", label: "FROM", skipped: "a names the stage a" },
      { text: "scratch", label: "FROM", skipped: "scratch is the empty image, it has no digest" },
      { text: "b", label: "COPY --from", skipped: "b names a stage" },
      { text: "0", label: "COPY --from", skipped: "0 names a stage" },
      { text: "a", label: "RUN --mount from=", skipped: "a names a stage" },
    ]);
  });

  it("points a FROM that is one ARG at the ARG's default, inside its quotes", () => {
    const text = 'ARG BASE="node:22"\nARG OTHER=alpine:3\nFROM ${BASE}\nFROM $OTHER\n';
    expect(summary(text)).toEqual([
      { text: "node:22", label: "ARG BASE (used by FROM)", skipped: null },
      { text: "alpine:3", label: "ARG OTHER (used by FROM)", skipped: null },
    ]);
  });

  it("leaves a reference built from several variables alone", () => {
    const text = "ARG REG=example.com\nARG TAG=1\nFROM ${REG}/app:${TAG}\n";
    expect(summary(text)).toEqual([
      { text: "${REG}/app:${TAG}", label: "FROM", skipped: "${REG}/app:${TAG} is built from variables; pin the ARG default it reads" },
    ]);
  });

  it("reads COPY --from=$IMG from the stage's ARG, and from the global default that a bare ARG inherits", () => {
    const text = "ARG TOOLS=busybox:1\nFROM node:22\nARG TOOLS\nARG LOCAL=alpine:3\nCOPY --from=$TOOLS /a /a\nCOPY --from=${LOCAL} /b /b\n";
    expect(summary(text).map((site) => [site.text, site.label])).toEqual([
      ["node:22", "FROM"],
      ["busybox:1", "ARG TOOLS (used by COPY --from)"],
      ["alpine:3", "ARG LOCAL (used by COPY --from)"],
    ]);
  });
});

describe("pinning a Dockerfile's text", () => {
  it("appends the digest to each reference, and edits a shared ARG default once", async () => {
    const text = "ARG BASE=node:22\nFROM $BASE AS a\nFROM ${BASE} AS b\nFROM alpine:3\n";
    expect(await pinned(text)).toBe(`ARG BASE=node:22@${DIGEST}\nFROM $BASE AS a\nFROM \${BASE} AS b\nFROM alpine:3@${DIGEST}\n`);
  });

  it("keeps CRLF, comments, heredocs and line continuations", async () => {
    const text = "# base\r\nFROM \\\r\n  node:22 \\\r\n  AS build\r\nRUN <<EOF\r\nFROM not-an-image\r\nEOF\r\n";
    expect(await pinned(text)).toBe(text.replace("node:22", `node:22@${DIGEST}`));
  });

  it("is idempotent, and --update only rewrites a digest the tag no longer points at", async () => {
    const text = "FROM node:22\n";
    const once = await pinned(text);
    expect(await pinned(once)).toBe(once);
    expect(await pinned(once, "update")).toBe(once);
    // OTHER is one of the index's manifests: a platform pin of the current tag stays.
    expect(await pinned(`FROM node:22@${OTHER}\n`, "update")).toBe(`FROM node:22@${OTHER}\n`);
    const stale = `FROM node:22@sha256:${"c".repeat(64)}\n`;
    expect(await pinned(stale)).toBe(stale);
    expect(await pinned(stale, "update")).toBe(`FROM node:22@${DIGEST}\n`);
  });

  it("asks for each reference once per site, and not at all for what is pinned or left alone", async () => {
    const calls: string[] = [];
    const text = `FROM node:22@${DIGEST}\nFROM scratch\nFROM alpine:3\nFROM busybox@${DIGEST}\n`;
    await planSites(findDockerfileImages(text), fakeResolver(calls), { mode: "pin", platform: null });
    expect(calls).toEqual(["alpine:3"]);
  });
});

describe("unifiedDiff", () => {
  it("prints hunks with three lines of context, merged when they touch", () => {
    const before = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"].join("\n") + "\n";
    const after = before.replace("b\n", "B\n").replace("l\n", "L\n");
    expect(unifiedDiff(before, after, "Dockerfile")).toBe(
      ["--- a/Dockerfile", "+++ b/Dockerfile", "@@ -1,5 +1,5 @@", " a", "-b", "+B", " c", " d", " e", "@@ -9,4 +9,4 @@", " i", " j", " k", "-l", "+L", ""].join("\n"),
    );
    expect(unifiedDiff(before, before, "Dockerfile")).toBe("");
  });
});

describe("applyEdits", () => {
  it("refuses overlapping edits instead of corrupting the file", () => {
    const site = (range: [number, number]): { range: [number, number]; text: string } => ({ range, text: "x" });
    expect(() => applyEdits("abcdef", [site([0, 3]), site([2, 4])])).toThrow(/overlapping/u);
    expect(applyEdits("abcdef", [site([4, 6]), site([0, 1]), site([0, 1])])).toBe("xbcdx");
  });
});
