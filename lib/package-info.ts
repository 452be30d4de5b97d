import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

interface PackageJson {
  name: string;
  version: string;
  homepage: string;
}

/** package.json sits one level up from the sources and two from the build in dist/ (which has none of its own). */
function locate(): string {
  try {
    return require.resolve("../package.json");
  } catch {
    return require.resolve("../../package.json");
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
