/**
 * Packages that a plain Dockerfile run never needs (the TypeScript parser and
 * the `typescript` compiler, the Markdown and YAML parsers) are loaded the
 * first time they are asked for: importing them on start-up took most of a
 * one-file run. They are loaded synchronously, since parsers and processors
 * are called synchronously; ES modules too (`require()` of an ES module, which
 * every Node.js this package supports does without a flag).
 */
import { createRequire } from "node:module";

const load = createRequire(import.meta.url);

/** A function that returns the module `specifier`, loading it on its first call; callers type it (`typeof import(…)`). */
export function loadOnUse(specifier: string): () => unknown {
  let loaded: { module: unknown } | undefined;
  return () => {
    loaded ??= { module: load(specifier) };
    return loaded.module;
  };
}

/** Whether `specifier` resolves from here, without loading it; `peer` a package it needs, resolved from it. */
export function resolvable(specifier: string, peer?: string): boolean {
  try {
    const found = load.resolve(specifier);
    if (peer !== undefined) createRequire(found).resolve(peer);
    return true;
  } catch {
    return false;
  }
}

/** The version in a package's package.json, read without loading the package. */
export function packageVersion(name: string): string {
  return (load(`${name}/package.json`) as { version: string }).version;
}
