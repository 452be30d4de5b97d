import type { FileServer } from "../file-server.js";

/**
 * Publishes a package mirror for the apt-get stand-in: the index lists each
 * package version, and the pool serves exactly those versions (a mirror drops
 * the files of versions it no longer lists).
 */
export function publishMirror(server: FileServer, packages: Record<string, string>): void {
  for (const route of ["/dists/stable/index"]) server.delete(route);
  server.set("/dists/stable/index", Object.entries(packages).map(([name, version]) => `${name} ${version}\n`).join(""));
  for (const [name, version] of Object.entries(packages)) server.set(`/pool/${name}-${version}`, `${name} ${version}\n`);
}

/** Drops a version's file from the pool, as a mirror does once a newer one is published. */
export function dropFromPool(server: FileServer, name: string, version: string): void {
  server.delete(`/pool/${name}-${version}`);
}

/** The package versions the stand-in recorded as installed in an exported image. */
export function installed(status: string | undefined): string {
  return (status ?? "").trim().split("\n").filter(Boolean).join(", ");
}
