/**
 * Pinning image references to digests: format finders locate image strings
 * with their ranges, the plan resolves them through a registry resolver, and
 * range edits rewrite the file. A new file format only adds a finder.
 */
export { unifiedDiff } from "./diff.js";
export { findDockerfileImages } from "./dockerfile-sites.js";
export { finderForFile } from "./format-sites.js";
export { applyEdits } from "./edits.js";
export type { TextEdit } from "./edits.js";
export { pinText } from "./pin-file.js";
export type { FileResult } from "./pin-file.js";
export { planSites } from "./plan.js";
export type { OutcomeStatus, PinMode, PlanOptions, Resolver, SiteOutcome } from "./plan.js";
export type { ImageFinder, ImageSite } from "./sites.js";
