/**
 * A real registry for tests: Debian's `docker-registry` (the CNCF
 * distribution registry) on a free loopback port, with its own config and a
 * temporary storage folder, and helpers that fill it over plain HTTP as the
 * OCI distribution spec says (POST/PUT blobs, PUT a manifest or an index
 * with its media type).
 *
 *   const registry = await startRegistry();
 *   const image = await pushImage(registry, "base", "1");                 // one platform
 *   const index = await pushIndex(registry, "base", "2", ["linux/amd64", "linux/arm64"]);
 *   registry.host;            // "127.0.0.1:<port>", as an image reference names it
 *   await registry.stop();    // kills the process, removes the storage
 *
 * Images are real: each layer is a gzipped tar and the config lists its
 * diff_id, so a Docker engine can pull them from `127.0.0.1:<port>`.
 * Every push without explicit layers gets a fresh layer, so pushing the same
 * tag again moves it to a new digest. For a registry that wants Bearer
 * tokens, start a token server (tests/support/token-server.ts) and pass its
 * `registryAuth` as `tokenAuth`; set `registry.headers.authorization` for
 * the helpers to push.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

export const MEDIA_TYPES = {
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociConfig: "application/vnd.oci.image.config.v1+json",
  ociLayer: "application/vnd.oci.image.layer.v1.tar+gzip",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  dockerLayer: "application/vnd.docker.image.rootfs.diff.tar.gzip",
} as const;

/** Token authentication as distribution implements it; the test runs the token server at `realm`. */
export interface TokenAuthConfig {
  realm: string;
  service: string;
  issuer: string;
  /** PEM certificate(s) whose keys sign the tokens. */
  rootCertBundle: string;
}

export interface StartOptions {
  /** Require Bearer tokens (anonymous access otherwise). */
  tokenAuth?: TokenAuthConfig;
}

export interface TestRegistry {
  /** `127.0.0.1:<port>`: the registry part of an image reference. */
  host: string;
  port: number;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Headers every helper request sends (set `authorization` when the registry wants a token). */
  headers: Record<string, string>;
  /** The registry's output so far, for failure messages. */
  log: () => string;
  stop: () => Promise<void>;
}

/** A port nobody listens on right now (the registry binds it a moment later). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

function configText(port: number, storage: string, auth: TokenAuthConfig | undefined, certFile: string): string {
  const lines = [
    "version: 0.1",
    "log:",
    "  level: warn",
    "  accesslog:",
    "    disabled: true",
    "storage:",
    "  filesystem:",
    `    rootdirectory: ${JSON.stringify(storage)}`,
    "  delete:",
    "    enabled: true",
    "http:",
    `  addr: 127.0.0.1:${port}`,
  ];
  if (auth) {
    lines.push(
      "auth:",
      "  token:",
      `    realm: ${JSON.stringify(auth.realm)}`,
      `    service: ${JSON.stringify(auth.service)}`,
      `    issuer: ${JSON.stringify(auth.issuer)}`,
      `    rootcertbundle: ${JSON.stringify(certFile)}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode}: ${log()}`);
    try {
      const response = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1000) });
      // 200 anonymous, 401 with token auth: either way it answers.
      if (response.status === 200 || response.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`docker-registry did not answer on ${url} within 15 s: ${log()}`);
}

/** Starts `docker-registry serve` on a free loopback port; stop it with `stop()`. */
export async function startRegistry(options: StartOptions = {}): Promise<TestRegistry> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "dockerfile-lint-registry-"));
  const certFile = path.join(dir, "token-ca.pem");
  if (options.tokenAuth) await writeFile(certFile, options.tokenAuth.rootCertBundle);
  // A port can be taken between freePort() and the bind: try a few.
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const config = path.join(dir, "config.yml");
    await writeFile(config, configText(port, path.join(dir, "storage"), options.tokenAuth, certFile));
    const child = spawn("docker-registry", ["serve", config], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const append = (chunk: Buffer): void => {
      output = (output + chunk.toString("utf8")).slice(-8000);
    };
    child.stdout.on("data", append);
    child.stderr.on("data", append);
    const spawned = new Promise<void>((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", reject);
    });
    await spawned;
    const url = `http://127.0.0.1:${port}`;
    const log = (): string => output;
    const stop = async (): Promise<void> => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    };
    try {
      await waitUntilUp(url, child, log);
      return { host: `127.0.0.1:${port}`, port, url, headers: {}, log, stop };
    } catch (error) {
      if (child.exitCode === null) child.kill("SIGKILL");
      if (attempt >= 2 || !/address already in use/u.test(output)) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
}

export function sha256(data: Buffer | string): string {
  return `sha256:${createHash("sha256").update(data).digest("hex")}`;
}

/** A tar archive with these files (plain ustar, enough for a Docker layer). */
export function tarOf(files: Record<string, string | Buffer>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === "string" ? Buffer.from(content) : content;
    const header = Buffer.alloc(512);
    header.write(name, 0, 100);
    header.write("0000644\0", 100);
    header.write("0000000\0", 108);
    header.write("0000000\0", 116);
    header.write(`${data.length.toString(8).padStart(11, "0")}\0`, 124);
    header.write("00000000000\0", 136);
    header.write("        ", 148);
    header.write("0", 156);
    header.write("ustar\u000000", 257);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

async function request(registry: TestRegistry, pathOrUrl: string, init: RequestInit): Promise<Response> {
  const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${registry.url}${pathOrUrl}`;
  const headers = { ...registry.headers, ...(init.headers as Record<string, string> | undefined) };
  const response = await fetch(url, { ...init, headers, signal: AbortSignal.timeout(10_000) });
  return response;
}

async function expectStatus(response: Response, status: number, what: string): Promise<void> {
  if (response.status !== status) {
    throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  }
}

/** Uploads a blob (POST then PUT with the digest) unless the registry has it; returns its descriptor. */
export async function pushBlob(
  registry: TestRegistry,
  repository: string,
  data: Buffer,
  mediaType: string,
): Promise<Descriptor> {
  const digest = sha256(data);
  const descriptor = { mediaType, digest, size: data.length };
  const head = await request(registry, `/v2/${repository}/blobs/${digest}`, { method: "HEAD" });
  if (head.status === 200) return descriptor;
  const start = await request(registry, `/v2/${repository}/blobs/uploads/`, { method: "POST" });
  await expectStatus(start, 202, `start upload to ${repository}`);
  const location = start.headers.get("location");
  if (!location) throw new Error(`start upload to ${repository}: no Location header`);
  const target = new URL(location, registry.url);
  target.searchParams.set("digest", digest);
  const put = await request(registry, target.toString(), {
    method: "PUT",
    headers: { "content-type": "application/octet-stream" },
    body: data,
  });
  await expectStatus(put, 201, `upload ${digest} to ${repository}`);
  return descriptor;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os: string; architecture: string; variant?: string };
}

export interface PushedManifest {
  /** The digest the registry stores the manifest under (`sha256:…`). */
  digest: string;
  mediaType: string;
  /** The exact bytes that were pushed. */
  body: Buffer;
}

/** PUTs a manifest or index under `tag`, or untagged (by its digest) when `tag` is null, with its media type. */
export async function pushManifest(
  registry: TestRegistry,
  repository: string,
  tag: string | null,
  manifest: object,
  mediaType: string,
): Promise<PushedManifest> {
  const body = Buffer.from(JSON.stringify(manifest, null, 2));
  const reference = tag ?? sha256(body);
  const response = await request(registry, `/v2/${repository}/manifests/${reference}`, {
    method: "PUT",
    headers: { "content-type": mediaType },
    body,
  });
  await expectStatus(response, 201, `push manifest ${repository}:${reference}`);
  const digest = sha256(body);
  const stored = response.headers.get("docker-content-digest");
  if (stored !== null && stored !== digest) throw new Error(`registry stored ${repository}:${reference} as ${stored}, not ${digest}`);
  return { digest, mediaType, body };
}

export interface ImageOptions {
  /** `os/arch[/variant]`; default `linux/amd64`. */
  platform?: string;
  /** Uncompressed layer tars; default one small layer unique to this push. */
  layers?: Buffer[];
  /** Docker's v2 media types instead of OCI's. */
  format?: "oci" | "docker";
}

function platformOf(text: string): { os: string; architecture: string; variant?: string } {
  const [osName = "linux", architecture = "amd64", variant] = text.split("/");
  return variant ? { os: osName, architecture, variant } : { os: osName, architecture };
}

/**
 * Pushes one single-platform image under `tag` (untagged when null) and
 * returns its manifest digest.
 */
export async function pushImage(
  registry: TestRegistry,
  repository: string,
  tag: string | null,
  options: ImageOptions = {},
): Promise<PushedManifest & { platform: string }> {
  const docker = options.format === "docker";
  const platform = options.platform ?? "linux/amd64";
  const tars = options.layers ?? [tarOf({ "image-id": `${repository}:${tag ?? "untagged"} ${platform} ${randomUUID()}\n` })];
  const layers: Descriptor[] = [];
  for (const tar of tars) {
    layers.push(await pushBlob(registry, repository, gzipSync(tar), docker ? MEDIA_TYPES.dockerLayer : MEDIA_TYPES.ociLayer));
  }
  const config = {
    ...platformOf(platform),
    created: new Date(0).toISOString(),
    config: { Cmd: ["sh"] },
    rootfs: { type: "layers", diff_ids: tars.map((tar) => sha256(tar)) },
    history: tars.map(() => ({ created: new Date(0).toISOString(), created_by: "tests/support/registry.ts" })),
  };
  const configDescriptor = await pushBlob(
    registry,
    repository,
    Buffer.from(JSON.stringify(config)),
    docker ? MEDIA_TYPES.dockerConfig : MEDIA_TYPES.ociConfig,
  );
  const mediaType = docker ? MEDIA_TYPES.dockerManifest : MEDIA_TYPES.ociManifest;
  const manifest = { schemaVersion: 2, mediaType, config: configDescriptor, layers };
  return { ...(await pushManifest(registry, repository, tag, manifest, mediaType)), platform };
}

export interface PushedIndex extends PushedManifest {
  /** One entry per platform, in the order given. */
  manifests: (PushedManifest & { platform: string })[];
}

/**
 * Pushes a multi-platform image: one manifest per platform (untagged, by
 * digest), then an index (OCI) or manifest list (Docker) under `tag`.
 * Returns the index digest and each platform's manifest digest.
 */
export async function pushIndex(
  registry: TestRegistry,
  repository: string,
  tag: string,
  platforms: string[],
  options: Omit<ImageOptions, "platform" | "layers"> = {},
): Promise<PushedIndex> {
  const manifests: (PushedManifest & { platform: string })[] = [];
  for (const platform of platforms) {
    manifests.push(await pushImage(registry, repository, null, { ...options, platform }));
  }
  const mediaType = options.format === "docker" ? MEDIA_TYPES.dockerList : MEDIA_TYPES.ociIndex;
  const index = {
    schemaVersion: 2,
    mediaType,
    manifests: manifests.map((entry) => ({
      mediaType: entry.mediaType,
      digest: entry.digest,
      size: entry.body.length,
      platform: platformOf(entry.platform),
    })),
  };
  return { ...(await pushManifest(registry, repository, tag, index, mediaType)), manifests };
}

/** What `tag` points at now, read with a HEAD request as a client would (null when it does not exist). */
export async function tagDigest(registry: TestRegistry, repository: string, tag: string): Promise<string | null> {
  const accept = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerList, MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest].join(", ");
  const response = await request(registry, `/v2/${repository}/manifests/${tag}`, { method: "HEAD", headers: { accept } });
  if (response.status === 404) return null;
  await expectStatus(response, 200, `HEAD ${repository}:${tag}`);
  return response.headers.get("docker-content-digest");
}
