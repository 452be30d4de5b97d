/**
 * `--format`: ESLint's built-in formatters, `sarif`, or any formatter package
 * or file, loaded through `ESLint#loadFormatter`. Packages are looked for
 * from the current directory first, then next to this package (for `npx`
 * and global installs), so a missing one is a clear message, not a stack.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ESLint } from "eslint";
import { relativeSarif } from "./formatters/sarif-paths.js";
import { CliError } from "./errors.js";

const BUILT_IN = new Set(["stylish", "json", "json-with-metadata", "html"]);

const SARIF_PACKAGE = "@microsoft/eslint-formatter-sarif";

/** Formatters shipped with this package (lib/formatters/), ahead of `eslint-formatter-<name>` packages. */
const BUNDLED: Record<string, string> = {
  gitlab: fileURLToPath(new URL("./formatters/gitlab.js", import.meta.url)),
};

/** ESLint's naming: `foo` → `eslint-formatter-foo`, `@scope/foo` → `@scope/eslint-formatter-foo`. */
export function formatterPackageName(name: string): string {
  const prefix = "eslint-formatter";
  if (name.startsWith("@")) {
    const slash = name.indexOf("/");
    const scope = slash < 0 ? name : name.slice(0, slash);
    const rest = slash < 0 ? "" : name.slice(slash + 1);
    if (rest === "") return `${scope}/${prefix}`;
    return rest.startsWith(`${prefix}-`) || rest === prefix ? name : `${scope}/${prefix}-${rest}`;
  }
  return name.startsWith(`${prefix}-`) ? name : `${prefix}-${name}`;
}

function isFileName(name: string): boolean {
  if (name.startsWith("@")) return false;
  return name.includes("/") || name.includes("\\") || /\.[cm]?js$/u.test(name);
}

function resolvePackage(name: string, cwd: string): string | undefined {
  for (const from of [path.join(cwd, "noop.js"), import.meta.url]) {
    try {
      return createRequire(from).resolve(name);
    } catch {
      // not installed there
    }
  }
  return undefined;
}

export async function loadFormatter(eslint: ESLint, name: string, cwd: string): Promise<ESLint.LoadedFormatter> {
  if (BUILT_IN.has(name)) return eslint.loadFormatter(name);
  const bundled = Object.hasOwn(BUNDLED, name) ? BUNDLED[name] : undefined;
  if (bundled !== undefined) return eslint.loadFormatter(bundled);
  let file: string | undefined;
  if (name === "sarif") {
    file = resolvePackage(SARIF_PACKAGE, cwd);
    if (file === undefined) {
      throw new CliError(`--format sarif needs ${SARIF_PACKAGE}: run npm install --save-dev ${SARIF_PACKAGE}`);
    }
    // File URIs relative to the working directory, not absolute ones of this machine.
    const sarif = await eslint.loadFormatter(file);
    return { format: async (results, meta) => relativeSarif(await sarif.format(results, meta), cwd) };
  } else if (isFileName(name)) {
    file = path.resolve(cwd, name);
    if (!existsSync(file)) throw new CliError(`no such formatter file: ${name}`);
  } else {
    const packageName = formatterPackageName(name);
    file = resolvePackage(packageName, cwd);
    if (file === undefined) {
      throw new CliError(
        `unknown format '${name}': use stylish, json, json-with-metadata, html, sarif or gitlab, or install ${packageName}`,
      );
    }
  }
  return eslint.loadFormatter(file);
}
