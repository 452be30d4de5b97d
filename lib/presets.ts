/**
 * Which rules each shared config turns on, and how. `all` turns on every rule
 * as an error with default options; `strict` adds style rules to
 * `recommended`, makes everything an error and tightens some options.
 */
import type { Linter } from "eslint";

/** The rules about images: the only ones that run outside Dockerfiles. */
export const IMAGE_RULES: readonly string[] = ["pin-base-image", "allowed-registries"];

type Entry = Linter.RuleSeverity | [Linter.RuleSeverity, ...unknown[]];

/** Rules that catch real bugs or silent cache and reproducibility problems. */
const RECOMMENDED: Record<string, Entry> = {
  "apt-get-yes": "warn",
  "apt-update-with-install": "error",
  "clean-package-cache": "warn",
  "copy-from-stage": "error",
  "copy-ignored-file": "error",
  "copy-manifests-first": "warn",
  "copy-multiple-sources-needs-dir": "error",
  "first-instruction": "error",
  "last-user-not-root": "warn",
  "no-constant-platform": "warn",
  "no-copy-root-fs": "error",
  "no-duplicate-stage-name": "error",
  "no-empty-continuation": "error",
  "no-env-same-instruction-reference": "error",
  "no-redundant-target-platform": "warn",
  "no-reserved-stage-name": "error",
  "no-secrets-in-build-args": "error",
  "no-sudo": "warn",
  "no-undefined-arg-in-from": "error",
  "no-undefined-var": "error",
  "no-unpinned-download": "warn",
  "pin-base-image": "error",
  "pin-package-versions": ["warn", { managers: ["pip", "npm", "gem", "go", "cargo"] }],
  "require-add-checksum": "warn",
  "require-pipefail": "warn",
  "secret-cache-bust": "warn",
  "single-cmd-entrypoint-healthcheck": "error",
  "valid-arg-default-in-from": "warn",
  "valid-exec-form": "error",
  "valid-expose": "error",
  "volatile-args-last": "warn",
  "workdir-absolute": "error",
};

/** Added by `strict`, or given stricter options there. */
const STRICT: Record<string, Entry> = {
  "apt-no-install-recommends": "error",
  "consistent-instruction-casing": "error",
  "from-as-casing": "error",
  "legacy-key-value-format": "error",
  "no-cd-in-run": "error",
  "no-maintainer": "error",
  "pin-base-image": ["error", { digest: "always" }],
  "pin-package-versions": ["error", { allowRanges: false }],
  "prefer-apt-get": "error",
  "prefer-copy": "error",
  "prefer-exec-form": "error",
  // Needs the shellcheck binary, so not in recommended: a plain install works without it.
  shellcheck: "error",
  "stage-name-casing": "error",
  "useradd-no-log-init": "error",
};

function asError(entry: Entry): Entry {
  return Array.isArray(entry) ? ["error", ...entry.slice(1)] : "error";
}

export function presetRules(preset: "recommended" | "strict" | "all", ruleNames: readonly string[]): Linter.RulesRecord {
  const rules: Linter.RulesRecord = {};
  if (preset === "all") {
    for (const name of ruleNames) rules[`dockerfile/${name}`] = "error";
    return rules;
  }
  const entries = preset === "recommended" ? RECOMMENDED : { ...RECOMMENDED, ...STRICT };
  for (const [name, entry] of Object.entries(entries)) {
    rules[`dockerfile/${name}`] = preset === "strict" ? asError(entry) : entry;
  }
  return rules;
}
