/**
 * The YAML and JSON parsers of image files, with a size limit. The `yaml`
 * package under yaml-eslint-parser checks every mapping key against the keys
 * before it and resolves every alias by walking the whole document, so its
 * time grows with the square of the keys of one mapping, or of the aliases:
 * a 300 KB Compose file with 10,000 services took 7 s. Real Compose, workflow
 * and GitLab CI files are a few KB; past the limit a file gets one parsing
 * error instead of a hang. jsonc-eslint-parser is linear: its limit is the
 * Dockerfile's.
 */
import type { Linter } from "eslint";
import { packageInfo } from "../package-info.js";

export const MAX_YAML_LENGTH = 256 * 1024;
export const MAX_JSON_LENGTH = 1024 * 1024;

/** Method syntax: each parser's own options type is accepted. */
interface Parser {
  parseForESLint(code: string, options?: object): unknown;
}

/** `parser`, refusing texts longer than `maxLength` characters with one message. */
export function boundedParser(parser: Parser, maxLength: number, what: string): Linter.Parser {
  const limit = `${maxLength.toLocaleString("en-US")} (${maxLength / 1024} KiB)`;
  return {
    ...parser,
    meta: { name: `${packageInfo.name}/${what}`, version: packageInfo.version },
    parseForESLint(code: string, options?: object) {
      if (code.length > maxLength) {
        throw Object.assign(new Error(`File too large to lint: ${code.length.toLocaleString("en-US")} characters of ${what}, over the limit of ${limit}.`), { lineNumber: 1, column: 1 });
      }
      return parser.parseForESLint(code, options);
    },
  } as Linter.Parser;
}

/** yaml-eslint-parser and jsonc-eslint-parser with their limits. */
export const boundedYamlParser = (parser: Parser): Linter.Parser => boundedParser(parser, MAX_YAML_LENGTH, "YAML");
export const boundedJsonParser = (parser: Parser): Linter.Parser => boundedParser(parser, MAX_JSON_LENGTH, "JSON");
