/**
 * Whether each package of an install names a version: one small reader per
 * manager family, since each spells versions its own way (`curl=8.5.0-r0`,
 * `requests==2.31.0`, `express@4.19.2`, `bundler:2.5.6`, `tool@v1.2.3`,
 * `tomcat-9.0.39`).
 */
import { classifyRef, classifyUrl } from "./remote-pins.js";
import { OS_PACKAGE_MANAGERS, hasOption, optionValue } from "./package-managers.js";
import type { InstallCommand, PackageManager } from "./package-managers.js";
import type { ShellWord } from "../shell/index.js";

export type Pin =
  /** Not a package from a registry (a local file or path, a group, a virtual name) or not knowable: never reported. */
  | { kind: "skip" }
  /** One exact version, a commit or a versioned URL. */
  | { kind: "exact" }
  /** A range of versions (`>=1.2`, `~2.0`, `^4`, `1.2.*`): pinned when ranges are allowed. */
  | { kind: "range"; version: string }
  /** A name for a version that moves (`@latest`, `#main`, `pkg/bookworm-backports`). */
  | { kind: "moving"; version: string }
  /** No version at all. */
  | { kind: "none" };

export interface PackageTarget {
  /** The word to report: the package, or the source URL for `cargo install --git`, `pip install -e git+…`. */
  word: ShellWord;
  pin: Pin;
  /** How this package would be pinned, for messages: `curl=<version>`, `requests==<version>`. */
  hint: string;
  /**
   * False when no `name=<version>` form exists for the word: a pattern
   * (`libfontconfig*-dev`) or a capability (`dnf-command(versionlock)`,
   * `perl(JSON::PP)`) matches packages rather than naming one.
   */
  pinnable: boolean;
}

const SKIP: Pin = { kind: "skip" };
const EXACT: Pin = { kind: "exact" };
const NONE: Pin = { kind: "none" };

/** Text the shell substitutes at run time: its value is unknown here. */
function isDynamic(text: string): boolean {
  return text.includes("$") || text.includes("`");
}

/** `.`, `..`, `./x`, `../x`, `/x`, `~/x`. */
function isLocalPath(value: string): boolean {
  return value === "." || value === ".." || value.startsWith("./") || value.startsWith("../") || value.startsWith("/") || value.startsWith("~");
}

function isUrl(value: string): boolean {
  return /^[A-Za-z][\d+.A-Za-z-]*:\/\//u.test(value);
}

const ARCHIVE_SUFFIXES = [".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".zip"];

function hasSuffix(value: string, suffixes: readonly string[]): boolean {
  const lower = value.toLowerCase();
  return suffixes.some((suffix) => lower.endsWith(suffix));
}

/** A ref (`v1.4`, `3f2a1b9`, `main`) of a Git source. */
function refPin(ref: string): Pin {
  if (isDynamic(ref)) return EXACT;
  switch (classifyRef(ref)) {
    case "commit":
    case "tag":
      return EXACT;
    case "branch":
      return ref === "" ? NONE : { kind: "moving", version: ref };
    default:
      return SKIP;
  }
}

/** A download URL (a wheel, a tarball): pinned when it names a version or a commit. */
function urlPin(url: string): Pin {
  if (isDynamic(url)) return SKIP;
  const verdict = classifyUrl(url);
  switch (verdict.kind) {
    case "pinned":
      return EXACT;
    case "moving":
      return { kind: "moving", version: verdict.word };
    case "unversioned":
      return NONE;
    default:
      return SKIP;
  }
}

/** The characters that start a version operator, for managers whose names cannot contain them. */
function operatorIndex(value: string, operators: string): number {
  for (let i = 0; i < value.length; i++) if (operators.includes(value.charAt(i))) return i;
  return -1;
}

/** Splits `name<op>version` at the first operator character; the operator is every operator character in a row. */
function splitOperator(value: string, operators: string): { name: string; op: string; version: string } | null {
  const at = operatorIndex(value, operators);
  if (at < 0) return null;
  let end = at;
  while (end < value.length && operators.includes(value.charAt(end))) end++;
  return { name: value.slice(0, at), op: value.slice(at, end), version: value.slice(end).trim() };
}

// ---------------------------------------------------------------------------
// apt-get / apt: `pkg=version`, `pkg/release`, `./file.deb`

function aptPin(value: string): Pin {
  if (isUrl(value) || isLocalPath(value) || hasSuffix(value, [".deb"])) return SKIP;
  // `pkg-` removes the package in the same transaction; `^task` and `?pattern` select many.
  if (value.endsWith("-") || value.startsWith("^") || value.startsWith("?")) return SKIP;
  const eq = value.indexOf("=");
  if (eq > 0) {
    const version = value.slice(eq + 1);
    if (version === "") return NONE;
    if (isDynamic(version)) return EXACT;
    return version.includes("*") ? { kind: "range", version } : EXACT;
  }
  const slash = value.indexOf("/");
  if (slash > 0) {
    // `pkg/bookworm-backports` picks a release, whose version of the package moves; more slashes make a path.
    if (value.includes("/", slash + 1)) return SKIP;
    return { kind: "moving", version: value.slice(slash + 1) };
  }
  return NONE;
}

function aptName(value: string): string {
  const cut = operatorIndex(value, "=/");
  return (cut < 0 ? value : value.slice(0, cut)).replace(/\+$/u, "");
}

// ---------------------------------------------------------------------------
// apk: `pkg=1.2-r0` exact; `pkg~1.2`, `pkg>1`, `pkg<2`, `pkg>=1` ranges; `pkg@edge` a repository tag

function apkPin(value: string): Pin {
  if (isUrl(value) || isLocalPath(value) || hasSuffix(value, [".apk"])) return SKIP;
  // `!pkg` forbids a package.
  if (value.startsWith("!")) return SKIP;
  const split = splitOperator(value, "=<>~");
  if (!split) return NONE;
  if (split.version === "") return NONE;
  if (isDynamic(split.version)) return split.op === "=" ? EXACT : { kind: "range", version: split.op + split.version };
  return split.op === "=" && !split.version.includes("*") ? EXACT : { kind: "range", version: split.op + split.version };
}

function apkName(value: string): string {
  const cut = operatorIndex(value, "=<>~");
  return cut < 0 ? value : value.slice(0, cut);
}

// ---------------------------------------------------------------------------
// pip: PEP 440 specifiers, VCS URLs with `@ref`, direct URLs, local files

const VCS_PREFIXES = ["git+", "hg+", "svn+", "bzr+"];
const PIP_LOCAL_SUFFIXES = [".whl", ".egg", ...ARCHIVE_SUFFIXES];

/** The ref of `git+https://host/org/repo.git@v1.4#egg=x`: what follows the last `@` of the path. */
function pipVcsRef(url: string): string {
  const hash = url.indexOf("#");
  const withoutFragment = hash >= 0 ? url.slice(0, hash) : url;
  const scheme = withoutFragment.indexOf("://");
  const rest = scheme >= 0 ? withoutFragment.slice(scheme + 3) : withoutFragment;
  const slash = rest.indexOf("/");
  const path = slash >= 0 ? rest.slice(slash) : "";
  const at = path.lastIndexOf("@");
  return at >= 0 ? path.slice(at + 1) : "";
}

function pipUrlPin(url: string): Pin {
  if (VCS_PREFIXES.some((prefix) => url.startsWith(prefix))) {
    if (isDynamic(url)) return SKIP;
    return refPin(pipVcsRef(url));
  }
  if (url.startsWith("file:")) return SKIP;
  return urlPin(url);
}

/** PEP 440: `==1.2.3` or `===x` alone is exact; any other specifier (`>=1`, `~=1.2`, `==1.*`, `>=1,<2`) is a range. */
function pipSpecifierPin(specifier: string): Pin {
  const clauses = specifier.split(",").map((clause) => clause.trim()).filter((clause) => clause !== "");
  if (clauses.length === 0) return NONE;
  const [first] = clauses;
  if (clauses.length === 1 && first !== undefined) {
    const split = splitOperator(first, "=<>!~");
    if (split && split.version !== "" && (split.op === "===" || (split.op === "==" && !split.version.includes("*")))) return EXACT;
  }
  return { kind: "range", version: clauses.join(",") };
}

function pipPin(value: string): Pin {
  // Environment markers (`; python_version < "3.9"`) do not choose versions.
  const semicolon = value.indexOf(";");
  const requirement = (semicolon >= 0 ? value.slice(0, semicolon) : value).trim();
  if (requirement === "") return SKIP;
  if (isUrl(requirement) || VCS_PREFIXES.some((prefix) => requirement.startsWith(prefix))) return pipUrlPin(requirement);
  // `name @ https://…` (PEP 508 direct reference).
  const at = requirement.indexOf("@");
  if (at > 0) {
    const url = requirement.slice(at + 1).trim();
    if (isUrl(url) || VCS_PREFIXES.some((prefix) => url.startsWith(prefix))) return pipUrlPin(url);
  }
  if (isLocalPath(requirement) || requirement.startsWith(".") || requirement.includes("/") || requirement.includes("\\")) return SKIP;
  if (hasSuffix(requirement, PIP_LOCAL_SUFFIXES)) return SKIP;
  const op = operatorIndex(requirement, "=<>!~");
  if (op < 0) return NONE;
  const specifier = requirement.slice(op).replace(/[()]/gu, "");
  if (isDynamic(specifier)) {
    const split = splitOperator(specifier, "=<>!~");
    return split && (split.op === "==" || split.op === "===") ? EXACT : { kind: "range", version: specifier };
  }
  return pipSpecifierPin(specifier);
}

function pipName(value: string): string {
  if (isUrl(value) || VCS_PREFIXES.some((prefix) => value.startsWith(prefix))) return value;
  const cut = operatorIndex(value, "=<>!~;@[ ");
  return cut < 0 ? value : value.slice(0, cut);
}

// ---------------------------------------------------------------------------
// npm, yarn, pnpm: `name@version`, `@scope/name@version`, Git sources with `#ref`, tarballs, folders

const NPM_GIT_PREFIXES = ["github:", "gitlab:", "bitbucket:", "gist:"];
const NPM_EXACT = /^=?v?\d+\.\d+\.\d+(?:-[\d.A-Za-z-]+)?(?:\+[\d.A-Za-z-]+)?$/u;

/** `user/repo`, npm's short form for a GitHub repository. */
function isGitHubShorthand(value: string): boolean {
  const hash = value.indexOf("#");
  const path = hash >= 0 ? value.slice(0, hash) : value;
  const slash = path.indexOf("/");
  return slash > 0 && !path.includes("/", slash + 1) && !path.startsWith("@") && !path.startsWith(".") && !path.includes(":") && !path.includes("@");
}

function isNpmGit(value: string): boolean {
  return /^git(?:\+[a-z]+)?:\/\//u.test(value) || NPM_GIT_PREFIXES.some((prefix) => value.startsWith(prefix))
    || (isUrl(value) && value.split("#")[0]?.endsWith(".git") === true) || isGitHubShorthand(value);
}

/** A version after `@`: exact (`4.19.2`), a range (`^4`, `4.x`, `>=1 <2`) or a dist-tag (`latest`, `next`), which moves. */
function npmVersionPin(version: string): Pin {
  if (version === "") return NONE;
  if (isDynamic(version)) return EXACT;
  if (NPM_EXACT.test(version)) return EXACT;
  if (/^[\d<=>^~*xXv]/u.test(version) || version.includes("||") || version.includes(" - ")) return { kind: "range", version };
  return { kind: "moving", version };
}

function npmPin(value: string): Pin {
  if (isLocalPath(value) || value.startsWith("file:") || value.startsWith("link:") || hasSuffix(value, [".tgz", ".tar", ".tar.gz"])) return SKIP;
  if (isNpmGit(value)) {
    if (isDynamic(value)) return SKIP;
    const hash = value.indexOf("#");
    const ref = hash >= 0 ? value.slice(hash + 1) : "";
    if (ref.startsWith("semver:")) return { kind: "range", version: ref };
    return refPin(ref);
  }
  if (isUrl(value)) return urlPin(value);
  const at = value.indexOf("@", 1);
  if (at < 0) return NONE;
  const version = value.slice(at + 1);
  // `alias@npm:real-name@1.2.3`.
  if (version.startsWith("npm:")) return npmPin(version.slice(4));
  return npmVersionPin(version);
}

function npmName(value: string): string {
  if (isNpmGit(value) || isUrl(value)) return value.split("#")[0] ?? value;
  const at = value.indexOf("@", 1);
  return at < 0 ? value : value.slice(0, at);
}

// ---------------------------------------------------------------------------
// gem: `name:version` or `-v version`, where a bare version or `= x` is exact and `~>`, `>=`… are ranges

function gemVersionPin(version: string): Pin {
  const clauses = version.split(",").map((clause) => clause.trim()).filter((clause) => clause !== "");
  const [first] = clauses;
  if (first === undefined) return NONE;
  if (isDynamic(version)) return EXACT;
  if (clauses.length === 1) {
    const split = splitOperator(first, "=<>!~");
    const op = split && split.name.trim() === "" ? split.op : "";
    if (op === "" && !first.includes("*")) return EXACT;
    if (op === "=") return EXACT;
  }
  return { kind: "range", version: clauses.join(", ") };
}

function gemPin(value: string, versionOption: ShellWord | null | undefined): Pin {
  if (isLocalPath(value) || isUrl(value) || hasSuffix(value, [".gem"]) || value.includes("/")) return SKIP;
  const colon = value.indexOf(":");
  if (colon > 0) return gemVersionPin(value.slice(colon + 1));
  if (versionOption) return gemVersionPin(versionOption.value);
  return NONE;
}

// ---------------------------------------------------------------------------
// go install / get / run: `module/path@v1.2.3`, a commit, or a pseudo-version

const GO_MOVING = new Set(["latest", "upgrade", "patch", "none"]);
const GO_META = new Set(["all", "std", "cmd", "tool"]);
const GO_SEMVER = /^v\d+\.\d+\.\d+(?:-[\d.A-Za-z-]+)?(?:\+[\d.A-Za-z-]+)?$/u;

/**
 * `go install pkg@version` and `go run pkg@version` download that version;
 * without a version they build from the main module, whose go.mod and go.sum
 * pin every dependency (or, in GOPATH mode, from sources already there), so
 * only `go get pkg`, which means `pkg@upgrade`, floats without one.
 */
function goPin(value: string, subcommand: string): Pin {
  if (isLocalPath(value) || GO_META.has(value) || value.startsWith("-")) return SKIP;
  const at = value.lastIndexOf("@");
  if (at < 0) {
    if (subcommand !== "get") return SKIP;
    // A path whose first element has no dot names the standard library or the main module.
    const first = value.split("/")[0] ?? "";
    return first.includes(".") ? NONE : SKIP;
  }
  const version = value.slice(at + 1);
  if (version === "") return NONE;
  if (isDynamic(version)) return EXACT;
  if (GO_MOVING.has(version)) return { kind: "moving", version };
  if (GO_SEMVER.test(version)) return EXACT;
  // `@v1`, `@v1.2` and `@<v1.5` are version queries: the newest matching version at build time.
  if (/^[<>]/u.test(version) || /^v\d+(?:\.\d+)?$/u.test(version)) return { kind: "range", version };
  return refPin(version);
}

// ---------------------------------------------------------------------------
// cargo install: `crate@1.2.3` or `--version 1.2.3`, exact without an operator; `--git` with `--tag`/`--rev`

function cargoVersionPin(version: string): Pin {
  if (version === "") return NONE;
  if (isDynamic(version)) return EXACT;
  return /^=?\d+\.\d+\.\d+(?:-[\d.A-Za-z-]+)?(?:\+[\d.A-Za-z-]+)?$/u.test(version) ? EXACT : { kind: "range", version };
}

function cargoPin(value: string, versionOption: ShellWord | null | undefined): Pin {
  if (isLocalPath(value) || value.includes("/")) return SKIP;
  const at = value.indexOf("@");
  if (at > 0) return cargoVersionPin(value.slice(at + 1));
  if (versionOption) return cargoVersionPin(versionOption.value);
  return NONE;
}

// ---------------------------------------------------------------------------
// yum, dnf, microdnf, zypper: `name-version[-release]`, `name-epoch:version`; zypper also `name=version`, `name>=version`

function startsWithDigit(text: string | undefined): boolean {
  return text !== undefined && /^\d/u.test(text);
}

/**
 * True when `value` ends in an RPM version: `tomcat-9.0.39`, `openssl-1:1.1.1k`,
 * `tomcat-9.0.39-1`, `glibc-2.28.i686`. A trailing number without a dot is
 * part of many names (`gcc-toolset-12`, `compat-libstdc++-33`), so it only
 * counts as a release after a dotted version, or as a date-like version.
 */
function hasRpmVersion(value: string): boolean {
  const segments = value.split("-");
  if (segments.length < 2) return false;
  const last = segments[segments.length - 1];
  const previous = segments[segments.length - 2];
  if (!startsWithDigit(last) || last === undefined) return false;
  if (last.includes(".") || last.includes(":")) return true;
  if (segments.length >= 3 && startsWithDigit(previous) && previous !== undefined && (previous.includes(".") || previous.includes(":"))) return true;
  return /^\d{6,}/u.test(last);
}

function rpmPin(value: string): Pin {
  if (isUrl(value) || isLocalPath(value) || hasSuffix(value, [".rpm"]) || value.startsWith("@")) return SKIP;
  const split = splitOperator(value, "=<>");
  if (split && split.name.trim() !== "") {
    if (split.version === "") return NONE;
    if (isDynamic(split.version)) return split.op === "=" ? EXACT : { kind: "range", version: split.op + split.version };
    return split.op === "=" && !split.version.includes("*") ? EXACT : { kind: "range", version: split.op + split.version };
  }
  if (hasRpmVersion(value)) return value.includes("*") ? { kind: "range", version: value } : EXACT;
  return NONE;
}

/** `dnf module install name:stream[:version][/profile]`: a stream gets new versions; a stream and version is exact. */
function modulePin(value: string): Pin {
  if (value.startsWith("@")) return SKIP;
  const spec = value.split("/")[0] ?? value;
  const parts = spec.split(":");
  if (parts.length >= 3) return EXACT;
  const stream = parts[1];
  return stream === undefined || stream === "" ? NONE : { kind: "range", version: `:${stream}` };
}

function zypperPin(value: string): Pin {
  if (value.startsWith("!") || value.startsWith("~") || /^(?:pattern|patch|product|srcpackage|application):/u.test(value)) return SKIP;
  return rpmPin(value.replace(/^\+/u, ""));
}

function rpmName(value: string): string {
  const cut = operatorIndex(value, "=<>");
  return cut < 0 ? value : value.slice(0, cut);
}

// ---------------------------------------------------------------------------

const EXAMPLE_VERSION = "<version>";

function target(word: ShellWord, pin: Pin, hint: string, pinnable = true): PackageTarget {
  return { word, pin, hint, pinnable };
}

/** Glob characters and the parentheses of rpm capabilities. */
function matchesPackages(value: string): boolean {
  return /[*?[(]/u.test(value);
}

/**
 * A word that can name a package: it starts with a letter, a digit or a path
 * character, and only npm's scopes start with `@` (dnf's `@group` is a group).
 */
function canNamePackage(value: string, manager: PackageManager): boolean {
  if (!/^[\w.~/+@$`]/u.test(value) || !/[\dA-Za-z]/u.test(value)) return false;
  return manager === "npm" || !value.startsWith("@");
}

function eachPackage(install: InstallCommand, judge: (value: string) => Pin, hint: (value: string) => string, words = install.packages): PackageTarget[] {
  const targets: PackageTarget[] = [];
  for (const word of words) {
    const value = word.value;
    if (!canNamePackage(value, install.manager)) continue;
    targets.push(target(word, judge(value), hint(value), !OS_PACKAGE_MANAGERS.includes(install.manager) || !matchesPackages(value)));
  }
  return targets;
}

function pipTargets(install: InstallCommand): PackageTarget[] {
  const hint = (value: string): string => {
    const name = pipName(value);
    if (VCS_PREFIXES.some((prefix) => value.startsWith(prefix))) return `'${value.split("#")[0] ?? value}@<tag or commit>'`;
    if (isUrl(value)) return "a URL that names a version or a commit";
    return `'${name}==${EXAMPLE_VERSION}'`;
  };
  const targets: PackageTarget[] = [];
  // An editable install of a VCS URL clones a branch unless the URL names a ref.
  for (const option of install.options) {
    if ((option.name === "-e" || option.name === "--editable") && option.value && !isLocalPath(option.value.value)) {
      const value = option.value.value;
      if (isUrl(value) || VCS_PREFIXES.some((prefix) => value.startsWith(prefix))) targets.push(target(option.value, pipUrlPin(value), hint(value)));
    }
  }
  // A requirements file fetched from a branch (`-r https://raw.githubusercontent.com/org/repo/main/requirements.txt`) moves with it.
  for (const option of install.options) {
    if ((option.name === "-r" || option.name === "--requirement" || option.name === "--requirements") && option.value && isUrl(option.value.value)) {
      const pin = urlPin(option.value.value);
      if (pin.kind === "moving") targets.push(target(option.value, pin, "a URL that names a tag or a commit"));
    }
  }
  // A constraints file (`-c constraints.txt`, uv's `--override`) chooses the versions of the packages named here;
  // with `--no-index`, pip only reads the local `--find-links` files the build provides.
  if (hasOption(install, ["-c", "--constraint", "--override", "--overrides", "--constraints", "--no-index"])) return targets;
  const sub = install.subcommand.value;
  let words = install.packages;
  const spec = optionValue(install, install.tool === "pipx" ? ["--spec"] : ["--from"]);
  if (install.tool === "pipx" && sub === "inject") {
    // `pipx inject <venv> pkg…`: the first word names the environment.
    words = words.slice(1);
  } else if ((install.tool === "pipx" || install.tool === "uv tool") && spec) {
    // `pipx install --spec 'black==24.1' black`: the spec says what to install, the word names the app.
    words = [spec];
  }
  return [...targets, ...eachPackage(install, pipPin, hint, words)];
}

function gemTargets(install: InstallCommand): PackageTarget[] {
  const version = optionValue(install, ["-v", "--version"]);
  // `gem install x:1 --use-system-libraries true`: a flag's `true`/`false` is not a gem.
  const words = install.packages.filter((word) => word.value !== "true" && word.value !== "false");
  return eachPackage(install, (value) => gemPin(value, version), (value) => `'${value.split(":")[0] ?? value}:${EXAMPLE_VERSION}' or '-v ${EXAMPLE_VERSION}'`, words);
}

function cargoTargets(install: InstallCommand): PackageTarget[] {
  if (hasOption(install, ["--path"])) return [];
  const git = optionValue(install, ["--git"]);
  if (git) {
    // The crates named next to `--git` only choose among the repository's crates.
    let pin: Pin = NONE;
    const rev = optionValue(install, ["--rev"]) ?? optionValue(install, ["--tag"]);
    const branch = optionValue(install, ["--branch"]);
    if (rev) pin = EXACT;
    else if (branch) pin = isDynamic(branch.value) ? SKIP : { kind: "moving", version: branch.value };
    if (isDynamic(git.value) && pin.kind !== "exact") pin = SKIP;
    return [target(git, pin, "'--tag <tag>' or '--rev <commit>'")];
  }
  const version = optionValue(install, ["--version", "--vers"]);
  return eachPackage(install, (value) => cargoPin(value, version), (value) => `'${value.split("@")[0] ?? value}@${EXAMPLE_VERSION}' or '--version ${EXAMPLE_VERSION}'`);
}

function zypperTargets(install: InstallCommand): PackageTarget[] {
  const type = optionValue(install, ["-t", "--type"]);
  if (type && type.value !== "package") return [];
  return eachPackage(install, zypperPin, (value) => `'${rpmName(value.replace(/^\+/u, ""))}=${EXAMPLE_VERSION}'`);
}

function rpmTargets(install: InstallCommand): PackageTarget[] {
  if (install.tool.endsWith(" module")) {
    return eachPackage(install, modulePin, (value) => `'${value.split(":")[0] ?? value}:<stream>:<version>'`);
  }
  return eachPackage(install, rpmPin, (value) => `'${rpmName(value)}-${EXAMPLE_VERSION}'`);
}

const READERS: Record<PackageManager, (install: InstallCommand) => PackageTarget[]> = {
  apt: (install) => eachPackage(install, aptPin, (value) => `'${aptName(value)}=${EXAMPLE_VERSION}'`),
  apk: (install) => eachPackage(install, apkPin, (value) => `'${apkName(value)}=${EXAMPLE_VERSION}'`),
  pip: pipTargets,
  npm: (install) => eachPackage(install, npmPin, (value) => (isNpmGit(value) ? `'${npmName(value)}#<tag or commit>'` : `'${npmName(value)}@${EXAMPLE_VERSION}'`)),
  gem: gemTargets,
  go: (install) => eachPackage(install, (value) => goPin(value, install.subcommand.value), (value) => `'${value.split("@")[0] ?? value}@v1.2.3'`),
  cargo: cargoTargets,
  yum: rpmTargets,
  dnf: rpmTargets,
  microdnf: rpmTargets,
  zypper: zypperTargets,
};

/**
 * The packages of an install and how each is pinned. A word whose value the
 * shell decides (`$PKGS`, `"${NAME}"`, `$(cat list)`) is never judged
 * unpinned: its value, version included, is unknown here.
 */
export function packageTargets(install: InstallCommand): PackageTarget[] {
  return READERS[install.manager](install).map((found) => (found.word.dynamic && !knownDespiteVariables(found) ? { ...found, pin: SKIP } : found));
}

/**
 * Whether a verdict on a word with expansions holds whatever they expand to:
 * an exact pin (`pkg==$VERSION`), or a range whose operator is written before
 * the first expansion (`pkg>=$MIN`, but not `$(<packages.txt)`).
 */
function knownDespiteVariables(found: PackageTarget): boolean {
  if (found.pin.kind === "exact") return true;
  if (found.pin.kind !== "range") return false;
  const value = found.word.value;
  const dollar = value.indexOf("$");
  const backtick = value.indexOf("`");
  const firstExpansion = dollar < 0 ? backtick : backtick < 0 ? dollar : Math.min(dollar, backtick);
  const operator = operatorIndex(value, "=<>~!^@:*");
  return operator >= 0 && (firstExpansion < 0 || operator < firstExpansion);
}
