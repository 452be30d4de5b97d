/** The pieces of the registry client that need no server: challenges, endpoints, config.json. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseImageReference } from "../../lib/images/index.js";
import { isLoopbackHost, loadCredentials, parseChallenges, repositoryLocation } from "../../lib/registry/index.js";

describe("parseChallenges", () => {
  it("reads Docker Hub's Bearer challenge and a Basic one", () => {
    expect(
      parseChallenges('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/node:pull"'),
    ).toEqual([
      { scheme: "bearer", params: { realm: "https://auth.docker.io/token", service: "registry.docker.io", scope: "repository:library/node:pull" } },
    ]);
    expect(parseChallenges('Basic realm="Registry Realm", Bearer realm="https://x/t"')).toEqual([
      { scheme: "basic", params: { realm: "Registry Realm" } },
      { scheme: "bearer", params: { realm: "https://x/t" } },
    ]);
    expect(parseChallenges('Bearer realm="a\\"b",scope=repository:x:pull')).toEqual([
      { scheme: "bearer", params: { realm: 'a"b', scope: "repository:x:pull" } },
    ]);
  });

  it("stays linear on hostile headers", () => {
    const start = performance.now();
    parseChallenges(`Bearer ${'a="'.repeat(50_000)}`);
    parseChallenges(",".repeat(100_000));
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe("repositoryLocation", () => {
  const at = (text: string) => {
    const ref = parseImageReference(text);
    if (!ref) throw new Error(text);
    return repositoryLocation(ref);
  };
  it("sends Docker Hub names to registry-1.docker.io, official images under library/", () => {
    expect(at("node:22")).toEqual({ host: "registry-1.docker.io", repository: "library/node", registry: "docker.io" });
    expect(at("docker.io/library/node:22")).toEqual({ host: "registry-1.docker.io", repository: "library/node", registry: "docker.io" });
    expect(at("index.docker.io/grafana/grafana")).toEqual({ host: "registry-1.docker.io", repository: "grafana/grafana", registry: "docker.io" });
    expect(at("docker/dockerfile:1")).toEqual({ host: "registry-1.docker.io", repository: "docker/dockerfile", registry: "docker.io" });
  });
  it("keeps any other registry and its port", () => {
    expect(at("ghcr.io/owner/app:1")).toEqual({ host: "ghcr.io", repository: "owner/app", registry: "ghcr.io" });
    expect(at("localhost:5000/a/b:1")).toEqual({ host: "localhost:5000", repository: "a/b", registry: "localhost:5000" });
  });
  it("knows loopback hosts", () => {
    expect(["127.0.0.1:5000", "localhost", "[::1]:5000", "127.1.2.3"].map(isLoopbackHost)).toEqual([true, true, true, true]);
    expect(["ghcr.io", "10.0.0.1:5000", "localhost.example.com"].map(isLoopbackHost)).toEqual([false, false, false]);
  });
});

describe("loadCredentials", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "dockerfile-lint-creds-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads auth, username/password and identity tokens, whatever spelling the key has", async () => {
    const file = path.join(dir, "config.json");
    await writeFile(
      file,
      JSON.stringify({
        auths: {
          "https://index.docker.io/v1/": { auth: Buffer.from("hub:pw:with:colons").toString("base64") },
          "https://ghcr.io": { username: "gh", password: "tok" },
          "registry.example.com": { identitytoken: "refresh-me" },
          "empty.example.com": {},
        },
      }),
    );
    const store = await loadCredentials(file, true);
    expect(await store.lookup("docker.io")).toEqual({ kind: "basic", username: "hub", password: "pw:with:colons" });
    expect(await store.lookup("ghcr.io")).toEqual({ kind: "basic", username: "gh", password: "tok" });
    expect(await store.lookup("registry.example.com")).toEqual({ kind: "identity-token", token: "refresh-me" });
    expect(await store.lookup("empty.example.com")).toBeNull();
    expect(await store.lookup("quay.io")).toBeNull();
  });

  it("a missing default file means no credentials; a missing named file or broken JSON is an error", async () => {
    expect((await loadCredentials(path.join(dir, "none.json"), false)).file).toBeNull();
    await expect(loadCredentials(path.join(dir, "none.json"), true)).rejects.toThrow(/no such registry config/u);
    const broken = path.join(dir, "broken.json");
    await writeFile(broken, "{");
    await expect(loadCredentials(broken, true)).rejects.toThrow(/is not valid JSON/u);
  });
});
