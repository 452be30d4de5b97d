/**
 * The Dockerfile syntax tree. Plain objects only: every node has `type`,
 * a 1-based `loc` and a `range` of UTF-16 offsets into the file text.
 */
import type { Instruction as RawInstruction } from "dockerfile-ast";

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
}

export interface SourceLocation {
  start: Position;
  end: Position;
}

export type Range = [number, number];

export interface BaseNode {
  type: string;
  loc: SourceLocation;
  range: Range;
}

/** A word of an instruction, as written (quotes kept), with line continuations removed. */
export interface ArgumentNode extends BaseNode {
  type: "Argument";
  value: string;
}

/** One option of a flag value: `type=secret` in `--mount=type=secret,id=x`. */
export interface FlagOptionNode extends BaseNode {
  type: "FlagOption";
  name: string;
  value: string | null;
  /** Range of the value, for precise reports; null when there is no value. */
  valueRange: Range | null;
}

/** `--name=value`. Options are split on `,` only for flags that take them (`--mount`, `--network`…). */
export interface FlagNode extends BaseNode {
  type: "Flag";
  /** Name without the leading `--`, as written. */
  name: string;
  value: string | null;
  /** Range of the value, for precise reports; null when there is no value. */
  valueRange: Range | null;
  options: FlagOptionNode[];
}

/** A string of an exec-form JSON array, decoded. */
export interface ExecArgumentNode extends BaseNode {
  type: "ExecArgument";
  value: string;
}

export interface HeredocNode extends BaseNode {
  type: "Heredoc";
  /** The delimiter word without quotes or `-`. */
  name: string;
  /** True when the delimiter was quoted (`<<'EOF'`, `<<"EOF"`): the body is not expanded. */
  quoted: boolean;
  /** True for `<<-EOF`. */
  stripTabs: boolean;
  /** The body between the opening line and the delimiter line, without its final line break. */
  content: string;
  /** Range of the body; null when the body is empty. */
  contentRange: Range | null;
  /** True when no line closes the heredoc. */
  unterminated: boolean;
}

/** `key=value` in ARG, ENV, LABEL; for legacy `ENV key value`, `legacy` is set on the instruction. */
export interface KeyValueNode extends BaseNode {
  type: "KeyValue";
  key: ArgumentNode;
  /** The value as written (quotes kept); null for `ARG NAME` without a default. */
  value: ArgumentNode | null;
  /** The value with quotes removed and escapes resolved, as Docker reads it. */
  unquotedValue: string | null;
}

export interface ImageRefNode extends BaseNode {
  type: "ImageRef";
  /** The reference as written (ARGs not expanded). */
  raw: string;
}

export interface StageNameNode extends BaseNode {
  type: "StageName";
  /** The name as written. Stage names compare case-insensitively. */
  value: string;
}

export type ExecOrShellForm = "exec" | "shell";

interface InstructionBase extends BaseNode {
  /** The keyword in upper case (`RUN`), whatever its casing in the file. */
  keyword: string;
  /** Range of the keyword as written. */
  keywordRange: Range;
  flags: FlagNode[];
  /** Words after the flags. For RUN and COPY these include heredoc lines; use `heredocs` for those. */
  arguments: ArgumentNode[];
  /** Range of everything after the keyword (flags included), or null when there is nothing. */
  argumentsRange: Range | null;
  /** The dockerfile-ast object, an escape hatch for rare needs. Not traversed. */
  raw: RawInstruction;
}

/** Instructions whose arguments can be a JSON array (exec form) or a shell command. */
interface CommandInstructionBase extends InstructionBase {
  form: ExecOrShellForm;
  /** Strings of the JSON array in exec form; null in shell form. */
  exec: ExecArgumentNode[] | null;
  /**
   * True when the arguments start with `[` but are not a valid JSON array of
   * strings, so Docker runs them through a shell.
   */
  malformedExec: boolean;
}

export interface FromNode extends InstructionBase {
  type: "From";
  image: ImageRefNode | null;
  /** The `AS` keyword, when present. */
  asKeyword: ArgumentNode | null;
  stage: StageNameNode | null;
}

export interface RunNode extends CommandInstructionBase {
  type: "Run";
  heredocs: HeredocNode[];
}

export interface CmdNode extends CommandInstructionBase {
  type: "Cmd";
}

export interface EntrypointNode extends CommandInstructionBase {
  type: "Entrypoint";
}

export interface ShellNode extends CommandInstructionBase {
  type: "Shell";
}

export interface VolumeNode extends CommandInstructionBase {
  type: "Volume";
}

export interface CopyNode extends CommandInstructionBase {
  type: "Copy";
  /** Source words (or exec strings), in order. Heredoc sources appear as `<<EOF` words. */
  sources: (ArgumentNode | ExecArgumentNode)[];
  destination: ArgumentNode | ExecArgumentNode | null;
  heredocs: HeredocNode[];
}

export interface AddNode extends CommandInstructionBase {
  type: "Add";
  sources: (ArgumentNode | ExecArgumentNode)[];
  destination: ArgumentNode | ExecArgumentNode | null;
  heredocs: HeredocNode[];
}

export interface ArgNode extends InstructionBase {
  type: "Arg";
  pairs: KeyValueNode[];
}

export interface EnvNode extends InstructionBase {
  type: "Env";
  pairs: KeyValueNode[];
  /** `ENV key value` (one pair, no `=`), deprecated by Docker. */
  legacy: boolean;
}

export interface LabelNode extends InstructionBase {
  type: "Label";
  pairs: KeyValueNode[];
  legacy: boolean;
}

export interface HealthcheckNode extends CommandInstructionBase {
  type: "Healthcheck";
  /** `CMD` or `NONE` as written, or null when missing. */
  subcommand: ArgumentNode | null;
}

export interface OnbuildNode extends InstructionBase {
  type: "Onbuild";
  /** The instruction that runs in images built FROM this one. */
  trigger: InstructionNode | null;
}

export interface SimpleInstructionNode extends InstructionBase {
  type: "Expose" | "Workdir" | "User" | "Stopsignal" | "Maintainer" | "Unknown";
}

export type InstructionNode =
  | FromNode
  | RunNode
  | CmdNode
  | EntrypointNode
  | ShellNode
  | VolumeNode
  | CopyNode
  | AddNode
  | ArgNode
  | EnvNode
  | LabelNode
  | HealthcheckNode
  | OnbuildNode
  | SimpleInstructionNode;

export interface ParserDirectiveNode extends BaseNode {
  type: "ParserDirective";
  /** `syntax`, `escape` or `check`, lower case. */
  name: string;
  value: string;
}

export interface CommentNode extends BaseNode {
  type: "Comment";
  /** The text after `#`. */
  value: string;
}

export interface DockerfileNode extends BaseNode {
  type: "Dockerfile";
  directives: ParserDirectiveNode[];
  body: InstructionNode[];
  /** Comments, including those inside line continuations. Not traversed. */
  comments: CommentNode[];
  /** The escape character: `\` unless `# escape=` says otherwise. */
  escapeChar: string;
}

export type DockerfileAstNode =
  | DockerfileNode
  | InstructionNode
  | ParserDirectiveNode
  | CommentNode
  | ArgumentNode
  | FlagNode
  | FlagOptionNode
  | ExecArgumentNode
  | HeredocNode
  | KeyValueNode
  | ImageRefNode
  | StageNameNode;

/** Map from node type to node, for typed visitors. */
export interface NodeTypes {
  Dockerfile: DockerfileNode;
  From: FromNode;
  Run: RunNode;
  Cmd: CmdNode;
  Entrypoint: EntrypointNode;
  Shell: ShellNode;
  Volume: VolumeNode;
  Copy: CopyNode;
  Add: AddNode;
  Arg: ArgNode;
  Env: EnvNode;
  Label: LabelNode;
  Healthcheck: HealthcheckNode;
  Onbuild: OnbuildNode;
  Expose: SimpleInstructionNode;
  Workdir: SimpleInstructionNode;
  User: SimpleInstructionNode;
  Stopsignal: SimpleInstructionNode;
  Maintainer: SimpleInstructionNode;
  Unknown: SimpleInstructionNode;
  ParserDirective: ParserDirectiveNode;
  Argument: ArgumentNode;
  Flag: FlagNode;
  FlagOption: FlagOptionNode;
  ExecArgument: ExecArgumentNode;
  Heredoc: HeredocNode;
  KeyValue: KeyValueNode;
  ImageRef: ImageRefNode;
  StageName: StageNameNode;
}
