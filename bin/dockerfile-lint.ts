#!/usr/bin/env node
/** `dockerfile-lint [options] [paths...]`: see docs/cli.md. */
import module from "node:module";
import v8 from "node:v8";

/*
 * A lint run is one cold pass over many small files: most of it runs while V8
 * is still deciding what to optimize, so some of V8's settings are changed for
 * this process (docs/cli.md, "How it runs Node.js"). Over 1,452 Dockerfiles:
 * - no TurboFan inlining: an optimized function took its callees in and was
 *   compiled again whenever one of them met a new case (0.75x the CPU);
 * - no allocation-site pretenuring: V8 saw the trees of a file survive young
 *   collections and allocated later ones straight in the old generation,
 *   where they stayed until a full collection (peak memory about 146 MiB
 *   instead of 150 to 190 on Node.js 20);
 * - on Node.js 20 and 22, about 4 times V8's work before a function is
 *   optimized with TurboFan: fewer optimizations of code that is about to meet
 *   new shapes (0.8x the CPU, 0.9x the wall time; Node.js 24 gained nothing).
 * A warm pass takes as long either way. Each is set before anything is
 * compiled; the same setting named on node's command line keeps the user's choice.
 */
const TURBOFAN_BUDGET_BY_V8_MAJOR: Readonly<Partial<Record<string, readonly [name: string, flag: string]>>> = {
  "11": ["interrupt-budget", "--interrupt-budget=300000"],
  "12": ["invocation-count-for-turbofan", "--invocation-count-for-turbofan=12000"],
};
const turbofanBudget = TURBOFAN_BUDGET_BY_V8_MAJOR[process.versions.v8.split(".")[0] ?? ""];
const V8_SETTINGS: readonly (readonly [name: string, flag: string])[] = [
  ["turbo-inlining", "--no-turbo-inlining"],
  ["allocation-site-pretenuring", "--no-allocation-site-pretenuring"],
  ...(turbofanBudget === undefined ? [] : [turbofanBudget]),
];
/** V8 flag names on node's command line, as `name` for `--name`, `--no-name`, `--name=value`, with `_` read as `-`. */
const namedByUser = new Set(
  process.execArgv.map((flag) => (flag.split("=")[0] ?? "").replaceAll("_", "-").replace(/^--(?:no-)?/u, "")),
);
for (const [name, flag] of V8_SETTINGS) if (!namedByUser.has(name)) v8.setFlagsFromString(flag);

// As ESLint's own bin does: Node.js 22.1 and later keep compiled modules on disk, which shortens every start.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

try {
  const { main } = await import("../lib/cli/main.js");
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // Only a failure to load (ESLint not installed, say) gets here: main() never throws.
  const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
  process.stderr.write(`dockerfile-lint: cannot start: ${message}\n`);
  if (/(?:^|[\s,])(?:dockerfile-lint|\*)(?:$|[\s,])/u.test(process.env.DEBUG ?? "") && error instanceof Error) {
    process.stderr.write(`${error.stack ?? ""}\n`);
  }
  process.exitCode = 2;
}
