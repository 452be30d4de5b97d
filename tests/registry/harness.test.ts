/**
 * The loopback registry the pin tests use: it starts, stores what the
 * helpers push, answers with the digests they return, and moves a tag when
 * it is pushed again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MEDIA_TYPES, pushImage, pushIndex, startRegistry, tagDigest } from "../support/registry.js";
import type { TestRegistry } from "../support/registry.js";

let registry: TestRegistry;

beforeAll(async () => {
  registry = await startRegistry();
});

afterAll(async () => {
  await registry.stop();
});

describe("test registry", () => {
  it("serves a single-platform image under the digest pushImage returns", async () => {
    const image = await pushImage(registry, "harness/single", "1");
    expect(image.digest).toMatch(/^sha256:[0-9a-f]{64}$/u);
    expect(await tagDigest(registry, "harness/single", "1")).toBe(image.digest);
    const response = await fetch(`${registry.url}/v2/harness/single/manifests/${image.digest}`, {
      headers: { accept: MEDIA_TYPES.ociManifest },
    });
    expect(response.headers.get("content-type")).toBe(MEDIA_TYPES.ociManifest);
    expect(Buffer.from(await response.arrayBuffer()).equals(image.body)).toBe(true);
  });

  it("serves a multi-platform index whose entries are pullable by digest", async () => {
    const index = await pushIndex(registry, "harness/multi", "1", ["linux/amd64", "linux/arm64/v8"]);
    expect(await tagDigest(registry, "harness/multi", "1")).toBe(index.digest);
    const body = (await (
      await fetch(`${registry.url}/v2/harness/multi/manifests/1`, { headers: { accept: MEDIA_TYPES.ociIndex } })
    ).json()) as { manifests: { digest: string; platform: { architecture: string } }[] };
    expect(body.manifests.map((entry) => [entry.platform.architecture, entry.digest])).toEqual([
      ["amd64", index.manifests[0]?.digest],
      ["arm64", index.manifests[1]?.digest],
    ]);
    for (const entry of index.manifests) {
      // distribution answers 404 for an OCI manifest to a client that does not accept OCI.
      const head = await fetch(`${registry.url}/v2/harness/multi/manifests/${entry.digest}`, {
        method: "HEAD",
        headers: { accept: MEDIA_TYPES.ociManifest },
      });
      expect(head.status).toBe(200);
    }
  });

  it("keeps Docker's manifest list media type", async () => {
    const list = await pushIndex(registry, "harness/docker", "1", ["linux/amd64"], { format: "docker" });
    const response = await fetch(`${registry.url}/v2/harness/docker/manifests/1`, { headers: { accept: MEDIA_TYPES.dockerList } });
    expect(response.headers.get("content-type")).toBe(MEDIA_TYPES.dockerList);
    expect(response.headers.get("docker-content-digest")).toBe(list.digest);
  });

  it("moves a tag that is pushed again, and knows no tag it never got", async () => {
    const first = await pushImage(registry, "harness/moving", "1");
    const second = await pushImage(registry, "harness/moving", "1");
    expect(second.digest).not.toBe(first.digest);
    expect(await tagDigest(registry, "harness/moving", "1")).toBe(second.digest);
    expect(await tagDigest(registry, "harness/moving", "2")).toBeNull();
  });
});
