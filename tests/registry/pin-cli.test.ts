/**
 * `dockerfile-lint pin` end to end: the built CLI against a real registry
 * (docker-registry on loopback) filled with single- and multi-platform images.
 */
import { spawnSync } from "node:child_process";
import { lstat, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, makeProject, parseJson, removeProject, runCli } from "../cli/helpers.js";
import { freePort, pushImage, pushIndex, startRegistry, tagDigest } from "../support/registry.js";
import type { PushedIndex, TestRegistry } from "../support/registry.js";
import { startTokenServer } from "../support/token-server.js";

let registry: TestRegistry;
let host: string;
let base: PushedIndex;
const dirs: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  registry = await startRegistry();
  host = registry.host;
  base = await pushIndex(registry, "base", "1", ["linux/amd64", "linux/arm64/v8"]);
  await pushImage(registry, "tools", "2.1");
  await pushImage(registry, "frontend", "1");
});

afterAll(async () => {
  await registry.stop();
  await Promise.all(dirs.map(removeProject));
});

async function project(files: Record<string, string>): Promise<string> {
  const dir = await makeProject(files);
  dirs.push(dir);
  return dir;
}

function pin(args: string[], cwd: string) {
  return runCli(["pin", ...args], { cwd });
}

const read = (dir: string, name = "Dockerfile"): Promise<string> => readFile(path.join(dir, name), "utf8");

describe("dockerfile-lint pin", () => {
  it("pins a multi-platform tag to its index digest, keeping the tag", async () => {
    const dir = await project({ Dockerfile: `FROM ${host}/base:1\nRUN echo hi\n` });
    const { code, stdout, stderr } = await pin([], dir);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(await read(dir)).toBe(`FROM ${host}/base:1@${base.digest}\nRUN echo hi\n`);
    expect(base.manifests.map((entry) => entry.digest)).not.toContain(base.digest);
    expect(stdout).toContain(`Dockerfile:1:6  FROM  pinned ${host}/base:1 → @${base.digest.slice(0, 19)}`);
    expect(stdout).toContain("pinned 1 reference in 1 file");
  });

  it("pins one platform's manifest with --platform", async () => {
    const dir = await project({ Dockerfile: `FROM ${host}/base:1\n` });
    expect((await pin(["--platform", "linux/arm64"], dir)).code).toBe(0);
    expect(await read(dir)).toBe(`FROM ${host}/base:1@${base.manifests[1]?.digest ?? "?"}\n`);
    const missing = await pin(["--platform", "linux/s390x", "--update"], dir);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(`${host}/base:1 has no linux/s390x image`);
  });

  it("pins every kind of use, an ARG default where it is written, and lists what it leaves alone", async () => {
    const text = [
      `# syntax=${host}/frontend:1`,
      `ARG BASE="${host}/base:1"`,
      `ARG TAG`,
      `FROM $BASE AS build`,
      `RUN --mount=type=cache,target=/c --mount=from=${host}/tools:2.1,target=/t true`,
      `FROM ${host}/base:$TAG AS other`,
      `FROM scratch`,
      `COPY --from=build /a /a`,
      `COPY --from=${host}/tools:2.1 /bin/tool /bin/`,
      "",
    ].join("\n");
    const dir = await project({ Dockerfile: text });
    const { code, stdout } = await pin([], dir);
    expect(code).toBe(0);
    const tools = await tagDigestOf("tools", "2.1");
    const frontend = await tagDigestOf("frontend", "1");
    expect(await read(dir)).toBe(
      text
        .replace(`# syntax=${host}/frontend:1`, `# syntax=${host}/frontend:1@${frontend}`)
        .replace(`ARG BASE="${host}/base:1"`, `ARG BASE="${host}/base:1@${base.digest}"`)
        .replaceAll(`${host}/tools:2.1`, `${host}/tools:2.1@${tools}`),
    );
    expect(stdout).toContain("ARG BASE (used by FROM)  pinned");
    expect(stdout).toContain(`Dockerfile:6:6  FROM  left alone: ${host}/base:$TAG depends on $TAG, which has no default`);
    expect(stdout).toContain("Dockerfile:7:6  FROM  left alone: scratch is the empty image");
    expect(stdout).toContain("Dockerfile:8:13  COPY --from  left alone: build names a stage");
    expect(stdout).toContain("pinned 4 references in 1 file");
  });

  it("keeps CRLF line endings and comments, and a second run changes nothing", async () => {
    const text = `# base image\r\nFROM ${host}/base:1 AS build\r\n# tools\r\nCOPY --from=${host}/tools:2.1 /t /t\r\n`;
    const dir = await project({ Dockerfile: text });
    expect((await pin([], dir)).code).toBe(0);
    const once = await read(dir);
    expect(once.split("\r\n")).toHaveLength(5);
    expect(once.replace(/@sha256:[\da-f]{64}/gu, "")).toBe(text);
    const again = await pin([], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("pinned 0 references in 0 files");
    expect(await read(dir)).toBe(once);
    expect((await pin(["--update"], dir)).stdout).toContain("pinned 0 references");
    expect(await read(dir)).toBe(once);
  });

  it("--dry-run prints a unified diff, writes nothing, and exits 1", async () => {
    const text = `FROM ${host}/base:1\nRUN a\nRUN b\nRUN c\nRUN d\nRUN e\nFROM ${host}/base:1\n`;
    const dir = await project({ Dockerfile: text });
    const { code, stdout, stderr } = await pin(["--dry-run"], dir);
    expect(code).toBe(1);
    expect(await read(dir)).toBe(text);
    const pinned = `FROM ${host}/base:1@${base.digest}`;
    expect(stdout).toBe(
      [
        "--- a/Dockerfile",
        "+++ b/Dockerfile",
        "@@ -1,7 +1,7 @@",
        `-FROM ${host}/base:1`,
        `+${pinned}`,
        " RUN a",
        " RUN b",
        " RUN c",
        " RUN d",
        " RUN e",
        `-FROM ${host}/base:1`,
        `+${pinned}`,
        "",
      ].join("\n"),
    );
    expect(stderr).toContain("would pin 2 references in 1 file");
    // Nothing to change: exit 0 and no diff.
    await writeFile(path.join(dir, "Dockerfile"), `${pinned}\n`);
    const clean = await pin(["--dry-run"], dir);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe("");
  });

  it("re-pushed tag: --check exits 1 and names both digests, --update refreshes, then --check exits 0", async () => {
    const first = await pushImage(registry, "moving", "1");
    const dir = await project({ Dockerfile: `FROM ${host}/moving:1\n`, "sub/Dockerfile.dev": `FROM ${host}/moving:1 AS dev\n` });
    expect((await pin([], dir)).code).toBe(0);
    expect(await read(dir)).toBe(`FROM ${host}/moving:1@${first.digest}\n`);
    expect((await pin(["--check"], dir)).code).toBe(0);

    const second = await pushImage(registry, "moving", "1");
    // Without --update, a pinned reference is left as it is.
    expect((await pin([], dir)).code).toBe(0);
    expect(await read(dir)).toBe(`FROM ${host}/moving:1@${first.digest}\n`);

    const check = await pin(["--check", "--format", "json"], dir);
    expect(check.code).toBe(1);
    const results = parseJson(check.stdout);
    const messages = results.flatMap((result) => result.messages);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatchObject({ ruleId: "pin/stale-digest", severity: 2, line: 1 });
    expect(messages[0]?.message).toBe(
      `${host}/moving:1 is pinned to ${first.digest.slice(0, 19)}, but the tag now points at ${second.digest.slice(0, 19)}: run dockerfile-lint pin --update`,
    );
    expect(await read(dir)).toBe(`FROM ${host}/moving:1@${first.digest}\n`);

    const update = await pin(["--update"], dir);
    expect(update.code).toBe(0);
    expect(update.stdout).toContain("pinned 2 references in 2 files");
    expect(await read(dir)).toBe(`FROM ${host}/moving:1@${second.digest}\n`);
    expect(await read(dir, "sub/Dockerfile.dev")).toBe(`FROM ${host}/moving:1@${second.digest} AS dev\n`);
    const after = await pin(["--check"], dir);
    expect(after.code).toBe(0);
    expect(after.stdout).toBe("");
  });

  it("a pin to one platform's manifest of the current index is not stale", async () => {
    const dir = await project({ Dockerfile: `FROM ${host}/base:1@${base.manifests[0]?.digest ?? "?"}\n` });
    expect((await pin(["--check"], dir)).code).toBe(0);
  });

  it("a missing tag: pin exits 1 and leaves the file untouched, --check reports it", async () => {
    const text = `FROM ${host}/base:1\nFROM ${host}/base:no-such-tag\n`;
    const dir = await project({ Dockerfile: text });
    const { code, stdout } = await pin([], dir);
    expect(code).toBe(1);
    expect(stdout).toContain(`Dockerfile:2:6  FROM  failed: ${host}/base:no-such-tag: no such tag`);
    expect(stdout).toContain("Dockerfile: left unchanged because a look-up failed");
    expect(await read(dir)).toBe(text);
    const check = await pin(["--check"], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/2:6 +error +127\.0\.0\.1:\d+\/base:no-such-tag: no such tag +pin\/missing-tag/u);
  });

  it("an unreachable registry leaves the file untouched, with a one-line reason", async () => {
    const port = await freePort();
    const text = `FROM 127.0.0.1:${port}/base:1\n`;
    const dir = await project({ Dockerfile: text });
    const { code, stdout, stderr } = await pin(["--timeout", "2"], dir);
    expect(code).toBe(1);
    expect(stderr).toBe("");
    expect(stdout).toContain(`failed: cannot reach 127.0.0.1:${port}: connection refused`);
    expect(await read(dir)).toBe(text);
    const check = await pin(["--check", "-f", "json"], dir);
    expect(check.code).toBe(1);
    expect(parseJson(check.stdout)[0]?.messages[0]?.ruleId).toBe("pin/unreachable-registry");
  });

  it("a registry that answers 401 with a token realm: anonymous fails, --registry-config credentials pin", async () => {
    const tokens = await startTokenServer({ users: { ci: "s3cret" } });
    const secured = await startRegistry({ tokenAuth: tokens.registryAuth });
    try {
      const grant = await fetch(`${tokens.url}/token?service=${tokens.registryAuth.service}&scope=repository:team/app:pull,push`, {
        headers: { authorization: `Basic ${Buffer.from("ci:s3cret").toString("base64")}` },
      });
      secured.headers.authorization = `Bearer ${((await grant.json()) as { token: string }).token}`;
      const app = await pushIndex(secured, "team/app", "3", ["linux/amd64", "linux/arm64"]);
      const text = `FROM ${secured.host}/team/app:3\n`;
      const dir = await project({ Dockerfile: text, "config.json": JSON.stringify({ auths: { [secured.host]: { auth: Buffer.from("ci:s3cret").toString("base64") } } }) });
      // No credentials: the default config path is in an empty DOCKER_CONFIG.
      const refused = await runCli(["pin"], { cwd: dir, env: { DOCKER_CONFIG: path.join(dir, "no-docker-config") } });
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain(`failed: token server ${tokens.url} refused anonymous access for ${secured.host} (HTTP 401)`);
      expect(await read(dir)).toBe(text);
      const done = await pin(["--registry-config", "config.json"], dir);
      expect(done.code).toBe(0);
      expect(await read(dir)).toBe(`FROM ${secured.host}/team/app:3@${app.digest}\n`);
      expect(tokens.requests.filter((request) => request.user === "ci" && request.scope === "repository:team/app:pull")).toHaveLength(1);
    } finally {
      await secured.stop();
      await tokens.stop();
    }
  });

  it("on a hostile tree: a link out of the tree and a FIFO are skipped, a link inside is read but never written through", async () => {
    const outside = await project({ Dockerfile: `FROM ${host}/base:1\n` });
    const dir = await project({ "app/Dockerfile": `FROM ${host}/base:1\n`, "real/Dockerfile": `FROM ${host}/tools:2.1\n` });
    await mkdir(path.join(dir, "out"));
    await symlink(path.join(outside, "Dockerfile"), path.join(dir, "out", "Dockerfile"));
    await symlink(path.join(dir, "real", "Dockerfile"), path.join(dir, "Dockerfile"));
    const fifo = spawnSync("mkfifo", [path.join(dir, "Containerfile")]).status === 0;
    const started = Date.now();
    const { code, stdout, stderr } = await pin([], dir);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(stderr).toContain("skipping out/Dockerfile: a symbolic link to a file outside the linted directories");
    if (fifo) expect(stderr).toContain("skipping Containerfile: not a regular file");
    const lines = stdout.split("\n");
    expect(lines.filter((line) => line.startsWith("Dockerfile:"))).toEqual([
      expect.stringMatching(new RegExp(`^Dockerfile:1:6  FROM  not pinned, as the file is left unchanged: ${host.replace(/\./gu, "\\.")}/tools:2\\.1 `, "u")),
      "Dockerfile: left unchanged because it is a symbolic link, and nothing is ever written through one",
    ]);
    // The file the link points at is in the tree too: it is pinned under its own name.
    expect(stdout).toContain("pinned 2 references in 2 files; 1 left unchanged");
    expect(code).toBe(1);
    expect(await read(dir, "app/Dockerfile")).toBe(`FROM ${host}/base:1@${base.digest}\n`);
    expect(await read(outside)).toBe(`FROM ${host}/base:1\n`);
    expect(await read(dir, "real/Dockerfile")).toMatch(new RegExp(`^FROM ${host.replace(/\./gu, "\\.")}/tools:2\\.1@sha256:[0-9a-f]{64}\\n$`, "u"));
    expect((await lstat(path.join(dir, "Dockerfile"))).isSymbolicLink()).toBe(true);
  });

  it("refuses contradictory options with exit 2", async () => {
    const dir = await project({ Dockerfile: "FROM scratch\n" });
    const both = await pin(["--check", "--update"], dir);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe("dockerfile-lint: pin: --check changes nothing, so it cannot be used with --update or --dry-run (see 'dockerfile-lint --help')\n");
    expect((await pin(["--platform", "linux/*"], dir)).code).toBe(2);
    expect((await pin(["--registry-config", "nope.json"], dir)).stderr).toContain("no such registry config");
  });
});

async function tagDigestOf(repository: string, tag: string): Promise<string> {
  const digest = await tagDigest(registry, repository, tag);
  if (digest === null) throw new Error(`${repository}:${tag} is not in the registry`);
  return digest;
}
