/**
 * Image references as Docker reads them: `[registry[:port]/]path[:tag][@digest]`.
 * The first path component is a registry only when it has a `.` or `:`, or is
 * `localhost`; otherwise the image lives on Docker Hub.
 */
export interface ImageReference {
  /** The text that was parsed. */
  raw: string;
  /** The registry as written (`localhost:5000`), or null for Docker Hub. */
  registry: string | null;
  /** The repository path as written, without registry, tag or digest (`library/node`, `node`). */
  path: string;
  /** `registry/path` as written, without tag or digest. */
  name: string;
  tag: string | null;
  /** The digest after `@` (`sha256:…`), or null. */
  digest: string | null;
  /** Docker Hub names in full form: `docker.io/library/node`. */
  normalizedName: string;
  /** True for `scratch`, the empty image. */
  scratch: boolean;
}

const DOCKER_HUB = "docker.io";

function isRegistry(component: string): boolean {
  return component.includes(".") || component.includes(":") || component === "localhost" || component !== component.toLowerCase();
}

/**
 * Parses an image reference with no variables left in it. Returns null for
 * text that is empty or cannot be a reference (whitespace, a leading `-`).
 */
export function parseImageReference(raw: string): ImageReference | null {
  const text = raw.trim();
  if (text === "" || /\s/u.test(text) || text.startsWith("-")) return null;

  const at = text.indexOf("@");
  const digest = at >= 0 ? text.slice(at + 1) : null;
  const beforeDigest = at >= 0 ? text.slice(0, at) : text;

  const lastSlash = beforeDigest.lastIndexOf("/");
  const colon = beforeDigest.indexOf(":", lastSlash + 1);
  const tag = colon >= 0 ? beforeDigest.slice(colon + 1) : null;
  const name = colon >= 0 ? beforeDigest.slice(0, colon) : beforeDigest;

  const firstSlash = name.indexOf("/");
  const first = firstSlash >= 0 ? name.slice(0, firstSlash) : "";
  const registry = firstSlash >= 0 && isRegistry(first) ? first : null;
  const path = registry ? name.slice(firstSlash + 1) : name;
  if (path === "") return null;

  const onHub = registry === null || registry === DOCKER_HUB || registry === "index.docker.io";
  const normalizedName = onHub ? `${DOCKER_HUB}/${path.includes("/") ? path : `library/${path}`}` : `${registry}/${path}`;

  return {
    raw,
    registry,
    path,
    name,
    tag: tag === "" ? null : tag,
    digest: digest === "" ? null : digest,
    normalizedName: normalizedName.toLowerCase(),
    scratch: name.toLowerCase() === "scratch" && tag === null && digest === null,
  };
}

/** A digest that pins content: `sha256:` and 64 hex digits (or `sha512:` and 128). */
export function isContentDigest(digest: string | null): boolean {
  return digest !== null && /^(?:sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/u.test(digest);
}
