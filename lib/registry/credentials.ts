/**
 * Credentials from a Docker `config.json`, as `docker login` writes them:
 * `auths` entries (`auth` = base64 `user:password`, or `identitytoken`),
 * and the credential helpers of `credHelpers` / `credsStore`, run as
 * `docker-credential-<name> get` with the server on standard input.
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DOCKER_HUB_AUTH_KEY } from "./endpoint.js";

export type Credential =
  | { kind: "basic"; username: string; password: string }
  /** An OAuth2 refresh token (`identitytoken`), traded at the token realm. */
  | { kind: "identity-token"; token: string };

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

interface DockerConfigFile {
  auths?: Record<string, AuthEntry>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

export interface CredentialStore {
  /** The file it was read from, or null when there was none. */
  file: string | null;
  /** Credentials for a registry as users name it (`docker.io`, `ghcr.io`, `127.0.0.1:5000`). */
  lookup: (registry: string) => Promise<Credential | null>;
}

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function defaultConfigPath(env: NodeJS.ProcessEnv): string {
  const dir = env.DOCKER_CONFIG ?? path.join(os.homedir(), ".docker");
  return path.join(dir, "config.json");
}

/** `https://ghcr.io/v1/` and `ghcr.io` name the same registry; Docker Hub has several spellings. */
function registryKey(key: string): string {
  let host = key.replace(/^[a-z][\d+.a-z-]*:\/\//iu, "");
  const slash = host.indexOf("/");
  if (slash >= 0) host = host.slice(0, slash);
  host = host.toLowerCase();
  return host === "index.docker.io" || host === "registry-1.docker.io" ? "docker.io" : host;
}

function entryCredential(entry: AuthEntry): Credential | null {
  if (entry.identitytoken) return { kind: "identity-token", token: entry.identitytoken };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) return { kind: "basic", username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password) return { kind: "basic", username: entry.username, password: entry.password };
  return null;
}

/** Runs `docker-credential-<helper> get`; null when the helper has nothing for the server. */
function runHelper(helper: string, server: string): Promise<Credential | null> {
  return new Promise((resolve, reject) => {
    const program = `docker-credential-${helper}`;
    const child = spawn(program, ["get"], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.on("error", (error) => {
      reject(new Error(`cannot run ${program}, which config.json names for ${server}: ${error.message}`));
    });
    child.on("close", (code) => {
      if (code !== 0) {
        // "credentials not found in native keychain" is not an error: go anonymous.
        resolve(null);
        return;
      }
      try {
        const { Username, Secret } = JSON.parse(out) as { Username?: string; Secret?: string };
        if (!Secret) resolve(null);
        else if (Username === "<token>") resolve({ kind: "identity-token", token: Secret });
        else resolve({ kind: "basic", username: Username ?? "", password: Secret });
      } catch {
        reject(new Error(`${program} printed something that is not JSON`));
      }
    });
    child.stdin.end(server);
  });
}

/** Reads the config file; a missing file means no credentials, a broken one is an error. */
export async function loadCredentials(file: string, required: boolean): Promise<CredentialStore> {
  let config: DockerConfigFile = {};
  let found: string | null = file;
  try {
    config = JSON.parse(await readFile(file, "utf8")) as DockerConfigFile;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !required) found = null;
    else if (code === "ENOENT") throw new Error(`no such registry config: ${file}`, { cause: error });
    else if (error instanceof SyntaxError) throw new Error(`registry config ${file} is not valid JSON: ${error.message}`, { cause: error });
    else throw error;
  }
  const auths = new Map<string, AuthEntry>();
  for (const [key, entry] of Object.entries(config.auths ?? {})) auths.set(registryKey(key), entry);
  const helpers = new Map<string, string>();
  for (const [key, helper] of Object.entries(config.credHelpers ?? {})) helpers.set(registryKey(key), helper);

  return {
    file: found,
    lookup: async (registry) => {
      const key = registryKey(registry);
      const server = key === "docker.io" ? DOCKER_HUB_AUTH_KEY : key;
      const helper = helpers.get(key);
      if (helper) return runHelper(helper, server);
      const entry = auths.get(key);
      const fromFile = entry ? entryCredential(entry) : null;
      if (fromFile) return fromFile;
      if (config.credsStore && entry !== undefined) return runHelper(config.credsStore, server);
      return null;
    },
  };
}
