/**
 * What an editor's ESLint integration does with a Dockerfile, through ESLint's
 * Node API as the VS Code ESLint extension calls it: `new ESLint({ cwd })`
 * finds the project's flat config, `lintText(text, { filePath })` lints the
 * unsaved buffer, quick fixes come from `messages[].fix` and
 * `messages[].suggestions`, and "fix all" from `lintText` with `fix: true`.
 * The project imports the plugin by its package name, as an installed copy.
 */
import { mkdir, readFile, symlink } from "node:fs/promises";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ROOT, ensureBuilt, loadBuiltPlugin, makeProject, removeProject, runCli } from "../cli/helpers.js";

vi.setConfig({ testTimeout: 120_000 });
ensureBuilt();
const plugin = await loadBuiltPlugin();

/** Style fixers of the strict preset, turned on over `recommended` when they exist, for more fixes at once. */
const EXTRA_FIXERS = ["consistent-instruction-casing", "from-as-casing", "legacy-key-value-format", "no-maintainer"].filter((name) =>
  Object.hasOwn(plugin.rules, name),
);

const CONFIG = `import dockerfile from "eslint-plugin-dockerfile";

export default [
  ...dockerfile.configs.recommended,
  {
    files: ["**/Dockerfile", "**/*.Dockerfile"],
    rules: ${JSON.stringify(Object.fromEntries(EXTRA_FIXERS.map((name) => [`dockerfile/${name}`, "warn"])))},
  },
];
`;

/** A buffer with fixable findings (casing, MAINTAINER, legacy ENV, a lone apt-get update) and suggestions. */
const TEXT = `from node:20-alpine as Build
MAINTAINER someone@example.com
ENV NODE_ENV production
RUN apt-get update
RUN apt-get install -y curl
WORKDIR /app
COPY . .
RUN npm ci
FROM node:20-alpine
COPY --from=Build /app /app
CMD ["node", "/app/index.js"]
`;

let dir = "";
beforeAll(async () => {
  dir = await makeProject({ "eslint.config.js": CONFIG, "Dockerfile.dockerignore": "node_modules\n" });
  await mkdir(path.join(dir, "node_modules"));
  await symlink(ROOT, path.join(dir, "node_modules/eslint-plugin-dockerfile"), "dir");
});
afterAll(async () => {
  await removeProject(dir);
});

async function lint(text: string, file = "Dockerfile", options: ESLint.Options = {}): Promise<ESLint.LintResult> {
  const eslint = new ESLint({ cwd: dir, ...options });
  const [result] = await eslint.lintText(text, { filePath: path.join(dir, file), warnIgnored: false });
  if (!result) throw new Error("no result");
  return result;
}

function applyFix(text: string, fix: { range: readonly [number, number]; text: string }): string {
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

describe.concurrent("the ESLint API as an editor calls it", () => {
  it("lintText with a Dockerfile path finds the project config and reports findings", async () => {
    const result = await lint(TEXT);
    expect(result.filePath).toBe(path.join(dir, "Dockerfile"));
    expect(result.messages.filter((message) => message.fatal === true)).toEqual([]);
    const ruleIds = new Set(result.messages.map((message) => message.ruleId));
    expect(ruleIds).toContain("dockerfile/apt-update-with-install");
    for (const message of result.messages) {
      expect(message.ruleId).toMatch(/^dockerfile\//u);
      expect(message.line).toBeGreaterThanOrEqual(1);
      expect(message.column).toBeGreaterThanOrEqual(1);
      expect(message.endLine).toBeGreaterThanOrEqual(message.line);
    }
  });

  it("any Dockerfile name the configs match is linted; a .dockerignore and other files are not", async () => {
    expect((await lint(TEXT, "deploy/api.Dockerfile")).messages.length).toBeGreaterThan(0);
    expect((await lint(TEXT, "Containerfile.ci")).messages.length).toBeGreaterThan(0);
    const eslint = new ESLint({ cwd: dir });
    const options = { warnIgnored: false };
    expect(await eslint.lintText(TEXT, { ...options, filePath: path.join(dir, "Dockerfile.dockerignore") })).toEqual([]);
    expect(await eslint.isPathIgnored(path.join(dir, "Dockerfile.dockerignore"))).toBe(true);
    expect(await eslint.isPathIgnored(path.join(dir, "notes.txt"))).toBe(true);
  });

  it("fixes carry ranges inside the text, and each one applied alone still lints cleanly for its rule", async () => {
    const result = await lint(TEXT);
    const fixable = result.messages.filter((message) => message.fix !== undefined);
    expect(fixable.length).toBeGreaterThanOrEqual(1 + EXTRA_FIXERS.length - 1);
    for (const message of fixable) {
      const fix = message.fix;
      if (!fix) continue;
      expect(fix.range[0]).toBeGreaterThanOrEqual(0);
      expect(fix.range[1]).toBeLessThanOrEqual(TEXT.length);
      expect(fix.range[0]).toBeLessThanOrEqual(fix.range[1]);
      const fixed = await lint(applyFix(TEXT, fix));
      expect(fixed.messages.filter((other) => other.fatal === true)).toEqual([]);
      expect(fixed.messages.filter((other) => other.ruleId === message.ruleId && other.line === message.line && other.column === message.column)).toEqual([]);
    }
  });

  it("suggestions are offered with a description and a fix range, and applying one resolves its finding", async () => {
    const result = await lint(TEXT);
    const suggesting = result.messages.filter((message) => (message.suggestions ?? []).length > 0);
    expect(suggesting.length).toBeGreaterThan(0);
    for (const message of suggesting) {
      for (const suggestion of message.suggestions ?? []) {
        expect(suggestion.desc).not.toBe("");
        expect(suggestion.fix.range[0]).toBeGreaterThanOrEqual(0);
        expect(suggestion.fix.range[1]).toBeLessThanOrEqual(TEXT.length);
        const applied = await lint(applyFix(TEXT, suggestion.fix));
        expect(applied.messages.filter((other) => other.fatal === true)).toEqual([]);
        expect(applied.messages.filter((other) => other.ruleId === message.ruleId && other.line === message.line && other.column === message.column)).toEqual([]);
      }
    }
  });

  it("fix all (lintText with fix: true) gives the same text as dockerfile-lint --fix on the file", async () => {
    const result = await lint(TEXT, "Dockerfile", { fix: true });
    expect(result.output).toBeDefined();
    expect(result.output).not.toBe(TEXT);
    const project = await makeProject({ "eslint.config.js": CONFIG, Dockerfile: TEXT });
    try {
      await mkdir(path.join(project, "node_modules"));
      await symlink(ROOT, path.join(project, "node_modules/eslint-plugin-dockerfile"), "dir");
      const { stderr } = await runCli(["--config", "eslint.config.js", "--fix", "Dockerfile"], { cwd: project });
      expect(stderr).toBe("");
      expect(await readFile(path.join(project, "Dockerfile"), "utf8")).toBe(result.output);
    } finally {
      await removeProject(project);
    }
    // What is left after fixing is only what has no automatic fix.
    const again = await lint(result.output ?? "");
    expect(again.messages.filter((message) => message.fix !== undefined)).toEqual([]);
    expect(again.output).toBeUndefined();
  });

  it("fixes keep the buffer's CRLF line endings", async () => {
    const crlf = TEXT.replace(/\n/gu, "\r\n");
    const result = await lint(crlf, "Dockerfile", { fix: true });
    expect(result.output).toBeDefined();
    expect(result.output?.replace(/\r\n/gu, "")).not.toContain("\n");
  });

  it("a buffer that is not on disk yet lints by its path alone", async () => {
    const result = await lint(TEXT, "new-service/Dockerfile");
    expect(result.messages.length).toBeGreaterThan(0);
  });
});
