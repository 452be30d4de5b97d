/**
 * What one `dockerfile-lint` run hands to ESLint: its options (config, fixes,
 * cache) and the patterns to lint, computed from the command line alone, so
 * that worker threads can compute the same options from the same inputs.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { ESLint, Linter } from "eslint";
import { userConfigOverrides, zeroConfig } from "./config.js";
import { CliError } from "./errors.js";
import { DEFAULT_CACHE_LOCATION } from "./options.js";
import type { CliOptions } from "./options.js";
import type { Screening } from "./files.js";
import { commonBase, escapeGlob, exactPatterns, isIgnoreFile } from "./targets.js";
import type { Targets } from "./targets.js";
import type { HadolintTranslation } from "../compat/index.js";

export interface Plan {
  eslintOptions: ESLint.Options;
  /** What `lintFiles` gets; unused with `--stdin`. */
  patterns: string[];
  stdinPath: string | undefined;
}

/**
 * What the screening of the paths decided (see files.ts), as plain data so
 * that it travels to worker threads: the named files that may be read, the
 * files found in named directories, and the files that may not be read.
 */
export interface ScreenedPaths {
  named: string[];
  walked: string[];
  skipped: string[];
}

/** What the screening of `named` files and the named directories decided, as plain data. */
export function screenedPaths(named: readonly string[], screening: Screening): ScreenedPaths {
  const namedFiles = new Set(named);
  return {
    named: named.filter((file) => screening.snapshots.has(file)),
    walked: screening.files.filter((file) => !namedFiles.has(file)),
    skipped: screening.skipped.map(({ file }) => file),
  };
}

/** Absolute, keeping a trailing separator: ESLint reads `dir/` as a directory to put its cache file in. */
function cacheLocation(cwd: string, given: string | undefined): string {
  const location = given ?? DEFAULT_CACHE_LOCATION;
  const absolute = path.resolve(cwd, location);
  return /[/\\]$/u.test(location) ? absolute + path.sep : absolute;
}

/** `hadolint`: the translated `.hadolint.yaml` of the working directory, applied without `--config`. */
export function planRun(options: CliOptions, targets: Targets, screened: ScreenedPaths, cwd: string, hadolint?: HadolintTranslation): Plan {
  const fix = options.fix || options.fixDryRun;
  const common: ESLint.Options = {
    fix: fix && (options.quiet ? (message) => message.severity === 2 : true),
    // As ESLint's CLI: with --quiet, warning rules are not even run, unless --max-warnings counts them.
    ruleFilter: options.quiet && options.maxWarnings === -1 ? (rule) => rule.severity === 2 : () => true,
    cache: options.cache,
    cacheLocation: cacheLocation(cwd, options.cacheLocation),
    ignore: options.ignore,
    warnIgnored: options.warnIgnored,
    errorOnUnmatchedPattern: false,
    allowInlineConfig: options.inlineConfig,
    concurrency: options.concurrency,
  };
  // As ESLint's CLI does it: a last config block, so that it wins over the config's own linterOptions.
  const directives: Linter.Config[] =
    options.unusedDisableDirectives === undefined
      ? []
      : [{ name: "dockerfile-lint/--report-unused-disable-directives", linterOptions: { reportUnusedDisableDirectives: options.unusedDisableDirectives } }];
  const stdinPath = options.stdin ? path.resolve(cwd, options.stdinFilename ?? "Dockerfile") : undefined;

  if (options.config !== undefined) {
    const configFile = path.resolve(cwd, options.config);
    if (!existsSync(configFile)) throw new CliError(`no such file or directory: ${options.config}`);
    // ESLint walks the paths itself here: what may not be read becomes an ignore pattern.
    const skipped = screened.skipped.map((file) => escapeGlob(path.relative(cwd, file).split(path.sep).join("/")));
    return {
      eslintOptions: {
        ...common,
        cwd,
        ...(skipped.length > 0 ? { ignorePatterns: skipped } : {}),
        overrideConfigFile: configFile,
        overrideConfig: [...userConfigOverrides(options.rules), ...directives],
      },
      patterns: options.paths,
      stdinPath,
    };
  }

  const named = stdinPath === undefined ? screened.named : [stdinPath];
  const lintTargets: Targets = { directories: targets.directories, files: named };
  const base = commonBase(cwd, lintTargets);
  return {
    eslintOptions: {
      ...common,
      cwd: base,
      overrideConfigFile: true,
      overrideConfig: zeroConfig({
        preset: options.preset ?? "recommended",
        rules: options.rules,
        namedFiles: exactPatterns(
          named.filter((file) => !isIgnoreFile(file)),
          base,
        ),
        gitignoreDir: options.ignore ? cwd : undefined,
        hadolint,
      }).concat(directives),
    },
    // The files the screening chose, not directory patterns: ESLint would open a FIFO or follow a link out of the tree.
    patterns: stdinPath === undefined ? [...screened.walked, ...named] : [],
    stdinPath,
  };
}

/** The inputs of `planRun`, as the worker options module reads them back. */
export interface PlanInputs {
  options: CliOptions;
  targets: Targets;
  screened: ScreenedPaths;
  cwd: string;
  /** Plain data, so it travels in the query as JSON. */
  hadolint?: HadolintTranslation | undefined;
}

/**
 * The options module for `ESLint.fromOptionsModule`, with the run's inputs in
 * its query: every worker imports the same URL, and another run in the same
 * process gets a module of its own.
 */
export function workerOptionsModule(options: CliOptions, targets: Targets, screened: ScreenedPaths, cwd: string, hadolint?: HadolintTranslation): URL {
  const url = new URL("./worker-options.js", import.meta.url);
  const inputs: PlanInputs = { options, targets, screened, cwd, hadolint };
  url.searchParams.set("plan", JSON.stringify(inputs));
  return url;
}
