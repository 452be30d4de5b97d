/**
 * Facts about one Dockerfile computed once per file and on first use (stages,
 * ARG/ENV scopes, parsed RUN scripts, stage references), and the build
 * context's .dockerignore. Rules get them from `DockerfileFacts`.
 */
export { cleanPath, dockerignoreFor, excludingPattern, wholeContextPattern } from "./dockerignore.js";
export type { DockerignoreFile, IgnorePattern } from "./dockerignore.js";
export { DockerfileFacts } from "./facts.js";
export { stageReferences } from "./stage-references.js";
export { PREDEFINED_ARGS, unquoteWhole } from "./stages.js";
export type { Stage } from "./stages.js";
