/**
 * `dockerfile-lint pin [options] [paths...]`: resolve the tags of the images
 * the files name to digests and write `name:tag@sha256:…`. The only command
 * that uses the network, and only to the registries the files name.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { ESLint } from "eslint";
import { parsePlatform } from "../images/index.js";
import type { PlatformSpec } from "../images/index.js";
import { PositionIndex } from "../language/index.js";
import { finderForFile, pinText, unifiedDiff } from "../pin/index.js";
import type { FileResult, PinMode, SiteOutcome } from "../pin/index.js";
import { RegistryClient, createTransport, defaultConfigPath, loadCredentials } from "../registry/index.js";
import { zeroConfig } from "./config.js";
import { CliError, PROGRAM, UsageError, displayPath } from "./errors.js";
import { loadFormatter } from "./formatter.js";
import type { CliIo } from "./main.js";
import { screenFiles, writeFixedFile } from "./files.js";
import type { Screening } from "./files.js";
import { screenedPaths } from "./plan.js";
import { commonBase, exactPatterns, isIgnoreFile, isSearchedPath, resolveTargets } from "./targets.js";

export const PIN_HELP = `Usage: ${PROGRAM} pin [options] [paths...]

Pin the images that Dockerfiles name to the digest their tag points at now:
FROM node:22 becomes FROM node:22@sha256:<digest>, the tag kept. For a
multi-platform image the digest is the index's, valid on every platform.
Looks at the # syntax= directive, FROM (and the ARG default a FROM reads),
COPY --from=<image> and RUN --mount=from=<image>. Stages, scratch and
variables with no default are listed and left alone. Paths default to '.'.

  --dry-run                  Print the changes as a diff, write nothing; exit 1 if any
  --update                   Also replace pinned digests whose tag now points elsewhere
  --check                    Change nothing; report stale digests, missing tags and
                             unreachable registries, and exit 1 if there are any
  --platform <os/arch>       Pin that platform's manifest instead of the index
  --registry-config <file>   Docker config.json with credentials
                             (default: $DOCKER_CONFIG/config.json or ~/.docker/config.json)
  --insecure-registry <host> Reach this registry over plain HTTP (loopback always is); repeatable
  --timeout <seconds>        Time limit of one request (default: 15)
  -f, --format <name>        Report format of --check: stylish (default), json, sarif, ...
  -o, --output-file <path>   Write the --check report to a file
  -h, --help                 Show this help

HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured. Exit codes: 0 done, 1 a
look-up failed (that file is left unchanged), --dry-run found changes or
--check found problems, 2 bad usage or another failure.
`;

const OPTIONS = {
  help: { type: "boolean", short: "h" },
  "dry-run": { type: "boolean" },
  update: { type: "boolean" },
  check: { type: "boolean" },
  platform: { type: "string" },
  "registry-config": { type: "string" },
  "insecure-registry": { type: "string", multiple: true },
  timeout: { type: "string" },
  format: { type: "string", short: "f" },
  "output-file": { type: "string", short: "o" },
} as const;

export interface PinOptions {
  help: boolean;
  paths: string[];
  mode: PinMode;
  dryRun: boolean;
  platform: PlatformSpec | null;
  registryConfig: string | undefined;
  insecureRegistries: string[];
  /** Milliseconds. */
  timeout: number;
  format: string;
  outputFile: string | undefined;
}

export function parsePinOptions(args: readonly string[]): PinOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.split(/\.\s|\n/u)[0] ?? "";
    throw new UsageError(`pin: ${message.charAt(0).toLowerCase()}${message.slice(1)}`);
  }
  const { values, positionals } = parsed;
  const check = values.check ?? false;
  const update = values.update ?? false;
  const dryRun = values["dry-run"] ?? false;
  if (check && (update || dryRun)) throw new UsageError("pin: --check changes nothing, so it cannot be used with --update or --dry-run");
  if (!check && (values.format !== undefined || values["output-file"] !== undefined)) {
    throw new UsageError("pin: --format and --output-file are for the report of --check");
  }
  let platform: PlatformSpec | null = null;
  if (values.platform !== undefined) {
    platform = parsePlatform(values.platform);
    if (!platform) throw new UsageError(`pin: --platform needs os/arch[/variant], such as linux/arm64, not '${values.platform}'`);
  }
  let timeout = 15_000;
  if (values.timeout !== undefined) {
    if (!/^\d+(?:\.\d+)?$/u.test(values.timeout) || Number(values.timeout) <= 0) {
      throw new UsageError(`pin: --timeout needs a number of seconds, not '${values.timeout}'`);
    }
    timeout = Number(values.timeout) * 1000;
  }
  return {
    help: values.help ?? false,
    paths: positionals.length > 0 ? positionals : ["."],
    mode: check ? "check" : update ? "update" : "pin",
    dryRun,
    platform,
    registryConfig: values["registry-config"],
    insecureRegistries: values["insecure-registry"] ?? [],
    timeout,
    format: values.format ?? "stylish",
    outputFile: values["output-file"],
  };
}

/**
 * The files to pin: chosen by the same screening as a lint run (regular files
 * inside the named roots, no FIFO, no link out of the tree, a size limit),
 * then by ESLint's ignores.
 */
async function discover(paths: readonly string[], io: CliIo): Promise<{ files: string[]; eslint: ESLint; screening: Screening }> {
  const { cwd } = io;
  const found = await resolveTargets(paths, cwd);
  const targets = { directories: found.directories, files: found.files.filter((file) => !isIgnoreFile(file)) };
  const screening = screenFiles(targets.directories, targets.files, isSearchedPath, false);
  for (const { file, reason } of screening.skipped) io.stderr(`${PROGRAM}: skipping ${displayPath(file, cwd)}: ${reason}\n`);
  const { named, walked } = screenedPaths(targets.files, screening);
  const base = commonBase(cwd, { directories: targets.directories, files: named });
  const eslint = new ESLint({
    cwd: base,
    overrideConfigFile: true,
    overrideConfig: zeroConfig({ preset: "recommended", rules: {}, namedFiles: exactPatterns(named, base), gitignoreDir: cwd }),
    // Only the file list is wanted: parse, run no rule.
    ruleFilter: () => false,
    warnIgnored: false,
    errorOnUnmatchedPattern: false,
  });
  const patterns = [...walked, ...named];
  const results = patterns.length === 0 ? [] : await eslint.lintFiles(patterns);
  return { files: results.map((result) => result.filePath), eslint, screening };
}

const CHECK_RULES: Partial<Record<SiteOutcome["status"], string>> = {
  stale: "pin/stale-digest",
  missing: "pin/missing-tag",
  unreachable: "pin/unreachable-registry",
  failed: "pin/lookup-failed",
};

function checkResult(file: string, text: string, result: FileResult): ESLint.LintResult {
  const positions = new PositionIndex(text);
  const messages = result.outcomes.flatMap((outcome) => {
    const ruleId = CHECK_RULES[outcome.status];
    if (ruleId === undefined) return [];
    const start = positions.positionOf(outcome.site.range[0]);
    const end = positions.positionOf(outcome.site.range[1]);
    return [{ ruleId, severity: 2 as const, message: outcome.message, line: start.line, column: start.column, endLine: end.line, endColumn: end.column }];
  });
  return {
    filePath: file,
    messages,
    suppressedMessages: [],
    errorCount: messages.length,
    fatalErrorCount: 0,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  };
}

const VERBS: Partial<Record<SiteOutcome["status"], string>> = {
  pinned: "pinned",
  updated: "updated",
  skipped: "left alone:",
  missing: "failed:",
  unreachable: "failed:",
  failed: "failed:",
};

function summaryLine(file: string, text: string, outcome: SiteOutcome, cwd: string, state: "written" | "dry-run" | "failed"): string | null {
  let verb = VERBS[outcome.status];
  if (verb === undefined) return null;
  if (outcome.replacement !== null && state === "dry-run") verb = outcome.status === "pinned" ? "would pin" : "would update";
  if (outcome.replacement !== null && state === "failed") verb = `not ${verb}, as the file is left unchanged:`;
  const { line, column } = new PositionIndex(text).positionOf(outcome.site.range[0]);
  return `${displayPath(file, cwd)}:${line}:${column}  ${outcome.site.label}  ${verb} ${outcome.message}`;
}

export async function runPin(args: readonly string[], io: CliIo): Promise<number> {
  const options = parsePinOptions(args);
  if (options.help) {
    io.stdout(PIN_HELP);
    return 0;
  }
  const { cwd } = io;
  const configFile = options.registryConfig === undefined ? defaultConfigPath(io.env) : path.resolve(cwd, options.registryConfig);
  let credentials;
  try {
    credentials = await loadCredentials(configFile, options.registryConfig !== undefined);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const { files, eslint, screening } = await discover(options.paths, io);
  // Before any look-up, so that a bad --format fails first.
  const formatter = options.mode === "check" ? await loadFormatter(eslint, options.format, cwd) : null;
  if (files.length === 0) {
    io.stderr(`${PROGRAM}: no Dockerfile found in ${options.paths.join(", ")}\n`);
    return 0;
  }

  const client = new RegistryClient({
    transport: createTransport({ timeout: options.timeout, retries: 2, env: io.env }),
    credentials,
    insecureRegistries: options.insecureRegistries,
  });
  const resolve = client.resolve.bind(client);
  let results: { file: string; text: string; result: FileResult }[];
  try {
    results = await Promise.all(
      files.map(async (file) => {
        const text = await readFile(file, "utf8");
        // The linter says so for a binary file; pin has nothing to read in it.
        if (text.includes("\u0000")) {
          return { file, text, result: { outcomes: [], text, changed: false, failed: false } satisfies FileResult };
        }
        const result = await pinText(text, finderForFile(file), resolve, { mode: options.mode, platform: options.platform });
        return { file, text, result };
      }),
    );
  } finally {
    await client.close();
  }

  if (formatter) {
    const lintResults = results.map(({ file, text, result }) => checkResult(file, text, result));
    const output = await formatter.format(lintResults, {});
    if (options.outputFile === undefined) {
      if (output !== "") io.stdout(output.endsWith("\n") ? output : `${output}\n`);
    } else {
      await writeFile(path.resolve(cwd, options.outputFile), output);
    }
    return lintResults.some((result) => result.errorCount > 0) ? 1 : 0;
  }

  let changed = 0;
  let edits = 0;
  let failedFiles = 0;
  let unwritten = 0;
  // The diff is the output of --dry-run; the summary is what happened, on stderr then.
  const report = options.dryRun ? io.stderr : io.stdout;
  for (const { file, text, result } of results) {
    // Written before the lines are printed, so that they say what became of the file.
    let notWritten: string | null = null;
    if (!result.failed && result.changed && !options.dryRun) {
      // The look-ups take a while: a file edited meanwhile is left as it is now.
      notWritten = await writeFixedFile(file, result.text, screening.snapshots.get(file));
    }
    const state = result.failed || notWritten !== null ? "failed" : options.dryRun ? "dry-run" : "written";
    for (const outcome of result.outcomes) {
      const line = summaryLine(file, text, outcome, cwd, state);
      if (line !== null) report(`${line}\n`);
    }
    if (result.failed || notWritten !== null) {
      if (result.failed) failedFiles++;
      else unwritten++;
      report(`${displayPath(file, cwd)}: left unchanged because ${notWritten ?? "a look-up failed"}\n`);
      continue;
    }
    if (!result.changed) continue;
    if (options.dryRun) io.stdout(unifiedDiff(text, result.text, displayPath(file, cwd).split(path.sep).join("/")));
    changed++;
    edits += result.outcomes.filter((outcome) => outcome.replacement !== null).length;
  }
  const would = options.dryRun ? "would pin" : "pinned";
  const unchanged = failedFiles + unwritten;
  report(`${would} ${edits} reference${edits === 1 ? "" : "s"} in ${changed} file${changed === 1 ? "" : "s"}${unchanged > 0 ? `; ${unchanged} left unchanged` : ""}\n`);
  return unchanged > 0 || (options.dryRun && changed > 0) ? 1 : 0;
}
