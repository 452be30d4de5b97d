/**
 * The one mapping from hadolint's rule codes and BuildKit's check names to the
 * rules of this plugin. Pragmas, `# check=` directives, `.hadolint.yaml`
 * translation and the tables of docs/migrating-from-hadolint.md all read it.
 */

export type HadolintSeverity = "error" | "warning" | "info" | "style" | "ignore";

export interface HadolintCode {
  /** `DL3008`, or the first code of a range such as DL3048–DL3058. */
  code: string;
  /** The last code of a range; absent for a single code. */
  through?: string;
  /** What hadolint checks, for the table. */
  checks: string;
  /** hadolint's default severity (the first code's, for a range). */
  severity: HadolintSeverity;
  /** The package managers of pin-package-versions the code stands for. */
  managers?: readonly string[];
  /** Rule names (without `dockerfile/`) whose findings the code stands for; empty when not covered. */
  rules: readonly string[];
  /** Markdown after the rule links, such as where behaviour differs. */
  note?: string;
  /** Markdown: why no rule covers it. */
  why?: string;
}

export const HADOLINT_CODES: readonly HadolintCode[] = [
  { code: "DL1001", severity: "ignore", checks: "Forbids inline ignore pragmas", rules: [], why: "Not covered, because ESLint has it built in: `--no-inline-config` (or `linterOptions: { noInlineConfig: true }`) ignores directive comments and pragmas, and `--report-unused-disable-directives` reports stale ones." },
  { code: "DL3000", severity: "error", checks: "WORKDIR must be absolute", rules: ["workdir-absolute"] },
  { code: "DL3001", severity: "info", checks: "Pointless commands in a container (`ssh`, `vim`, `shutdown`…)", rules: [], why: "Not covered, because whether a tool belongs in an image is the author's choice, and the list flags legitimate uses (`ps` in health checks, `mount` in build scripts)." },
  { code: "DL3002", severity: "warning", checks: "Last USER should not be root", rules: ["last-user-not-root"] },
  { code: "DL3003", severity: "warning", checks: "Use WORKDIR instead of `cd`", rules: ["no-cd-in-run"], note: "(subshells and `$(…)` exempt; WORKDIR suggestion)" },
  { code: "DL3004", severity: "error", checks: "No `sudo`", rules: ["no-sudo"] },
  { code: "DL3006", severity: "warning", checks: "Base image needs a tag", rules: ["pin-base-image"], note: "(also resolves `FROM ${VAR}`, `COPY --from`, mounts)" },
  { code: "DL3007", severity: "warning", checks: "No `:latest`", rules: ["pin-base-image"] },
  { code: "DL3008", managers: ["apt"], severity: "warning", checks: "Pin `apt-get install` versions", rules: ["pin-package-versions"] },
  { code: "DL3009", severity: "info", checks: "Delete the apt lists", rules: ["clean-package-cache"], note: "(cache and tmpfs mounts count; stage-aware)" },
  { code: "DL3010", severity: "info", checks: "Use ADD to extract local archives", rules: [], why: "Not covered, because `COPY` then `RUN tar` is a deliberate choice as often as not (extracting part of an archive, checking it first, `--strip-components`), and ADD's unpacking by content is the hidden behaviour [prefer-copy](rules/prefer-copy.md) steers away from." },
  { code: "DL3011", severity: "error", checks: "EXPOSE port in 0–65535", rules: ["valid-expose"] },
  { code: "DL3012", severity: "error", checks: "Only one HEALTHCHECK", rules: ["single-cmd-entrypoint-healthcheck"] },
  { code: "DL3013", managers: ["pip"], severity: "warning", checks: "Pin pip versions", rules: ["pin-package-versions"] },
  { code: "DL3014", severity: "warning", checks: "`apt-get install -y`", rules: ["apt-get-yes"] },
  { code: "DL3015", severity: "info", checks: "`--no-install-recommends`", rules: ["apt-no-install-recommends"] },
  { code: "DL3016", managers: ["npm"], severity: "warning", checks: "Pin npm versions", rules: ["pin-package-versions"] },
  { code: "DL3018", managers: ["apk"], severity: "warning", checks: "Pin `apk add` versions", rules: ["pin-package-versions"] },
  { code: "DL3019", severity: "info", checks: "`apk add --no-cache`", rules: ["clean-package-cache"] },
  { code: "DL3020", severity: "error", checks: "COPY instead of ADD for files", rules: ["prefer-copy"], note: "; remote ADD sources are checked by [require-add-checksum](rules/require-add-checksum.md)" },
  { code: "DL3021", severity: "error", checks: "COPY of several sources needs a destination ending in `/`", rules: ["copy-multiple-sources-needs-dir"] },
  { code: "DL3022", severity: "warning", checks: "`COPY --from` must name an earlier stage", rules: ["copy-from-stage"] },
  { code: "DL3023", severity: "error", checks: "`COPY --from` cannot name its own stage", rules: ["copy-from-stage"] },
  { code: "DL3024", severity: "error", checks: "Stage names unique", rules: ["no-duplicate-stage-name"] },
  { code: "DL3025", severity: "warning", checks: "JSON form for CMD/ENTRYPOINT", rules: ["prefer-exec-form", "valid-exec-form"], note: "(the second for broken arrays, which Docker runs in shell form)" },
  { code: "DL3026", severity: "error", checks: "Only trusted registries", rules: ["allowed-registries"], note: "(option `registries`)" },
  { code: "DL3027", severity: "warning", checks: "`apt-get`, not `apt`", rules: ["prefer-apt-get"] },
  { code: "DL3028", managers: ["gem"], severity: "warning", checks: "Pin `gem install` versions", rules: ["pin-package-versions"] },
  { code: "DL3029", severity: "warning", checks: "No `FROM --platform`", rules: ["no-constant-platform"], note: "(only constant platforms; `$BUILDPLATFORM` is the documented use)" },
  { code: "DL3030", severity: "warning", checks: "`yum install -y`", rules: ["apt-get-yes"] },
  { code: "DL3032", severity: "warning", checks: "`yum clean all`", rules: ["clean-package-cache"] },
  { code: "DL3033", managers: ["yum"], severity: "warning", checks: "Pin yum versions", rules: ["pin-package-versions"] },
  { code: "DL3034", severity: "warning", checks: "zypper non-interactive", rules: ["apt-get-yes"] },
  { code: "DL3035", severity: "warning", checks: "No `zypper dist-upgrade`", rules: [], why: "Not covered, because hadolint retired the same rule for apt, apk, yum and dnf (DL3005, DL3017, DL3031, DL3039) on the grounds that upgrading in an image is legitimate; the pinning rules address reproducibility." },
  { code: "DL3036", severity: "warning", checks: "`zypper clean`", rules: ["clean-package-cache"] },
  { code: "DL3037", managers: ["zypper"], severity: "warning", checks: "Pin zypper versions", rules: ["pin-package-versions"] },
  { code: "DL3038", severity: "warning", checks: "`dnf install -y`", rules: ["apt-get-yes"] },
  { code: "DL3040", severity: "warning", checks: "`dnf clean all`", rules: ["clean-package-cache"] },
  { code: "DL3041", managers: ["dnf", "microdnf"], severity: "warning", checks: "Pin dnf versions", rules: ["pin-package-versions"] },
  { code: "DL3042", severity: "warning", checks: "`pip --no-cache-dir`", rules: ["clean-package-cache"] },
  { code: "DL3043", severity: "error", checks: "No ONBUILD, FROM or MAINTAINER in ONBUILD", rules: [], why: "Not covered, because BuildKit rejects such a Dockerfile when it parses it, so the build already fails with a clear message." },
  { code: "DL3044", severity: "error", checks: "ENV must not use a variable it defines itself", rules: ["no-env-same-instruction-reference"], note: "(also when the variable had a value before, which hadolint lets pass)" },
  { code: "DL3045", severity: "warning", checks: "COPY to a relative destination without WORKDIR", rules: [], why: "Not covered, because the base image's WORKDIR is unknown to a linter and the destination is then relative to it by design; [workdir-absolute](rules/workdir-absolute.md) keeps WORKDIR itself explicit." },
  { code: "DL3046", severity: "warning", checks: "`useradd -l` with high UIDs", rules: ["useradd-no-log-init"] },
  { code: "DL3047", severity: "info", checks: "`wget --progress`", rules: [], why: "Not covered, because log size is a matter of taste, not a build or cache problem." },
  { code: "DL3048", severity: "style", through: "DL3058", checks: "Label keys and label schemas (URL, RFC 3339, SPDX, semver, e-mail…); DL3057 HEALTHCHECK missing", rules: [], why: "Not covered, because label schemas are per-organisation policies; use `LABEL org.opencontainers.image.*` as [no-maintainer](rules/no-maintainer.md)'s fix does. A missing HEALTHCHECK is not an error: orchestrators usually probe health themselves." },
  { code: "DL3059", severity: "info", checks: "Merge consecutive RUN instructions", rules: [], why: "**Deliberately not provided**: it fights cache granularity (see below)." },
  { code: "DL3060", severity: "info", checks: "`yarn cache clean`", rules: ["clean-package-cache"] },
  { code: "DL3061", severity: "error", checks: "File must start with FROM, ARG or a comment", rules: ["first-instruction"] },
  { code: "DL3062", managers: ["go"], severity: "warning", checks: "Pin `go install` versions", rules: ["pin-package-versions"] },
  { code: "DL3063", severity: "warning", checks: "Stage name is not a reserved word", rules: ["no-reserved-stage-name"] },
  { code: "DL3064", severity: "warning", checks: "Secrets in ARG or ENV", rules: ["no-secrets-in-build-args"] },
  { code: "DL3065", severity: "warning", checks: "`FROM --platform=$TARGETPLATFORM` is redundant", rules: ["no-redundant-target-platform"] },
  { code: "DL3066", severity: "info", checks: "Non-numeric USER", rules: [], why: "Not covered, because it only matters to policies that check `runAsNonRoot` by UID; [last-user-not-root](rules/last-user-not-root.md) covers running as root." },
  { code: "DL3067", severity: "warning", checks: "`COPY --from=<stage> / /`", rules: ["no-copy-root-fs"] },
  { code: "DL4000", severity: "error", checks: "MAINTAINER is deprecated", rules: ["no-maintainer"], note: "(fix to an OCI label)" },
  { code: "DL4001", severity: "warning", checks: "Either wget or curl, not both", rules: [], why: "Not covered, because using both costs a package, not a correct or reproducible build." },
  { code: "DL4003", severity: "warning", checks: "Only one CMD", rules: ["single-cmd-entrypoint-healthcheck"] },
  { code: "DL4004", severity: "error", checks: "Only one ENTRYPOINT", rules: ["single-cmd-entrypoint-healthcheck"] },
  { code: "DL4005", severity: "warning", checks: "Use SHELL to change the shell", rules: [], why: "Not covered, because replacing `/bin/sh` with a link is rare and sometimes the intent (images that must run `sh` scripts with bash)." },
  { code: "DL4006", severity: "warning", checks: "`set -o pipefail` before a pipe", rules: ["require-pipefail"] },
];

export interface BuildkitCheck {
  /** BuildKit's check name, as `# check=skip=` spells it (case-sensitive). */
  name: string;
  rules: readonly string[];
  note?: string;
  why?: string;
}

export const BUILDKIT_CHECKS: readonly BuildkitCheck[] = [
  { name: "StageNameCasing", rules: ["stage-name-casing"], note: "(suggestion renames every reference)" },
  { name: "FromAsCasing", rules: ["from-as-casing"] },
  { name: "NoEmptyContinuation", rules: ["no-empty-continuation"] },
  { name: "ConsistentInstructionCasing", rules: ["consistent-instruction-casing"] },
  { name: "DuplicateStageName", rules: ["no-duplicate-stage-name"] },
  { name: "ReservedStageName", rules: ["no-reserved-stage-name"] },
  { name: "JSONArgsRecommended", rules: ["prefer-exec-form"] },
  { name: "MaintainerDeprecated", rules: ["no-maintainer"] },
  { name: "UndefinedArgInFrom", rules: ["no-undefined-arg-in-from"] },
  { name: "WorkdirRelativePath", rules: ["workdir-absolute"] },
  { name: "UndefinedVar", rules: ["no-undefined-var", "no-env-same-instruction-reference"], note: "(the second for `ENV A=1 B=$A`)" },
  { name: "MultipleInstructionsDisallowed", rules: ["single-cmd-entrypoint-healthcheck"] },
  { name: "LegacyKeyValueFormat", rules: ["legacy-key-value-format"] },
  { name: "InvalidBaseImagePlatform", rules: [], why: "Not covered, because it compares the platform of the pulled base image with the requested one, which only the build knows (it has no documentation page and runs during the build)." },
  { name: "RedundantTargetPlatform", rules: ["no-redundant-target-platform"] },
  { name: "SecretsUsedInArgOrEnv", rules: ["no-secrets-in-build-args"] },
  { name: "InvalidDefaultArgInFrom", rules: ["valid-arg-default-in-from"] },
  { name: "FromPlatformFlagConstDisallowed", rules: ["no-constant-platform"] },
  { name: "CopyIgnoredFile", rules: ["copy-ignored-file"], note: "(reads the `.dockerignore` beside the Dockerfile)" },
  { name: "InvalidDefinitionDescription", rules: [], why: "Not covered, because it is an experimental check for `# description` comments read by `docker buildx build --call=outline`, off by default in BuildKit." },
  { name: "ExposeProtoCasing", rules: ["valid-expose"] },
  { name: "ExposeInvalidFormat", rules: ["valid-expose"] },
];

/**
 * Codes that stand for some findings of one rule rather than all of them: a
 * finding matches when its message data carries the code (`data.code`).
 */
export interface FindingCodeFamily {
  /** `SC` for ShellCheck's `SC2086`. */
  prefix: string;
  rule: string;
  /** For the table: the codes, what hadolint checks, and what to say while the plugin lacks the rule. */
  label: string;
  checks: string;
  note: string;
  missing: string;
}

export const FINDING_CODE_FAMILIES: readonly FindingCodeFamily[] = [
  {
    prefix: "SC",
    rule: "shellcheck",
    label: "SCxxxx",
    checks: "ShellCheck on the script of each shell-form RUN",
    note: "(needs the `shellcheck` binary; in `strict` and `all`; a code in `# hadolint ignore=` silences only the findings with that code): see below.",
    missing: "Not covered: see below.",
  },
];

const byCode = new Map<string, readonly string[]>();
for (const entry of HADOLINT_CODES) {
  if (entry.through === undefined) {
    byCode.set(entry.code, entry.rules);
    continue;
  }
  const first = Number(entry.code.slice(2));
  const last = Number(entry.through.slice(2));
  for (let n = first; n <= last; n++) byCode.set(`DL${n}`, entry.rules);
}

const byCheck = new Map(BUILDKIT_CHECKS.map((check) => [check.name, check.rules]));

/** Rule names for a hadolint DL code; empty for codes no rule covers or that do not exist. */
export function rulesForHadolintCode(code: string): readonly string[] {
  return byCode.get(code) ?? [];
}

/** Rule names for a BuildKit check name (exact case, as BuildKit compares it). */
export function rulesForBuildkitCheck(name: string): readonly string[] {
  return byCheck.get(name) ?? [];
}

/** Every rule some BuildKit check maps to, for `skip=all` and `error=true`. */
export function buildkitRules(): string[] {
  return [...new Set(BUILDKIT_CHECKS.flatMap((check) => check.rules))];
}

/** The family of a code such as `SC2086`, when one rule reports such codes in its findings. */
export function findingCodeFamily(code: string): FindingCodeFamily | undefined {
  return FINDING_CODE_FAMILIES.find((family) => code.startsWith(family.prefix) && /^\d+$/u.test(code.slice(family.prefix.length)));
}
