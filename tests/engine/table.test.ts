/**
 * Keeps docs/build-cache.md's engine table in step with the engine scenarios
 * and their recorded results, without an engine: every scenario has a
 * result, the table is what results.json makes, every cache rule has a row
 * for the problem and one for the fix, and each of their pages links its row.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BUILD_CACHE_PAGE, readResults, ruleAnchor, withTable } from "./results.js";
import { scenarios } from "./scenarios/index.js";

const CACHE_RULES = [
  "pin-base-image",
  "no-unpinned-download",
  "pin-package-versions",
  "require-add-checksum",
  "secret-cache-bust",
  "no-secrets-in-build-args",
  "copy-manifests-first",
  "volatile-args-last",
  "apt-update-with-install",
];

const results = readResults();
const page = readFileSync(BUILD_CACHE_PAGE, "utf8");

describe("the engine table of docs/build-cache.md", () => {
  it("has one recorded result per scenario, and none for scenarios that are gone", () => {
    const ids = scenarios.map((scenario) => scenario.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(results.observed).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(results.observed[id], id).not.toMatch(/^\(failed\)$|^$/u);
    expect(results.engine).toMatch(/^\d+\.\d+\.\d+/u);
  });

  it("is the table that results.json makes (ENGINE_UPDATE=1 npm run test:engine rewrites it)", () => {
    expect(page).toBe(withTable(page, results));
    expect(page).toContain("## What the engine does, verified");
  });

  it.each(CACHE_RULES)("shows %s's problem and its fix", (rule) => {
    const kinds = scenarios.filter((scenario) => scenario.rule === rule).map((scenario) => scenario.kind);
    expect(kinds).toContain("problem");
    expect(kinds).toContain("fix");
  });

  it.each([...new Set(scenarios.map((scenario) => scenario.rule))])("links %s's page to its row, and back", (rule) => {
    const rulePage = readFileSync(new URL(`../../docs/rules/${rule}.md`, import.meta.url), "utf8");
    expect(rulePage).toContain(`](../build-cache.md#${ruleAnchor(rule)})`);
    expect(page).toContain(`<a id="${ruleAnchor(rule)}"></a>[${rule}](rules/${rule}.md)`);
  });
});
