/**
 * What a run loads: a Dockerfile-only run must not load the parsers of other
 * files (the TypeScript parser and `typescript` itself, Markdown, YAML, JSON),
 * which took most of a one-file run when they were loaded on start-up; a run
 * over such files loads each one it needs, and only then.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIST_INDEX, ROOT, ensureBuilt, makeProject, parseJson, removeProject, ruleIdsFor, runCli } from "./helpers.js";

/** Packages only other file kinds need, by the name of their folder under node_modules. */
const OTHER_KINDS = ["typescript", "@typescript-eslint/parser", "@typescript-eslint/typescript-estree", "@typescript-eslint/utils", "@eslint/markdown", "micromark", "yaml", "yaml-eslint-parser", "jsonc-eslint-parser"];

let hooks: string;

/** Every module file a run loaded, CommonJS (Module._load) and ES modules (a load hook), by package; `own` the files of dist/. */
async function loadedPackages(args: string[], cwd: string): Promise<{ packages: Set<string>; own: Set<string>; stdout: string }> {
  const log = path.join(hooks, `loaded-${String(Date.now())}-${String(Math.random()).slice(2)}.txt`);
  const { stdout } = await runCli(args, {
    cwd,
    env: { NODE_OPTIONS: `--require ${path.join(hooks, "cjs.cjs")} --import ${pathToFileURL(path.join(hooks, "register.mjs")).href}`, LOADED_LOG: log },
  });
  const packages = new Set<string>();
  const own = new Set<string>();
  const dist = pathToFileURL(path.join(ROOT, "dist")).href + "/";
  for (const line of readFileSync(log, "utf8").split("\n")) {
    if (line.startsWith(dist)) own.add(line.slice(dist.length).split("?")[0] ?? "");
    const match = /node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)[/\\](?!package\.json$)/u.exec(line);
    if (match?.[1]) packages.add(match[1].replace("\\", "/"));
  }
  return { packages, own, stdout };
}

beforeAll(async () => {
  ensureBuilt();
  hooks = await makeProject({
    "cjs.cjs": [
      'const Module = require("node:module");',
      'const { appendFileSync } = require("node:fs");',
      "const load = Module._load;",
      "Module._load = function (request, parent, isMain) {",
      "  const loaded = load.apply(this, arguments);",
      '  try { appendFileSync(process.env.LOADED_LOG, Module._resolveFilename(request, parent, isMain) + "\\n"); } catch {}',
      "  return loaded;",
      "};",
    ].join("\n"),
    "hooks.mjs": [
      'import { appendFileSync } from "node:fs";',
      "export async function load(url, context, next) {",
      "  const result = await next(url, context);",
      '  appendFileSync(process.env.LOADED_LOG, url + "\\n");',
      "  return result;",
      "}",
    ].join("\n"),
    "register.mjs": 'import { register } from "node:module";\nregister(new URL("./hooks.mjs", import.meta.url));\n',
  });
}, 120_000);

afterAll(async () => {
  await removeProject(hooks);
});

describe("start-up", () => {
  it("a Dockerfile run loads no parser of other files", async () => {
    const dir = await makeProject({ Dockerfile: "FROM ubuntu\nRUN sudo make\n" });
    try {
      const { packages, stdout } = await loadedPackages(["--preset", "all", "--format", "json", "Dockerfile"], dir);
      // The run did lint: its findings are there, and dockerfile-ast and ESLint were loaded.
      expect(ruleIdsFor(parseJson(stdout), dir, "Dockerfile")).toContain("dockerfile/no-sudo");
      expect(packages).toContain("dockerfile-ast");
      expect(packages).toContain("eslint");
      expect(OTHER_KINDS.filter((name) => packages.has(name))).toEqual([]);
    } finally {
      await removeProject(dir);
    }
  }, 120_000);

  it("the build loads a handful of bundled files, not one module per source file", async () => {
    const dir = await makeProject({ Dockerfile: "FROM ubuntu\nRUN sudo make\n" });
    try {
      const { own, stdout } = await loadedPackages(["--format", "json", "Dockerfile"], dir);
      expect(ruleIdsFor(parseJson(stdout), dir, "Dockerfile")).toContain("dockerfile/no-sudo");
      expect(own).toContain("bin/dockerfile-lint.js");
      // The sources are about 140 modules; bundled, a run loads the bin, the command and the chunks they share.
      expect(own.size).toBeLessThanOrEqual(8);
      expect([...own].filter((file) => file.startsWith("rules/") || file.startsWith("lib/language/"))).toEqual([]);
    } finally {
      await removeProject(dir);
    }
  }, 120_000);

  it("a TypeScript, a Markdown and a Compose file load their parsers when the presets lint them", async () => {
    const dir = await makeProject({
      "eslint.config.js": `import plugin from ${JSON.stringify(pathToFileURL(DIST_INDEX).href)};\nexport default plugin.configs.all;\n`,
      "package.json": '{ "type": "module" }\n',
      "app.test.ts": 'import { GenericContainer } from "testcontainers";\nconst n: number = 1;\nnew GenericContainer("redis");\n',
      "guide.md": "# Guide\n\n```dockerfile\nFROM ubuntu\n```\n",
      "compose.yaml": "services:\n  db:\n    image: postgres\n",
    });
    try {
      const { packages, stdout } = await loadedPackages(["--config", "eslint.config.js", "--format", "json", "app.test.ts", "guide.md", "compose.yaml"], dir);
      const results = parseJson(stdout);
      expect(["app.test.ts", "guide.md", "compose.yaml"].map((file) => ruleIdsFor(results, dir, file))).toEqual([
        ["dockerfile/pin-base-image"],
        ["dockerfile/pin-base-image"],
        ["dockerfile/pin-base-image"],
      ]);
      expect(["typescript", "@typescript-eslint/parser", "@eslint/markdown", "yaml-eslint-parser"].filter((name) => !packages.has(name))).toEqual([]);
    } finally {
      await removeProject(dir);
    }
  }, 120_000);
});
