/**
 * The shellcheck rule against ShellCheck run by hand on a sample of the
 * shared corpus. The scripts are cut out here independently of the plugin,
 * with dockerfile-ast: each shell-form RUN without heredocs, as its lines in
 * the file (the `RUN --flags` prefix blanked, comment and empty lines inside
 * a continuation replaced by a bare continuation so that lines keep their
 * numbers). ShellCheck then reports Dockerfile lines and columns directly,
 * and every finding must be the rule's, at the same place, with the same code.
 *
 * SC2154, SC2153 and SC3028 are left out on both sides: they depend on the
 * ARG/ENV names in scope, which the rule declares and this cut does not model
 * (tests/rules/shellcheck.test.ts covers them).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../index.js";

const corpusDir = path.resolve(import.meta.dirname, "../../../shared/corpus/files");
/** Every n-th corpus file: about 150 of the 1,452, spread over all the repositories. */
const STRIDE = 10;
const EXCLUDE = ["SC1090", "SC1091", "SC2187", "SC2154", "SC2153", "SC3028"];

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

interface Cut {
  script: string;
  /** Dockerfile line (1-based) of the script's first line. */
  firstLine: number;
}

/** The RUN scripts of a file, or null when the file is outside this comparison's reach. */
function cutScripts(text: string): Cut[] | null {
  // Other shells, the escape directive and Windows images take the rule's own logic.
  if (/^[ \t]*shell[ \t]/imu.test(text) || /^#[ \t]*escape[ \t]*=/imu.test(text) || /windows|nanoserver|servercore/iu.test(text) || text.includes("\r")) return null;
  const lines = text.split("\n");
  const cuts: Cut[] = [];
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    if (instruction.getKeyword() !== "RUN") continue;
    let heredocs: number;
    try {
      heredocs = (instruction as unknown as { getHeredocs(): unknown[] }).getHeredocs().length;
    } catch {
      heredocs = 1;
    }
    const args = instruction.getArguments();
    const first = args[0];
    if (heredocs > 0 || !first || first.getValue().startsWith("[")) continue;
    const flags = (instruction as unknown as { getFlags(): { getRange(): { end: { line: number; character: number } } }[] }).getFlags();
    const start = flags.at(-1)?.getRange().end ?? first.getRange().start;
    const range = instruction.getRange();
    const scriptLines: string[] = [];
    for (let line = range.start.line; line <= range.end.line; line++) {
      let content = lines[line] ?? "";
      // The keyword and flags, which may take several lines, become blanks.
      if (line < start.line) content = "\\";
      else if (line === start.line) content = " ".repeat(start.character) + content.slice(start.character);
      else if (/^\s*(?:#.*)?$/u.test(content)) content = "\\";
      // BuildKit continues a line at a backslash followed by blanks; a shell would not.
      if (/\\[ \t]+$/u.test(content)) content = content.trimEnd();
      scriptLines.push(content);
    }
    cuts.push({ script: scriptLines.join("\n"), firstLine: range.start.line + 1 });
  }
  return cuts;
}

const linter = new Linter();
function ruleFindings(text: string): Linter.LintMessage[] {
  return linter.verify(
    text,
    [{ files: ["**/Dockerfile"], plugins: { dockerfile: plugin }, language: "dockerfile/dockerfile", rules: { "dockerfile/shellcheck": ["error", { exclude: EXCLUDE }] } }],
    { filename: "Dockerfile" },
  );
}

describe.runIf(existsSync(corpusDir))("shellcheck on a corpus sample, against ShellCheck by hand", () => {
  it("reports the same codes at the same lines and columns", { timeout: 300_000 }, () => {
    const files = listFiles(corpusDir).sort().filter((_, i) => i % STRIDE === 0);
    const dir = mkdtempSync(path.join(tmpdir(), "shellcheck-by-hand-"));
    try {
      // By hand: every cut script of the sample in one ShellCheck call.
      const cuts: { file: string; cut: Cut; name: string }[] = [];
      const linted: { file: string; text: string; lines: Set<number> }[] = [];
      for (const file of files) {
        const text = readFileSync(file, "utf8");
        const fileCuts = cutScripts(text);
        if (!fileCuts || fileCuts.length === 0) continue;
        const lines = new Set<number>();
        for (const cut of fileCuts) {
          const name = `${cuts.length}.sh`;
          writeFileSync(path.join(dir, name), `# shellcheck shell=sh\n${cut.script}\n`);
          cuts.push({ file, cut, name });
          for (let i = 0; i < cut.script.split("\n").length; i++) lines.add(cut.firstLine + i);
        }
        linted.push({ file, text, lines });
      }
      const run = spawnSync("shellcheck", ["--norc", "--format=json1", `--exclude=${EXCLUDE.join(",")}`, "--", ...cuts.map((c) => c.name)], { cwd: dir, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
      expect([0, 1]).toContain(run.status);
      const comments = (JSON.parse(run.stdout) as { comments: { file: string; line: number; column: number; code: number }[] }).comments;
      const byName = new Map(cuts.map((c) => [c.name, c]));
      const expected = new Map<string, string[]>();
      for (const comment of comments) {
        const cut = byName.get(comment.file);
        if (!cut || comment.line < 2) continue;
        const list = expected.get(cut.file) ?? [];
        list.push(`${cut.cut.firstLine + comment.line - 2}:${comment.column} SC${comment.code}`);
        expected.set(cut.file, list);
      }

      // The rule, on the same files, restricted to the lines of the cut RUNs.
      const mismatches: string[] = [];
      let findings = 0;
      for (const { file, text, lines } of linted) {
        const actual = ruleFindings(text)
          .filter((message) => lines.has(message.line))
          .map((message) => `${message.line}:${message.column} ${message.message.slice(0, message.message.indexOf(":"))}`)
          .sort();
        const wanted = (expected.get(file) ?? []).sort();
        findings += wanted.length;
        if (JSON.stringify(actual) !== JSON.stringify(wanted)) {
          const missing = wanted.filter((item) => !actual.includes(item));
          const extra = actual.filter((item) => !wanted.includes(item));
          mismatches.push(`${path.relative(corpusDir, file)}: by hand only ${JSON.stringify(missing)}, rule only ${JSON.stringify(extra)}`);
        }
      }
      console.log(`shellcheck corpus comparison: ${files.length} sampled files, ${linted.length} with cut RUNs, ${cuts.length} scripts, ${findings} findings by hand, ${mismatches.length} files differ`);
      expect(cuts.length).toBeGreaterThan(200);
      expect(findings).toBeGreaterThan(100);
      expect(mismatches).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
