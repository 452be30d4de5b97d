/**
 * `--format`: ESLint's built-in formatters, this package's own (`sarif`,
 * `github`, `gitlab`), or any formatter package or file, loaded through
 * `ESLint#loadFormatter`. Packages are looked for from the current directory
 * first, then next to this package (for `npx` and global installs), so a
 * missing one is a clear message, not a stack.
 *
 * A built-in name always means ESLint's own file: given a bare name,
 * `loadFormatter` tries `eslint-formatter-<name>` from the current directory
 * first, so a `node_modules/eslint-formatter-stylish/` planted in a linted
 * repository would run its code on a plain `dockerfile-lint`.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { ESLint } from "eslint";
import { CliError } from "./errors.js";

const BUILT_IN = new Set(["stylish", "json", "json-with-metadata", "html"]);

/** Formatters shipped with this package, ahead of `eslint-formatter-<name>` packages. */
const OWN: Record<string, () => Promise<{ default: ESLint.FormatterFunction }>> = {
  sarif: () => import("./formatters/sarif.js"),
  github: () => import("./formatters/github.js"),
  gitlab: () => import("./formatters/gitlab.js"),
};

/**
 * This package's formatters see the directory the command ran in as `cwd`,
 * not ESLint's (the common base of the linted paths), so report paths are
 * relative to where the user is. Results are sorted by path, as ESLint does.
 */
function ownFormatter(eslint: ESLint, formatter: ESLint.FormatterFunction, cwd: string): ESLint.LoadedFormatter {
  return {
    format: (results, resultsMeta) => {
      const sorted = [...results].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
      return formatter(sorted, { ...resultsMeta, cwd, rulesMeta: eslint.getRulesMetaForResults(sorted) });
    },
  };
}

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

/** The file of one of ESLint's built-in formatters, inside the ESLint package this command runs. */
function builtInFormatterFile(name: string): string {
  const eslintRoot = path.dirname(createRequire(import.meta.url).resolve("eslint/package.json"));
  return path.join(eslintRoot, "lib", "cli-engine", "formatters", `${name}.js`);
}

export async function loadFormatter(eslint: ESLint, name: string, cwd: string): Promise<ESLint.LoadedFormatter> {
  if (BUILT_IN.has(name)) {
    const file = builtInFormatterFile(name);
    if (!existsSync(file)) throw new CliError(`ESLint's built-in formatter '${name}' is missing from ${path.dirname(file)}`);
    return eslint.loadFormatter(file);
  }
  const own = Object.hasOwn(OWN, name) ? OWN[name] : undefined;
  if (own !== undefined) return ownFormatter(eslint, (await own()).default, cwd);
  let file: string | undefined;
  if (isFileName(name)) {
    file = path.resolve(cwd, name);
    if (!existsSync(file)) throw new CliError(`no such formatter file: ${name}`);
  } else {
    const packageName = formatterPackageName(name);
    file = resolvePackage(packageName, cwd);
    if (file === undefined) {
      throw new CliError(
        `unknown format '${name}': use stylish, json, json-with-metadata, html, sarif, github or gitlab, or install ${packageName}`,
      );
    }
  }
  return eslint.loadFormatter(file);
}
