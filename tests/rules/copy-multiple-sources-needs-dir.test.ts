import rule from "../../rules/copy-multiple-sources-needs-dir.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("copy-multiple-sources-needs-dir", rule, {
  valid: [
    { name: "one source (hadolint)", code: "COPY foo bar" },
    {
      name: "real world: a Windows destination ending in an escaped backslash is a directory, and the instruction ends there (docker-library mongo)",
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
    { name: "two sources, destination ends with / (hadolint)", code: "COPY foo bar baz/" },
    { name: "quoted destination ending with / (hadolint)", code: 'COPY foo bar "baz/"' },
    { name: ". is a directory (BuildKit copies into the workdir)", code: lines("FROM node:20", "WORKDIR /app", "COPY package.json package-lock.json .") },
    { name: ".. and ./. are directories", code: lines("FROM node:20", "COPY a b ..", "COPY a b ./.") },
    { name: "an escaped wildcard is a plain character", code: lines("FROM alpine:3.20", "COPY ./app/n\\?pe/file.txt /app4/file.txt") },
    { name: "? in a URL is no wildcard", code: lines("FROM alpine:3.20", "ADD http://example.com/download?version=3.0 /var/www/app.zip") },
    { name: "git source with query", code: lines("FROM golang:1.22", "ADD https://github.com/org/repo.git?ref=v1.0.0&keep-git-dir=1 /src/repo") },
    { name: "one heredoc", code: lines("FROM alpine:3.20", "COPY <<EOF /etc/motd", "hello", "EOF") },
    { name: "destination from an ARG ending with /", code: lines("FROM alpine:3.20", "ARG DEST=/opt/app/", "COPY a b $DEST") },
    { name: "destination from an ARG with no value is decided at build time", code: lines("FROM alpine:3.20", "ARG DEST", "COPY a b $DEST") },
    { name: "a / as written is enough, whatever the variable holds", code: lines("FROM alpine:3.20", "COPY a b ${DIR}/") },
    { name: "exec form with a directory", code: lines("FROM alpine:3.20", 'COPY ["a", "b", "/opt/"]') },
    { name: "wildcard into a directory", code: lines("FROM eclipse-temurin:21", "COPY --from=build /app/target/*.jar /app/") },
    { name: "backtick escape: a Windows directory ending in \\", code: lines("# escape=`", "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022", "COPY a.dll b.dll C:\\Windows\\System32\\") },
  ],
  invalid: [
    {
      name: "three arguments, no / (hadolint)",
      code: "COPY foo bar baz",
      errors: [{ messageId: "needsDirectory", line: 1, column: 14, endColumn: 17, data: { keyword: "COPY", why: "2 sources", destination: "baz" }, suggestions: [{ messageId: "addSlash", output: "COPY foo bar baz/" }] }],
    },
    {
      name: "quoted destination without / (hadolint)",
      code: 'COPY foo bar "baz"',
      errors: [{ messageId: "needsDirectory", suggestions: [{ messageId: "addSlash", output: 'COPY foo bar "baz/"' }] }],
    },
    {
      name: "a wildcard counts as several sources",
      code: lines("FROM eclipse-temurin:21", "COPY --from=build /app/target/*.jar /app/app.jar"),
      errors: [{ messageId: "needsDirectory", data: { keyword: "COPY", why: "the wildcard source '/app/target/*.jar'", destination: "/app/app.jar" }, suggestions: [{ messageId: "addSlash", output: lines("FROM eclipse-temurin:21", "COPY --from=build /app/target/*.jar /app/app.jar/") }] }],
    },
    {
      name: "ADD with several sources",
      code: lines("FROM alpine:3.20", "ADD a.tar.gz b.tar.gz /opt"),
      errors: [{ messageId: "needsDirectory", data: { keyword: "ADD", why: "2 sources", destination: "/opt" }, suggestions: [{ messageId: "addSlash", output: lines("FROM alpine:3.20", "ADD a.tar.gz b.tar.gz /opt/") }] }],
    },
    {
      name: "two heredocs",
      code: lines("FROM alpine:3.20", "COPY <<A <<B /etc/app", "a", "A", "b", "B"),
      errors: [{ messageId: "needsDirectory", line: 2, column: 14, endColumn: 22, suggestions: [{ messageId: "addSlash", output: lines("FROM alpine:3.20", "COPY <<A <<B /etc/app/", "a", "A", "b", "B") }] }],
    },
    {
      name: "exec form",
      code: lines("FROM alpine:3.20", 'COPY ["a", "b", "/opt"]'),
      errors: [{ messageId: "needsDirectory", column: 17, endColumn: 23, suggestions: [{ messageId: "addSlash", output: lines("FROM alpine:3.20", 'COPY ["a", "b", "/opt/"]') }] }],
    },
    {
      name: "destination from an ARG default",
      code: lines("FROM alpine:3.20", "ARG BIN=/usr/local/bin", "COPY a b ${BIN}"),
      errors: [{ messageId: "needsDirectory", data: { keyword: "COPY", why: "2 sources", destination: "/usr/local/bin" }, suggestions: [{ messageId: "addSlash", output: lines("FROM alpine:3.20", "ARG BIN=/usr/local/bin", "COPY a b ${BIN}/") }] }],
    },
    {
      name: "wildcard from a variable's value",
      code: lines("FROM alpine:3.20", "ARG JARS=target/*.jar", "COPY $JARS /app.jar"),
      errors: [{ messageId: "needsDirectory", suggestions: [{ messageId: "addSlash", output: lines("FROM alpine:3.20", "ARG JARS=target/*.jar", "COPY $JARS /app.jar/") }] }],
    },
    {
      name: "sources over continuation lines, lower case, CRLF",
      code: "from alpine:3.20\r\ncopy a \\\r\n  b \\\r\n  /usr/local/bin\r\n",
      errors: [{ messageId: "needsDirectory", line: 4, column: 3, endColumn: 17, suggestions: [{ messageId: "addSlash", output: "from alpine:3.20\r\ncopy a \\\r\n  b \\\r\n  /usr/local/bin/\r\n" }] }],
    },
    {
      name: "real world: license files into a path written like a glob (kind's images)",
      code: lines("FROM debian:12-slim", "COPY --chmod=0644 files/LICENSES/* /LICENSES/*"),
      errors: [{ messageId: "needsDirectory", suggestions: [{ messageId: "addSlash", output: lines("FROM debian:12-slim", "COPY --chmod=0644 files/LICENSES/* /LICENSES/*/") }] }],
    },
  ],
});
