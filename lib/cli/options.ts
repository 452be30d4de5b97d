/**
 * Command-line options of `dockerfile-lint`, read with `node:util`'s
 * `parseArgs`. Every mistake becomes a `UsageError` (one line, exit 2).
 */
import { parseArgs } from "node:util";
import { PROGRAM, UsageError } from "./errors.js";
import { checkRuleEntries, parseRuleOption } from "./rule-option.js";

export const PRESETS = ["recommended", "strict", "all"] as const;
export type Preset = (typeof PRESETS)[number];

/** The file name `--cache` writes to unless `--cache-location` says otherwise. */
export const DEFAULT_CACHE_LOCATION = ".dockerfile-lint-cache";

export interface CliOptions {
  help: boolean;
  version: boolean;
  /** Paths to lint, as given; `["."]` when none. */
  paths: string[];
  /** Whether the paths were left out (and `.` is used). */
  defaultPaths: boolean;
  /** `undefined` unless `--preset` is given; `recommended` is the default. */
  preset: Preset | undefined;
  /** `--rule` values merged in order, later ones winning. */
  rules: Record<string, unknown>;
  config: string | undefined;
  fix: boolean;
  fixDryRun: boolean;
  format: string;
  outputFile: string | undefined;
  /** -1 when not given: no limit. */
  maxWarnings: number;
  quiet: boolean;
  stdin: boolean;
  stdinFilename: string | undefined;
  cache: boolean;
  cacheLocation: string | undefined;
  /** `undefined` lets the formatter decide from the terminal. */
  color: boolean | undefined;
  ignore: boolean;
  warnIgnored: boolean;
  /** `--no-inline-config`: `# eslint-…` comments change nothing. */
  inlineConfig: boolean;
  /** ESLint's worker threads: `off` (default), `auto` or a count. */
  concurrency: "off" | "auto" | number;
  /** `--report-unused-disable-directives[-severity]`; `undefined` leaves it to the config. */
  unusedDisableDirectives: "error" | "warn" | "off" | undefined;
}

const OPTIONS = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
  preset: { type: "string" },
  rule: { type: "string", multiple: true },
  config: { type: "string", short: "c" },
  fix: { type: "boolean" },
  "fix-dry-run": { type: "boolean" },
  format: { type: "string", short: "f" },
  "output-file": { type: "string", short: "o" },
  "max-warnings": { type: "string" },
  quiet: { type: "boolean" },
  stdin: { type: "boolean" },
  "stdin-filename": { type: "string" },
  cache: { type: "boolean" },
  "cache-location": { type: "string" },
  color: { type: "boolean" },
  "no-color": { type: "boolean" },
  "no-ignore": { type: "boolean" },
  "no-warn-ignored": { type: "boolean" },
  "no-inline-config": { type: "boolean" },
  concurrency: { type: "string" },
  "report-unused-disable-directives": { type: "boolean" },
  "report-unused-disable-directives-severity": { type: "string" },
} as const;

export const HELP = `Usage: ${PROGRAM} [options] [paths...]
       ${PROGRAM} pin [options] [paths...]   (add image digests; see '${PROGRAM} pin --help')
       ${PROGRAM} init [--stdout] [--force]  (write eslint.config.js; see '${PROGRAM} init --help')

Lint Dockerfiles with eslint-plugin-dockerfile, without an ESLint config.
Paths default to '.'. Directories are searched for Dockerfile, Dockerfile.*,
*.Dockerfile, *.dockerfile, Containerfile and Containerfile.* (not
*.dockerignore), and for the images named in Compose files, GitHub Actions
workflows, .gitlab-ci.yml, dev container files and docker-bake.json, skipping
what .gitignore lists. A file named on the command line is linted whatever its
name: by its kind, a *.md file for its dockerfile blocks, anything else as a
Dockerfile. Without --config, the .hadolint.yaml, .hadolint.yml or
hadolint.yaml of the current directory applies: its ignored rules,
severities and trusted registries.

Rules:
  --preset <name>           recommended (default), strict or all
  --rule <rule: severity>   Change a rule, as ESLint's --rule does; repeatable:
                            --rule 'dockerfile/pin-base-image: off'
                            --rule '{"dockerfile/pin-base-image": ["error", {"digest": "always"}]}'
  -c, --config <file>       Use this eslint.config file instead of the built-in config

Fixing:
  --fix                     Write fixes to the files
  --fix-dry-run             Compute fixes without writing them (see them with --format json)

Output:
  -f, --format <name>       stylish (default), json, json-with-metadata, html, sarif,
                            github, gitlab, or any ESLint formatter package or file
  -o, --output-file <path>  Write the report to a file instead of stdout
  --quiet                   Report errors only, not warnings
  --max-warnings <n>        Exit with code 1 when there are more than n warnings
  --color, --no-color       Force colours on or off

Directive comments:
  --no-inline-config        Ignore '# eslint-…' comments in the files
  --report-unused-disable-directives
                            Report '# eslint-disable' comments that silence nothing, as errors
  --report-unused-disable-directives-severity <off|warn|error>
                            The same, with this severity

Input:
  --stdin                   Lint the text on standard input
  --stdin-filename <name>   The file name of that text (default: Dockerfile)
  --no-ignore               Do not skip what .gitignore and the default ignores
                            (node_modules, .git) list
  --no-warn-ignored         Say nothing about named files that are ignored

Speed:
  --concurrency <n|auto|off>
                            Lint in n worker threads, as ESLint's option does (default: off)

Caching:
  --cache                   Only lint files changed since the last run
  --cache-location <path>   Cache file or directory (default: ${DEFAULT_CACHE_LOCATION})

  -h, --help                Show this help
  -v, --version             Show the version

Exit codes: 0 no errors (warnings allowed), 1 lint errors or too many warnings,
2 bad usage, a missing path or another failure.
Set DEBUG=${PROGRAM} to print the stack of an unexpected error.
`;

interface ParseArgsError {
  code?: string;
  message: string;
}

function usageFromParseArgs(error: ParseArgsError): UsageError {
  const unknown = /^Unknown option '([^']*)'/u.exec(error.message);
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && unknown) {
    return new UsageError(`unknown option '${unknown[1] ?? ""}'`);
  }
  // "Option '-f, --format <value>' argument missing", "Option '--fix' does not take an argument"
  const text = error.message.split(/\.\s|\n/u)[0] ?? error.message;
  return new UsageError(text.charAt(0).toLowerCase() + text.slice(1));
}

function parseMaxWarnings(text: string | undefined): number {
  if (text === undefined) return -1;
  if (!/^(?:-1|\d+)$/u.test(text.trim())) {
    throw new UsageError(`--max-warnings needs a whole number, not '${text}'`);
  }
  return Number(text.trim());
}

function parseConcurrency(text: string | undefined): CliOptions["concurrency"] {
  if (text === undefined) return "off";
  const value = text.trim();
  if (value === "off" || value === "auto") return value;
  if (!/^[1-9]\d{0,3}$/u.test(value)) throw new UsageError(`--concurrency needs a positive whole number, auto or off, not '${text}'`);
  return Number(value);
}

const SEVERITIES = ["off", "warn", "error"] as const;

function parseUnusedDirectives(flag: boolean | undefined, severity: string | undefined): CliOptions["unusedDisableDirectives"] {
  if (flag && severity !== undefined) {
    throw new UsageError("--report-unused-disable-directives and --report-unused-disable-directives-severity cannot be used together");
  }
  if (severity !== undefined) {
    const named = { 0: "off", 1: "warn", 2: "error" }[severity] ?? severity;
    if (!(SEVERITIES as readonly string[]).includes(named)) {
      throw new UsageError(`--report-unused-disable-directives-severity needs off, warn or error, not '${severity}'`);
    }
    return named as CliOptions["unusedDisableDirectives"];
  }
  return flag ? "error" : undefined;
}

/**
 * `parseArgs` reads `-1` after `--max-warnings` as an option; ESLint users
 * write it that way, so join the pair as `--max-warnings=-1`.
 */
function joinNegativeValues(args: readonly string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? "";
    const next = args[index + 1];
    if (arg === "--max-warnings" && next !== undefined && /^-\d+$/u.test(next)) {
      joined.push(`${arg}=${next}`);
      index++;
    } else {
      joined.push(arg);
    }
    if (arg === "--") {
      joined.push(...args.slice(index + 1));
      break;
    }
  }
  return joined;
}

/** Reads the arguments (without `node` and the script). */
export function parseOptions(args: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(args), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageFromParseArgs(error as ParseArgsError);
  }
  const { values, positionals } = parsed;

  const preset = values.preset;
  if (preset !== undefined && !(PRESETS as readonly string[]).includes(preset)) {
    throw new UsageError(`unknown preset '${preset}': use ${PRESETS.join(", ")}`);
  }

  const rules: Record<string, unknown> = {};
  for (const text of values.rule ?? []) {
    const entries = parseRuleOption(text);
    checkRuleEntries(entries, text);
    Object.assign(rules, entries);
  }

  const options: CliOptions = {
    help: values.help ?? false,
    version: values.version ?? false,
    paths: positionals.length > 0 ? positionals : ["."],
    defaultPaths: positionals.length === 0,
    preset: preset as Preset | undefined,
    rules,
    config: values.config,
    fix: values.fix ?? false,
    fixDryRun: values["fix-dry-run"] ?? false,
    format: values.format ?? "stylish",
    outputFile: values["output-file"],
    maxWarnings: parseMaxWarnings(values["max-warnings"]),
    quiet: values.quiet ?? false,
    stdin: values.stdin ?? false,
    stdinFilename: values["stdin-filename"],
    cache: values.cache ?? false,
    cacheLocation: values["cache-location"],
    color: values["no-color"] ? false : values.color,
    ignore: !(values["no-ignore"] ?? false),
    warnIgnored: !(values["no-warn-ignored"] ?? false),
    inlineConfig: !(values["no-inline-config"] ?? false),
    concurrency: parseConcurrency(values.concurrency),
    unusedDisableDirectives: parseUnusedDirectives(
      values["report-unused-disable-directives"],
      values["report-unused-disable-directives-severity"],
    ),
  };

  if (options.help || options.version) return options;

  const conflicts: [boolean, string][] = [
    [options.fix && options.fixDryRun, "--fix and --fix-dry-run cannot be used together"],
    [options.fix && options.stdin, "--fix cannot write piped-in text back; use --fix-dry-run --format json to see the fixed text"],
    [options.stdin && positionals.length > 0, "--stdin lints standard input: do not give paths with it"],
    [options.stdinFilename !== undefined && !options.stdin, "--stdin-filename needs --stdin"],
    [options.config !== undefined && preset !== undefined, "--preset cannot be used with --config: the config file chooses the rules"],
    [(values.color ?? false) && (values["no-color"] ?? false), "--color and --no-color cannot be used together"],
    [options.cacheLocation !== undefined && !options.cache, "--cache-location needs --cache"],
    [options.format.trim() === "", "--format needs a formatter name"],
  ];
  for (const [conflict, message] of conflicts) {
    if (conflict) throw new UsageError(message);
  }
  return options;
}
