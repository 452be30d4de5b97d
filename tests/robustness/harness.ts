/**
 * The robustness properties every Dockerfile must satisfy, whatever its text:
 * shared by the fuzz test and the regression cases it found.
 *
 * - linting with `configs.all` (shellcheck aside, see ALL_CONFIG) never throws and gives no fatal message;
 * - every reported position lies inside the text;
 * - every fix applies cleanly: the fixed text reparses to the same number of
 *   instructions (one fewer per RUN that `apt-update-with-install` merged into
 *   the one before), and a second fix pass changes nothing;
 * - fixes lose nothing: every comment and every heredoc of the text is still
 *   there after them (a COPY or ADD heredoc, file content, byte for byte; a
 *   RUN heredoc is a script that fixes may edit);
 * - every suggestion, applied alone, leaves text that lints without a fatal message.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Linter } from "eslint";
import plugin from "../../index.js";
import { buildTree, LINE_BREAK } from "../../lib/language/tree/index.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CORPUS_DIR = path.resolve(ROOT, "../shared/corpus/files");

function onAnyFile(rules: Linter.RulesRecord): Linter.Config[] {
  return [...plugin.configs.all, { files: ["**/*"], plugins: { dockerfile: plugin }, language: "dockerfile/dockerfile", rules }];
}

/**
 * Every rule as an error, on any file name, but `shellcheck`: it would start
 * ShellCheck for every generated file, and it has its own suites against the
 * real binary (tests/rules/shellcheck.test.ts, tests/shellcheck/).
 */
export const ALL_CONFIG: Linter.Config[] = onAnyFile({ ...(plugin.configs.all[0]?.rules ?? {}), "dockerfile/shellcheck": "off" });

/** `shellcheck` alone, for the same properties on fewer files (tests/shellcheck/robustness.test.ts). */
export const SHELLCHECK_CONFIG: Linter.Config[] = onAnyFile({ "dockerfile/shellcheck": "error" });

const FILENAME = "Dockerfile";
const linter = new Linter({ configType: "flat" });

/** Lints and rethrows with the text attached, so a failing case can be replayed. */
export function lint(text: string, config: Linter.Config[] = ALL_CONFIG): Linter.LintMessage[] {
  return linter.verify(text, config, { filename: FILENAME });
}

export function lintAndFix(text: string, config: Linter.Config[] = ALL_CONFIG): Linter.FixReport {
  return linter.verifyAndFix(text, config, { filename: FILENAME });
}

export function instructionCount(text: string): number {
  return buildTree(text).ast.body.length;
}

/** What a fix must not lose: comment texts, and heredocs (with the body where it is file content). */
function keptParts(text: string): string[] {
  const { ast } = buildTree(text);
  // ESLint's own directives are its to remove: an unused `# eslint-disable` goes with --fix.
  const comments = ast.comments.filter((comment) => !/^\s*eslint-(?:disable|enable)/u.test(comment.value));
  const parts = comments.map((comment) => `comment ${comment.value.trim()}`);
  for (const node of ast.body) {
    if (!("heredocs" in node)) continue;
    for (const heredoc of node.heredocs) {
      parts.push(node.type === "Run" ? `heredoc ${heredoc.name} in a RUN` : `heredoc ${heredoc.name}: ${JSON.stringify(heredoc.content)}`);
    }
  }
  return parts;
}

/** Throws when `fixed` lacks a comment or heredoc of `text` (counted: two equal comments must stay two). */
export function assertNothingLost(text: string, fixed: string): void {
  const remaining = new Map<string, number>();
  for (const part of keptParts(fixed)) remaining.set(part, (remaining.get(part) ?? 0) + 1);
  for (const part of keptParts(text)) {
    const left = remaining.get(part) ?? 0;
    if (left === 0) throw new Error(`fixes lost a part of the text: ${part.slice(0, 200)};\ntext:\n${JSON.stringify(text)}\nfixed text:\n${JSON.stringify(fixed)}`);
    remaining.set(part, left - 1);
  }
}

function fatalMessages(messages: readonly Linter.LintMessage[]): string[] {
  return messages
    // Messages without a rule but not fatal are about directive comments (`# eslint-disable` unused, bad `# eslint` config): the user's to fix.
    .filter((message) => message.fatal === true)
    .map((message) => `${message.line}:${message.column} ${message.message}`);
}

function assertNoFatal(messages: readonly Linter.LintMessage[], what: string): void {
  const fatal = fatalMessages(messages);
  if (fatal.length > 0) throw new Error(`${what}: fatal message(s): ${fatal.join("; ")}`);
}

function assertPositions(text: string, messages: readonly Linter.LintMessage[]): void {
  const lengths = text.split(LINE_BREAK).map((line) => line.length);
  const inside = (line: number, column: number): boolean =>
    Number.isInteger(line) && Number.isInteger(column) && line >= 1 && line <= lengths.length && column >= 1 && column <= (lengths[line - 1] ?? 0) + 1;
  for (const message of messages) {
    const where = `${message.ruleId ?? "?"} at ${message.line}:${message.column}-${message.endLine ?? "?"}:${message.endColumn ?? "?"}`;
    if (!inside(message.line, message.column)) throw new Error(`${where}: start lies outside the text`);
    if (message.endLine === undefined || message.endColumn === undefined) continue;
    if (!inside(message.endLine, message.endColumn)) throw new Error(`${where}: end lies outside the text`);
    if (message.endLine < message.line || (message.endLine === message.line && message.endColumn < message.column)) {
      throw new Error(`${where}: end comes before start`);
    }
    for (const fix of [message.fix, ...(message.suggestions ?? []).map((suggestion) => suggestion.fix)]) {
      if (!fix) continue;
      const [start, end] = fix.range;
      if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length)) {
        throw new Error(`${where}: fix range [${start}, ${end}] lies outside the text (length ${text.length})`);
      }
    }
  }
}

/** A binary file (one with a NUL byte) gets one fatal message that says so, and nothing else. */
function checkBinary(text: string): void {
  const messages = lint(text);
  if (messages.length !== 1 || messages[0]?.fatal !== true || !messages[0].message.includes("Not a Dockerfile")) {
    throw new Error(`binary text: expected one "Not a Dockerfile" fatal message, got ${JSON.stringify(messages.map((m) => m.message))}`);
  }
  assertPositions(text, messages);
}

/**
 * Runs every property on `text`; throws an Error naming the broken one.
 * `suggestionLimit` bounds how many suggestions are each applied and relinted:
 * each is a whole lint, so on a long file with a finding per line checking all
 * of them is quadratic in the file, which is the harness's cost, not the rules'.
 */
export function checkRobustness(
  text: string,
  config: Linter.Config[] = ALL_CONFIG,
  { suggestionLimit = Infinity }: { suggestionLimit?: number } = {},
): void {
  if (text.includes("\u0000")) {
    checkBinary(text);
    return;
  }
  let messages: Linter.LintMessage[];
  try {
    messages = lint(text, config);
  } catch (error) {
    throw new Error(`lint threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, { cause: error });
  }
  assertNoFatal(messages, "lint");
  assertPositions(text, messages);

  const merges = messages.filter((message) => message.ruleId === "dockerfile/apt-update-with-install" && message.fix).length;
  const fixed = lintAndFix(text, config);
  assertNoFatal(fixed.messages, "lint after fixes");
  if (fixed.fixed) {
    const before = instructionCount(text);
    const after = instructionCount(fixed.output);
    if (after > before || after < before - merges) {
      throw new Error(
        `fixes changed the number of instructions from ${before} to ${after} (apt-update-with-install merges: ${merges});\nfixed text:\n${JSON.stringify(fixed.output)}`,
      );
    }
    assertNothingLost(text, fixed.output);
    const again = lintAndFix(fixed.output, config);
    assertNoFatal(again.messages, "lint of the fixed text");
    if (again.fixed && again.output !== fixed.output) {
      const rules = [...new Set(again.messages.map((message) => message.ruleId))].join(", ");
      throw new Error(
        `a second fix pass changed the text (rules still reporting: ${rules});\nfirst pass:\n${JSON.stringify(fixed.output)}\nsecond pass:\n${JSON.stringify(again.output)}`,
      );
    }
  }

  let suggestionsLeft = suggestionLimit;
  for (const message of messages) {
    for (const suggestion of message.suggestions ?? []) {
      if (suggestionsLeft-- <= 0) return;
      const [start, end] = suggestion.fix.range;
      const suggested = text.slice(0, start) + suggestion.fix.text + text.slice(end);
      let after: Linter.LintMessage[];
      try {
        after = lint(suggested, config);
      } catch (error) {
        throw new Error(`lint threw after the suggestion of ${message.ruleId ?? "?"} (${suggestion.desc}): ${String(error)}`, { cause: error });
      }
      assertNoFatal(after, `after the suggestion of ${message.ruleId ?? "?"} (${suggestion.desc})`);
    }
  }
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Every corpus file, sorted; empty when the corpus is not checked out next to the repository. */
export function corpusFiles(): string[] {
  return existsSync(CORPUS_DIR) ? listFiles(CORPUS_DIR).sort() : [];
}

/** `count` corpus files spread evenly over the sorted list, so the sample is stable. */
export function corpusSample(count: number): { name: string; text: string }[] {
  const files = corpusFiles();
  if (files.length === 0) return [];
  const step = Math.max(1, Math.floor(files.length / count));
  const sample: { name: string; text: string }[] = [];
  for (let i = 0; i < files.length && sample.length < count; i += step) {
    const file = files[i];
    if (file) sample.push({ name: path.relative(CORPUS_DIR, file), text: readFileSync(file, "utf8") });
  }
  return sample;
}
