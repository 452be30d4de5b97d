/**
 * Dockerfile variables: substitution as BuildKit performs it, the names an ARG
 * declares, references in Dockerfile and shell text, and name patterns.
 */
export { FROM_PREDEFINED_ARGS, PLATFORM_ARG_DEFAULTS, argDeclarations } from "./arg-words.js";
export type { ArgDeclaration } from "./arg-words.js";
export { DEFAULT_EXPANSION_BUDGET, ExpansionBudget, MAX_SUBSTITUTION_DEPTH, expandVariables, mayReferenceVariables, processExecString, processSourceRange, processWord } from "./substitution.js";
export type { Expansion, VariableLookup, WordOptions, WordReference, WordResult } from "./substitution.js";
export { compileNamePattern, isRotationMarker, isVersionMarker, namePatternMatcher, nameWords, snakeName } from "./name-patterns.js";
export { instructionReferences, scanVariableReferences } from "./variable-references.js";
export type { VariableReferences } from "./variable-references.js";
