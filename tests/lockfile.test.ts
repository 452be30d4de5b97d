/**
 * A dependency declared by dist-tag (`"jschardet": "latest"`) is resolved again
 * at every install, so the lock goes stale the day the tag moves and `npm ci`
 * fails on a fresh clone. Every spec in the lock must be a semver range or an
 * explicit protocol; `*` is refused in our own declarations.
 */
import { readFileSync } from "node:fs";
import semver from "semver";
import { describe, expect, it } from "vitest";

interface LockEntry {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const lock = JSON.parse(readFileSync(new URL("../package-lock.json", import.meta.url), "utf8")) as {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
};
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as LockEntry;

const PROTOCOL = /^(?:npm|file|link|workspace|git\+?\w*|https?):/u;

/** A spec that names a version set by itself, not a tag that a registry resolves later. */
export function isPinnedSpec(spec: string): boolean {
  return PROTOCOL.test(spec) || semver.validRange(spec) !== null;
}

function declared(entry: LockEntry): [string, string][] {
  return [entry.dependencies, entry.optionalDependencies, entry.peerDependencies, entry.devDependencies].flatMap((specs) =>
    Object.entries(specs ?? {}),
  );
}

describe("lockfile", () => {
  it("tells a tag from a range", () => {
    for (const tag of ["latest", "next", "beta", "canary"]) expect(isPinnedSpec(tag)).toBe(false);
    for (const range of ["^1.2.3", "~5.9.3", "1.x", "*", ">=1 <2", "^9.39.0 || ^10.0.0", "npm:foo@^1"]) {
      expect(isPinnedSpec(range)).toBe(true);
    }
  });

  it("holds no package that declares a dependency by dist-tag", () => {
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
    const tagged = Object.entries(lock.packages).flatMap(([where, entry]) =>
      declared(entry)
        .filter(([, spec]) => !isPinnedSpec(spec))
        .map(([name, spec]) => `${where || "(root)"}: ${name}@${spec}`),
    );
    expect(tagged).toEqual([]);
  });

  it("declares none of our own dependencies as * or a tag", () => {
    const loose = declared(pkg).filter(([, spec]) => spec.trim() === "*" || spec.trim() === "" || !isPinnedSpec(spec));
    expect(loose).toEqual([]);
  });
});
