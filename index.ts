/**
 * eslint-plugin-dockerfile: a Dockerfile language for ESLint and rules about
 * the build cache and reproducibility.
 */
import type { ESLint, Linter } from "eslint";
import { dockerfileLanguage } from "./lib/language/index.js";
import { rules } from "./rules/index.js";
import { presetRules } from "./lib/presets.js";
import { packageInfo } from "./lib/package-info.js";

const { name, version } = packageInfo;

/** Every file name Docker and Podman builds read by default, and the usual variants. */
export const DOCKERFILE_GLOBS = [
  "**/Dockerfile",
  "**/Dockerfile.*",
  "**/*.Dockerfile",
  "**/*.dockerfile",
  "**/Containerfile",
  "**/Containerfile.*",
];

/** `Dockerfile.*` would also match `Dockerfile.dockerignore`. */
export const DOCKERFILE_IGNORES = ["**/*.dockerignore"];

const plugin = {
  meta: { name, version },
  languages: { dockerfile: dockerfileLanguage },
  rules,
  configs: {} as Record<"recommended" | "strict" | "all", Linter.Config[]>,
} satisfies ESLint.Plugin;

function preset(configName: "recommended" | "strict" | "all"): Linter.Config[] {
  return [
    {
      name: `dockerfile/${configName}`,
      files: DOCKERFILE_GLOBS,
      ignores: DOCKERFILE_IGNORES,
      plugins: { dockerfile: plugin },
      language: "dockerfile/dockerfile",
      rules: presetRules(configName, Object.keys(rules)),
    },
  ];
}

plugin.configs.recommended = preset("recommended");
plugin.configs.strict = preset("strict");
plugin.configs.all = preset("all");

export default plugin;
// Named exports too, for tools that load the module namespace as the plugin
// (require() of an ES module, eslint-doc-generator).
export const { meta, languages, configs } = plugin;
export { rules, dockerfileLanguage };
export type { DockerfileRuleDefinition, DockerfileRuleVisitor } from "./lib/language/index.js";
export type * from "./lib/language/index.js";
