/**
 * `--format sarif`: a SARIF 2.1.0 log (OASIS standard, errata 01) for GitHub
 * code scanning and other SARIF viewers. File URIs are relative to the
 * `%SRCROOT%` base, the directory the command ran in, recorded in
 * `originalUriBaseIds` (§3.14.14), so the report does not depend on the
 * machine that made it; files outside that directory get `../` references.
 * Each rule that reported is described with its page's help; suppressed
 * findings come with `suppressions` (§3.27.23), which viewers show as closed.
 *
 * Also an ESLint formatter: `eslint -f ./node_modules/eslint-plugin-dockerfile/formatters/sarif.js`.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ESLint, Linter, Rule } from "eslint";
import { packageInfo } from "../../package-info.js";
import { ruleHelp } from "./rule-help.js";
import type { RuleHelp } from "./rule-help.js";

export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
export const SRCROOT = "%SRCROOT%";
const FINGERPRINT = "dockerfileLint/v1";

type Level = "error" | "warning" | "note";

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

interface Suppression {
  kind: "inSource" | "external";
  status: "accepted";
  justification?: string;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: ArtifactLocation; region: Region } }[];
  partialFingerprints: Record<string, string>;
  suppressions?: Suppression[];
}

export interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri?: string;
  help: { text: string; markdown?: string };
  properties?: { tags: string[] };
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: SarifRule[] } };
    originalUriBaseIds: Record<string, { uri: string; description: { text: string } }>;
    columnKind: "utf16CodeUnits";
    results: SarifResult[];
  }[];
}

/** The options a formatter gets from ESLint that this one reads. */
export interface SarifContext {
  cwd: string;
  rulesMeta: Record<string, Rule.RuleMetaData>;
}

/** Findings without a rule id come from ESLint itself: a file it could not parse, an unused directive. */
const ESLINT_RULES: Record<string, string> = {
  "parse-error": "The file could not be parsed, so no rule checked it.",
  "unused-disable-directive": "An eslint-disable comment that suppresses nothing.",
  eslint: "A problem that ESLint reported about the file or the configuration.",
};

function ruleIdOf(message: Linter.LintMessage): string {
  if (message.ruleId !== null) return message.ruleId;
  if (message.fatal === true) return "parse-error";
  return /^Unused eslint-(?:disable|enable)/u.test(message.message) ? "unused-disable-directive" : "eslint";
}

/** `file:///work/app/` for `/work/app`: a base URI ends with a slash. */
export function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith("/") ? href : `${href}/`;
}

/** A relative reference from the base directory, `..` segments included; absolute only across drives. */
export function artifactLocation(file: string, base: string): ArtifactLocation {
  const relative = path.relative(base, file);
  if (!path.isAbsolute(file) || path.isAbsolute(relative)) {
    return path.isAbsolute(file) ? { uri: pathToFileURL(file).href } : { uri: file.split(path.sep).map(encodeURIComponent).join("/") };
  }
  return { uri: relative.split(path.sep).map(encodeURIComponent).join("/"), uriBaseId: SRCROOT };
}

/** Code scanning wants all four numbers; a finding without an end is an empty region at its start. */
function regionOf(message: Linter.LintMessage): Region {
  const startLine = Math.max(message.line, 1);
  const startColumn = Math.max(message.column, 1);
  const endLine = message.endLine ?? startLine;
  const endColumn = message.endColumn ?? startColumn;
  const ordered = endLine > startLine || (endLine === startLine && endColumn >= startColumn);
  return ordered && endColumn >= 1 ? { startLine, startColumn, endLine, endColumn } : { startLine, startColumn, endLine: startLine, endColumn: startColumn };
}

/**
 * The file, the rule, the message and how many identical findings came before
 * it in the file, not the line: a finding keeps its identity when lines above
 * it move, so code scanning shows only new and fixed ones.
 */
function fingerprint(uri: string, ruleId: string, text: string, seen: Map<string, number>): string {
  const key = `${uri}\0${ruleId}\0${text}`;
  const occurrence = seen.get(key) ?? 0;
  seen.set(key, occurrence + 1);
  return createHash("sha256").update(`${key}\0${occurrence}`).digest("hex");
}

function suppressionsOf(message: Linter.SuppressedLintMessage): Suppression[] {
  return message.suppressions.map(({ kind, justification }) => {
    const suppression: Suppression = { kind: kind === "directive" ? "inSource" : "external", status: "accepted" };
    if (justification.trim() !== "") suppression.justification = justification.trim();
    return suppression;
  });
}

function describeRule(id: string, meta: Rule.RuleMetaData | undefined): SarifRule {
  const description = meta?.docs?.description ?? (Object.hasOwn(ESLINT_RULES, id) ? ESLINT_RULES[id] : undefined) ?? `The ${id} rule.`;
  const url = meta?.docs?.url !== undefined && URL.canParse(meta.docs.url) ? meta.docs.url : undefined;
  const page: RuleHelp | undefined = url === undefined ? undefined : ruleHelp(id, url);
  const rule: SarifRule = {
    id,
    shortDescription: { text: description },
    fullDescription: { text: page?.text ?? description },
    help: page ?? { text: url === undefined ? description : `${description} See ${url}` },
  };
  if (url !== undefined) rule.helpUri = url;
  if (meta?.type !== undefined) rule.properties = { tags: [meta.type] };
  return rule;
}

export function sarifLog(results: readonly ESLint.LintResult[], context: SarifContext): SarifLog {
  const base = path.resolve(context.cwd);
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const indexOf = (id: string): number => {
    let index = ruleIndex.get(id);
    if (index === undefined) {
      index = rules.length;
      ruleIndex.set(id, index);
      rules.push(describeRule(id, Object.hasOwn(context.rulesMeta, id) ? context.rulesMeta[id] : undefined));
    }
    return index;
  };

  const sarifResults: SarifResult[] = [];
  for (const result of results) {
    const location = artifactLocation(result.filePath, base);
    const seen = new Map<string, number>();
    const add = (message: Linter.LintMessage, suppressions?: Suppression[]): void => {
      const ruleId = ruleIdOf(message);
      const entry: SarifResult = {
        ruleId,
        ruleIndex: indexOf(ruleId),
        level: message.severity === 2 ? "error" : "warning",
        message: { text: message.message },
        locations: [{ physicalLocation: { artifactLocation: { ...location }, region: regionOf(message) } }],
        partialFingerprints: { [FINGERPRINT]: fingerprint(location.uri, ruleId, message.message, seen) },
      };
      if (suppressions !== undefined) entry.suppressions = suppressions;
      sarifResults.push(entry);
    };
    for (const message of result.messages) add(message);
    for (const message of result.suppressedMessages) add(message, suppressionsOf(message));
  }

  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: packageInfo.name,
            version: packageInfo.version,
            semanticVersion: packageInfo.version,
            informationUri: packageInfo.homepage,
            rules,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(base), description: { text: "The directory the linter ran in." } } },
        columnKind: "utf16CodeUnits",
        results: sarifResults,
      },
    ],
  };
}

const format: ESLint.FormatterFunction = (results, context) => `${JSON.stringify(sarifLog(results, context), null, 2)}\n`;

export default format;
