/**
 * hadolint's pragmas and BuildKit's `# check=` comments as ESLint directives,
 * through the codes-to-rules mapping of lib/compat:
 * - `# hadolint ignore=` covers the instruction that starts on the next line,
 *   all of its lines; `stage ignore=` runs to the next FROM; `global ignore=`
 *   covers the file;
 * - `# check=skip=` among the comments above an instruction covers it.
 * One directive per rule and pragma, located at the code, so that ESLint's
 * unused-directive report names exactly what silenced nothing.
 */
import { Directive } from "@eslint/plugin-kit";
import type { FileProblem } from "@eslint/core";
import {
  buildkitRules,
  checkValue,
  findingCodeFamily,
  parseCheckOptions,
  parseHadolintPragma,
  readDirective,
  rulesForBuildkitCheck,
  rulesForHadolintCode,
} from "../compat/index.js";
import type { HadolintPragma } from "../compat/index.js";
import { acceptsFindingCodes } from "./pragma-findings.js";
import type { PragmaCover } from "./pragma-findings.js";
import type { CommentNode, DockerfileNode, InstructionNode, SourceLocation } from "./tree/index.js";
import type { PositionIndex } from "./tree/index.js";

/** The namespace the plugin's rules have in a config: `dockerfile/pin-base-image`. */
export const RULE_PREFIX = "dockerfile/";

/** Past this many pragmas in one file, the rest are not read: a bound for hostile input. */
const MAX_PRAGMAS = 2000;

export interface TopComment {
  node: CommentNode;
  /** The text after `#`. */
  text: string;
  /** Offset of the `#`. */
  hash: number;
}

/** A disable or enable of some rules (null: all) at an offset, as ESLint applies them in order. */
interface Mark {
  offset: number;
  type: "disable" | "enable";
  rules: ReadonlySet<string> | null;
}

/** The block directives so far, to avoid an enable that would end an outer disable of the same rule. */
export class BlockState {
  readonly #marks: Mark[] = [];

  add(offset: number, type: "disable" | "enable", rules: readonly string[] | null): void {
    const mark: Mark = { offset, type, rules: rules && new Set(rules) };
    let at = this.#marks.length;
    while (at > 0 && (this.#marks[at - 1]?.offset ?? 0) > offset) at--;
    this.#marks.splice(at, 0, mark);
  }

  disabled(rule: string, offset: number): boolean {
    let disabled = false;
    for (const mark of this.#marks) {
      if (mark.offset > offset) break;
      if (!mark.rules || mark.rules.has(rule)) disabled = mark.type === "disable";
    }
    return disabled;
  }
}

export interface CompatInput {
  ast: DockerfileNode;
  text: string;
  positions: PositionIndex;
  comments: readonly TopComment[];
  hadolintPragmas: boolean;
  checkDirectives: boolean;
  /** Make directives, which ESLint reports when unused; otherwise drop the covered findings. */
  reportUnused: boolean;
  /** Line of the file's `# check=` parser directive, which is not an instruction's comment. */
  fileCheckLine: number | undefined;
  state: BlockState;
}

export interface CompatOutput {
  directives: Directive[];
  problems: FileProblem[];
  covers: PragmaCover[];
}

function syntheticNode(loc: SourceLocation, range: [number, number]): CommentNode {
  return { type: "Comment", value: "", loc, range };
}

/**
 * ESLint's fix for an unused directive replaces the directive's node with a
 * space. A pragma must survive (hadolint still reads it), so the node's range
 * is one space of the comment: the fix then changes nothing.
 */
function harmlessRange(text: string, comment: TopComment): [number, number] {
  const end = comment.node.range[1];
  const space = text.indexOf(" ", comment.hash);
  if (space >= 0 && space < end) return [space, space + 1];
  return [end, end];
}

interface End {
  offset: number;
  afterLine: boolean;
}

class Emitter {
  readonly directives: Directive[] = [];
  readonly covers: PragmaCover[] = [];
  constructor(readonly input: CompatInput) {}

  /** The lines a region covers, for dropping findings. */
  lines(from: number, to: End | undefined): { fromLine: number; toLine: number } {
    const { positions } = this.input;
    const fromLine = positions.positionOf(from).line;
    if (!to) return { fromLine, toLine: Number.POSITIVE_INFINITY };
    const end = positions.positionOf(to.offset).line;
    return { fromLine, toLine: to.afterLine ? end : end - 1 };
  }

  locAt(offset: number, length: number): SourceLocation {
    return this.input.positions.locOf([offset, offset + length]);
  }

  /**
   * A disable from `from` (reported at `loc`) to `to`, or to the end of the
   * file. `to.afterLine` ends it at the start of the line after `to.offset`,
   * so that the whole last line of an instruction is covered.
   */
  region(rule: string, comment: TopComment, loc: SourceLocation, from: number, to: End | undefined, justification: string): void {
    if (!this.input.reportUnused) {
      this.covers.push({ rule, ...this.lines(from, to) });
      return;
    }
    const id = RULE_PREFIX + rule;
    if (this.input.state.disabled(id, from)) return;
    const range = harmlessRange(this.input.text, comment);
    const start = this.input.positions.positionOf(from);
    this.directives.push(new Directive({ type: "disable", node: syntheticNode({ start, end: loc.end }, range), value: id, justification }));
    this.input.state.add(from, "disable", [id]);
    if (to === undefined) return;
    const at = this.input.positions.positionOf(to.offset);
    const position = to.afterLine ? { line: at.line + 1, column: 0 } : at;
    this.directives.push(new Directive({ type: "enable", node: syntheticNode({ start: position, end: position }, [to.offset, to.offset]), value: id, justification }));
    this.input.state.add(to.afterLine ? this.input.positions.lineStart(at.line + 1) : to.offset, "enable", [id]);
  }

  /** A directive that suppresses nothing, so that ESLint reports it as unused when asked. */
  nothing(rule: string, comment: TopComment, loc: SourceLocation, justification: string): void {
    if (!this.input.reportUnused) return;
    const range = harmlessRange(this.input.text, comment);
    this.directives.push(new Directive({ type: "disable-next-line", node: syntheticNode(loc, range), value: RULE_PREFIX + rule, justification }));
  }
}

/** The instruction that starts on the given line, if any. */
function instructionStartingAt(body: readonly InstructionNode[], line: number): InstructionNode | undefined {
  let low = 0;
  let high = body.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const node = body[mid];
    if (!node) break;
    if (node.loc.start.line < line) low = mid + 1;
    else if (node.loc.start.line > line) high = mid - 1;
    else return node;
  }
  return undefined;
}

function hadolintDirectives(emitter: Emitter, pragmas: readonly { comment: TopComment; pragma: HadolintPragma }[]): void {
  const { ast } = emitter.input;
  const froms = ast.body.filter((node) => node.type === "From");
  // Global pragmas first: a later region must see them as already covering the file.
  const order = [...pragmas].sort((a, b) => rank(a.pragma) - rank(b.pragma));
  for (const { comment, pragma } of order) {
    if (pragma.kind === "shell") continue;
    const line = comment.node.loc.start.line;
    const reason = pragma.reason;
    let from = comment.hash;
    let to: End | undefined;
    let fromLine = line + 1;
    let toLine = Number.POSITIVE_INFINITY;
    let target: InstructionNode | undefined;
    if (pragma.kind === "ignore") {
      target = instructionStartingAt(ast.body, line + 1);
      if (target) {
        to = { offset: target.range[1], afterLine: true };
        toLine = target.loc.end.line;
      }
    } else if (pragma.kind === "stage") {
      const next = froms.find((node) => node.range[0] > comment.node.range[1] && node.loc.start.line > line + 1);
      if (next) {
        to = { offset: next.range[0], afterLine: false };
        toLine = next.loc.start.line - 1;
      }
    } else {
      // The whole file, also above the pragma.
      if (ast.body.some((node) => node.range[0] < comment.hash)) from = 0;
      fromLine = 1;
    }
    const covers = pragma.kind !== "ignore" || target !== undefined;
    const seen = new Set<string>();
    for (const { code, offset } of pragma.codes) {
      const codeStart = comment.hash + 1 + offset;
      const loc = emitter.locAt(codeStart, code.length);
      const family = findingCodeFamily(code);
      if (family) {
        if (!acceptsFindingCodes(family.rule)) continue;
        if (!covers) {
          emitter.nothing(family.rule, comment, loc, reason);
          continue;
        }
        if (!emitter.input.reportUnused) {
          emitter.covers.push({ rule: family.rule, code, fromLine, toLine });
          continue;
        }
        // Spans just the code: only findings moved onto it are suppressed.
        const before = emitter.directives.length;
        emitter.region(family.rule, comment, loc, codeStart, { offset: codeStart + code.length, afterLine: false }, reason);
        if (emitter.directives.length > before) emitter.covers.push({ rule: family.rule, code, fromLine, toLine, moveTo: loc });
        continue;
      }
      for (const rule of rulesForHadolintCode(code)) {
        if (seen.has(rule)) continue;
        seen.add(rule);
        if (!covers) emitter.nothing(rule, comment, loc, reason);
        else emitter.region(rule, comment, loc, from === comment.hash ? codeStart : from, to, reason);
      }
    }
  }
}

function rank(pragma: HadolintPragma): number {
  return pragma.kind === "global" ? 0 : pragma.kind === "stage" ? 1 : 2;
}

/** BuildKit's `PrevComment`: the comment lines since the previous instruction, reset by an empty `#`. */
function commentsAbove(comments: readonly TopComment[], body: readonly InstructionNode[], fileCheckLine: number | undefined): Map<InstructionNode, TopComment[]> {
  const result = new Map<InstructionNode, TopComment[]>();
  let index = 0;
  for (const instruction of body) {
    let run: TopComment[] = [];
    for (; index < comments.length; index++) {
      const comment = comments[index];
      if (!comment || comment.node.range[0] >= instruction.range[0]) break;
      if (comment.node.loc.start.line === fileCheckLine) continue;
      if (comment.text.trim() === "" && comment.node.loc.start.column === 1) run = [];
      else run.push(comment);
    }
    if (run.length > 0) result.set(instruction, run);
  }
  return result;
}

/** A comment that BuildKit reads as a `check` directive has the name in it, in any case. */
const CHECK_NAME = /check/iu;

function checkDirectives(emitter: Emitter): void {
  const { ast, comments, fileCheckLine } = emitter.input;
  if (!comments.some((comment) => CHECK_NAME.test(comment.text))) return;
  for (const [instruction, run] of commentsAbove(comments, ast.body, fileCheckLine)) {
    for (const comment of run) {
      // BuildKit reads `TrimSpace(line[1:])`: an indented comment keeps its `#` and is never a directive.
      if (comment.node.loc.start.column !== 1) continue;
      const directive = readDirective(comment.text.trim());
      if (directive?.name !== "check") continue;
      const parsed = parseCheckOptions(checkValue(directive.value));
      if (parsed.ok) {
        const { options } = parsed;
        const rules = options.skipAll ? buildkitRules() : [...new Set(options.skip.flatMap(rulesForBuildkitCheck))];
        for (const rule of rules) emitter.region(rule, comment, comment.node.loc, comment.hash, { offset: instruction.range[1], afterLine: true }, "");
      }
      // The first check comment decides, even when it does not parse.
      break;
    }
  }
}

export function compatDirectives(input: CompatInput): CompatOutput {
  const emitter = new Emitter(input);
  if (input.hadolintPragmas) {
    const pragmas: { comment: TopComment; pragma: HadolintPragma }[] = [];
    for (const comment of input.comments) {
      if (pragmas.length >= MAX_PRAGMAS) break;
      if (!comment.text.includes("hadolint")) continue;
      const pragma = parseHadolintPragma(comment.text);
      if (pragma) pragmas.push({ comment, pragma });
    }
    hadolintDirectives(emitter, pragmas);
  }
  if (input.checkDirectives) checkDirectives(emitter);
  return { directives: emitter.directives, problems: [], covers: emitter.covers };
}

/** Shell pragmas (`# hadolint shell=powershell`) by offset, for the facts that decide whether RUN is POSIX shell. */
export function shellPragmas(comments: readonly TopComment[]): { offset: number; shell: string }[] {
  const result: { offset: number; shell: string }[] = [];
  for (const comment of comments) {
    if (!comment.text.includes("hadolint")) continue;
    const pragma = parseHadolintPragma(comment.text);
    if (pragma?.kind === "shell") result.push({ offset: comment.hash, shell: pragma.shell });
  }
  return result;
}
