/**
 * Commands that install a project's dependencies from its manifests:
 * `npm ci`, `yarn install`, `pip install -r requirements.txt`, `go mod download`,
 * and what each one reads, so that rules can tell whether a Dockerfile copies
 * those manifests on their own before the install.
 */
import { oncePerCommand, parseArgs, unwrapCommand } from "../shell/index.js";
import type { ShellWord, SimpleCommand } from "../shell/index.js";

export type Ecosystem =
  | "npm" | "yarn" | "pnpm" | "pip" | "poetry" | "pipenv" | "uv"
  | "bundler" | "composer" | "go" | "cargo" | "dotnet" | "mix" | "gradle" | "maven";

/** Languages whose installs share a dependency tree: `pip install -r` then `pip install .` or `poetry install`. */
export type Language = "node" | "python" | "ruby" | "php" | "go" | "rust" | "dotnet" | "elixir" | "jvm";

export const LANGUAGE_OF: Record<Ecosystem, Language> = {
  npm: "node", yarn: "node", pnpm: "node",
  pip: "python", poetry: "python", pipenv: "python", uv: "python",
  bundler: "ruby", composer: "php", go: "go", cargo: "rust", dotnet: "dotnet", mix: "elixir",
  gradle: "jvm", maven: "jvm",
};

export interface DependencyInstall {
  ecosystem: Ecosystem;
  /** The install as people name it: `npm ci`, `pip install -r requirements.txt`, `./gradlew dependencies`. */
  label: string;
  command: SimpleCommand;
  /** Offsets of the words from the tool's name to its subcommand, for reports. */
  start: number;
  end: number;
  /** End offset of the subcommand word, where extra options can be inserted. */
  subcommandEnd: number;
  /**
   * Files the install reads, relative to the directory it runs in (or
   * absolute, as in `pip install -r /srv/requirements.txt`): exact
   * names, or names ending in `*` for files that may be absent (Docker's COPY
   * accepts a wildcard that matches nothing). Null when the install needs the
   * project's sources too (`pip install .`, `cargo fetch`), so copying
   * manifests alone cannot feed it.
   */
  manifests: readonly string[] | null;
  /** Directories the install reads whole (the Gradle and Maven wrappers' `gradle/` and `.mvn/`). */
  directories: readonly string[];
  /**
   * Where the install runs, from options such as `npm --prefix app` or
   * `pnpm -C app`: a path relative to the shell's directory or absolute, `""`
   * for the shell's directory, null when it cannot be told (a variable).
   */
  directory: string | null;
  /**
   * Options that make the install skip the project itself (`poetry install
   * --no-root`), needed when it runs before the sources are copied. Empty when
   * the install never touches the project's own code or already has them.
   */
  depsOnlyOptions: readonly string[];
}

interface Tool {
  /** The name words: `npm`, `python -m pip`, `uv pip`. */
  nameStart: number;
  nameEnd: number;
  label: string;
  args: ShellWord[];
}

const NPM_INSTALL = new Set([
  "install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall", "add",
]);
const NPM_CI = new Set(["ci", "clean-install", "ic", "install-clean", "isntall-clean"]);
const NPM_VALUED = [
  "--prefix", "--omit", "--include", "--registry", "--cache", "--loglevel", "-w", "--workspace",
  "--only", "--userconfig", "--install-strategy", "--location", "--tag", "--before", "--fetch-retries",
];
const YARN_VALUED = [
  "--cwd", "--modules-folder", "--cache-folder", "--mutex", "--network-timeout", "--registry",
  "--network-concurrency", "--global-folder", "--link-folder", "--use-yarnrc", "--mode",
];
const PNPM_VALUED = ["-C", "--dir", "-F", "--filter", "--store-dir", "--reporter", "--virtual-store-dir", "--modules-dir", "--network-concurrency", "--child-concurrency"];
const PIP_VALUED = [
  "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
  "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--platform",
  "--python-version", "--implementation", "--abi", "--src", "--upgrade-strategy", "--progress-bar",
  "--trusted-host", "--cache-dir", "--timeout", "--retries", "--proxy", "--cert", "--client-cert",
  "--log", "--no-binary", "--only-binary", "-C", "--config-settings", "--global-option",
  "--exists-action", "--report", "--root-user-action", "-p", "--python", "--index", "--default-index",
  "--group",
];
const POETRY_VALUED = ["--only", "--with", "--without", "-E", "--extras", "-C", "--directory", "-P", "--project"];
const PIPENV_VALUED = ["--python", "--pypi-mirror", "--categories", "-r", "--requirements", "--extra-pip-args"];
const UV_VALUED = [
  "--directory", "--project", "-p", "--python", "--extra", "--group", "--only-group", "--no-group",
  "--package", "--index-url", "--extra-index-url", "--index", "--default-index", "--cache-dir",
  "--find-links", "-f", "--config-file", "--python-platform", "--no-install-package", "--link-mode",
];
const BUNDLE_VALUED = ["--gemfile", "--path", "-j", "--jobs", "--retry", "--without", "--with", "--binstubs", "--shebang", "--trust-policy", "--target-rbconfig"];
const COMPOSER_VALUED = ["-d", "--working-dir"];
const DOTNET_VALUED = [
  "-s", "--source", "-r", "--runtime", "--packages", "--configfile", "-v", "--verbosity", "-p", "--property",
  "--lock-file-path", "-a", "--arch", "--os",
];
const GRADLE_VALUED = [
  "-p", "--project-dir", "-b", "--build-file", "-c", "--settings-file", "-g", "--gradle-user-home",
  "--console", "-x", "--exclude-task", "--configuration", "--init-script", "-I", "--warning-mode",
  "--max-workers", "--priority", "--include-build",
];
/** Maven options that take the next word (Maven's short options can be two letters, so no getopt). */
const MAVEN_VALUED = new Set([
  "-f", "--file", "-s", "--settings", "-gs", "--global-settings", "-P", "--activate-profiles",
  "-pl", "--projects", "-rf", "--resume-from", "-T", "--threads", "-t", "--toolchains", "-l",
  "--log-file", "-D", "--define", "-b", "--builder", "-gt", "--global-toolchains",
]);
const MAVEN_DEPENDENCY_GOALS = new Set(["go-offline", "resolve", "resolve-plugins"]);

function lastOf<T>(items: readonly T[]): T | undefined {
  return items[items.length - 1];
}

function optionValue(options: ReturnType<typeof parseArgs>["options"], names: readonly string[]): ShellWord | null | undefined {
  let found: ShellWord | null | undefined;
  for (const option of options) if (names.includes(option.name)) found = option.value;
  return found;
}

function hasOption(options: ReturnType<typeof parseArgs>["options"], names: readonly string[]): boolean {
  return options.some((option) => names.includes(option.name));
}

/** A path written literally (`app`, `./web/`, `/srv/requirements.txt`); null for a variable or `~`. */
export function literalPath(word: ShellWord | null | undefined): string | null {
  if (!word || word.dynamic || word.value === "" || word.value.startsWith("~")) return null;
  return word.value;
}

/** `pip`, `pip3`, `pip3.12`, `python -m pip`, `python3.12 -m pip`, `uv pip`. */
function pipTool(name: string, args: readonly ShellWord[], nameWord: ShellWord): Tool | null {
  if (/^pip\d*(?:\.\d+)?$/u.test(name)) return { nameStart: nameWord.start, nameEnd: nameWord.end, label: name, args: [...args] };
  if (/^python\d*(?:\.\d+)?$/u.test(name)) {
    let i = 0;
    while (i < args.length && args[i]?.value !== "-m" && (args[i]?.value.startsWith("-") ?? false)) i++;
    const pip = args[i + 1];
    if (args[i]?.value === "-m" && pip && /^pip\d*$/u.test(pip.value)) {
      return { nameStart: nameWord.start, nameEnd: pip.end, label: `${nameWord.value} -m ${pip.value}`, args: args.slice(i + 2) };
    }
    return null;
  }
  if (name === "uv" && args[0]?.value === "pip") {
    return { nameStart: nameWord.start, nameEnd: args[0].end, label: "uv pip", args: args.slice(1) };
  }
  return null;
}

/** Reads the install a command runs, if it is one. */
export function dependencyInstallOf(cmd: SimpleCommand): DependencyInstall | null {
  return installOnce(cmd);
}

const installOnce = oncePerCommand(readDependencyInstall);

function readDependencyInstall(cmd: SimpleCommand): DependencyInstall | null {
  const unwrapped = unwrapCommand(cmd);
  const args = unwrapped.args;
  const nameWord = cmd.words[cmd.words.length - args.length - 1];
  if (!nameWord) return null;
  // `python$PYTHON_VERSION -m pip`: a versioned interpreter chosen by a variable.
  const name = unwrapped.name ?? /^(python|pip)\d*(?:\.\d+)?\$/u.exec(nameWord.value)?.[1] ?? null;
  if (name === null) return null;
  const base = { command: cmd, directories: [] as string[], depsOnlyOptions: [] as string[] };

  const make = (
    ecosystem: Ecosystem,
    label: string,
    subcommand: ShellWord | undefined,
    manifests: string[] | null,
    extra: Partial<Pick<DependencyInstall, "directories" | "directory" | "depsOnlyOptions">> = {},
  ): DependencyInstall => {
    const end = subcommand?.end ?? nameWord.end;
    return { ...base, ecosystem, label, start: nameWord.start, end, subcommandEnd: end, manifests, directory: "", ...extra };
  };

  switch (name) {
    case "npm": {
      const { positionals, options } = parseArgs(args, { withValue: NPM_VALUED });
      const sub = positionals[0];
      if (!sub || sub.dynamic) return null;
      if (hasOption(options, ["-g", "--global"]) || optionValue(options, ["--location"])?.value === "global") return null;
      const prefix = optionValue(options, ["--prefix"]);
      const directory = prefix === undefined ? "" : literalPath(prefix);
      if (NPM_CI.has(sub.value)) return make("npm", `npm ${sub.value}`, sub, ["package.json", "package-lock.json"], { directory });
      // `npm install express` adds a package; only a bare install reads the manifests.
      if (NPM_INSTALL.has(sub.value) && positionals.length === 1) {
        return make("npm", `npm ${sub.value}`, sub, ["package.json", "package-lock.json*"], { directory });
      }
      return null;
    }
    case "yarn": {
      const { positionals, options } = parseArgs(args, { withValue: YARN_VALUED });
      const sub = positionals[0];
      if (sub && (sub.dynamic || sub.value !== "install" || positionals.length > 1)) return null;
      const cwd = optionValue(options, ["--cwd"]);
      const frozen = hasOption(options, ["--frozen-lockfile", "--immutable", "--pure-lockfile"]);
      return make("yarn", sub ? "yarn install" : "yarn", sub, ["package.json", frozen ? "yarn.lock" : "yarn.lock*"], {
        directory: cwd === undefined ? "" : literalPath(cwd),
      });
    }
    case "pnpm": {
      const { positionals, options } = parseArgs(args, { withValue: PNPM_VALUED });
      const sub = positionals[0];
      if (!sub || sub.dynamic || positionals.length > 1) return null;
      const dir = optionValue(options, ["-C", "--dir"]);
      const directory = dir === undefined ? "" : literalPath(dir);
      if (sub.value === "install" || sub.value === "i") {
        if (hasOption(options, ["-g", "--global"])) return null;
        const frozen = hasOption(options, ["--frozen-lockfile"]);
        return make("pnpm", `pnpm ${sub.value}`, sub, ["package.json", frozen ? "pnpm-lock.yaml" : "pnpm-lock.yaml*"], { directory });
      }
      // `pnpm fetch` reads only the lockfile, which is why it exists.
      if (sub.value === "fetch") return make("pnpm", "pnpm fetch", sub, ["pnpm-lock.yaml"], { directory });
      return null;
    }
    case "poetry": {
      const { positionals, options } = parseArgs(args, { withValue: POETRY_VALUED });
      const sub = positionals[0];
      if (sub?.value !== "install" || sub.dynamic || hasOption(options, ["--only-root"])) return null;
      const dir = optionValue(options, ["-C", "--directory", "-P", "--project"]);
      return make("poetry", "poetry install", sub, ["pyproject.toml", "poetry.lock*"], {
        directory: dir === undefined ? "" : literalPath(dir),
        // Without --no-root, poetry installs the project itself, whose code is not there yet.
        depsOnlyOptions: hasOption(options, ["--no-root", "--no-directory"]) ? [] : ["--no-root"],
      });
    }
    case "pipenv": {
      const { positionals, options } = parseArgs(args, { withValue: PIPENV_VALUED });
      const sub = positionals[0];
      if (!sub || sub.dynamic) return null;
      if (sub.value === "sync" && positionals.length === 1) return make("pipenv", "pipenv sync", sub, ["Pipfile", "Pipfile.lock"]);
      if (sub.value !== "install" || positionals.length > 1) return null;
      const locked = hasOption(options, ["--deploy", "--ignore-pipfile"]);
      return make("pipenv", "pipenv install", sub, ["Pipfile", locked ? "Pipfile.lock" : "Pipfile.lock*"]);
    }
    case "bundle": {
      const { positionals, options } = parseArgs(args, { withValue: BUNDLE_VALUED });
      const sub = positionals[0];
      if (sub && (sub.dynamic || sub.value !== "install")) return null;
      const gemfile = optionValue(options, ["--gemfile"]);
      // A deployment install fails without the lockfile, so it must be there.
      const lock = hasOption(options, ["--deployment", "--frozen"]) ? ".lock" : ".lock*";
      const path = gemfile === undefined ? "Gemfile" : literalPath(gemfile);
      const manifests = path === null ? null : [path, `${path}${lock}`];
      return make("bundler", sub ? "bundle install" : "bundle", sub, manifests);
    }
    case "composer": {
      const { positionals, options } = parseArgs(args, { withValue: COMPOSER_VALUED });
      const sub = positionals[0];
      if (sub?.value !== "install" || sub.dynamic || positionals.length > 1) return null;
      const dir = optionValue(options, ["-d", "--working-dir"]);
      // Composer's scripts and autoloader dump read the project's classes.
      const depsOnlyOptions: string[] = [];
      if (!hasOption(options, ["--no-scripts"])) depsOnlyOptions.push("--no-scripts");
      if (!hasOption(options, ["--no-autoloader"])) depsOnlyOptions.push("--no-autoloader");
      return make("composer", "composer install", sub, ["composer.json", "composer.lock*"], {
        directory: dir === undefined ? "" : literalPath(dir),
        depsOnlyOptions,
      });
    }
    case "go": {
      const { positionals } = parseArgs(args);
      if (positionals[0]?.value !== "mod" || positionals[1]?.value !== "download" || positionals.length > 2) return null;
      return make("go", "go mod download", positionals[1], ["go.mod", "go.sum"]);
    }
    case "cargo": {
      const { positionals } = parseArgs(args, { withValue: ["--manifest-path", "--target", "--config", "-Z"] });
      const sub = positionals[0];
      // Cargo reads the targets (src/main.rs, src/lib.rs) to load a manifest: no manifests-only copy works.
      if (sub?.value === "fetch") return make("cargo", "cargo fetch", sub, null);
      return null;
    }
    case "dotnet": {
      const { positionals } = parseArgs(args, { withValue: DOTNET_VALUED });
      const sub = positionals[0];
      if (sub?.value !== "restore" || sub.dynamic) return null;
      const project = positionals[1];
      let manifests: string[] | null = ["*.csproj"];
      if (project) {
        const path = literalPath(project);
        manifests = path !== null && /\.(?:cs|fs|vb)proj$/u.test(path) ? [path] : null;
      }
      return make("dotnet", "dotnet restore", sub, manifests);
    }
    case "mix": {
      const { positionals } = parseArgs(args, { withValue: ["--only"] });
      const sub = positionals[0];
      if (sub?.value !== "deps.get" || positionals.length > 1) return null;
      return make("mix", "mix deps.get", sub, ["mix.exs", "mix.lock*"]);
    }
    case "gradle":
    case "gradlew": {
      const { positionals, options } = parseArgs(args, { withValue: GRADLE_VALUED });
      if (positionals.length === 0 || !positionals.every((word) => !word.dynamic && /(?:^|:)dependencies$/u.test(word.value))) return null;
      const wrapper = name === "gradlew";
      const projectDir = optionValue(options, ["-p", "--project-dir"]);
      const manifests = ["build.gradle*", "settings.gradle*", "gradle.properties*"];
      if (wrapper) manifests.unshift("gradlew");
      return make("gradle", `${nameWord.value} ${positionals.map((word) => word.value).join(" ")}`, lastOf(positionals), manifests, {
        directories: wrapper ? ["gradle"] : [],
        directory: projectDir === undefined ? "" : literalPath(projectDir),
      });
    }
    case "mvn":
    case "mvnw": {
      const goals: ShellWord[] = [];
      let pom: ShellWord | null | undefined;
      for (let i = 0; i < args.length; i++) {
        const word = args[i];
        if (!word) continue;
        if (MAVEN_VALUED.has(word.value)) {
          if (word.value === "-f" || word.value === "--file") pom = args[i + 1] ?? null;
          i++;
          continue;
        }
        if (word.value.startsWith("--file=")) pom = null;
        if (!word.value.startsWith("-")) goals.push(word);
      }
      if (goals.length === 0) return null;
      const dependencyGoal = (word: ShellWord): boolean => {
        const parts = word.value.split(":");
        return /(?:^|maven-)dependency(?:-plugin)?$/u.test(parts[parts.length - 2] ?? parts[0] ?? "") && MAVEN_DEPENDENCY_GOALS.has(lastOf(parts) ?? "");
      };
      // `mvn dependency:go-offline package` builds the project: that is the build, not an install.
      if (!goals.every(dependencyGoal)) return null;
      const wrapper = name === "mvnw";
      let manifests: string[] | null = ["pom.xml"];
      if (pom !== undefined) {
        const path = literalPath(pom);
        manifests = path === null ? null : [path];
      }
      if (wrapper && manifests) manifests.unshift("mvnw");
      return make("maven", `${nameWord.value} ${goals.map((word) => word.value).join(" ")}`, lastOf(goals), manifests, {
        directories: wrapper ? [".mvn"] : [],
      });
    }
    case "uv": {
      const pip = pipTool(name, args, nameWord);
      if (pip) return pipInstall(pip, base);
      const { positionals, options } = parseArgs(args, { withValue: UV_VALUED });
      const sub = positionals[0];
      if (sub?.value !== "sync" || positionals.length > 1) return null;
      const dir = optionValue(options, ["--directory", "--project"]);
      const locked = hasOption(options, ["--locked", "--frozen"]);
      return make("uv", "uv sync", sub, ["pyproject.toml", locked ? "uv.lock" : "uv.lock*"], {
        directory: dir === undefined ? "" : literalPath(dir),
        // uv sync installs the project itself unless told not to.
        depsOnlyOptions: hasOption(options, ["--no-install-project", "--only-install-project", "--no-install-workspace"]) ? [] : ["--no-install-project"],
      });
    }
    default: {
      const pip = pipTool(name, args, nameWord);
      return pip ? pipInstall(pip, base) : null;
    }
  }
}

/** `.`, `./`, `.[dev]`: the project in the current directory. */
function isProjectPath(value: string): boolean {
  return /^\.\/?(?:\[[^\]]*\])?$/u.test(value);
}

function pipInstall(tool: Tool, base: { command: SimpleCommand; directories: string[]; depsOnlyOptions: string[] }): DependencyInstall | null {
  const { positionals, options } = parseArgs(tool.args, { withValue: PIP_VALUED });
  const sub = positionals[0];
  if (!sub || sub.dynamic) return null;
  const make = (label: string, manifests: string[] | null): DependencyInstall => ({
    ...base,
    ecosystem: "pip",
    label,
    start: tool.nameStart,
    end: sub.end,
    subcommandEnd: sub.end,
    manifests,
    directory: "",
  });
  if (sub.value === "sync" && tool.label === "uv pip") {
    const files = positionals.slice(1);
    if (files.length === 0) return null;
    const paths = files.map(literalPath);
    return make(`uv pip sync ${files.map((word) => word.value).join(" ")}`, paths.every((path) => path !== null) ? paths : null);
  }
  if (sub.value !== "install") return null;
  const project = positionals.slice(1).some((word) => isProjectPath(word.value))
    || options.some((option) => (option.name === "-e" || option.name === "--editable") && option.value !== null && isProjectPath(option.value.value));
  const requirements = options.filter((option) => option.name === "-r" || option.name === "--requirement" || option.name === "-c" || option.name === "--constraint");
  if (project) {
    const editable = options.find((option) => (option.name === "-e" || option.name === "--editable") && option.value !== null && isProjectPath(option.value.value));
    const target = editable?.value ? `-e ${editable.value.value}` : (positionals.slice(1).find((word) => isProjectPath(word.value))?.value ?? ".");
    return make(`${tool.label} install ${target}`, null);
  }
  const files = requirements.filter((option) => option.name === "-r" || option.name === "--requirement");
  const first = files[0];
  if (!first) return null;
  const paths = requirements.map((option) => literalPath(option.value));
  const manifests = paths.every((path) => path !== null) ? paths : null;
  return make(`${tool.label} install -r ${first.value?.value ?? ""}`, manifests);
}
