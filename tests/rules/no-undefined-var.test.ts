import rule from "../../rules/no-undefined-var.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("no-undefined-var", rule, {
  valid: [
    // no-env-same-instruction-reference reports it, saying what is read instead.
    { name: "a pair that reads an earlier pair of its ENV", code: lines("FROM eclipse-temurin:21", "ENV JAVA_HOME=/opt/java PATH=$JAVA_HOME/bin:$PATH") },
    { name: "ARG without a default declares the name (BuildKit)", code: lines("FROM scratch", "ARG foo", "COPY Dockerfile${foo} .") },
    { name: "ARG of a parent stage carries into a stage built FROM it (BuildKit)", code: lines("FROM alpine AS base", "ARG foo=Dockerfile", "", "FROM base", "COPY $foo .") },
    { name: "ENV of a parent stage carries over too", code: lines("FROM scratch AS base", "ENV APP=/srv/app", "FROM base", "WORKDIR $APP") },
    { name: "shell-form RUN is left to the shell (BuildKit)", code: lines("FROM alpine", "RUN echo $PATH $foo") },
    { name: "exec-form RUN, CMD and ENTRYPOINT are not substituted", code: lines("FROM scratch", 'RUN ["sh", "-c", "echo $baz"]', 'CMD ["echo", "$foo"]', "ENTRYPOINT echo $bar") },
    { name: "HEALTHCHECK and SHELL are not substituted", code: lines("FROM scratch", "HEALTHCHECK CMD curl -f http://localhost:$port/", 'SHELL ["/bin/sh", "-c"]') },
    { name: "an escaped dollar is text", code: lines("FROM scratch", "ENV PS1=\\$foo") },
    { name: "single quotes keep the dollar", code: lines("FROM scratch", "LABEL template='$foo'") },
    { name: "backtick escape character", code: lines("# escape=`", "FROM scratch", "ENV PS1=`$foo") },
    { name: "PATH is always set", code: lines("FROM scratch", "ENV PATH=/app/bin:$PATH") },
    { name: "the base image may set upper-case variables (BuildKit docs: PYTHON_VERSION)", code: lines("FROM python AS base", "ARG VERSION=$PYTHON_VERSION") },
    { name: "golang sets GOPATH: not a typo of PATH", code: lines("FROM golang:1.22", "WORKDIR $GOPATH/src/app") },
    { name: "ENV set by an earlier instruction", code: lines("FROM scratch", "ENV A=1", "ENV B=$A") },
    { name: "ARG pairs see the pairs before them", code: lines("FROM scratch", "ARG A=1 B=$A") },
    { name: "ARG declaring several names", code: lines("FROM scratch", "ARG TARGETOS TARGETARCH", "COPY bin/$TARGETOS-$TARGETARCH /app") },
    { name: "global ARG re-declared in the stage", code: lines("ARG V=1", "FROM scratch", "ARG V", "LABEL version=$V") },
    { name: "quoted heredoc delimiter: the body is not substituted", code: lines("FROM scratch", "COPY <<'EOF' /etc/motd", "$foo", "EOF") },
    { name: "RUN heredoc bodies belong to the shell", code: lines("FROM alpine", "RUN <<EOF", "echo $foo", "EOF") },
    { name: "ONBUILD triggers are substituted in the child build", code: lines("FROM scratch", "ONBUILD COPY $foo /x") },
    { name: "FROM lines are no-undefined-arg-in-from's job", code: "FROM alpine:$TAG" },
    { name: "COPY --from is not substituted", code: lines("FROM scratch", "COPY --from=$stage /a /b") },
    { name: "allow option", code: lines("FROM scratch", "COPY $SRC /x"), options: [{ allow: ["SRC"] }] },
    { name: "BuildKit's SBOM arguments are never reported", code: lines("FROM scratch", "LABEL scan=$BUILDKIT_SBOM_SCAN_CONTEXT") },
    { name: "a word BuildKit rejects fails the build for another reason", code: lines("FROM perl:5", 'ARG INSTALL_ZSH="${templateOption:installZsh}"') },
    { name: "ENV extending a variable the base image may set", code: lines("FROM nvidia/cuda:12.4.1-base-ubuntu22.04", "ENV LD_LIBRARY_PATH=/usr/local/lib:$LD_LIBRARY_PATH", "FROM ubuntu:24.04", "ENV LD_LIBRARY_PATH=/opt/lib") },
    { name: "a dollar before a non-name is text", code: lines("FROM scratch", "LABEL a=$ b=x$/y") },
    { name: "lower-case instructions", code: lines("from scratch", "arg foo", "copy $foo .") },
    {
      name: "real world: buildkit image declaring the platform ARGs in one line",
      code: lines(
        "FROM --platform=$BUILDPLATFORM golang:1.22 AS build",
        "ARG TARGETOS TARGETARCH TARGETVARIANT",
        "ENV GOOS=$TARGETOS GOARCH=$TARGETARCH VARIANT=$TARGETVARIANT",
        "RUN --mount=type=cache,target=/root/.cache/go-build go build -o /out/buildkitd ./cmd/buildkitd",
      ),
    },
  ],
  invalid: [
    {
      name: "used before its ARG (BuildKit)",
      code: lines("FROM alpine", "COPY $foo .", "ARG foo=bar", "RUN echo $foo"),
      errors: [{ messageId: "usedBeforeDeclared", line: 2, column: 6, endLine: 2, endColumn: 10, data: { ref: "$foo", name: "foo", kind: "ARG", line: "3", hint: "", suggestion: "" } }],
    },
    {
      name: "typo of a declared ARG, with did you mean (BuildKit)",
      code: lines("FROM alpine", "ARG DIR_BINARIES=binaries/", "ARG DIR_ASSETS=assets/", "ARG DIR_CONFIG=config/", "COPY $DIR_ASSET ."),
      errors: [
        {
          messageId: "undefinedVar",
          line: 5,
          column: 6,
          endColumn: 16,
          suggestions: [{ messageId: "suggestRename", data: { suggestion: "DIR_ASSETS" }, output: lines("FROM alpine", "ARG DIR_BINARIES=binaries/", "ARG DIR_ASSETS=assets/", "ARG DIR_CONFIG=config/", "COPY $DIR_ASSETS .") }],
        },
      ],
    },
    {
      name: "PAHT for PATH (BuildKit docs)",
      code: lines("FROM alpine", "ENV PATH=$PAHT:/tmp/bin"),
      errors: [{ messageId: "undefinedVar", column: 10, endColumn: 15, suggestions: [{ messageId: "suggestRename", output: lines("FROM alpine", "ENV PATH=$PATH:/tmp/bin") }] }],
    },
    {
      name: "braced reference keeps its braces in the suggestion",
      code: lines("FROM scratch", "ARG VERSION=1.0", "LABEL v=${VERSON}"),
      errors: [{ messageId: "undefinedVar", column: 9, endColumn: 18, suggestions: [{ messageId: "suggestRename", output: lines("FROM scratch", "ARG VERSION=1.0", "LABEL v=${VERSION}") }] }],
    },
    {
      name: "every stage is checked (BuildKit)",
      code: lines("FROM scratch AS first", "COPY $foo .", "", "FROM scratch AS second", "COPY $bar ."),
      errors: [
        { messageId: "undefinedVar", line: 2, suggestions: [] },
        { messageId: "undefinedVar", line: 5, suggestions: [] },
      ],
    },
    {
      name: "undeclared variable in an ARG default (BuildKit docs)",
      code: lines("FROM alpine AS base", "ARG VERSION=$foo"),
      errors: [{ messageId: "undefinedVar", line: 2, column: 13, endColumn: 17 }],
    },
    {
      name: "upper-case name in a stage built from scratch",
      code: lines("FROM scratch", "WORKDIR $HOME/app"),
      errors: [{ messageId: "undefinedVar", column: 9, endColumn: 14, suggestions: [] }],
    },
    {
      name: "global ARG not re-declared in the stage",
      code: lines("ARG GO_VERSION=1.22.5", "FROM golang:${GO_VERSION} AS go-source", "FROM debian:12-slim", "COPY --from=go-source /usr/local/go /usr/local/go", "ENV GOLANG_VERSION=${GO_VERSION}"),
      errors: [
        {
          messageId: "globalArgNotInStage",
          line: 5,
          column: 20,
          endColumn: 33,
          suggestions: [
            {
              messageId: "suggestDeclare",
              data: { name: "GO_VERSION" },
              output: lines("ARG GO_VERSION=1.22.5", "FROM golang:${GO_VERSION} AS go-source", "FROM debian:12-slim", "ARG GO_VERSION", "COPY --from=go-source /usr/local/go /usr/local/go", "ENV GOLANG_VERSION=${GO_VERSION}"),
            },
          ],
        },
      ],
    },
    {
      name: "global ARG in a CRLF file keeps the line ending in the suggestion",
      code: "ARG V=1\r\nFROM alpine:3.20\r\nLABEL v=$V\r\n",
      errors: [{ messageId: "globalArgNotInStage", line: 3, suggestions: [{ messageId: "suggestDeclare", output: "ARG V=1\r\nFROM alpine:3.20\r\nARG V\r\nLABEL v=$V\r\n" }] }],
    },
    {
      name: "predefined platform ARG without ARG in the stage",
      code: lines("FROM alpine:3.20", "COPY dist/$TARGETARCH/app /usr/local/bin/app"),
      errors: [
        {
          messageId: "predefinedArgNotInStage",
          column: 11,
          endColumn: 22,
          suggestions: [{ messageId: "suggestDeclare", output: lines("FROM alpine:3.20", "ARG TARGETARCH", "COPY dist/$TARGETARCH/app /usr/local/bin/app") }],
        },
      ],
    },
    {
      name: "proxy arguments reach RUN, but are substituted elsewhere only after ARG",
      code: lines("FROM debian:12", "ENV HTTP_PROXY=$HTTP_PROXY"),
      errors: [{ messageId: "predefinedArgNotInStage", column: 16, endColumn: 27, suggestions: [{ messageId: "suggestDeclare", output: lines("FROM debian:12", "ARG HTTP_PROXY", "ENV HTTP_PROXY=$HTTP_PROXY") }] }],
    },
    {
      name: "a pair that reads a later pair of its ENV reads an undefined variable",
      code: lines("FROM scratch", "ENV B=$A A=1"),
      errors: [{ messageId: "undefinedVar", column: 7, endColumn: 9 }],
    },
    {
      name: "ARG default that reads the global ARG of the same name",
      code: lines("ARG IMAGE_NAME=silverblue", "FROM fedora:40", 'ARG IMAGE_NAME="${IMAGE_NAME:-silverblue}"'),
      errors: [{ messageId: "argDefaultReadsItself", line: 3, column: 17, endColumn: 42 }],
    },
    {
      name: "declared in another stage",
      code: lines("FROM alpine:3.20 AS build", "ARG APP_DIR=/srv/app", "FROM alpine:3.20", "WORKDIR $APP_DIR"),
      errors: [{ messageId: "declaredInOtherStage", line: 4, data: { ref: "$APP_DIR", name: "APP_DIR", kind: "", line: "2", hint: "", suggestion: "" } }],
    },
    {
      name: "shell parameter, with a suggestion to escape",
      code: lines("FROM scratch", 'LABEL price="costs $5"'),
      errors: [{ messageId: "shellParameter", column: 20, endColumn: 22, suggestions: [{ messageId: "suggestEscape", output: lines("FROM scratch", 'LABEL price="costs \\$5"') }] }],
    },
    {
      name: "$$ is a shell parameter",
      code: lines("FROM scratch", "ENV PIDFILE=/run/app.$$"),
      errors: [{ messageId: "shellParameter", data: { ref: "$$", keyword: "ENV", escaped: "\\$$" }, suggestions: [{ messageId: "suggestEscape", output: lines("FROM scratch", "ENV PIDFILE=/run/app.\\$$") }] }],
    },
    {
      name: "shell parameter in a COPY heredoc body is escaped with a backslash",
      code: lines("# escape=`", "FROM scratch", "COPY <<EOF /run.sh", "echo $1", "EOF"),
      errors: [{ messageId: "shellParameter", line: 4, column: 6, endColumn: 8, suggestions: [{ messageId: "suggestEscape", output: lines("# escape=`", "FROM scratch", "COPY <<EOF /run.sh", "echo \\$1", "EOF") }] }],
    },
    {
      name: "baseImageEnv: empty reports what the image might set",
      code: lines("FROM golang:1.22", "WORKDIR $GOPATH/src/app"),
      options: [{ baseImageEnv: "empty" }],
      errors: [{ messageId: "undefinedVar", suggestions: [{ messageId: "suggestRename", output: lines("FROM golang:1.22", "WORKDIR $PATH/src/app") }] }],
    },
    {
      name: "RUN --mount options are substituted",
      code: lines("FROM alpine", "RUN --mount=type=cache,target=$cache_dir go build"),
      errors: [{ messageId: "undefinedVar", column: 31, endColumn: 41 }],
    },
    {
      name: "COPY --chown names two variables",
      code: lines("FROM alpine", "COPY --chown=$user:$group app /app"),
      errors: [
        { messageId: "undefinedVar", column: 14, endColumn: 19 },
        { messageId: "undefinedVar", column: 20, endColumn: 26 },
      ],
    },
    {
      name: "exec-form VOLUME",
      code: lines("FROM scratch", 'VOLUME ["$data"]'),
      errors: [{ messageId: "undefinedVar", column: 10, endColumn: 15 }],
    },
    {
      name: "COPY heredoc body",
      code: lines("FROM scratch", "COPY <<EOF /etc/app.conf", "level=$log_level", "EOF"),
      errors: [{ messageId: "undefinedVar", line: 3, column: 7, endColumn: 17 }],
    },
    {
      name: "line continuation",
      code: lines("FROM scratch", "COPY app \\", "  $dest/"),
      errors: [{ messageId: "undefinedVar", line: 3, column: 3, endColumn: 8 }],
    },
    {
      name: "backtick escape and CRLF",
      code: "# escape=`\r\nFROM scratch\r\nCOPY app `\r\n  $dest/\r\n",
      errors: [{ messageId: "undefinedVar", line: 4, column: 3, endColumn: 8 }],
    },
    {
      name: "EXPOSE is substituted too",
      code: lines("FROM scratch", "EXPOSE $port"),
      errors: [{ messageId: "undefinedVar", column: 8, endColumn: 13 }],
    },
    {
      name: "a name is reported once per instruction",
      code: lines("FROM scratch", "COPY $foo/a $foo/b /x/"),
      errors: [{ messageId: "undefinedVar", column: 6 }],
    },
    {
      name: "a variable read in an unused default still counts (BuildKit)",
      code: lines("FROM scratch", "ARG A=1", "LABEL x=${A:-$fallback}"),
      errors: [{ messageId: "undefinedVar", column: 14, endColumn: 23 }],
    },
    {
      name: "lower-case instructions",
      code: lines("from alpine", "copy $src /app"),
      errors: [{ messageId: "undefinedVar", line: 2 }],
    },
  ],
});
