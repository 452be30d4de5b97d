/**
 * ESLint in process, with our language: `ESLint#lintText` over every file's
 * text, the way editors and `lintFiles` drive the linter (config resolved once
 * per directory and cached by the ESLint instance).
 */
import { ESLint } from "eslint";
import type { Linter } from "eslint";
import plugin, { DOCKERFILE_GLOBS, DOCKERFILE_IGNORES } from "../../index.js";
import { timeInProcess } from "./measure.js";
import type { Case, Sample } from "./measure.js";

export interface LintInput {
  path: string;
  text: string;
}

export type ConfigName = "none" | "idle" | "recommended" | "all" | "shellcheck";

/** The language and nothing else: the cost ESLint adds before any rule runs. */
const noRules: Linter.Config[] = [
  {
    name: "dockerfile/no-rules",
    files: DOCKERFILE_GLOBS,
    ignores: DOCKERFILE_IGNORES,
    plugins: { dockerfile: plugin },
    language: "dockerfile/dockerfile",
  },
];

/**
 * configs.all without the shellcheck rule. That rule's cost is a child process
 * per file, which in-process CPU figures cannot see: section 8 times it on its
 * own, as whole processes.
 */
const allInProcess: Linter.Config[] = plugin.configs.all.map((config) =>
  config.rules?.["dockerfile/shellcheck"] === undefined ? config : { ...config, rules: { ...config.rules, "dockerfile/shellcheck": "off" } },
);

/**
 * configs.all's rules with the same meta (schemas, default options), each of
 * whose `create()` returns no listener: ESLint's fixed cost of running that
 * many rules on a file, which no rule's own work can go below.
 */
const idlePlugin = {
  ...plugin,
  rules: Object.fromEntries(Object.entries(plugin.rules).map(([name, rule]) => [name, { meta: rule.meta, create: () => ({}) }])),
};
const allIdle: Linter.Config[] = allInProcess.map((config) => (config.plugins?.["dockerfile"] ? { ...config, plugins: { ...config.plugins, dockerfile: idlePlugin } } : config));

/** The language and the shellcheck rule alone. */
const shellcheckOnly: Linter.Config[] = noRules.map((config) => ({ ...config, rules: { "dockerfile/shellcheck": "error" } }));

export function configOf(name: ConfigName): Linter.Config[] {
  if (name === "none") return noRules;
  if (name === "all") return allInProcess;
  if (name === "idle") return allIdle;
  if (name === "shellcheck") return shellcheckOnly;
  return plugin.configs[name];
}

export function makeEslint(name: ConfigName, cwd: string, stats = false): ESLint {
  return new ESLint({ cwd, overrideConfigFile: true, overrideConfig: configOf(name), stats });
}

export interface LintOutcome {
  problems: number;
  /** Files ESLint did not lint (no matching config): must be 0, or the figure means nothing. */
  ignored: number;
  fatal: number;
}

export async function lintAll(eslint: ESLint, inputs: readonly LintInput[]): Promise<LintOutcome> {
  const outcome: LintOutcome = { problems: 0, ignored: 0, fatal: 0 };
  for (const input of inputs) {
    const results = await eslint.lintText(input.text, { filePath: input.path });
    for (const result of results) {
      for (const message of result.messages) {
        if (message.ruleId === null && message.message.startsWith("File ignored")) outcome.ignored++;
        else if (message.fatal) outcome.fatal++;
        else outcome.problems++;
      }
    }
  }
  return outcome;
}

export function lintCase(eslint: ESLint, inputs: readonly LintInput[], repeat = 1): Case {
  return async (): Promise<Sample> =>
    timeInProcess(async () => {
      for (let i = 0; i < repeat; i++) await lintAll(eslint, inputs);
    });
}

/** Milliseconds per rule over all inputs, from ESLint's `stats` (the data behind `TIMING`). */
export async function ruleTimes(cwd: string, inputs: readonly LintInput[]): Promise<{ rules: Map<string, number>; parse: number; total: number }> {
  const eslint = makeEslint("all", cwd, true);
  const rules = new Map<string, number>();
  let parse = 0;
  let total = 0;
  for (const input of inputs) {
    const results = await eslint.lintText(input.text, { filePath: input.path });
    for (const result of results) {
      for (const pass of result.stats?.times.passes ?? []) {
        parse += pass.parse?.total ?? 0;
        total += pass.total;
        for (const [ruleId, time] of Object.entries(pass.rules ?? {})) rules.set(ruleId, (rules.get(ruleId) ?? 0) + time.total);
      }
    }
  }
  return { rules, parse, total };
}
