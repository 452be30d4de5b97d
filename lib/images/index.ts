/**
 * The one image policy: image references as Docker reads them, their grammar,
 * platform specifiers, every place a Dockerfile names an image, and the
 * policy (floating tags, digests, allowed registries) for every format.
 */
export { isContentDigest, parseImageReference } from "./image-ref.js";
export type { ImageReference } from "./image-ref.js";
export { IMAGE_USE_LABELS, imageUsesOf, mentionOfUse } from "./image-uses.js";
export { FLOATING_TAGS, PIN_MESSAGES, REGISTRY_MESSAGES, pinChecker, registryChecker } from "./image-policy.js";
export type { ImageMention, PinMessageId, PinOptions, PolicyFinding } from "./image-policy.js";
export { parsePlatform } from "./platform-spec.js";
export type { PlatformSpec } from "./platform-spec.js";
export { isValidImageReference } from "./reference-syntax.js";
