/**
 * The mapping of hadolint codes and BuildKit checks: complete, naming only
 * rules the plugin has, and in step with docs/migrating-from-hadolint.md.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import plugin from "../../index.js";
import { BUILDKIT_CHECKS, HADOLINT_CODES, migrationPage, rulesForBuildkitCheck, rulesForHadolintCode } from "../../lib/compat/index.js";

/** hadolint 2.15's rules (src/Hadolint/Process.hs), without DL3005, DL3017, DL3031 and DL3039, which it retired. */
const HADOLINT_2_15 = [
  "DL1001",
  ...Array.from({ length: 68 }, (_, i) => `DL${3000 + i}`).filter((code) => !["DL3005", "DL3017", "DL3031", "DL3039"].includes(code)),
  "DL4000", "DL4001", "DL4003", "DL4004", "DL4005", "DL4006",
];

/** BuildKit's checks (frontend/dockerfile/linter/ruleset.go). */
const BUILDKIT_RULESET = [
  "StageNameCasing", "FromAsCasing", "NoEmptyContinuation", "ConsistentInstructionCasing", "DuplicateStageName", "ReservedStageName",
  "JSONArgsRecommended", "MaintainerDeprecated", "UndefinedArgInFrom", "WorkdirRelativePath", "UndefinedVar", "MultipleInstructionsDisallowed",
  "LegacyKeyValueFormat", "InvalidBaseImagePlatform", "RedundantTargetPlatform", "SecretsUsedInArgOrEnv", "InvalidDefaultArgInFrom",
  "FromPlatformFlagConstDisallowed", "CopyIgnoredFile", "InvalidDefinitionDescription", "ExposeProtoCasing", "ExposeInvalidFormat",
];

const ruleNames = new Set(Object.keys(plugin.rules));

describe("the mapping of hadolint codes and BuildKit checks", () => {
  it("has one row for each hadolint rule, in order", () => {
    const listed = HADOLINT_CODES.flatMap((entry) => {
      if (!entry.through) return [entry.code];
      const last = Number(entry.through.slice(2));
      return Array.from({ length: last - Number(entry.code.slice(2)) + 1 }, (_, i) => `DL${Number(entry.code.slice(2)) + i}`);
    });
    expect(listed).toEqual(HADOLINT_2_15);
  });

  it("has one row for each BuildKit check", () => {
    expect(BUILDKIT_CHECKS.map((check) => check.name).sort()).toEqual([...BUILDKIT_RULESET].sort());
  });

  it("names only rules the plugin has, and says why where it names none", () => {
    for (const entry of [...HADOLINT_CODES, ...BUILDKIT_CHECKS]) {
      for (const rule of entry.rules) expect(ruleNames, rule).toContain(rule);
      if (entry.rules.length === 0) expect(entry.why, JSON.stringify(entry)).toMatch(/\S/u);
    }
  });

  it("maps codes and names exactly, as hadolint and BuildKit compare them", () => {
    expect(rulesForHadolintCode("DL3008")).toEqual(["pin-package-versions"]);
    expect(rulesForHadolintCode("DL3050")).toEqual([]);
    expect(rulesForHadolintCode("dl3008")).toEqual([]);
    expect(rulesForBuildkitCheck("JSONArgsRecommended")).toEqual(["prefer-exec-form"]);
    expect(rulesForBuildkitCheck("jsonargsrecommended")).toEqual([]);
  });

  it("is what docs/migrating-from-hadolint.md shows (npm run docs writes it)", () => {
    const page = readFileSync(new URL("../../docs/migrating-from-hadolint.md", import.meta.url), "utf8");
    expect(migrationPage(page, ruleNames)).toBe(page);
  });
});
