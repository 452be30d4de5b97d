/**
 * RUN steps that fetch moving targets: curl/wget downloads of a URL with a
 * moving segment (`latest`, `main`, `stable`, …) or no version at all, unless
 * the same RUN verifies the download; `git clone` of a branch, unless a later
 * `git checkout`/`git reset --hard` of a tag or commit in the same RUN pins it.
 */
import { globMatcher, shorten } from "../lib/text/index.js";
import { classifyRef, classifyUrl, displayText, isSupportFile, markedLookup, markVariable, NEUTRAL_MARK, parseUrl, resolveWithMarkers, UNKNOWN_MARK } from "../lib/packages/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { RunNode } from "../lib/language/index.js";
import { parseArgs, unwrapCommand, windowsCommands, windowsDialectOf } from "../lib/shell/index.js";
import type { ParsedArgs, ShellWord, SimpleCommand, WindowsDialect } from "../lib/shell/index.js";

type Options = [{ allow?: string[] }];
type MessageIds = "movingUrl" | "unversionedUrl" | "unpinnedClone";

const CURL_VALUED = [
  "-o", "--output", "-H", "--header", "-d", "--data", "--data-raw", "--data-binary", "--data-urlencode", "--data-ascii",
  "-F", "--form", "--form-string", "-u", "--user", "-A", "--user-agent", "-e", "--referer", "-x", "--proxy", "--preproxy",
  "-X", "--request", "-w", "--write-out", "-m", "--max-time", "--connect-timeout", "--retry", "--retry-delay",
  "--retry-max-time", "-C", "--continue-at", "-b", "--cookie", "-c", "--cookie-jar", "-T", "--upload-file", "-r", "--range",
  "-y", "--speed-time", "-Y", "--speed-limit", "-z", "--time-cond", "--cacert", "--capath", "-E", "--cert", "--key",
  "--cert-type", "--key-type", "--ciphers", "--interface", "--dns-servers", "--resolve", "--connect-to", "--limit-rate",
  "--max-filesize", "--max-redirs", "-K", "--config", "--output-dir", "--url", "--proto", "--proto-redir", "--proto-default",
  "-D", "--dump-header", "--stderr", "--trace", "--trace-ascii", "--netrc-file", "-Q", "--quote", "--noproxy",
  "--oauth2-bearer", "--pinnedpubkey", "-U", "--proxy-user", "--unix-socket", "--abstract-unix-socket", "--variable",
  "--json", "--etag-save", "--etag-compare", "--hsts", "--alt-svc", "-P", "--ftp-port", "--request-target", "--aws-sigv4",
  "--expect100-timeout", "--local-port", "--socks4", "--socks5", "--socks5-hostname", "-t", "--telnet-option", "--tls-max",
];
const WGET_VALUED = [
  "-O", "--output-document", "-o", "--output-file", "-a", "--append-output", "-P", "--directory-prefix", "-i", "--input-file",
  "-e", "--execute", "-t", "--tries", "-T", "--timeout", "-w", "--wait", "-U", "--user-agent", "--header", "--user",
  "--password", "--http-user", "--http-password", "--referer", "-Q", "--quota", "-l", "--level", "-A", "--accept", "-R",
  "--reject", "-D", "--domains", "-B", "--base", "--post-data", "--post-file", "--method", "--body-data", "--body-file",
  "--ca-certificate", "--ca-directory", "--certificate", "--private-key", "--load-cookies", "--save-cookies", "--limit-rate",
  "--progress", "--dns-timeout", "--connect-timeout", "--read-timeout", "--waitretry", "--bind-address", "--local-encoding",
  "--remote-encoding", "--restrict-file-names", "-I", "--include-directories", "-X", "--exclude-directories", "--cut-dirs",
];
const GIT_CLONE_VALUED = [
  "-b", "--branch", "-o", "--origin", "-u", "--upload-pack", "--reference", "--reference-if-able", "--separate-git-dir",
  "--depth", "--shallow-since", "--shallow-exclude", "-c", "--config", "--template", "-j", "--jobs", "--filter",
  "--server-option", "--bundle-uri", "--ref-format", "--revision",
];
const GIT_CHECKOUT_VALUED = ["-b", "-B", "--orphan", "--conflict", "--pathspec-from-file"];
const GIT_SWITCH_VALUED = ["-c", "--create", "-C", "--force-create", "--orphan", "--conflict"];
const GIT_FETCH_VALUED = ["--depth", "--deepen", "--shallow-since", "--shallow-exclude", "-j", "--jobs", "--filter", "-o", "--server-option", "--upload-pack", "--refmap", "--negotiation-tip"];

/** PowerShell's web cmdlets (and the `curl`/`wget` aliases Windows PowerShell has for them): parameters that take no value. */
const WEB_REQUEST_SWITCHES = new Set([
  "-usebasicparsing", "-usedefaultcredentials", "-disablekeepalive", "-passthru", "-verbose", "-debug", "-skipcertificatecheck",
  "-noproxy", "-allowunencryptedauthentication", "-preserveauthorizationonredirect", "-skipheadervalidation", "-resume",
  "-allowinsecureredirect", "-skiphttperrorcheck", "-proxyusedefaultcredentials", "-followrellink",
]);
/** Parameters that say a web cmdlet call is one: `curl -Uri …` in PowerShell is Invoke-WebRequest, not curl.exe. */
const WEB_REQUEST_MARKERS = ["-uri", "-url", "-outfile", "-usebasicparsing", "-method"];
/** Signs that a RUN is PowerShell when no SHELL says which shell the base image has. */
const POWERSHELL_TEXT = /\$\{?env:|\$ErrorActionPreference|\b(?:iex|New-Object|Invoke-WebRequest|Invoke-Expression|Write-Host|Expand-Archive|Start-Process|Remove-Item)\b/iu;
/** What runs a script piped into it in PowerShell. */
const POWERSHELL_RUNNERS = new Set(["iex", "invoke-expression", "powershell", "pwsh"]);

const CHECKSUM_TOOLS = new Set(["sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum", "md5sum", "b2sum", "b3sum", "shasum", "rhash"]);
const SHELLS_AND_INTERPRETERS = new Set(["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "python", "python2", "python3", "perl", "ruby", "node", "php", "pwsh"]);
const KEYRING_PATH = /(?:^|\/)(?:keyrings|trusted\.gpg\.d|rpm-gpg)\/|\.(?:gpg|asc|key|pub|pem)$/iu;
const LOCAL_HOSTS = /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|host\.docker\.internal|169\.254\.169\.254)(?::\d+)?$/iu;

interface Download {
  word: ShellWord;
  url: string;
  /** True when the bytes are saved to a file the RUN can check; false when they stream into another command. */
  saved: boolean;
  /** The shell or interpreter the bytes are piped into, if any. */
  runs: string | null;
}

interface Clone {
  word: ShellWord;
  url: string;
  /** The last path component of the clone's directory. */
  dir: string;
  /** How the clone floats: the branch it follows, or "" for the default branch. */
  branch: string;
  pinned: boolean;
}

function basename(path: string): string {
  let end = path.length;
  while (end > 1 && path[end - 1] === "/") end--;
  const trimmed = path.slice(0, end);
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** The URL without its `?query` and `#fragment`. */
function withoutQuery(url: string): string {
  const cut = url.search(/[#?]/u);
  return cut < 0 ? url : url.slice(0, cut);
}

function repoDir(url: string): string {
  const name = basename(withoutQuery(url));
  const afterColon = name.slice(name.lastIndexOf(":") + 1);
  return afterColon.endsWith(".git") ? afterColon.slice(0, -4) : afterColon;
}

function option(parsed: ParsedArgs, ...names: string[]): ShellWord | null | undefined {
  let found: ShellWord | null | undefined;
  for (const entry of parsed.options) if (names.includes(entry.name)) found = entry.value;
  return found;
}

function hasOption(parsed: ParsedArgs, ...names: string[]): boolean {
  return parsed.options.some((entry) => names.includes(entry.name));
}

/** Whether a word is `value`: the checks below run on every command of every RUN, so the words are tested in place, not copied. */
function hasWord(args: readonly ShellWord[], value: string): boolean {
  return args.some((word) => word.value === value);
}

function hasWordStartingWith(args: readonly ShellWord[], prefix: string): boolean {
  return args.some((word) => word.value.startsWith(prefix));
}

/** The command's name and arguments after wrappers (`sudo`, `env`, …) and `busybox`. */
function unwrap(cmd: SimpleCommand): { name: string | null; args: readonly ShellWord[] } {
  const unwrapped = unwrapCommand(cmd);
  if (unwrapped.name === "busybox" && unwrapped.args[0] && !unwrapped.args[0].dynamic) {
    return { name: basename(unwrapped.args[0].value), args: unwrapped.args.slice(1) };
  }
  return unwrapped;
}

/** The POSIX commands this rule reports: downloads and clones. */
const FETCHERS = new Set(["curl", "wget", "git"]);

/** The command that reads `commands[index]`'s output through a pipe, if any. */
function pipeReader(commands: readonly SimpleCommand[], index: number): SimpleCommand | null {
  const cmd = commands[index];
  if (!cmd || (cmd.next !== "|" && cmd.next !== "|&")) return null;
  for (let j = index + 1; j < commands.length; j++) {
    const other = commands[j];
    if (other && other.depth === cmd.depth && other.start >= cmd.end) return other;
  }
  return null;
}

/** Where standard output goes by redirection: "null", "file" or null when not redirected. */
function stdoutRedirect(cmd: SimpleCommand): { kind: "null" | "file"; target: string } | null {
  let result: { kind: "null" | "file"; target: string } | null = null;
  for (const redirect of cmd.redirects) {
    const op = redirect.op;
    if (!(op === ">" || op === ">>" || op === ">|" || op === "1>" || op === "1>>" || op === "&>" || op === "&>>")) continue;
    const target = redirect.target?.value ?? "";
    result = { kind: target === "/dev/null" ? "null" : "file", target };
  }
  return result;
}

function isChecksumComparison(reader: SimpleCommand | null): boolean {
  if (!reader) return false;
  const name = unwrap(reader).name;
  return name === "grep" || name === "cmp" || name === "diff" || name === "test" || name === "[";
}

/** True when the command checks a download against a known checksum or signature. */
function isVerification(commands: readonly SimpleCommand[], index: number): boolean {
  const cmd = commands[index];
  if (!cmd) return false;
  const { name, args } = unwrap(cmd);
  if (name === null) return false;
  if (CHECKSUM_TOOLS.has(name)) {
    const parsed = parseArgs(args, { withValue: ["-a", "--algorithm"] });
    if (hasOption(parsed, "-c", "--check")) return true;
    // `[ "$(sha256sum f | cut -d' ' -f1)" = "$SHA" ]`, `sha256sum f | grep -q "$SHA"`
    return cmd.context === "substitution" || isChecksumComparison(pipeReader(commands, index));
  }
  switch (name) {
    case "gpg":
    case "gpg2":
      return hasWord(args, "--verify") || hasWord(args, "--verify-files");
    case "gpgv":
    case "gpgv2":
    case "debsig-verify":
      return true;
    case "cosign":
      return hasWordStartingWith(args, "verify");
    case "minisign":
      return hasOption(parseArgs(args, { withValue: ["-p", "-P", "-m", "-x", "-s"] }), "-V");
    case "signify":
    case "signify-openbsd":
      return hasOption(parseArgs(args, { withValue: ["-p", "-m", "-x", "-s", "-t"] }), "-V", "-C");
    case "slsa-verifier":
      return hasWordStartingWith(args, "verify");
    case "gh":
      return hasWord(args, "attestation") && hasWord(args, "verify");
    case "rpm":
      return hasWord(args, "-K") || hasWord(args, "--checksig");
    case "dpkg-sig":
      return hasWord(args, "--verify");
    case "openssl":
      return hasWord(args, "dgst") && (hasWord(args, "-verify") || cmd.context === "substitution" || isChecksumComparison(pipeReader(commands, index)));
    default:
      return false;
  }
}

/** Checks of a download on Windows: `Get-FileHash` (also inside an `if`), `certutil -hashfile`, Authenticode signatures. */
function isWindowsVerification(name: string, args: readonly ShellWord[]): boolean {
  switch (name) {
    case "get-filehash":
    case "get-authenticodesignature":
      return true;
    case "certutil":
      return args.some((word) => word.value.toLowerCase() === "-hashfile");
    case "signtool":
      return args[0]?.value.toLowerCase() === "verify";
    default:
      return false;
  }
}

/** Key imports: a signing key fetched to verify other downloads, not a payload. */
function isKeyImport(reader: SimpleCommand): boolean {
  const { name, args } = unwrap(reader);
  switch (name) {
    case "gpg":
    case "gpg2":
      return hasWord(args, "--import") || hasWord(args, "--dearmor") || hasWord(args, "--dearmour") || hasWord(args, "--enarmor");
    case "apt-key":
      return hasWord(args, "add");
    case "rpm":
      return hasWord(args, "--import");
    case "tee":
      return args.some((word) => KEYRING_PATH.test(word.value));
    default:
      return false;
  }
}

const rule: DockerfileRuleDefinition<{ RuleOptions: Options; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Require RUN downloads and git clones to name a fixed version, or to verify what they fetch",
      url: docsUrl("no-unpinned-download"),
    },
    schema: [
      {
        type: "object",
        properties: {
          allow: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "Glob patterns of URLs (downloads and git repositories) to skip, such as `https://artifacts.example.com/**`.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allow: [] }],
    messages: {
      movingUrl: "'{{url}}' points at '{{word}}', which moves: cached and fresh builds differ{{piped}}.",
      unversionedUrl: "'{{url}}' names no version: cached and fresh builds can differ{{piped}}.",
      unpinnedClone: "'git clone' of '{{url}}' follows {{branch}}, which moves: cached and fresh builds differ.",
    },
  },

  create(context) {
    const [{ allow = [] }] = context.options;
    const allowed = globMatcher(allow);
    const { facts, positions } = context.sourceCode;

    function isAllowed(url: string): boolean {
      if (allow.length === 0) return false;
      const bare = withoutQuery(url);
      return allowed(url) || allowed(bare);
    }

    /**
     * The shell a shell-form RUN of a Windows stage hands its text to: the SHELL in force; without one,
     * the base image's, which the file does not say: PowerShell when the text reads like it, else cmd.
     */
    function dialectOf(node: RunNode): WindowsDialect {
      const shellNode = context.sourceCode.facts.shellInstructionAt(node);
      if (shellNode) return windowsDialectOf(shellNode.exec?.[0]?.value ?? "") ?? "cmd";
      const text = context.sourceCode.text.slice(node.range[0], node.range[1]);
      return POWERSHELL_TEXT.test(text) ? "powershell" : "cmd";
    }

    function check(node: RunNode): void {
      const shell = facts.shellOf(node);
      const windows = !shell.posix;
      const commands = windows ? windowsCommands(node, context.sourceCode.text, facts.escapeChar, dialectOf(node)) : shell.commands;
      // In a POSIX shell only curl, wget and git fetch anything this rule reports.
      if (!windows && !commands.some((cmd) => FETCHERS.has(unwrap(cmd).name ?? ""))) return;
      if (commands.length === 0) return;
      const base = markedLookup(facts, node);
      const locals = new Map<string, string>();
      const lookup = (name: string): string | null | undefined => locals.get(name) ?? base(name);
      const resolve = (word: ShellWord): string => (word.dynamic || word.value.includes("%") ? resolveWithMarkers(word.value, lookup, "\\", facts.expansionBudget) : word.value);

      const downloads: Download[] = [];
      const clones: Clone[] = [];
      let verified = false;
      let cwd = "";
      let fetched: string | null = null;

      const remember = (assignment: string): void => {
        const eq = assignment.indexOf("=");
        if (eq <= 0) return;
        const name = assignment.slice(0, assignment[eq - 1] === "+" ? eq - 1 : eq);
        if (!/^[A-Z_a-z]\w*$/u.test(name)) return;
        const value = resolveWithMarkers(assignment.slice(eq + 1), lookup, "\\", facts.expansionBudget);
        // `VERSION=$(curl …/latest | jq …)`: the lookup is reported on its own; judge the variable by its name.
        locals.set(name, value.includes(UNKNOWN_MARK) || value.includes(NEUTRAL_MARK) ? markVariable(name) : value);
      };

      /** Pins the clone a checkout or reset applies to: the one in `dir`, else the latest unpinned one. */
      const pinClone = (dir: string): void => {
        const open = clones.filter((clone) => !clone.pinned);
        const target = (dir === "" ? undefined : open.findLast((clone) => clone.dir === dir)) ?? open.at(-1);
        if (target) target.pinned = true;
      };

      const pinsRef = (word: ShellWord): boolean => {
        // `git checkout $(git describe --tags …)` asks the repository which ref to use: it follows the newest one.
        if (word.value.includes("$(") || word.value.includes("`")) return false;
        const ref = resolve(word);
        if (ref === "FETCH_HEAD") return fetched !== null && classifyRef(fetched) !== "branch";
        return classifyRef(ref) !== "branch";
      };

      for (const [index, cmd] of commands.entries()) {
        if (cmd.words.length === 0) {
          for (const assignment of cmd.assignments) remember(assignment.value);
          continue;
        }
        const { name, args } = unwrap(cmd);
        if (name === null) continue;
        if (isVerification(commands, index) || (windows && isWindowsVerification(name, args))) verified = true;
        if (windows && readWindowsCommand(name, args, index)) continue;
        switch (name) {
          case "export":
          case "declare":
          case "typeset":
          case "readonly":
          case "local":
            for (const arg of args) if (!arg.value.startsWith("-")) remember(arg.value);
            break;
          case "cd":
          case "pushd": {
            const target = args.find((arg) => !arg.value.startsWith("-"));
            cwd = target ? basename(resolve(target)) : "";
            break;
          }
          case "curl":
          case "wget":
            collectDownloads(name, args, index);
            break;
          case "git":
            handleGit(args);
            break;
          default:
            break;
        }
      }

      /** Windows-only commands: web cmdlets, WebClient calls, BITS, certutil; and the `cd` of cmd and PowerShell. True when handled. */
      function readWindowsCommand(name: string, args: readonly ShellWord[], index: number): boolean {
        const cmd = commands[index];
        if (!cmd) return true;
        switch (name) {
          case "curl":
          case "wget":
            if (!args.some((word) => WEB_REQUEST_MARKERS.some((marker) => word.value.toLowerCase().startsWith(marker)))) return false;
            collectWebRequest(args, index);
            return true;
          case "invoke-webrequest":
          case "iwr":
          case "invoke-restmethod":
          case "irm":
            collectWebRequest(args, index);
            return true;
          case "start-bitstransfer": {
            const source = namedValue(args, "-source") ?? positionals(args)[0];
            if (source) addDownload(source, true, null);
            return true;
          }
          case ".downloadfile":
          case ".downloadstring":
          case ".downloaddata":
            if (args[0]) addDownload(args[0], name === ".downloadfile", name === ".downloadfile" ? null : runnerAround(index));
            return true;
          case "certutil":
            if (args.some((word) => word.value.toLowerCase() === "-urlcache")) {
              for (const word of args) if (/^(?:https?|ftp):\/\//iu.test(word.value) || word.dynamic) addDownload(word, true, null);
            }
            return true;
          case "cd":
          case "chdir":
          case "pushd":
          case "set-location":
          case "sl":
          case "push-location": {
            // `cd /d C:\src\tool` in cmd, `Set-Location -Path C:\src\tool` in PowerShell.
            const target = namedValue(args, "-path") ?? positionals(args).find((word) => !/^\/[a-z]$/iu.test(word.value));
            cwd = target ? basename(resolve(target).replaceAll("\\", "/")) : "";
            return true;
          }
          default:
            return false;
        }
      }

      /** The value of a PowerShell parameter given by any unambiguous prefix of at least 4 characters (`-Uri`, `-Sou`). */
      function namedValue(args: readonly ShellWord[], parameter: string): ShellWord | undefined {
        for (let k = 0; k < args.length; k++) {
          const value = (args[k]?.value ?? "").toLowerCase();
          const colon = value.indexOf(":");
          const name = colon > 0 ? value.slice(0, colon) : value;
          if (name.length < Math.min(4, parameter.length) || !parameter.startsWith(name)) continue;
          if (colon > 0) {
            const word = args[k] as ShellWord;
            return { ...word, value: word.value.slice(colon + 1) };
          }
          return args[k + 1];
        }
        return undefined;
      }

      /** The words of a PowerShell call that are not parameters or their values (switches take none). */
      function positionals(args: readonly ShellWord[]): ShellWord[] {
        const out: ShellWord[] = [];
        for (let k = 0; k < args.length; k++) {
          const word = args[k] as ShellWord;
          const value = word.value.toLowerCase();
          if (!word.quoted && /^-[a-z]/u.test(value)) {
            if (!WEB_REQUEST_SWITCHES.has(value) && !value.includes(":")) k++;
            continue;
          }
          out.push(word);
        }
        return out;
      }

      /** The command that runs what a `.DownloadString(…)` returns: `iex ((New-Object Net.WebClient).DownloadString(…))`. */
      function runnerAround(index: number): string | null {
        const cmd = commands[index];
        if (!cmd) return null;
        for (let j = index - 1; j >= 0; j--) {
          const outer = commands[j];
          if (!outer || outer.depth >= cmd.depth || outer.start > cmd.start || outer.end < cmd.end) continue;
          const outerName = unwrap(outer).name;
          if (outerName !== null && POWERSHELL_RUNNERS.has(outerName)) return "iex";
        }
        const reader = pipeReader(commands, index);
        const readerName = reader ? unwrap(reader).name : null;
        return readerName !== null && POWERSHELL_RUNNERS.has(readerName) ? "iex" : null;
      }

      /** `Invoke-WebRequest -Uri … -OutFile …` and its aliases: saved with -OutFile, else streamed, used, or only printed. */
      function collectWebRequest(args: readonly ShellWord[], index: number): void {
        const cmd = commands[index];
        if (!cmd) return;
        const method = namedValue(args, "-method")?.value.toUpperCase();
        if ((method && method !== "GET") || namedValue(args, "-custommethod") || namedValue(args, "-body") || namedValue(args, "-infile") || namedValue(args, "-form")) return;
        const url = namedValue(args, "-uri") ?? namedValue(args, "-url") ?? positionals(args)[0];
        if (!url) return;
        const outFile = namedValue(args, "-outfile")?.value;
        if (outFile !== undefined) {
          if (outFile.toLowerCase() === "$null" || outFile.toUpperCase() === "NUL" || KEYRING_PATH.test(outFile)) return;
          addDownload(url, true, null);
          return;
        }
        const reader = pipeReader(commands, index);
        if (reader) {
          const readerName = unwrap(reader).name;
          if (readerName === "out-null") return;
          addDownload(url, readerName === "out-file" || readerName === "set-content" || readerName === "tee-object", readerName !== null && POWERSHELL_RUNNERS.has(readerName) ? "iex" : null);
          return;
        }
        const redirect = stdoutRedirect(cmd);
        if (redirect) {
          if (redirect.target.toLowerCase() === "$null" || redirect.target.toUpperCase() === "NUL") return;
          addDownload(url, true, null);
          return;
        }
        // Printed to the build log only, unless the value is used (`$x = iwr …`, `(iwr …).Content`).
        if (cmd.context === "substitution") addDownload(url, false, runnerAround(index));
      }

      /** A download of `word` when it resolves to a remote URL that matters. */
      function addDownload(word: ShellWord, saved: boolean, runs: string | null): void {
        const url = resolve(word);
        const parsedUrl = parseUrl(url);
        if (!parsedUrl || !["http", "https", "ftp"].includes(parsedUrl.scheme)) return;
        if (LOCAL_HOSTS.test(parsedUrl.host)) return;
        if (isSupportFile(parsedUrl.path)) return;
        if (isAllowed(url)) return;
        downloads.push({ word, url, saved, runs });
      }

      function collectDownloads(tool: "curl" | "wget", args: readonly ShellWord[], index: number): void {
        const cmd = commands[index];
        if (!cmd) return;
        const parsed = parseArgs(args, { withValue: tool === "curl" ? CURL_VALUED : WGET_VALUED });
        const urls = [...parsed.positionals];
        const urlOption = tool === "curl" ? option(parsed, "--url") : null;
        if (urlOption) urls.push(urlOption);

        let output: "file" | "stdout" | "null";
        if (tool === "curl") {
          // Requests that send data or only read headers are not downloads.
          const method = option(parsed, "-X", "--request")?.value.toUpperCase();
          if ((method && method !== "GET") || hasOption(parsed, "-d", "--data", "--data-raw", "--data-binary", "--data-urlencode", "--data-ascii", "-F", "--form", "--form-string", "-T", "--upload-file", "--json", "-I", "--head")) return;
          const out = option(parsed, "-o", "--output");
          if (out) output = out.value === "/dev/null" ? "null" : out.value === "-" ? "stdout" : "file";
          else output = hasOption(parsed, "-O", "--remote-name", "--remote-name-all") ? "file" : "stdout";
        } else {
          if (hasOption(parsed, "--spider", "--post-data", "--post-file", "--body-data", "--body-file") || (option(parsed, "--method")?.value.toUpperCase() ?? "GET") !== "GET") return;
          const out = option(parsed, "-O", "--output-document");
          const target = out?.value;
          output = target === "-" || target === "/dev/stdout" ? "stdout" : target === "/dev/null" ? "null" : "file";
          if (out && target && KEYRING_PATH.test(target)) return;
        }
        if (output === "file") {
          const out = option(parsed, "-o", "--output", "-O", "--output-document")?.value;
          if (out && KEYRING_PATH.test(out)) return;
        }

        let saved = output === "file";
        let runs: string | null = null;
        if (output === "stdout") {
          const reader = pipeReader(commands, index);
          const redirect = stdoutRedirect(cmd);
          if (reader) {
            if (isKeyImport(reader)) return;
            const readerName = unwrap(reader).name;
            saved = readerName === "tee";
            runs = readerName !== null && SHELLS_AND_INTERPRETERS.has(readerName) ? readerName : null;
          } else if (redirect) {
            if (redirect.kind === "null" || KEYRING_PATH.test(redirect.target)) return;
            saved = true;
          } else if (cmd.context !== "substitution") {
            // Printed to the build log only: nothing of it reaches the image.
            return;
          }
        } else if (output === "null") {
          return;
        }

        for (const word of urls) addDownload(word, saved, runs);
      }

      function handleGit(args: readonly ShellWord[]): void {
        // Global options before the subcommand: `git -C dir`, `git -c key=value`, `--git-dir=…`.
        let i = 0;
        let dir = "";
        while (i < args.length) {
          const value = args[i]?.value ?? "";
          if (value === "-C" || value === "-c") {
            if (value === "-C" && args[i + 1]) dir = basename(resolve(args[i + 1] as ShellWord));
            i += 2;
          } else if (value.startsWith("-")) {
            i += value === "--git-dir" || value === "--work-tree" || value === "--namespace" ? 2 : 1;
          } else {
            break;
          }
        }
        const sub = args[i]?.value;
        const rest = args.slice(i + 1);
        switch (sub) {
          case "clone": {
            const parsed = parseArgs(rest, { withValue: GIT_CLONE_VALUED });
            const repo = parsed.positionals[0];
            if (!repo) return;
            const url = resolve(repo);
            if (isAllowed(url)) return;
            const target = parsed.positionals[1];
            const revision = option(parsed, "--revision");
            const branchWord = option(parsed, "-b", "--branch");
            const ref = revision ? resolve(revision) : branchWord ? resolve(branchWord) : "";
            const kind = ref === "" ? "branch" : classifyRef(ref);
            clones.push({
              word: repo,
              url,
              dir: target ? basename(resolve(target)) : repoDir(url),
              branch: ref,
              pinned: kind !== "branch",
            });
            return;
          }
          case "checkout": {
            const parsed = parseArgs(rest, { withValue: GIT_CHECKOUT_VALUED });
            const dashDash = rest.findIndex((word) => word.value === "--");
            const ref = parsed.positionals.find((word) => dashDash < 0 || rest.indexOf(word) < dashDash);
            if (ref && pinsRef(ref)) pinClone(dir || cwd);
            return;
          }
          case "switch": {
            const parsed = parseArgs(rest, { withValue: GIT_SWITCH_VALUED });
            const ref = parsed.positionals[0];
            if (ref && hasOption(parsed, "-d", "--detach") && pinsRef(ref)) pinClone(dir || cwd);
            return;
          }
          case "reset": {
            const parsed = parseArgs(rest);
            const ref = parsed.positionals[0];
            if (ref && hasOption(parsed, "--hard") && pinsRef(ref)) pinClone(dir || cwd);
            return;
          }
          case "fetch": {
            const parsed = parseArgs(rest, { withValue: GIT_FETCH_VALUED });
            const ref = parsed.positionals.at(-1);
            if (ref && parsed.positionals.length >= 2) fetched = resolve(ref);
            return;
          }
          default:
            return;
        }
      }

      for (const download of downloads) {
        if (download.saved && verified) continue;
        const pin = classifyUrl(download.url);
        if (pin.kind === "pinned" || pin.kind === "unknown") continue;
        // What a pipe into a shell runs cannot be checked first: worth saying in the message.
        const piped = !download.saved && download.runs ? `, and '${shorten(download.runs, 7)}' runs it unchecked` : "";
        context.report({
          loc: positions.locOf([download.word.start, download.word.end]),
          messageId: pin.kind === "moving" ? "movingUrl" : "unversionedUrl",
          data: { url: shorten(displayText(download.url), piped ? 32 : 44), word: pin.kind === "moving" ? shorten(pin.word, 12) : "", piped },
        });
      }

      for (const clone of clones) {
        if (clone.pinned) continue;
        context.report({
          loc: positions.locOf([clone.word.start, clone.word.end]),
          messageId: "unpinnedClone",
          data: {
            url: shorten(displayText(clone.url), 36),
            branch: clone.branch === "" ? "the default branch" : `the branch '${shorten(displayText(clone.branch), 16)}'`,
          },
        });
      }
    }

    return { Run: check };
  },
};

export default rule;
