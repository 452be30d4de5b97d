import rule from "../../rules/no-empty-continuation.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("no-empty-continuation", rule, {
  valid: [
    { name: "continuation without empty lines (BuildKit's case)", code: lines("FROM scratch", "COPY Dockerfile \\", ".") },
    { name: "BuildKit's docs case: a comment line is not empty", code: lines("FROM alpine:3.20", "EXPOSE \\", "# Port", "80") },
    {
      name: "real world: a Windows COPY whose destination ends in an escaped backslash ends there, so the empty line after it is no continuation (docker-library mongo)",
      code: lines(
        "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022",
        'SHELL ["cmd", "/S", "/C"]',
        "COPY --from=mongo:7.0.37-windowsservercore-ltsc2022 \\",
        "\tC:\\\\Windows\\\\System32\\\\msvcp140.dll \\",
        "\tC:\\\\Windows\\\\System32\\\\vcruntime140.dll \\",
        "\tC:\\\\Windows\\\\System32\\\\",
        "",
        "# https://docs.mongodb.org/master/release-notes/7.0/",
        "ENV MONGO_VERSION 7.0.37",
      ),
    },
    { name: "BuildKit's trailing-backslash test file: ENV C ends at its escaped backslash", code: lines("FROM hello-world", "ENV C trailing\\\\backslash\\\\", "", "ENV D This should not be appended to C") },
    { name: "empty line after a finished instruction", code: lines("FROM alpine:3.20", "RUN true", "", "RUN false") },
    { name: "empty lines in a heredoc body, even after a trailing backslash", code: lines("FROM alpine:3.20", "RUN <<EOF", "echo a \\", "", "echo b", "EOF") },
    { name: "COPY heredoc with empty lines", code: lines("FROM alpine:3.20", "COPY <<EOF /etc/motd", "hello \\", "", "", "EOF") },
    { name: "escaped backslash in the middle of a line", code: lines("FROM alpine:3.20", "RUN printf 'a\\\\b' && \\", "  true") },
    { name: "backtick escape: a trailing backslash is not a continuation", code: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nWORKDIR C:\\\r\n\r\nRUN dir\r\n" },
  ],
  invalid: [
    {
      name: "BuildKit's case: empty line between a COPY and its destination",
      code: lines("FROM scratch", "COPY Dockerfile \\", "", "."),
      output: lines("FROM scratch", "COPY Dockerfile \\", "."),
      errors: [{ messageId: "empty", line: 3, column: 1, data: { keyword: "COPY", escape: "\\" } }],
    },
    {
      name: "BuildKit's docs case: several empty lines in one RUN are one report and one fix",
      code: lines("FROM alpine:3.20", "RUN apk add \\", "", "    gnupg \\", "", "    curl"),
      output: lines("FROM alpine:3.20", "RUN apk add \\", "    gnupg \\", "    curl"),
      errors: [{ messageId: "empty", line: 3 }],
    },
    {
      name: "BuildKit's docs case: EXPOSE with an empty line",
      code: lines("FROM alpine:3.20", "EXPOSE \\", "", "80"),
      output: lines("FROM alpine:3.20", "EXPOSE \\", "80"),
      errors: [{ messageId: "empty", line: 3 }],
    },
    {
      name: "a line of blanks is empty too",
      code: lines("FROM alpine:3.20", "RUN set -eux; \\", "    ", "    make"),
      output: lines("FROM alpine:3.20", "RUN set -eux; \\", "    make"),
      errors: [{ messageId: "empty", line: 3, column: 1, endColumn: 5 }],
    },
    {
      name: "empty lines around a comment line inside the continuation",
      code: lines("FROM alpine:3.20", "RUN apk add \\", "", "# the tools", "", "    curl"),
      output: lines("FROM alpine:3.20", "RUN apk add \\", "# the tools", "    curl"),
      errors: [{ messageId: "empty", line: 3 }],
    },
    {
      name: "empty lines before the end of the file",
      code: lines("FROM alpine:3.20", "CMD [\"sh\"] \\", "", ""),
      output: lines("FROM alpine:3.20", "CMD [\"sh\"] \\", ""),
      errors: [{ messageId: "empty", line: 3 }],
    },
    {
      name: "a continuation that swallows the next instruction gets a suggestion, not a fix",
      code: lines("FROM alpine:3.20", "RUN apk add curl \\", "", "RUN curl --version"),
      output: null,
      errors: [
        {
          messageId: "swallowsInstruction",
          line: 3,
          data: { keyword: "RUN", escape: "\\", next: "RUN", line: "4" },
          suggestions: [{ messageId: "endInstruction", output: lines("FROM alpine:3.20", "RUN apk add curl ", "", "RUN curl --version") }],
        },
      ],
    },
    {
      name: "a lower-case keyword on the next line is detected too",
      code: lines("from alpine:3.20", "env A=1 \\", "", "copy . /app"),
      output: null,
      errors: [
        {
          messageId: "swallowsInstruction",
          data: { keyword: "ENV", escape: "\\", next: "copy", line: "4" },
          suggestions: [{ messageId: "endInstruction", output: lines("from alpine:3.20", "env A=1 ", "", "copy . /app") }],
        },
      ],
    },
    {
      name: "ONBUILD RUN with an empty continuation line",
      code: lines("FROM alpine:3.20", "ONBUILD RUN make \\", "", "    install"),
      output: lines("FROM alpine:3.20", "ONBUILD RUN make \\", "    install"),
      errors: [{ messageId: "empty", line: 3, data: { keyword: "ONBUILD", escape: "\\" } }],
    },
    {
      name: "RUN with a heredoc: the empty line before the body is checked, the body is not",
      code: lines("FROM alpine:3.20", "RUN --mount=type=cache,target=/var/cache/apk \\", "", "    sh <<EOF", "apk add curl \\", "", "EOF"),
      output: lines("FROM alpine:3.20", "RUN --mount=type=cache,target=/var/cache/apk \\", "    sh <<EOF", "apk add curl \\", "", "EOF"),
      errors: [{ messageId: "empty", line: 3 }],
    },
    {
      name: "backtick escape and CRLF",
      code: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nRUN powershell -Command `\r\n\r\n    Write-Host hi\r\n",
      output: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nRUN powershell -Command `\r\n    Write-Host hi\r\n",
      errors: [{ messageId: "empty", line: 4, data: { keyword: "RUN", escape: "`" } }],
    },
    {
      name: "real world: a toolchain RUN ends its last line with a backslash, so the next RUN after a comment is swallowed",
      code: lines(
        "FROM amazonlinux:2",
        "RUN curl -fsSL https://download.swift.org/latest.tar.gz -o latest.tar.gz \\",
        "    && tar -xzf latest.tar.gz --directory / --strip-components=1 \\",
        "    && rm -rf latest.tar.gz \\",
        "",
        "# Print Installed Swift Version",
        "RUN swift --version",
      ),
      output: null,
      errors: [
        {
          messageId: "swallowsInstruction",
          line: 5,
          data: { keyword: "RUN", escape: "\\", next: "RUN", line: "7" },
          suggestions: [
            {
              messageId: "endInstruction",
              output: lines(
                "FROM amazonlinux:2",
                "RUN curl -fsSL https://download.swift.org/latest.tar.gz -o latest.tar.gz \\",
                "    && tar -xzf latest.tar.gz --directory / --strip-components=1 \\",
                "    && rm -rf latest.tar.gz ",
                "",
                "# Print Installed Swift Version",
                "RUN swift --version",
              ),
            },
          ],
        },
      ],
    },
    {
      name: "real world: a package list with a blank line left between groups",
      code: lines(
        "FROM debian:12-slim",
        "RUN apt-get update && apt-get install -y --no-install-recommends \\",
        "    ca-certificates \\",
        "    curl \\",
        "",
        "    git \\",
        "    openssh-client \\",
        "  && rm -rf /var/lib/apt/lists/*",
      ),
      output: lines(
        "FROM debian:12-slim",
        "RUN apt-get update && apt-get install -y --no-install-recommends \\",
        "    ca-certificates \\",
        "    curl \\",
        "    git \\",
        "    openssh-client \\",
        "  && rm -rf /var/lib/apt/lists/*",
      ),
      errors: [{ messageId: "empty", line: 5 }],
    },
  ],
});
