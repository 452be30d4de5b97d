/**
 * The flat config `dockerfile-lint` runs with when no `--config` is given:
 * the chosen preset, the `.gitignore` of the current directory as global
 * ignores, a block for files named on the command line, and `--rule`.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Linter } from "eslint";
import * as eslintConfig from "eslint/config";
import plugin from "../../index.js";
import { UsageError } from "./errors.js";
import type { Preset } from "./options.js";
import { IMAGE_RULES } from "../presets.js";
import { YAML_KINDS, imageFileKind } from "../formats/index.js";
import type { HadolintTranslation } from "../compat/index.js";

/**
 * ESLint's own `includeIgnoreFile` (exported by `eslint/config` in ESLint 10)
 * reads `.gitignore` the way ESLint documents. An older ESLint 9 may lack
 * it, so `gitignorePattern` below does the same conversion.
 */
const includeIgnoreFile = (eslintConfig as Partial<typeof eslintConfig>).includeIgnoreFile;

/** A `.gitignore` line as a flat-config `ignores` pattern (ESLint's `convertIgnorePatternToMinimatch`). */
export function gitignorePattern(line: string): string {
  const negated = line.startsWith("!") ? "!" : "";
  const body = (negated ? line.slice(1) : line).trimEnd();
  if (["", "**", "/**", "**/"].includes(body)) return negated + body;
  const slash = body.indexOf("/");
  // No slash, or only a trailing one: the name matches at any depth.
  const anywhere = slash < 0 || slash === body.length - 1 ? "**/" : "";
  const rooted = slash === 0 ? body.slice(1) : body;
  // `{` and `(` are plain characters in .gitignore but syntax in minimatch.
  const escaped = rooted.replace(/(?<!\\)[({]/gu, "\\$&");
  return negated + anywhere + escaped + (body.endsWith("/**") ? "/*" : "");
}

/** The `.gitignore` of `dir`, whose patterns the zero-config run applies. */
export function gitignoreFile(dir: string): string {
  return path.join(dir, ".gitignore");
}

/** The `.gitignore` of `dir` as a global-ignores block, or nothing when there is none. */
export function gitignoreConfig(dir: string): Linter.Config | undefined {
  const file = gitignoreFile(dir);
  if (!existsSync(file)) return undefined;
  const name = "dockerfile-lint/.gitignore";
  if (includeIgnoreFile) {
    return { ...includeIgnoreFile(file), name, basePath: dir };
  }
  const ignores = readFileSync(file, "utf8")
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map(gitignorePattern);
  return { name, ignores, basePath: dir };
}

/** Rule names `--rule` may set without `--config`: the plugin's own. */
function checkRuleNames(rules: Record<string, unknown>): void {
  for (const name of Object.keys(rules)) {
    const short = name.startsWith("dockerfile/") ? name.slice("dockerfile/".length) : undefined;
    if (short === undefined || !Object.hasOwn(plugin.rules, short)) {
      throw new UsageError(`unknown rule '${name}' in --rule: rules are named 'dockerfile/<rule>'`);
    }
  }
}

export interface ZeroConfigInput {
  preset: Preset;
  rules: Record<string, unknown>;
  /** Patterns (from `exactPatterns`) of the files linted whatever their names. */
  namedFiles: string[];
  /** The directory whose `.gitignore` applies, or `undefined` for none. */
  gitignoreDir: string | undefined;
  /** Settings from a `.hadolint.yaml` of the working directory. */
  hadolint?: HadolintTranslation | undefined;
}

/** A translated `.hadolint.yaml` as a config block scoped like `block`. */
function hadolintBlock(hadolint: HadolintTranslation, scope: Linter.Config): Linter.Config {
  const rules: Linter.RulesRecord = {};
  for (const [name, entry] of Object.entries(hadolint.rules)) rules[`dockerfile/${name}`] = entry;
  return {
    name: "dockerfile-lint/.hadolint.yaml",
    ...(scope.files ? { files: scope.files } : {}),
    ...(scope.ignores ? { ignores: scope.ignores } : {}),
    ...(Object.keys(hadolint.languageOptions).length > 0 ? { languageOptions: hadolint.languageOptions } : {}),
    rules,
  };
}

function imageRulesOf(rules: Linter.RulesRecord): Linter.RulesRecord {
  return Object.fromEntries(Object.entries(rules).filter(([id]) => IMAGE_RULES.includes(id.slice("dockerfile/".length))));
}

/**
 * Named files by the preset block that reads them: a Compose file, workflow,
 * dev container file… by its kind, a Markdown file through its processor,
 * anything else as a Dockerfile, whatever its name. The patterns are escaped
 * paths, which keep the names that tell a kind.
 */
function namedByBlock(blocks: readonly Linter.Config[], named: readonly string[]): Map<Linter.Config, string[]> {
  const byBlock = new Map<Linter.Config, string[]>();
  const [dockerfileBlock] = blocks;
  if (!dockerfileBlock) return byBlock;
  const blockNamed = (part: string) => blocks.find((block) => block.name?.endsWith(`/${part}`)) ?? dockerfileBlock;
  for (const file of named) {
    const kind = imageFileKind(file);
    const block =
      kind === null
        ? /\.md$/iu.test(file)
          ? blockNamed("markdown")
          : dockerfileBlock
        : blockNamed((YAML_KINDS as readonly string[]).includes(kind) ? "yaml" : "json");
    byBlock.set(block, [...(byBlock.get(block) ?? []), file]);
  }
  return byBlock;
}

/** The config array for `overrideConfig`, used with `overrideConfigFile: true`. */
export function zeroConfig(input: ZeroConfigInput): Linter.Config[] {
  checkRuleNames(input.rules);
  const presetBlocks = plugin.configs[input.preset];
  const configs: Linter.Config[] = [...presetBlocks];

  if (input.gitignoreDir !== undefined) {
    // ESLint's default ignores `.git/` only at the top of its cwd, which is a parent when a path is outside.
    configs.push({ name: "dockerfile-lint/.git", ignores: ["**/.git/"] });
    const gitignore = gitignoreConfig(input.gitignoreDir);
    if (gitignore) configs.push(gitignore);
  }

  // hadolint reads Dockerfiles only, so its settings stay in the Dockerfile block's scope.
  const dockerfileBlock = presetBlocks[0];
  if (input.hadolint && dockerfileBlock) configs.push(hadolintBlock(input.hadolint, dockerfileBlock));

  const named = input.namedFiles;
  for (const [block, files] of namedByBlock(presetBlocks, named)) {
    // The preset's `ignores` (`*.dockerignore`) must not undo naming a file.
    const forNamed: Linter.Config = { ...block, name: `${block.name ?? "dockerfile"} (named files)`, files };
    delete forNamed.ignores;
    configs.push(forNamed);
    if (input.hadolint && block === dockerfileBlock) configs.push(hadolintBlock(input.hadolint, { files }));
  }

  if (Object.keys(input.rules).length > 0) {
    const rules = input.rules as Linter.RulesRecord;
    // Scoped like the preset, so that the block alone never makes another file lintable;
    // outside Dockerfiles only the image rules may run.
    for (const block of presetBlocks) {
      if (!block.rules) continue;
      const scoped = block === dockerfileBlock ? rules : imageRulesOf(rules);
      if (Object.keys(scoped).length === 0) continue;
      configs.push({
        name: "dockerfile-lint/--rule",
        ...(block.files ? { files: block.files } : {}),
        ...(block.ignores ? { ignores: block.ignores } : {}),
        rules: scoped,
      });
    }
    for (const [block, files] of namedByBlock(presetBlocks, named)) {
      const scoped = block === dockerfileBlock ? rules : imageRulesOf(rules);
      if (block.rules && Object.keys(scoped).length > 0) configs.push({ name: "dockerfile-lint/--rule (named files)", files, rules: scoped });
    }
  }
  return configs;
}

/** With `--config`, the project's config decides; `--rule` still applies on top, as in ESLint. */
export function userConfigOverrides(rules: Record<string, unknown>): Linter.Config[] {
  return Object.keys(rules).length > 0 ? [{ name: "dockerfile-lint/--rule", rules: rules as Linter.RulesRecord }] : [];
}
