/**
 * Inputs that grow: each class of hostile input at a small and a large size
 * must lint with no fatal message, in time that grows about linearly. The
 * machine is shared and noisy, so the bounds are ratios with wide margins
 * (linear growth over 10x input is ~10x; quadratic would be ~100x) or wide
 * absolute limits, never tight timings.
 */
import { describe, expect, it } from "vitest";
import { Linter } from "eslint";
import { ALL_CONFIG, lint } from "./harness.js";
import { MAX_DOCKERFILE_LENGTH } from "../../lib/language/index.js";

function timed(text: string): { ms: number; messages: Linter.LintMessage[] } {
  const start = performance.now();
  const messages = lint(text);
  return { ms: performance.now() - start, messages };
}

function expectLints(text: string): number {
  expect(text.length).toBeLessThanOrEqual(MAX_DOCKERFILE_LENGTH);
  const { ms, messages } = timed(text);
  expect(messages.filter((message) => message.fatal === true).map((message) => message.message)).toEqual([]);
  return ms;
}

/** Time at `large` is at most `ratio` times the time at `small`, or `floor` ms, whichever is larger. */
function expectGrowth(make: (size: number) => string, small: number, large: number, ratio: number, floor = 3000): void {
  expectLints(make(small));
  const before = expectLints(make(small));
  const rssBefore = process.memoryUsage().rss;
  const after = expectLints(make(large));
  expect(after).toBeLessThan(Math.max(ratio * before, floor));
  // Memory: a wide bound that an exponential or quadratic blow-up passes at once.
  expect(process.memoryUsage().rss - rssBefore).toBeLessThan(1.5 * 2 ** 30);
}

const doubling = (levels: number, where: "stage" | "global"): string => {
  const args = Array.from({ length: levels }, (_, i) => `ARG A${i + 1}=\${A${i}}\${A${i}}`).join("\n");
  const last = `A${levels}`;
  return where === "stage"
    ? `FROM alpine:3.20 AS build\nARG A0=abcdefgh\n${args}\nWORKDIR /app\nCOPY package.json \${${last}}/\nRUN npm ci\nCOPY . .\nFROM alpine:3.20\nCOPY --from=\${${last}} /a /a\n`
    : `ARG A0=abcdefgh\n${args}\nFROM alpine:\${${last}}\nADD https://example.com/\${${last}} /x\nCOPY --from=\${${last}} /a /a\n`;
};

const nested = (depth: number): string => `${Array.from({ length: depth }, (_, i) => `\${v${i}:-`).join("")}x${"}".repeat(depth)}`;

const NESTING: Record<string, (depth: number) => string> = {
  ENV: (depth) => `FROM alpine:3.20\nENV E="${nested(depth)}"\n`,
  "ARG and FROM": (depth) => `ARG E="${nested(depth)}"\nFROM alpine:\${E}\n`,
  COPY: (depth) => `FROM alpine:3.20\nCOPY ${nested(depth)} /app/\n`,
  WORKDIR: (depth) => `FROM alpine:3.20\nWORKDIR /${nested(depth)}\n`,
  "RUN $(…)": (depth) => `FROM alpine:3.20\nRUN echo ${"$(".repeat(depth)}x${")".repeat(depth)}\n`,
  "RUN subshells": (depth) => `FROM alpine:3.20\nRUN ${"(".repeat(depth)}true${")".repeat(depth)}\n`,
  "exec-form JSON": (depth) => `FROM alpine:3.20\nCMD ${"[".repeat(depth)}${"]".repeat(depth)}\n`,
};

const instructions = (count: number): string => {
  const lines = ["FROM debian:12 AS base", "WORKDIR /app"];
  for (let i = 0; lines.length < count; i++) {
    lines.push(
      [
        `COPY f${i}.txt /app/`,
        `RUN apt-get update && apt-get install -y p${i}`,
        `ENV E${i}=$E${i - 1}x`,
        `RUN cd /x && pip install -r req${i}.txt`,
        "COPY . .",
        `# comment ${i}`,
        `RUN npm ci && echo $UNDEFINED_${i}`,
        `WORKDIR dir${i}`,
      ][i % 8] ?? "",
    );
  }
  return `${lines.join("\n")}\n`;
};

describe("growth: hostile inputs lint in bounded time and memory", () => {
  it("ARG values that double at each line: 10 → 40 levels, in a stage and before FROM", { timeout: 300_000 }, () => {
    for (const where of ["stage", "global"] as const) expectGrowth((levels) => doubling(levels, where), 10, 40, 20);
  });

  for (const [name, make] of Object.entries(NESTING)) {
    it(`nesting in ${name}: 100 → 80,000 deep`, { timeout: 300_000 }, () => {
      expectLints(make(100));
      // 8,000 → 80,000: ten times the text.
      expectGrowth(make, 8000, 80_000, 40);
    });
  }

  it("globs with many stars: a COPY source against a pip -r name, 10 → 10,000 characters", { timeout: 300_000 }, () => {
    const copyGlob = (length: number): string =>
      `FROM python:3.12\nWORKDIR /app\nCOPY ${"a*".repeat(length / 2)}b ./\nCOPY . .\nRUN pip install -r ${"a".repeat(length)}\n`;
    expectLints(copyGlob(10));
    expectGrowth(copyGlob, 1000, 10_000, 200, 5000);
  });

  it("an allow glob like *-*-*-z against a long image name, 10 → 10,000 characters", { timeout: 300_000 }, () => {
    const linter = new Linter({ configType: "flat" });
    const [base] = ALL_CONFIG;
    const run = (length: number): number => {
      const text = `FROM registry.example.com/${"a-".repeat(length / 2)}x:latest\n`;
      const config = [{ ...base, rules: { "dockerfile/pin-base-image": ["error", { allow: ["*-*-*-*-*-*-*-*-z"] }] } }] as Linter.Config[];
      const start = performance.now();
      const messages = linter.verify(text, config, { filename: "Dockerfile" });
      expect(messages.filter((message) => message.fatal === true)).toEqual([]);
      expect(messages.some((message) => message.ruleId === "dockerfile/pin-base-image")).toBe(true);
      return performance.now() - start;
    };
    run(10);
    const small = run(1000);
    expect(run(10_000)).toBeLessThan(Math.max(100 * small, 3000));
  });

  it("instructions: 1,000 → 8,000 in one stage", { timeout: 600_000 }, () => {
    // 8 times the file: linear is ~8x; the quadratic scans were 64x and more.
    expectGrowth(instructions, 1000, 8000, 40, 10_000);
  });

  it("installs and whole-context copies taking turns: 2,000 → 16,000 instructions", { timeout: 600_000 }, () => {
    // Every `COPY . .` after the first install stays pending, and each install used to recheck them all
    // (and look for the stage's USER from the top): 20x at 8 times the file. Linear is 8x, and less here.
    const alternating = (count: number): string => {
      const lines = ["FROM python:3.12", "WORKDIR /app"];
      for (let i = 0; lines.length < count; i++) lines.push(i % 2 === 0 ? `RUN pip install -r r${i}.txt` : "COPY . .");
      return `${lines.join("\n")}\n`;
    };
    expectGrowth(alternating, 2000, 16_000, 12, 5000);
  });
});
