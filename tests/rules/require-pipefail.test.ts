import rule from "../../rules/require-pipefail.js";
import { lines, ruleTester } from "../rule-tester.js";

const PIPE = "RUN wget -O - https://some.site | wc -l > /number";

ruleTester.run("require-pipefail", rule, {
  valid: [
    { name: "commands with no pipes", code: lines("FROM scratch as build", "RUN wget -O - https://some.site && wc -l file > /number") },
    { name: "SHELL bash -eo pipefail", code: lines("FROM scratch as build", 'SHELL ["/bin/bash", "-eo", "pipefail", "-c"]', PIPE) },
    { name: "SHELL bash -e -o pipefail", code: lines("FROM scratch as build", 'SHELL ["/bin/bash", "-e", "-o", "pipefail", "-c"]', PIPE) },
    { name: "SHELL bash -o errexit -o pipefail", code: lines("FROM scratch as build", 'SHELL ["/bin/bash", "-o", "errexit", "-o", "pipefail", "-c"]', PIPE) },
    { name: "SHELL zsh -o pipefail", code: lines("FROM scratch as build", 'SHELL ["/bin/zsh", "-o", "pipefail", "-c"]', PIPE) },
    { name: "bash under a non-standard path", code: lines("FROM scratch as build", 'SHELL ["/usr/bin/bash", "-o", "pipefail", "-c"]', PIPE) },
    { name: "zsh under a non-standard path", code: lines("FROM scratch as build", 'SHELL ["/usr/local/bin/zsh", "-o", "pipefail", "-c"]', PIPE) },
    { name: "SHELL inherited from the parent stage", code: lines("FROM debian:12 AS base", 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', "FROM base", PIPE) },
    { name: "set -o pipefail earlier in the RUN", code: lines("FROM debian:12", "RUN set -o pipefail && wget -O - https://some.site | wc -l > /number") },
    { name: "set -euo pipefail earlier in the RUN", code: lines("FROM debian:12", "RUN set -euxo pipefail; curl -fsSL https://x | tar -xz") },
    { name: "bash -o pipefail -c script", code: lines("FROM debian:12", "RUN bash -o pipefail -c 'curl -fsSL https://x | tar -xz'") },
    { name: "heredoc that sets pipefail", code: lines("FROM debian:12", "RUN <<EOF", "set -eo pipefail", "curl -fsSL https://x | tar -xz", "EOF") },
    { name: "yes piped into a command", code: lines("FROM debian:12", "RUN yes | sdkmanager --licenses") },
    { name: "echo piped into a command", code: lines("FROM debian:12", "RUN echo 'deb http://x stable main' | tee /etc/apt/sources.list.d/x.list") },
    { name: "pwsh", code: lines("FROM mcr.microsoft.com/powershell:ubuntu-16.04", 'SHELL [ "pwsh", "-c" ]', "RUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value") },
    { name: "powershell.exe", code: lines("FROM mcr.microsoft.com/powershell:ubuntu-16.04", 'SHELL [ "powershell.exe" ]', "RUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value") },
    { name: "cmd.exe", code: lines("FROM mcr.microsoft.com/powershell:ubuntu-16.04", 'SHELL [ "cmd.exe", "/c" ]', "RUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value") },
    { name: "a pipe inside a quoted argument is not a pipe", code: lines("FROM debian:12", "RUN yq eval '.a | explode(.)' /base.yml > /out") },
    { name: "pipe in a command substitution (real world: docker-library dpkgArch)", code: lines("FROM debian:bookworm-slim", "RUN dpkgArch=\"$(dpkg --print-architecture | awk -F- '{ print $NF }')\"; echo $dpkgArch") },
    { name: "ONBUILD with pipefail set", code: lines("FROM debian:12", "ONBUILD RUN set -o pipefail && curl -fsSL https://x | sh") },
  ],
  invalid: [
    {
      name: "a harmless echo first: the report names the first producer that can fail (AdGuardHome's key import)",
      code: lines("FROM scratch", `RUN echo "$GPG_SECRET_KEY" | awk '{ print; }' | gpg --import --batch`),
      errors: [{ messageId: "missingPipefail", data: { producer: "awk", shellHint: "the default /bin/sh may be dash, which has no pipefail" }, line: 2, column: 30, endColumn: 46, suggestions: [] }],
    },
    {
      name: "missing pipefail, unknown base: no suggestion",
      code: lines("FROM scratch", PIPE),
      errors: [{ messageId: "missingPipefail", data: { producer: "wget", shellHint: "the default /bin/sh may be dash, which has no pipefail" }, line: 2, column: 5, endColumn: 32, suggestions: [] }],
    },
    {
      name: "plain sh with -o pipefail still warns",
      code: lines("FROM scratch as build", 'SHELL ["/bin/sh", "-o", "pipefail", "-c"]', PIPE),
      errors: [{ messageId: "missingPipefail", line: 3, suggestions: [] }],
    },
    {
      name: "missing pipefail in the next image",
      code: lines("FROM scratch as build", 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', PIPE, "FROM scratch as build2", PIPE),
      errors: [{ messageId: "missingPipefail", line: 5 }],
    },
    {
      name: "the next SHELL drops pipefail",
      code: lines("FROM scratch as build", 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', PIPE, 'SHELL ["/bin/sh", "-c"]', PIPE),
      errors: [{ messageId: "missingPipefail", line: 5 }],
    },
    {
      name: "SHELL bash without pipefail: the prefix is suggested",
      code: lines("FROM debian:12", 'SHELL ["/bin/bash", "-c"]', "RUN curl -fsSL https://x | tar -xz"),
      errors: [{ messageId: "missingPipefail", data: { producer: "curl", shellHint: "the shell here is bash" }, suggestions: [{ messageId: "prefixPipefail", data: { shell: "bash" }, output: lines("FROM debian:12", 'SHELL ["/bin/bash", "-c"]', "RUN set -o pipefail && curl -fsSL https://x | tar -xz") }] }],
    },
    {
      name: "Alpine: busybox ash has pipefail, continuation kept",
      code: lines("FROM alpine:3.20", "RUN \\", "    wget -qO- https://x/tool.tgz | tar -xz -C /usr/local/bin"),
      errors: [{ messageId: "missingPipefail", line: 3, column: 5, suggestions: [{ messageId: "prefixPipefail", data: { shell: "ash" }, output: lines("FROM alpine:3.20", "RUN \\", "    set -o pipefail && wget -qO- https://x/tool.tgz | tar -xz -C /usr/local/bin") }] }],
    },
    {
      name: "node:20-alpine through a parent stage",
      code: lines("FROM node:20-alpine AS base", "FROM base", "RUN --mount=type=cache,target=/root/.npm npm ls | grep react"),
      errors: [{ messageId: "missingPipefail", suggestions: [{ messageId: "prefixPipefail", output: lines("FROM node:20-alpine AS base", "FROM base", "RUN --mount=type=cache,target=/root/.npm set -o pipefail && npm ls | grep react") }] }],
    },
    {
      name: "set -o pipefail after the pipe does not count",
      code: lines("FROM debian:12", "RUN curl -fsSL https://x | tar -xz && set -o pipefail"),
      errors: [{ messageId: "missingPipefail", suggestions: [] }],
    },
    {
      name: "ONBUILD RUN",
      code: lines("FROM debian:12", "ONBUILD RUN curl -fsSL https://x | sh"),
      errors: [{ messageId: "missingPipefail", line: 2, column: 13, endColumn: 33 }],
    },
    {
      name: "exec form with sh -c ignores SHELL",
      code: lines("FROM debian:12", 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN ["sh", "-c", "curl -fsSL https://x | sh"]'),
      errors: [{ messageId: "missingPipefail", suggestions: [] }],
    },
    {
      name: "one report per RUN, backtick escape, CRLF, lowercase",
      code: "# escape=`\r\nFROM fedora:40\r\nrun curl -fsSL https://x | sh && `\r\n    cat a | grep b\r\n",
      errors: [{ messageId: "missingPipefail", line: 3, suggestions: [{ messageId: "prefixPipefail", data: { shell: "bash" }, output: "# escape=`\r\nFROM fedora:40\r\nrun set -o pipefail && curl -fsSL https://x | sh && `\r\n    cat a | grep b\r\n" }] }],
    },
    {
      name: "real world: installer piped to a shell in a Debian image",
      code: lines("FROM debian:bookworm-slim", "RUN apt-get update && apt-get install -y curl \\", "    && curl -fsSL https://deb.nodesource.com/setup_20.x | bash - \\", "    && apt-get install -y nodejs"),
      errors: [{ messageId: "missingPipefail", data: { producer: "curl", shellHint: "the default /bin/sh may be dash, which has no pipefail" }, line: 3, column: 8, suggestions: [] }],
    },
  ],
});
