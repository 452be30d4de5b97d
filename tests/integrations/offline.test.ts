/**
 * Linting never touches the network: the CLI lints real Dockerfiles with
 * every rule on while a preload records each socket connection and DNS
 * look-up the process attempts. The same recorder does see `pin` connect,
 * so an empty log means something. And no rule or preset imports the
 * registry client.
 */
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, ensureBuilt, makeProject, removeProject, runCli } from "../cli/helpers.js";
import { freePort } from "../support/registry.js";

const RECORDER = path.join(ROOT, "tests/support/record-network.mjs");
const CORPUS = path.resolve(ROOT, "../shared/corpus/files");

let logDir: string;
beforeAll(async () => {
  ensureBuilt();
  logDir = await mkdtemp(path.join(os.tmpdir(), "dockerfile-lint-network-"));
});
afterAll(async () => {
  await rm(logDir, { recursive: true, force: true });
});

async function recorded(args: string[], cwd: string, name: string): Promise<{ code: number | null; log: string }> {
  const log = path.join(logDir, name);
  const { code } = await runCli(args, { cwd, env: { NODE_OPTIONS: `--import=${RECORDER}`, NETWORK_LOG: log } });
  return { code, log: await readFile(log, "utf8").catch(() => "") };
}

describe("network boundary", () => {
  it("linting with every rule on opens no socket and looks up no host", async () => {
    const projects = readdirSync(CORPUS).sort().slice(0, 15).map((name) => path.join(CORPUS, name));
    // Remote sources, registries and URLs in the text must stay text.
    const dir = await makeProject({
      Dockerfile: "# syntax=docker/dockerfile:1\nFROM 127.0.0.1:5000/base:1\nADD https://example.com/x.tar.gz /x\nRUN curl -fsSL https://example.com/i.sh | sh\n",
    });
    try {
      const { code, log } = await recorded(["--preset", "all", "--format", "json", ".", ...projects], dir, "lint.log");
      expect(code).toBe(1);
      expect(log).toBe("");
    } finally {
      await removeProject(dir);
    }
  });

  it("the recorder sees the connections of pin", async () => {
    const port = await freePort();
    const dir = await makeProject({ Dockerfile: `FROM 127.0.0.1:${port}/base:1\n` });
    try {
      const { code, log } = await recorded(["pin", "--timeout", "2"], dir, "pin.log");
      expect(code).toBe(1);
      expect(log).toContain(`"host":"127.0.0.1","port":"${port}"`);
    } finally {
      await removeProject(dir);
    }
  });

  it("no rule, preset or lint module imports the registry client or an HTTP library", () => {
    const offenders: string[] = [];
    const allowed = new Set(["lib/cli/pin.ts"]);
    const walk = (dir: string): void => {
      for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const relative = `${dir}/${entry.name}`;
        if (entry.isDirectory()) {
          if (relative !== "lib/registry" && relative !== "lib/pin") walk(relative);
        } else if (entry.name.endsWith(".ts") && !allowed.has(relative)) {
          const text = readFileSync(path.join(ROOT, relative), "utf8");
          if (/from "(?:undici|node:(?:net|tls|http|https|dgram|dns))"|\/registry\/|\/pin\/|\bfetch\(/u.test(text)) offenders.push(relative);
        }
      }
    };
    for (const dir of ["rules", "lib"]) walk(dir);
    expect(offenders).toEqual([]);
  });
});
