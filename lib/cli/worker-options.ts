/**
 * The ESLint options of a `dockerfile-lint --concurrency` run, loaded by
 * `ESLint.fromOptionsModule` in the main thread and in every worker thread:
 * the plan's inputs come in the module's query (see `workerOptionsModule`).
 */
import type { ESLint } from "eslint";
import { planRun } from "./plan.js";
import type { PlanInputs } from "./plan.js";

const inputs = JSON.parse(new URL(import.meta.url).searchParams.get("plan") ?? "null") as PlanInputs | null;
if (inputs === null) throw new Error("worker-options.js needs the run's plan in its query");

const options: ESLint.Options = planRun(inputs.options, inputs.targets, inputs.screened, inputs.cwd, inputs.hadolint).eslintOptions;
export default options;
