/**
 * `--format github`: workflow commands that the Actions runner turns into
 * annotations. The escaping is checked by reading the commands back the way
 * the runner does (split at the first `::`, properties at `,` and `=`, then
 * unescape), so a message or path with `%`, `:`, `,` or a newline survives.
 */
import path from "node:path";
import type { Linter } from "eslint";
import { describe, expect, it, vi } from "vitest";
import { escapeData, escapeProperty, workflowCommand } from "../../lib/cli/formatters/github.js";
import { runCli, temporaryProjects } from "../cli/helpers.js";

vi.setConfig({ testTimeout: 120_000 });

const project = temporaryProjects();

interface ParsedCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

const unescapeData = (text: string): string => text.replaceAll("%0D", "\r").replaceAll("%0A", "\n").replaceAll("%25", "%");
const unescapeProperty = (text: string): string => unescapeData(text.replaceAll("%3A", ":").replaceAll("%2C", ","));

/** The runner's reading of `::command k=v,k=v::message` (actions/runner ActionCommand.TryParseV2). */
function parseCommand(line: string): ParsedCommand | undefined {
  if (!line.startsWith("::")) return undefined;
  const end = line.indexOf("::", 2);
  if (end < 0) return undefined;
  const head = line.slice(2, end);
  const space = head.indexOf(" ");
  const command = space < 0 ? head : head.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of head.slice(space + 1).split(",")) {
      const eq = pair.indexOf("=");
      if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
  }
  return { command, properties, message: unescapeData(line.slice(end + 2)) };
}

const message = (extra: Partial<Linter.LintMessage>): Linter.LintMessage => ({
  ruleId: "dockerfile/pin-base-image",
  severity: 2,
  message: "m",
  line: 1,
  column: 1,
  ...extra,
});

describe("workflow command escaping", () => {
  it("escapes %, CR and LF in the message, and also : and , in properties", () => {
    expect(escapeData("100% done\r\nnext: a,b")).toBe("100%25 done%0D%0Anext: a,b");
    expect(escapeProperty("C:\\x,y%\n")).toBe("C%3A\\x%2Cy%25%0A");
  });

  it("a message and a path full of special characters read back unchanged, on one line", () => {
    const text = "Image 'a:b,c' is 100% unpinned:\nsee %0A and ::x::";
    const file = "dir,with:odd/%41 name/Dockerfile";
    const line = workflowCommand(message({ message: text, line: 3, column: 6, endLine: 3, endColumn: 12 }), file);
    expect(line).not.toMatch(/[\r\n]/u);
    expect(parseCommand(line)).toEqual({
      command: "error",
      properties: { file, line: "3", col: "6", endLine: "3", endColumn: "12", title: "dockerfile/pin-base-image" },
      message: text,
    });
  });

  it("warnings are warning commands; a finding without an end has no end properties; one without a rule is titled by its kind", () => {
    expect(parseCommand(workflowCommand(message({ severity: 1 }), "Dockerfile"))?.command).toBe("warning");
    expect(parseCommand(workflowCommand(message({ ruleId: null, fatal: true, line: 0, column: 0 }), "Dockerfile"))?.properties).toEqual({
      file: "Dockerfile",
      line: "1",
      col: "1",
      title: "parse-error",
    });
  });
});

describe.concurrent("dockerfile-lint --format github", () => {
  it("prints one command per finding with the file relative to the working directory, and exits as usual", async () => {
    const dir = await project({ Dockerfile: "FROM ubuntu\n", "svc/a,b/Dockerfile": "# eslint-disable-next-line dockerfile/pin-base-image\nFROM node\nFROM node:latest\n" });
    const { code, stdout, stderr } = await runCli(["--rule", "dockerfile/pin-base-image: error", "--format", "github"], { cwd: dir, env: { GITHUB_WORKSPACE: undefined } });
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const commands = stdout.trimEnd().split("\n").map(parseCommand);
    const pins = commands.filter((command) => command?.properties.title === "dockerfile/pin-base-image");
    // The suppressed FROM node on line 2 is not annotated.
    expect(pins.map((command) => [command?.command, command?.properties.file, command?.properties.line, command?.properties.col])).toEqual([
      ["error", "Dockerfile", "1", "6"],
      ["error", "svc/a,b/Dockerfile", "3", "6"],
    ]);
    expect(pins[0]?.properties.endColumn).toBe("12");
    expect(pins[0]?.message).toContain("'ubuntu'");
  });

  it("paths are relative to GITHUB_WORKSPACE in a job", async () => {
    const dir = await project({ "app/Dockerfile": "FROM ubuntu\n" });
    const { stdout } = await runCli(["--rule", "dockerfile/pin-base-image: error", "-f", "github", "Dockerfile"], {
      cwd: path.join(dir, "app"),
      env: { GITHUB_WORKSPACE: dir },
    });
    expect(stdout.split("\n").map(parseCommand).find((command) => command?.properties.title === "dockerfile/pin-base-image")?.properties.file).toBe("app/Dockerfile");
  });

  it("a clean run prints nothing", async () => {
    const dir = await project({ Dockerfile: `FROM alpine:3.20@sha256:${"ab".repeat(32)}\nCMD ["sh"]\n` });
    const { code, stdout } = await runCli(["-f", "github"], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toBe("");
  });
});
