/**
 * `dockerfile-lint`: ESLint's Node API run with this plugin's own config, for
 * projects that do not use ESLint otherwise. Exit codes are ESLint's: 0 no
 * errors, 1 lint errors or too many warnings, 2 anything else that failed.
 */
import { existsSync } from "node:fs";
import { stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { ESLint } from "eslint";
import { packageInfo } from "../package-info.js";
import { CliError, PROGRAM, debugEnabled, describeError, displayPath, errnoMessage } from "./errors.js";
import { gitignoreFile } from "./config.js";
import { SKIPPED_DIRECTORIES, ensureDirectory, screenFiles, writeFixedFile } from "./files.js";
import type { Screening } from "./files.js";
import { loadFormatter } from "./formatter.js";
import { HELP, parseOptions } from "./options.js";
import { planRun, screenedPaths, workerOptionsModule } from "./plan.js";
import { describePaths, isSearchedPath, isIgnoreFile, resolveTargets } from "./targets.js";
import { hadolintSettings, runInit } from "./init.js";
import { findHadolintConfig } from "../compat/index.js";
import type { Targets } from "./targets.js";

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

export function processIo(): CliIo {
  // `dockerfile-lint | head` closes the pipe early: stop quietly instead of throwing EPIPE.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: () => readStream(process.stdin),
  };
}

/** Runs the command; resolves to the exit code. Never throws. */
export async function main(args: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await run(args, io);
  } catch (error) {
    const known = error instanceof CliError || errnoMessage(error, io.cwd) !== undefined;
    const hint = known || debugEnabled(io.env) ? "" : ` (set DEBUG=${PROGRAM} for the stack)`;
    io.stderr(`${PROGRAM}: ${describeError(error, io.cwd)}${hint}\n`);
    if (debugEnabled(io.env) && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return 2;
  }
}

async function writeReport(io: CliIo, output: string, outputFile: string | undefined): Promise<void> {
  if (outputFile === undefined) {
    if (output !== "") io.stdout(output.endsWith("\n") ? output : `${output}\n`);
    return;
  }
  const file = path.resolve(io.cwd, outputFile);
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) throw new CliError(`--output-file is a directory: ${outputFile}`);
  await ensureDirectory(path.dirname(file), "--output-file", io.cwd);
  await writeFile(file, output);
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  // The one command that talks to registries, loaded only when asked for.
  if (args[0] === "pin") return (await import("./pin.js")).runPin(args.slice(1), io);
  // `./init` lints a file named init.
  if (args[0] === "init") return runInit(args.slice(1), io);
  const options = parseOptions(args);
  if (options.help) {
    io.stdout(HELP);
    return 0;
  }
  if (options.version) {
    io.stdout(`${packageInfo.version}\n`);
    return 0;
  }

  const { cwd } = io;
  let targets: Targets = { directories: [], files: [] };
  if (!options.stdin) {
    targets = await resolveTargets(options.paths, cwd);
    if (options.config === undefined) {
      for (const file of targets.files.filter(isIgnoreFile)) {
        io.stderr(`${PROGRAM}: skipping ${displayPath(file, cwd)}: a .dockerignore file is not a Dockerfile\n`);
      }
      targets = { ...targets, files: targets.files.filter((file) => !isIgnoreFile(file)) };
    }
  }

  // Without an ESLint config, a hadolint config here still decides what is reported.
  const hadolintFile = options.config === undefined ? findHadolintConfig(cwd) : undefined;
  const hadolint = hadolintFile === undefined ? undefined : hadolintSettings(hadolintFile, cwd);
  if (hadolintFile !== undefined) io.stderr(`${PROGRAM}: using the settings of ${displayPath(hadolintFile, cwd)} (no --config given; '${PROGRAM} init' turns it into eslint.config.js)\n`);
  const screening: Screening = options.stdin
    ? { files: [], skipped: [], snapshots: new Map() }
    : screenFiles(targets.directories, targets.files, options.config === undefined ? isSearchedPath : () => true, !options.ignore);
  for (const { file, reason } of screening.skipped) io.stderr(`${PROGRAM}: skipping ${displayPath(file, cwd)}: ${reason}\n`);
  const screened = screenedPaths(targets.files, screening);
  const plan = planRun(options, targets, screened, cwd, hadolint);
  if (options.cache) {
    // ESLint creates the cache's directory with a recursive mkdir, which spins forever under /proc: make it first.
    const location = plan.eslintOptions.cacheLocation ?? path.resolve(cwd, ".");
    await ensureDirectory(/[/\\]$/u.test(location) ? location : path.dirname(location), "--cache-location", cwd);
  }
  // Worker threads cannot receive the plugin object: with --concurrency they load the options from a module.
  const eslint =
    options.concurrency === "off" || plan.stdinPath !== undefined
      ? new ESLint(plan.eslintOptions)
      : await ESLint.fromOptionsModule(workerOptionsModule(options, targets, { ...screened, walked: [] }, cwd, hadolint));
  // Before linting, so that a bad --format fails before --fix writes anything.
  const formatter = await loadFormatter(eslint, options.format, cwd);

  let results: ESLint.LintResult[];
  if (plan.stdinPath !== undefined) {
    const text = await io.readStdin();
    results = await eslint.lintText(text, { filePath: plan.stdinPath, warnIgnored: options.warnIgnored });
  } else if (plan.patterns.length > 0) {
    let patterns = plan.patterns;
    if (options.config === undefined && options.ignore && mayBeIgnored(screened.walked, cwd)) {
      // Walked files that .gitignore lists are left out silently, as a directory pattern would leave them.
      const walked = new Set(screened.walked);
      const ignored = new Set<string>();
      for (const file of walked) if (await eslint.isPathIgnored(file)) ignored.add(file);
      patterns = patterns.filter((file) => !ignored.has(file));
    }
    results = patterns.length > 0 ? await eslint.lintFiles(patterns) : [];
  } else {
    results = [];
  }

  if (options.fix) {
    for (const result of results) {
      if (result.output === undefined) continue;
      const reason = await writeFixedFile(result.filePath, result.output, screening.snapshots.get(result.filePath));
      if (reason !== null) io.stderr(`${PROGRAM}: not writing fixes to ${displayPath(result.filePath, cwd)}: ${reason}\n`);
    }
  }

  let errorCount = 0;
  let warningCount = 0;
  for (const result of results) {
    errorCount += result.errorCount;
    warningCount += result.warningCount;
  }
  const tooManyWarnings = options.maxWarnings >= 0 && warningCount > options.maxWarnings;
  const resultsMeta: ESLint.ResultsMeta = {};
  if (options.color !== undefined) resultsMeta.color = options.color;
  if (tooManyWarnings) resultsMeta.maxWarningsExceeded = { maxWarnings: options.maxWarnings, foundWarnings: warningCount };

  const shown = options.quiet ? ESLint.getErrorResults(results) : results;
  const output = await formatter.format(shown, resultsMeta);
  await writeReport(io, output, options.outputFile);

  if (results.length === 0 && plan.stdinPath === undefined) {
    io.stderr(`${PROGRAM}: no Dockerfile found in ${describePaths(options.paths, cwd)}\n`);
  }
  if (errorCount === 0 && tooManyWarnings) {
    io.stderr(`${PROGRAM}: ${warningCount} warnings, more than --max-warnings ${options.maxWarnings}\n`);
  }
  return errorCount > 0 || tooManyWarnings ? 1 : 0;
}

/**
 * Whether the ignores could leave out a walked file: only a `.gitignore` in
 * `cwd` can, or ESLint's default ignores for a walk that started inside
 * `node_modules` or `.git` (it skips them below where it starts). Asking ESLint
 * file by file costs about 4% of a run over 1,452 files.
 */
function mayBeIgnored(walked: readonly string[], cwd: string): boolean {
  if (existsSync(gitignoreFile(cwd))) return true;
  return walked.some((file) => file.split(/[\\/]/u).some((part) => SKIPPED_DIRECTORIES.has(part)));
}
