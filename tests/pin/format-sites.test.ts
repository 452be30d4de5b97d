/** Which ranges pinning rewrites in the files that are not Dockerfiles (no network). */
import { describe, expect, it } from "vitest";
import { applyEdits, finderForFile, planSites } from "../../lib/pin/index.js";
import type { Resolver } from "../../lib/pin/index.js";

const DIGEST = `sha256:${"d".repeat(64)}`;
const resolve: Resolver = () => Promise.resolve({ ok: true, digest: DIGEST, mediaType: "application/vnd.oci.image.manifest.v1+json", entries: null });

async function pinned(file: string, text: string): Promise<string> {
  const outcomes = await planSites(finderForFile(file)(text), resolve, { mode: "pin", platform: null });
  return applyEdits(text, outcomes.flatMap((outcome) => (outcome.replacement ? [{ range: outcome.site.range, text: outcome.replacement }] : [])));
}

describe("finderForFile", () => {
  it("picks the finder by the file's kind, and none for Markdown", () => {
    expect(finderForFile("compose.yaml")("services:\n  a:\n    image: redis:7\n").map((site) => site.text)).toEqual(["redis:7"]);
    expect(finderForFile("Dockerfile.prod")("FROM redis:7\n").map((site) => site.text)).toEqual(["redis:7"]);
    expect(finderForFile("README.md")("```dockerfile\nFROM redis:7\n```\n")).toEqual([]);
  });

  it("reads nothing, and does not throw, on text its parser rejects", () => {
    expect(finderForFile("compose.yaml")("services: [\n  image: : :\n")).toEqual([]);
    expect(finderForFile(".devcontainer.json")('{"image": ')).toEqual([]);
  });

  it("keeps CRLF, comments, quotes and flow style; leaves escapes and variables alone", async () => {
    const text = '# db\r\nservices:\r\n  a: {image: "redis:7"}  # cache\r\n  b:\r\n    image: "\\x72edis:7"\r\n  c:\r\n    image: $IMG\r\n';
    expect(await pinned("compose.yaml", text)).toBe(text.replace('"redis:7"', `"redis:7@${DIGEST}"`));
    const sites = finderForFile("compose.yaml")(text);
    expect(sites.map((site) => site.skipped)).toEqual([null, "redis:7 is written with escapes; pin it by hand", "$IMG uses a variable, decided when the file is used"]);
  });

  it("pins a dev container image in JSONC, keeping its comments and trailing comma, once", async () => {
    const text = '{\n  // base\n  "image": "mcr.microsoft.com/devcontainers/base:1", /* pinned below */\n}\n';
    const once = await pinned(".devcontainer/devcontainer.json", text);
    expect(once).toBe(text.replace("base:1", `base:1@${DIGEST}`));
    expect(await pinned(".devcontainer/devcontainer.json", once)).toBe(once);
  });
});
