/**
 * End-to-end tests of `dockerfile-lint`: the built CLI run in a child process
 * on temporary directories. Findings are checked against `pin-base-image`
 * and fixes against whichever fixable rules the built plugin has, so these
 * tests follow the rule set as it grows.
 */
import { readFileSync, statSync } from "node:fs";
import { chmod, mkdir, readFile, stat, utimes, writeFile } from "node:fs/promises";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  DIST_INDEX,
  ROOT,
  STACK_LINE,
  ensureBuilt,
  loadBuiltPlugin,
  makeProject,
  parseJson,
  presetEnables,
  removeProject,
  reportedFiles,
  ruleIdsFor,
  runCli,
} from "./helpers.js";

// Each test starts Node and ESLint a few times: allow for a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

ensureBuilt();
const plugin = await loadBuiltPlugin();

const PIN = "dockerfile/pin-base-image";
const HAS_PIN = Object.hasOwn(plugin.rules, "pin-base-image");
/** Added to a test's name when it is skipped for want of pin-base-image. */
const NO_PIN = HAS_PIN ? "" : " [skipped: pin-base-image is not in rules/index.ts yet]";
const FIXABLE_RULES = Object.entries(plugin.rules)
  .filter(([, rule]) => rule.meta?.fixable !== undefined)
  .map(([name]) => name);
/** Turns pin-base-image on whatever the default preset holds. */
const PIN_ON = ["--rule", `${PIN}: error`];

const DIGEST = `sha256:${"3f".repeat(32)}`;
const CLEAN = `# syntax=docker/dockerfile:1\nFROM alpine:3.20@${DIGEST}\nWORKDIR /app\nCOPY hello.sh ./\nCMD ["./hello.sh"]\n`;
const LATEST = "FROM node:latest\nCMD [\"node\"]\n";
const UNTAGGED = "FROM ubuntu\nCMD [\"bash\"]\n";

const PACKAGE_VERSION = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;

const projects: string[] = [];
async function project(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await makeProject(files);
  projects.push(dir);
  return dir;
}
// Tests run concurrently, each in its own directory: clean up once at the end.
afterAll(async () => {
  await Promise.all(projects.splice(0).map(removeProject));
});

/** No stack trace, and at most one line on stderr. */
function expectOneLine(stderr: string): void {
  expect(stderr).not.toMatch(STACK_LINE);
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
}

describe.concurrent("information", () => {
  it("--version prints the package version", async () => {
    const dir = await project({});
    const { code, stdout, stderr } = await runCli(["--version"], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(PACKAGE_VERSION);
    expect(stderr).toBe("");
  });

  it("--help lists every option", async () => {
    const dir = await project({});
    const { code, stdout } = await runCli(["--help"], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: dockerfile-lint/u);
    for (const option of [
      "--preset", "--rule", "--config", "--fix", "--fix-dry-run", "--format", "--output-file", "--quiet",
      "--max-warnings", "--color", "--no-color", "--stdin", "--stdin-filename", "--no-ignore", "--no-warn-ignored",
      "--cache", "--cache-location", "--no-inline-config", "--report-unused-disable-directives",
      "--report-unused-disable-directives-severity", "--concurrency", "--help", "--version",
    ]) {
      expect(stdout).toContain(option);
    }
  });

  it("--help names the pin and init commands and the .hadolint.yaml it reads", async () => {
    const dir = await project({});
    const { stdout } = await runCli(["--help"], { cwd: dir });
    expect(stdout).toContain("dockerfile-lint pin [options] [paths...]");
    expect(stdout).toContain("dockerfile-lint init [--stdout] [--force]  (write eslint.config.js; see 'dockerfile-lint init --help')");
    expect(stdout).toMatch(/Without --config, the \.hadolint\.yaml, \.hadolint\.yml or\s+hadolint\.yaml of the current directory applies/u);
  });
});

describe.concurrent("bad usage", () => {
  it("an unknown option exits 2 with one line and a pointer to --help", async () => {
    const dir = await project({ Dockerfile: CLEAN });
    const { code, stdout, stderr } = await runCli(["--nope"], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("unknown option '--nope'");
    expect(stderr).toContain("--help");
    expectOneLine(stderr);
  });

  it("a missing path exits 2", async () => {
    const dir = await project({ Dockerfile: CLEAN });
    const { code, stderr } = await runCli(["foo/"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr.trim()).toBe("dockerfile-lint: no such file or directory: foo/");
  });

  it.each([
    [["--preset", "loose"], "unknown preset 'loose'"],
    [["--format"], "argument missing"],
    [["--max-warnings", "many"], "--max-warnings needs a whole number"],
    [["--fix", "--fix-dry-run"], "cannot be used together"],
    [["--stdin-filename", "Dockerfile"], "--stdin-filename needs --stdin"],
    [["--stdin", "--fix"], "--fix cannot write piped-in text"],
    [["--stdin", "Dockerfile"], "do not give paths"],
    [["--rule", "dockerfile/pin-base-image"], "invalid --rule"],
    [["--rule", "dockerfile/pin-base-image: loud"], "must be off, warn or error"],
    [["--rule", "dockerfile/no-such-rule: off"], "unknown rule 'dockerfile/no-such-rule'"],
    [["--config", "eslint.config.js", "--preset", "all"], "--preset cannot be used with --config"],
    [["--config", "missing.config.js"], "no such file or directory: missing.config.js"],
    [["--cache-location", "x"], "--cache-location needs --cache"],
  ])("%j exits 2", async (args, message) => {
    const dir = await project({ Dockerfile: CLEAN, "eslint.config.js": "export default [];\n" });
    const { code, stdout, stderr } = await runCli(args, { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
    expectOneLine(stderr);
  });
});

describe.concurrent("finding Dockerfiles", () => {
  it("a clean Dockerfile exits 0 with no output", async () => {
    const dir = await project({ Dockerfile: CLEAN, "hello.sh": "echo hello\n" });
    const { code, stdout, stderr } = await runCli([], { cwd: dir });
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("finds no Dockerfile: a note on stderr and exit 0", async () => {
    const dir = await project({ "main.go": "package main\n", "README.md": "# hi\n" });
    const { code, stdout, stderr } = await runCli([], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(stderr.trim()).toBe("dockerfile-lint: no Dockerfile found in .");
  });

  it.skipIf(!HAS_PIN)(`reports FROM node:latest and FROM ubuntu${NO_PIN}`, async () => {
    const dir = await project({ Dockerfile: LATEST, "Containerfile.dev": UNTAGGED });
    const { code, stdout } = await runCli([...PIN_ON, "--format", "json"], { cwd: dir });
    expect(code).toBe(1);
    const results = parseJson(stdout);
    expect(ruleIdsFor(results, dir, "Dockerfile")).toEqual([PIN]);
    expect(ruleIdsFor(results, dir, "Containerfile.dev")).toEqual([PIN]);
  });

  it.skipIf(!HAS_PIN)(`the default path is '.', searched by the name patterns${NO_PIN}`, async () => {
    const dir = await project({
      Dockerfile: LATEST,
      "services/api/Dockerfile.prod": LATEST,
      "services/web/web.Dockerfile": LATEST,
      "services/web/Containerfile": LATEST,
      "tools/build.dockerfile": LATEST,
      ".devcontainer/Dockerfile": LATEST,
      "src/index.js": "const = ;\n",
      "notes.txt": LATEST,
      "node_modules/pkg/Dockerfile": LATEST,
    });
    const { code, stdout } = await runCli([...PIN_ON, "--format", "json"], { cwd: dir });
    expect(code).toBe(1);
    expect(reportedFiles(parseJson(stdout), dir)).toEqual([
      ".devcontainer/Dockerfile",
      "Dockerfile",
      "services/api/Dockerfile.prod",
      "services/web/Containerfile",
      "services/web/web.Dockerfile",
      "tools/build.dockerfile",
    ]);
  });

  it.skipIf(!HAS_PIN)(`only the given directories are searched${NO_PIN}`, async () => {
    const dir = await project({ Dockerfile: LATEST, "a/Dockerfile": LATEST, "b/Dockerfile": LATEST });
    const { stdout } = await runCli([...PIN_ON, "--format", "json", "a"], { cwd: dir });
    expect(reportedFiles(parseJson(stdout), dir)).toEqual(["a/Dockerfile"]);
  });

  it.skipIf(!HAS_PIN)(`honours the .gitignore of the current directory${NO_PIN}`, async () => {
    const dir = await project({
      ".gitignore": "# build output\nbuild/\n*.generated.Dockerfile\n/vendor\n!keep.generated.Dockerfile\n",
      Dockerfile: LATEST,
      "build/Dockerfile": LATEST,
      "app/x.generated.Dockerfile": LATEST,
      "app/keep.generated.Dockerfile": LATEST,
      "vendor/Dockerfile": LATEST,
      "app/vendor/Dockerfile": LATEST,
    });
    const { stdout } = await runCli([...PIN_ON, "--format", "json"], { cwd: dir });
    expect(reportedFiles(parseJson(stdout), dir)).toEqual(["Dockerfile", "app/keep.generated.Dockerfile", "app/vendor/Dockerfile"]);

    const all = await runCli([...PIN_ON, "--format", "json", "--no-ignore"], { cwd: dir });
    expect(reportedFiles(parseJson(all.stdout), dir)).toHaveLength(6);
  });

  it.skipIf(!HAS_PIN)(`a directory named inside node_modules is still left out, as ESLint's default ignores leave it${NO_PIN}`, async () => {
    const dir = await project({ Dockerfile: LATEST, "node_modules/pkg/Dockerfile": LATEST });
    const { code, stdout, stderr } = await runCli([...PIN_ON, "--format", "json", "node_modules/pkg"], { cwd: dir });
    expect(code).toBe(0);
    expect(reportedFiles(parseJson(stdout), dir)).toEqual([]);
    expect(stderr).toContain("no Dockerfile found in node_modules/pkg");
  });

  it.skipIf(!HAS_PIN)(`a named file is linted whatever its name${NO_PIN}`, async () => {
    const dir = await project({ "build/prod.docker": LATEST, "Dockerfile.txt.bak": LATEST });
    const searched = await runCli([...PIN_ON, "--format", "json"], { cwd: dir });
    expect(reportedFiles(parseJson(searched.stdout), dir)).toEqual(["Dockerfile.txt.bak"]);

    const named = await runCli([...PIN_ON, "--format", "json", "build/prod.docker"], { cwd: dir });
    expect(named.code).toBe(1);
    expect(ruleIdsFor(parseJson(named.stdout), dir, "build/prod.docker")).toEqual([PIN]);
  });

  it.skipIf(!HAS_PIN)(`a named file outside the current directory is linted${NO_PIN}`, async () => {
    const dir = await project({ "repo/README.md": "# repo\n", "other/Dockerfile": LATEST, "other/prod.docker": LATEST });
    const cwd = path.join(dir, "repo");
    const { code, stdout } = await runCli([...PIN_ON, "--format", "json", "../other", "../other/prod.docker"], { cwd });
    expect(code).toBe(1);
    expect(reportedFiles(parseJson(stdout), dir)).toEqual(["other/Dockerfile", "other/prod.docker"]);
  });

  it.skipIf(!HAS_PIN)(`a named file that .gitignore lists is reported as ignored${NO_PIN}`, async () => {
    const dir = await project({ ".gitignore": "build/\n", "build/Dockerfile": LATEST });
    const warned = await runCli([...PIN_ON, "--format", "json", "build/Dockerfile"], { cwd: dir });
    expect(warned.code).toBe(0);
    const [result] = parseJson(warned.stdout);
    expect(result?.messages[0]?.message).toMatch(/^File ignored because of a matching ignore pattern/u);

    const quiet = await runCli([...PIN_ON, "--no-warn-ignored", "build/Dockerfile"], { cwd: dir });
    expect(quiet).toMatchObject({ code: 0, stdout: "" });

    const linted = await runCli([...PIN_ON, "--format", "json", "--no-ignore", "build/Dockerfile"], { cwd: dir });
    expect(linted.code).toBe(1);
    expect(ruleIdsFor(parseJson(linted.stdout), dir, "build/Dockerfile")).toEqual([PIN]);
  });

  it.skipIf(!HAS_PIN)(`Dockerfile.dockerignore is never linted${NO_PIN}`, async () => {
    const dir = await project({ Dockerfile: CLEAN, "hello.sh": "", "Dockerfile.dockerignore": "node_modules\n*.log\n" });
    const searched = await runCli([...PIN_ON, "--format", "json"], { cwd: dir });
    expect(reportedFiles(parseJson(searched.stdout), dir)).toEqual(["Dockerfile"]);

    const named = await runCli([...PIN_ON, "--format", "json", "Dockerfile.dockerignore"], { cwd: dir });
    expect(named.code).toBe(0);
    expect(parseJson(named.stdout)).toEqual([]);
    expect(named.stderr).toContain("skipping Dockerfile.dockerignore: a .dockerignore file is not a Dockerfile");
  });
});

describe.concurrent("files that name images", () => {
  const COMPOSE = "services:\n  db:\n    image: postgres\n  app:\n    build: .\n";
  const WORKFLOW = "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    services:\n      redis: redis:latest\n";
  const DEVCONTAINER = '{\n  // JSONC\n  "image": "mcr.microsoft.com/devcontainers/base",\n}\n';

  it("a directory is searched for Compose, workflow and dev container files, which get the image rules only", async () => {
    const dir = await project({
      "compose.yaml": COMPOSE,
      ".github/workflows/ci.yml": WORKFLOW,
      ".devcontainer/devcontainer.json": DEVCONTAINER,
      "config/values.yaml": "image: ubuntu\n",
      "README.md": "```dockerfile\nFROM ubuntu\n```\n",
      "test/app.test.ts": 'import { GenericContainer } from "testcontainers";\nnew GenericContainer("redis");\n',
    });
    const { code, stdout } = await runCli(["--preset", "all", "--format", "json"], { cwd: dir });
    expect(code).toBe(1);
    const results = parseJson(stdout);
    expect(reportedFiles(results, dir)).toEqual([".devcontainer/devcontainer.json", ".github/workflows/ci.yml", "compose.yaml"]);
    for (const file of reportedFiles(results, dir)) expect(ruleIdsFor(results, dir, file)).toEqual([PIN]);
  }, 120_000);

  it("a named Markdown file is read for its dockerfile blocks, with its own line numbers", async () => {
    const dir = await project({ "docs/guide.md": "# Guide\n\n```dockerfile\nFROM node:20.11.1\nFROM ubuntu\n```\n" });
    const { code, stdout } = await runCli([...PIN_ON, "--format", "json", "docs/guide.md"], { cwd: dir });
    expect(code).toBe(1);
    const [result] = parseJson(stdout);
    expect(result?.messages.map((message) => [message.ruleId, message.line])).toEqual([[PIN, 5]]);
  }, 120_000);

  it("--rule with a Dockerfile rule leaves the other files to the image rules", async () => {
    const dir = await project({ "compose.yaml": COMPOSE, Dockerfile: "FROM ubuntu:24.04\nRUN sudo make\n" });
    const { code, stdout, stderr } = await runCli(["--rule", "dockerfile/no-sudo: error", "--format", "json", ".", "compose.yaml"], { cwd: dir });
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const results = parseJson(stdout);
    expect(ruleIdsFor(results, dir, "Dockerfile")).toEqual(["dockerfile/no-sudo"]);
    expect(ruleIdsFor(results, dir, "compose.yaml")).toEqual([PIN]);
  }, 120_000);

  it("standard input named as a workflow is read as one", async () => {
    const dir = await project({});
    const { code, stdout } = await runCli(["--stdin", "--stdin-filename", ".github/workflows/ci.yml", "-f", "json"], { cwd: dir, input: WORKFLOW });
    expect(code).toBe(1);
    expect(ruleIdsFor(parseJson(stdout), dir, ".github/workflows/ci.yml")).toEqual([PIN]);
  }, 120_000);
});

describe.concurrent("rules", () => {
  it.skipIf(!HAS_PIN).each(["recommended", "strict", "all"] as const)(
    `--preset %s decides which rules run${NO_PIN}`,
    async (preset) => {
      const dir = await project({ Dockerfile: LATEST });
      const { stdout } = await runCli(["--preset", preset, "--format", "json"], { cwd: dir });
      const ids = ruleIdsFor(parseJson(stdout), dir, "Dockerfile");
      expect(ids.includes(PIN)).toBe(presetEnables(plugin, preset, PIN));
    },
  );

  it.skipIf(!HAS_PIN)(`--rule 'x: off' turns a rule off${NO_PIN}`, async () => {
    const dir = await project({ Dockerfile: LATEST });
    const on = await runCli(["--preset", "all", "--format", "json"], { cwd: dir });
    expect(ruleIdsFor(parseJson(on.stdout), dir, "Dockerfile")).toContain(PIN);
    const off = await runCli(["--preset", "all", "--rule", `${PIN}: off`, "--format", "json"], { cwd: dir });
    expect(ruleIdsFor(parseJson(off.stdout), dir, "Dockerfile")).not.toContain(PIN);
  });

  it.skipIf(!HAS_PIN)(`--rule takes JSON with options, and later --rule values win${NO_PIN}`, async () => {
    const dir = await project({ Dockerfile: "FROM node:20.11.1\n" });
    const plain = await runCli([...PIN_ON, "--format", "json"], { cwd: dir });
    expect(ruleIdsFor(parseJson(plain.stdout), dir, "Dockerfile")).not.toContain(PIN);

    const args = ["--rule", `${PIN}: warn`, "--rule", JSON.stringify({ [PIN]: ["error", { digest: "always" }] })];
    const strict = await runCli([...args, "--format", "json"], { cwd: dir });
    expect(strict.code).toBe(1);
    const [result] = parseJson(strict.stdout);
    expect(result?.messages.map((m) => [m.ruleId, m.severity])).toContainEqual([PIN, 2]);

    const levn = await runCli(["--rule", `${PIN}: [error, {digest: always}]`, "--format", "json"], { cwd: dir });
    expect(ruleIdsFor(parseJson(levn.stdout), dir, "Dockerfile")).toContain(PIN);
  });

  it.skipIf(!HAS_PIN)(`--no-inline-config ignores disable comments, and unused ones can be reported${NO_PIN}`, async () => {
    const silenced = `# eslint-disable-next-line ${PIN}\nFROM node:latest\n# eslint-disable-next-line ${PIN}\nFROM alpine:3.20@${DIGEST}\n`;
    const dir = await project({ Dockerfile: silenced });
    const plain = await runCli([...PIN_ON, "--format", "json"], { cwd: dir });
    expect(plain.code).toBe(0);
    expect(ruleIdsFor(parseJson(plain.stdout), dir, "Dockerfile")).not.toContain(PIN);

    const ignored = await runCli([...PIN_ON, "--no-inline-config", "--format", "json"], { cwd: dir });
    expect(ignored.code).toBe(1);
    expect(parseJson(ignored.stdout)[0]?.messages.filter((m) => m.ruleId === PIN).map((m) => m.line)).toEqual([2]);

    const unused = await runCli([...PIN_ON, "--report-unused-disable-directives", "--format", "json"], { cwd: dir });
    expect(unused.code).toBe(1);
    const [result] = parseJson(unused.stdout);
    expect(result?.messages.map((m) => [m.ruleId, m.line, m.severity])).toEqual([[null, 3, 2]]);
    const warned = await runCli([...PIN_ON, "--report-unused-disable-directives-severity", "warn", "--format", "json"], { cwd: dir });
    expect(warned.code).toBe(0);
    expect(parseJson(warned.stdout)[0]?.messages.map((m) => [m.line, m.severity])).toEqual([[3, 1]]);
  });

  it.skipIf(!HAS_PIN)(`invalid rule options exit 2 with one line${NO_PIN}`, async () => {
    const dir = await project({ Dockerfile: LATEST });
    const { code, stderr } = await runCli(["--rule", `${PIN}: [error, {digest: sometimes}]`], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain("sometimes");
    expectOneLine(stderr);
  });
});

describe.concurrent("output", () => {
  it.skipIf(!HAS_PIN)(`--format json is parseable and has the findings${NO_PIN}`, async () => {
    const dir = await project({ Dockerfile: LATEST });
    const { code, stdout } = await runCli([...PIN_ON, "--format", "json"], { cwd: dir });
    expect(code).toBe(1);
    const results = parseJson(stdout);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ filePath: path.join(dir, "Dockerfile"), errorCount: 1 });
    expect(results[0]?.messages[0]).toMatchObject({ ruleId: PIN, line: 1 });
  });

  it.skipIf(!HAS_PIN)(`stylish is the default format${NO_PIN}`, async () => {
    const dir = await project({ Dockerfile: LATEST });
    const { code, stdout } = await runCli(PIN_ON, { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toContain(path.join(dir, "Dockerfile"));
    expect(stdout).toMatch(/^ {2}1:\d+ {2}error {2}/mu);
    expect(stdout).toContain("dockerfile/pin-base-image");
    expect(stdout).toContain("1 problem (1 error, 0 warnings)");
  });

  it("--format json-with-metadata and html load", async () => {
    const dir = await project({ Dockerfile: CLEAN, "hello.sh": "" });
    const meta = await runCli(["--format", "json-with-metadata"], { cwd: dir });
    expect(meta.code).toBe(0);
    expect(JSON.parse(meta.stdout)).toHaveProperty("metadata");
    const html = await runCli(["-f", "html"], { cwd: dir });
    expect(html.stdout).toContain("<html");
  });

  it("an unknown format exits 2 before linting", async () => {
    const dir = await project({ Dockerfile: CLEAN });
    const { code, stderr } = await runCli(["--format", "nope"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain("unknown format 'nope'");
    expectOneLine(stderr);
  });

  it("--format sarif is built in (tests/integrations/sarif.test.ts checks the log)", async () => {
    const dir = await project({ Dockerfile: CLEAN, "hello.sh": "" });
    const { code, stdout, stderr } = await runCli(["--format", "sarif"], { cwd: dir });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toHaveProperty("version", "2.1.0");
  });

  it.skipIf(!HAS_PIN)(`--output-file writes the report instead of stdout${NO_PIN}`, async () => {
    const dir = await project({ Dockerfile: LATEST });
    const { code, stdout } = await runCli([...PIN_ON, "-f", "json", "--output-file", "reports/lint.json"], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    const results = parseJson(await readFile(path.join(dir, "reports/lint.json"), "utf8"));
    expect(ruleIdsFor(results, dir, "Dockerfile")).toEqual([PIN]);
  });

  it("--output-file is written even when there is nothing to report", async () => {
    const dir = await project({ Dockerfile: CLEAN, "hello.sh": "" });
    const { code } = await runCli(["-o", "out.txt"], { cwd: dir });
    expect(code).toBe(0);
    expect(await readFile(path.join(dir, "out.txt"), "utf8")).toBe("");
  });

  it.skipIf(!HAS_PIN)(`--color and --no-color${NO_PIN}`, async () => {
    const dir = await project({ Dockerfile: LATEST });
    const colored = await runCli([...PIN_ON, "--color"], { cwd: dir });
    expect(colored.stdout).toContain("\u001b[");
    const plain = await runCli([...PIN_ON, "--no-color"], { cwd: dir, env: { FORCE_COLOR: "1" } });
    expect(plain.stdout).not.toContain("\u001b[");
    expect(plain.stdout).toContain("dockerfile/pin-base-image");
  });
});

describe.concurrent("warnings", () => {
  const WARN = ["--rule", `${PIN}: warn`];

  it.skipIf(!HAS_PIN)(`warnings alone exit 0${NO_PIN}`, async () => {
    const dir = await project({ Dockerfile: LATEST, "b/Dockerfile": UNTAGGED });
    const { code, stdout } = await runCli(WARN, { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain("2 problems (0 errors, 2 warnings)");
  });

  it.skipIf(!HAS_PIN)(`--max-warnings${NO_PIN}`, async () => {
    const dir = await project({ Dockerfile: LATEST, "b/Dockerfile": UNTAGGED });
    const over = await runCli([...WARN, "--max-warnings", "1"], { cwd: dir });
    expect(over.code).toBe(1);
    expect(over.stderr.trim()).toBe("dockerfile-lint: 2 warnings, more than --max-warnings 1");
    const at = await runCli([...WARN, "--max-warnings", "2"], { cwd: dir });
    expect(at.code).toBe(0);
    const zero = await runCli([...WARN, "--max-warnings", "0", "--quiet"], { cwd: dir });
    expect(zero.code).toBe(1);
    expect(zero.stdout).toBe("");
    expect(zero.stderr).toContain("more than --max-warnings 0");
  });

  it.skipIf(!HAS_PIN)(`--max-warnings -1 means no limit${NO_PIN}`, async () => {
    const dir = await project({ Dockerfile: LATEST, "b/Dockerfile": UNTAGGED });
    const unlimited = await runCli([...WARN, "--max-warnings", "-1"], { cwd: dir });
    expect(unlimited.code).toBe(0);
    expect(unlimited.stdout).toContain("2 problems (0 errors, 2 warnings)");
  });

  it.skipIf(!HAS_PIN)(`--quiet shows errors only${NO_PIN}`, async () => {
    const dir = await project({ Dockerfile: LATEST });
    const warn = await runCli([...WARN, "--quiet"], { cwd: dir });
    expect(warn).toMatchObject({ code: 0, stdout: "" });
    const error = await runCli([...PIN_ON, "--quiet"], { cwd: dir });
    expect(error.code).toBe(1);
    expect(error.stdout).toContain("dockerfile/pin-base-image");
  });
});

describe.concurrent("--concurrency", () => {
  it.skipIf(!HAS_PIN)(`worker threads report what one thread does, fixes and --quiet included${NO_PIN}`, async () => {
    const files = Object.fromEntries(Array.from({ length: 6 }, (_, index) => [`s${String(index)}/Dockerfile`, `FROM node:latest\nrun apt-get update\n`]));
    const dir = await project(files);
    const args = ["--preset", "all", "--quiet", "--fix-dry-run", "--format", "json"];
    const single = await runCli(args, { cwd: dir });
    const threaded = await runCli([...args, "--concurrency", "2"], { cwd: dir });
    expect(threaded.code).toBe(single.code);
    const view = (stdout: string) =>
      parseJson(stdout)
        .map((result) => ({ file: path.relative(dir, result.filePath), rules: result.messages.map((m) => m.ruleId), output: (result as { output?: string }).output }))
        .sort((a, b) => a.file.localeCompare(b.file));
    const expected = view(single.stdout);
    expect(expected).toHaveLength(6);
    expect(expected[0]?.output).toMatch(/^FROM node:latest\nRUN apt-get/u);
    expect(view(threaded.stdout)).toEqual(expected);
    const auto = await runCli([...args, "--concurrency", "auto"], { cwd: dir });
    expect(view(auto.stdout)).toEqual(expected);
  });

  it("rejects what is not a count, auto or off", async () => {
    const dir = await project({ Dockerfile: CLEAN });
    const { code, stderr } = await runCli(["--concurrency", "0"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain("--concurrency needs a positive whole number, auto or off, not '0'");
  });
});

describe.concurrent("--stdin", () => {
  it.skipIf(!HAS_PIN)(`lints standard input under --stdin-filename${NO_PIN}`, async () => {
    const dir = await project({});
    const { code, stdout } = await runCli([...PIN_ON, "--stdin", "--stdin-filename", "services/api.docker", "-f", "json"], {
      cwd: dir,
      input: LATEST,
    });
    expect(code).toBe(1);
    expect(ruleIdsFor(parseJson(stdout), dir, "services/api.docker")).toEqual([PIN]);
  });

  it.skipIf(!HAS_PIN)(`the file name defaults to Dockerfile${NO_PIN}`, async () => {
    const dir = await project({});
    const { code, stdout } = await runCli([...PIN_ON, "--stdin", "-f", "json"], { cwd: dir, input: UNTAGGED });
    expect(code).toBe(1);
    expect(ruleIdsFor(parseJson(stdout), dir, "Dockerfile")).toEqual([PIN]);
  });

  it("clean input exits 0", async () => {
    const dir = await project({});
    const { code, stdout, stderr } = await runCli(["--stdin"], { cwd: dir, input: CLEAN });
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});

/** A user config with a fixable rule of its own: `TODO` in a comment becomes `DONE`. */
function userConfig(): string {
  return `import dockerfile from ${JSON.stringify(pathToFileURL(DIST_INDEX).href)};

const todo = {
  meta: { type: "suggestion", fixable: "code", schema: [], messages: { todo: "Unfinished TODO." } },
  create(context) {
    return {
      Dockerfile(node) {
        const { text } = context.sourceCode;
        for (let i = text.indexOf("TODO"); i !== -1; i = text.indexOf("TODO", i + 4)) {
          const start = i;
          context.report({ node, messageId: "todo", fix: (fixer) => fixer.replaceTextRange([start, start + 4], "DONE") });
        }
      },
    };
  },
};

export default [
  {
    files: ["**/Dockerfile", "**/*.docker"],
    plugins: { dockerfile, local: { rules: { todo } } },
    language: "dockerfile/dockerfile",
    rules: { "local/todo": "error" },
  },
];
`;
}

describe.concurrent("--config", () => {
  it("uses the project's own config and its file patterns", async () => {
    const dir = await project({
      "lint/dockerfile.config.mjs": userConfig(),
      Dockerfile: "# TODO pin\nFROM scratch\n",
      "app/prod.docker": "# TODO\nFROM scratch\n",
      "app/Containerfile": "# TODO\nFROM scratch\n",
    });
    const { code, stdout } = await runCli(["--config", "lint/dockerfile.config.mjs", "-f", "json"], { cwd: dir });
    expect(code).toBe(1);
    // ESLint also lints *.js and *.mjs files whatever the config: here the config file itself, with no findings.
    const results = parseJson(stdout).filter((result) => result.messages.length > 0);
    expect(reportedFiles(results, dir)).toEqual(["Dockerfile", "app/prod.docker"]);
    expect(ruleIdsFor(results, dir, "Dockerfile")).toEqual(["local/todo"]);

    const off = await runCli(["-c", "lint/dockerfile.config.mjs", "--rule", "local/todo: off"], { cwd: dir });
    expect(off).toMatchObject({ code: 0, stdout: "" });
  });

  it("--fix-dry-run shows the output without writing; --fix writes changed files only", async () => {
    const dir = await project({
      "eslint.config.mjs": userConfig(),
      Dockerfile: "# TODO pin\nFROM scratch\n",
      "clean/Dockerfile": "FROM scratch\n",
    });
    const cleanFile = path.join(dir, "clean/Dockerfile");
    const past = new Date(Date.now() - 60_000);
    await utimes(cleanFile, past, past);
    const before = (await stat(cleanFile)).mtimeMs;

    const dry = await runCli(["-c", "eslint.config.mjs", "--fix-dry-run", "-f", "json"], { cwd: dir });
    expect(dry.code).toBe(0);
    const [fixed] = parseJson(dry.stdout).filter((result) => result.filePath === path.join(dir, "Dockerfile"));
    expect(fixed?.output).toBe("# DONE pin\nFROM scratch\n");
    expect(await readFile(path.join(dir, "Dockerfile"), "utf8")).toBe("# TODO pin\nFROM scratch\n");

    const fix = await runCli(["-c", "eslint.config.mjs", "--fix"], { cwd: dir });
    expect(fix).toMatchObject({ code: 0, stdout: "" });
    expect(await readFile(path.join(dir, "Dockerfile"), "utf8")).toBe("# DONE pin\nFROM scratch\n");
    expect((await stat(cleanFile)).mtimeMs).toBe(before);
  });

  it("a config that fails to load exits 2 with one line; DEBUG=dockerfile-lint adds the stack", async () => {
    const dir = await project({ "eslint.config.mjs": 'throw new Error("config exploded");\n', Dockerfile: CLEAN });
    const plain = await runCli(["-c", "eslint.config.mjs"], { cwd: dir });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain("config exploded");
    expectOneLine(plain.stderr);
    const debug = await runCli(["-c", "eslint.config.mjs"], { cwd: dir, env: { DEBUG: "dockerfile-lint" } });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(STACK_LINE);
  });
});

describe.concurrent("fixes of the plugin's rules", () => {
  const NONE = FIXABLE_RULES.length > 0 ? "" : " [skipped: no rule in rules/index.ts is fixable yet]";
  /** Problems that the plugin's fixable rules are likely to fix: mixed casing, `as` after `FROM`. */
  const MESSY = "FROM node:20.11.1 as build\nrun echo hello\nRUN echo world\nWORKDIR /app\nFROM build\n";

  it.skipIf(FIXABLE_RULES.length === 0)(`--fix-dry-run then --fix${NONE}`, async (context) => {
    const dir = await project({ Dockerfile: MESSY });
    const file = path.join(dir, "Dockerfile");
    const dry = await runCli(["--preset", "all", "--fix-dry-run", "-f", "json"], { cwd: dir });
    const [result] = parseJson(dry.stdout);
    if (result?.output === undefined) {
      context.skip(`none of ${FIXABLE_RULES.join(", ")} fixes anything in the sample Dockerfile`);
      return;
    }
    expect(result.output).not.toBe(MESSY);
    expect(await readFile(file, "utf8")).toBe(MESSY);

    await runCli(["--preset", "all", "--fix"], { cwd: dir });
    expect(await readFile(file, "utf8")).toBe(result.output);
    const modified = statSync(file).mtimeMs;

    // Nothing left to fix: no output, and the file is not written again.
    const again = await runCli(["--preset", "all", "--fix", "-f", "json"], { cwd: dir });
    expect(parseJson(again.stdout)[0]?.output).toBeUndefined();
    expect(statSync(file).mtimeMs).toBe(modified);
  });
});

describe.concurrent("--cache", () => {
  it.skipIf(!HAS_PIN)(`writes the cache where --cache-location says and gives the same results${NO_PIN}`, async () => {
    const dir = await project({ Dockerfile: LATEST });
    const args = [...PIN_ON, "--cache", "--cache-location", ".cache/lint", "-f", "json"];
    const first = await runCli(args, { cwd: dir });
    expect((await stat(path.join(dir, ".cache/lint"))).isFile()).toBe(true);
    const second = await runCli(args, { cwd: dir });
    expect(second.code).toBe(first.code);
    expect(parseJson(second.stdout).map((r) => r.messages)).toEqual(parseJson(first.stdout).map((r) => r.messages));
  });

  it("a --cache-location ending in / is a directory", async () => {
    const dir = await project({ Dockerfile: CLEAN, "hello.sh": "" });
    const { code } = await runCli(["--cache", "--cache-location", ".cache/lint/"], { cwd: dir });
    expect(code).toBe(0);
    expect((await stat(path.join(dir, ".cache/lint"))).isDirectory()).toBe(true);
  });

  it("defaults to .dockerfile-lint-cache", async () => {
    const dir = await project({ Dockerfile: CLEAN, "hello.sh": "" });
    const { code } = await runCli(["--cache"], { cwd: dir });
    expect(code).toBe(0);
    expect((await stat(path.join(dir, ".dockerfile-lint-cache"))).isFile()).toBe(true);
  });
});

describe.concurrent("odd input", () => {
  it("an empty Dockerfile is linted without a crash", async () => {
    const dir = await project({ Dockerfile: "" });
    const { code, stdout, stderr } = await runCli(["--preset", "all", "-f", "json"], { cwd: dir });
    expect([0, 1]).toContain(code);
    expect(stderr).toBe("");
    const [result] = parseJson(stdout);
    expect(result?.messages.filter((m) => m.fatal)).toEqual([]);
  });

  it("a binary file named Dockerfile is linted without a crash", async () => {
    const bytes = new Uint8Array(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 7) % 256;
    const dir = await project({ Dockerfile: bytes });
    const { code, stdout, stderr } = await runCli(["--preset", "all", "-f", "json"], { cwd: dir });
    expect([0, 1]).toContain(code);
    expect(stderr).not.toMatch(STACK_LINE);
    expect(parseJson(stdout)).toHaveLength(1);
  });

  it("a directory named Dockerfile is searched, not read", async () => {
    const dir = await project({ "Dockerfile/notes.txt": "hello\n" });
    const searched = await runCli([], { cwd: dir });
    expect(searched.code).toBe(0);
    expect(searched.stderr.trim()).toBe("dockerfile-lint: no Dockerfile found in .");
    const named = await runCli(["Dockerfile"], { cwd: dir });
    expect(named.code).toBe(0);
    expect(named.stderr.trim()).toBe("dockerfile-lint: no Dockerfile found in Dockerfile");
  });

  // Root reads any file: drop to the nobody user with setpriv when running as root.
  const isRoot = process.getuid?.() === 0;
  const canDrop = isRoot && spawnSync("setpriv", ["--version"]).status === 0;
  const wrapper = isRoot ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [];
  it.skipIf(process.platform === "win32" || (isRoot && !canDrop))(
    "an unreadable Dockerfile exits 2 with one line",
    async () => {
      const dir = await project({ Dockerfile: CLEAN });
      await chmod(dir, 0o755);
      await chmod(path.join(dir, "Dockerfile"), 0o000);
      try {
        const searched = await runCli([], { cwd: dir, wrapper });
        expect(searched.code).toBe(2);
        expect(searched.stderr.trim()).toBe("dockerfile-lint: permission denied: Dockerfile");
        const named = await runCli(["Dockerfile"], { cwd: dir, wrapper });
        expect(named.code).toBe(2);
        expectOneLine(named.stderr);
      } finally {
        await chmod(path.join(dir, "Dockerfile"), 0o644);
      }
    },
  );

  it("a .gitignore with odd lines does not break the search", async () => {
    const dir = await project({
      ".gitignore": "\n   \n# comment\n!\n/\n**\n(x)\n{a,b}\n\\#hash\n",
      "sub/Dockerfile": CLEAN,
    });
    await mkdir(path.join(dir, "empty"));
    await writeFile(path.join(dir, "sub/hello.sh"), "");
    const { code, stderr } = await runCli([], { cwd: dir });
    expect(code).toBe(0);
    expect(stderr).not.toMatch(STACK_LINE);
  });
});
