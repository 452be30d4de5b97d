/**
 * `npm run bench`: what linting Dockerfiles with this plugin costs, against
 * the parser floor, ESLint's own floor and the other npm Dockerfile linters.
 * Prints Markdown and writes it, with the machine, to bench/RESULTS.md.
 *
 * Environment: BENCH_RUNS (timed rounds in process, default 5; the
 * in-process target pairs run at least 9),
 * BENCH_PROCESS_RUNS (rounds of child processes, default 3; the one-file
 * start-up pair runs at least 15), BENCH_TALLY_FILES (files tally is tried
 * on, default the whole corpus), BENCH_TALLY_RUNS (rounds of the tally pair,
 * default 1), BENCH_SHELLCHECK_FILES (default 300), BENCH_CORPUS (default
 * ../shared/corpus from the repository root).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadCorpus, spread } from "./lib/corpus.js";
import { floorCases, parseAll } from "./lib/floor.js";
import { lintAll, lintCase, makeEslint, ruleTimes } from "./lib/lint.js";
import type { ConfigName, LintOutcome } from "./lib/lint.js";
import { describeMachine } from "./lib/machine.js";
import { alternate, hasTimeBinary, pairedRatio, processCase, timeInProcess, TIME_BINARY } from "./lib/measure.js";
import type { Case, Figure, ProcessRun } from "./lib/measure.js";
import { apiCase, cliCase, PEER_PACKAGES, peers, probeApi } from "./lib/peers.js";
import type { ApiCheck } from "./lib/peers.js";
import { int, ms, ratio, table, verdict } from "./lib/report.js";
import { tallyAccepts, tallyArgs, tallyBinary, tallyVersion } from "./lib/tally.js";
import plugin from "../index.js";
import { buildTree } from "../lib/language/tree/index.js";
import { DockerfileFacts } from "../lib/facts/index.js";
import { collectScripts, findShellCheck } from "../lib/shellcheck/index.js";
import { rules } from "../rules/index.js";

const benchDir = import.meta.dirname;
const repoDir = path.resolve(benchDir, "..");
const tmpDir = path.join(benchDir, ".tmp");
const corpusRoot = path.resolve(repoDir, process.env.BENCH_CORPUS ?? "../shared/corpus");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PROCESS_RUNS = Number(process.env.BENCH_PROCESS_RUNS ?? 3);
/** Files linted with the shellcheck rule, as whole processes (section 8). */
const SHELLCHECK_SAMPLE = Number(process.env.BENCH_SHELLCHECK_FILES ?? 300);
/** Files linted one process each, for the command lines that take one file. */
const PER_FILE_SAMPLE = 10;
/**
 * Corpus files tally is timed on, spread over the corpus: all of them unless
 * set. On a sample of a hundred files both tools' start-ups (about half a
 * second each) and our JIT warm-up weigh more than a file's work.
 */
const TALLY_SAMPLE = Number(process.env.BENCH_TALLY_FILES ?? Number.POSITIVE_INFINITY);
/** tally takes about 0.1 s of CPU per file, over two minutes for the corpus: its pair gets one round unless set. */
const TALLY_RUNS = Number(process.env.BENCH_TALLY_RUNS ?? 1);
// The largest stays under the language's 1 MiB limit (about 74 bytes an instruction): a larger file is refused, not linted.
const GENERATED_SIZES = [1_000, 4_000, 12_000];
const GENERATED_TIMEOUT_MS = 300_000;
/**
 * The command line is timed on a copy of dist/ taken after the build, so that
 * a rebuild during the run (the working tree is shared) cannot change it or
 * invalidate its cache. It sits under node_modules/ so that it resolves the
 * project's dependencies.
 */
const snapshotDir = path.join(repoDir, "node_modules", ".cache", "dockerfile-lint-bench");
const cliBin = path.join(snapshotDir, "dist", "bin", "dockerfile-lint.js");

const started = performance.now();
const log = (line: string): void => {
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}\n`);
};

function sh(command: string, args: string[], cwd: string): number {
  const result = spawnSync(command, args, { cwd, stdio: ["ignore", "inherit", "inherit"] });
  return result.status ?? 1;
}

// ---------------------------------------------------------------- set-up
if (!existsSync(path.join(benchDir, "node_modules"))) {
  log("installing the peer linters: npm --prefix bench ci");
  if (sh("npm", ["--prefix", benchDir, "ci", "--no-audit", "--no-fund"], repoDir) !== 0) throw new Error("npm --prefix bench ci failed");
}
log("building dist/ (npm run build)");
if (sh("npm", ["run", "build", "--silent"], repoDir) !== 0) {
  if (!existsSync(path.join(repoDir, "dist", "bin", "dockerfile-lint.js"))) throw new Error("npm run build failed and dist/ is missing");
  log("npm run build reported errors; the command line is timed on the dist/ it left");
}
rmSync(snapshotDir, { recursive: true, force: true });
cpSync(path.join(repoDir, "dist"), path.join(snapshotDir, "dist"), { recursive: true });
cpSync(path.join(repoDir, "package.json"), path.join(snapshotDir, "package.json"));
rmSync(tmpDir, { recursive: true, force: true });
mkdirSync(tmpDir, { recursive: true });

const machine = describeMachine(repoDir, benchDir, [...PEER_PACKAGES, "@wharflab/tally-linux-x64"]);
const corpus = loadCorpus(corpusRoot);
const texts = corpus.files.map((file) => file.text);
const inputs = corpus.files;
const fileCount = inputs.length;
const instructionCount = parseAll(texts);
log(`corpus: ${fileCount} files, ${instructionCount} instructions, ${(corpus.bytes / 1e6).toFixed(1)} MB`);

const out: string[] = [];
const say = (text = ""): void => {
  out.push(text);
};

// ---------------------------------------------------------------- 1-3, 5a: in process
const eslints = Object.fromEntries((["none", "idle", "recommended", "all"] as const).map((name) => [name, makeEslint(name, corpus.root)])) as Record<ConfigName, ReturnType<typeof makeEslint>>;
const outcomes = {} as Record<ConfigName, LintOutcome>;
for (const name of ["none", "idle", "recommended", "all"] as const) {
  outcomes[name] = await lintAll(eslints[name], inputs);
  if (outcomes[name].ignored > 0) throw new Error(`ESLint ignored ${outcomes[name].ignored} corpus files with config ${name}`);
}
const peerList = peers(benchDir);
const apiChecks = new Map<string, ApiCheck>();
const peerApiCases: Record<string, Case> = {};
for (const peer of peerList) {
  if (!peer.api) continue;
  const lint = peer.api.make();
  const check = probeApi(lint, inputs);
  apiChecks.set(peer.name, check);
  peerApiCases[`peer ${peer.name}`] = apiCase(lint, check.ok);
}
log(`in process: parse, tree, facts, ESLint with no rules / recommended / all, peers' APIs (${RUNS} rounds + 1 warm-up)`);
const inProcess = await alternate(
  {
    ...floorCases(texts),
    none: lintCase(eslints.none, inputs),
    idle: lintCase(eslints.idle, inputs),
    recommended: lintCase(eslints.recommended, inputs),
    all: lintCase(eslints.all, inputs),
    ...peerApiCases,
  },
  RUNS,
  1,
  log,
);
const fig = (name: string): Figure => inProcess[name] ?? { wall: Number.NaN, cpu: Number.NaN, samples: [] };

// The in-process targets compare cases that run one after the other on their own, as the command-line
// targets do: in the rounds above, two cases can be seconds apart, and the machine's speed drifts.
const TARGET_PAIR_RUNS = Math.max(RUNS, 9);
log(`in process, the targets' cases on their own: parse, no rules, configs.all, dockerfile-utils validate() (${TARGET_PAIR_RUNS} rounds + 1 warm-up)`);
const targetCases: Record<string, Case> = { parse: () => timeInProcess(() => parseAll(texts)), none: lintCase(eslints.none, inputs), all: lintCase(eslints.all, inputs) };
const utilsCase = peerApiCases["peer dockerfile-utils"];
if (utilsCase) targetCases["dockerfile-utils"] = utilsCase;
const targetPairs = await alternate(targetCases, TARGET_PAIR_RUNS, 1, log);
const pairFig = (name: string): Figure => targetPairs[name] ?? { wall: Number.NaN, cpu: Number.NaN, samples: [] };

log("per-rule times (ESLint stats, configs.all, one pass)");
const perRule = await ruleTimes(corpus.root, inputs);

// ---------------------------------------------------------------- 4, 5b, 7: processes
const singleFile = [...inputs].sort((a, b) => a.text.length - b.text.length)[Math.floor(fileCount / 2)] ?? inputs[0];
if (!singleFile) throw new Error("empty corpus");
const cacheLocation = `${path.join(tmpDir, "cli-cache")}${path.sep}`;
const expectLintExit = (label: string) => (run: ProcessRun): void => {
  if (run.code !== 0 && run.code !== 1) throw new Error(`${label} exited with ${String(run.code)}: ${run.stderr.slice(0, 500)}`);
};
log("priming the CLI cache");
sh(process.execPath, [cliBin, "--cache", "--cache-location", cacheLocation, corpus.dir, "--format", "json", "--output-file", path.join(tmpDir, "prime.json")], repoDir);

const sample = spread(inputs, PER_FILE_SAMPLE);
// The pre-commit case's yardstick: ESLint itself on one small JavaScript file, with @eslint/js's recommended rules.
const jsProject = path.join(tmpDir, "js-project");
mkdirSync(jsProject, { recursive: true });
writeFileSync(path.join(jsProject, "eslint.config.js"), 'import js from "@eslint/js";\nexport default [js.configs.recommended];\n');
writeFileSync(path.join(jsProject, "package.json"), '{ "type": "module" }\n');
writeFileSync(path.join(jsProject, "index.js"), "export function add(a, b) {\n  return a + b;\n}\n");
const eslintBin = path.join(repoDir, "node_modules", "eslint", "bin", "eslint.js");
const tally = tallyBinary(benchDir);
let tallyFiles: string[] = [];
if (tally) {
  log(`tally: which of ${int(Math.min(TALLY_SAMPLE, fileCount))} files its parser accepts`);
  tallyFiles = tallyAccepts(tally, spread(inputs, TALLY_SAMPLE).map((file) => file.path));
}
/**
 * `--preset all` without the shellcheck rule: its cost is ShellCheck's, timed on
 * its own in section 8, and tally's run (`--no-config`) leaves its ShellCheck off too.
 */
const PRESET_ALL = ["--preset", "all", "--rule", "dockerfile/shellcheck: off"];
const parseFloorCase = processCase(process.execPath, [path.join(benchDir, "parse-floor.mjs"), corpus.dir], repoDir);
const cliAllCase = processCase(process.execPath, [cliBin, ...PRESET_ALL, corpus.dir], repoDir, expectLintExit("dockerfile-lint --preset all"));
const processCases: Record<string, Case> = {
  "parse floor": parseFloorCase,
  "cli all": cliAllCase,
  "cli cold": processCase(process.execPath, [cliBin, corpus.dir], repoDir, expectLintExit("dockerfile-lint")),
  "cli cache": processCase(process.execPath, [cliBin, "--cache", "--cache-location", cacheLocation, corpus.dir], repoDir, expectLintExit("dockerfile-lint --cache")),
};
/**
 * The start-up target compares two runs of about a third of a second, whose CPU
 * time the kernel reports in hundredths: the pair alternates on its own, for
 * more rounds, and the target takes the median of the ratios round by round.
 */
const STARTUP_RUNS = Math.max(PROCESS_RUNS, 15);
/**
 * The CLI target compares two whole runs over the corpus. In a round of the
 * cases above, other tools run between them while this shared machine's speed
 * drifts, so the pair also alternates on its own, and the target takes the
 * median of the ratios round by round, as the start-up target does.
 */
const CLI_PAIR_RUNS = Math.max(PROCESS_RUNS, 7);
const cliPairCases: Record<string, Case> = { "parse floor paired": parseFloorCase, "cli all paired": cliAllCase };
const startupCases: Record<string, Case> = {
  "cli single": processCase(process.execPath, [cliBin, singleFile.path], repoDir, expectLintExit("dockerfile-lint <file>")),
  "eslint single": processCase(process.execPath, [eslintBin, "index.js"], jsProject, expectLintExit("eslint <one JS file>")),
};
const tallyCases: Record<string, Case> = {};
if (tally && tallyFiles.length > 0) {
  tallyCases["tally"] = processCase(tally, tallyArgs(tallyFiles), repoDir, expectLintExit("tally"));
  tallyCases["cli tally files"] = processCase(process.execPath, [cliBin, ...PRESET_ALL, ...tallyFiles], repoDir, expectLintExit("dockerfile-lint on tally's files"));
}
const peerCliFiles = new Map<string, string[]>();
for (const peer of peerList) {
  // Files the peer crashes on would stop its one-process run: leave them out.
  const ok = apiChecks.get(peer.name)?.ok ?? inputs;
  const files = peer.cli.perFile ? sample.map((file) => file.path) : ok.map((file) => file.path);
  peerCliFiles.set(peer.name, files);
  processCases[`peer ${peer.name}`] = cliCase(peer, files, repoDir);
}
log(`command lines (${PROCESS_RUNS} rounds; per-file tools on ${PER_FILE_SAMPLE} files)`);
const processes = await alternate(processCases, PROCESS_RUNS, 0, log);
log(`the CLI against the parse floor, paired (${CLI_PAIR_RUNS} rounds)`);
Object.assign(processes, await alternate(cliPairCases, CLI_PAIR_RUNS, 1, log));
log(`start-up: one Dockerfile against eslint on one JavaScript file (${STARTUP_RUNS} rounds)`);
Object.assign(processes, await alternate(startupCases, STARTUP_RUNS, 1, log));
if (Object.keys(tallyCases).length > 0) {
  log(`tally and ours on the ${int(tallyFiles.length)} files tally parses (${TALLY_RUNS} round${TALLY_RUNS === 1 ? "" : "s"})`);
  Object.assign(processes, await alternate(tallyCases, TALLY_RUNS, 0, log));
}
const pfig = (name: string): Figure => processes[name] ?? { wall: Number.NaN, cpu: Number.NaN, samples: [] };

let cliRssMiB = pfig("cli cold").rssMiB;
if (cliRssMiB === undefined) {
  log("peak RSS through a child that runs the CLI main");
  const child = spawnSync(process.execPath, ["--import", "tsx", path.join(benchDir, "worker.ts"), "cli-rss", corpus.dir], { cwd: repoDir, encoding: "utf8" });
  const parsed = JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}") as { maxRssKiB?: number };
  if (parsed.maxRssKiB !== undefined) cliRssMiB = parsed.maxRssKiB / 1024;
}

// ---------------------------------------------------------------- 6: scaling
log("scaling with the number of files (configs.all)");
const fileSets = [1, 10, 100, 1000].map((count) => {
  const set = spread(inputs, count);
  const repeat = Math.ceil(100 / count);
  return { count, set, repeat, instructions: parseAll(set.map((file) => file.text)) };
});
const scaling = await alternate(Object.fromEntries(fileSets.map((s) => [String(s.count), lintCase(eslints.all, s.set, s.repeat)])), Math.min(RUNS, 3), 1, log);

interface GeneratedResult {
  instructions: number;
  bytes: number;
  outcome: LintOutcome;
  figures: Record<"parse" | "all", Figure>;
}
const generated: (GeneratedResult | { instructions: number; failed: string })[] = [];
for (const size of GENERATED_SIZES) {
  log(`generated Dockerfile of ${int(size)} instructions (child process)`);
  const child = spawnSync(process.execPath, ["--import", "tsx", path.join(benchDir, "worker.ts"), "generated", String(size), "3"], {
    cwd: repoDir,
    encoding: "utf8",
    timeout: GENERATED_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = child.stdout.trim().split("\n").at(-1) ?? "";
  if (child.status === 0 && line.startsWith("{")) generated.push(JSON.parse(line) as GeneratedResult);
  else generated.push({ instructions: size, failed: child.error ? `timed out after ${GENERATED_TIMEOUT_MS / 1000} s` : child.stderr.slice(0, 300) });
}
// ---------------------------------------------------------------- 8: the shellcheck rule
const shellcheckBinary = findShellCheck("shellcheck");
const shellcheckSample = spread(inputs, SHELLCHECK_SAMPLE);
let shellcheck: { none: Figure; rule: Figure; findings: number; scriptFiles: number; scripts: number } | null = null;
if (shellcheckBinary.ok) {
  log(`the shellcheck rule on ${shellcheckSample.length} files, as whole processes (${PROCESS_RUNS} rounds)`);
  const worker = path.join(benchDir, "worker.ts");
  const files = shellcheckSample.map((file) => file.path);
  const expectZero = (label: string) => (run: ProcessRun): void => {
    if (run.code !== 0) throw new Error(`${label} exited with ${String(run.code)}: ${run.stderr.slice(0, 500)}`);
  };
  const timed = await alternate(
    {
      none: processCase(process.execPath, ["--import", "tsx", worker, "lint", "none", corpus.root, ...files], repoDir, expectZero("worker lint none")),
      rule: processCase(process.execPath, ["--import", "tsx", worker, "lint", "shellcheck", corpus.root, ...files], repoDir, expectZero("worker lint shellcheck")),
    },
    PROCESS_RUNS,
    1,
    log,
  );
  const findings = await lintAll(makeEslint("shellcheck", corpus.root), shellcheckSample);
  let scriptFiles = 0;
  let scripts = 0;
  for (const file of shellcheckSample) {
    const count = collectScripts(new DockerfileFacts(buildTree(file.text).ast, file.text)).length;
    scripts += count;
    if (count > 0) scriptFiles++;
  }
  shellcheck = { none: timed.none ?? { wall: Number.NaN, cpu: Number.NaN, samples: [] }, rule: timed.rule ?? { wall: Number.NaN, cpu: Number.NaN, samples: [] }, findings: findings.problems, scriptFiles, scripts };
} else {
  log(`no usable shellcheck (${shellcheckBinary.problem}): section 8 is skipped`);
}

const loadAfter = os.loadavg();

// ---------------------------------------------------------------- report
const perFile = (figure: Figure, files: number): number => figure.cpu / files;
const perFileWall = (figure: Figure, files: number): number => figure.wall / files;
const ruleCount = Object.keys(rules).length;

say("# Benchmark results");
say();
say(`Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC. Do not edit by hand: the analysis at the end comes from \`bench/ANALYSIS.md\`.`);
say();
say("## Machine");
say();
say(
  table(
    ["", ""],
    [
      ["CPU", `${machine.cpu}, ${machine.cores} cores`],
      ["Memory", `${machine.memoryGiB.toFixed(1)} GiB`],
      ["OS", machine.os],
      ["Node.js", machine.node],
      ...Object.entries(machine.versions).map(([name, version]) => [name, version]),
      ["Load average (1, 5, 15 min)", `before ${machine.loadBefore.map((v) => v.toFixed(1)).join(", ")}; after ${loadAfter.map((v) => v.toFixed(1)).join(", ")}`],
      ["Run time", `${((performance.now() - started) / 60000).toFixed(1)} min`],
    ],
  ),
);
say();
say(
  `The machine is shared: other jobs ran during the benchmark (see the load average; ${machine.cores} cores). ` +
    "Wall-clock times therefore include waiting for a core, so every figure is given as **CPU time** (user + system, from `process.cpuUsage()` in process " +
    `and from ${hasTimeBinary ? `\`${TIME_BINARY}\`` : "the wall clock (no GNU time here)"} for child processes) with wall time beside it. ` +
    `The targets use CPU time. Each figure is the median of ${RUNS} rounds in process (after one warm-up round) and ${PROCESS_RUNS} rounds of child processes; within a round the cases run one after the other, in an order that rotates from round to round. A target that compares two cases is the median of their ratios round by round, from rounds where they run on their own (see the targets).`,
);
say();
say(`Corpus: ${int(fileCount)} Dockerfiles, ${int(instructionCount)} instructions, ${(corpus.bytes / 1e6).toFixed(2)} MB, ${int(corpus.lines)} lines (\`${path.relative(repoDir, corpus.dir)}\`). ${ruleCount} rules are registered; configs.recommended turns on ${Object.keys(plugin.configs.recommended[0]?.rules ?? {}).length}, configs.all all of them.`);
say();

say("## 1–3. In process, whole corpus");
say();
say(
  "ESLint is driven with `ESLint#lintText(text, { filePath })` for every file, one `ESLint` instance per config (config resolved once and cached by the instance, as `lintFiles` does). No file is read from disk in these figures.",
);
say();
const base = fig("parse").cpu;
const inRows: [string, string, Figure, string][] = [
  ["parse", "`dockerfile-ast` `DockerfileParser.parse` (the floor)", fig("parse"), ""],
  ["build", "our tree: `buildTree` (includes the parse above)", fig("build"), ""],
  ["facts", "facts + shell of every RUN: `new DockerfileFacts`, `.stages`, `shellOf` (on trees built beforehand)", fig("facts"), ""],
  ["none", "ESLint, our language, no rules", fig("none"), `${outcomes.none.problems} problems`],
  ["idle", "ESLint, our language, configs.all's rules each doing nothing (ESLint's fixed cost per rule and file)", fig("idle"), `${outcomes.idle.problems} problems`],
  ["recommended", "ESLint, `configs.recommended`", fig("recommended"), `${outcomes.recommended.problems} problems`],
  ["all", "ESLint, `configs.all` (without `shellcheck`, see section 8)", fig("all"), `${outcomes.all.problems} problems`],
];
say(
  table(
    ["What", "CPU ms", "Wall ms", "CPU µs/file", "× parse", "Findings"],
    inRows.map(([, what, f, findings]) => [what, ms(f.cpu), ms(f.wall), ms((f.cpu / fileCount) * 1000), ratio(f.cpu / base), findings]),
    ["l", "r", "r", "r", "r", "l"],
  ),
);
say();

say("### Per rule (configs.all)");
say();
say(
  `From ESLint's \`stats\` option (the data behind \`TIMING=all\`), one extra pass over the corpus: time spent in each rule's listeners, summed over all files. Stats add their own overhead; shares matter more than the sums. Parse (with our tree) in that pass: ${ms(perRule.parse)} ms; total: ${ms(perRule.total)} ms.`,
);
say();
const ruleRows = [...perRule.rules.entries()].sort((a, b) => b[1] - a[1]);
const ruleSum = ruleRows.reduce((sum, [, time]) => sum + time, 0);
say(
  table(
    ["Rule", "ms", "Share of rule time", "µs/file"],
    ruleRows.map(([name, time]) => [name, ms(time), `${((time / ruleSum) * 100).toFixed(1)} %`, ms((time / fileCount) * 1000)]),
    ["l", "r", "r", "r"],
  ),
);
say();
say(`All rules: ${ms(ruleSum)} ms.`);
say();

say("## 4, 7. The command line (whole process)");
say();
say(
  `\`node dist/bin/dockerfile-lint.js\` with the default preset (recommended), output to /dev/null. Start-up: one file of median size (\`${path.relative(corpus.dir, singleFile.path)}\`, ${singleFile.text.split("\n").length} lines), and \`eslint\` on one JavaScript file beside it, alternate on their own for ${STARTUP_RUNS} rounds after a warm-up; the start-up target is the median of their ratios round by round. The CLI target likewise: \`dockerfile-lint --preset all\` and the parse floor also alternate on their own for ${CLI_PAIR_RUNS} rounds after a warm-up, and the target is the median of their ratios round by round (the table shows the rounds with every other command line). \`--cache\`: the second run, with a cache primed before the timed rounds.`,
);
say();
const cliRows: [string, Figure, number][] = [
  ["parse floor: one process reads and parses every file with `dockerfile-ast` (`bench/parse-floor.mjs`)", pfig("parse floor"), fileCount],
  ["`dockerfile-lint --preset all <corpus>` (no cache; `shellcheck` off, see section 8)", pfig("cli all"), fileCount],
  ["`dockerfile-lint <corpus>` (no cache)", pfig("cli cold"), fileCount],
  ["`dockerfile-lint --cache <corpus>` (warm cache)", pfig("cli cache"), fileCount],
  ["`dockerfile-lint <one file>` (start-up)", pfig("cli single"), 1],
  ["`eslint index.js`: ESLint on one small JavaScript file, `@eslint/js` recommended", pfig("eslint single"), 1],
];
say(
  table(
    ["Run", "CPU ms", "Wall ms", "CPU ms/file", "Peak RSS"],
    cliRows.map(([what, f, files]) => [what, ms(f.cpu), ms(f.wall), ms(f.cpu / files), f.rssMiB === undefined ? "n/a" : `${f.rssMiB.toFixed(0)} MiB`]),
    ["l", "r", "r", "r", "r"],
  ),
);
say();
say(`Peak RSS of the CLI on the whole corpus: **${cliRssMiB === undefined ? "n/a" : `${cliRssMiB.toFixed(0)} MiB`}**${hasTimeBinary ? ` (\`${TIME_BINARY} -f %M\`)` : " (`process.resourceUsage().maxRSS` in a child running the CLI main)"}.`);
say();

say("## 5. Peers on the same files");
say();
say(
  "Each peer runs as it is meant to: its API in process over the files' text (in the same alternating rounds as section 1–3), and its command line. Files a peer crashes on are counted and left out of its timed runs. `dockerlinter` (buddy-works) is not included: its install script downloads a ShellCheck binary, which cannot be fetched here. `hadolint` on npm is a wrapper around the hadolint binary, which is not on npm either.",
);
say();
const ours = fig("all");
const ourApiPerFile = perFile(ours, fileCount);
const ourCliPerFile = perFile(pfig("cli cold"), fileCount);
const ourSingle = pfig("cli single").cpu;
interface Comparison {
  peer: string;
  mode: string;
  peerPerFile: number;
  oursPerFile: number;
  ourLabel: string;
}
const comparisons: Comparison[] = [];
const peerRows: string[][] = [];
for (const peer of peerList) {
  const check = apiChecks.get(peer.name);
  if (peer.api && check) {
    const f = inProcess[`peer ${peer.name}`];
    if (f) {
      const per = perFile(f, check.ok.length);
      comparisons.push({ peer: peer.name, mode: "API", peerPerFile: per, oursPerFile: ourApiPerFile, ourLabel: "configs.all in process" });
      peerRows.push([peer.name, peer.api.describe, `${int(check.ok.length)} (${check.crashed} crashed)`, ms(per * 1000), ms(perFileWall(f, check.ok.length) * 1000), int(check.findings), peer.checks]);
    }
  }
  const files = peerCliFiles.get(peer.name) ?? [];
  const f = pfig(`peer ${peer.name}`);
  const per = perFile(f, files.length);
  comparisons.push(
    peer.cli.perFile
      ? { peer: peer.name, mode: "CLI, one file per process", peerPerFile: per, oursPerFile: ourSingle, ourLabel: "`dockerfile-lint <one file>`" }
      : { peer: peer.name, mode: "CLI, one process", peerPerFile: per, oursPerFile: ourCliPerFile, ourLabel: "`dockerfile-lint <corpus>`" },
  );
  peerRows.push([peer.name, peer.cli.describe, peer.cli.perFile ? `${files.length} (sample)` : int(files.length), ms(per * 1000), ms(perFileWall(f, files.length) * 1000), "", peer.checks]);
}
say(table(["Peer", "How", "Files", "CPU µs/file", "Wall µs/file", "Findings", "Checks"], peerRows, ["l", "l", "r", "r", "r", "r", "l"]));
say();
if (tally && tallyFiles.length > 0) {
  const t = pfig("tally");
  const o = pfig("cli tally files");
  say(
    `tally ${tallyVersion(tally)} (\`@wharflab/tally-linux-x64\`, Go; BuildKit's parser and checks, hadolint's rules, ShellCheck built in), \`tally ${tallyArgs(["<files…>"]).join(" ")}\`, one process, on the ${int(tallyFiles.length)} of ${int(Math.min(TALLY_SAMPLE, fileCount))} ${TALLY_SAMPLE < fileCount ? "sample " : "corpus "}files its parser accepts (one unparseable file aborts a tally run), ${TALLY_RUNS === 1 ? "one round" : `median of ${TALLY_RUNS} rounds`} alternating with ours: ` +
      `${ms(t.cpu)} ms CPU, ${ms(perFile(t, tallyFiles.length))} ms/file, peak RSS ${t.rssMiB === undefined ? "n/a" : `${t.rssMiB.toFixed(0)} MiB`}. ` +
      `Ours on the same files, \`dockerfile-lint --preset all --rule 'dockerfile/shellcheck: off' <files…>\`: ${ms(o.cpu)} ms CPU, ${ms(perFile(o, tallyFiles.length))} ms/file, peak RSS ${o.rssMiB === undefined ? "n/a" : `${o.rssMiB.toFixed(0)} MiB`}.`,
  );
  say();
}
say(`BuildKit v0.32.2's own checks (Go, \`docker build --check\`'s linter) were measured on this corpus on this machine outside the benchmark (it cannot be built here by \`npm run bench\`): 0.8 s of CPU and 25 MB for the whole corpus, about 0.75× the parse floor above.`);
say();
say(`Ours: \`configs.all\` in process ${ms(ourApiPerFile * 1000)} µs/file (${ruleCount} rules, ${outcomes.all.problems} findings); \`dockerfile-lint <corpus>\` ${ms(ourCliPerFile * 1000)} µs/file; \`dockerfile-lint <one file>\` ${ms(ourSingle)} ms.`);
say();

say("## 6. Scaling");
say();
say("Files: `configs.all` in process on 1, 10, 100 and 1,000 corpus files spread over the corpus; small sets are linted repeatedly so that each timed sample covers at least 100 file lints.");
say();
say(
  table(
    ["Files", "Instructions", "Repeats", "CPU ms per pass", "CPU µs/file", "CPU µs/instruction"],
    fileSets.map((s) => {
      const f = scaling[String(s.count)];
      const pass = f ? f.cpu / s.repeat : Number.NaN;
      return [int(s.count), int(s.instructions), String(s.repeat), ms(pass), ms((pass / s.count) * 1000), ms((pass / s.instructions) * 1000)];
    }),
    ["r", "r", "r", "r", "r", "r"],
  ),
);
say();
say("One generated Dockerfile (stages of ARG, ENV, LABEL, WORKDIR, COPY, COPY --from, RUN with apt-get, pipes, loops and continuation lines, CMD), linted with `configs.all` in a child process, median of 3 after a warm-up; smaller files are linted several times per sample (about 10,000 instructions a sample) so that the JIT is as warm as for the large one:");
say();
const perInstruction = new Map<number, number>();
say(
  table(
    ["Instructions", "Size", "Findings", "parse CPU ms", "parse µs/instr.", "configs.all CPU ms", "configs.all µs/instr."],
    generated.map((g) => {
      if ("failed" in g) return [int(g.instructions), "", "", "", "", `failed: ${g.failed}`, ""];
      const perInstr = (g.figures.all.cpu / g.instructions) * 1000;
      perInstruction.set(g.instructions, perInstr);
      return [
        int(g.instructions),
        `${(g.bytes / 1e6).toFixed(2)} MB`,
        int(g.outcome.problems),
        ms(g.figures.parse.cpu),
        ms((g.figures.parse.cpu / g.instructions) * 1000),
        ms(g.figures.all.cpu),
        ms(perInstr),
      ];
    }),
    ["r", "r", "r", "r", "r", "r", "r"],
  ),
);
say();

say("## 8. The shellcheck rule");
say();
if (shellcheck && shellcheckBinary.ok) {
  const n = shellcheckSample.length;
  const extraCpu = (shellcheck.rule.cpu - shellcheck.none.cpu) / n;
  const extraWall = (shellcheck.rule.wall - shellcheck.none.wall) / n;
  say(
    `\`dockerfile/shellcheck\` alone against no rules, on ${int(n)} corpus files spread over the corpus (${int(shellcheck.scriptFiles)} of them with a shell script, ${int(shellcheck.scripts)} scripts; ${int(shellcheck.findings)} findings), ShellCheck ${shellcheckBinary.version}. ` +
      "Each case is a whole process (`tsx bench/worker.ts lint <config> <cwd> <files…>`), so that the CPU of the ShellCheck processes it starts is counted; the rule starts at most one per file. " +
      "The in-process figures above (configs.all) leave this rule out, for that reason.",
  );
  say();
  say(
    table(
      ["Case", "CPU ms", "Wall ms", "CPU ms/file", "Wall ms/file"],
      [
        ["no rules", ms(shellcheck.none.cpu), ms(shellcheck.none.wall), ms(shellcheck.none.cpu / n), ms(shellcheck.none.wall / n)],
        ["`dockerfile/shellcheck`", ms(shellcheck.rule.cpu), ms(shellcheck.rule.wall), ms(shellcheck.rule.cpu / n), ms(shellcheck.rule.wall / n)],
      ],
      ["l", "r", "r", "r", "r"],
    ),
  );
  say();
  say(`Cost of the rule: **${ms(extraCpu)} ms CPU and ${ms(extraWall)} ms wall per file** (${ms((extraCpu * n) / Math.max(1, shellcheck.scriptFiles))} ms CPU per file that has a script).`);
} else {
  say(`Not measured: no usable \`shellcheck\` on PATH (${shellcheckBinary.ok ? "" : shellcheckBinary.problem}).`);
}
say();

say("## Targets");
say();
// In process as between processes, a target is the median of the rounds' own ratios, from cases run on their own.
const t1 = pairedRatio(pairFig("all"), pairFig("none"));
const t2 = pairedRatio(pairFig("all"), pairFig("parse"));
const small = perInstruction.get(GENERATED_SIZES[0] ?? 0) ?? Number.NaN;
const large = perInstruction.get(GENERATED_SIZES.at(-1) ?? 0) ?? Number.NaN;
const t4 = large / small;
const cliRatio = pairedRatio(pfig("cli all paired"), pfig("parse floor paired"));
const cliRss = pfig("cli all").rssMiB ?? Number.NaN;
const utils = inProcess["peer dockerfile-utils"];
const utilsOk = apiChecks.get("dockerfile-utils")?.ok.length ?? fileCount;
const vsUtils = utils ? pairedRatio(pairFig("all"), pairFig("dockerfile-utils"), fileCount, utilsOk) : Number.NaN;
const vsEslint = pairedRatio(pfig("cli single"), pfig("eslint single"));
const targetRows: string[][] = [
  ["`dockerfile-lint --preset all <corpus>` ≤ 2.5× the CPU of the parse-floor process (median of paired rounds)", ratio(cliRatio), verdict(cliRatio <= 2.5)],
  ["`dockerfile-lint --preset all <corpus>` peak RSS ≤ 150 MiB", `${cliRss.toFixed(0)} MiB`, verdict(cliRss <= 150)],
  ["configs.all ≤ 2× the pure `dockerfile-ast` parse (in process, median of paired rounds)", ratio(t2), verdict(t2 <= 2)],
  ["configs.all per file no slower than dockerfile-utils `validate()` (in process, median of paired rounds)", `${ratio(vsUtils)} its time`, verdict(vsUtils <= 1)],
  ["`dockerfile-lint <one file>` within 1.2× of `eslint` on one small JavaScript file", ratio(vsEslint), verdict(vsEslint <= 1.2)],
  ["configs.all ≤ 1.3× ESLint with the language and no rules (in process, median of paired rounds)", ratio(t1), verdict(t1 <= 1.3)],
];
if (tally && tallyFiles.length > 0) {
  const ahead = perFile(pfig("tally"), tallyFiles.length) / perFile(pfig("cli tally files"), tallyFiles.length);
  targetRows.push([`At least 15× ahead of tally per file (one process each, on the ${int(tallyFiles.length)} files it parses)`, `${ratio(ahead)} faster`, verdict(ahead >= 15)]);
}
for (const c of comparisons) {
  const r = c.oursPerFile / c.peerPerFile;
  targetRows.push([`Faster per file than ${c.peer} (${c.mode}; ours: ${c.ourLabel})`, `${ratio(r)} its time`, verdict(r <= 1)]);
}
targetRows.push([`Time per instruction flat from ${int(GENERATED_SIZES[0] ?? 0)} to ${int(GENERATED_SIZES.at(-1) ?? 0)} instructions (≤ 1.25×)`, ratio(t4), verdict(t4 <= 1.25)]);
say(table(["Target", "Measured", "Result"], targetRows, ["l", "r", "l"]));
say();
say(
  `The three in-process targets come from the parse, no rules, configs.all and dockerfile-utils \`validate()\` alternating on their own for ${TARGET_PAIR_RUNS} rounds after section 1–3 (medians there: ${ms(pairFig("parse").cpu)}, ${ms(pairFig("none").cpu)}, ${ms(pairFig("all").cpu)} and ${ms(pairFig("dockerfile-utils").cpu)} ms CPU), each the median of the rounds' own ratios. ` +
    `From section 1–3's rounds instead, where other cases run between them: configs.all ${ratio(pairedRatio(fig("all"), fig("parse")))} the parse, ${utils ? ratio(pairedRatio(fig("all"), utils, fileCount, utilsOk)) : "?"} \`validate()\`, ${ratio(pairedRatio(fig("all"), fig("none")))} no rules (medians of the rounds' ratios); ` +
    `${ratio(fig("all").cpu / fig("parse").cpu)}, ${utils ? ratio(perFile(fig("all"), fileCount) / perFile(utils, utilsOk)) : "?"} and ${ratio(fig("all").cpu / fig("none").cpu)} (ratios of the medians, as in the tables).`,
);
say();
const idleRatio = fig("idle").cpu / fig("parse").cpu;
say(
  `ESLint's own floor for these rules: with configs.all's ${ruleCount} rules each doing nothing, ESLint and the language take ${ratio(idleRatio)} the parse (section 1–3), so the 2× target leaves ${ratio(Math.max(0, 2 - idleRatio))} the parse for the facts, the shell parse of every RUN and every rule's own work together.`,
);
say();

const analysis = path.join(benchDir, "ANALYSIS.md");
if (existsSync(analysis)) {
  say(readFileSync(analysis, "utf8").trim());
  say();
}

const markdown = `${out.join("\n").trim()}\n`;
writeFileSync(path.join(benchDir, "RESULTS.md"), markdown);
process.stdout.write(markdown);
log("wrote bench/RESULTS.md");
