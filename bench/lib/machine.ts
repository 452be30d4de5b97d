/** What the numbers were measured on. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  versions: Record<string, string>;
  loadBefore: number[];
}

/** The version in a package's package.json, looked up from `fromDir`. */
export function packageVersion(name: string, fromDir: string): string {
  try {
    const require = createRequire(path.join(fromDir, "noop.js"));
    const manifest = require.resolve(`${name}/package.json`);
    const parsed = JSON.parse(readFileSync(manifest, "utf8")) as { version?: unknown };
    return typeof parsed.version === "string" ? parsed.version : "?";
  } catch {
    return "not installed";
  }
}

export function describeMachine(repoDir: string, benchDir: string, peers: readonly string[]): Machine {
  const cpus = os.cpus();
  const versions: Record<string, string> = {
    "eslint-plugin-dockerfile": packageVersion("eslint-plugin-dockerfile", repoDir),
    eslint: packageVersion("eslint", repoDir),
    "dockerfile-ast": packageVersion("dockerfile-ast", repoDir),
  };
  for (const peer of peers) versions[peer] = packageVersion(peer, benchDir);
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    versions,
    loadBefore: os.loadavg(),
  };
}
