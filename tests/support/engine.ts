/**
 * A real Docker engine for tests: Debian's `dockerd` (Docker Engine 20.10,
 * BuildKit built in) on a private socket in a temporary folder, with no
 * bridge, no iptables and the vfs storage driver, so it runs beside any other
 * engine on the machine and leaves nothing behind. Builds use Debian's client,
 * `/usr/bin/docker` (a newer `docker` earlier on PATH may insist on buildx),
 * with `--progress=plain`, whose log says which steps BuildKit took from its
 * cache (`#5 CACHED`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, openSync, closeSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

const DOCKER = "/usr/bin/docker";
const DOCKERD_CANDIDATES = ["/usr/sbin/dockerd", "/usr/bin/dockerd"];

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface BuildOptions {
  /** The build context folder; its `Dockerfile` is built unless `dockerfile` names another file in it. */
  context: string;
  dockerfile?: string;
  buildArgs?: Record<string, string>;
  /** Secret id to the file that holds it (`--secret id=…,src=…`). */
  secrets?: Record<string, string>;
  /** `none` unless a RUN must reach a loopback server: then `host`. */
  network?: "none" | "host";
  /** Extra /etc/hosts entries for RUN steps (`--add-host name:ip`). */
  hosts?: Record<string, string>;
  noCache?: boolean;
  pull?: boolean;
  /** Tag the image; otherwise the root file system is exported to `output`. */
  tag?: string;
  output?: string;
}

/** One step of a build as `--progress=plain` shows it, such as `[2/4] RUN apt-get update`. */
export interface BuildStep {
  /** The stage name BuildKit prints before the step number, if any (`[build 2/3]`). */
  stage: string | undefined;
  index: number;
  total: number;
  /** The instruction as BuildKit prints it: `RUN apt-get update`, `FROM docker.io/library/x:1`. */
  instruction: string;
  cached: boolean;
  failed: boolean;
}

export interface BuildResult {
  ok: boolean;
  log: string;
  steps: BuildStep[];
}

// `#12 [stage-1 2/5] RUN …`; the name is everything after the bracket.
const STEP_HEADER = /^#(\d+) \[(?:(\S+) )?(\d+)\/(\d+)\] (.+)$/u;
const STATUS = /^#(\d+) (CACHED|DONE|ERROR|CANCELED)\b/u;

/**
 * Reads the steps of a build from its `--progress=plain` log. A vertex's lines
 * may be interleaved with others' (`#5 ...`), so statuses are joined by vertex
 * number; a step is cached when BuildKit printed `CACHED` for it.
 */
export function parseBuildLog(log: string): BuildStep[] {
  const steps = new Map<string, BuildStep>();
  const statuses = new Map<string, Set<string>>();
  for (const line of log.split(/\r?\n/u)) {
    const header = STEP_HEADER.exec(line);
    if (header) {
      const [, vertex = "", stage, index = "0", total = "0", instruction = ""] = header;
      if (!steps.has(vertex)) {
        steps.set(vertex, { stage, index: Number(index), total: Number(total), instruction: instruction.trim(), cached: false, failed: false });
      }
      continue;
    }
    const status = STATUS.exec(line);
    if (status) {
      const [, vertex = "", word = ""] = status;
      let set = statuses.get(vertex);
      if (!set) statuses.set(vertex, (set = new Set()));
      set.add(word);
    }
  }
  for (const [vertex, step] of steps) {
    const set = statuses.get(vertex);
    step.cached = set?.has("CACHED") ?? false;
    step.failed = set?.has("ERROR") ?? false;
  }
  return [...steps.values()].sort((a, b) => (a.stage ?? "").localeCompare(b.stage ?? "") || a.index - b.index);
}

export class EngineUnavailableError extends Error {
  override name = "EngineUnavailableError";
}

export class Engine {
  private exited = false;

  private constructor(
    readonly dir: string,
    private readonly daemon: ChildProcess,
    readonly version: string,
  ) {
    daemon.once("exit", () => {
      this.exited = true;
    });
  }

  get pid(): number | undefined {
    return this.exited ? undefined : this.daemon.pid;
  }

  get host(): string {
    return `unix://${path.join(this.dir, "docker.sock")}`;
  }

  /** Starts `dockerd` on a private socket and waits until it answers; throws {@link EngineUnavailableError} with its log otherwise. */
  static async start(): Promise<Engine> {
    const dockerd = DOCKERD_CANDIDATES.find((candidate) => existsSync(candidate));
    if (!dockerd) throw new EngineUnavailableError(`no dockerd in ${DOCKERD_CANDIDATES.join(" or ")} (apt-get install docker.io)`);
    if (!existsSync(DOCKER)) throw new EngineUnavailableError(`no Docker client at ${DOCKER} (apt-get install docker.io)`);
    if (process.getuid?.() !== 0) throw new EngineUnavailableError("dockerd needs root");
    // Short: a unix socket path must fit in 108 bytes.
    const dir = await mkdtemp(path.join(tmpdir(), "dfl-engine-"));
    await mkdir(path.join(dir, "config"));
    const logFile = path.join(dir, "dockerd.log");
    const log = openSync(logFile, "w");
    const daemon = spawn(
      dockerd,
      [
        "--iptables=false",
        "--ip-forward=false",
        "--bridge=none",
        "--storage-driver=vfs",
        `--data-root=${path.join(dir, "root")}`,
        `--exec-root=${path.join(dir, "exec")}`,
        `--pidfile=${path.join(dir, "dockerd.pid")}`,
        "-H",
        `unix://${path.join(dir, "docker.sock")}`,
      ],
      { stdio: ["ignore", log, log] },
    );
    closeSync(log);
    const spawnError = new Promise<Error>((resolve) => daemon.once("error", resolve));
    const engine = new Engine(dir, daemon, "");
    killOnExit.add(engine);
    const deadline = Date.now() + 30_000;
    let version: CommandResult | undefined;
    while (Date.now() < deadline) {
      const failed = await Promise.race([spawnError, sleep(300).then(() => undefined)]);
      if (failed || engine.exited) {
        await engine.stop();
        throw new EngineUnavailableError(`dockerd did not start: ${failed?.message ?? "it exited"}\n${tail(logFile)}`);
      }
      version = await engine.docker(["version", "--format", "{{.Server.Version}}"]);
      if (version.code === 0) break;
    }
    if (version?.code !== 0) {
      const why = tail(logFile);
      await engine.stop();
      throw new EngineUnavailableError(`dockerd did not answer within 30 s:\n${why}`);
    }
    return Object.assign(engine, { version: version.stdout.trim() });
  }

  /** Runs Debian's Docker client against this engine only (its own socket, its own empty client config). */
  docker(args: string[], options: { input?: Buffer | string; cwd?: string } = {}): Promise<CommandResult> {
    return run(DOCKER, args, {
      env: { ...process.env, DOCKER_HOST: this.host, DOCKER_BUILDKIT: "1", DOCKER_CONFIG: path.join(this.dir, "config") },
      input: options.input,
      cwd: options.cwd,
    });
  }

  /** `docker import` of a folder as an image's root file system, owned by root; returns the image id. */
  async importImage(tag: string, rootfs: string): Promise<string> {
    const result = await this.docker(["import", "-", tag], { input: await tarFolder(rootfs) });
    if (result.code !== 0) throw new Error(`docker import ${tag} failed: ${result.stderr}`);
    return result.stdout.trim();
  }

  async build(options: BuildOptions): Promise<BuildResult> {
    const args = ["build", "--progress=plain", `--network=${options.network ?? "none"}`];
    if (options.dockerfile) args.push("--file", path.join(options.context, options.dockerfile));
    for (const [name, value] of Object.entries(options.buildArgs ?? {})) args.push("--build-arg", `${name}=${value}`);
    for (const [id, file] of Object.entries(options.secrets ?? {})) args.push("--secret", `id=${id},src=${file}`);
    for (const [name, ip] of Object.entries(options.hosts ?? {})) args.push("--add-host", `${name}:${ip}`);
    if (options.noCache) args.push("--no-cache");
    if (options.pull) args.push("--pull");
    if (options.tag) args.push("--tag", options.tag);
    if (options.output) args.push("--output", `type=local,dest=${options.output}`);
    args.push(options.context);
    const result = await this.docker(args);
    const log = `${result.stdout}${result.stderr}`;
    return { ok: result.code === 0, log, steps: parseBuildLog(log) };
  }

  /** Stops the daemon (and the containerd it started, if it outlives it) and removes its folder. */
  async stop(): Promise<void> {
    killOnExit.delete(this);
    if (!this.exited && this.daemon.pid !== undefined) {
      const exited = new Promise<void>((resolve) => {
        this.daemon.once("exit", () => {
          resolve();
        });
      });
      this.daemon.kill("SIGTERM");
      if (!(await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]))) {
        this.daemon.kill("SIGKILL");
        await exited;
      }
    }
    const containerd = readPid(path.join(this.dir, "exec", "containerd", "containerd.pid"));
    if (containerd !== undefined && alive(containerd)) process.kill(containerd, "SIGKILL");
    await rm(this.dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  }
}

/** Engines still running when the test process exits are killed by pid, so a crashed run leaves no daemon behind. */
const killOnExit = new Set<Engine>();
process.once("exit", () => {
  for (const engine of killOnExit) {
    for (const pid of [engine.pid, readPid(path.join(engine.dir, "exec", "containerd", "containerd.pid"))]) {
      if (pid !== undefined && alive(pid)) process.kill(pid, "SIGKILL");
    }
  }
});

/**
 * The engine for a test suite. In CI (`CI=true`) an engine that cannot start
 * fails the suite; elsewhere the suite is skipped, and says so loudly.
 */
export async function startEngineForSuite(suite: string, start: () => Promise<Engine> = () => Engine.start()): Promise<Engine | undefined> {
  try {
    return await start();
  } catch (error) {
    if (!(error instanceof EngineUnavailableError)) throw error;
    if (process.env.CI === "true") {
      throw new Error(`${suite}: the Docker engine could not start, and CI requires it (apt-get install docker.io busybox-static docker-registry). ${error.message}`, {
        cause: error,
      });
    }
    const bar = "!".repeat(78);
    console.warn(`\n${bar}\n${suite}: SKIPPED, no Docker engine could start here.\n${error.message}\nIn CI (CI=true) this fails the run.\n${bar}\n`);
    return undefined;
  }
}

/** A folder as a tar archive whose files belong to root, as an image layer wants them. */
export async function tarFolder(dir: string): Promise<Buffer> {
  const tar = await run("tar", ["--owner=0", "--group=0", "-C", dir, "-c", "."], { env: process.env, binary: true });
  if (tar.code !== 0) throw new Error(`tar of ${dir} failed: ${tar.stderr}`);
  return tar.output;
}

/** Writes files into a folder, creating parent folders. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

function run(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; input?: Buffer | string | undefined; cwd?: string | undefined; binary?: boolean },
): Promise<CommandResult & { output: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.once("error", reject);
    child.once("close", (code) => {
      const output = Buffer.concat(out);
      resolve({ code: code ?? 1, output, stdout: options.binary ? "" : output.toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
    child.stdin.end(options.input);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function tail(file: string): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-15).join("\n");
  } catch {
    return "(no log)";
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
