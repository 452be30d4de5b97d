/**
 * Builds the plain ESLint tree from dockerfile-ast's objects. Everything a
 * rule may ask for often is computed here, once.
 */
import { DockerfileParser, ModifiableInstruction, Onbuild, PropertyInstruction } from "dockerfile-ast";
import type {
  Argument,
  Comment,
  Flag,
  Heredoc,
  Instruction,
  ParserDirective,
  Property,
} from "dockerfile-ast";
import { unquoteWord } from "../../text/index.js";
import { fileOffsetOf, joinContinuations } from "./continuations.js";
import { LINE_END_PLACEHOLDER, escapedLineEnds, withPlaceholders } from "./escaped-line-ends.js";
import { readExecArray } from "./exec-array.js";
import type { LspRange } from "./lsp-positions.js";
import { PositionIndex } from "./positions.js";
import { withCachedRawArguments } from "./raw-arguments-cache.js";
import type {
  ArgumentNode,
  CommentNode,
  DockerfileNode,
  ExecArgumentNode,
  FlagNode,
  FlagOptionNode,
  HeredocNode,
  InstructionNode,
  KeyValueNode,
  ParserDirectiveNode,
  Range,
  SourceLocation,
} from "./types.js";

/** Parser directives Docker knows; dockerfile-ast takes any `# key=value` on top for one. */
const KNOWN_DIRECTIVES = new Set(["syntax", "escape", "check"]);

const TYPE_BY_KEYWORD: Record<string, InstructionNode["type"]> = {
  FROM: "From",
  RUN: "Run",
  CMD: "Cmd",
  ENTRYPOINT: "Entrypoint",
  SHELL: "Shell",
  VOLUME: "Volume",
  COPY: "Copy",
  ADD: "Add",
  ARG: "Arg",
  ENV: "Env",
  LABEL: "Label",
  HEALTHCHECK: "Healthcheck",
  ONBUILD: "Onbuild",
  EXPOSE: "Expose",
  WORKDIR: "Workdir",
  USER: "User",
  STOPSIGNAL: "Stopsignal",
  MAINTAINER: "Maintainer",
};

function isBlank(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\r";
}

/** Words of ARG text as BuildKit splits them, with their offsets in `text`. */
function splitArgWords(text: string, escapeChar: string): { word: string; start: number; end: number }[] {
  const words: { word: string; start: number; end: number }[] = [];
  let quote: string | null = null;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (start < 0) {
      if (isBlank(ch)) continue;
      start = i;
    }
    if (ch === escapeChar) {
      i++;
      continue;
    }
    if (quote !== null) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      continue;
    }
    if (isBlank(ch)) {
      words.push({ word: text.slice(start, i), start, end: i });
      start = -1;
    }
  }
  if (start >= 0) words.push({ word: text.slice(start), start, end: text.length });
  return words;
}

/**
 * Nodes are a base object that `Object.assign` extends, never `{ ...base,
 * more }`: on V8 (Node.js 20) a spread followed by new properties builds each
 * object on a slow path that allocates several times as much, and a third of
 * it outlives young-generation collections.
 */
class TreeBuilder {
  readonly #text: string;
  readonly #index: PositionIndex;
  readonly #escapeChar: string;
  /** Offsets where dockerfile-ast read a placeholder for a line-end escape that does not continue. */
  readonly #placeholders: ReadonlySet<number>;

  constructor(text: string, index: PositionIndex, escapeChar: string, placeholders: ReadonlySet<number> = new Set()) {
    this.#text = text;
    this.#index = index;
    this.#escapeChar = escapeChar;
    this.#placeholders = placeholders;
  }

  /** A value dockerfile-ast read up to a placeholder ends in the escape the file has there. */
  restored<T extends string | null>(value: T, range: Range | null): T {
    if (value === null || range === null || !this.#placeholders.has(range[1] - 1) || !value.endsWith(LINE_END_PLACEHOLDER)) return value;
    return (value.slice(0, -LINE_END_PLACEHOLDER.length) + this.#escapeChar) as T;
  }

  base<T extends string>(type: T, range: Range): { type: T; range: Range; loc: ReturnType<PositionIndex["locOf"]> } {
    return { type, range, loc: this.#index.locOf(range) };
  }

  rangeOf(range: LspRange): Range {
    return this.#index.rangeOf(range);
  }

  /**
   * dockerfile-ast's positions are already lines and columns (0-based) of
   * the file: no search through the line index for them.
   */
  locOfLsp(range: LspRange): SourceLocation {
    return {
      start: { line: range.start.line + 1, column: range.start.character + 1 },
      end: { line: range.end.line + 1, column: range.end.character + 1 },
    };
  }

  /** A node's type, range and loc from one of dockerfile-ast's ranges. */
  baseOfLsp<T extends string>(type: T, lsp: LspRange): { type: T; range: Range; loc: SourceLocation } {
    return { type, range: this.rangeOf(lsp), loc: this.locOfLsp(lsp) };
  }

  optionalRange(range: LspRange | null): Range | null {
    return range ? this.rangeOf(range) : null;
  }

  argument(arg: Argument): ArgumentNode {
    const lsp = arg.getRange();
    const range = this.rangeOf(lsp);
    return { type: "Argument", range, loc: this.locOfLsp(lsp), value: this.restored(arg.getValue(), range) };
  }

  argumentFromRange(range: Range, value: string): ArgumentNode {
    return { type: "Argument", range, loc: this.#index.locOf(range), value };
  }

  flag(flag: Flag): FlagNode {
    const options: FlagOptionNode[] = flag.getOptions().map((option) => {
      const valueRange = this.optionalRange(option.getValueRange());
      return Object.assign(this.baseOfLsp("FlagOption", option.getRange()), {
        name: option.getName(),
        value: this.restored(option.getValue(), valueRange),
        valueRange,
      });
    });
    const valueRange = this.optionalRange(flag.getValueRange());
    return Object.assign(this.baseOfLsp("Flag", flag.getRange()), {
      name: flag.getName(),
      value: this.restored(flag.getValue(), valueRange),
      valueRange,
      options,
    });
  }

  heredoc(heredoc: Heredoc): HeredocNode {
    const start = this.rangeOf(heredoc.getStartRange());
    const contentLsp = heredoc.getContentRange();
    const delimiterLsp = heredoc.getDelimiterRange();
    const contentRange = contentLsp ? this.rangeOf(contentLsp) : null;
    const end = delimiterLsp ? this.rangeOf(delimiterLsp)[1] : contentRange ? contentRange[1] : this.rangeOf(heredoc.getNameRange())[1];
    const opener = this.#text.slice(start[0], this.rangeOf(heredoc.getNameRange())[1] + 1);
    return Object.assign(this.base("Heredoc", [start[0], end]), {
      name: heredoc.getName(),
      quoted: opener.includes("'") || opener.includes('"'),
      stripTabs: opener.startsWith("<<-"),
      content: contentRange ? this.#text.slice(contentRange[0], contentRange[1]) : "",
      contentRange,
      unterminated: delimiterLsp === null,
    });
  }

  keyValue(property: Property): KeyValueNode {
    const nameRange = this.rangeOf(property.getNameRange());
    const valueLsp = property.getValueRange();
    // dockerfile-ast's getValue() is the value Docker reads; getUnescapedValue() is the text as written.
    const valueRange = valueLsp ? this.rangeOf(valueLsp) : null;
    const written = this.restored(property.getUnescapedValue(), valueRange);
    const valueNode = valueRange && written !== null ? this.argumentFromRange(valueRange, written) : null;
    const whole: Range = [nameRange[0], valueNode ? Math.max(valueNode.range[1], nameRange[1]) : nameRange[1]];
    return Object.assign(this.base("KeyValue", whole), {
      key: this.argumentFromRange(nameRange, property.getName()),
      value: valueNode,
      unquotedValue: this.restored(property.getValue(), valueRange),
    });
  }

  /**
   * The declarations of an ARG, split as BuildKit splits them: words separated by
   * blanks (quotes and the escape character keep blanks inside a word), each
   * `name` or `name=default`. dockerfile-ast reads `ARG A B` like legacy `ENV A B`.
   */
  argPairs(argumentsRange: Range | null): KeyValueNode[] {
    if (!argumentsRange) return [];
    const [from, to] = argumentsRange;
    const mapped = joinContinuations(this.#text, from, to, this.#escapeChar);
    const at = (offset: number): number => fileOffsetOf(mapped, offset);
    const after = (offset: number): number => (offset > 0 ? at(offset - 1) + 1 : at(0));
    return splitArgWords(mapped.text, this.#escapeChar).map(({ word, start, end }) => {
      const eq = word.indexOf("=");
      const name = eq < 0 ? word : word.slice(0, eq);
      const keyRange: Range = [at(start), after(start + name.length)];
      const whole: Range = [keyRange[0], after(end)];
      if (eq < 0) return Object.assign(this.base("KeyValue", whole), { key: this.argumentFromRange(keyRange, name), value: null, unquotedValue: null });
      const written = word.slice(eq + 1);
      return Object.assign(this.base("KeyValue", whole), {
        key: this.argumentFromRange(keyRange, name),
        value: this.argumentFromRange([at(start + eq + 1), after(end)], written),
        unquotedValue: unquoteWord(written, this.#escapeChar),
      });
    });
  }

  /**
   * Reads `[ "a", "b" ]` the way BuildKit does: valid JSON and only strings,
   * or else the text is a shell command.
   */
  execArguments(start: number, end: number): { exec: ExecArgumentNode[] | null; malformed: boolean } {
    // Most commands start with a printable ASCII character other than `[`, which Go's TrimSpace keeps: shell form.
    const first = this.#text.charCodeAt(start);
    if (first > 32 && first < 127 && first !== 91 /* [ */ && this.#text[start] !== this.#escapeChar) return { exec: null, malformed: false };
    const mapped = joinContinuations(this.#text, start, end, this.#escapeChar);
    const read = readExecArray(mapped.text);
    if (read.kind !== "exec") return { exec: null, malformed: read.kind === "malformed" };
    const { values, ranges } = read.array;
    const exec: ExecArgumentNode[] = [];
    for (let i = 0; i < values.length; i++) {
      const [from, to] = ranges[i] ?? [0, 0];
      const range: Range = [fileOffsetOf(mapped, from), fileOffsetOf(mapped, to - 1) + 1];
      exec.push({ type: "ExecArgument", range, loc: this.#index.locOf(range), value: values[i] ?? "" });
    }
    return { exec, malformed: false };
  }

  instruction(raw: Instruction): InstructionNode {
    const keyword = raw.getKeyword();
    const type = TYPE_BY_KEYWORD[keyword] ?? "Unknown";
    const lspRange = raw.getRange();
    const range = this.rangeOf(lspRange);
    const keywordRange = this.rangeOf(raw.getInstructionRange());
    const rawFlags: Flag[] = raw instanceof ModifiableInstruction ? raw.getFlags() : [];
    const flags = rawFlags.map((flag) => this.flag(flag));
    // dockerfile-ast re-scans the instruction on every getArguments() call: call it once,
    // and derive the arguments' range from its result as getArgumentsRange() would.
    const args = raw.getArguments().map((arg) => this.argument(arg));
    const firstArg = args[0];
    const lastArg = args.at(-1);
    const argumentsRange: Range | null = firstArg && lastArg ? [firstArg.range[0], lastArg.range[1]] : null;
    const common = {
      type,
      range,
      loc: this.locOfLsp(lspRange),
      keyword,
      keywordRange,
      flags,
      arguments: args,
      argumentsRange,
      raw,
    };
    // Where the command words start, after flags.
    const afterFlags = flags.length > 0 ? (flags.at(-1)?.range[1] ?? 0) : (argumentsRange?.[0] ?? range[1]);
    const commandStart = args[0]?.range[0] ?? afterFlags;

    switch (type) {
      case "From": {
        const image = args[0] ?? null;
        const hasAs = args.length >= 3 && args[1]?.value.toLowerCase() === "as";
        const stageArg = hasAs ? (args[2] ?? null) : null;
        return Object.assign(common, {
          type,
          image: image ? { type: "ImageRef" as const, range: image.range, loc: image.loc, raw: image.value } : null,
          asKeyword: hasAs ? (args[1] ?? null) : null,
          stage: stageArg ? { type: "StageName" as const, range: stageArg.range, loc: stageArg.loc, value: stageArg.value } : null,
        });
      }
      case "Run": {
        const heredocs = this.heredocsOf(raw, args);
        const commandEnd = heredocs.length > 0 ? this.lineEndAfter(commandStart, range[1]) : range[1];
        return Object.assign(common, { type }, this.commandForm(commandStart, commandEnd), { heredocs });
      }
      case "Cmd":
      case "Entrypoint":
      case "Shell":
      case "Volume":
        return Object.assign(common, { type }, this.commandForm(commandStart, range[1]));
      case "Copy":
      case "Add": {
        const heredocs = this.heredocsOf(raw, args);
        const commandEnd = heredocs.length > 0 ? this.lineEndAfter(commandStart, range[1]) : range[1];
        const form = this.commandForm(commandStart, commandEnd);
        const words: (ArgumentNode | ExecArgumentNode)[] = form.exec ?? args.filter((arg) => arg.range[1] <= commandEnd);
        return Object.assign(common, { type }, form, {
          sources: words.slice(0, -1),
          destination: words.length > 1 ? (words.at(-1) ?? null) : null,
          heredocs,
        });
      }
      case "Arg":
      case "Env":
      case "Label": {
        if (type === "Arg") return Object.assign(common, { type, pairs: this.argPairs(argumentsRange) });
        const properties: Property[] = raw instanceof PropertyInstruction ? raw.getProperties() : [];
        const pairs = properties.map((property) => this.keyValue(property));
        const legacy = properties.length === 1 && properties[0]?.getAssignmentOperator() === null && properties[0].getValue() !== null;
        return Object.assign(common, { type, pairs, legacy });
      }
      case "Healthcheck": {
        const subcommand = args[0] ?? null;
        const cmdStart = args[1]?.range[0] ?? range[1];
        const form =
          subcommand?.value.toUpperCase() === "CMD"
            ? this.commandForm(cmdStart, range[1])
            : { form: "shell" as const, exec: null, malformedExec: false };
        return Object.assign(common, { type, subcommand }, form);
      }
      case "Onbuild": {
        const trigger = raw instanceof Onbuild ? raw.getTriggerInstruction() : null;
        return Object.assign(common, { type, trigger: trigger ? this.instruction(trigger) : null });
      }
      default:
        return Object.assign(common, { type });
    }
  }

  commandForm(start: number, end: number): { form: "exec" | "shell"; exec: ExecArgumentNode[] | null; malformedExec: boolean } {
    if (start >= end) return { form: "shell", exec: null, malformedExec: false };
    const { exec, malformed } = this.execArguments(start, end);
    return { form: exec ? "exec" : "shell", exec, malformedExec: malformed };
  }

  /** `args`: the instruction's arguments when already read; a heredoc starts at one that starts with `<<`. */
  heredocsOf(raw: Instruction, args: readonly { value: string }[] = raw.getArguments().map((arg) => ({ value: arg.getValue() }))): HeredocNode[] {
    // dockerfile-ast only looks for bodies after such an argument: without one, no rescan of the text.
    if (!args.some((arg) => arg.value.startsWith("<<"))) return [];
    try {
      // getHeredocs() is protected on some classes and throws on `RUN \` followed by a comment line.
      const getter = (raw as unknown as { getHeredocs?: () => Heredoc[] }).getHeredocs;
      return getter ? getter.call(raw).map((heredoc) => this.heredoc(heredoc)) : [];
    } catch {
      return [];
    }
  }

  /** End of the logical line that starts at `start` (continuations followed), before the first heredoc body. */
  lineEndAfter(start: number, end: number): number {
    const mapped = joinContinuations(this.#text, start, end, this.#escapeChar);
    const newline = mapped.text.search(/[\r\n]/u);
    return newline < 0 ? end : fileOffsetOf(mapped, newline);
  }

  directive(directive: ParserDirective): ParserDirectiveNode {
    return Object.assign(this.baseOfLsp("ParserDirective", directive.getRange()), {
      name: directive.getName().toLowerCase(),
      value: directive.getValue(),
    });
  }

  comment(comment: Comment): CommentNode {
    return Object.assign(this.baseOfLsp("Comment", comment.getRange()), { value: comment.getContent() });
  }

  /** A `# key=value` line that Docker does not read as a directive is a comment. */
  commentFromDirective(directive: ParserDirective): CommentNode {
    const range = this.rangeOf(directive.getRange());
    const text = this.#text.slice(range[0], range[1]);
    const hash = text.indexOf("#");
    return Object.assign(this.base("Comment", range), { value: text.slice(hash + 1) });
  }
}

/** Parses Dockerfile text into the ESLint tree. dockerfile-ast does not throw on odd text. */
export function buildTree(text: string): { ast: DockerfileNode; index: PositionIndex } {
  return withCachedRawArguments(() => build(text));
}

/** The heredoc bodies dockerfile-ast found, whose text no line-end rule touches. */
function heredocBodies(parsed: ReturnType<typeof DockerfileParser.parse>, builder: TreeBuilder): Range[] {
  const bodies: Range[] = [];
  for (const instruction of parsed.getInstructions()) {
    for (const heredoc of builder.heredocsOf(instruction)) if (heredoc.contentRange) bodies.push(heredoc.contentRange);
  }
  return bodies;
}

function build(text: string): { ast: DockerfileNode; index: PositionIndex } {
  let parsed = DockerfileParser.parse(text);
  const index = new PositionIndex(text);
  const escapeChar = parsed.getEscapeCharacter();
  const first = parsed;
  const placeholders = escapedLineEnds(text, escapeChar, () => heredocBodies(first, new TreeBuilder(text, index, escapeChar)));
  // Parsed again only when a line ends in an escaped escape, which BuildKit does not join with the next line.
  if (placeholders.length > 0) parsed = DockerfileParser.parse(withPlaceholders(text, placeholders));
  const builder = new TreeBuilder(text, index, escapeChar, new Set(placeholders));

  const directives: ParserDirectiveNode[] = [];
  const comments: CommentNode[] = [];
  for (const directive of parsed.getDirectives()) {
    if (KNOWN_DIRECTIVES.has(directive.getName().toLowerCase())) directives.push(builder.directive(directive));
    else comments.push(builder.commentFromDirective(directive));
  }
  for (const comment of parsed.getComments()) comments.push(builder.comment(comment));
  comments.sort((a, b) => a.range[0] - b.range[0]);

  const body = parsed.getInstructions().map((instruction) => builder.instruction(instruction));
  const ast: DockerfileNode = Object.assign(builder.base("Dockerfile", [0, text.length]), { directives, body, comments, escapeChar });
  return { ast, index };
}
