import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

interface PackageJson {
  name: string;
  version: string;
  homepage: string;
}

/**
 * The package's own package.json, the nearest one up from this module: the
 * sources sit one level below it, and the build two or three, in dist/.
 */
function locate(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(folder, "package.json");
    if (existsSync(file)) return file;
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    folder = parent;
  }
}

const file = locate();
const { name, version, homepage } = require(file) as PackageJson;

export const packageInfo = {
  name,
  version,
  homepage,
  /** The package's directory, where `docs/` is. */
  root: path.dirname(file),
};
