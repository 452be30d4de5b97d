/**
 * `dockerfile-lint --fix` end to end, on realistic files in a temporary
 * project, with every rule on (`--preset all`) so that whichever fixers
 * rules/index.ts holds take part: files with fixes are rewritten in place,
 * files without are not touched, `--fix-dry-run` shows the output without
 * writing, fixed files parse to the same instructions (less the RUNs that
 * apt-update-with-install merges on purpose), and a second `--fix` is a no-op.
 */
import { readFile, stat, utimes } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { buildTree } from "../../lib/language/tree/index.js";
import { ensureBuilt, loadBuiltPlugin, makeProject, parseJson, removeProject, runCli } from "../cli/helpers.js";

vi.setConfig({ testTimeout: 120_000 });
ensureBuilt();
const plugin = await loadBuiltPlugin();
const has = (rule: string): boolean => Object.hasOwn(plugin.rules, rule);

const API = `# syntax=docker/dockerfile:1
from node:20-bookworm-slim as Deps
MAINTAINER Platform Team <platform@example.com>
ENV NODE_ENV production
ENV PORT 8080
WORKDIR /app
RUN apt-get update
RUN apt-get install -y --no-install-recommends ca-certificates=20230311 \\
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

from node:20-bookworm-slim
workdir /app
COPY --from=Deps /app/node_modules ./node_modules
COPY . .
EXPOSE 8080
USER node
CMD ["node", "server.js"]
`;

/** CRLF line endings, as checked out on Windows. */
const WORKER = [
  "FROM python:3.12-slim AS base",
  "env PYTHONDONTWRITEBYTECODE 1",
  "RUN apt-get update",
  "RUN apt-get install -y --no-install-recommends libpq5=15.6-0+deb12u1 \\",
  "    && rm -rf /var/lib/apt/lists/*",
  "WORKDIR /srv",
  "COPY requirements.txt .",
  "RUN pip install --no-cache-dir -r requirements.txt",
  "COPY . .",
  'CMD ["python", "-m", "worker"]',
  "",
].join("\r\n");

/** The backtick escape of Windows images, with a continuation. */
const WINDOWS = `# escape=\`
FROM mcr.microsoft.com/windows/servercore:ltsc2022 as build
ENV APP_HOME C:\\app
SHELL ["powershell", "-Command"]
run Invoke-WebRequest -Uri https://example.com/tool.zip \`
    -OutFile C:\\tool.zip
WORKDIR C:\\app
COPY . .
CMD ["C:\\\\app\\\\run.cmd"]
`;

const CLEAN = `# syntax=docker/dockerfile:1
FROM alpine:3.20@sha256:${"ab".repeat(32)}
WORKDIR /app
COPY run.sh ./
CMD ["./run.sh"]
`;

const FILES: Record<string, string> = {
  "services/api/Dockerfile": API,
  "services/worker/Dockerfile": WORKER,
  "windows/Dockerfile": WINDOWS,
  "clean/Dockerfile": CLEAN,
};

/** RUN instructions each file's apt-get update is merged away from, when apt-update-with-install is there. */
const MERGED: Record<string, number> = {
  "services/api/Dockerfile": 1,
  "services/worker/Dockerfile": 1,
  "windows/Dockerfile": 0,
  "clean/Dockerfile": 0,
};

const ALL = ["--preset", "all"];
const PAST = new Date("2020-01-02T03:04:05Z");

const projects: string[] = [];
async function project(): Promise<string> {
  const dir = await makeProject(FILES);
  projects.push(dir);
  // An old mtime, so that any write shows.
  for (const name of Object.keys(FILES)) await utimes(path.join(dir, name), PAST, PAST);
  return dir;
}
afterAll(async () => {
  await Promise.all(projects.splice(0).map(removeProject));
});

function instructionCount(text: string): number {
  return buildTree(text).ast.body.length;
}

async function snapshot(dir: string): Promise<Record<string, { text: string; mtime: number }>> {
  const files: Record<string, { text: string; mtime: number }> = {};
  for (const name of Object.keys(FILES)) {
    const file = path.join(dir, name);
    files[name] = { text: await readFile(file, "utf8"), mtime: (await stat(file)).mtimeMs };
  }
  return files;
}

describe.concurrent("dockerfile-lint --fix", () => {
  it("rewrites files with fixes in place and leaves the others untouched", async () => {
    const dir = await project();
    const { stderr } = await runCli([...ALL, "--fix"], { cwd: dir });
    expect(stderr).toBe("");
    const after = await snapshot(dir);
    expect(after["clean/Dockerfile"]).toEqual({ text: CLEAN, mtime: PAST.getTime() });
    for (const name of ["services/api/Dockerfile", "services/worker/Dockerfile", "windows/Dockerfile"]) {
      expect(after[name]?.text, name).not.toBe(FILES[name]);
      expect(after[name]?.mtime, name).toBeGreaterThan(PAST.getTime());
    }
    const api = after["services/api/Dockerfile"]?.text ?? "";
    if (has("no-maintainer")) expect(api).not.toContain("MAINTAINER");
    if (has("legacy-key-value-format")) expect(api).toContain("ENV NODE_ENV=production\nENV PORT=8080\n");
    if (has("consistent-instruction-casing")) expect(api).not.toMatch(/^(?:from|workdir) /mu);
    if (has("from-as-casing") && has("consistent-instruction-casing")) expect(api).toContain("FROM node:20-bookworm-slim AS Deps\n");
    if (has("apt-update-with-install")) expect(api).toMatch(/^RUN apt-get update \\\n && apt-get install /mu);
  });

  it("keeps CRLF line endings and the backtick escape", async () => {
    const dir = await project();
    await runCli([...ALL, "--fix"], { cwd: dir });
    const worker = await readFile(path.join(dir, "services/worker/Dockerfile"), "utf8");
    expect(worker.replace(/\r\n/gu, "")).not.toContain("\n");
    if (has("legacy-key-value-format")) expect(worker).toContain("ENV PYTHONDONTWRITEBYTECODE=1\r\n");
    const windows = await readFile(path.join(dir, "windows/Dockerfile"), "utf8");
    expect(windows).toContain("Invoke-WebRequest -Uri https://example.com/tool.zip `\n    -OutFile C:\\tool.zip\n");
    expect(buildTree(windows).ast.escapeChar).toBe("`");
  });

  it("fixed files parse to the same instructions, less the RUNs apt-update-with-install merges", async () => {
    const dir = await project();
    await runCli([...ALL, "--fix"], { cwd: dir });
    const after = await snapshot(dir);
    for (const [name, text] of Object.entries(FILES)) {
      const merged = has("apt-update-with-install") ? (MERGED[name] ?? 0) : 0;
      expect({ name, instructions: instructionCount(after[name]?.text ?? "") }).toEqual({
        name,
        instructions: instructionCount(text) - merged,
      });
    }
  });

  it("a second --fix changes nothing and leaves nothing fixable", async () => {
    const dir = await project();
    await runCli([...ALL, "--fix"], { cwd: dir });
    for (const name of Object.keys(FILES)) await utimes(path.join(dir, name), PAST, PAST);
    const first = await snapshot(dir);
    const second = await runCli([...ALL, "--fix", "--format", "json"], { cwd: dir });
    expect(await snapshot(dir)).toEqual(first);
    for (const result of parseJson(second.stdout)) {
      expect(result.output, result.filePath).toBeUndefined();
      expect(result.messages.filter((message) => "fix" in message), result.filePath).toEqual([]);
    }
  });
});

describe.concurrent("dockerfile-lint --fix-dry-run", () => {
  it("--format json shows each fixed text in output and writes nothing", async () => {
    const dir = await project();
    const before = await snapshot(dir);
    const { stdout } = await runCli([...ALL, "--fix-dry-run", "--format", "json"], { cwd: dir });
    expect(await snapshot(dir)).toEqual(before);
    const results = parseJson(stdout);
    const byName = new Map(results.map((result) => [path.relative(dir, result.filePath).split(path.sep).join("/"), result]));
    expect(byName.get("clean/Dockerfile")?.output).toBeUndefined();
    for (const name of ["services/api/Dockerfile", "services/worker/Dockerfile", "windows/Dockerfile"]) {
      const output = byName.get(name)?.output;
      expect(output, name).toBeDefined();
      expect(output, name).not.toBe(FILES[name]);
    }
  });

  it("shows the same text --fix writes", async () => {
    const [dry, wet] = await Promise.all([project(), project()]);
    const { stdout } = await runCli([...ALL, "--fix-dry-run", "--format", "json"], { cwd: dry });
    await runCli([...ALL, "--fix"], { cwd: wet });
    const written = await snapshot(wet);
    for (const result of parseJson(stdout)) {
      const name = path.relative(dry, result.filePath).split(path.sep).join("/");
      expect(result.output ?? FILES[name], name).toBe(written[name]?.text);
    }
  });
});
