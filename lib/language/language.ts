import type { File, Language, LanguageContext, OkParseResult, ParseResult } from "@eslint/core";
import { buildTree, PositionIndex, visitorKeys } from "./tree/index.js";
import type { DockerfileAstNode, DockerfileNode } from "./tree/index.js";
import { validateDockerfileLanguageOptions } from "./options.js";
import type { DockerfileLanguageOptions } from "./options.js";
import { DockerfileSourceCode } from "./source-code.js";

type DockerfileParseResult = OkParseResult<DockerfileNode> & { positions: PositionIndex };

/**
 * The longest text linted, in UTF-16 code units (1 MiB; the largest of 1,452
 * real Dockerfiles is 29 KB). Past it a file gets one message instead of a
 * parse and rules whose cost grows with the file.
 */
export const MAX_DOCKERFILE_LENGTH = 1024 * 1024;

/**
 * dockerfile-ast files each comment under its stage by testing it against
 * every stage (organizeComments), so its parse grows with stages × comments:
 * 3,000 stages and as many comments cost 0.7 s, a 10 MB concatenation of
 * Dockerfiles minutes. Real files stay below 100 stages × 1,000 comments.
 */
export const MAX_STAGES_TIMES_COMMENTS = 4_000_000;

/**
 * A stage line takes at least 5 characters with its line end (`FROM` and a
 * line break) and a comment line 2 (`#` and one), the last line maybe one
 * less, so a text of n characters has at most (n + 1)²/40 stages × comments:
 * below this length it cannot pass the limit, and is not counted.
 */
const SHORTEST_TEXT_OVER_LIMIT = Math.floor(Math.sqrt(40 * MAX_STAGES_TIMES_COMMENTS));

/** Lines that start a stage and comment lines, counted in one pass (continuations aside: an estimate from above). */
function stagesAndComments(text: string): { stages: number; comments: number } {
  let stages = 0;
  let comments = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || ch === 13) {
      lineStart = true;
      continue;
    }
    if (!lineStart || ch === 32 || ch === 9) continue;
    lineStart = false;
    if (ch === 35) comments++;
    else if ((ch | 32) === 102 && (text.charCodeAt(i + 1) | 32) === 114 && (text.charCodeAt(i + 2) | 32) === 111 && (text.charCodeAt(i + 3) | 32) === 109) stages++;
  }
  return { stages, comments };
}

function tooLarge(text: string): string | null {
  if (text.length > MAX_DOCKERFILE_LENGTH) {
    return `File too large to lint: ${text.length.toLocaleString("en-US")} characters, over the limit of ${MAX_DOCKERFILE_LENGTH.toLocaleString("en-US")} (1 MiB).`;
  }
  if (text.length + 1 < SHORTEST_TEXT_OVER_LIMIT) return null;
  const { stages, comments } = stagesAndComments(text);
  if (stages * comments > MAX_STAGES_TIMES_COMMENTS) {
    return `File too large to lint: ${stages.toLocaleString("en-US")} stages × ${comments.toLocaleString("en-US")} comments, over the parser's limit of ${MAX_STAGES_TIMES_COMMENTS.toLocaleString("en-US")}.`;
  }
  return null;
}

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
    const refusal = tooLarge(text);
    if (refusal !== null) return { ok: false, errors: [{ message: refusal, line: 1, column: 1 }] };
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
