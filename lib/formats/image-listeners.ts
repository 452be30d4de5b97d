/**
 * The listeners of a rule about images, for whichever language ESLint runs it
 * on: Dockerfile instructions, or (in ESLint's JavaScript language, with the
 * YAML, JSON or a JavaScript/TypeScript parser) the whole program at once.
 */
import { imageUsesOf, mentionOfUse } from "../images/index.js";
import type { ImageMention, PolicyFinding } from "../images/index.js";
import type { DockerfileRuleVisitor, DockerfileSourceCode, InstructionNode } from "../language/index.js";
import { imageMentionsOf } from "./image-mentions.js";
import type { ParsedSource } from "./image-mentions.js";

/** The languages a rule about images supports, for `meta.languages`. */
export const IMAGE_RULE_LANGUAGES = ["dockerfile/dockerfile", "js/js"];

interface Position {
  line: number;
  column: number;
}

interface ImageRuleContext<Id extends string> {
  sourceCode: unknown;
  filename: string;
  report(descriptor: { loc: { start: Position; end: Position }; messageId: Id; data: Record<string, string> }): void;
}

interface JavaScriptSource extends ParsedSource {
  getLocFromIndex(index: number): Position;
}

export function imageListeners<Id extends string>(
  context: ImageRuleContext<Id>,
  check: (mention: ImageMention) => PolicyFinding<Id> | null,
): DockerfileRuleVisitor {
  const source = context.sourceCode as { ast: { type: string } };
  if (source.ast.type === "Dockerfile") {
    const dockerfile = source as unknown as DockerfileSourceCode;
    const visit = (node: InstructionNode) => {
      for (const use of imageUsesOf(node, dockerfile.facts)) {
        const finding = check(mentionOfUse(use));
        if (finding) context.report({ loc: dockerfile.positions.locOf(use.range), ...finding });
      }
    };
    return { From: visit, Copy: visit, Add: visit, Run: visit };
  }
  const code = source as unknown as JavaScriptSource;
  return {
    "Program:exit"() {
      for (const mention of imageMentionsOf(code, context.filename)) {
        const finding = check(mention);
        if (!finding) continue;
        const loc = { start: code.getLocFromIndex(mention.range[0]), end: code.getLocFromIndex(mention.range[1]) };
        context.report({ loc, ...finding });
      }
    },
  };
}
