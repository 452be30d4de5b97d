/**
 * Package-index refreshes (`apt-get update`, `apk update`) and the installs
 * that read the index (`apt-get install`, `apk add`), for rules that check
 * whether the two run in the same RUN.
 */
import { oncePerCommand, parseArgs, unwrapCommand } from "../shell/index.js";
import type { SimpleCommand } from "../shell/index.js";
import { osPackageCommandOf, xargsTarget } from "./package-managers.js";

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

/** Helpers that install packages with apt: bitnami's `install_packages`, Gitpod's `install-packages`. */
const APT_HELPERS = new Set(["install_packages", "install-packages"]);
const APT_INSTALLS = new Set([
  "install", "upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade", "build-dep", "source", "reinstall", "satisfy", "download", "changelog",
]);
const APK_INSTALLS = new Set(["add", "upgrade", "fix"]);

/** How a command uses a package index, if it does. */
export function packageIndexUseOf(cmd: SimpleCommand): PackageIndexUse | null {
  return indexUseOnce(cmd);
}

const indexUseOnce = oncePerCommand(readPackageIndexUse);

function readPackageIndexUse(cmd: SimpleCommand): PackageIndexUse | null {
  const os = osPackageCommandOf(cmd, true);
  if (os && (os.manager === "apt" || os.manager === "apk")) {
    const sub = os.subcommand.value;
    let update: boolean;
    let install: boolean;
    let clear = false;
    if (os.manager === "apt") {
      update = sub === "update";
      install = APT_INSTALLS.has(sub);
      clear = sub === "dist-clean";
    } else {
      install = APK_INSTALLS.has(sub);
      // `apk add --update` / `-U` refreshes the index itself.
      update = sub === "update" || (install && os.options.some((option) => option.name === "-U" || option.name === "--update" || option.name === "--update-cache"));
    }
    if (!update && !install && !clear) return null;
    const { toolWord, subcommand } = os;
    const words = [toolWord, ...cmd.words.slice(cmd.words.indexOf(toolWord) + 1, cmd.words.indexOf(subcommand) + 1)];
    const label = words.map((word) => word.value).join(" ");
    return { family: os.manager, update, install, clear, tool: toolWord.value, start: toolWord.start, end: subcommand.end, label };
  }
  const unwrapped = unwrapCommand(cmd);
  let { name, args } = unwrapped;
  let nameWord = cmd.words[cmd.words.length - args.length - 1];
  if (name === "xargs") {
    const target = xargsTarget(args);
    if (!target) return null;
    ({ name, args, toolWord: nameWord } = target);
  }
  if (name === null || !nameWord) return null;
  if (name === "apt-cache" || APT_HELPERS.has(name)) {
    return { family: "apt", update: false, install: true, clear: false, tool: name, start: nameWord.start, end: nameWord.end, label: name };
  }
  if (name === "rm") {
    // Deleting the lists leaves nothing stale in the layer.
    const paths = parseArgs(args).positionals;
    const apt = paths.some((word) => word.value.startsWith("/var/lib/apt/lists"));
    const apk = paths.some((word) => word.value.startsWith("/var/cache/apk"));
    if (!apt && !apk) return null;
    return { family: apt ? "apt" : "apk", update: false, install: false, clear: true, tool: name, start: nameWord.start, end: nameWord.end, label: name };
  }
  return null;
}
