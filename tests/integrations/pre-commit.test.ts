/**
 * The pre-commit hook (.pre-commit-hooks.yaml), run by the real `pre-commit`
 * the way another repository uses it: a project's .pre-commit-config.yaml
 * names this repository at a commit, pre-commit clones it, installs the hook
 * with `language: node` (npm install, npm pack, npm install -g of the
 * tarball) and runs it on the project's Dockerfiles. pre-commit clones a
 * commit, so the working tree is first copied into a throw-away repository
 * with one commit: the test sees the current files. The first run installs
 * (about 30 s on an idle machine); the second reuses the environment.
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync, lstatSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../index.js";
import { ROOT } from "../cli/helpers.js";

const HOOKS = await readFile(path.join(ROOT, ".pre-commit-hooks.yaml"), "utf8");

/** A top-level key of the single hook, as written (the manifest is flat YAML). */
function hookField(name: string): string | undefined {
  const line = HOOKS.split("\n").find((text) => text.startsWith(`  ${name}: `) || text.startsWith(`- ${name}: `));
  return line?.slice(line.indexOf(":") + 2).trim();
}

describe("the hook manifest", () => {
  it("declares the dockerfile-lint hook as a node hook that takes file names", () => {
    expect(hookField("id")).toBe("dockerfile-lint");
    expect(hookField("language")).toBe("node");
    expect(hookField("entry")).toBe("dockerfile-lint");
    expect(hookField("pass_filenames")).toBe("true");
    expect(hookField("require_serial")).toBe("true");
  });

  it("`files` matches exactly the names the shared configs lint", async () => {
    const files = hookField("files");
    expect(files).toBeDefined();
    // Lookahead, groups and classes mean the same in Python's `re` and in JavaScript.
    const pattern = new RegExp(files ?? "", "u");
    const names = [
      "Dockerfile",
      "services/api/Dockerfile",
      "Dockerfile.prod",
      "build/Dockerfile.dev.arm64",
      "Dockerfile.",
      "api.Dockerfile",
      "deploy/api.dockerfile",
      ".devcontainer/Dockerfile",
      "Containerfile",
      "Containerfile.fedora",
      "images/Containerfile.ci",
      "Dockerfile.dockerignore",
      "Dockerfile.prod.dockerignore",
      "Containerfile.dockerignore",
      ".dockerignore",
      "dockerfile",
      "Dockerfiles/app.txt",
      "Dockerfile.d/script.sh",
      "MyDockerfile",
      "docker/Dockerfile-base",
      "Dockerfile.yml.bak/x",
      "app.js",
      "test/db.test.ts",
      "containerfile",
      "compose.yaml",
      "deploy/docker-compose.prod.yml",
      "compose.override.yml",
      "composer.yaml",
      ".github/workflows/ci.yml",
      ".github/dependabot.yml",
      "actions/build/action.yaml",
      ".gitlab-ci.yml",
      ".devcontainer/devcontainer.json",
      ".devcontainer/python/devcontainer.json",
      ".devcontainer.json",
      "devcontainer.json",
      "docker-bake.json",
      "docker-bake.hcl",
      "README.md",
      "docs/guide.md",
      "package.json",
    ];
    const cwd = await mkdtemp(path.join(os.tmpdir(), "dockerfile-hook-"));
    try {
      const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
      for (const name of names) {
        // ESLint's defaults give *.js files a config too: what counts is whether the plugin's rules apply.
        const config = (await eslint.calculateConfigForFile(path.join(cwd, name))) as { rules?: Record<string, unknown> } | undefined;
        // Code and Markdown are ESLint's to lint: the hook runs dockerfile-lint, which does not search for them.
        const notSearched = /\.(?:[cm]?[jt]s|[jt]sx|md)$/u.test(name);
        const linted = !notSearched && Object.keys(config?.rules ?? {}).some((rule) => rule.startsWith("dockerfile/"));
        expect({ name, hook: pattern.test(name) }).toEqual({ name, hook: linted });
      }
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});

const HAS_PRE_COMMIT = spawnSync("pre-commit", ["--version"], { stdio: "ignore" }).error === undefined;
const SKIP_REASON = HAS_PRE_COMMIT ? "" : " [skipped: pre-commit is not on PATH; apt-get install pre-commit, as .ci/run does]";

interface Run {
  code: number | null;
  output: string;
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({ code, output });
    });
  });
}

function git(args: readonly string[], cwd: string): void {
  const result = spawnSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], {
    cwd,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
}

/** This repository's files as they are now (tracked and new, not ignored), committed once in `dest`. */
async function snapshotWorkingTree(dest: string): Promise<void> {
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const name of listed.stdout.split("\0")) {
    const from = path.join(ROOT, name);
    if (name === "" || !existsSync(from) || !lstatSync(from).isFile()) continue;
    await mkdir(path.dirname(path.join(dest, name)), { recursive: true });
    await copyFile(from, path.join(dest, name));
  }
  git(["init", "-q"], dest);
  git(["add", "-A"], dest);
  git(["commit", "-q", "-m", "snapshot of the working tree"], dest);
}

const DIGEST = `sha256:${"5e".repeat(32)}`;
const BAD = `FROM python:latest
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "app.py"]
`;
const FIXED = BAD.replace("python:latest", `python:3.12-slim@${DIGEST}`);
const GOOD = `FROM alpine:3.20@${DIGEST}\nWORKDIR /srv\nCOPY run.sh ./\nCMD ["./run.sh"]\n`;

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe.skipIf(!HAS_PRE_COMMIT)(`pre-commit run${SKIP_REASON}`, () => {
  it("fails on a bad Dockerfile, naming the finding, and passes once it is fixed", { timeout: 600_000 }, async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "dockerfile-pre-commit-"));
    roots.push(root);
    const repo = path.join(root, "eslint-plugin-dockerfile");
    const project = path.join(root, "project");
    const tmp = path.join(root, "tmp");
    await mkdir(tmp);
    await snapshotWorkingTree(repo);

    await mkdir(path.join(project, "services/api"), { recursive: true });
    await mkdir(path.join(project, "services/web"), { recursive: true });
    await writeFile(path.join(project, "services/api/Dockerfile"), BAD);
    await writeFile(path.join(project, "services/web/Dockerfile"), BAD);
    await writeFile(path.join(project, "Containerfile"), GOOD);
    // Matched by `Dockerfile.*` in name only: never linted.
    await writeFile(path.join(project, "Dockerfile.dockerignore"), "node_modules\n");
    await writeFile(path.join(project, "app.js"), "this is not a Dockerfile\n");
    git(["init", "-q"], project);
    git(["add", "-A"], project);
    git(["commit", "-q", "-m", "project"], project);

    const env: NodeJS.ProcessEnv = { ...process.env, PRE_COMMIT_HOME: path.join(root, "cache"), TMPDIR: tmp };
    for (const name of ["NODE_OPTIONS", "FORCE_COLOR", "NO_COLOR", "DEBUG", "VITEST", "VITEST_WORKER_ID", "VITEST_POOL_ID"]) {
      Reflect.deleteProperty(env, name);
    }
    // As a user's config names the hook: installed once into PRE_COMMIT_HOME, reused by the second run.
    const rev = spawnSync("git", ["rev-parse", "HEAD"], { cwd: repo, encoding: "utf8" }).stdout.trim();
    await writeFile(path.join(project, ".pre-commit-config.yaml"), `repos:\n  - repo: ${repo}\n    rev: ${rev}\n    hooks:\n      - id: dockerfile-lint\n`);
    git(["add", "-A"], project);
    const hookRun = ["run", "--color", "never", "dockerfile-lint", "--all-files"];

    const started = performance.now();
    const failing = await run("pre-commit", hookRun, project, env);
    // The first run installs the hook's environment: the figure a new user waits for.
    console.log(`pre-commit first run (hook install and lint): ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(failing.output).toMatch(/^dockerfile-lint\.+Failed$/mu);
    expect(failing.output).toContain("services/api/Dockerfile");
    expect(failing.output).toMatch(/1:6 +error +The base image 'python:latest'[^\n]* dockerfile\/pin-base-image$/mu);
    expect(failing.output).not.toContain("Containerfile\n");
    expect(failing.output).not.toContain("dockerignore");
    expect(failing.code).toBe(1);
    // One report for every file, not one per CPU that pre-commit would otherwise start.
    expect(failing.output.match(/^✖ \d+ problems?/gmu)).toEqual(["✖ 2 problems"]);

    await writeFile(path.join(project, "services/api/Dockerfile"), FIXED);
    await writeFile(path.join(project, "services/web/Dockerfile"), FIXED);
    git(["add", "-A"], project);
    const passing = await run("pre-commit", hookRun, project, env);
    expect(passing.output).toMatch(/^dockerfile-lint\.+Passed$/mu);
    expect(passing.code).toBe(0);
  });
});

describe.skipIf(!HAS_PRE_COMMIT)(`the documented rev${SKIP_REASON}`, () => {
  it("pre-commit autoupdate --freeze turns the page's placeholder into the newest commit", { timeout: 120_000 }, async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "dockerfile-pre-commit-rev-"));
    roots.push(root);
    const repo = path.join(root, "eslint-plugin-dockerfile");
    const project = path.join(root, "project");
    await snapshotWorkingTree(repo);
    const page = await readFile(path.join(ROOT, "docs/pre-commit.md"), "utf8");
    const snippet = /```yaml\n(# \.pre-commit-config\.yaml\n[^`]*)```/u.exec(page)?.[1] ?? "";
    const url = "https://github.com/eslint-plugin-dockerfile/eslint-plugin-dockerfile";
    expect(snippet).toContain(`repo: ${url}`);
    await mkdir(project);
    await writeFile(path.join(project, ".pre-commit-config.yaml"), snippet.replace(url, repo));
    git(["init", "-q"], project);

    const env: NodeJS.ProcessEnv = { ...process.env, PRE_COMMIT_HOME: path.join(root, "cache") };
    const update = await run("pre-commit", ["autoupdate", "--freeze", "--repo", repo], project, env);
    expect(update.code, update.output).toBe(0);
    const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: repo, encoding: "utf8" }).stdout.trim();
    expect(await readFile(path.join(project, ".pre-commit-config.yaml"), "utf8")).toMatch(new RegExp(`rev: ${head}(?: |$)`, "mu"));
  });
});
