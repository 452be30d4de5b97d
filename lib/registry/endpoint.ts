/**
 * Where the distribution API of an image lives. Docker Hub names
 * (`node`, `docker.io/library/node`, `index.docker.io/x/y`) are served by
 * `registry-1.docker.io` under `library/` for official images; any other
 * registry is the first path component as written.
 */
import type { ImageReference } from "../images/index.js";

export const DOCKER_HUB_API = "registry-1.docker.io";
/** The key `docker login` writes for Docker Hub in config.json. */
export const DOCKER_HUB_AUTH_KEY = "https://index.docker.io/v1/";

export interface RepositoryLocation {
  /** `host[:port]` of the API (`registry-1.docker.io`, `127.0.0.1:5000`). */
  host: string;
  /** The repository path on that host (`library/node`). */
  repository: string;
  /** The registry as users name it (`docker.io`, `ghcr.io`), for messages and credentials. */
  registry: string;
}

export function isDockerHub(registry: string | null): boolean {
  return registry === null || registry === "docker.io" || registry === "index.docker.io" || registry === DOCKER_HUB_API;
}

export function repositoryLocation(ref: ImageReference): RepositoryLocation {
  if (isDockerHub(ref.registry)) {
    const repository = ref.path.includes("/") ? ref.path : `library/${ref.path}`;
    return { host: DOCKER_HUB_API, repository, registry: "docker.io" };
  }
  const registry = ref.registry ?? "docker.io";
  return { host: registry.toLowerCase(), repository: ref.path, registry };
}

/** `127.0.0.1:5000`, `[::1]:5000`, `localhost`: registries Docker talks to over plain HTTP without being told. */
export function isLoopbackHost(host: string): boolean {
  let name = host;
  if (name.startsWith("[")) {
    name = name.slice(1, name.indexOf("]"));
  } else {
    const colon = name.lastIndexOf(":");
    if (colon >= 0) name = name.slice(0, colon);
  }
  name = name.toLowerCase();
  return name === "localhost" || name.endsWith(".localhost") || name === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/u.test(name);
}
