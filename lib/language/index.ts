/**
 * The Dockerfile language: parsing to a tree of plain nodes, the source code
 * object ESLint works with, and typed rule definitions. Rules read node types
 * and the instruction text helpers from here.
 */
export { dockerfileLanguage, MAX_DOCKERFILE_LENGTH, MAX_STAGES_TIMES_COMMENTS } from "./language.js";
export { docsUrl } from "./rule.js";
export type { DockerfileRuleDefinition, DockerfileRuleVisitor } from "./rule.js";
export { commandRegion, fileRangeOf, runScriptStart } from "./command-region.js";
export { readLooseExecArray } from "./exec-json5.js";
export { PositionIndex, buildTree, fileOffsetOf, joinContinuations, unjoinedText } from "./tree/index.js";
export type * from "./tree/types.js";
export type { MappedText } from "./tree/index.js";
export type { DockerfileSourceCode } from "./source-code.js";
export { honourPragmas } from "./pragma-findings.js";
export { withStableListeners } from "./stable-listeners.js";
export type { DockerfileLanguageOptions } from "./options.js";
