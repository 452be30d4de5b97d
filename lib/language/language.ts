import type { File, Language, LanguageContext, OkParseResult, ParseResult } from "@eslint/core";
import { buildTree, PositionIndex, visitorKeys } from "./tree/index.js";
import type { DockerfileAstNode, DockerfileNode } from "./tree/index.js";
import { validateDockerfileLanguageOptions } from "./options.js";
import type { DockerfileLanguageOptions } from "./options.js";
import { DockerfileSourceCode } from "./source-code.js";

type DockerfileParseResult = OkParseResult<DockerfileNode> & { positions: PositionIndex };

/**
 * The longest text linted, in UTF-16 code units (256 KiB; the largest of 1,452
 * real Dockerfiles is 29 KB). dockerfile-ast's parse grows with stages ×
 * comments (every comment is tested against every stage), so a generated or
 * hostile file of megabytes would take minutes: such a file gets one message.
 */
export const MAX_DOCKERFILE_LENGTH = 256 * 1024;

const INSTRUCTION_TYPES = new Set([
  "From", "Run", "Cmd", "Entrypoint", "Shell", "Volume", "Copy", "Add", "Arg", "Env", "Label",
  "Healthcheck", "Onbuild", "Expose", "Workdir", "User", "Stopsignal", "Maintainer", "Unknown",
]);

export const dockerfileLanguage: Language<{
  LangOptions: DockerfileLanguageOptions;
  Code: DockerfileSourceCode;
  RootNode: DockerfileNode;
  Node: DockerfileAstNode;
}> = {
  fileType: "text",
  lineStart: 1,
  columnStart: 1,
  nodeTypeKey: "type",
  visitorKeys,
  defaultLanguageOptions: {},

  validateLanguageOptions: validateDockerfileLanguageOptions,

  /** `:instruction` selects every instruction node, whatever its kind. */
  matchesSelectorClass(className: string, node: DockerfileAstNode): boolean {
    return className === "instruction" && INSTRUCTION_TYPES.has(node.type);
  },

  parse(file: File): ParseResult<DockerfileNode> {
    const text = typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
    // Rules would only report the garbage of a binary file, one finding per "line": say what it is instead.
    const nul = text.indexOf("\u0000");
    if (nul >= 0) {
      const { line, column } = new PositionIndex(text).positionOf(nul);
      return { ok: false, errors: [{ message: "Not a Dockerfile: the file holds NUL bytes, so it is binary, not text.", line, column }] };
    }
    if (text.length > MAX_DOCKERFILE_LENGTH) {
      const size = `${text.length.toLocaleString("en-US")} characters`;
      return { ok: false, errors: [{ message: `File too large to lint: ${size}, over the limit of ${MAX_DOCKERFILE_LENGTH.toLocaleString("en-US")} (256 KiB).`, line: 1, column: 1 }] };
    }
    try {
      const { ast, index } = buildTree(text);
      const result: DockerfileParseResult = { ok: true, ast, positions: index };
      return result;
    } catch (error) {
      // One unreadable file must not abort a whole run.
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, errors: [{ message: `Could not parse the Dockerfile: ${message}`, line: 1, column: 1 }] };
    }
  },

  createSourceCode(file: File, input: OkParseResult<DockerfileNode>, context?: LanguageContext<DockerfileLanguageOptions>): DockerfileSourceCode {
    const text = typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
    return new DockerfileSourceCode({ text, ast: input.ast, positions: (input as DockerfileParseResult).positions, languageOptions: context?.languageOptions });
  },
};
