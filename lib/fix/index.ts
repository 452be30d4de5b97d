/**
 * Edits that fixes and suggestions share: whole-line moves and inserts that
 * keep the file's line endings, and option inserts into RUN commands.
 */
export { indentationAt, keywordLike, lineAbove, lineEndOf, lineEndingNear, lineStartOf, wholeLinesRange } from "./instruction-lines.js";
export { hasCacheMountOver, hasCacheMountWith, insertOptionAfter, outerInstruction, runMounts } from "./run-edits.js";
export type { RunMount } from "./run-edits.js";
