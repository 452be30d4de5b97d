import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** package.json sits one level up from the sources and two from the build in dist/. */
function load(): { name: string; version: string } {
  try {
    return require("../../package.json") as { name: string; version: string };
  } catch {
    return require("../package.json") as { name: string; version: string };
  }
}

export const packageInfo = load();
