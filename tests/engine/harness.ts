/**
 * What an engine scenario gets: the engine, the loopback file server, the
 * base image, builds that write their context and export the image's root
 * file system, and the plugin itself through ESLint's Linter, so a scenario
 * shows that the rule reports the file whose problem the engine then shows.
 */
import { createHash } from "node:crypto";
import { readFileSync, existsSync, lstatSync, readdirSync, readlinkSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Linter } from "eslint";
import plugin from "../../index.js";
import type { BuildResult, BuildStep, Engine } from "../support/engine.js";
import { writeFiles } from "../support/engine.js";
import type { FileServer } from "./file-server.js";
import { HOSTS, makeRootfs } from "./base-image.js";
import { FileServer as Server } from "./file-server.js";

export interface ScenarioBuild {
  dockerfile: string;
  /** Context files written before the build (on top of those of earlier builds of the same scenario). */
  files?: Record<string, string>;
  buildArgs?: Record<string, string>;
  secrets?: Record<string, string>;
  noCache?: boolean;
  pull?: boolean;
  /** Tag the image instead of exporting its files. */
  tag?: string;
  /** RUN steps reach the loopback file server under the names of {@link HOSTS}. */
  network?: boolean;
}

export interface Built extends BuildResult {
  /** The exported root file system (absent when the build was tagged). */
  out: string;
  /** A file of the exported image, or undefined. */
  read(file: string): string | undefined;
  /** The step whose instruction starts with `prefix` (after BuildKit's `[n/m] `); fails the test if there is none. */
  step(prefix: string): BuildStep;
}

export class Harness {
  private builds = 0;
  readonly linter = new Linter({ configType: "flat" });

  constructor(
    readonly engine: Engine,
    readonly server: FileServer,
    /** The base image, `FROM`-able by this name. */
    readonly base: string,
    readonly work: string,
    readonly features: { useradd: boolean },
  ) {}

  /** A file server URL under one of the build's host names (or 127.0.0.1, which ADD needs: the daemon fetches it, not a RUN). */
  url(host: keyof typeof HOSTS | "loopback", route: string): string {
    return `${this.server.origin(host === "loopback" ? "127.0.0.1" : HOSTS[host])}${route}`;
  }

  /** Writes a scenario's context, builds it, and exports or tags the result. */
  async build(scenario: string, options: ScenarioBuild): Promise<Built> {
    const dir = path.join(this.work, scenario);
    const context = path.join(dir, "context");
    await writeFiles(context, { ...options.files, Dockerfile: options.dockerfile });
    const out = path.join(dir, `out-${++this.builds}`);
    await rm(out, { recursive: true, force: true });
    const secrets: Record<string, string> = {};
    for (const [id, value] of Object.entries(options.secrets ?? {})) {
      const file = path.join(dir, `secret-${id}`);
      await writeFiles(dir, { [`secret-${id}`]: value });
      secrets[id] = file;
    }
    const result = await this.engine.build({
      context,
      buildArgs: options.buildArgs,
      secrets,
      noCache: options.noCache,
      pull: options.pull,
      network: options.network ? "host" : "none",
      hosts: options.network ? Object.fromEntries(Object.values(HOSTS).map((host) => [host, "127.0.0.1"])) : undefined,
      ...(options.tag ? { tag: options.tag } : { output: out }),
    });
    return {
      ...result,
      out,
      read(file) {
        const full = path.join(out, file);
        return existsSync(full) ? readFileSync(full, "utf8") : undefined;
      },
      step(prefix) {
        const found = result.steps.find((step) => step.instruction.startsWith(prefix));
        if (!found) throw new Error(`no step starting with ${JSON.stringify(prefix)} in:\n${result.steps.map((step) => step.instruction).join("\n")}\n${result.log.slice(-3000)}`);
        return found;
      },
    };
  }

  /** The findings of one rule of the plugin on a Dockerfile. */
  lint(text: string, rule: string, options?: unknown): Linter.LintMessage[] {
    const messages = this.linter.verify(text, this.config(rule, options), { filename: "Dockerfile" });
    const broken = messages.find((message) => message.ruleId !== `dockerfile/${rule}`);
    if (broken) throw new Error(`linting with ${rule}: ${broken.message}`);
    return messages;
  }

  /** The file after `--fix` of one rule, through ESLint's own fixer loop. */
  fix(text: string, rule: string, options?: unknown): string {
    const result = this.linter.verifyAndFix(text, this.config(rule, options), { filename: "Dockerfile" });
    const fatal = result.messages.find((message) => message.fatal);
    if (fatal) throw new Error(fatal.message);
    return result.output;
  }

  /** The file after applying the first suggestion of each finding of one rule, one at a time, as an editor does. */
  suggest(text: string, rule: string, options?: unknown): string {
    let output = text;
    for (let round = 0; round < 20; round++) {
      const suggestion = this.lint(output, rule, options).find((message) => message.suggestions?.length)?.suggestions?.[0];
      if (!suggestion) return output;
      const [start, end] = suggestion.fix.range;
      output = output.slice(0, start) + suggestion.fix.text + output.slice(end);
    }
    throw new Error(`${rule}: suggestions did not settle after 20 rounds`);
  }

  private config(rule: string, options: unknown): Linter.Config[] {
    const severity = options === undefined ? ["error"] : ["error", options];
    return [{ files: ["**/Dockerfile"], plugins: { dockerfile: plugin }, language: "dockerfile/dockerfile", rules: { [`dockerfile/${rule}`]: severity as Linter.RuleEntry } }];
  }
}

/** `CACHED` or `ran`, for observed results. */
export function status(step: BuildStep): string {
  return step.failed ? "failed" : step.cached ? "CACHED" : "ran";
}

/** Starts the file server, imports the base image into the engine, and returns the harness with what stops it all. */
export async function startHarness(engine: Engine): Promise<{ harness: Harness; stop: () => Promise<void> }> {
  const server = await Server.start();
  const work = await mkdtemp(path.join(tmpdir(), "dfl-scenarios-"));
  const stop = async (): Promise<void> => {
    await server.stop();
    await engine.stop();
    await rm(work, { recursive: true, force: true });
  };
  try {
    const rootfs = path.join(work, "rootfs");
    const features = makeRootfs(rootfs, { port: server.port });
    await engine.importImage("busybox-base:1", rootfs);
    return { harness: new Harness(engine, server, "busybox-base:1", work, features), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * What an exported root file system holds: per path, its type, mode, owner
 * and content digest (or link target). Times are left out: they differ
 * between any two builds.
 */
export function snapshot(root: string): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const relative = path.relative(root, full);
      const stat = lstatSync(full);
      const owner = `${(stat.mode & 0o7777).toString(8)} ${stat.uid}:${stat.gid}`;
      if (stat.isSymbolicLink()) entries.set(relative, `link ${readlinkSync(full)}`);
      else if (stat.isDirectory()) {
        entries.set(relative, `dir ${owner}`);
        walk(full);
      } else entries.set(relative, `file ${owner} ${stat.size} ${createHash("sha256").update(readFileSync(full)).digest("hex")}`);
    }
  };
  walk(root);
  return entries;
}
