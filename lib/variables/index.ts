/**
 * Dockerfile variables: substitution as BuildKit performs it, the names an ARG
 * declares, references in Dockerfile and shell text, and name patterns.
 */
export { FROM_PREDEFINED_ARGS, PLATFORM_ARG_DEFAULTS, argDeclarations } from "./arg-words.js";
export type { ArgDeclaration } from "./arg-words.js";
export { processExecString, processSourceRange, processWord } from "./buildkit-words.js";
export type { WordReference, WordResult } from "./buildkit-words.js";
export { compileNamePattern, isRotationMarker, isVersionMarker, namePatternMatcher, nameWords, snakeName } from "./name-patterns.js";
export { instructionReferences, scanVariableReferences } from "./variable-references.js";
export type { VariableReferences } from "./variable-references.js";
export { expandVariables } from "./variables.js";
export type { Expansion, VariableLookup } from "./variables.js";
