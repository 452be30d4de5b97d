/**
 * The README's config recipes, taken from the README itself and run by the
 * real ESLint CLI in a fresh project that has every kind of Dockerfile name,
 * a `Dockerfile.dockerignore`, JavaScript and TypeScript: the recipe that
 * changes one rule reaches exactly the files the presets lint, and the recipe
 * with `@eslint/js` and `typescript-eslint` lints code and Dockerfiles side by
 * side, with a block that sets JavaScript language options for every file.
 */
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, ensureBuilt, makeProject, parseJson, removeProject } from "../cli/helpers.js";
import type { JsonResult } from "../cli/helpers.js";

/** The js block after `<!-- recipe: name -->` in the README. */
async function recipe(name: string): Promise<string> {
  const readme = await readFile(path.join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf(`<!-- recipe: ${name} -->\n\`\`\`js\n`);
  expect(start, `README recipe ${name}`).toBeGreaterThanOrEqual(0);
  const code = readme.slice(readme.indexOf("\n", start) + "\n```js\n".length);
  return code.slice(0, code.indexOf("```"));
}

const TAGGED = "FROM node:20.11.1\nCMD [\"node\"]\n";

const FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "fresh", private: true, type: "module" }),
  Dockerfile: TAGGED,
  Containerfile: TAGGED,
  "api.dockerfile": TAGGED,
  "web.Dockerfile": TAGGED,
  "docker/Dockerfile.prod": TAGGED,
  "Containerfile.dev": TAGGED,
  "Dockerfile.dockerignore": "node_modules\n*.log\n",
  "src/app.js": "const unused = 1;\nexport const used = 2;\n",
  "src/app.ts": "export const value: any = 1;\n",
};

const DOCKERFILES = ["Containerfile", "Containerfile.dev", "Dockerfile", "api.dockerfile", "docker/Dockerfile.prod", "web.Dockerfile"];

function relative(dir: string, result: JsonResult): string {
  return path.relative(dir, result.filePath).split(path.sep).join("/");
}

function lint(dir: string): { status: number | null; stderr: string; results: JsonResult[] } {
  const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules/eslint/bin/eslint.js"), ".", "--format", "json"], {
    cwd: dir,
    encoding: "utf8",
  });
  return { status: run.status, stderr: run.stderr, results: run.stdout ? parseJson(run.stdout) : [] };
}

const dirs: string[] = [];

/** A project as `npm install` would leave it, without the network: the packages linked from this checkout. */
async function project(config: string): Promise<string> {
  const dir = await makeProject({ ...FILES, "eslint.config.js": config });
  dirs.push(dir);
  await mkdir(path.join(dir, "node_modules/@eslint"), { recursive: true });
  await symlink(ROOT, path.join(dir, "node_modules/eslint-plugin-dockerfile"), "dir");
  for (const name of ["eslint", "@eslint/js", "typescript-eslint"]) {
    await symlink(path.join(ROOT, "node_modules", name), path.join(dir, "node_modules", name), "dir");
  }
  return dir;
}

beforeAll(() => {
  ensureBuilt();
});

afterAll(async () => {
  for (const dir of dirs) await removeProject(dir);
});

describe("the README recipe that changes one rule", () => {
  let dir = "";
  let run: ReturnType<typeof lint>;
  beforeAll(async () => {
    dir = await project(await recipe("change-one-rule"));
    run = lint(dir);
  }, 120_000);

  it("runs without a config error beside a Dockerfile.dockerignore", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
  });

  it("applies the changed rule to every Dockerfile name the presets lint, and lints nothing else as a Dockerfile", () => {
    const byFile = new Map(run.results.map((result) => [relative(dir, result), result.messages.map((message) => message.ruleId)]));
    for (const file of DOCKERFILES) expect(byFile.get(file), file).toContain("dockerfile/pin-base-image");
    expect(byFile.has("Dockerfile.dockerignore")).toBe(false);
  });
});

describe("the README recipe with @eslint/js and typescript-eslint", () => {
  let dir = "";
  let run: ReturnType<typeof lint>;
  beforeAll(async () => {
    dir = await project(await recipe("javascript-and-typescript"));
    run = lint(dir);
  }, 120_000);

  it("runs without a config error, the JavaScript language options of a block without files included", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
  });

  it("lints code with the code presets and Dockerfiles with this plugin, each only with its own rules", () => {
    const byFile = new Map(run.results.map((result) => [relative(dir, result), result.messages.map((message) => message.ruleId)]));
    expect(byFile.get("src/app.js")).toEqual(["@typescript-eslint/no-unused-vars"]);
    expect(byFile.get("src/app.ts")).toEqual(["@typescript-eslint/no-explicit-any"]);
    for (const file of DOCKERFILES) {
      const ids = byFile.get(file) ?? [];
      expect(ids.every((id) => id?.startsWith("dockerfile/")), `${file}: ${ids.join(", ")}`).toBe(true);
    }
    expect(byFile.has("Dockerfile.dockerignore")).toBe(false);
  });

  it("shows that the scoping matters: the same presets spread without files fail on the Dockerfiles", async () => {
    const unscoped = (await recipe("javascript-and-typescript")).replace(
      /\{ files: \[[^\]]*\], extends: \[js\.configs\.recommended, tseslint\.configs\.recommended\] \},/u,
      "js.configs.recommended, tseslint.configs.recommended,",
    );
    expect(unscoped).not.toContain("extends");
    const bad = await project(unscoped);
    await writeFile(path.join(bad, "eslint.config.js"), unscoped);
    const failed = lint(bad);
    expect(failed.status).toBe(2);
    expect(failed.stderr).toMatch(/sourceCode\.getAllComments is not a function\nOccurred while linting \S*(?:Dockerfile|Containerfile|dockerfile)\S*\n/u);
  }, 120_000);
});
