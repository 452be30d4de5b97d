/**
 * `--format github`: GitHub Actions workflow commands, one per finding,
 * which the runner turns into annotations on the lines of the pull request:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=dockerfile/rule::message`.
 * Paths are relative to `GITHUB_WORKSPACE` (the checkout) in a job, else to
 * the directory the command ran in.
 * https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands
 */
import path from "node:path";
import type { ESLint, Linter } from "eslint";

/** A command's message: `%`, CR and LF are escaped, as the runner reads them back. */
export function escapeData(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

/** A property value: also `:` and `,`, which would end the value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

function displayPath(file: string, base: string): string {
  const relative = path.relative(base, file);
  const shown = relative === "" || path.isAbsolute(relative) ? file : relative;
  return shown.split(path.sep).join("/");
}

export function workflowCommand(message: Linter.LintMessage, file: string): string {
  const command = message.severity === 2 ? "error" : "warning";
  const title = message.ruleId ?? (message.fatal === true ? "parse-error" : "eslint");
  const properties: [string, string | number | undefined][] = [
    ["file", file],
    ["line", Math.max(message.line, 1)],
    ["col", Math.max(message.column, 1)],
    ["endLine", message.endLine],
    ["endColumn", message.endColumn],
    ["title", title],
  ];
  const shown = properties
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${escapeProperty(String(value))}`)
    .join(",");
  return `::${command} ${shown}::${escapeData(message.message)}`;
}

/** The commands of a run; findings silenced by a comment are left out. */
export function workflowCommands(results: readonly ESLint.LintResult[], base: string): string[] {
  return results.flatMap((result) => {
    const file = displayPath(result.filePath, base);
    return result.messages.map((message) => workflowCommand(message, file));
  });
}

const format: ESLint.FormatterFunction = (results, context) => {
  const lines = workflowCommands(results, process.env.GITHUB_WORKSPACE ?? context.cwd);
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
};

export default format;
