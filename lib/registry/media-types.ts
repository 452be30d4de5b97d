/** The manifest media types a tag can point at, and the Accept header that asks for all of them. */
export const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
export const DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
export const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
export const DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

/**
 * Indexes first: a registry that holds a multi-platform image must answer
 * with the index, whose digest covers every platform. Some registries answer
 * 404 for a manifest type the client does not accept, so all four are sent.
 */
export const MANIFEST_ACCEPT = [OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST].join(", ");

export function isIndexType(mediaType: string | null): boolean {
  return mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST;
}

/** `application/vnd.oci.image.index.v1+json; charset=utf-8` → the bare type. */
export function bareMediaType(contentType: string | null): string | null {
  if (contentType === null) return null;
  const semicolon = contentType.indexOf(";");
  return (semicolon >= 0 ? contentType.slice(0, semicolon) : contentType).trim().toLowerCase() || null;
}
