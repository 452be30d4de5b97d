/**
 * Writes the hadolint and BuildKit tables of docs/migrating-from-hadolint.md
 * from lib/compat's mapping (`npm run docs`); with `--check` it only fails
 * when the page is out of step (`npm run docs:check`).
 */
import { readFileSync, writeFileSync } from "node:fs";
import plugin from "../index.js";
import { migrationPage } from "../lib/compat/index.js";

const file = new URL("../docs/migrating-from-hadolint.md", import.meta.url);
const page = readFileSync(file, "utf8");
const next = migrationPage(page, new Set(Object.keys(plugin.rules)));
if (process.argv.includes("--check")) {
  if (next !== page) {
    console.error("docs/migrating-from-hadolint.md is out of step with lib/compat/codes.ts: run `npm run docs`.");
    process.exit(1);
  }
} else if (next !== page) {
  writeFileSync(file, next);
}
