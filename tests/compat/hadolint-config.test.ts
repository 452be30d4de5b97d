/**
 * `.hadolint.yaml` translated to ESLint settings, with hadolint's semantics
 * (Configuration.hs, Process.hs): ignored codes, override severities,
 * failure-threshold deciding what fails, trustedRegistries, pragmas.
 */
import { describe, expect, it } from "vitest";
import plugin from "../../index.js";
import { HadolintConfigError, eslintConfigText, translateHadolintConfig } from "../../lib/compat/index.js";

const ruleNames = new Set(Object.keys(plugin.rules));
const translate = (text: string, names: ReadonlySet<string> = ruleNames) => translateHadolintConfig(text, names);

describe("translating .hadolint.yaml", () => {
  it("turns a rule off when every code it stands for is ignored, and keeps the others of a shared rule", () => {
    const { rules, reasons } = translate("ignored: [DL3008, DL3025, DL3002]\n");
    expect(rules["last-user-not-root"]).toBe("off");
    expect(reasons["last-user-not-root"]).toBe("DL3002 ignored");
    // DL3025 stands for prefer-exec-form and valid-exec-form.
    expect(rules["prefer-exec-form"]).toBe("off");
    expect(rules["valid-exec-form"]).toBe("off");
    // DL3008 is apt only: the other package managers stay checked.
    expect(rules["pin-package-versions"]).toEqual(["error", { managers: ["pip", "npm", "apk", "gem", "yum", "zypper", "dnf", "microdnf", "go", "cargo"] }]);
  });

  it("makes errors of what fails hadolint's run, warnings of the rest (failure-threshold, default info)", () => {
    const byDefault = translate("{}\n").rules;
    expect(byDefault["no-sudo"]).toBe("error"); // DL3004, error
    expect(byDefault["apt-no-install-recommends"]).toBe("error"); // DL3015, info: fails at the default threshold
    expect(byDefault["consistent-instruction-casing"]).toBeUndefined(); // no hadolint code: the preset decides
    const errorsOnly = translate("failure-threshold: error\n").rules;
    expect(errorsOnly["no-sudo"]).toBe("error");
    expect(errorsOnly["apt-no-install-recommends"]).toBe("warn");
    expect(errorsOnly["last-user-not-root"]).toBe("warn");
    const raised = translate("failure-threshold: error\noverride:\n  error: [DL3002]\n  info: [DL3004]\n").rules;
    expect(raised["last-user-not-root"]).toBe("error");
    expect(raised["no-sudo"]).toBe("warn");
  });

  it("never fails with failure-threshold: none or no-fail", () => {
    for (const text of ["failure-threshold: none\n", "no-fail: true\n"]) {
      const { rules, notes } = translate(text);
      expect(Object.values(rules).filter((entry) => entry !== "off").every((entry) => entry === "warn" || (Array.isArray(entry) && entry[0] === "warn"))).toBe(true);
      expect(notes.length).toBeGreaterThan(0);
    }
  });

  it("turns trustedRegistries into allowed-registries, and leaves that rule alone without them", () => {
    expect(translate("trustedRegistries:\n  - my.registry\n  - '*.gcr.io'\n").rules["allowed-registries"]).toEqual(["error", { registries: ["my.registry", "*.gcr.io"] }]);
    expect(translate("ignored: []\n").rules["allowed-registries"]).toBeUndefined();
  });

  it("turns disable-ignore-pragma into the language option, and names what does not carry over", () => {
    const result = translate("disable-ignore-pragma: true\nstrict-labels: true\nlabel-schema:\n  author: text\nformat: json\nignored: [DL9999]\nfoo: 1\n");
    expect(result.languageOptions).toEqual({ hadolintPragmas: false });
    expect(result.notes).toEqual([
      "DL9999: not hadolint codes this mapping knows, so nothing was set for them.",
      "label-schema: not supported, since no rule checks label schemas (DL3049–DL3058).",
      "strict-labels: not supported, since no rule checks label schemas (DL3050).",
      "format: an option of the command line here (dockerfile-lint --format, --color), not of the config.",
      "foo: not a hadolint setting, so it was left out.",
    ]);
  });

  it("passes ignored SC codes to the shellcheck rule when the plugin has it", () => {
    const withRule = translate("ignored: [SC2086]\n", new Set([...ruleNames, "shellcheck"]));
    expect(withRule.rules.shellcheck).toEqual(["warn", { exclude: ["SC1090", "SC1091", "SC2187", "SC2086"] }]);
    const without = translate("ignored: [SC2086]\n", new Set(["pin-base-image"]));
    expect(without.rules.shellcheck).toBeUndefined();
    expect(without.notes[0]).toContain("SC2086");
  });

  it("refuses what hadolint refuses", () => {
    expect(() => translate("ignored: [DL3008\n")).toThrow(HadolintConfigError);
    expect(() => translate("- DL3008\n")).toThrow(/mapping/u);
    expect(() => translate("failure-threshold: high\n")).toThrow(/failure-threshold/u);
    expect(() => translate("override:\n  error: 3\n")).toThrow(/override.error/u);
  });

  // tests/cli/hadolint-migration.test.ts runs a written config with ESLint.
  it("writes a config file with a comment per rule", () => {
    const text = eslintConfigText({ source: ".hadolint.yaml", result: translate("ignored: [DL3002]\ntrustedRegistries: [my.registry]\nlabel-schema: {a: text}\n") });
    expect(text).toContain('      // DL3002 ignored\n      "dockerfile/last-user-not-root": "off",\n');
    expect(text).toContain('"dockerfile/allowed-registries": ["error", { registries: ["my.registry"] }],');
    expect(text).toContain("  // label-schema: not supported");
    // The preset's own globs, so the block applies to exactly the files the preset lints.
    expect(text).toContain('import dockerfile, { DOCKERFILE_GLOBS, DOCKERFILE_IGNORES } from "eslint-plugin-dockerfile";\n');
    expect(text).toContain("    files: DOCKERFILE_GLOBS,\n    ignores: DOCKERFILE_IGNORES,\n");
  });
});
