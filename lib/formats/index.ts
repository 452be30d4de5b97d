/**
 * Images named outside Dockerfiles: Compose, GitHub Actions, GitLab CI, dev
 * containers, Bake JSON, Markdown code blocks, and JavaScript/TypeScript
 * code. Each format only finds where an image string sits; the policy is
 * `lib/images`'.
 */
export { IMAGE_FILE_GLOBS, JAVASCRIPT_GLOBS, JSON_KINDS, TYPESCRIPT_GLOBS, YAML_KINDS, imageFileKind } from "./file-kinds.js";
export type { ImageFileKind } from "./file-kinds.js";
export { MAX_JSON_LENGTH, MAX_YAML_LENGTH, boundedJsonParser, boundedYamlParser, typescriptParser } from "./bounded-parser.js";
export { dockerfileBlocksProcessor } from "./markdown-processor.js";
export { codeImageMentions } from "./code-images.js";
export { jsonImageMentions } from "./json-images.js";
export { yamlImageMentions } from "./yaml-images.js";
export { imageMentionsOf } from "./image-mentions.js";
export type { ParsedSource } from "./image-mentions.js";
export { IMAGE_RULE_LANGUAGES, imageListeners } from "./image-listeners.js";
