import {
  ConfigCommentParser,
  Directive,
  TextSourceCodeBase,
  VisitNodeStep,
} from "@eslint/plugin-kit";
import type { DirectiveType, FileProblem, RulesConfig, SourceLocation } from "@eslint/core";
import { LINE_BREAK, buildTree, visitorKeys } from "./tree/index.js";
import type { CommentNode, DockerfileAstNode, DockerfileNode, InstructionNode } from "./tree/index.js";
import type { PositionIndex } from "./tree/index.js";
import { DockerfileFacts } from "../facts/index.js";
import type { DockerfileLanguageOptions } from "./options.js";
import { BlockState, RULE_PREFIX, compatDirectives, shellPragmas } from "./compat-directives.js";
import type { TopComment } from "./compat-directives.js";
import type { PragmaCover } from "./pragma-findings.js";
import { buildkitRules, fileCheckDirective, rulesForBuildkitCheck } from "../compat/index.js";
import type { FileCheckDirective } from "../compat/index.js";

const commentParser = new ConfigCommentParser();

const NO_COVERS: readonly PragmaCover[] = [];

/** `# eslint …`, `# eslint-disable …`, `# eslint-enable …`, `# eslint-disable-next-line …`. */
const INLINE_CONFIG = /^\s*eslint(?:-enable|-disable(?:-next-line|-line)?)?(?:\s|$)/u;

/** What a source code computes from its file on first use. */
interface Derived {
  facts?: DockerfileFacts;
  steps?: VisitNodeStep[];
  parents?: Map<DockerfileAstNode, DockerfileAstNode>;
  topComments?: TopComment[];
  inlineConfigComments?: CommentNode[];
}

/** A parsed file, and what is derived from it: derived data belongs to one tree. */
interface Tree {
  ast: DockerfileNode;
  positions: PositionIndex;
  derived: Derived;
}

/**
 * The tree of the newest source code, held here instead of on the object.
 *
 * Why: ESLint makes every rule context with `Object.create(fileContext)`, so
 * each file's context becomes a prototype, and V8 keeps a prototype, with all
 * it reaches, past young-generation collections until the next full one. The
 * source code is reachable from it; its tree (with dockerfile-ast's objects
 * under it) and derived data would be too, and would fill the old generation
 * with files linted long ago. Held here, a file's tree dies young, as soon as
 * the next file's source code is made.
 *
 * One file, not a few: V8 collects the young generation every megabyte or so,
 * so each further file kept promotes its data (about 7 MB more over the corpus
 * per file kept). ESLint lints one file at a time, synchronously.
 */
let newest: { source: DockerfileSourceCode; tree: Tree } | undefined;

export class DockerfileSourceCode extends TextSourceCodeBase<{
  LangOptions: DockerfileLanguageOptions;
  RootNode: DockerfileNode;
  SyntaxElementWithLoc: DockerfileAstNode;
  ConfigNode: CommentNode;
}> {
  // The tree held for the newest source code: data properties while it is the newest, accessors after (see #letGo).
  declare readonly ast: DockerfileNode;
  declare readonly comments: CommentNode[];
  declare readonly positions: PositionIndex;
  /** The tree rebuilt from the text, for a source code asked after a newer one was made. */
  #rebuilt: Tree | undefined;
  #covers: PragmaCover[] = [];
  readonly #options: { hadolintPragmas: boolean; checkDirectives: boolean; reportUnused: boolean };
  #fileCheck: FileCheckDirective | null | undefined;

  constructor({ text, ast, positions, languageOptions }: { text: string; ast: DockerfileNode; positions: PositionIndex; languageOptions?: DockerfileLanguageOptions }) {
    super({ text, ast, lineEndingPattern: LINE_BREAK });
    if (newest) newest.source.#letGo();
    newest = { source: this, tree: { ast, positions, derived: {} } };
    // Plain data, set in the same order on every instance, so that V8 keeps one fast shape for all source codes.
    const own = this as { -readonly [Key in "comments" | "positions"]: DockerfileSourceCode[Key] };
    own.comments = ast.comments;
    own.positions = positions;
    this.#options = {
      hadolintPragmas: languageOptions?.hadolintPragmas !== false,
      checkDirectives: languageOptions?.checkDirectives !== false,
      reportUnused: languageOptions?.reportUnusedPragmas === true,
    };
  }

  /**
   * Once a newer source code is made, this one stops holding the tree: its
   * properties become accessors that rebuild it when asked. Only then, as
   * replacing data properties with accessors puts an object in V8's slow
   * dictionary mode, and every rule reads the newest one's properties.
   */
  #letGo(): void {
    Object.defineProperties(this, {
      ast: { get: () => this.#tree().ast, enumerable: true, configurable: true },
      comments: { get: () => this.#tree().ast.comments, enumerable: true, configurable: true },
      positions: { get: () => this.#tree().positions, enumerable: true, configurable: true },
    });
  }

  /**
   * The tree, held for the newest source code only. An older one asked again
   * parses its text again and keeps that tree: equal nodes, not the same objects.
   */
  #tree(): Tree {
    if (newest?.source === this) return newest.tree;
    if (!this.#rebuilt) {
      const { ast, index } = buildTree(this.text);
      this.#rebuilt = { ast, positions: index, derived: {} };
    }
    return this.#rebuilt;
  }

  /** What is derived from the tree, kept with it. */
  #derived(): Derived {
    return this.#tree().derived;
  }

  /** Facts about the file that several rules need (stages, ARG scopes, shell scripts), computed once. */
  get facts(): DockerfileFacts {
    const derived = this.#derived();
    derived.facts ??= new DockerfileFacts(this.ast, this.text, {
      shellPragmas: this.#options.hadolintPragmas ? shellPragmas(this.#comments()) : [],
    });
    return derived.facts;
  }

  /** Comments between instructions (not those inside a continued instruction), with their text after `#`. */
  #comments(): TopComment[] {
    const derived = this.#derived();
    if (derived.topComments) return derived.topComments;
    const result: TopComment[] = [];
    const body = this.ast.body;
    let index = 0;
    for (const node of this.comments) {
      while (index < body.length && (body[index]?.range[1] ?? 0) <= node.range[0]) index++;
      const instruction = body[index];
      if (instruction && instruction.range[0] <= node.range[0]) continue;
      const raw = this.text.slice(node.range[0], node.range[1]);
      const hash = raw.indexOf("#");
      if (hash < 0) continue;
      result.push({ node, text: raw.slice(hash + 1), hash: node.range[0] + hash });
    }
    derived.topComments = result;
    return result;
  }

  /**
   * What pragmas do to a rule's findings beyond directives, for the wrapper of
   * the rule; empty unless directives were read (not with `--no-inline-config`).
   */
  pragmaCovers(rule: string): readonly PragmaCover[] {
    return this.#covers.length === 0 ? NO_COVERS : this.#covers.filter((cover) => cover.rule === rule);
  }

  getInlineConfigNodes(): CommentNode[] {
    const derived = this.#derived();
    derived.inlineConfigComments ??= this.comments.filter((comment) => INLINE_CONFIG.test(comment.value));
    return derived.inlineConfigComments;
  }

  getDisableDirectives(): { problems: FileProblem[]; directives: Directive[] } {
    const problems: FileProblem[] = [];
    const directives: Directive[] = [];
    const state = new BlockState();
    const parsedComments: { comment: CommentNode; label: string; value: string; justification: string }[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (!parsed) continue;
      parsedComments.push({ comment, label: parsed.label, value: parsed.value, justification: parsed.justification });
      if (parsed.label === "eslint-disable" || parsed.label === "eslint-enable") {
        const rules = Object.keys(commentParser.parseListConfig(parsed.value));
        state.add(comment.range[0], parsed.label === "eslint-disable" ? "disable" : "enable", rules.length > 0 ? rules : null);
      }
    }
    for (const { comment, label, value, justification } of parsedComments) {
      if (label === "eslint-disable-line") {
        // A Dockerfile comment always fills its own line: there is no code to its left.
        problems.push({
          ruleId: null,
          message: "eslint-disable-line has no effect in a Dockerfile, where comments stand on their own line; use eslint-disable-next-line.",
          loc: comment.loc,
        });
        continue;
      }
      const spanned = label === "eslint-disable-next-line" ? this.#instructionAfter(comment) : undefined;
      const rules = Object.keys(commentParser.parseListConfig(value));
      // An enable after the instruction would end an outer eslint-disable of the same rules.
      if (spanned && !rules.some((rule) => state.disabled(rule, comment.range[0]))) {
        // An instruction over several lines: the directive covers all of it, as hadolint's
        // `# hadolint ignore=` does, through a disable at the comment and an enable after it.
        const after = { line: spanned.loc.end.line + 1, column: 0 };
        const enableAt = { type: "Comment", value: "", range: [spanned.range[1], spanned.range[1]], loc: { start: after, end: after } };
        directives.push(new Directive({ type: "disable", node: comment, value, justification }));
        directives.push(new Directive({ type: "enable", node: enableAt, value, justification }));
        state.add(comment.range[0], "disable", rules.length > 0 ? rules : null);
        state.add(this.positions.lineStart(after.line), "enable", rules.length > 0 ? rules : null);
        continue;
      }
      if (label === "eslint-disable" || label === "eslint-enable" || label === "eslint-disable-next-line") {
        directives.push(
          new Directive({
            type: label.slice("eslint-".length) as DirectiveType,
            node: comment,
            value,
            justification,
          }),
        );
      }
    }

    const fileCheck = this.#options.checkDirectives ? this.#fileCheckDirective() : undefined;
    if (fileCheck && !fileCheck.parse.ok) {
      problems.push({
        ruleId: null,
        message: `This # check= directive makes docker build fail (${fileCheck.parse.message}); fix or remove it.`,
        loc: this.#lineLoc(fileCheck.line),
      });
    }
    const compat = compatDirectives({
      ast: this.ast,
      text: this.text,
      positions: this.positions,
      comments: this.#comments(),
      hadolintPragmas: this.#options.hadolintPragmas,
      checkDirectives: this.#options.checkDirectives,
      reportUnused: this.#options.reportUnused,
      fileCheckLine: fileCheck?.line,
      state,
    });
    directives.push(...compat.directives);
    problems.push(...compat.problems);
    this.#covers = compat.covers;
    return { problems, directives };
  }

  /** The file's `# check=` directive: read once, for the disable directives and the inline config. */
  #fileCheckDirective(): FileCheckDirective | undefined {
    if (this.#fileCheck === undefined) this.#fileCheck = fileCheckDirective(this.text) ?? null;
    return this.#fileCheck ?? undefined;
  }

  #lineLoc(line: number): SourceLocation {
    const start = this.positions.lineStart(line);
    const next = this.positions.lineStart(line + 1);
    const end = next > start && /[\r\n]/u.test(this.text[next - 1] ?? "") ? next - 1 : next;
    return this.positions.locOf([start, Math.max(start, end)]);
  }

  /** The instruction that starts on the line after a comment and spans several lines, if any. */
  #instructionAfter(comment: CommentNode): InstructionNode | undefined {
    const line = comment.loc.end.line + 1;
    const next = this.ast.body.find((node) => node.loc.start.line >= line);
    return next && next.loc.start.line === line && next.loc.end.line > line ? next : undefined;
  }

  applyInlineConfig(): { problems: FileProblem[]; configs: { config: { rules: RulesConfig }; loc: SourceLocation }[] } {
    const problems: FileProblem[] = [];
    const configs: { config: { rules: RulesConfig }; loc: SourceLocation }[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (parsed?.label !== "eslint") continue;
      const result = commentParser.parseJSONLikeConfig(parsed.value);
      if (result.ok) configs.push({ config: { rules: result.config }, loc: comment.loc });
      else problems.push({ ruleId: null, message: result.error.message, loc: comment.loc });
    }
    const check = this.#fileCheckConfig(new Set(configs.flatMap(({ config }) => Object.keys(config.rules))));
    if (check) configs.unshift(check);
    return { problems, configs };
  }

  /**
   * BuildKit's file-wide `# check=`: `skip` turns the mapped rules off and
   * `error=true` makes the others errors, as every check BuildKit runs then
   * fails the build. Rules that a `# eslint` comment of the file sets are left
   * to it (ESLint refuses two inline configs of one rule).
   */
  #fileCheckConfig(setByComments: ReadonlySet<string>): { config: { rules: RulesConfig }; loc: SourceLocation } | undefined {
    if (!this.#options.checkDirectives) return undefined;
    const directive = this.#fileCheckDirective();
    if (!directive?.parse.ok) return undefined;
    const { options } = directive.parse;
    const skipped = new Set(options.skipAll ? buildkitRules() : options.skip.flatMap(rulesForBuildkitCheck));
    const rules: RulesConfig = {};
    const set = (rule: string, severity: "off" | "error"): void => {
      if (!setByComments.has(RULE_PREFIX + rule)) rules[RULE_PREFIX + rule] = severity;
    };
    for (const rule of skipped) set(rule, "off");
    if (options.error) for (const rule of buildkitRules()) if (!skipped.has(rule)) set(rule, "error");
    return Object.keys(rules).length > 0 ? { config: { rules }, loc: this.#lineLoc(directive.line) } : undefined;
  }

  override getParent(node: DockerfileAstNode): DockerfileAstNode | undefined {
    const derived = this.#derived();
    // Made on the first question, not by the traversal: few files ever ask (an ONBUILD check).
    if (!derived.parents) {
      const parents = new Map<DockerfileAstNode, DockerfileAstNode>();
      const visit = (child: DockerfileAstNode, parent: DockerfileAstNode): void => {
        parents.set(child, parent);
        forEachChild(child, visit);
      };
      forEachChild(this.ast, visit);
      derived.parents = parents;
    }
    return derived.parents.get(node);
  }

  override traverse(): Iterable<VisitNodeStep> {
    const derived = this.#derived();
    if (derived.steps) return derived.steps;
    const steps: VisitNodeStep[] = [];
    const visit = (node: DockerfileAstNode, parent: DockerfileAstNode | undefined): void => {
      // Listeners get the arguments and never keep or change them: entry and exit share one array.
      const args = [node, parent];
      steps.push(new VisitNodeStep({ target: node, phase: 1, args }));
      forEachChild(node, visit);
      steps.push(new VisitNodeStep({ target: node, phase: 2, args }));
    };
    visit(this.ast, undefined);
    derived.steps = steps;
    return steps;
  }
}

/** Calls `callback` on each child of `node`, in source order, with `node` as its parent. */
function forEachChild(node: DockerfileAstNode, callback: (child: DockerfileAstNode, parent: DockerfileAstNode) => void): void {
  for (const key of visitorKeys[node.type] ?? []) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const item of child as DockerfileAstNode[]) callback(item, node);
    } else if (child && typeof child === "object") {
      callback(child as DockerfileAstNode, node);
    }
  }
}
