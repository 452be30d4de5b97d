/**
 * `dockerfile-lint init`: writes an `eslint.config.js` for the Dockerfiles of
 * the current directory, translated from its `.hadolint.yaml` when there is
 * one, or the recommended preset otherwise. `--stdout` prints it instead.
 */
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import plugin from "../../index.js";
import { HadolintConfigError, eslintConfigText, findHadolintConfig, readHadolintConfig } from "../compat/index.js";
import type { HadolintTranslation } from "../compat/index.js";
import { CliError, PROGRAM, UsageError, displayPath } from "./errors.js";
import type { CliIo } from "./main.js";

export const INIT_HELP = `Usage: ${PROGRAM} init [--stdout] [--force] [--from <file>]

Write eslint.config.js for the Dockerfiles here. With a .hadolint.yaml,
.hadolint.yml or hadolint.yaml in this directory (or --from <file>), the
config carries its settings over: ignored rules, override severities,
failure-threshold, trustedRegistries and disable-ignore-pragma; comments
name what does not carry over. Without one, it is the recommended preset.

  --stdout         Print the config instead of writing eslint.config.js
  --force          Replace an existing eslint.config.js
  --from <file>    Translate this hadolint config file
  -h, --help       Show this help
`;

const ESLINT_CONFIG_NAMES = ["eslint.config.js", "eslint.config.mjs", "eslint.config.cjs", "eslint.config.ts", "eslint.config.mts", "eslint.config.cts"];

/** The hadolint config of `file` as ESLint settings; a config hadolint would refuse is an error here too. */
export function hadolintSettings(file: string, cwd: string): HadolintTranslation {
  try {
    return readHadolintConfig(file, new Set(Object.keys(plugin.rules)));
  } catch (error) {
    if (error instanceof HadolintConfigError) throw new CliError(`cannot use ${displayPath(file, cwd)}: ${error.message}`);
    throw error;
  }
}

export async function runInit(args: readonly string[], io: CliIo): Promise<number> {
  let values: { stdout?: boolean; force?: boolean; from?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { stdout: { type: "boolean" }, force: { type: "boolean" }, from: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    const message = error instanceof Error ? (error.message.split(/\.\s|\n/u)[0] ?? "") : String(error);
    throw new UsageError(`init: ${message.charAt(0).toLowerCase()}${message.slice(1)}`);
  }
  if (values.help) {
    io.stdout(INIT_HELP);
    return 0;
  }

  const { cwd } = io;
  let source: string | undefined;
  if (values.from !== undefined) {
    source = path.resolve(cwd, values.from);
    if (!existsSync(source)) throw new CliError(`no such file or directory: ${values.from}`);
  } else {
    source = findHadolintConfig(cwd);
  }
  const translation = source === undefined ? undefined : { source: path.basename(source), result: hadolintSettings(source, cwd) };
  const text = eslintConfigText(translation);

  if (values.stdout) {
    io.stdout(text);
    return 0;
  }
  const existing = ESLINT_CONFIG_NAMES.find((name) => existsSync(path.join(cwd, name)));
  if (existing && !values.force) {
    throw new CliError(`${existing} already exists: see the new config with '${PROGRAM} init --stdout', or replace it with --force`);
  }
  await writeFile(path.join(cwd, "eslint.config.js"), text);
  const from = source === undefined ? "the recommended preset" : `the settings of ${displayPath(source, cwd)}`;
  const notes = translation && translation.result.notes.length > 0 ? `; ${translation.result.notes.length} not carried over, see its comments` : "";
  io.stderr(`${PROGRAM}: wrote eslint.config.js with ${from}${notes}. It needs: npm install --save-dev eslint eslint-plugin-dockerfile\n`);
  return 0;
}
