/**
 * `dockerfile-lint` in a CI lint stage: exit codes and `--max-warnings` are
 * ESLint's (checked against the `eslint` command on the same files and
 * config), and the report formats a pipeline consumes: ESLint's built-in
 * formatters, `--output-file`, and GitLab's code quality report.
 */
import { spawn } from "node:child_process";
import { mkdir, readFile, symlink } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { codeQualityIssues } from "../../lib/cli/formatters/gitlab.js";
import type { CodeQualityIssue } from "../../lib/cli/formatters/gitlab.js";
import { ROOT, ensureBuilt, makeProject, parseJson, removeProject, runCli } from "../cli/helpers.js";
import type { RunResult } from "../cli/helpers.js";

vi.setConfig({ testTimeout: 120_000 });
ensureBuilt();

const ESLINT_BIN = path.join(ROOT, "node_modules/eslint/bin/eslint.js");
const PIN = "dockerfile/pin-base-image";

/** Two files with one unpinned base image each, and nothing else the recommended preset reports. */
const FILES = {
  Dockerfile: 'FROM ubuntu\nCMD ["bash"]\n',
  "services/api/Dockerfile": 'FROM node:latest\nCMD ["node"]\n',
  // `--rule` applies to every file ESLint lints: keep it to the Dockerfiles.
  "eslint.config.js":
    'import dockerfile from "eslint-plugin-dockerfile";\n\nexport default [{ ignores: ["**/*.js"] }, ...dockerfile.configs.recommended];\n',
};

const projects: string[] = [];
let shared = "";

/** A project where `eslint-plugin-dockerfile` resolves to this repository, as if installed. */
async function project(files: Record<string, string>): Promise<string> {
  const dir = await makeProject(files);
  projects.push(dir);
  await mkdir(path.join(dir, "node_modules"));
  await symlink(ROOT, path.join(dir, "node_modules/eslint-plugin-dockerfile"), "dir");
  return dir;
}

beforeAll(async () => {
  shared = await project(FILES);
});
afterAll(async () => {
  await Promise.all(projects.splice(0).map(removeProject));
});

function runEslint(args: readonly string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.FORCE_COLOR;
    delete env.NODE_OPTIONS;
    const child = spawn(process.execPath, [ESLINT_BIN, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

const WARN = ["--rule", `${PIN}: warn`];

describe.concurrent("exit codes and --max-warnings, as ESLint's", () => {
  const cases: [name: string, args: string[], code: number][] = [
    ["errors exit 1", ["--rule", `${PIN}: error`], 1],
    ["warnings alone exit 0", WARN, 0],
    ["no problems exit 0", ["--rule", `${PIN}: off`], 0],
    ["as many warnings as --max-warnings exit 0", [...WARN, "--max-warnings", "2"], 0],
    ["more warnings than --max-warnings exit 1", [...WARN, "--max-warnings", "1"], 1],
    ["--max-warnings 0 fails on any warning", [...WARN, "--max-warnings", "0"], 1],
    ["--max-warnings=-1 is no limit", [...WARN, "--max-warnings=-1"], 0],
    ["--quiet hides warnings and exits 0", [...WARN, "--quiet"], 0],
    ["--quiet still counts warnings for --max-warnings", [...WARN, "--quiet", "--max-warnings", "0"], 1],
    ["errors with --max-warnings exit 1", ["--rule", `${PIN}: error`, "--max-warnings", "10"], 1],
    ["an unknown option exits 2", ["--no-such-option"], 2],
    ["a bad --rule exits 2", ["--rule", `${PIN}: loud`], 2],
  ];
  for (const [name, args, code] of cases) {
    it(name, async () => {
      const [ours, eslint] = await Promise.all([runCli(args, { cwd: shared }), runEslint(args, shared)]);
      expect({ code: ours.code, stderr: ours.stderr }).toMatchObject({ code });
      expect(eslint.code).toBe(code);
    });
  }

  it("the baseline: two warnings, no errors", async () => {
    const { code, stdout } = await runCli([...WARN, "-f", "json"], { cwd: shared });
    expect(code).toBe(0);
    const results = parseJson(stdout);
    expect(results.reduce((sum, result) => sum + result.warningCount, 0)).toBe(2);
    expect(results.reduce((sum, result) => sum + result.errorCount, 0)).toBe(0);
  });

  it("too many warnings are named on stderr, stdout keeps the report", async () => {
    const { code, stdout, stderr } = await runCli([...WARN, "--max-warnings", "1", "-f", "json"], { cwd: shared });
    expect(code).toBe(1);
    expect(parseJson(stdout)).toHaveLength(2);
    expect(stderr).toBe("dockerfile-lint: 2 warnings, more than --max-warnings 1\n");
  });
});

describe.concurrent("formats", () => {
  it("stylish (the default) names each file, the position, the rule and a summary", async () => {
    const { code, stdout } = await runCli(["--rule", `${PIN}: error`, "--no-color"], { cwd: shared });
    expect(code).toBe(1);
    expect(stdout).toContain(path.join(shared, "services/api/Dockerfile"));
    expect(stdout).toMatch(/^ {2}1:6 {2}error {2}.*'ubuntu'.* {2}dockerfile\/pin-base-image$/mu);
    expect(stdout).toContain("✖ 2 problems (2 errors, 0 warnings)");
    const eslint = await runEslint(["--rule", `${PIN}: error`, "--no-color"], shared);
    expect(eslint.stdout.trimEnd()).toBe(stdout.trimEnd());
  });

  it("json lists every file with its messages and counts", async () => {
    const { stdout } = await runCli(["--rule", `${PIN}: error`, "--format", "json"], { cwd: shared });
    const results = parseJson(stdout);
    expect(results.map((result) => path.relative(shared, result.filePath)).sort()).toEqual(["Dockerfile", path.join("services", "api", "Dockerfile")]);
    for (const result of results) {
      expect(result.errorCount).toBe(1);
      expect(result.messages[0]).toMatchObject({ ruleId: PIN, severity: 2, line: 1 });
    }
  });

  it("json-with-metadata carries each rule's docs URL", async () => {
    const { stdout } = await runCli(["--rule", `${PIN}: error`, "--format", "json-with-metadata"], { cwd: shared });
    const report = JSON.parse(stdout) as { results: unknown[]; metadata: { rulesMeta: Record<string, { docs?: { url?: string } }> } };
    expect(report.results).toHaveLength(2);
    expect(report.metadata.rulesMeta[PIN]?.docs?.url).toMatch(/docs\/rules\/pin-base-image\.md$/u);
  });

  it("--output-file writes the report, creating directories, and exits as without it", async () => {
    const dir = await project(FILES);
    const { code, stdout } = await runCli(["--rule", `${PIN}: error`, "-f", "json", "--output-file", "out/report/lint.json"], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(parseJson(await readFile(path.join(dir, "out/report/lint.json"), "utf8"))).toHaveLength(2);
  });

  it("--output-file writes an empty report too", async () => {
    const dir = await project({ Dockerfile: `FROM alpine:3.20@sha256:${"cd".repeat(32)}\nCMD ["sh"]\n` });
    const { code } = await runCli(["-f", "json", "-o", "lint.json"], { cwd: dir });
    expect(code).toBe(0);
    expect(parseJson(await readFile(path.join(dir, "lint.json"), "utf8"))).toEqual([
      expect.objectContaining({ messages: [], errorCount: 0 }),
    ]);
  });
});

describe.concurrent("--format gitlab", () => {
  it("writes a code quality report with relative paths, severities and unique fingerprints", async () => {
    const { code, stdout } = await runCli(["--rule", `${PIN}: error`, "--format", "gitlab"], { cwd: shared });
    expect(code).toBe(1);
    const issues = JSON.parse(stdout) as CodeQualityIssue[];
    expect(issues.map((issue) => issue.location.path).sort()).toEqual(["Dockerfile", "services/api/Dockerfile"]);
    for (const issue of issues) {
      expect(issue).toMatchObject({ type: "issue", check_name: PIN, severity: "major", location: { lines: { begin: 1, end: 1 } } });
      expect(issue.description).toMatch(/latest/u);
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{32}$/u);
    }
    expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(issues.length);
  });

  it("paths are relative to CI_PROJECT_DIR in a GitLab job", async () => {
    const { stdout } = await runCli(["--rule", `${PIN}: warn`, "-f", "gitlab", "services"], {
      cwd: shared,
      env: { CI_PROJECT_DIR: path.join(shared, "services") },
    });
    const issues = JSON.parse(stdout) as CodeQualityIssue[];
    expect(issues).toEqual([expect.objectContaining({ severity: "minor", location: { path: "api/Dockerfile", lines: { begin: 1, end: 1 } } })]);
  });

  it("an empty run is an empty array", async () => {
    const { code, stdout } = await runCli(["--rule", `${PIN}: off`, "-f", "gitlab"], { cwd: shared });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([]);
  });
});

describe("codeQualityIssues", () => {
  const message = { ruleId: "dockerfile/x", severity: 2 as const, message: "same", line: 3, column: 1, nodeType: null };
  const result = (messages: object[]) =>
    ({ filePath: "/p/Dockerfile", messages, suppressedMessages: [], errorCount: 0, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, usedDeprecatedRules: [] }) as never;

  it("the fingerprint follows the issue, not its line", () => {
    const [before] = codeQualityIssues([result([message])], "/p");
    const [after] = codeQualityIssues([result([{ ...message, line: 9 }])], "/p");
    expect(after?.fingerprint).toBe(before?.fingerprint);
    expect(after?.location.lines.begin).toBe(9);
  });

  it("identical messages in one file get distinct fingerprints", () => {
    const issues = codeQualityIssues([result([message, { ...message, line: 5 }])], "/p");
    expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(2);
  });

  it("a parse error is critical, with a check name", () => {
    const [issue] = codeQualityIssues([result([{ ...message, ruleId: null, fatal: true, line: 0 }])], "/p");
    expect(issue).toMatchObject({ check_name: "parse-error", severity: "critical", categories: ["Bug Risk"], location: { lines: { begin: 1 } } });
  });
});
