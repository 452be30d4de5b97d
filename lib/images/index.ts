/**
 * The one image policy: image references as Docker reads them, their grammar,
 * platform specifiers, and every place a Dockerfile names an image.
 */
export { isContentDigest, parseImageReference } from "./image-ref.js";
export type { ImageReference } from "./image-ref.js";
export { IMAGE_USE_LABELS, imageUsesOf } from "./image-uses.js";
export { parsePlatform } from "./platform-spec.js";
export type { PlatformSpec } from "./platform-spec.js";
export { isValidImageReference } from "./reference-syntax.js";
