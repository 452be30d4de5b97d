import rule from "../../rules/no-cd-in-run.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("no-cd-in-run", rule, {
  valid: [
    { name: "WORKDIR instead of cd", code: lines("FROM alpine:3.20", "WORKDIR /opt") },
    { name: "cd in a command substitution", code: lines("FROM alpine:3.20", 'RUN export ROOT="$(cd "$(dirname "$0")" && pwd)" && echo "$ROOT"') },
    { name: "cd in backticks", code: lines("FROM alpine:3.20", "RUN echo `cd /tmp && pwd`") },
    { name: "cd in a subshell: the scope is explicit", code: lines("FROM alpine:3.20", "RUN (cd /src && make) && make -C /other") },
    { name: "cd as an argument", code: lines("FROM alpine:3.20", "RUN echo cd /opt && grep -r cd /etc") },
    { name: "PowerShell stage", code: lines("FROM mcr.microsoft.com/windows/servercore:ltsc2022", 'SHELL ["powershell", "-Command"]', "RUN cd C:\\app; ./build.ps1") },
  ],
  invalid: [
    {
      name: "cd alone",
      code: lines("FROM alpine:3.20", "RUN cd /opt"),
      errors: [{ messageId: "noCd", line: 2, column: 5, endColumn: 7, suggestions: [] }],
    },
    {
      name: "cd first and followed by &&: suggest WORKDIR",
      code: lines("FROM alpine:3.20", "RUN cd /usr/src/app && make"),
      errors: [{
        messageId: "noCd", line: 2, column: 5, endColumn: 7,
        suggestions: [{ messageId: "useWorkdir", data: { dir: "/usr/src/app" }, output: lines("FROM alpine:3.20", "WORKDIR /usr/src/app", "RUN make") }],
      }],
    },
    {
      name: "continuation before && keeps the next lines valid",
      code: lines("FROM debian:12", "RUN cd /build \\", "    && ./configure \\", "    && make install"),
      errors: [{
        messageId: "noCd", line: 2,
        suggestions: [{ messageId: "useWorkdir", output: lines("FROM debian:12", "WORKDIR /build", "RUN ./configure \\", "    && make install") }],
      }],
    },
    {
      name: "&& then continuation",
      code: lines("FROM debian:12", "RUN --mount=type=cache,target=/root/.cache cd /build && \\", "    make"),
      errors: [{
        messageId: "noCd",
        suggestions: [{ messageId: "useWorkdir", output: lines("FROM debian:12", "WORKDIR /build", "RUN --mount=type=cache,target=/root/.cache make") }],
      }],
    },
    {
      name: "cd later in the script: no suggestion, every cd reported",
      code: lines("FROM debian:12", "RUN cd /tmp && curl -fsSLO https://x/y.tgz && tar -xzf y.tgz && cd y && make && cd / && rm -rf /tmp/y"),
      errors: [
        { messageId: "noCd", column: 5, suggestions: [{ messageId: "useWorkdir", output: lines("FROM debian:12", "WORKDIR /tmp", "RUN curl -fsSLO https://x/y.tgz && tar -xzf y.tgz && cd y && make && cd / && rm -rf /tmp/y") }] },
        { messageId: "noCd", column: 65, suggestions: [] },
        { messageId: "noCd", column: 81, suggestions: [] },
      ],
    },
    {
      name: "cd after another command: no suggestion",
      code: lines("FROM debian:12", "RUN set -eux; cd /src && make"),
      errors: [{ messageId: "noCd", column: 15, suggestions: [] }],
    },
    {
      name: "cd followed by ; : no suggestion",
      code: lines("FROM debian:12", "RUN cd /src; make"),
      errors: [{ messageId: "noCd", suggestions: [] }],
    },
    {
      name: "relative target: no suggestion",
      code: lines("FROM debian:12", "RUN cd src && make"),
      errors: [{ messageId: "noCd", suggestions: [] }],
    },
    {
      name: "ENV-built absolute target: WORKDIR keeps the variable",
      code: lines("FROM golang:1.22", "ENV APP_HOME=/go/src/app", "RUN cd $APP_HOME && go build ./..."),
      errors: [{
        messageId: "noCd",
        suggestions: [{ messageId: "useWorkdir", data: { dir: "$APP_HOME" }, output: lines("FROM golang:1.22", "ENV APP_HOME=/go/src/app", "WORKDIR $APP_HOME", "RUN go build ./...") }],
      }],
    },
    {
      name: "quoted ARG-built target",
      code: lines("FROM debian:12", "ARG SRC=/usr/local/src", 'RUN cd "${SRC}/tool" && make'),
      errors: [{
        messageId: "noCd",
        suggestions: [{ messageId: "useWorkdir", output: lines("FROM debian:12", "ARG SRC=/usr/local/src", "WORKDIR ${SRC}/tool", "RUN make") }],
      }],
    },
    {
      name: "variable from the base image (unknown value): no suggestion",
      code: lines("FROM golang:1.22", "RUN cd $GOPATH/src/app && go build"),
      errors: [{ messageId: "noCd", suggestions: [] }],
    },
    {
      name: "cd into the current WORKDIR: suggest removing it",
      code: lines("FROM node:20", "WORKDIR /app/", "RUN cd /app && npm ci"),
      errors: [{ messageId: "noCd", suggestions: [{ messageId: "dropCd", output: lines("FROM node:20", "WORKDIR /app/", "RUN npm ci") }] }],
    },
    {
      name: "ONBUILD RUN, lowercase keywords",
      code: lines("from alpine:3.20", "  onbuild run cd /app && make"),
      errors: [{
        messageId: "noCd", line: 2, column: 15,
        suggestions: [{ messageId: "useWorkdir", output: lines("from alpine:3.20", "  onbuild workdir /app", "  onbuild run make") }],
      }],
    },
    {
      name: "heredoc script starting with cd",
      code: lines("FROM debian:12", "RUN <<EOF", "cd /src && make", "make install", "EOF"),
      errors: [{
        messageId: "noCd", line: 3, column: 1,
        suggestions: [{ messageId: "useWorkdir", output: lines("FROM debian:12", "WORKDIR /src", "RUN <<EOF", "make", "make install", "EOF") }],
      }],
    },
    {
      name: "directory provided by a mount of the RUN: no suggestion",
      code: lines("FROM ruby:3.3", "RUN --mount=type=bind,from=repo,target=/tmp/clone,readwrite cd /tmp/clone/app && bundle install"),
      errors: [{ messageId: "noCd", suggestions: [] }],
    },
    {
      name: "sh -c script: reported, no suggestion",
      code: lines("FROM debian:12", "RUN sh -c 'cd /src && make'"),
      errors: [{ messageId: "noCd", column: 12, suggestions: [] }],
    },
    {
      name: "exec form: reported, no suggestion",
      code: lines("FROM debian:12", 'RUN ["sh", "-c", "cd /src && make"]'),
      errors: [{ messageId: "noCd", suggestions: [] }],
    },
    {
      name: "cd in a group is not scoped",
      code: lines("FROM debian:12", "RUN { cd /src && make; }"),
      errors: [{ messageId: "noCd", suggestions: [] }],
    },
    {
      name: "backtick escape and CRLF",
      code: "# escape=`\r\nFROM debian:12\r\nRUN cd /src `\r\n    && make\r\n",
      errors: [{ messageId: "noCd", line: 3, suggestions: [{ messageId: "useWorkdir", output: "# escape=`\r\nFROM debian:12\r\nWORKDIR /src\r\nRUN make\r\n" }] }],
    },
    {
      name: "comment line inside the continuation is removed with the cd",
      code: lines("FROM debian:12", "RUN cd /src && \\", "# build it", "    make"),
      errors: [{ messageId: "noCd", suggestions: [{ messageId: "useWorkdir", output: lines("FROM debian:12", "WORKDIR /src", "RUN make") }] }],
    },
    {
      name: "next command is a subshell",
      code: lines("FROM debian:12", "RUN cd /src && (make || true)"),
      errors: [{ messageId: "noCd", suggestions: [{ messageId: "useWorkdir", output: lines("FROM debian:12", "WORKDIR /src", "RUN (make || true)") }] }],
    },
    {
      name: "real world: multi-stage build that cds into a GOPATH checkout",
      code: lines(
        "FROM golang:1.22 AS build",
        "ENV SRC=/go/src/github.com/acme/tool",
        "COPY . $SRC",
        "RUN cd $SRC \\",
        "    && CGO_ENABLED=0 go build -o /out/tool ./cmd/tool",
        "FROM alpine:3.20",
        "COPY --from=build /out/tool /usr/local/bin/",
      ),
      errors: [{
        messageId: "noCd", line: 4,
        suggestions: [{
          messageId: "useWorkdir",
          output: lines(
            "FROM golang:1.22 AS build",
            "ENV SRC=/go/src/github.com/acme/tool",
            "COPY . $SRC",
            "WORKDIR $SRC",
            "RUN CGO_ENABLED=0 go build -o /out/tool ./cmd/tool",
            "FROM alpine:3.20",
            "COPY --from=build /out/tool /usr/local/bin/",
          ),
        }],
      }],
    },
  ],
});
