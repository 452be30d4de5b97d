/**
 * Huge lines and huge files still lint, and findings still come back: a guard
 * against regexes that backtrack and against per-instruction work that grows
 * with the file. How fast belongs in the benchmark (bench/); the timeouts here
 * are generous and only stop a hang.
 */
import { describe, expect, it } from "vitest";
import { lint } from "./harness.js";

const LONG = 100_000;

function findings(text: string): { rule: string; line: number; message: string }[] {
  const messages = lint(text);
  expect(messages.filter((message) => message.fatal === true)).toEqual([]);
  return messages.map((message) => ({ rule: (message.ruleId ?? "").replace("dockerfile/", ""), line: message.line, message: message.message }));
}

function fill(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

describe("large input", () => {
  it("100,000-character lines: RUN, ENV, LABEL, COPY list, URL", { timeout: 120_000 }, () => {
    const packages = fill("pkg-a pkg-b pkg-c ", LONG);
    const text = [
      "FROM ubuntu",
      `RUN apt-get update && apt-get install -y ${packages}`,
      `ENV LONG_VALUE ${fill("x", LONG)}`,
      `LABEL description="${fill("word ", LONG)}"`,
      `COPY ${fill("src/file.txt ", LONG)}/app/`,
      `ADD https://example.com/${fill("a/", LONG)}archive.tar.gz /opt/`,
      `RUN curl -fsSL https://example.com/${fill("b", LONG)}.sh | sh`,
      "",
    ].join("\n");
    expect(text.length).toBeGreaterThan(6 * LONG);
    const found = findings(text);
    const on = (rule: string, line: number): boolean => found.some((f) => f.rule === rule && f.line === line);
    // Untagged base image.
    expect(on("pin-base-image", 1)).toBe(true);
    // The long install is one report, and it counts every unpinned package, not only the first ones.
    const installs = found.filter((f) => f.rule === "pin-package-versions" && f.line === 2);
    expect(installs).toHaveLength(1);
    expect(installs[0]?.message).toMatch(/'pkg-a', 'pkg-b', 'pkg-c' and \d{4,} more/u);
    // ENV in the legacy `key value` form.
    expect(on("legacy-key-value-format", 3)).toBe(true);
    // Remote ADD without a checksum, piped download into a shell.
    expect(on("require-add-checksum", 6)).toBe(true);
    expect(on("no-unpinned-download", 7)).toBe(true);
  });

  it("10,000 instructions", { timeout: 120_000 }, () => {
    const lines = ["FROM ubuntu:24.04 AS base"];
    for (let i = 0; lines.length < 10_000; i++) {
      switch (i % 5) {
        case 0:
          lines.push(`RUN apt-get install -y tool${i}`);
          break;
        case 1:
          lines.push(`ENV VAR_${i}=value${i}`);
          break;
        case 2:
          lines.push(`COPY file${i} /app/`);
          break;
        case 3:
          lines.push(`WORKDIR dir${i}`);
          break;
        default:
          lines.push(`LABEL key${i}=value`);
      }
    }
    const text = `${lines.join("\n")}\n`;
    const found = findings(text);
    const count = (rule: string): number => found.filter((f) => f.rule === rule).length;
    // One unpinned install in five instructions, the last one near the end of the file.
    expect(count("pin-package-versions")).toBe(2000);
    expect(found.some((f) => f.rule === "pin-package-versions" && f.line === 9_997)).toBe(true);
    // Only the first relative WORKDIR is reported: later ones build on it.
    expect(found.filter((f) => f.rule === "workdir-absolute").map((f) => f.line)).toEqual([5]);
  });
});
