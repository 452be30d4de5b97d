/**
 * Typed rule definitions for the Dockerfile language, after @eslint/json:
 * visitors get typed nodes, options are typed and an unknown messageId is a
 * compile error.
 */
import type { CustomRuleDefinitionType, CustomRuleTypeDefinitions, CustomRuleVisitorWithExit } from "@eslint/plugin-kit";
import type { RuleVisitor } from "@eslint/core";
import type { DockerfileAstNode, NodeTypes } from "./tree/index.js";
import type { DockerfileLanguageOptions } from "./options.js";
import type { DockerfileSourceCode } from "./source-code.js";

type NodeVisitors = {
  [Type in keyof NodeTypes]?: (node: NodeTypes[Type], parent?: DockerfileAstNode) => void;
};

export type DockerfileRuleVisitor = RuleVisitor & CustomRuleVisitorWithExit<NodeVisitors>;

export type DockerfileRuleDefinition<Options extends Partial<CustomRuleTypeDefinitions> = object> = CustomRuleDefinitionType<
  {
    LangOptions: DockerfileLanguageOptions;
    Code: DockerfileSourceCode;
    Visitor: DockerfileRuleVisitor;
    Node: DockerfileAstNode;
  },
  Options
>;

const DOCS_BASE = "https://github.com/eslint-plugin-dockerfile/eslint-plugin-dockerfile/blob/main/docs/rules";

/** The URL of a rule's documentation page. */
export function docsUrl(ruleName: string): string {
  return `${DOCS_BASE}/${ruleName}.md`;
}
