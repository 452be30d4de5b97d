/**
 * eslint-plugin-dockerfile: a Dockerfile language for ESLint and rules about
 * the build cache and reproducibility.
 */
import type { ESLint, Linter } from "eslint";
import { dockerfileLanguage, honourPragmas, withStableListeners } from "./lib/language/index.js";
import { rules as ruleModules } from "./rules/index.js";
import { IMAGE_RULES, presetRules } from "./lib/presets.js";
import { packageInfo } from "./lib/package-info.js";
import {
  IMAGE_FILE_GLOBS,
  JAVASCRIPT_GLOBS,
  JSON_KINDS,
  TYPESCRIPT_GLOBS,
  YAML_KINDS,
  boundedJsonParser,
  boundedYamlParser,
  dockerfileBlocksProcessor,
  typescriptParser,
} from "./lib/formats/index.js";

const { name, version } = packageInfo;

/**
 * Wrapped so that pragmas act on findings where directives cannot (codes of
 * ShellCheck findings, quiet pragmas), and so that each rule registers the
 * same listener functions for every file (see lib/language/stable-listeners.ts).
 */
const rules = honourPragmas(Object.fromEntries(Object.entries(ruleModules).map(([name, rule]) => [name, withStableListeners(rule)])) as typeof ruleModules);

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

/** Compose, GitHub Actions and GitLab CI files. */
export const YAML_IMAGE_GLOBS = YAML_KINDS.flatMap((kind) => IMAGE_FILE_GLOBS[kind]);
/** Dev container and Bake JSON files. */
export const JSON_IMAGE_GLOBS = JSON_KINDS.flatMap((kind) => IMAGE_FILE_GLOBS[kind]);
export const MARKDOWN_GLOBS = ["**/*.md"];
/** Every file outside Dockerfiles where the image rules run: for a user block that sets their options. */
export const IMAGE_GLOBS = [...YAML_IMAGE_GLOBS, ...JSON_IMAGE_GLOBS, ...JAVASCRIPT_GLOBS, ...TYPESCRIPT_GLOBS];

/**
 * The parsers of other files are loaded when a file of theirs is linted; the
 * TypeScript parser needs the `typescript` package: without it the presets
 * leave TypeScript files alone rather than fail to load.
 */
const tsParser = typescriptParser();

const plugin = {
  // `namespace` lets ESLint match `meta.languages` when the plugin is registered under another name.
  meta: { name, version, namespace: "dockerfile" },
  languages: { dockerfile: dockerfileLanguage },
  rules,
  configs: {} as Record<"recommended" | "strict" | "all", Linter.Config[]>,
} satisfies ESLint.Plugin;

/**
 * One block per kind of file, each with its own `files`: the Dockerfile rules
 * only ever meet Dockerfiles (and the Dockerfile blocks of Markdown files);
 * YAML, JSON and code files get the image rules alone. Each block is named
 * (`dockerfile/recommended/yaml`, …) so a user can leave a format out.
 */
function preset(configName: "recommended" | "strict" | "all"): Linter.Config[] {
  const all = presetRules(configName, Object.keys(rules));
  const imageRules = Object.fromEntries(Object.entries(all).filter(([id]) => IMAGE_RULES.includes(id.replace("dockerfile/", ""))));
  const forImages = (part: string, files: string[], languageOptions?: Linter.LanguageOptions): Linter.Config => ({
    name: `dockerfile/${configName}/${part}`,
    files,
    plugins: { dockerfile: plugin },
    ...(languageOptions ? { languageOptions } : {}),
    rules: imageRules,
  });
  return [
    {
      name: `dockerfile/${configName}`,
      files: DOCKERFILE_GLOBS,
      ignores: DOCKERFILE_IGNORES,
      plugins: { dockerfile: plugin },
      language: "dockerfile/dockerfile",
      rules: all,
    },
    // Its ```dockerfile blocks become `README.md/0.dockerfile`, which the block above lints.
    { name: `dockerfile/${configName}/markdown`, files: MARKDOWN_GLOBS, processor: dockerfileBlocksProcessor },
    forImages("yaml", YAML_IMAGE_GLOBS, { parser: boundedYamlParser() }),
    forImages("json", JSON_IMAGE_GLOBS, { parser: boundedJsonParser() }),
    forImages("javascript", JAVASCRIPT_GLOBS),
    ...(tsParser ? [forImages("typescript", TYPESCRIPT_GLOBS, { parser: tsParser })] : []),
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
