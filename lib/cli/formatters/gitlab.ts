/**
 * `--format gitlab`: GitLab's code quality report (a subset of Code Climate's
 * issue format) for `artifacts:reports:codequality`. One issue per message:
 * `description`, `check_name`, `fingerprint`, `severity` and `location` with
 * the path relative to the project directory and the lines.
 * https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
 */
import { createHash } from "node:crypto";
import path from "node:path";
import type { ESLint, Linter } from "eslint";

export interface CodeQualityIssue {
  type: "issue";
  check_name: string;
  description: string;
  categories: string[];
  severity: "info" | "minor" | "major" | "critical" | "blocker";
  fingerprint: string;
  location: { path: string; lines: { begin: number; end: number } };
}

function severityOf(message: Linter.LintMessage): CodeQualityIssue["severity"] {
  if (message.fatal === true) return "critical";
  return message.severity === 2 ? "major" : "minor";
}

/** Code Climate's categories: ESLint's `problem` rules (and parse errors) are bug risks, the rest style. */
function categoryOf(message: Linter.LintMessage, rulesMeta: ESLint.LintResultData["rulesMeta"]): string {
  if (message.ruleId === null) return "Bug Risk";
  const type = Object.hasOwn(rulesMeta, message.ruleId) ? rulesMeta[message.ruleId]?.type : undefined;
  return type === "problem" ? "Bug Risk" : "Style";
}

/** The path GitLab shows: relative to `CI_PROJECT_DIR` in a job, else to ESLint's `cwd`, with `/`. */
function reportPath(file: string, base: string): string {
  const relative = path.relative(base, file);
  const shown = relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
  return shown.split(path.sep).join("/");
}

/**
 * Issues of a run. The fingerprint hashes the file, the rule, the message and
 * how many identical ones came before in the file, not the line: an issue
 * keeps its identity when lines above it move, so merge requests show only
 * new and fixed issues.
 */
export function codeQualityIssues(
  results: readonly ESLint.LintResult[],
  base: string,
  rulesMeta: ESLint.LintResultData["rulesMeta"] = {},
): CodeQualityIssue[] {
  const issues: CodeQualityIssue[] = [];
  for (const result of results) {
    const file = reportPath(result.filePath, base);
    const seen = new Map<string, number>();
    for (const message of result.messages) {
      const checkName = message.ruleId ?? (message.fatal === true ? "parse-error" : "eslint");
      const key = `${file}\0${checkName}\0${message.message}`;
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      const begin = Math.max(message.line, 1);
      issues.push({
        type: "issue",
        check_name: checkName,
        description: message.message,
        categories: [categoryOf(message, rulesMeta)],
        severity: severityOf(message),
        fingerprint: createHash("md5").update(`${key}\0${occurrence}`).digest("hex"),
        location: { path: file, lines: { begin, end: Math.max(message.endLine ?? begin, begin) } },
      });
    }
  }
  return issues;
}

const format: ESLint.FormatterFunction = (results, context) => {
  const base = process.env.CI_PROJECT_DIR ?? context.cwd;
  return `${JSON.stringify(codeQualityIssues(results, base, context.rulesMeta), null, 2)}\n`;
};

export default format;
