/**
 * A token server for registry tests, as Docker Hub and GHCR run one: a
 * loopback HTTP server that answers `GET /token?service=…&scope=…` with a
 * JWT signed by a key whose certificate the registry trusts
 * (`startRegistry({ tokenAuth })`). With `users`, only those Basic
 * credentials get a token; without, anyone does (anonymous pulls).
 *
 *   const tokens = await startTokenServer({ users: { ci: "secret" } });
 *   const registry = await startRegistry({ tokenAuth: tokens.registryAuth });
 *   tokens.requests;   // what clients asked for, to assert on
 */
import { execFileSync } from "node:child_process";
import { createSign, randomUUID, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { TokenAuthConfig } from "./registry.js";

export interface TokenRequest {
  service: string | null;
  scope: string | null;
  /** The Basic user name, or null for an anonymous request. */
  user: string | null;
  granted: boolean;
}

export interface TokenServer {
  url: string;
  registryAuth: TokenAuthConfig;
  requests: TokenRequest[];
  stop: () => Promise<void>;
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString("base64url");
}

/** A throw-away RSA key and self-signed certificate, made with openssl. */
function signingKey(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "dockerfile-lint-token-"));
  try {
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=dockerfile-lint test token issuer",
      "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"),
    ], { stdio: "ignore" });
    return { key: readFileSync(path.join(dir, "key.pem"), "utf8"), cert: readFileSync(path.join(dir, "cert.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startTokenServer(options: { users?: Record<string, string> } = {}): Promise<TokenServer> {
  const { key, cert } = signingKey();
  const der = new X509Certificate(cert).raw;
  const issuer = "dockerfile-lint-test-issuer";
  const requests: TokenRequest[] = [];

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const service = url.searchParams.get("service");
    const scope = url.searchParams.get("scope");
    let user: string | null = null;
    let password: string | null = null;
    const header = request.headers.authorization ?? "";
    if (header.startsWith("Basic ")) {
      const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      user = decoded.slice(0, colon);
      password = decoded.slice(colon + 1);
    }
    const granted = options.users === undefined || (user !== null && options.users[user] === password);
    requests.push({ service, scope, user, granted });
    if (url.pathname !== "/token" || !granted) {
      response.writeHead(401, { "content-type": "application/json" });
      response.end(JSON.stringify({ details: "incorrect username or password" }));
      return;
    }
    // scope = repository:<name>:pull
    const [type = "", name = "", actions = ""] = (scope ?? "").split(":");
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: issuer,
      sub: user ?? "",
      aud: service,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access: scope ? [{ type, name, actions: actions.split(",") }] : [],
    };
    const head = base64url(JSON.stringify({ alg: "RS256", typ: "JWT", x5c: [der.toString("base64")] }));
    const body = base64url(JSON.stringify(claims));
    const signature = createSign("RSA-SHA256").update(`${head}.${body}`).sign(key);
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ token: `${head}.${body}.${base64url(signature)}`, expires_in: 300 }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    registryAuth: { realm: `${url}/token`, service: "dockerfile-lint-test-registry", issuer, rootCertBundle: cert },
    requests,
    stop: () => new Promise((resolve) => server.close(() => { resolve(); })),
  };
}
