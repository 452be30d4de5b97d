/**
 * The YAML and JSON parsers of image files, with a size limit, loaded on
 * first use. The `yaml` package under yaml-eslint-parser checks every mapping
 * key against the keys before it and resolves every alias by walking the
 * whole document, so its time grows with the square of the keys of one
 * mapping, or of the aliases: a 300 KB Compose file with 10,000 services took
 * 7 s. Real Compose, workflow and GitLab CI files are a few KB; past the limit
 * a file gets one parsing error instead of a hang. jsonc-eslint-parser is
 * linear: its limit is the Dockerfile's.
 */
import type { Linter } from "eslint";
import { packageInfo } from "../package-info.js";
import { loadOnUse, packageVersion, resolvable } from "../loading/index.js";

export const MAX_YAML_LENGTH = 256 * 1024;
export const MAX_JSON_LENGTH = 1024 * 1024;

/** Method syntax: each parser's own options type is accepted. */
interface Parser {
  parseForESLint(code: string, options?: object): unknown;
}

/** A parser whose module is loaded when ESLint first parses a file with it. */
export function parserOnUse(specifier: string, meta: { name: string; version: string }): Linter.Parser {
  const parser = loadOnUse(specifier) as () => Parser;
  return { meta, parseForESLint: (code: string, options?: object) => parser().parseForESLint(code, options) } as Linter.Parser;
}

/** `parser`, refusing texts longer than `maxLength` characters with one message. */
export function boundedParser(parser: Parser, maxLength: number, what: string): Linter.Parser {
  return {
    ...parser,
    meta: { name: `${packageInfo.name}/${what}`, version: packageInfo.version },
    parseForESLint(code: string, options?: object) {
      if (code.length > maxLength) {
        // Formatted here only: the first toLocaleString() of a process loads ICU's data, which costs a start-up.
        const limit = `${maxLength.toLocaleString("en-US")} (${maxLength / 1024} KiB)`;
        throw Object.assign(new Error(`File too large to lint: ${code.length.toLocaleString("en-US")} characters of ${what}, over the limit of ${limit}.`), { lineNumber: 1, column: 1 });
      }
      return parser.parseForESLint(code, options);
    },
  } as Linter.Parser;
}

const onUse = (name: string): Linter.Parser => parserOnUse(name, { name, version: packageVersion(name) });

/** yaml-eslint-parser and jsonc-eslint-parser with their limits. */
export const boundedYamlParser = (parser: Parser = onUse("yaml-eslint-parser") as Parser): Linter.Parser => boundedParser(parser, MAX_YAML_LENGTH, "YAML");
export const boundedJsonParser = (parser: Parser = onUse("jsonc-eslint-parser") as Parser): Linter.Parser => boundedParser(parser, MAX_JSON_LENGTH, "JSON");

/**
 * @typescript-eslint/parser, or null when it or the `typescript` package it
 * needs is not installed: the presets then leave TypeScript files alone.
 */
export function typescriptParser(): Linter.Parser | null {
  const name = "@typescript-eslint/parser";
  if (!resolvable(name, "typescript")) return null;
  return parserOnUse(name, { name: "typescript-eslint/parser", version: packageVersion(name) });
}
