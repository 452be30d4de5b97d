/** ARCHITECTURE.md names real modules, describes every lib/ folder, and stays short. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const text = readFileSync(path.join(root, "ARCHITECTURE.md"), "utf8");

/** Paths in code spans: `lib/x/y.ts`, `rules/index.ts`, and `tree/types.ts` relative to the folder named before it. */
function namedPaths(): string[] {
  const paths: string[] = [];
  let folder = "";
  for (const [, span] of text.matchAll(/`([\w./<>-]+)`/gu)) {
    if (span === undefined || span.includes("<") || !/[/.]/u.test(span)) continue;
    if (/^(?:lib|rules|tests|docs|bench|bin|scripts)\//u.test(span)) {
      if (span.startsWith("lib/")) folder = span.split("/").slice(0, 2).join("/");
      paths.push(span.replace(/\/$/u, ""));
    } else if (/\.(?:ts|js|json|md)$/u.test(span) && span.includes("/") && folder !== "") {
      paths.push(`${folder}/${span}`);
    } else if (/\.(?:ts|js|json|md)$/u.test(span) && !span.includes("/")) {
      const candidates = [span, `${folder}/${span}`];
      paths.push(candidates.find((candidate) => existsSync(path.join(root, candidate))) ?? span);
    }
  }
  return paths;
}

describe("ARCHITECTURE.md", () => {
  it("is under 100 lines", () => {
    expect(text.split("\n").length).toBeLessThan(100);
  });

  it("names only files and folders that exist", () => {
    const missing = namedPaths().filter((named) => !existsSync(path.join(root, named)));
    expect(missing).toEqual([]);
  });

  it("describes every folder of lib/, and each has an index.ts", () => {
    const folders = readdirSync(path.join(root, "lib"), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.length).toBeGreaterThan(5);
    for (const folder of folders) {
      expect(text).toContain(`\`lib/${folder}/\``);
      if (folder !== "cli") expect(existsSync(path.join(root, "lib", folder, "index.ts"))).toBe(true);
    }
  });

  it("leaves only entry files at the top of lib/", () => {
    const files = readdirSync(path.join(root, "lib"), { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
    expect(files.sort()).toEqual(["package-info.ts", "presets.ts"]);
  });
});
