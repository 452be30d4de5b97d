/**
 * A repository linted with hadolint until now: its `.hadolint.yaml` and its
 * pragmas keep working, with the zero-config CLI and with the
 * eslint.config.js that `dockerfile-lint init` writes, run by real ESLint.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, ensureBuilt, makeProject, parseJson, removeProject, runCli } from "./helpers.js";

const HADOLINT_YAML = "ignored:\n  - DL3008\ntrustedRegistries:\n  - my.registry\n";

const DOCKERFILE = [
  "# syntax=docker/dockerfile:1",
  "# check=skip=JSONArgsRecommended",
  "FROM my.registry/python:3.12-slim",
  "RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*",
  "# hadolint ignore=DL3013,DL3042 # pinned by the constraints file",
  "RUN pip install flask \\",
  "    gunicorn",
  "# hadolint ignore=DL3025",
  "CMD gunicorn app:app",
  "",
].join("\n");

const projects: string[] = [];

async function project(files: Record<string, string>): Promise<string> {
  const dir = await makeProject(files);
  projects.push(dir);
  return dir;
}

function findings(stdout: string): [string | null, number][] {
  return parseJson(stdout).flatMap((result) => result.messages.map((message): [string | null, number] => [message.ruleId, message.line]));
}

beforeAll(() => {
  ensureBuilt();
});

afterAll(async () => {
  await Promise.all(projects.map(removeProject));
});

describe.concurrent("a repository that used hadolint", () => {
  it("gives no finding for what hadolint was told to ignore, with no edits", async () => {
    const dir = await project({ ".hadolint.yaml": HADOLINT_YAML, Dockerfile: DOCKERFILE });
    const result = await runCli(["--format", "json"], { cwd: dir });
    expect(result.stderr).toBe("dockerfile-lint: using the settings of .hadolint.yaml (no --config given; 'dockerfile-lint init' turns it into eslint.config.js)\n");
    expect(findings(result.stdout)).toEqual([]);
    expect(result.code).toBe(0);
  });

  it("reports what the settings and pragmas do not cover", async () => {
    const other = DOCKERFILE.replace("FROM my.registry/", "FROM docker.io/library/").replace("# hadolint ignore=DL3013,DL3042 # pinned by the constraints file\n", "");
    const dir = await project({ ".hadolint.yaml": HADOLINT_YAML, Dockerfile: other });
    const result = await runCli(["--format", "json"], { cwd: dir });
    expect(findings(result.stdout)).toEqual([
      ["dockerfile/allowed-registries", 3],
      ["dockerfile/clean-package-cache", 5],
      ["dockerfile/pin-package-versions", 5],
      ["dockerfile/pin-package-versions", 6],
    ]);
    expect(result.code).toBe(1);
  });

  it("without a .hadolint.yaml, says nothing about one and applies the preset", async () => {
    const dir = await project({ Dockerfile: DOCKERFILE.replace("# hadolint ignore=DL3013,DL3042 # pinned by the constraints file\n", "") });
    const result = await runCli(["--format", "json"], { cwd: dir });
    expect(result.stderr).toBe("");
    expect(findings(result.stdout).map(([rule]) => rule)).toContain("dockerfile/pin-package-versions");
  });

  it("applies to Dockerfiles and the dockerfile blocks of a named Markdown file, not to Compose files", async () => {
    const dir = await project({
      ".hadolint.yaml": "ignored: [DL3006, DL3007]\ntrustedRegistries: [my.registry]\n",
      "README.md": "# App\n\n```dockerfile\nFROM my.registry/alpine:latest\n```\n",
      "compose.yaml": "services:\n  app:\n    image: my.registry/alpine:latest\n",
      Dockerfile: "FROM docker.io/library/alpine:latest\n",
    });
    const result = await runCli(["--format", "json", ".", "README.md"], { cwd: dir });
    const byFile = parseJson(result.stdout).map((file) => [path.basename(file.filePath), file.messages.map((message) => message.ruleId)]);
    expect(byFile.sort()).toEqual([
      ["Dockerfile", ["dockerfile/allowed-registries"]],
      ["README.md", []],
      // hadolint never read it: its latest tag is still reported, and no registry list applies.
      ["compose.yaml", ["dockerfile/pin-base-image"]],
    ]);
  });

  it("a .hadolint.yaml that hadolint refuses stops the run with its reason", async () => {
    const dir = await project({ ".hadolint.yaml": "failure-threshold: high\n", Dockerfile: "FROM scratch\n" });
    const result = await runCli([], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^dockerfile-lint: cannot use \.hadolint\.yaml: 'failure-threshold' must be one of/mu);
  });
});

describe("dockerfile-lint init", () => {
  it("writes an eslint.config.js that real ESLint runs with the same result", async () => {
    const dir = await project({ ".hadolint.yaml": `${HADOLINT_YAML}label-schema:\n  author: text\n`, Dockerfile: DOCKERFILE });
    // The project's own install of the plugin: this package, as npm would link it.
    await mkdir(path.join(dir, "node_modules"), { recursive: true });
    await symlink(ROOT, path.join(dir, "node_modules/eslint-plugin-dockerfile"), "dir");
    const init = await runCli(["init"], { cwd: dir });
    expect(init.code).toBe(0);
    expect(init.stderr).toBe(
      "dockerfile-lint: wrote eslint.config.js with the settings of .hadolint.yaml; 1 not carried over, see its comments. It needs: npm install --save-dev eslint eslint-plugin-dockerfile\n",
    );
    const written = readFileSync(path.join(dir, "eslint.config.js"), "utf8");
    expect(written).toContain("// label-schema: not supported");
    expect(written).toContain('"dockerfile/allowed-registries": ["error", { registries: ["my.registry"] }],');

    const eslint = (args: string[]) =>
      spawnSync(process.execPath, [path.join(ROOT, "node_modules/eslint/bin/eslint.js"), "--format", "json", ...args], { cwd: dir, encoding: "utf8" });
    const clean = eslint(["Dockerfile"]);
    expect(clean.stderr).toBe("");
    expect(findings(clean.stdout)).toEqual([]);
    await writeFile(path.join(dir, "Dockerfile"), DOCKERFILE.replace("FROM my.registry/", "FROM docker.io/library/"));
    expect(findings(eslint(["Dockerfile"]).stdout)).toEqual([["dockerfile/allowed-registries", 3]]);

    const again = await runCli(["init"], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("eslint.config.js already exists");
    expect((await runCli(["init", "--force"], { cwd: dir })).code).toBe(0);
  });

  it("--stdout prints the starter config when there is no hadolint config, and writes nothing", async () => {
    const dir = await project({ Dockerfile: "FROM scratch\n" });
    const result = await runCli(["init", "--stdout"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("...dockerfile.configs.recommended,");
    expect(existsSync(path.join(dir, "eslint.config.js"))).toBe(false);
  });

  it("--help prints its options and writes nothing", async () => {
    const dir = await project({ ".hadolint.yaml": HADOLINT_YAML });
    const result = await runCli(["init", "--help"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: dockerfile-lint init \[--stdout\] \[--force\] \[--from <file>\]\n/u);
    for (const option of ["--stdout", "--force", "--from <file>", "-h, --help"]) expect(result.stdout).toContain(option);
    expect(result.stderr).toBe("");
    expect(existsSync(path.join(dir, "eslint.config.js"))).toBe(false);
  });

  it("--stdout prints the translation of the .hadolint.yaml here, with what does not carry over", async () => {
    const dir = await project({ ".hadolint.yaml": `${HADOLINT_YAML}strict-labels: true
failure-threshold: error
` });
    const result = await runCli(["init", "--stdout"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^\/\/ ESLint config for Dockerfiles, translated from \.hadolint\.yaml by dockerfile-lint init\.\n/u);
    expect(result.stdout).toContain("  // strict-labels: not supported");
    // DL3008 is a warning in hadolint, below the threshold: the other managers' pins stay, as warnings.
    expect(result.stdout).toMatch(/\/\/ [^\n]*; DL3008 ignored\n {6}"dockerfile\/pin-package-versions": \["warn", \{ managers: \[(?!.*"apt")/u);
    // DL4000 is an error in hadolint.
    expect(result.stdout).toContain('"dockerfile/no-maintainer": "error",');
    expect(existsSync(path.join(dir, "eslint.config.js"))).toBe(false);
  });

  it("without a hadolint config, writes the starter config, which real ESLint runs", async () => {
    const dir = await project({ Dockerfile: "FROM alpine\nCMD [\"true\"]\n" });
    await mkdir(path.join(dir, "node_modules"), { recursive: true });
    await symlink(ROOT, path.join(dir, "node_modules/eslint-plugin-dockerfile"), "dir");
    const init = await runCli(["init"], { cwd: dir });
    expect(init.code).toBe(0);
    expect(init.stderr).toBe("dockerfile-lint: wrote eslint.config.js with the recommended preset. It needs: npm install --save-dev eslint eslint-plugin-dockerfile\n");
    const written = readFileSync(path.join(dir, "eslint.config.js"), "utf8");
    expect(written).toContain("// ESLint config for Dockerfiles, written by dockerfile-lint init.");
    expect(written).toContain('// "dockerfile/allowed-registries"');
    const eslint = spawnSync(process.execPath, [path.join(ROOT, "node_modules/eslint/bin/eslint.js"), "--format", "json", "Dockerfile"], { cwd: dir, encoding: "utf8" });
    expect(findings(eslint.stdout)).toEqual([["dockerfile/pin-base-image", 1]]);
  });

  it("will not replace another kind of ESLint config without --force", async () => {
    const dir = await project({ "eslint.config.mjs": "export default [];\n" });
    const result = await runCli(["init"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("dockerfile-lint: eslint.config.mjs already exists: see the new config with 'dockerfile-lint init --stdout', or replace it with --force\n");
    expect(existsSync(path.join(dir, "eslint.config.js"))).toBe(false);
  });

  it("--from names the hadolint config; a bad option is a usage error", async () => {
    const dir = await project({ "ci/hadolint.yml": "ignored: [DL3002]\n" });
    const result = await runCli(["init", "--stdout", "--from", "ci/hadolint.yml"], { cwd: dir });
    expect(result.stdout).toContain('"dockerfile/last-user-not-root": "off",');
    const bad = await runCli(["init", "--bogus"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^dockerfile-lint: init: unknown option '--bogus'/u);
  });
});
