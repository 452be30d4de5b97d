/** Which files are which kind, the presets' blocks, and rules kept to their languages. */
import { ESLint } from "eslint";
import * as yamlParser from "yaml-eslint-parser";
import os from "node:os";
import { describe, expect, it } from "vitest";
import { imageFileKind } from "../../lib/formats/index.js";
import plugin, { IMAGE_GLOBS } from "../../index.js";

describe("imageFileKind", () => {
  it.each([
    ["compose.yaml", "compose"],
    ["deploy/compose.yml", "compose"],
    ["compose.override.yaml", "compose"],
    ["docker-compose.yml", "compose"],
    ["docker-compose.prod.yaml", "compose"],
    [".github/workflows/ci.yml", "github-actions"],
    ["C:\\repo\\.github\\workflows\\release.yaml", "github-actions"],
    ["action.yml", "github-actions"],
    ["actions/setup/action.yaml", "github-actions"],
    [".gitlab-ci.yml", "gitlab-ci"],
    ["sub/.gitlab-ci.yaml", "gitlab-ci"],
    [".devcontainer/devcontainer.json", "devcontainer"],
    [".devcontainer.json", "devcontainer"],
    [".devcontainer/python/devcontainer.json", "devcontainer"],
    ["docker-bake.json", "bake"],
    ["docker-bake.override.json", "bake"],
  ])("%s is %s", (file, kind) => {
    expect(imageFileKind(file)).toBe(kind);
  });

  it.each(["composer.yaml", "values.yaml", ".github/dependabot.yml", ".github/workflows/notes.md", "devcontainer.json", "a/b/c/.devcontainer/x/y/devcontainer.json", "docker-bake.hcl", "compose.json"])(
    "%s is none",
    (file) => {
      expect(imageFileKind(file)).toBeNull();
    },
  );
});

describe("presets", () => {
  it.each(["recommended", "strict", "all"] as const)("%s has one named block per format, image rules only outside Dockerfiles", (name) => {
    const blocks = plugin.configs[name];
    expect(blocks.map((block) => block.name)).toEqual(
      [``, "/markdown", "/yaml", "/json", "/javascript", "/typescript"].map((part) => `dockerfile/${name}${part}`),
    );
    for (const block of blocks.slice(2)) {
      expect(Object.keys(block.rules ?? {}).sort()).toEqual(
        name === "all" ? ["dockerfile/allowed-registries", "dockerfile/pin-base-image"] : ["dockerfile/pin-base-image"],
      );
      expect(block.rules?.["dockerfile/pin-base-image"]).toEqual(blocks[0]?.rules?.["dockerfile/pin-base-image"]);
    }
    expect(blocks.slice(2).flatMap((block) => block.files)).toEqual(IMAGE_GLOBS);
  });

  it("every rule declares its languages: the image rules Dockerfile and JavaScript, the others Dockerfile only", () => {
    for (const [name, rule] of Object.entries(plugin.rules)) {
      const languages = (rule.meta as { languages?: string[] }).languages;
      expect(languages, name).toEqual(["pin-base-image", "allowed-registries"].includes(name) ? ["dockerfile/dockerfile", "js/js"] : ["dockerfile/dockerfile"]);
    }
  });

  it("ESLint refuses a Dockerfile rule on a YAML file, with a message that names it", async () => {
    const eslint = new ESLint({
      cwd: os.tmpdir(),
      overrideConfigFile: true,
      overrideConfig: [
        ...plugin.configs.recommended,
        { files: ["**/compose.yaml"], languageOptions: { parser: yamlParser }, rules: { "dockerfile/no-sudo": "error" } },
      ],
    });
    await expect(eslint.lintText("services: {}\n", { filePath: "compose.yaml" })).rejects.toThrow(/do not support the language "js\/js":\n\t- "dockerfile\/no-sudo"/u);
  });

  it("a plugin registered under another name keeps its languages", async () => {
    const eslint = new ESLint({
      cwd: os.tmpdir(),
      overrideConfigFile: true,
      overrideConfig: [{ files: ["**/Dockerfile"], plugins: { docker: plugin }, language: "docker/dockerfile", rules: { "docker/pin-base-image": "error" } }],
    });
    const [result] = await eslint.lintText("FROM ubuntu\n", { filePath: "Dockerfile" });
    expect(result?.messages.map((message) => message.ruleId)).toEqual(["docker/pin-base-image"]);
  });
});
