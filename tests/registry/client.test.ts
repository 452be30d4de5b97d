/**
 * The registry client against a real registry: token authentication (a
 * loopback token server the registry trusts), credentials from config.json,
 * the proxy environment, and one look-up per distinct image.
 */
import { mkdtemp, rm, writeFile, chmod } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseImageReference } from "../../lib/images/index.js";
import type { ImageReference } from "../../lib/images/index.js";
import { RegistryClient, createTransport, loadCredentials } from "../../lib/registry/index.js";
import type { CredentialStore, Resolution } from "../../lib/registry/index.js";
import { startProxy } from "../support/proxy.js";
import { pushImage, pushIndex, startRegistry } from "../support/registry.js";
import type { TestRegistry } from "../support/registry.js";
import { startTokenServer } from "../support/token-server.js";
import type { TokenServer } from "../support/token-server.js";

const NO_CREDENTIALS: CredentialStore = { file: null, lookup: () => Promise.resolve(null) };

function ref(text: string): ImageReference {
  const parsed = parseImageReference(text);
  if (!parsed) throw new Error(`not a reference: ${text}`);
  return parsed;
}

function client(options: { credentials?: CredentialStore; env?: NodeJS.ProcessEnv } = {}): RegistryClient {
  return new RegistryClient({
    transport: createTransport({ timeout: 5000, retries: 0, env: options.env ?? {} }),
    credentials: options.credentials ?? NO_CREDENTIALS,
  });
}

async function resolveWith(c: RegistryClient, text: string): Promise<Resolution> {
  try {
    return await c.resolve(ref(text));
  } finally {
    await c.close();
  }
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "dockerfile-lint-client-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("anonymous registry", () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry.stop();
  });

  it("resolves an OCI index, a Docker manifest list and single manifests of both formats", async () => {
    const oci = await pushIndex(registry, "a/oci", "1", ["linux/amd64", "linux/arm64"]);
    const list = await pushIndex(registry, "a/list", "1", ["linux/amd64"], { format: "docker" });
    const single = await pushImage(registry, "a/single", "1", { format: "docker" });
    const c = client();
    expect(await c.resolve(ref(`${registry.host}/a/oci:1`))).toEqual({ ok: true, digest: oci.digest, mediaType: oci.mediaType, entries: null });
    expect(await c.resolve(ref(`${registry.host}/a/list:1`))).toMatchObject({ ok: true, digest: list.digest });
    expect(await c.resolve(ref(`${registry.host}/a/single:1`))).toMatchObject({ ok: true, digest: single.digest });
    expect(await c.resolve(ref(`${registry.host}/a/oci:1`), { entries: true })).toMatchObject({
      entries: oci.manifests.map((entry) => entry.digest),
    });
    expect(await c.resolve(ref(`${registry.host}/a/nope:1`))).toEqual({ ok: false, kind: "not-found", message: `${registry.host}/a/nope:1: no such tag` });
    await c.close();
  });

  it("goes through HTTP_PROXY, asks each distinct image once, and skips the proxy for NO_PROXY hosts", async () => {
    await pushImage(registry, "b/one", "1");
    await pushImage(registry, "b/two", "1");
    const proxy = await startProxy();
    try {
      const c = client({ env: { HTTP_PROXY: proxy.url } });
      const answers = await Promise.all(
        [`${registry.host}/b/one:1`, `${registry.host}/b/one:1`, `${registry.host}/b/two:1`, `${registry.host}/b/one:1`].map((text) => c.resolve(ref(text))),
      );
      await c.close();
      expect(answers.every((answer) => answer.ok)).toBe(true);
      // undici tunnels plain HTTP through CONNECT as well; the requests inside are still readable.
      expect(proxy.seen.filter((line) => line.startsWith("CONNECT")).length).toBeGreaterThan(0);
      expect(proxy.seen.every((line) => line === `CONNECT ${registry.host}` || line.endsWith("(tunnelled)"))).toBe(true);
      expect(proxy.seen.filter((line) => !line.startsWith("CONNECT")).sort()).toEqual([
        "HEAD /v2/b/one/manifests/1 (tunnelled)",
        "HEAD /v2/b/two/manifests/1 (tunnelled)",
      ]);
      const seenBefore = proxy.seen.length;
      const direct = client({ env: { HTTP_PROXY: proxy.url, NO_PROXY: "127.0.0.1" } });
      expect(await resolveWith(direct, `${registry.host}/b/two:1`)).toMatchObject({ ok: true });
      expect(proxy.seen.length).toBe(seenBefore);
    } finally {
      await proxy.stop();
    }
  });

  it("reports a proxy that does not answer as unreachable", async () => {
    const c = client({ env: { HTTP_PROXY: "http://127.0.0.1:9" } });
    const answer = await resolveWith(c, `${registry.host}/b/one:1`);
    expect(answer).toMatchObject({ ok: false, kind: "unreachable" });
  });
});

describe("token authentication (401 with a Bearer realm)", () => {
  let tokens: TokenServer;
  let registry: TestRegistry;
  let digest: string;
  beforeAll(async () => {
    tokens = await startTokenServer({ users: { ci: "s3cret" } });
    registry = await startRegistry({ tokenAuth: tokens.registryAuth });
    // The helpers push with a token of their own.
    const grant = await fetch(`${tokens.url}/token?service=${tokens.registryAuth.service}&scope=repository:private/app:pull,push`, {
      headers: { authorization: `Basic ${Buffer.from("ci:s3cret").toString("base64")}` },
    });
    registry.headers.authorization = `Bearer ${((await grant.json()) as { token: string }).token}`;
    digest = (await pushIndex(registry, "private/app", "1", ["linux/amd64", "linux/arm64"])).digest;
    tokens.requests.length = 0;
  });
  afterAll(async () => {
    await registry.stop();
    await tokens.stop();
  });

  it("without credentials: asks the realm anonymously, and says the look-up is unauthorized", async () => {
    const answer = await resolveWith(client(), `${registry.host}/private/app:1`);
    expect(answer).toEqual({
      ok: false,
      kind: "unauthorized",
      message: `token server ${tokens.url} refused anonymous access for ${registry.host} (HTTP 401)`,
    });
    expect(tokens.requests).toEqual([
      { service: tokens.registryAuth.service, scope: "repository:private/app:pull", user: null, granted: false },
    ]);
  });

  it("with config.json auths: trades the Basic credentials for a token once, and resolves", async () => {
    tokens.requests.length = 0;
    const file = path.join(tmp, "config.json");
    await writeFile(file, JSON.stringify({ auths: { [`http://${registry.host}`]: { auth: Buffer.from("ci:s3cret").toString("base64") } } }));
    const c = client({ credentials: await loadCredentials(file, true) });
    const answers = await Promise.all([c.resolve(ref(`${registry.host}/private/app:1`)), c.resolve(ref(`${registry.host}/private/app:1`), { entries: true })]);
    await c.close();
    expect(answers.map((answer) => (answer.ok ? answer.digest : answer.message))).toEqual([digest, digest]);
    expect(tokens.requests).toEqual([{ service: tokens.registryAuth.service, scope: "repository:private/app:pull", user: "ci", granted: true }]);
  });

  it("with wrong credentials: a one-line refusal", async () => {
    const file = path.join(tmp, "wrong.json");
    await writeFile(file, JSON.stringify({ auths: { [registry.host]: { username: "ci", password: "nope" } } }));
    const answer = await resolveWith(client({ credentials: await loadCredentials(file, true) }), `${registry.host}/private/app:1`);
    expect(answer).toMatchObject({ ok: false, kind: "unauthorized", message: `token server ${tokens.url} refused the credentials for ${registry.host} (HTTP 401)` });
  });

  it("with a credential helper (credHelpers): runs docker-credential-<name> get", async () => {
    tokens.requests.length = 0;
    const bin = path.join(tmp, "bin");
    await rm(bin, { recursive: true, force: true });
    await import("node:fs/promises").then((fs) => fs.mkdir(bin));
    const helper = path.join(bin, "docker-credential-testhelper");
    // The helper protocol: the server on stdin, {"Username","Secret"} on stdout.
    await writeFile(helper, `#!/bin/sh\nread server\n[ "$1" = get ] && [ "$server" = "${registry.host}" ] && echo '{"Username":"ci","Secret":"s3cret"}'\n`);
    await chmod(helper, 0o755);
    const file = path.join(tmp, "helper.json");
    await writeFile(file, JSON.stringify({ credHelpers: { [registry.host]: "testhelper" } }));
    const previous = process.env.PATH;
    process.env.PATH = `${bin}${path.delimiter}${previous ?? ""}`;
    try {
      const answer = await resolveWith(client({ credentials: await loadCredentials(file, true) }), `${registry.host}/private/app:1`);
      expect(answer).toMatchObject({ ok: true, digest });
    } finally {
      process.env.PATH = previous;
    }
    expect(tokens.requests.map((request) => request.user)).toEqual(["ci"]);
  });
});
