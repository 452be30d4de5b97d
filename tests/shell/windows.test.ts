import { describe, it, expect } from "vitest";
import { buildTree } from "../../lib/language/index.js";
import type { RunNode } from "../../lib/language/index.js";
import { windowsCommandName, windowsCommands } from "../../lib/shell/index.js";
import type { WindowsDialect } from "../../lib/shell/index.js";

/** The commands of the file's first RUN: depth, context, connector and word values. */
function read(dialect: WindowsDialect, ...lines: string[]): [number, string, string | null, string[]][] {
  const text = lines.join("\n");
  const { ast } = buildTree(text);
  const run = ast.body.find((node): node is RunNode => node.type === "Run");
  if (!run) throw new Error("no RUN");
  return windowsCommands(run, text, ast.escapeChar, dialect).map((command) => [command.depth, command.context, command.next, command.words.map((word) => word.value)]);
}

/** The text each word of the first RUN's commands covers in the file. */
function spans(dialect: WindowsDialect, text: string): string[][] {
  const { ast } = buildTree(text);
  const run = ast.body.find((node): node is RunNode => node.type === "Run");
  if (!run) throw new Error("no RUN");
  return windowsCommands(run, text, ast.escapeChar, dialect).map((command) => command.words.map((word) => text.slice(word.start, word.end)));
}

describe("windowsCommandName", () => {
  it("reads names as Windows finds them: any case, no directory, no .exe", () => {
    expect(["curl.exe", "C:\\Program Files\\Git\\bin\\git.exe", "Invoke-WebRequest", "/usr/bin/CURL"].map(windowsCommandName)).toEqual(["curl", "git", "invoke-webrequest", "curl"]);
  });
});

describe("windowsCommands", () => {
  it("splits PowerShell statements at ; | && and script blocks, with env references as ${NAME}", () => {
    expect(read("powershell", "FROM x", "RUN Invoke-WebRequest -Uri $env:URL -OutFile 'a b.zip'; if ($true) { curl.exe -o x ${env:X}/y } | Out-Null && exit 0")).toEqual([
      [0, "top", ";", ["invoke-webrequest", "-Uri", "${URL}", "-OutFile", "a b.zip"]],
      [0, "top", null, ["if", "$(…)"]],
      [1, "substitution", null, ["$(…)"]],
      [0, "top", null, ["curl", "-o", "x", "${X}/y"]],
      [0, "top", "&&", ["out-null"]],
      [0, "top", null, ["exit", "0"]],
    ]);
  });

  it("reads cmd statements at & && || | and parentheses, with %NAME% as ${NAME} and ^ as an escape", () => {
    expect(read("cmd", "FROM x", 'RUN curl -fSLo "%ProgramFiles%\\x.exe" https://h/v%V%/x.exe && (start /w x.exe /quiet ^& echo ok) || exit 1')).toEqual([
      [0, "top", "&&", ["curl", "-fSLo", "${ProgramFiles}\\x.exe", "https://h/v${V}/x.exe"]],
      [0, "top", null, ["x", "/quiet", "&", "echo", "ok"]],
      [0, "top", null, ["exit", "1"]],
    ]);
  });

  it("reads the script of powershell -Command \"…\" in cmd, and a WebClient call inside iex", () => {
    const commands = read("cmd", "FROM x", "RUN powershell -NoProfile -Command \"Set-ExecutionPolicy Bypass; iex ((New-Object Net.WebClient).DownloadString('https://h/install.ps1'))\"");
    expect(commands.map(([depth, context, , words]) => [depth, context, words[0]])).toEqual([
      [0, "top", "powershell"],
      [1, "shell-c", "set-executionpolicy"],
      [1, "shell-c", "iex"],
      [2, "substitution", "$(…).DownloadString$(…)"],
      [3, "substitution", "new-object"],
      [3, "substitution", ".downloadstring"],
    ]);
    expect(commands.at(-1)?.[3]).toEqual([".downloadstring", "https://h/install.ps1"]);
  });

  it("reads $x = command as a command whose output is used, and other variables as unknown", () => {
    expect(read("powershell", "FROM x", "RUN $r = curl.exe -sL https://h/latest.json | ConvertFrom-Json; Invoke-WebRequest $url -OutFile $out")).toEqual([
      [0, "substitution", "|", ["curl", "-sL", "https://h/latest.json"]],
      [0, "top", ";", ["convertfrom-json"]],
      [0, "top", null, ["invoke-webrequest", "$(…)", "-OutFile", "$(…)"]],
    ]);
  });

  it("reads exec form: a PowerShell script after -Command, or the program itself", () => {
    expect(read("cmd", "FROM x", 'RUN ["powershell", "-Command", "iwr https://h/x.zip -OutFile x.zip; git clone https://h/r.git"]')).toEqual([
      [0, "top", ";", ["iwr", "https://h/x.zip", "-OutFile", "x.zip"]],
      [0, "top", null, ["git", "clone", "https://h/r.git"]],
    ]);
    expect(read("cmd", "FROM x", 'RUN ["C:\\\\curl\\\\curl.exe", "-o", "x", "https://h/x"]')).toEqual([[0, "top", null, ["curl", "-o", "x", "https://h/x"]]]);
  });

  it("maps every word to its text in the file, across backtick continuations", () => {
    const text = "# escape=`\nFROM x\nRUN Invoke-WebRequest `\n    -Uri 'https://h/a.zip' `\n    -OutFile a.zip";
    expect(spans("powershell", text)).toEqual([["Invoke-WebRequest", "-Uri", "'https://h/a.zip'", "-OutFile", "a.zip"]]);
  });

  it("reads comments and redirections as neither commands nor words", () => {
    expect(read("powershell", "FROM x", "RUN curl.exe https://h/x > x.txt 2>&1 # fetch it")).toEqual([[0, "top", null, ["curl", "https://h/x"]]]);
  });

  it("stays linear on unterminated quotes and brackets, and on deep nesting", () => {
    const shapes = ["$(".repeat(40_000), "'".repeat(40_001), '"`'.repeat(30_000), "((((".repeat(20_000) + "iwr https://h/x", "powershell -Command ".repeat(5_000), "(a)".repeat(40_000), '"$(" '.repeat(20_000), "$x ".repeat(40_000), "{ ".repeat(40_000)];
    for (const body of shapes) {
      const started = performance.now();
      expect(() => read("powershell", "FROM x", `RUN ${body}`)).not.toThrow();
      expect(() => read("cmd", "FROM x", `RUN ${body}`)).not.toThrow();
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  });
});
