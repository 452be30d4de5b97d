/**
 * The shellcheck rule against the real `shellcheck` binary (Debian's 0.9.0
 * here; `.ci/run` installs it). Stand-in binaries are used only for what a
 * real ShellCheck cannot show: one too old for json1, and one that fails.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../index.js";
import rule, { sentence } from "../../rules/shellcheck.js";
import { findShellCheck } from "../../lib/shellcheck/index.js";
import { shorten } from "../../lib/text/index.js";
import { lines, ruleTester } from "../rule-tester.js";

const QUOTE = "Double quote to prevent globbing and word splitting";

/** The message of a ShellCheck finding, as the rule words it. */
function sc(code: string, text: string): string {
  return `${code}: ${text} (https://www.shellcheck.net/wiki/${code}).`;
}

const unassigned = (name: string): string => sc("SC2154", `${name} is referenced but not assigned`);

describe("the presets", () => {
  it("leave the rule out of recommended, which must work without the binary, and turn it on in strict and all", () => {
    expect(plugin.configs.recommended[0]?.rules).not.toHaveProperty("dockerfile/shellcheck");
    expect(plugin.configs.strict[0]?.rules?.["dockerfile/shellcheck"]).toBe("error");
    expect(plugin.configs.all[0]?.rules?.["dockerfile/shellcheck"]).toBe("error");
  });
});

describe("ShellCheck's text in a message", () => {
  it("is one sentence: a later sentence follows a semicolon, lowercased unless it starts with a name", () => {
    expect(sentence("SC2129", "Double quote to prevent globbing and word splitting.")).toBe("Double quote to prevent globbing and word splitting");
    expect(sentence("SC2028", "echo may not expand escape sequences. Use printf.")).toBe("echo may not expand escape sequences; use printf");
    expect(sentence("SC2005", "Useless echo? Instead of 'echo $(cmd)', just use 'cmd'.")).toBe("Useless echo? instead of 'echo $(cmd)', just use 'cmd'");
    expect(sentence("SC1008", "This shebang was unrecognized. ShellCheck only supports sh/bash/dash/ksh.")).toBe("This shebang was unrecognized; ShellCheck only supports sh/bash/dash/ksh");
    expect(sentence("SC1000", "Is this a name? PATH is set.")).toBe("Is this a name? — PATH is set");
  });

  it("is cut at a word end so that the whole message keeps to 140 characters", () => {
    const long = `${"word ".repeat(40)}end.`;
    const text = sentence("SC2000", long);
    expect(text.endsWith("word…")).toBe(true);
    const message = `SC2000: ${text} (https://www.shellcheck.net/wiki/SC2000).`;
    expect(message.length).toBeLessThanOrEqual(140);
    expect(message.length).toBeGreaterThan(130);
  });
});

describe("the shellcheck binary", () => {
  it("is installed for these tests (apt-get install shellcheck)", () => {
    const lookup = findShellCheck("shellcheck");
    expect(lookup).toMatchObject({ ok: true });
  });
});

const stubs = mkdtempSync(path.join(tmpdir(), "shellcheck-stubs-"));
afterAll(() => {
  rmSync(stubs, { recursive: true, force: true });
});
function stub(name: string, script: string): string {
  const file = path.join(stubs, name);
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return file;
}
const oldShellCheck = stub("shellcheck-0.6", 'echo "ShellCheck - shell script analysis tool"; echo "version: 0.6.0"');
const brokenShellCheck = stub("shellcheck-broken", 'if [ "$1" = --version ]; then echo "version: 0.9.0"; exit 0; fi; echo "boom: out of memory" >&2; exit 3');

ruleTester.run("shellcheck", rule, {
  valid: [
    { name: "quoted expansions", code: lines("FROM debian:12", 'RUN echo "$1" && cp "$SRC" /x') },
    { name: "an ARG declared in the stage is assigned for SC2154", code: lines("FROM debian:12", "ARG version=1.2", 'RUN echo "$version"') },
    { name: "an ARG without default is assigned too", code: lines("FROM debian:12", "ARG token", 'RUN test -n "$token"') },
    { name: "ENV of the parent stage", code: lines("FROM debian:12 AS base", "ENV app_home=/app", "FROM base", 'RUN cd "$app_home" && ls') },
    { name: "the predefined proxy ARGs", code: lines("FROM debian:12", 'RUN curl -x "$http_proxy" --noproxy "$no_proxy" -fsSLO https://example.com/x') },
    { name: "a declared UID is not POSIX sh's undefined $UID (SC3028)", code: lines("FROM debian:12", "ARG UID=1000", 'RUN useradd -u "${UID}" app') },
    { name: "a declared name is no misspelling of another (SC2153)", code: lines("FROM debian:12", "ENV PIHOLE_DOCKER_TAG=x", "ARG PIHOLE_DOCKER_TAG_X", 'RUN echo "${PIHOLE_DOCKER_TAG_X}"') },
    { name: "an exec that ends the script (the declared names come before it)", code: lines("FROM nginx:1.27", "ENV conf=/etc/nginx/nginx.conf", "CMD exec nginx -c \"$conf\" -g 'daemon off;'") },
    { name: "a declared name set in a subshell and not read after it (tomcat's shape)", code: lines("FROM debian:12", "ENV CATALINA_HOME=/usr/local/tomcat", 'RUN (cd /tmp && export CATALINA_HOME="$PWD" && ./configure)') },
    { name: "bash -c -l: the words after -c are options, the script comes from CMD", code: lines("FROM debian:12", 'ENTRYPOINT ["/bin/bash", "-c", "-l"]') },
    { name: "ENV at run time in CMD", code: lines("FROM debian:12", "ENV greeting=hi", 'CMD echo "$greeting"') },
    { name: "a PowerShell stage is not checked", code: lines("FROM mcr.microsoft.com/powershell:7.4-ubuntu-22.04", 'SHELL ["pwsh", "-Command"]', "RUN $x = 1; echo $x") },
    { name: "a cmd stage is not checked", code: lines("FROM mcr.microsoft.com/windows/servercore:ltsc2022", 'SHELL ["cmd", "/S", "/C"]', "RUN echo %PATH% $x") },
    { name: "a Windows base image without SHELL is not checked", code: lines("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022", "RUN echo $x") },
    { name: "zsh, which ShellCheck cannot read, is not checked", code: lines("FROM debian:12", 'SHELL ["/bin/zsh", "-c"]', "RUN echo $x") },
    { name: "exec form of another program", code: lines("FROM debian:12", 'RUN ["echo", "$1"]') },
    { name: "a heredoc with a python shebang", code: lines("FROM python:3.12", "RUN <<EOF", "#!/usr/bin/env python3", "print($x)", "EOF") },
    { name: "bash heredoc: [[ ]] is bash", code: lines("FROM debian:12", "RUN <<EOF bash", 'if [[ -n "$HOME" ]]; then echo hi; fi', "EOF") },
    { name: "bash <<'EOF'", code: lines("FROM debian:12", "RUN bash -eux <<'EOF'", 'if [[ -n "$HOME" ]]; then echo hi; fi', "EOF") },
    { name: "a heredoc's bash shebang", code: lines("FROM debian:12", "RUN <<EOF", "#!/bin/bash", 'if [[ -n "$HOME" ]]; then echo hi; fi', "EOF") },
    { name: "SHELL bash with options", code: lines("FROM debian:12", 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN if [[ -n "$HOME" ]]; then echo hi; fi') },
    { name: "SHELL inherited from the parent stage", code: lines("FROM debian:12 AS base", 'SHELL ["/bin/bash", "-c"]', "FROM base", 'RUN [[ -n "$HOME" ]] && echo hi') },
    { name: "exec-form bash -c", code: lines("FROM debian:12", 'RUN ["/bin/bash", "-c", "[[ -n \\"$HOME\\" ]] && echo ok"]') },
    { name: "# shellcheck disable= right above the RUN", code: lines("FROM debian:12", "# shellcheck disable=SC2086", "RUN echo $1") },
    { name: "# shellcheck disable= in a block of comments above the RUN", code: lines("FROM debian:12", "# shellcheck disable=SC2086,SC2154", "# the list is split on purpose", "RUN echo $files") },
    { name: "# shellcheck disable= on a comment line inside the continuation, which BuildKit drops", code: lines("FROM debian:12", "RUN apt-get update && \\", "# shellcheck disable=SC2086", "    echo $1") },
    { name: "# shellcheck disable= inside the continuation, with the escape directive", code: lines("# escape=`", "FROM debian:12", "RUN apt-get update && `", "# shellcheck disable=all", "    echo $1 `$2`") },
    { name: "# shellcheck disable= inside a heredoc", code: lines("FROM debian:12", "RUN <<EOF", "# shellcheck disable=SC2086", "echo $1", "cat $2", "EOF") },
    { name: "option exclude", code: lines("FROM debian:12", "RUN echo $1"), options: [{ exclude: ["SC2086"] }] },
    { name: "option exclude without the SC prefix", code: lines("FROM debian:12", "RUN echo $1"), options: [{ exclude: ["2086"] }] },
    { name: "option severity: SC2086 is info", code: lines("FROM debian:12", "RUN echo $1"), options: [{ severity: "warning" }] },
    { name: "option include", code: lines("FROM debian:12", "RUN echo $1"), options: [{ include: ["SC2154"] }] },
    { name: "SC1091 (sourcing a file of the image) is excluded by default", code: lines("FROM debian:12", "RUN . /etc/os-release && echo \"$ID\"") },
    {
      name: "no script, no binary needed",
      code: lines("FROM debian:12", "COPY . /app", 'CMD ["/app/run"]'),
      options: [{ path: "/nonexistent/shellcheck" }],
    },
    {
      name: "docker-library shape: dpkgArch and set -eux",
      code: lines(
        "FROM debian:bookworm-slim",
        "ENV GOSU_VERSION=1.17",
        "RUN set -eux; \\",
        "    savedAptMark=\"$(apt-mark showmanual)\"; \\",
        "    dpkgArch=\"$(dpkg --print-architecture | awk -F- '{ print $NF }')\"; \\",
        "    wget -O /usr/local/bin/gosu \"https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch\"; \\",
        "    apt-mark auto '.*' > /dev/null; \\",
        "    [ -z \"$savedAptMark\" ] || apt-mark manual $savedAptMark",
      ),
      options: [{ exclude: ["SC2086"] }],
    },
  ],
  invalid: [
    {
      name: "the unquoted expansions of a multi-line RUN, each at its line and column",
      code: lines("FROM debian:12", "RUN echo $1 && \\", "    cp $SRC /x"),
      errors: [
        { message: sc("SC2086", QUOTE), line: 2, column: 10, endLine: 2, endColumn: 12, suggestions: [{ messageId: "applyFix", data: { code: "SC2086" }, output: lines("FROM debian:12", 'RUN echo "$1" && \\', "    cp $SRC /x") }] },
        { message: sc("SC2086", QUOTE), line: 3, column: 8, endLine: 3, endColumn: 12, suggestions: [{ messageId: "applyFix", data: { code: "SC2086" }, output: lines("FROM debian:12", "RUN echo $1 && \\", '    cp "$SRC" /x') }] },
      ],
    },
    {
      name: "an undeclared lower-case variable, next to a declared one",
      code: lines("FROM debian:12", "ARG lower=1", 'RUN echo "$lower" "$other"'),
      errors: [{ message: unassigned("other"), line: 3, column: 20, endColumn: 26, suggestions: [] }],
    },
    {
      name: "an ARG of another stage is not declared here",
      code: lines("FROM debian:12 AS build", "ARG lower=1", "FROM build", 'RUN echo "$lower"'),
      errors: [{ message: unassigned("lower"), line: 4, column: 11, suggestions: [] }],
    },
    {
      name: "a declared ARG's value is unknown, so its unquoted expansion is still reported",
      code: lines("FROM debian:12", "ARG packages", "RUN apt-get install -y $packages"),
      errors: [{ message: sc("SC2086", QUOTE), line: 3, column: 24, endColumn: 33, suggestions: [{ messageId: "applyFix", output: lines("FROM debian:12", "ARG packages", 'RUN apt-get install -y "$packages"') }] }],
    },
    {
      name: "an ARG declared after the RUN",
      code: lines("FROM debian:12", 'RUN echo "$lower"', "ARG lower=1"),
      errors: [{ message: unassigned("lower"), line: 2, suggestions: [] }],
    },
    {
      name: "a build ARG is gone at run time (CMD)",
      code: lines("FROM debian:12", "ARG greeting=hi", 'CMD echo "$greeting"'),
      errors: [{ message: unassigned("greeting"), line: 3, column: 11, endColumn: 20, suggestions: [] }],
    },
    {
      name: "the RUN --flags prefix",
      code: lines("FROM debian:12", "RUN --mount=type=cache,target=/var/cache/apt --network=none echo $1"),
      errors: [{ message: sc("SC2086", QUOTE), line: 2, column: 66, endColumn: 68, suggestions: [{ messageId: "applyFix", output: lines("FROM debian:12", 'RUN --mount=type=cache,target=/var/cache/apt --network=none echo "$1"') }] }],
    },
    {
      name: "a comment line inside the continuation (BuildKit drops it, and so does the script)",
      code: lines("FROM debian:12", "RUN apt-get update \\", "# the next line installs", "    && echo $1"),
      errors: [{ message: sc("SC2086", QUOTE), line: 4, column: 13, endColumn: 15, suggestions: [{ messageId: "applyFix", output: lines("FROM debian:12", "RUN apt-get update \\", "# the next line installs", '    && echo "$1"') }] }],
    },
    {
      name: "the escape directive",
      code: lines("# escape=`", "FROM debian:12", "RUN echo $1 && `", "    cp $SRC /x"),
      errors: [
        { message: sc("SC2086", QUOTE), line: 3, column: 10, endColumn: 12, suggestions: [{ messageId: "applyFix", output: lines("# escape=`", "FROM debian:12", 'RUN echo "$1" && `', "    cp $SRC /x") }] },
        { message: sc("SC2086", QUOTE), line: 4, column: 8, endColumn: 12, suggestions: [{ messageId: "applyFix", output: lines("# escape=`", "FROM debian:12", "RUN echo $1 && `", '    cp "$SRC" /x') }] },
      ],
    },
    {
      name: "a fix that would land on a line continuation is not offered",
      code: lines("FROM debian:12", "RUN echo $1\\", "/x"),
      errors: [{ message: sc("SC2086", QUOTE), line: 2, column: 10, endColumn: 12, suggestions: [] }],
    },
    {
      name: "a heredoc body is the script, on its own lines",
      code: lines("FROM debian:12", "RUN <<EOF", "set -e", "echo $1", "EOF"),
      errors: [{ message: sc("SC2086", QUOTE), line: 4, column: 6, endColumn: 8, suggestions: [{ messageId: "applyFix", output: lines("FROM debian:12", "RUN <<EOF", "set -e", 'echo "$1"', "EOF") }] }],
    },
    {
      name: "<<-EOF with tabs: json1 counts a tab as one column",
      code: lines("FROM debian:12", "RUN <<-EOF", "\t\techo $1", "\tEOF"),
      errors: [{ message: sc("SC2086", QUOTE), line: 3, column: 8, endColumn: 10, suggestions: [{ messageId: "applyFix", output: lines("FROM debian:12", "RUN <<-EOF", '\t\techo "$1"', "\tEOF") }] }],
    },
    {
      name: "several heredocs on one line: expansions in their bodies",
      code: lines("FROM debian:12", "RUN <<A cat > /a && <<B cat > /b", "first $x", "A", "second $y", "B"),
      errors: [
        { message: unassigned("x"), line: 3, column: 7, endColumn: 9, suggestions: [] },
        { message: unassigned("y"), line: 5, column: 8, endColumn: 10, suggestions: [] },
      ],
    },
    {
      name: "RUN <<EOF with sh: [[ ]] is not POSIX",
      code: lines("FROM debian:12", "RUN <<EOF", 'if [[ -n "$HOME" ]]; then echo hi; fi', "EOF"),
      errors: [{ message: sc("SC3010", "In POSIX sh, [[ ]] is undefined"), line: 3, column: 4, endColumn: 20, suggestions: [] }],
    },
    {
      name: "RUN <<EOF bash: the body is bash's script",
      code: lines("FROM debian:12", "RUN <<EOF bash", 'if [[ -n "$HOME" ]]; then echo $1; fi', "EOF"),
      errors: [{ message: sc("SC2086", QUOTE), line: 3, column: 32, endColumn: 34, suggestions: [{ messageId: "applyFix", output: lines("FROM debian:12", "RUN <<EOF bash", 'if [[ -n "$HOME" ]]; then echo "$1"; fi', "EOF") }] }],
    },
    {
      name: "ONBUILD RUN",
      code: lines("FROM debian:12", "ONBUILD RUN echo $1"),
      errors: [{ message: sc("SC2086", QUOTE), line: 2, column: 18, endColumn: 20, suggestions: [{ messageId: "applyFix", output: lines("FROM debian:12", 'ONBUILD RUN echo "$1"') }] }],
    },
    {
      name: "HEALTHCHECK CMD in shell form",
      code: lines("FROM debian:12", "HEALTHCHECK --interval=5s CMD curl -f http://localhost/ $extra || exit 1"),
      errors: [
        { message: sc("SC2086", QUOTE), line: 2, column: 57, endColumn: 63, suggestions: [{ messageId: "applyFix", output: lines("FROM debian:12", 'HEALTHCHECK --interval=5s CMD curl -f http://localhost/ "$extra" || exit 1') }] },
        { message: unassigned("extra"), line: 2, column: 57, endColumn: 63, suggestions: [] },
      ],
    },
    {
      name: "exec-form sh -c: the fix is escaped for JSON",
      code: lines("FROM debian:12", 'RUN ["sh", "-c", "echo $1"]'),
      errors: [{ message: sc("SC2086", QUOTE), line: 2, column: 24, endColumn: 26, suggestions: [{ messageId: "applyFix", output: lines("FROM debian:12", 'RUN ["sh", "-c", "echo \\"$1\\""]') }] }],
    },
    {
      name: "CRLF line ends",
      code: "FROM debian:12\r\nRUN echo a \\\r\n    && echo $1\r\n",
      errors: [{ message: sc("SC2086", QUOTE), line: 3, column: 13, endColumn: 15, suggestions: [{ messageId: "applyFix", output: 'FROM debian:12\r\nRUN echo a \\\r\n    && echo "$1"\r\n' }] }],
    },
    {
      name: "characters outside the BMP: json1 counts characters, the file UTF-16 units",
      code: lines("FROM debian:12", 'RUN echo "é😀" $1'),
      errors: [{ message: sc("SC2086", QUOTE), line: 2, column: 16, endColumn: 18, suggestions: [{ messageId: "applyFix", output: lines("FROM debian:12", 'RUN echo "é😀" "$1"') }] }],
    },
    {
      name: "a disable above one RUN does not reach the next",
      code: lines("FROM debian:12", "# shellcheck disable=SC2086", "RUN echo $1", "RUN echo $2"),
      errors: [{ message: sc("SC2086", QUOTE), line: 4, suggestions: [{ messageId: "applyFix", output: lines("FROM debian:12", "# shellcheck disable=SC2086", "RUN echo $1", 'RUN echo "$2"') }] }],
    },
    {
      name: "option enable: an optional check",
      code: lines("FROM debian:12", 'RUN echo "$HOME"'),
      options: [{ enable: ["require-variable-braces"] }],
      errors: [{ message: sc("SC2250", "Prefer putting braces around variable references even when not strictly required"), line: 2, column: 11, endColumn: 16, suggestions: [{ messageId: "applyFix", output: lines("FROM debian:12", 'RUN echo "${HOME}"') }] }],
    },
    {
      name: "a script ShellCheck cannot parse",
      code: lines("FROM debian:12", 'RUN echo "unterminated'),
      errors: [
        { message: sc("SC1009", "The mentioned syntax error was in this simple command"), line: 2, column: 5, endColumn: 5, suggestions: [] },
        { message: sc("SC1073", "Couldn't parse this double quoted string; fix to allow more checks"), line: 2, column: 10, suggestions: [] },
        // Past the script's end, where the quote should close: at the end of the RUN.
        { message: sc("SC1072", "Expected end of double quoted string; fix any mentioned problems and try again"), line: 2, column: 23, suggestions: [] },
      ],
    },
    {
      name: "a # shellcheck disable= line inside the continuation covers what follows it, not what comes before",
      code: lines("FROM debian:12", "RUN echo $2 && \\", "# shellcheck disable=SC2086", "    echo $1 && cat $3", "RUN echo $4"),
      errors: [
        { message: sc("SC2086", QUOTE), line: 2, column: 10, endColumn: 12, suggestions: [{ messageId: "applyFix", output: lines("FROM debian:12", 'RUN echo "$2" && \\', "# shellcheck disable=SC2086", "    echo $1 && cat $3", "RUN echo $4") }] },
        { message: sc("SC2086", QUOTE), line: 5, column: 10, endColumn: 12, suggestions: [{ messageId: "applyFix", output: lines("FROM debian:12", "RUN echo $2 && \\", "# shellcheck disable=SC2086", "    echo $1 && cat $3", 'RUN echo "$4"') }] },
      ],
    },
    {
      name: "ShellCheck's two sentences become one, cut at a word end to keep to a line",
      code: lines("FROM debian:12", "RUN ls /src | grep -v test"),
      errors: [{ message: sc("SC2010", "Don't use ls | grep; use a glob or a for loop with a condition to allow non-alphanumeric…"), line: 2, column: 5, endColumn: 7, suggestions: [] }],
    },
    {
      name: "option exclude replaces the default list: SC1091 comes back",
      code: lines("FROM debian:12", 'RUN . /etc/os-release && echo "$ID"'),
      options: [{ exclude: ["SC2086"] }],
      errors: [{ message: sc("SC1091", "Not following: /etc/os-release was not specified as input (see shellcheck -x)"), line: 2, column: 7, endColumn: 22, suggestions: [] }],
    },
    {
      name: "ShellCheck missing: one finding for the file, on its first script",
      code: lines("FROM debian:12", "COPY . /app", "RUN echo $1", "RUN echo $2"),
      options: [{ path: "/nonexistent/shellcheck" }],
      errors: [{ message: "ShellCheck ('/nonexistent/shellcheck') is not installed, so no script was checked: apt-get install shellcheck, or turn this rule off.", line: 3, column: 1, endColumn: 4 }],
    },
    {
      name: "ShellCheck missing from PATH",
      code: lines("FROM debian:12", "CMD echo $1"),
      options: [{ path: "shellcheck-not-installed" }],
      errors: [{ message: "ShellCheck ('shellcheck-not-installed') is not installed, so no script was checked: apt-get install shellcheck, or turn this rule off.", line: 2 }],
    },
    {
      name: "ShellCheck too old for json1",
      code: lines("FROM debian:12", "RUN echo $1"),
      options: [{ path: oldShellCheck }],
      errors: [{ messageId: "tooOld", data: { command: shorten(oldShellCheck, 24), version: "0.6.0" }, line: 2 }],
    },
    {
      name: "ShellCheck fails",
      code: lines("FROM debian:12", "RUN echo $1"),
      options: [{ path: brokenShellCheck }],
      errors: [{ messageId: "failed", data: { command: shorten(brokenShellCheck, 24), detail: "boom: out of memory" }, line: 2 }],
    },
  ],
});
