/**
 * A read-only client of the OCI distribution API, enough to turn a tag into
 * a digest: `HEAD /v2/<name>/manifests/<tag>` with every manifest type in
 * Accept, the anonymous or authenticated Bearer token flow that
 * `WWW-Authenticate` asks for, Basic auth, and plain HTTP only for loopback
 * and for registries the user calls insecure. Each distinct question is
 * asked once per client, and at most `concurrency` requests run at a time.
 */
import { createHash } from "node:crypto";
import type { ImageReference, PlatformSpec } from "../images/index.js";
import { parsePlatform } from "../images/index.js";
import { parseChallenges } from "./challenge.js";
import type { Challenge } from "./challenge.js";
import type { Credential, CredentialStore } from "./credentials.js";
import { isLoopbackHost, repositoryLocation } from "./endpoint.js";
import type { RepositoryLocation } from "./endpoint.js";
import { MANIFEST_ACCEPT, bareMediaType, isIndexType } from "./media-types.js";
import { NetworkError } from "./transport.js";
import type { HttpResponse, Transport } from "./transport.js";

export interface ClientOptions {
  transport: Transport;
  credentials: CredentialStore;
  /** Registries (`host[:port]`) reached over plain HTTP although not on loopback. */
  insecureRegistries?: readonly string[];
  /** Requests in flight at once. */
  concurrency?: number;
}

export type FailureKind = "not-found" | "unreachable" | "unauthorized" | "no-platform" | "bad-response";

export type Resolution =
  | {
      ok: true;
      /** What to pin: the index digest, or one platform's manifest digest when a platform was asked for. */
      digest: string;
      mediaType: string;
      /** For an index: the digests of its manifests (known when they were asked for or read anyway). */
      entries: string[] | null;
    }
  | { ok: false; kind: FailureKind; message: string };

export interface ResolveOptions {
  /** Pin this platform's manifest instead of the index. */
  platform?: PlatformSpec | null;
  /** Also list the manifests of an index (one more request). */
  entries?: boolean;
}

class RegistryFailure extends Error {
  readonly kind: FailureKind;
  constructor(kind: FailureKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

const DIGEST = /^sha256:[\da-f]{64}$/u;
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

function sha256(data: Uint8Array): string {
  return `sha256:${createHash("sha256").update(data).digest("hex")}`;
}

function platformText(platform: PlatformSpec): string {
  return [platform.os, platform.architecture, platform.variant].filter((part) => part !== "").join("/");
}

function samePlatform(entry: { os?: string; architecture?: string; variant?: string } | undefined, wanted: PlatformSpec): boolean {
  if (!entry?.os || !entry.architecture) return false;
  const parsed = parsePlatform([entry.os, entry.architecture, entry.variant ?? ""].filter((part) => part !== "").join("/"));
  return parsed !== null && parsed.os === wanted.os && parsed.architecture === wanted.architecture && parsed.variant === wanted.variant;
}

function describe(location: RepositoryLocation, tag: string): string {
  return `${location.registry === "docker.io" ? "docker.io/" : `${location.registry}/`}${location.repository}:${tag}`;
}

export class RegistryClient {
  readonly #transport: Transport;
  readonly #credentials: CredentialStore;
  readonly #insecure: Set<string>;
  readonly #limit: number;
  #active = 0;
  readonly #waiting: (() => void)[] = [];
  readonly #answers = new Map<string, Promise<Resolution>>();
  readonly #tokens = new Map<string, Promise<string>>();
  /** The Authorization header that worked last for a host and repository. */
  readonly #authorization = new Map<string, string>();
  readonly #credentialLookups = new Map<string, Promise<Credential | null>>();

  constructor(options: ClientOptions) {
    this.#transport = options.transport;
    this.#credentials = options.credentials;
    this.#insecure = new Set((options.insecureRegistries ?? []).map((host) => host.toLowerCase()));
    this.#limit = Math.max(1, options.concurrency ?? 8);
  }

  /** The digest `ref`'s tag points at now. Never throws: a failure is a `Resolution` with a one-line message. */
  resolve(ref: ImageReference, options: ResolveOptions = {}): Promise<Resolution> {
    const tag = ref.tag ?? "latest";
    const location = repositoryLocation(ref);
    const platform = options.platform ?? null;
    const key = `${location.host}/${location.repository}:${tag}|${platform ? platformText(platform) : ""}|${options.entries ? "entries" : ""}`;
    let answer = this.#answers.get(key);
    if (!answer) {
      answer = this.#resolve(location, tag, platform, options.entries ?? false).catch((error: unknown): Resolution => {
        if (error instanceof RegistryFailure) return { ok: false, kind: error.kind, message: error.message };
        if (error instanceof NetworkError) {
          return { ok: false, kind: "unreachable", message: `cannot reach ${location.registry}: ${error.message}` };
        }
        return { ok: false, kind: "bad-response", message: `${location.registry}: ${error instanceof Error ? error.message : String(error)}` };
      });
      this.#answers.set(key, answer);
    }
    return answer;
  }

  async close(): Promise<void> {
    await this.#transport.close();
  }

  async #resolve(location: RepositoryLocation, tag: string, platform: PlatformSpec | null, wantEntries: boolean): Promise<Resolution> {
    const name = describe(location, tag);
    const head = await this.#get(location, `manifests/${encodeURIComponent(tag)}`, "HEAD", MANIFEST_ACCEPT);
    if (head.status === 404) throw new RegistryFailure("not-found", `${name}: no such tag`);
    this.#expectOk(head, name);
    const mediaType = bareMediaType(head.headers.get("content-type")) ?? "";
    const headerDigest = head.headers.get("docker-content-digest");
    const index = isIndexType(mediaType);
    const needBody = platform !== null || (index && wantEntries) || headerDigest === null || !DIGEST.test(headerDigest);
    if (!needBody && headerDigest) return { ok: true, digest: headerDigest, mediaType, entries: null };

    // Fetch by digest when known, so the body is the one the HEAD described even if the tag moves meanwhile.
    const reference = headerDigest && DIGEST.test(headerDigest) ? headerDigest : encodeURIComponent(tag);
    const { body, digest, type } = await this.#manifest(location, reference, name);
    if (isIndexType(type)) {
      const manifests = (JSON.parse(body.toString("utf8")) as { manifests?: { digest?: string; platform?: { os?: string; architecture?: string; variant?: string } }[] }).manifests ?? [];
      const entries = manifests.map((entry) => entry.digest).filter((entry): entry is string => typeof entry === "string");
      if (platform === null) return { ok: true, digest, mediaType: type, entries };
      const chosen = manifests.find((entry) => samePlatform(entry.platform, platform));
      if (!chosen?.digest) {
        throw new RegistryFailure("no-platform", `${name} has no ${platformText(platform)} image`);
      }
      return { ok: true, digest: chosen.digest, mediaType: type, entries };
    }
    if (platform !== null) await this.#checkPlatform(location, body, platform, name);
    return { ok: true, digest, mediaType: type, entries: null };
  }

  /** A single-platform manifest: its config says which platform it is for. */
  async #checkPlatform(location: RepositoryLocation, body: Buffer, platform: PlatformSpec, name: string): Promise<void> {
    const manifest = JSON.parse(body.toString("utf8")) as { config?: { digest?: string } };
    const configDigest = manifest.config?.digest;
    if (!configDigest || !DIGEST.test(configDigest)) return;
    const response = await this.#get(location, `blobs/${configDigest}`, "GET", "*/*");
    this.#expectOk(response, name);
    const config = JSON.parse(Buffer.from(await response.arrayBuffer()).toString("utf8")) as { os?: string; architecture?: string; variant?: string };
    if (config.os && config.architecture && !samePlatform(config, platform)) {
      const actual = [config.os, config.architecture, config.variant ?? ""].filter((part) => part !== "").join("/");
      throw new RegistryFailure("no-platform", `${name} is a single ${actual} image, not ${platformText(platform)}`);
    }
  }

  async #manifest(location: RepositoryLocation, reference: string, name: string): Promise<{ body: Buffer; digest: string; type: string }> {
    const response = await this.#get(location, `manifests/${reference}`, "GET", MANIFEST_ACCEPT);
    if (response.status === 404) throw new RegistryFailure("not-found", `${name}: no such tag`);
    this.#expectOk(response, name);
    const length = Number(response.headers.get("content-length") ?? "0");
    if (length > MAX_MANIFEST_BYTES) throw new RegistryFailure("bad-response", `${name}: manifest of ${length} bytes is too large`);
    const body = Buffer.from(await response.arrayBuffer());
    const digest = sha256(body);
    if (DIGEST.test(reference) && reference !== digest) {
      throw new RegistryFailure("bad-response", `${name}: the manifest's content does not match its digest ${reference}`);
    }
    return { body, digest, type: bareMediaType(response.headers.get("content-type")) ?? "" };
  }

  #expectOk(response: HttpResponse, name: string): void {
    if (response.ok) return;
    void response.body?.cancel();
    if (response.status === 401) {
      throw new RegistryFailure("unauthorized", `${name}: unauthorized (HTTP 401); log in with docker login or pass --registry-config`);
    }
    if (response.status === 403) throw new RegistryFailure("unauthorized", `${name}: access denied (HTTP 403)`);
    throw new RegistryFailure("bad-response", `${name}: HTTP ${response.status} ${response.statusText}`.trimEnd());
  }

  #scheme(host: string): "http" | "https" {
    return isLoopbackHost(host) || this.#insecure.has(host) ? "http" : "https";
  }

  /** One request with authentication: the header that worked before, else the challenge's. */
  async #get(location: RepositoryLocation, path: string, method: "GET" | "HEAD", accept: string): Promise<HttpResponse> {
    const url = `${this.#scheme(location.host)}://${location.host}/v2/${location.repository}/${path}`;
    const authKey = `${location.host}/${location.repository}`;
    const headers: Record<string, string> = { accept, "user-agent": "dockerfile-lint-pin" };
    const known = this.#authorization.get(authKey);
    if (known) headers.authorization = known;
    let response = await this.#limited(() => this.#transport.request(url, { method, headers }));
    if (response.status !== 401) return response;
    const challenge = response.headers.get("www-authenticate");
    void response.body?.cancel();
    if (!challenge) return response;
    const authorization = await this.#answerChallenge(parseChallenges(challenge), location);
    if (authorization === null || authorization === known) return response;
    this.#authorization.set(authKey, authorization);
    response = await this.#limited(() => this.#transport.request(url, { method, headers: { ...headers, authorization } }));
    return response;
  }

  #credential(registry: string): Promise<Credential | null> {
    let lookup = this.#credentialLookups.get(registry);
    if (!lookup) {
      lookup = this.#credentials.lookup(registry);
      this.#credentialLookups.set(registry, lookup);
    }
    return lookup;
  }

  async #answerChallenge(challenges: Challenge[], location: RepositoryLocation): Promise<string | null> {
    const credential = await this.#credential(location.registry);
    const bearer = challenges.find((challenge) => challenge.scheme === "bearer");
    if (bearer?.params.realm) {
      const token = await this.#token(bearer, location, credential);
      return `Bearer ${token}`;
    }
    if (challenges.some((challenge) => challenge.scheme === "basic") && credential?.kind === "basic") {
      return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString("base64")}`;
    }
    return null;
  }

  #token(challenge: Challenge, location: RepositoryLocation, credential: Credential | null): Promise<string> {
    const realm = challenge.params.realm ?? "";
    const service = challenge.params.service ?? "";
    const scope = challenge.params.scope ?? `repository:${location.repository}:pull`;
    const key = `${realm}|${service}|${scope}`;
    let token = this.#tokens.get(key);
    if (!token) {
      token = this.#fetchToken(realm, service, scope, credential, location.registry);
      this.#tokens.set(key, token);
    }
    return token;
  }

  async #fetchToken(realm: string, service: string, scope: string, credential: Credential | null, registry: string): Promise<string> {
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw new RegistryFailure("unauthorized", `${registry} names a token server that is not a URL: ${realm}`);
    }
    if (url.protocol !== "https:" && !(url.protocol === "http:" && (isLoopbackHost(url.host) || this.#insecure.has(url.host)))) {
      throw new RegistryFailure("unauthorized", `${registry} names a token server over plain HTTP: ${realm}`);
    }
    const headers: Record<string, string> = { accept: "application/json", "user-agent": "dockerfile-lint-pin" };
    let response: HttpResponse;
    if (credential?.kind === "identity-token") {
      // OAuth2 refresh-token grant, as the Docker client does with an identity token.
      const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: credential.token, service, scope, client_id: "dockerfile-lint" });
      headers["content-type"] = "application/x-www-form-urlencoded";
      response = await this.#limited(() => this.#transport.request(url.toString(), { method: "POST", headers, body: form.toString() }));
    } else {
      if (service !== "") url.searchParams.set("service", service);
      url.searchParams.set("scope", scope);
      if (credential?.kind === "basic") {
        headers.authorization = `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString("base64")}`;
      }
      response = await this.#limited(() => this.#transport.request(url.toString(), { method: "GET", headers }));
    }
    if (!response.ok) {
      void response.body?.cancel();
      const who = credential ? "refused the credentials" : "refused anonymous access";
      throw new RegistryFailure("unauthorized", `token server ${url.origin} ${who} for ${registry} (HTTP ${response.status})`);
    }
    const body = (await response.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryFailure("bad-response", `token server ${url.origin} answered without a token`);
    return token;
  }

  async #limited<T>(task: () => Promise<T>): Promise<T> {
    while (this.#active >= this.#limit) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    this.#active++;
    try {
      return await task();
    } finally {
      this.#active--;
      this.#waiting.shift()?.();
    }
  }
}
