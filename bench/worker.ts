/**
 * Child process of the benchmark, for work that must not share the main
 * process: one generated Dockerfile (a quadratic slowdown must not hang the
 * run; the parent kills it after a timeout), and the CLI's peak RSS where GNU
 * time is missing.
 *
 *   tsx bench/worker.ts generated <instructions> <runs>   prints JSON
 *   tsx bench/worker.ts cli-rss <cli args…>              prints JSON
 *   tsx bench/worker.ts lint <config> <cwd> <files…>     prints JSON
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import { MAX_DOCKERFILE_LENGTH } from "../lib/language/index.js";
import { generateDockerfile } from "./lib/generate.js";
import { lintAll, makeEslint } from "./lib/lint.js";
import type { ConfigName } from "./lib/lint.js";
import { alternate, timeInProcess } from "./lib/measure.js";
import type { Figure } from "./lib/measure.js";

async function generated(instructions: number, runs: number): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "dockerfile-bench-gen-"));
  try {
    const text = generateDockerfile(instructions);
    // A file over the limit gets one "too large" error in no time: its figure would mean nothing.
    if (text.length > MAX_DOCKERFILE_LENGTH) throw new Error(`${instructions} instructions make ${text.length} characters, over the ${MAX_DOCKERFILE_LENGTH} the language lints`);
    const input = { path: path.join(dir, "Dockerfile"), text };
    const eslint = makeEslint("all", dir);
    const outcome = await lintAll(eslint, [input]);
    // Small files are linted several times per sample, so that every size gets a warm JIT.
    const repeat = Math.max(1, Math.round(10_000 / instructions));
    const timed = await alternate(
      {
        parse: () =>
          timeInProcess(() => {
            for (let i = 0; i < repeat; i++) DockerfileParser.parse(text);
          }),
        all: () =>
          timeInProcess(async () => {
            for (let i = 0; i < repeat; i++) await lintAll(eslint, [input]);
          }),
      },
      runs,
    );
    const perPass = (figure: Figure): Figure => ({ ...figure, cpu: figure.cpu / repeat, wall: figure.wall / repeat });
    const figures = { parse: perPass(timed.parse ?? { cpu: Number.NaN, wall: Number.NaN, samples: [] }), all: perPass(timed.all ?? { cpu: Number.NaN, wall: Number.NaN, samples: [] }) };
    process.stdout.write(`${JSON.stringify({ instructions, bytes: text.length, repeat, outcome, figures })}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function cliRss(args: string[]): Promise<void> {
  const cli = path.join(import.meta.dirname, "..", "node_modules", ".cache", "dockerfile-lint-bench", "dist", "lib", "cli", "main.js");
  const { main } = (await import(cli)) as { main: (argv: string[], io?: unknown) => Promise<number> };
  const silent = { cwd: process.cwd(), env: process.env, stdout: () => undefined, stderr: () => undefined, readStdin: () => Promise.resolve("") };
  const code = await main(args, silent);
  process.stdout.write(`${JSON.stringify({ code, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
}

/** Lints files with one config, as a whole process, so that the CPU of the processes it starts (ShellCheck) is counted. */
async function lintFiles(config: ConfigName, cwd: string, files: string[]): Promise<void> {
  const eslint = makeEslint(config, cwd);
  const outcome = await lintAll(eslint, files.map((file) => ({ path: file, text: readFileSync(file, "utf8") })));
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === "generated") await generated(Number(rest[0]), Number(rest[1] ?? 3));
else if (mode === "cli-rss") await cliRss(rest);
else if (mode === "lint") await lintFiles(rest[0] as ConfigName, rest[1] ?? process.cwd(), rest.slice(2));
else throw new Error(`unknown mode ${String(mode)}`);
