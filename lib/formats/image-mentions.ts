/**
 * Which finder reads a program of ESLint's JavaScript language: YAML and JSON
 * files by the kind their path says, anything else as code.
 */
import type { AST as YamlAST } from "yaml-eslint-parser";
import type { AST as JsonAST } from "jsonc-eslint-parser";
import type { TSESTree } from "@typescript-eslint/utils";
import type { ImageMention } from "../images/index.js";
import { imageFileKind } from "./file-kinds.js";
import { jsonImageMentions } from "./json-images.js";
import { yamlImageMentions } from "./yaml-images.js";
import { codeImageMentions } from "./code-images.js";
import type { ScopeSource } from "./code-images.js";

/** What the rules see of a source code of ESLint's JavaScript language, whatever its parser. */
export interface ParsedSource extends ScopeSource {
  text: string;
  ast: unknown;
  parserServices?: { isYAML?: boolean; isJSON?: boolean } | Record<string, unknown>;
}

/**
 * The images `source` names: YAML and JSON files by the kind their path
 * says (yaml-eslint-parser and jsonc-eslint-parser mark their trees), any
 * other program as JavaScript or TypeScript code.
 */
export function imageMentionsOf(source: ParsedSource, filename: string): ImageMention[] {
  const services = source.parserServices ?? {};
  const kind = imageFileKind(filename);
  if (services.isYAML === true) {
    if (kind !== "compose" && kind !== "github-actions" && kind !== "gitlab-ci") return [];
    return yamlImageMentions(source.ast as YamlAST.YAMLProgram, source.text, kind);
  }
  if (services.isJSON === true) {
    if (kind !== "devcontainer" && kind !== "bake") return [];
    return jsonImageMentions(source.ast as JsonAST.JSONProgram, source.text, kind);
  }
  const program = source.ast as { type?: string; body?: unknown };
  if (program.type !== "Program" || !Array.isArray(program.body)) return [];
  return codeImageMentions(source.ast as TSESTree.Program, source.text, source);
}
