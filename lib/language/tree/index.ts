export * from "./types.js";
export { buildTree } from "./build.js";
export { visitorKeys } from "./visitor-keys.js";
export { PositionIndex, LINE_BREAK } from "./positions.js";
export { fileOffsetOf, joinContinuations, unjoinedText, type MappedText } from "./continuations.js";
