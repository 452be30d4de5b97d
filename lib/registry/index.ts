/**
 * Registries, read-only: tag → digest over the OCI distribution API, with
 * Docker's credentials and the proxy environment. Only `dockerfile-lint pin`
 * uses this folder; no rule may import it (rules never touch the network).
 */
export { RegistryClient } from "./client.js";
export type { ClientOptions, FailureKind, Resolution, ResolveOptions } from "./client.js";
export { parseChallenges } from "./challenge.js";
export type { Challenge } from "./challenge.js";
export { defaultConfigPath, loadCredentials } from "./credentials.js";
export type { Credential, CredentialStore } from "./credentials.js";
export { DOCKER_HUB_API, isDockerHub, isLoopbackHost, repositoryLocation } from "./endpoint.js";
export type { RepositoryLocation } from "./endpoint.js";
export { MANIFEST_ACCEPT } from "./media-types.js";
export { NetworkError, createTransport } from "./transport.js";
export type { Transport, TransportOptions } from "./transport.js";
