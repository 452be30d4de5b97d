/**
 * Package installs in shell commands: which package manager a command runs,
 * whether it installs packages, and which of its words name those packages.
 *
 * One table entry per manager family lists the subcommands that install and
 * the options that take a value, so that a value (`apt-get -t bookworm`,
 * `pip -i https://…`, `apk --virtual .deps`) is never read as a package.
 * Judging whether a package word carries a version is `package-pins.ts`'s job.
 */
import { oncePerCommand, parseArgs, unwrapCommand } from "../shell/index.js";
import type { ParsedOption } from "../shell/index.js";
import type { ShellWord, SimpleCommand } from "../shell/index.js";

export type PackageManager = "apt" | "apk" | "pip" | "npm" | "gem" | "go" | "cargo" | "yum" | "dnf" | "microdnf" | "zypper";

/** Every manager, in the order the docs list them. */
export const PACKAGE_MANAGERS: readonly PackageManager[] = ["apt", "apk", "pip", "npm", "gem", "go", "cargo", "yum", "dnf", "microdnf", "zypper"];

/** The managers of operating-system packages. */
export const OS_PACKAGE_MANAGERS: readonly PackageManager[] = ["apt", "apk", "yum", "dnf", "microdnf", "zypper"];

export interface InstallCommand {
  manager: PackageManager;
  /** The tool as people name it: `apt-get`, `pip3`, `python3 -m pip`, `uv pip`, `pipx`, `yarn global`, `go`. */
  tool: string;
  command: SimpleCommand;
  /** The word of the tool's name (after wrappers such as `sudo` or `env`). */
  toolWord: ShellWord;
  /** The subcommand that installs: `install`, `add`, `i`, `get`, … */
  subcommand: ShellWord;
  /** Every option on the command line, before and after the subcommand, with its value. */
  options: readonly ParsedOption[];
  /**
   * The words that name what to install, in order: option values left out
   * (`-t bookworm-backports`, `--virtual .deps`, `-r requirements.txt`).
   * Local files, paths and URLs are included; judging them is the caller's job.
   */
  packages: readonly ShellWord[];
}

interface ManagerSpec {
  manager: PackageManager;
  /** Subcommands that install the packages named after them. */
  install: ReadonlySet<string>;
  /** Options that take a value, short (`-t`) or long (`--target-release`). */
  withValue: readonly string[];
}

const APT: ManagerSpec = {
  manager: "apt",
  install: new Set(["install", "reinstall"]),
  withValue: ["-t", "--target-release", "--default-release", "-o", "--option", "-c", "--config-file", "-a", "--host-architecture", "--error-on"],
};

const APK: ManagerSpec = {
  manager: "apk",
  install: new Set(["add"]),
  withValue: [
    "-X", "--repository", "-t", "--virtual", "-p", "--root", "--arch", "--cache-dir", "--cache-max-age", "--keys-dir",
    "--repositories-file", "--wait", "--timeout", "--progress-fd", "--from",
  ],
};

/**
 * Tools that take apt-get's command line: apt, and wrappers that hand it on
 * (tonistiigi/xx's cross-compiling `xx-apt-get`, `apt-fast`).
 */
const APT_GET_TOOLS = new Set(["apt-get", "apt", "xx-apt-get", "xx-apt", "apt-fast"]);
/** apt front ends with options of their own; they read and refresh the same lists in /var/lib/apt/lists. */
const APT_FRONT_ENDS = new Set(["aptitude", "nala"]);
/** apk, and xx's wrapper that installs for the target platform. */
const APK_TOOLS = new Set(["apk", "xx-apk"]);

/** pip's own options and uv pip's, which share the commands people write. */
const PIP: ManagerSpec = {
  manager: "pip",
  install: new Set(["install"]),
  withValue: [
    "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url", "--extra-index-url",
    "-f", "--find-links", "-t", "--target", "--prefix", "--root", "-b", "--build", "--platform",
    "--python-version", "--implementation", "--abi", "--src", "--upgrade-strategy", "--progress-bar",
    "--trusted-host", "--cache-dir", "--timeout", "--retries", "--proxy", "--cert", "--client-cert", "--log",
    "--no-binary", "--only-binary", "-C", "--config-settings", "--global-option", "--install-option",
    "--exists-action", "--report", "--root-user-action", "--python", "--keyring-provider", "--use-feature",
    "--use-deprecated", "--group", "--resume-retries",
    // uv pip
    "-p", "--requirements", "--constraints", "--override", "--overrides", "--index", "--default-index",
    "--index-strategy", "--resolution", "--prerelease", "--exclude-newer", "--exclude-newer-package", "--link-mode",
    "--python-platform", "--python-preference", "--directory", "--project", "--config-file", "--color",
    "--build-constraints", "--build-constraint", "--extra", "--torch-backend", "-P", "--upgrade-package",
    "--reinstall-package", "--refresh-package", "--no-build-isolation-package", "--allow-insecure-host",
    "--excludes",
  ],
};

const PIPX: ManagerSpec = {
  manager: "pip",
  install: new Set(["install", "inject"]),
  withValue: ["--spec", "--python", "--pip-args", "--suffix", "--index-url", "-i", "--backend", "--preinstall", "--fetch-python"],
};

const UV_TOOL: ManagerSpec = {
  manager: "pip",
  install: new Set(["install"]),
  withValue: [
    "--from", "--with", "--with-requirements", "--with-editable", "-w", "-c", "--constraints", "--overrides",
    "-p", "--python", "--index", "--default-index", "-i", "--index-url", "--extra-index-url", "-f",
    "--find-links", "--directory", "--project", "--config-file", "--cache-dir", "--color", "--exclude-newer",
    "--resolution", "--prerelease", "--link-mode", "--index-strategy",
  ],
};

const NPM: ManagerSpec = {
  manager: "npm",
  install: new Set(["install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall", "add"]),
  withValue: [
    "--registry", "--prefix", "-C", "--cache", "--loglevel", "--userconfig", "--globalconfig", "-w", "--workspace",
    "--omit", "--include", "--only", "--tag", "--location", "--install-strategy", "--before", "--fetch-retries",
    "--fetch-timeout", "--save-prefix", "--scope", "--cafile", "--proxy", "--https-proxy", "--script-shell",
  ],
};

const YARN: ManagerSpec = {
  manager: "npm",
  install: new Set(["add"]),
  withValue: [
    "--cwd", "--modules-folder", "--cache-folder", "--global-folder", "--link-folder", "--mutex", "--network-timeout",
    "--network-concurrency", "--registry", "--prefix", "--use-yarnrc", "--mode",
  ],
};

const PNPM: ManagerSpec = {
  manager: "npm",
  install: new Set(["add", "install", "i"]),
  withValue: [
    "-C", "--dir", "-F", "--filter", "--store-dir", "--virtual-store-dir", "--modules-dir", "--reporter", "--registry",
    "--loglevel", "--network-concurrency", "--child-concurrency", "--global-dir", "--workspace-root-dir",
  ],
};

const GEM: ManagerSpec = {
  manager: "gem",
  install: new Set(["install", "i"]),
  withValue: [
    "-v", "--version", "-s", "--source", "-i", "--install-dir", "-n", "--bindir", "--platform", "-P", "--trust-policy",
    "-g", "--file", "--build-root", "--config-file", "-p", "--http-proxy", "--without", "--bulk-threshold",
    "--target-rbconfig", "--document",
  ],
};

/** Go's build flags that take a value; Go spells them with one dash or two. */
const GO_VALUED = [
  "-ldflags", "-gcflags", "-asmflags", "-gccgoflags", "-tags", "-o", "-p", "-mod", "-modfile", "-overlay", "-pkgdir",
  "-toolexec", "-compiler", "-buildmode", "-installsuffix", "-pgo", "-C", "-covermode", "-coverpkg", "-exec",
  "-buildvcs", "-debug-actions",
];

const CARGO: ManagerSpec = {
  manager: "cargo",
  install: new Set(["install"]),
  withValue: [
    "--version", "--vers", "--git", "--branch", "--tag", "--rev", "--path", "--root", "--registry", "--index",
    "-F", "--features", "--target", "--target-dir", "--profile", "-j", "--jobs", "--bin", "--example", "--config",
    "-Z", "--color", "--message-format",
  ],
};

const RPM_VALUED = [
  "--enablerepo", "--disablerepo", "--repo", "--repoid", "--setopt", "--installroot", "--releasever", "-x", "--exclude",
  "--excludepkgs", "-c", "--config", "-d", "--debuglevel", "-e", "--errorlevel", "--rpmverbosity", "--color",
  "--forcearch", "--downloaddir", "--destdir", "--comment", "--advisory", "--advisories", "--bz", "--bzs", "--cve",
  "--cves", "--sec-severity", "--secseverity", "--enableplugin", "--disableplugin", "--repofrompath", "-R",
  "--randomwait", "--from-repo", "--platform-module", "--best-effort",
];

const YUM: ManagerSpec = { manager: "yum", install: new Set(["install"]), withValue: RPM_VALUED };
const DNF: ManagerSpec = { manager: "dnf", install: new Set(["install", "in"]), withValue: RPM_VALUED };
const MICRODNF: ManagerSpec = { manager: "microdnf", install: new Set(["install"]), withValue: RPM_VALUED };

const ZYPPER: ManagerSpec = {
  manager: "zypper",
  install: new Set(["install", "in"]),
  withValue: [
    "-t", "--type", "-r", "--repo", "--from", "-R", "--root", "--reposd-path", "-c", "--config", "--cache-dir",
    "--raw-cache-dir", "--solv-cache-dir", "--pkg-cache-dir", "-p", "--plus-repo", "--plus-content", "--download",
    "--installroot",
  ],
};

// A Map, not an object: a command named `constructor` must not find Object.prototype's.
const RPM_SPECS = new Map<string, ManagerSpec>([["yum", YUM], ["dnf", DNF], ["dnf5", DNF], ["tdnf", DNF], ["microdnf", MICRODNF], ["zypper", ZYPPER]]);

/**
 * An operating-system package manager's command line, split once: apt's
 * front ends, apk and the rpm family, whatever the subcommand does. Rules
 * that ask "does this install", "does this refresh the index" or "does this
 * download" all start from here.
 */
export interface OsPackageCommand {
  manager: "apt" | "apk" | "yum" | "dnf" | "microdnf" | "zypper";
  /** The tool's name, unwrapped: `apt-get`, `xx-apk`, `dnf5`. */
  tool: string;
  /** aptitude and nala: they read and refresh apt's lists, but their command lines are their own. */
  aptFrontEnd: boolean;
  command: SimpleCommand;
  toolWord: ShellWord;
  subcommand: ShellWord;
  options: readonly ParsedOption[];
  /** The positionals after the subcommand. */
  operands: readonly ShellWord[];
}

const XARGS_VALUED = ["-a", "--arg-file", "-d", "--delimiter", "-E", "-e", "--eof", "-I", "-i", "--replace", "-L", "-l", "--max-lines", "-n", "--max-args", "-P", "--max-procs", "-s", "--max-chars", "--process-slot-var"];

/** The command `xargs` runs: its name, its words and the word of its name. */
export function xargsTarget(args: readonly ShellWord[]): { name: string; args: ShellWord[]; toolWord: ShellWord } | null {
  const { positionals } = parseArgs(args, { withValue: XARGS_VALUED });
  const first = positionals[0];
  if (!first || first.dynamic) return null;
  const index = args.indexOf(first);
  return { name: first.value.slice(first.value.lastIndexOf("/") + 1), args: args.slice(index + 1), toolWord: first };
}

/**
 * The OS package command `cmd` runs, after wrappers (`sudo`, `env X=y`) and,
 * with `throughXargs`, after `xargs` (`… | xargs -r apt-get install -y`).
 * Null for other commands and when the subcommand is not written literally.
 */
export function osPackageCommandOf(cmd: SimpleCommand, throughXargs = false): OsPackageCommand | null {
  // `packageIndexUseOf`, the one caller through xargs, keeps its own results.
  return throughXargs ? readOsPackageCommand(cmd, true) : osCommandOnce(cmd);
}

const osCommandOnce = oncePerCommand((cmd) => readOsPackageCommand(cmd, false));

function readOsPackageCommand(cmd: SimpleCommand, throughXargs: boolean): OsPackageCommand | null {
  const unwrapped = unwrapCommand(cmd);
  let name = unwrapped.name;
  let args = unwrapped.args;
  let toolWord = cmd.words[cmd.words.length - args.length - 1];
  if (name === "xargs" && throughXargs) {
    const target = xargsTarget(args);
    if (!target) return null;
    ({ name, args, toolWord } = target);
  }
  if (name === null || !toolWord) return null;
  let spec: ManagerSpec | undefined;
  if (APT_GET_TOOLS.has(name) || APT_FRONT_ENDS.has(name)) spec = APT;
  else if (APK_TOOLS.has(name)) spec = APK;
  else spec = RPM_SPECS.get(name);
  if (!spec) return null;
  const { positionals, options } = parseArgs(args, { withValue: spec.withValue });
  const subcommand = positionals[0];
  if (!subcommand || subcommand.dynamic) return null;
  const manager = spec.manager as OsPackageCommand["manager"];
  return { manager, tool: name, aptFrontEnd: APT_FRONT_ENDS.has(name), command: cmd, toolWord, subcommand, options, operands: positionals.slice(1) };
}

/** `gem install a -- --with-opt` passes what follows `--` to the gem's build. */
function beforeDoubleDash(args: readonly ShellWord[]): ShellWord[] {
  const end = args.findIndex((word) => word.value === "--" && !word.quoted);
  return end < 0 ? [...args] : args.slice(0, end);
}

/** Splits the arguments after the tool's name; null when the subcommand does not install. */
function parseInstall(spec: ManagerSpec, tool: string, toolWord: ShellWord, cmd: SimpleCommand, args: readonly ShellWord[]): InstallCommand | null {
  const { positionals, options } = parseArgs(args, { withValue: spec.withValue });
  const subcommand = positionals[0];
  if (!subcommand || subcommand.dynamic || !spec.install.has(subcommand.value)) return null;
  return { manager: spec.manager, tool, command: cmd, toolWord, subcommand, options, packages: positionals.slice(1) };
}

/** `pip`, `pip3`, `pip3.12`. */
function isPipName(name: string): boolean {
  return /^pip\d*(?:\.\d+)?$/u.test(name);
}

/** `python`, `python3`, `python3.12`, `pypy3`. */
function isPythonName(name: string): boolean {
  return /^(?:python|pypy)\d*(?:\.\d+)?$/u.test(name);
}

/** Python's options that take a value: `-W ignore`, `-X dev`, `-Q new`. */
const PYTHON_VALUED = new Set(["-W", "-X", "-Q", "--check-hash-based-pycs"]);

/** The words after `-m pip` in `python3 -I -m pip install …`, or null when the command does not run pip. */
function pythonModulePip(args: readonly ShellWord[]): { pip: ShellWord; rest: ShellWord[] } | null {
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (!word || word.dynamic) return null;
    const v = word.value;
    let module: ShellWord | undefined;
    let next = i + 1;
    if (v === "-m") {
      module = args[i + 1];
      next = i + 2;
    } else if (v.startsWith("-m") && !v.startsWith("--")) {
      module = { ...word, value: v.slice(2) };
    } else if (PYTHON_VALUED.has(v)) {
      i++;
      continue;
    } else if (v.startsWith("-")) {
      continue;
    } else {
      // A script or `-c` code: not pip.
      return null;
    }
    if (!module || !isPipName(module.value)) return null;
    return { pip: module, rest: args.slice(next) };
  }
  return null;
}

function goInstall(tool: string, cmd: SimpleCommand, toolWord: ShellWord, args: readonly ShellWord[]): InstallCommand | null {
  const subcommand = args[0];
  if (!subcommand || subcommand.dynamic) return null;
  const sub = subcommand.value;
  if (sub !== "install" && sub !== "get" && sub !== "run") return null;
  const { positionals, options } = parseArgs(args.slice(1), { withValue: GO_VALUED, singleDashLong: true });
  let packages = positionals;
  if (sub === "run") {
    // `go run pkg@version args…` downloads that module; the words after it are the program's arguments.
    // Without a version, `go run` builds from the main module, whose go.sum pins it.
    const first = positionals[0];
    packages = first && !first.dynamic && first.value.includes("@") ? [first] : [];
  }
  return { manager: "go", tool, command: cmd, toolWord, subcommand, options, packages };
}

function npmFamily(name: "npm" | "yarn" | "pnpm", cmd: SimpleCommand, toolWord: ShellWord, args: readonly ShellWord[]): InstallCommand | null {
  if (name === "npm") {
    const install = parseInstall(NPM, "npm", toolWord, cmd, args);
    // `npm install` alone installs what package.json and its lockfile say.
    return install && install.packages.length > 0 ? install : null;
  }
  if (name === "yarn") {
    const { positionals, options } = parseArgs(args, { withValue: YARN.withValue });
    const first = positionals[0];
    const global = first?.value === "global" && !first.dynamic;
    const subcommand = global ? positionals[1] : first;
    if (!subcommand || subcommand.dynamic || subcommand.value !== "add") return null;
    const packages = positionals.slice(global ? 2 : 1);
    return { manager: "npm", tool: global ? "yarn global" : "yarn", command: cmd, toolWord, subcommand, options, packages };
  }
  const install = parseInstall(PNPM, "pnpm", toolWord, cmd, args);
  // `pnpm install` with package names adds them, like `pnpm add`; alone it installs the lockfile.
  return install && install.packages.length > 0 ? install : null;
}

/**
 * `python$PYTHON_VERSION -m pip install …`, `"pip${PY}" install …`: the
 * variable only picks the interpreter's version, so the command still runs pip.
 */
function versionedPythonInstall(cmd: SimpleCommand, toolWord: ShellWord, args: readonly ShellWord[]): InstallCommand | null {
  const written = toolWord.raw.replace(/^["']/u, "");
  const kind = /^(?:python|pypy|(pip))[\d.]*\$/u.exec(written);
  if (!kind) return null;
  const tool = written.replace(/["']$/u, "");
  if (kind[1] !== undefined) return parseInstall(PIP, tool, toolWord, cmd, args);
  const pip = pythonModulePip(args);
  return pip ? parseInstall(PIP, `${tool} -m ${pip.pip.value}`, toolWord, cmd, pip.rest) : null;
}

function pipFamily(name: string, cmd: SimpleCommand, toolWord: ShellWord, args: readonly ShellWord[]): InstallCommand | null {
  if (isPipName(name)) return parseInstall(PIP, name, toolWord, cmd, args);
  if (name === "pipx") return parseInstall(PIPX, "pipx", toolWord, cmd, args);
  if (name === "uv") {
    const first = args[0];
    if (first?.value === "pip" && !first.dynamic) return parseInstall(PIP, "uv pip", toolWord, cmd, args.slice(1));
    if (first?.value === "tool" && !first.dynamic) return parseInstall(UV_TOOL, "uv tool", toolWord, cmd, args.slice(1));
    return null;
  }
  if (isPythonName(name)) {
    const pip = pythonModulePip(args);
    return pip ? parseInstall(PIP, `${name} -m ${pip.pip.value}`, toolWord, cmd, pip.rest) : null;
  }
  return null;
}

/**
 * The package install a command runs, if it is one of the managers': the
 * manager, the tool, the subcommand, its options and the words that name
 * packages. Wrappers such as `sudo`, `env VAR=x` or `nice` are skipped. An
 * install with nothing to install (`npm install`, `pnpm install`) is not one.
 */
export function installCommandOf(cmd: SimpleCommand): InstallCommand | null {
  const { name, args } = unwrapCommand(cmd);
  const toolWord = cmd.words[cmd.words.length - args.length - 1];
  if (!toolWord) return null;
  if (name === null) return versionedPythonInstall(cmd, toolWord, args);
  switch (name) {
    case "npm":
    case "yarn":
    case "pnpm":
      return npmFamily(name, cmd, toolWord, args);
    case "gem":
      return parseInstall(GEM, name, toolWord, cmd, beforeDoubleDash(args));
    case "go":
    case "xx-go":
      // tonistiigi/xx's `xx-go` runs `go` for the target platform.
      return goInstall(name, cmd, toolWord, args);
    case "cargo":
      return parseInstall(CARGO, name, toolWord, cmd, beforeDoubleDash(args));
    default: {
      const os = osPackageCommandOf(cmd);
      if (os) return osInstall(os);
      return pipFamily(name, cmd, toolWord, args);
    }
  }
}

/**
 * The install an OS package command runs: apt-get's `install`/`reinstall`,
 * `apk add`, the rpm family's `install`, and `module install` whose packages
 * are module streams.
 */
function osInstall(os: OsPackageCommand): InstallCommand | null {
  const { manager, tool, command, toolWord, subcommand, options, operands } = os;
  if (os.aptFrontEnd) return null;
  if (subcommand.value === "module" && (manager === "yum" || manager === "dnf" || manager === "microdnf")) {
    const sub = operands[0];
    if (!sub || sub.dynamic || sub.value !== "install") return null;
    return { manager, tool: `${tool} module`, command, toolWord, subcommand: sub, options, packages: operands.slice(1) };
  }
  const spec = manager === "apt" ? APT : manager === "apk" ? APK : RPM_SPECS.get(tool);
  if (!spec?.install.has(subcommand.value)) return null;
  return { manager, tool, command, toolWord, subcommand, options, packages: operands };
}

/**
 * Four rules read the installs of every RUN; `facts.shellOf` returns the same
 * command list for a RUN each time, so the installs are found once per RUN.
 * Callers must not mutate the returned array.
 */
const installsByCommands = new WeakMap<readonly SimpleCommand[], InstallCommand[]>();

/**
 * Every package install among a RUN's commands (`facts.shellOf(run).commands`),
 * in order, optionally only those of some managers. Other rules use it to
 * find `apt-get install` or `apk add` and read their options.
 */
export function findInstallCommands(commands: readonly SimpleCommand[], managers?: ReadonlySet<PackageManager>): InstallCommand[] {
  let all = installsByCommands.get(commands);
  if (!all) {
    all = [];
    for (const cmd of commands) {
      const install = installCommandOf(cmd);
      if (install) all.push(install);
    }
    installsByCommands.set(commands, all);
  }
  return managers ? all.filter((install) => managers.has(install.manager)) : all;
}


/** The value of the last occurrence of one of `names`; undefined when absent, null when it has no value. */
export function optionValue(install: InstallCommand, names: readonly string[]): ShellWord | null | undefined {
  let found: ShellWord | null | undefined;
  for (const option of install.options) if (names.includes(option.name)) found = option.value;
  return found;
}

/** True when one of `names` is among the install's options. */
export function hasOption(install: InstallCommand, names: readonly string[]): boolean {
  return install.options.some((option) => names.includes(option.name));
}
