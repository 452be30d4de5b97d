/**
 * Dockerfile code blocks of Markdown files, through @eslint/markdown's own
 * processor (so line numbers and fixes map back as it maps them), keeping
 * only ```dockerfile blocks: code blocks of other languages stay unlinted,
 * as they were before this plugin was added.
 */
import type { Linter } from "eslint";
import { packageInfo } from "../package-info.js";
import { loadOnUse } from "../loading/index.js";

/** @eslint/markdown and micromark are loaded for the first Markdown file with a Dockerfile block. */
const markdownPlugin = loadOnUse("@eslint/markdown") as () => typeof import("@eslint/markdown");
const inner = (): Linter.Processor => markdownPlugin().default.processors.markdown;

const DOCKERFILE_BLOCK = /^\d+\.(?:dockerfile|containerfile)$/iu;

/** For each Markdown file being linted, which of the processor's blocks were kept; none when it did not run. */
const kept = new Map<string, number[] | null>();

/**
 * The processor turns `<!-- eslint-disable -->` before a block into a
 * `/* eslint-disable *\/` line, JavaScript's comment; a Dockerfile comment is `#`.
 */
function dockerfileComments(text: string): string {
  let out = "";
  let rest = text;
  while (rest.startsWith("/*")) {
    const end = rest.indexOf("*/\n");
    if (end < 0) break;
    out += `${rest
      .slice(2, end)
      .split("\n")
      .map((line) => `# ${line}`)
      .join("\n")}\n`;
    rest = rest.slice(end + 3);
  }
  return out + rest;
}

/**
 * Whether the text may hold a ```dockerfile block. Without one the Markdown
 * parser is not run: its time grows with the square of nesting depth (`>`
 * 10,000 deep took seconds), and a file without a block has nothing to lint.
 */
const MAY_HAVE_BLOCK = /(?:`{3}|~{3})[\t ]*(?:docker|container)file/iu;

function preprocess(text: string, filename: string): (string | Linter.ProcessorFile)[] {
  if (!MAY_HAVE_BLOCK.test(text)) {
    kept.set(filename, null);
    return [text];
  }
  const blocks = inner().preprocess?.(text, filename) ?? [];
  const indexes: number[] = [];
  const files: Linter.ProcessorFile[] = [];
  blocks.forEach((block, index) => {
    if (typeof block === "string") return;
    const [, language] = /^\d+\.(.+)$/u.exec(block.filename) ?? [];
    if (!DOCKERFILE_BLOCK.test(block.filename)) return;
    indexes.push(index);
    files.push({ filename: `${index}.${(language ?? "").toLowerCase()}`, text: dockerfileComments(block.text) });
  });
  kept.set(filename, indexes);
  // The Markdown text itself goes on to whatever language the user's config gives `.md` files.
  return [text, ...files];
}

function postprocess(messages: Linter.LintMessage[][], filename: string): Linter.LintMessage[] {
  const found = kept.get(filename);
  const indexes = found ?? [];
  kept.delete(filename);
  const [own = [], ...fromBlocks] = messages;
  // With no language for `.md` in the config, ESLint parses the text as JavaScript: that says nothing about it.
  const markdownMessages = own.filter((message) => !(message.fatal && message.ruleId === null && /^Parsing error/u.test(message.message)));
  const byBlock: Linter.LintMessage[][] = [];
  const count = indexes.length === 0 ? 0 : Math.max(...indexes) + 1;
  for (let i = 0; i < count; i++) byBlock.push([]);
  indexes.forEach((index, i) => {
    byBlock[index] = fromBlocks[i] ?? [];
  });
  return [...markdownMessages, ...(found ? (inner().postprocess?.(byBlock, filename) ?? []) : [])];
}

export const dockerfileBlocksProcessor: Linter.Processor = {
  meta: { name: `${packageInfo.name}/markdown`, version: packageInfo.version },
  preprocess,
  postprocess,
  supportsAutofix: true,
};
