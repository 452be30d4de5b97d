/**
 * `.hadolint.yaml` as ESLint settings: which rules run and which of them fail
 * the build, as hadolint decides it from `ignored`, `override` and
 * `failure-threshold`; `trustedRegistries` as allowed-registries; the rest
 * either translated (`disable-ignore-pragma`) or named as not carried over.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadOnUse } from "../loading/index.js";
import { FINDING_CODE_FAMILIES, HADOLINT_CODES } from "./codes.js";
import type { HadolintSeverity } from "./codes.js";

/** Read only when a .hadolint.yaml is found. */
const yamlParser = loadOnUse("yaml-eslint-parser") as () => typeof import("yaml-eslint-parser");

/** Where `dockerfile-lint` looks, in hadolint's order for the working directory (then hadolint.yaml). */
export const HADOLINT_CONFIG_NAMES = [".hadolint.yaml", ".hadolint.yml", "hadolint.yaml"];

export type RuleEntry = "error" | "warn" | "off" | ["error" | "warn", Record<string, unknown>];

export interface HadolintTranslation {
  /** Rule names without `dockerfile/`. */
  rules: Record<string, RuleEntry>;
  /** Why each rule got its setting, for comments in a written config. */
  reasons: Record<string, string>;
  languageOptions: { hadolintPragmas?: false };
  /** Settings that do not carry over, one sentence each. */
  notes: string[];
}

const SEVERITY_RANK: Record<HadolintSeverity, number> = { error: 4, warning: 3, info: 2, style: 1, ignore: 0 };
const THRESHOLDS = new Set(["error", "warning", "info", "style", "ignore", "none"]);

export class HadolintConfigError extends Error {}

function stringList(value: unknown, key: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return [value];
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw new HadolintConfigError(`'${key}' must be a list of strings`);
  }
  return value as string[];
}

/**
 * `ruleNames`: the plugin's rules, so that codes of a rule the plugin lacks
 * (ShellCheck's, before that rule exists) are named as not carried over.
 */
export function translateHadolintConfig(text: string, ruleNames: ReadonlySet<string>): HadolintTranslation {
  let raw: unknown;
  try {
    const { getStaticYAMLValue, parseYAML } = yamlParser();
    raw = getStaticYAMLValue(parseYAML(text));
  } catch (error) {
    if (!(error instanceof yamlParser().ParseError)) throw error;
    throw new HadolintConfigError(`not valid YAML: ${error.message.split("\n")[0] ?? ""}`);
  }
  const config = (raw ?? {}) as Record<string, unknown>;
  if (typeof config !== "object" || Array.isArray(config)) throw new HadolintConfigError("the top level must be a mapping");

  const notes: string[] = [];
  const severityOf = new Map<string, HadolintSeverity>();
  for (const code of stringList(config.ignored, "ignored")) severityOf.set(code, "ignore");
  const override = (config.override ?? {}) as Record<string, unknown>;
  if (typeof override !== "object" || Array.isArray(override)) throw new HadolintConfigError("'override' must be a mapping");
  for (const level of ["error", "warning", "info", "style"] as const) {
    for (const code of stringList(override[level], `override.${level}`)) if (severityOf.get(code) !== "ignore") severityOf.set(code, level);
  }

  let threshold = config["failure-threshold"] ?? "info";
  if (typeof threshold !== "string" || !THRESHOLDS.has(threshold)) throw new HadolintConfigError(`'failure-threshold' must be one of ${[...THRESHOLDS].join(", ")}`);
  if (config["no-fail"] === true) {
    threshold = "none";
    notes.push("no-fail: true: every rule is a warning, so only --max-warnings can fail a run.");
  }
  const fails = (severity: HadolintSeverity): boolean => threshold !== "none" && severity !== "ignore" && SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold as HadolintSeverity];

  // Each rule: on when one of its codes is on, an error when one of those fails the build.
  const rules: Record<string, RuleEntry> = {};
  const reasons: Record<string, string> = {};
  const perRule = new Map<string, { on: string[]; off: string[]; failing: boolean; managers: Set<string> }>();
  for (const entry of HADOLINT_CODES) {
    if (entry.through || entry.rules.length === 0) continue;
    const severity = severityOf.get(entry.code) ?? entry.severity;
    for (const rule of entry.rules) {
      const state = perRule.get(rule) ?? { on: [], off: [], failing: false, managers: new Set<string>() };
      if (severity === "ignore") state.off.push(entry.code);
      else {
        state.on.push(entry.code);
        if (fails(severity)) state.failing = true;
        for (const manager of entry.managers ?? []) state.managers.add(manager);
      }
      perRule.set(rule, state);
    }
  }
  const trusted = stringList(config.trustedRegistries, "trustedRegistries");
  for (const [rule, state] of perRule) {
    if (rule === "allowed-registries" && trusted.length === 0) continue;
    if (state.on.length === 0) {
      rules[rule] = "off";
      reasons[rule] = `${state.off.join(", ")} ignored`;
      continue;
    }
    const level = state.failing ? "error" : "warn";
    reasons[rule] = state.off.length > 0 ? `${state.on.join(", ")}; ${state.off.join(", ")} ignored` : state.on.join(", ");
    if (rule === "pin-package-versions") {
      // hadolint has no cargo check; the plugin's is kept.
      rules[rule] = [level, { managers: [...state.managers, "cargo"] }];
    } else if (rule === "allowed-registries") {
      rules[rule] = [level, { registries: trusted }];
      reasons[rule] += ": trustedRegistries";
    } else {
      rules[rule] = level;
    }
  }

  const scCodes = [...severityOf].filter(([code]) => /^SC\d+$/u.test(code));
  const family = FINDING_CODE_FAMILIES.find((candidate) => candidate.prefix === "SC");
  if (family && ruleNames.has(family.rule)) {
    const ignored = scCodes.filter(([, severity]) => severity === "ignore").map(([code]) => code);
    // hadolint runs ShellCheck with SC1090, SC1091 and SC2187 excluded.
    rules[family.rule] = ["warn", { exclude: ["SC1090", "SC1091", "SC2187", ...ignored] }];
    reasons[family.rule] = ignored.length > 0 ? `SCxxxx; ${ignored.join(", ")} ignored` : "SCxxxx";
    if (scCodes.some(([, severity]) => severity !== "ignore")) notes.push("override of SC codes: ShellCheck findings are all warnings here; set the rule's severity instead.");
  } else if (scCodes.length > 0) {
    notes.push(`${scCodes.map(([code]) => code).join(", ")}: ShellCheck codes, and this version has no ShellCheck rule.`);
  }

  const languageOptions: HadolintTranslation["languageOptions"] = {};
  if (config["disable-ignore-pragma"] === true) languageOptions.hadolintPragmas = false;

  const unknown = [...severityOf.keys()].filter((code) => !/^SC\d+$/u.test(code) && !HADOLINT_CODES.some((entry) => entry.code === code || (entry.through && code > entry.code && code <= entry.through)));
  if (unknown.length > 0) notes.push(`${unknown.join(", ")}: not hadolint codes this mapping knows, so nothing was set for them.`);
  if (config["label-schema"] !== undefined) notes.push("label-schema: not supported, since no rule checks label schemas (DL3049–DL3058).");
  if (config["strict-labels"] !== undefined) notes.push("strict-labels: not supported, since no rule checks label schemas (DL3050).");
  for (const key of ["format", "formats", "no-color", "verbose"]) {
    if (config[key] !== undefined) notes.push(`${key}: an option of the command line here (dockerfile-lint --format, --color), not of the config.`);
  }
  const known = new Set(["ignored", "override", "trustedRegistries", "failure-threshold", "no-fail", "disable-ignore-pragma", "label-schema", "strict-labels", "format", "formats", "no-color", "verbose"]);
  for (const key of Object.keys(config)) if (!known.has(key)) notes.push(`${key}: not a hadolint setting, so it was left out.`);
  if (config["failure-threshold"] === "none") notes.push("failure-threshold: none: findings never fail a run, so every rule is a warning.");
  return { rules, reasons, languageOptions, notes };
}

/** The first hadolint config in `dir`, by hadolint's names, or undefined. */
export function findHadolintConfig(dir: string): string | undefined {
  for (const name of HADOLINT_CONFIG_NAMES) {
    const file = path.join(dir, name);
    if (existsSync(file)) return file;
  }
  return undefined;
}

export function readHadolintConfig(file: string, ruleNames: ReadonlySet<string>): HadolintTranslation {
  return translateHadolintConfig(readFileSync(file, "utf8"), ruleNames);
}
