import {
  ConfigCommentParser,
  Directive,
  TextSourceCodeBase,
  VisitNodeStep,
} from "@eslint/plugin-kit";
import type { DirectiveType, FileProblem, RulesConfig, SourceLocation } from "@eslint/core";
import { LINE_BREAK, visitorKeys } from "./tree/index.js";
import type { CommentNode, DockerfileAstNode, DockerfileNode, InstructionNode } from "./tree/index.js";
import type { PositionIndex } from "./tree/index.js";
import { DockerfileFacts } from "../facts/index.js";
import type { DockerfileLanguageOptions } from "./options.js";

const commentParser = new ConfigCommentParser();

/** `# eslint …`, `# eslint-disable …`, `# eslint-enable …`, `# eslint-disable-next-line …`. */
const INLINE_CONFIG = /^\s*eslint(?:-enable|-disable(?:-next-line|-line)?)?(?:\s|$)/u;

export class DockerfileSourceCode extends TextSourceCodeBase<{
  LangOptions: DockerfileLanguageOptions;
  RootNode: DockerfileNode;
  SyntaxElementWithLoc: DockerfileAstNode;
  ConfigNode: CommentNode;
}> {
  override readonly ast: DockerfileNode;
  readonly comments: CommentNode[];
  readonly positions: PositionIndex;
  readonly #parents = new WeakMap<object, DockerfileAstNode>();
  #steps: VisitNodeStep[] | undefined;
  #inlineConfigComments: CommentNode[] | undefined;
  #facts: DockerfileFacts | undefined;

  constructor({ text, ast, positions }: { text: string; ast: DockerfileNode; positions: PositionIndex }) {
    super({ text, ast, lineEndingPattern: LINE_BREAK });
    this.ast = ast;
    this.comments = ast.comments;
    this.positions = positions;
  }

  /** Facts about the file that several rules need (stages, ARG scopes, shell scripts), computed once. */
  get facts(): DockerfileFacts {
    this.#facts ??= new DockerfileFacts(this.ast, this.text);
    return this.#facts;
  }

  getInlineConfigNodes(): CommentNode[] {
    this.#inlineConfigComments ??= this.comments.filter((comment) => INLINE_CONFIG.test(comment.value));
    return this.#inlineConfigComments;
  }

  getDisableDirectives(): { problems: FileProblem[]; directives: Directive[] } {
    const problems: FileProblem[] = [];
    const directives: Directive[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (!parsed) continue;
      const { label, value, justification } = parsed;
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
      if (spanned) {
        // An instruction over several lines: the directive covers all of it, as hadolint's
        // `# hadolint ignore=` does, through a disable at the comment and an enable after it.
        const after = { line: spanned.loc.end.line + 1, column: 0 };
        const enableAt = { type: "Comment", value: "", range: [spanned.range[1], spanned.range[1]], loc: { start: after, end: after } };
        directives.push(new Directive({ type: "disable", node: comment, value, justification }));
        directives.push(new Directive({ type: "enable", node: enableAt, value, justification }));
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
    return { problems, directives };
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
    return { problems, configs };
  }

  override getParent(node: DockerfileAstNode): DockerfileAstNode | undefined {
    if (!this.#steps) this.traverse();
    return this.#parents.get(node);
  }

  override traverse(): Iterable<VisitNodeStep> {
    if (this.#steps) return this.#steps;
    const steps: VisitNodeStep[] = [];
    const visit = (node: DockerfileAstNode, parent: DockerfileAstNode | undefined): void => {
      if (parent) this.#parents.set(node, parent);
      steps.push(new VisitNodeStep({ target: node, phase: 1, args: [node, parent] }));
      const keys = visitorKeys[node.type] ?? [];
      for (const key of keys) {
        const child = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) {
          for (const item of child as DockerfileAstNode[]) visit(item, node);
        } else if (child && typeof child === "object") {
          visit(child as DockerfileAstNode, node);
        }
      }
      steps.push(new VisitNodeStep({ target: node, phase: 2, args: [node, parent] }));
    };
    visit(this.ast, undefined);
    this.#steps = steps;
    return steps;
  }
}
