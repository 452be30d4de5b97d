/**
 * Package-index refreshes (`apt-get update`, `apk update`) and the installs
 * that read the index (`apt-get install`, `apk add`), for rules that check
 * whether the two run in the same RUN.
 */
import { parseArgs, unwrapCommand } from "../shell/index.js";
import type { ShellWord, SimpleCommand } from "../shell/index.js";

/** Tools that share one package index: `apt-get` and `apt` both read /var/lib/apt/lists. */
export type IndexFamily = "apt" | "apk";

export interface PackageIndexUse {
  family: IndexFamily;
  /**
   * `update` refreshes the index; `install` reads it (installs, upgrades,
   * downloads, `apt-cache` queries); `clear` deletes it (`rm -rf
   * /var/lib/apt/lists/*`, `apt-get dist-clean`). `apk add --update` both
   * refreshes and reads.
   */
  update: boolean;
  install: boolean;
  clear: boolean;
  /** The tool's name as written (`apt-get`). */
  tool: string;
  /** Offsets from the tool's name to its subcommand. */
  start: number;
  end: number;
  /** The tool and subcommand, unquoted (`apt-get -qq update`). */
  label: string;
}

/** apt front ends, and tonistiigi/xx's cross-compiling wrappers, which read the same lists. */
const APT_TOOLS = new Set(["apt-get", "apt", "aptitude", "apt-fast", "nala", "xx-apt-get", "xx-apt"]);
const APK_TOOLS = new Set(["apk", "xx-apk"]);
/** Helpers that install packages with apt: bitnami's `install_packages`, Gitpod's `install-packages`. */
const APT_HELPERS = new Set(["install_packages", "install-packages"]);
const APT_VALUED = ["-o", "--option", "-c", "--config-file", "-t", "--target-release", "--default-release", "-a", "--host-architecture"];
const APT_INSTALLS = new Set([
  "install", "upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade", "build-dep", "source", "reinstall", "satisfy", "download", "changelog",
]);
const APK_VALUED = [
  "-X", "--repository", "-p", "--root", "--arch", "--cache-dir", "--keys-dir", "--repositories-file",
  "-t", "--virtual", "--wait", "--timeout", "--cache-max-age", "--cache-predownload",
];
const APK_INSTALLS = new Set(["add", "upgrade", "fix"]);
const XARGS_VALUED = ["-a", "--arg-file", "-d", "--delimiter", "-E", "-e", "--eof", "-I", "-i", "--replace", "-L", "-l", "--max-lines", "-n", "--max-args", "-P", "--max-procs", "-s", "--max-chars", "--process-slot-var"];

/** The command `xargs` runs, and its words. */
function xargsTarget(args: readonly ShellWord[]): { name: string; args: ShellWord[]; nameWord: ShellWord } | null {
  const { positionals } = parseArgs(args, { withValue: XARGS_VALUED });
  const first = positionals[0];
  if (!first || first.dynamic) return null;
  const index = args.indexOf(first);
  return { name: first.value.slice(first.value.lastIndexOf("/") + 1), args: args.slice(index + 1), nameWord: first };
}

/** How a command uses a package index, if it does. */
export function packageIndexUseOf(cmd: SimpleCommand): PackageIndexUse | null {
  const unwrapped = unwrapCommand(cmd);
  let name = unwrapped.name;
  let args = unwrapped.args;
  let nameWord = cmd.words[cmd.words.length - args.length - 1];
  if (name === "xargs") {
    const target = xargsTarget(args);
    if (!target) return null;
    ({ name, args, nameWord } = target);
  }
  if (name === null || !nameWord) return null;

  let family: IndexFamily;
  let update: boolean;
  let install: boolean;
  let clear = false;
  let sub: ShellWord | undefined;
  if (APT_TOOLS.has(name)) {
    family = "apt";
    sub = parseArgs(args, { withValue: APT_VALUED }).positionals[0];
    if (!sub || sub.dynamic) return null;
    update = sub.value === "update";
    install = APT_INSTALLS.has(sub.value);
    clear = sub.value === "dist-clean";
  } else if (APK_TOOLS.has(name)) {
    family = "apk";
    const { positionals, options } = parseArgs(args, { withValue: APK_VALUED });
    sub = positionals[0];
    if (!sub || sub.dynamic) return null;
    install = APK_INSTALLS.has(sub.value);
    // `apk add --update` / `-U` refreshes the index itself.
    update = sub.value === "update" || (install && options.some((option) => option.name === "-U" || option.name === "--update" || option.name === "--update-cache"));
  } else if (name === "apt-cache" || APT_HELPERS.has(name)) {
    return { family: "apt", update: false, install: true, clear: false, tool: name, start: nameWord.start, end: nameWord.end, label: name };
  } else if (name === "rm") {
    // Deleting the lists leaves nothing stale in the layer.
    const paths = parseArgs(args).positionals;
    const apt = paths.some((word) => word.value.startsWith("/var/lib/apt/lists"));
    const apk = paths.some((word) => word.value.startsWith("/var/cache/apk"));
    if (!apt && !apk) return null;
    return { family: apt ? "apt" : "apk", update: false, install: false, clear: true, tool: name, start: nameWord.start, end: nameWord.end, label: name };
  } else {
    return null;
  }
  if (!update && !install && !clear) return null;
  const words = [nameWord, ...args.slice(0, args.indexOf(sub) + 1)];
  const label = words.map((word) => word.value).join(" ");
  return { family, update, install, clear, tool: nameWord.value, start: nameWord.start, end: sub.end, label };
}
