/**
 * Other npm Dockerfile linters, installed in bench/node_modules only (see
 * bench/package.json). Each is run as it is meant to run: its API in process
 * where it has one, and its command line.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { timeInProcess, timeProcess } from "./measure.js";
import type { Case, Sample } from "./measure.js";

export interface PeerInput {
  path: string;
  text: string;
}

/** A peer's API: lints one file's text, returns the number of findings. */
type ApiLint = (input: PeerInput) => number;

export interface Peer {
  name: string;
  /** What it checks, for the table. */
  checks: string;
  api?: { describe: string; make: () => ApiLint };
  /** The command line: `perFile` takes one file per process, otherwise one process gets them all. */
  cli: { describe: string; perFile: boolean; argv: (files: readonly string[]) => string[] };
}

export const PEER_PACKAGES = ["dockerfilelint", "dockerfile-utils", "dockerfile_lint", "dockerlint", "validate-dockerfile"];

export function peers(benchDir: string): Peer[] {
  const require = createRequire(path.join(benchDir, "noop.js"));
  const bin = (pkg: string, file: string): string => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
  const load = (id: string): unknown => require(id);
  const count = (value: unknown): number => (Array.isArray(value) ? value.length : 0);

  const dockerfilelintChecks = (): number => Object.keys(load("dockerfilelint/lib/reference") as Record<string, unknown>).length;
  const utilsChecks = (): number => {
    const codes = (load("dockerfile-utils") as { ValidationCode: Record<string, unknown> }).ValidationCode;
    return Object.values(codes).filter((value) => typeof value === "number").length;
  };
  const dockerfileLintChecks = (): number => {
    const yaml = readFileSync(bin("dockerfile_lint", "config/default_rules.yaml"), "utf8");
    return yaml.split("\n").filter((line) => /^\s+label:/u.test(line)).length;
  };
  const dockerlintChecks = (): number => count((load("dockerlint/lib/checks") as { all?: unknown }).all);

  return [
    {
      name: "dockerfilelint",
      checks: `${dockerfilelintChecks()} checks (its rule reference), over its own line splitter`,
      api: {
        describe: "`require('dockerfilelint').run(dir, text)`",
        make: () => {
          const lib = load("dockerfilelint") as { run: (configPath: string, content: string) => unknown };
          return (input) => count(lib.run(path.dirname(input.path), input.text));
        },
      },
      cli: { describe: "`dockerfilelint <files…>`, one process", perFile: false, argv: (files) => [bin("dockerfilelint", "bin/dockerfilelint"), ...files] },
    },
    {
      name: "dockerfile-utils",
      checks: `${utilsChecks()} validation codes (mostly syntax and instruction arguments), on dockerfile-ast`,
      api: {
        describe: "`validate(text)` (what the VS Code Docker extension runs)",
        make: () => {
          const lib = load("dockerfile-utils") as { validate: (content: string) => unknown };
          return (input) => count(lib.validate(input.text));
        },
      },
      cli: { describe: "`dockerfile-utils lint <file>`, one process per file", perFile: true, argv: (files) => [bin("dockerfile-utils", "bin/dockerfile-utils"), "lint", ...files] },
    },
    {
      name: "dockerfile_lint",
      checks: `${dockerfileLintChecks()} regex rules in its default rule file, plus instruction syntax`,
      api: {
        describe: "`new Linter().validate(text)`",
        make: () => {
          const Linter = load("dockerfile_lint") as new () => { validate: (content: string) => Record<string, { count?: number } | undefined> };
          const linter = new Linter();
          return (input) => {
            const result = linter.validate(input.text);
            return (result.error?.count ?? 0) + (result.warn?.count ?? 0) + (result.info?.count ?? 0);
          };
        },
      },
      cli: {
        describe: "`dockerfile_lint -f <file> -f …`, one process",
        perFile: false,
        argv: (files) => [bin("dockerfile_lint", "bin/dockerfile_lint"), ...files.flatMap((file) => ["-f", file])],
      },
    },
    {
      name: "dockerlint",
      checks: `${dockerlintChecks()} checks`,
      cli: { describe: "`dockerlint <file>`, one process per file (no API)", perFile: true, argv: (files) => [bin("dockerlint", "bin/dockerlint.js"), ...files] },
    },
    {
      name: "validate-dockerfile",
      checks: "one argument regex per instruction (14): syntax only",
      api: {
        describe: "`validateDockerfile(text)`",
        make: () => {
          const validate = load("validate-dockerfile") as (content: string, options: { quiet: boolean }) => { errors?: unknown };
          return (input) => count(validate(input.text, { quiet: true }).errors);
        },
      },
      cli: { describe: "`docklint <file>`, one process per file", perFile: true, argv: (files) => [bin("validate-dockerfile", "bin/docklint"), ...files] },
    },
  ];
}

export interface ApiCheck {
  /** Files the API handled without throwing. */
  ok: PeerInput[];
  crashed: number;
  findings: number;
}

/** One pass to learn which files the peer crashes on; those are left out of every timed run of that peer. */
export function probeApi(lint: ApiLint, inputs: readonly PeerInput[]): ApiCheck {
  const check: ApiCheck = { ok: [], crashed: 0, findings: 0 };
  for (const input of inputs) {
    try {
      check.findings += lint(input);
      check.ok.push(input);
    } catch {
      check.crashed++;
    }
  }
  return check;
}

export function apiCase(lint: ApiLint, inputs: readonly PeerInput[]): Case {
  return () =>
    timeInProcess(() => {
      for (const input of inputs) lint(input);
    });
}

/** A peer's command line over `files`: one process, or one per file, summed. */
export function cliCase(peer: Peer, files: readonly string[], cwd: string): Case {
  return async (): Promise<Sample> => {
    if (!peer.cli.perFile) return timeProcess(process.execPath, peer.cli.argv(files), { cwd });
    const total: Sample = { wall: 0, cpu: 0 };
    for (const file of files) {
      const run = await timeProcess(process.execPath, peer.cli.argv([file]), { cwd });
      total.wall += run.wall;
      total.cpu += run.cpu;
      total.rssMiB = Math.max(total.rssMiB ?? 0, run.rssMiB ?? 0);
    }
    return total;
  };
}
