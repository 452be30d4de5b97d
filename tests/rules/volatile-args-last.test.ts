import rule from "../../rules/volatile-args-last.js";
import { lines, ruleTester } from "../rule-tester.js";

const COMMIT = "65cfcc28ab37cb75e1560e4b4738719c07c6618e";

ruleTester.run("volatile-args-last", rule, {
  valid: [
    {
      name: "declared just before the RUN that uses it",
      code: lines("FROM golang:1.22.5", "RUN apk add --no-cache git", "ARG GIT_COMMIT", 'RUN go build -ldflags "-X main.commit=${GIT_COMMIT}" ./cmd/app'),
    },
    {
      name: "declared after the last RUN, with the labels",
      code: lines("FROM alpine:3.20", "RUN apk add --no-cache curl", "ARG BUILD_DATE", "ARG VCS_REF", "LABEL org.opencontainers.image.created=$BUILD_DATE org.opencontainers.image.revision=$VCS_REF"),
    },
    { name: "LABEL at the top with no RUN after it", code: lines("FROM scratch", "ARG BUILD_DATE", "LABEL created=$BUILD_DATE", "COPY app /app") },
    { name: "names that end in other words (GIT_COMMIT_MSG_FILE, BUILD_DATE_FORMAT)", code: lines("FROM alpine:3.20", "ARG GIT_COMMIT_MSG_FILE", "ARG BUILD_DATE_FORMAT", "RUN apk add --no-cache git") },
    { name: "PROJECT_COMMIT pins another project", code: lines("FROM golang:1.22.5", "ARG GOLANG_COMMIT", "RUN apk add --no-cache git") },
    { name: "a commit default pins the value", code: lines("FROM docker:27.0.3-dind", `ARG GIT_COMMIT=${COMMIT}`, "RUN apk add --no-cache git") },
    { name: "a version default pins the value", code: lines("FROM alpine:3.20", "ARG SOURCE_COMMIT=v1.1.0", "RUN apk add --no-cache git") },
    { name: "bust-named ARGs are deliberate", code: lines("FROM alpine:3.20", "ARG CACHEBUST_BUILD_ID", "RUN apk add --no-cache curl"), options: [{ pattern: "build_id" }] },
    {
      name: "unreferenced ARG right before the build step that reads it from its environment (NVIDIA device plugin)",
      code: lines("FROM golang:1.22.5 AS build", "COPY . .", "RUN mkdir /artifacts", 'ARG VERSION="N/A"', 'ARG GIT_COMMIT="unknown"', "RUN make PREFIX=/artifacts cmds"),
    },
    {
      name: "unreferenced ARG before a cargo build, with a comment between (qdrant)",
      code: lines("FROM rust:1.79.0 AS builder", "COPY . .", "# Include git commit into the binary", "ARG GIT_COMMIT_ID", "RUN cargo build --release --bin qdrant", "RUN mkdir /static"),
    },
    { name: "the first use is an ENV that copies it", code: lines("FROM elixir:1.17.1", "ARG GIT_SHA=unknown", "ENV GIT_SHA=${GIT_SHA}", "RUN mix deps.get") },
    { name: "the first use is a COPY", code: lines("FROM alpine:3.20", "ARG BUILD_ID", "COPY dist/${BUILD_ID}/app /app", "RUN /app --version") },
    {
      name: "a date ARG right above the apt-get upgrade it refreshes, nothing costly after",
      code: lines("FROM debian:bookworm-slim", "ARG BUILD_DATE", "RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*", "RUN useradd --create-home app", "COPY app /app", "USER app"),
    },
    { name: "a cheap first use with only cheap steps after it", code: lines("FROM alpine:3.20", "ARG GIT_SHA", 'RUN echo "$GIT_SHA" > /REVISION', "RUN mkdir -p /data && chown 1000 /data", "COPY app /app") },
    { name: "an ENV copy at the end of the stage, for the running container", code: lines("FROM node:20.11.1", "RUN npm ci", "ARG GIT_SHA", "ENV GIT_SHA=${GIT_SHA}", 'CMD ["node", "server.js"]') },
    { name: "global ARGs are not in RUN environments", code: lines("ARG BUILD_DATE", "FROM alpine:3.20", "RUN apk add --no-cache curl") },
    { name: "ONBUILD RUN does not run in this build", code: lines("FROM alpine:3.20", "ARG BUILD_NUMBER", "ONBUILD RUN make", "LABEL build=$BUILD_NUMBER") },
    {
      name: "cmd in a Windows stage reads %BUILD_ID%",
      code: lines("# escape=`", "FROM mcr.microsoft.com/windows/servercore:ltsc2022", 'SHELL ["cmd", "/S", "/C"]', "ARG BUILD_ID", "RUN echo %build_id% > C:\\build.txt"),
    },
  ],
  invalid: [
    {
      name: "a RUN that does not use it sits between the ARG and its first use",
      code: lines("FROM golang:1.22.5", "ARG GIT_COMMIT", "RUN apk add --no-cache git", 'RUN go build -ldflags "-X main.commit=${GIT_COMMIT}" ./cmd/app'),
      errors: [
        {
          messageId: "volatileArg",
          data: { name: "GIT_COMMIT", runLine: "3", advice: "" },
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 15,
          suggestions: [
            {
              messageId: "moveArg",
              data: { name: "GIT_COMMIT", where: "to just before its first use, the RUN on line 4" },
              output: lines("FROM golang:1.22.5", "RUN apk add --no-cache git", "ARG GIT_COMMIT", 'RUN go build -ldflags "-X main.commit=${GIT_COMMIT}" ./cmd/app'),
            },
          ],
        },
      ],
    },
    {
      name: "declared at the top, used by a LABEL at the end (jenkins)",
      code: lines("FROM eclipse-temurin:21.0.3_9-jdk", "ARG COMMIT_SHA", "ARG user=jenkins", "RUN useradd -m ${user}", "RUN apt-get update && apt-get install -y git", "LABEL org.opencontainers.image.revision=\"${COMMIT_SHA}\""),
      errors: [
        {
          messageId: "volatileArg",
          data: { name: "COMMIT_SHA", runLine: "4", advice: "" },
          suggestions: [
            {
              messageId: "moveArg",
              output: lines("FROM eclipse-temurin:21.0.3_9-jdk", "ARG user=jenkins", "RUN useradd -m ${user}", "RUN apt-get update && apt-get install -y git", "ARG COMMIT_SHA", "LABEL org.opencontainers.image.revision=\"${COMMIT_SHA}\""),
            },
          ],
        },
      ],
    },
    {
      name: "a LABEL at the top keeps the ARG in every later RUN: both move to the end (linuxserver)",
      code: lines(
        "FROM ubuntu:24.04",
        "ARG BUILD_DATE",
        "ARG VERSION",
        'LABEL build_version="version:- ${VERSION} Build-date:- ${BUILD_DATE}"',
        'LABEL maintainer="TheLamer"',
        "RUN apt-get update && apt-get install -y curl",
        'ENTRYPOINT ["/init"]',
      ),
      errors: [
        {
          messageId: "volatileArg",
          data: {
            name: "BUILD_DATE",
            runLine: "6",
            advice: "; only metadata uses it",
          },
          line: 2,
          suggestions: [
            {
              messageId: "moveArgWithLabels",
              data: { name: "BUILD_DATE", labelLines: "4", where: "to the end of the stage" },
              output: lines(
                "FROM ubuntu:24.04",
                "ARG VERSION",
                'LABEL maintainer="TheLamer"',
                "RUN apt-get update && apt-get install -y curl",
                'ENTRYPOINT ["/init"]',
                "ARG BUILD_DATE",
                'LABEL build_version="version:- ${VERSION} Build-date:- ${BUILD_DATE}"',
              ),
            },
          ],
        },
      ],
    },
    {
      name: "a LABEL at the top and a later build step that uses it (tensorflow serving devel)",
      code: lines(
        "FROM ubuntu:22.04 AS base_build",
        "ARG TF_SERVING_VERSION_GIT_COMMIT=HEAD",
        "LABEL tensorflow_serving_github_commit=${TF_SERVING_VERSION_GIT_COMMIT}",
        "RUN apt-get update && apt-get install -y git",
        "RUN git clone https://github.com/tensorflow/serving && \\",
        "    git -C serving checkout ${TF_SERVING_VERSION_GIT_COMMIT}",
      ),
      errors: [
        {
          messageId: "volatileArg",
          data: {
            name: "TF_SERVING_…GIT_COMMIT",
            runLine: "4",
            advice: "; only metadata uses it",
          },
          suggestions: [
            {
              messageId: "moveArgWithLabels",
              output: lines(
                "FROM ubuntu:22.04 AS base_build",
                "RUN apt-get update && apt-get install -y git",
                "ARG TF_SERVING_VERSION_GIT_COMMIT=HEAD",
                "LABEL tensorflow_serving_github_commit=${TF_SERVING_VERSION_GIT_COMMIT}",
                "RUN git clone https://github.com/tensorflow/serving && \\",
                "    git -C serving checkout ${TF_SERVING_VERSION_GIT_COMMIT}",
              ),
            },
          ],
        },
      ],
    },
    {
      name: "real world: ENV GIT_SHA=${GIT_SHA} at the top of a stage keeps the value in every later RUN",
      code: lines(
        "FROM node:20.11.1-bookworm-slim",
        "ARG GIT_SHA",
        "ENV GIT_SHA=${GIT_SHA}",
        "RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*",
        "WORKDIR /app",
        "COPY package.json package-lock.json ./",
        "RUN npm ci",
        "COPY . .",
        'RUN echo "$GIT_SHA" > REVISION && npm run build',
      ),
      errors: [
        {
          messageId: "volatileArg",
          line: 2,
          column: 5,
          endColumn: 12,
          data: { name: "GIT_SHA", runLine: "4", advice: "; the ENV on line 3 copies it" },
          suggestions: [],
        },
      ],
    },
    {
      name: "an ENV copy under another name that nothing refers to goes to the end of the stage",
      code: lines("FROM python:3.12-slim", "ARG SOURCE_COMMIT", "ENV APP_REVISION=$SOURCE_COMMIT", "RUN apt-get update && apt-get install -y --no-install-recommends libpq5", "COPY . /app", 'CMD ["gunicorn", "app:app"]'),
      errors: [{ messageId: "volatileArg", data: { name: "SOURCE_COMMIT", runLine: "4", advice: "; the ENV on line 3 copies it" }, suggestions: [] }],
    },
    {
      name: "a cheap first use above the costly steps: they still get the value in their environment",
      code: lines(
        "FROM golang:1.22-bookworm",
        "ARG GIT_COMMIT",
        'RUN echo "$GIT_COMMIT" > /etc/revision',
        "RUN apt-get update && apt-get install -y --no-install-recommends protobuf-compiler",
        "WORKDIR /src",
        "COPY . .",
        "RUN go build -o /out/app ./cmd/app",
      ),
      errors: [
        {
          messageId: "volatileArg",
          line: 2,
          data: {
            name: "GIT_COMMIT",
            runLine: "4",
            advice: "; line 3 uses it too early",
          },
          suggestions: [],
        },
      ],
    },
    {
      name: "a date ARG above an upgrade is still reported when costly steps follow",
      code: lines("FROM debian:bookworm-slim", "ARG BUILD_DATE", "RUN apt-get update && apt-get upgrade -y", "RUN apt-get install -y --no-install-recommends build-essential"),
      errors: [{ messageId: "volatileArg", data: { name: "BUILD_DATE", runLine: "3", advice: "; nothing uses it" }, suggestions: [{ messageId: "removeArg", output: lines("FROM debian:bookworm-slim", "RUN apt-get update && apt-get upgrade -y", "RUN apt-get install -y --no-install-recommends build-essential") }] }],
    },
    {
      name: "nothing uses it and only package managers run after it (confluent kafka builder stage)",
      code: lines(
        "FROM registry.access.redhat.com/ubi9:9.4 AS builder",
        "ARG BUILD_NUMBER=-1",
        "ARG CONFLUENT_VERSION",
        'RUN echo "===> Adding repository" && rpm --import https://packages.confluent.io/rpm/archive.key && mkdir -p /microdir',
        "RUN dnf install -y --installroot=/microdir confluent-kafka-${CONFLUENT_VERSION} && dnf clean all",
        "FROM registry.access.redhat.com/ubi9-micro:9.4",
        "COPY --from=builder /microdir/ /",
      ),
      errors: [
        {
          messageId: "volatileArg",
          data: { name: "BUILD_NUMBER", runLine: "4", advice: "; nothing uses it" },
          suggestions: [
            {
              messageId: "removeArg",
              data: { name: "BUILD_NUMBER" },
              output: lines(
                "FROM registry.access.redhat.com/ubi9:9.4 AS builder",
                "ARG CONFLUENT_VERSION",
                'RUN echo "===> Adding repository" && rpm --import https://packages.confluent.io/rpm/archive.key && mkdir -p /microdir',
                "RUN dnf install -y --installroot=/microdir confluent-kafka-${CONFLUENT_VERSION} && dnf clean all",
                "FROM registry.access.redhat.com/ubi9-micro:9.4",
                "COPY --from=builder /microdir/ /",
              ),
            },
          ],
        },
      ],
    },
    {
      name: "nothing uses one name of a multi-name ARG: that name moves to the end of the stage, the others stay",
      code: lines("FROM alpine:3.20", "ARG BUILD_NUMBER APP_HOME=/app", "RUN apk add --no-cache curl", "WORKDIR $APP_HOME", "COPY . ."),
      errors: [
        {
          messageId: "volatileArg",
          line: 2,
          data: { name: "BUILD_NUMBER", runLine: "3", advice: "; nothing uses it" },
          suggestions: [
            {
              messageId: "moveArg",
              data: { name: "BUILD_NUMBER", where: "to the end of the stage" },
              output: lines("FROM alpine:3.20", "ARG APP_HOME=/app", "RUN apk add --no-cache curl", "WORKDIR $APP_HOME", "COPY . .", "ARG BUILD_NUMBER"),
            },
          ],
        },
      ],
    },
    {
      name: "nothing refers to it: it moves before the first RUN that may read it from its environment",
      code: lines("FROM golang:1.22.5", "ARG GIT_COMMIT", "RUN apk add --no-cache make git", "COPY . .", "RUN make build"),
      errors: [
        {
          messageId: "volatileArg",
          data: { name: "GIT_COMMIT", runLine: "3", advice: "" },
          suggestions: [{ messageId: "moveArg", output: lines("FROM golang:1.22.5", "RUN apk add --no-cache make git", "COPY . .", "ARG GIT_COMMIT", "RUN make build") }],
        },
      ],
    },
    {
      name: "removing the first name of a multi-name ARG over a continuation",
      code: lines("FROM alpine:3.20", "ARG BUILD_DATE VERSION=1 \\", "    VCS_REF", "RUN apk add --no-cache curl", "LABEL created=$BUILD_DATE version=$VERSION revision=$VCS_REF"),
      errors: [
        {
          messageId: "volatileArg",
          line: 2,
          column: 5,
          endColumn: 15,
          suggestions: [
            {
              messageId: "moveArg",
              output: lines("FROM alpine:3.20", "ARG VERSION=1 \\", "    VCS_REF", "RUN apk add --no-cache curl", "ARG BUILD_DATE", "LABEL created=$BUILD_DATE version=$VERSION revision=$VCS_REF"),
            },
          ],
        },
        {
          messageId: "volatileArg",
          line: 3,
          column: 5,
          endColumn: 12,
          suggestions: [
            {
              messageId: "moveArg",
              output: lines("FROM alpine:3.20", "ARG BUILD_DATE VERSION=1", "RUN apk add --no-cache curl", "ARG VCS_REF", "LABEL created=$BUILD_DATE version=$VERSION revision=$VCS_REF"),
            },
          ],
        },
      ],
    },
    {
      name: "lowercase keyword, indentation and camelCase name",
      code: lines("from node:20.11.1", "  arg buildDate", "  run npm ci", '  label created="$buildDate"'),
      errors: [
        {
          messageId: "volatileArg",
          data: { name: "buildDate", runLine: "3", advice: "" },
          suggestions: [{ messageId: "moveArg", output: lines("from node:20.11.1", "  run npm ci", "  arg buildDate", '  label created="$buildDate"') }],
        },
      ],
    },
    {
      name: "CRLF line endings are kept",
      code: "FROM alpine:3.20\r\nARG VCS_REF\r\nRUN apk add --no-cache curl\r\nLABEL revision=$VCS_REF\r\n",
      errors: [{ messageId: "volatileArg", line: 2, suggestions: [{ messageId: "moveArg", output: "FROM alpine:3.20\r\nRUN apk add --no-cache curl\r\nARG VCS_REF\r\nLABEL revision=$VCS_REF\r\n" }] }],
    },
    {
      name: "backtick escape, CRLF and a RUN over a continuation",
      code: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nARG BUILD_NUMBER\r\nRUN powershell -Command `\r\n    Install-WindowsFeature Web-Server\r\nLABEL build=$BUILD_NUMBER\r\n",
      errors: [
        {
          messageId: "volatileArg",
          line: 3,
          suggestions: [{ messageId: "moveArg", output: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nRUN powershell -Command `\r\n    Install-WindowsFeature Web-Server\r\nARG BUILD_NUMBER\r\nLABEL build=$BUILD_NUMBER\r\n" }],
        },
      ],
    },
    {
      name: "heredoc RUN between, in the second stage of a multi-stage file",
      code: lines(
        "FROM golang:1.22.5 AS build",
        "ARG GIT_SHA",
        'RUN go build -ldflags "-X main.sha=$GIT_SHA" -o /app .',
        "FROM alpine:3.20",
        "ARG GIT_SHA",
        "RUN <<EOF",
        "apk add --no-cache ca-certificates",
        "EOF",
        "COPY --from=build /app /app",
        "LABEL revision=$GIT_SHA",
      ),
      errors: [
        {
          messageId: "volatileArg",
          line: 5,
          data: { name: "GIT_SHA", runLine: "6", advice: "" },
          suggestions: [
            {
              messageId: "moveArg",
              output: lines(
                "FROM golang:1.22.5 AS build",
                "ARG GIT_SHA",
                'RUN go build -ldflags "-X main.sha=$GIT_SHA" -o /app .',
                "FROM alpine:3.20",
                "RUN <<EOF",
                "apk add --no-cache ca-certificates",
                "EOF",
                "COPY --from=build /app /app",
                "ARG GIT_SHA",
                "LABEL revision=$GIT_SHA",
              ),
            },
          ],
        },
      ],
    },
    {
      name: "custom pattern option",
      code: lines("FROM alpine:3.20", "ARG RELEASE_STAMP", "RUN apk add --no-cache curl", "LABEL stamp=$RELEASE_STAMP"),
      options: [{ pattern: "_stamp$" }],
      errors: [{ messageId: "volatileArg", suggestions: [{ messageId: "moveArg", output: lines("FROM alpine:3.20", "RUN apk add --no-cache curl", "ARG RELEASE_STAMP", "LABEL stamp=$RELEASE_STAMP") }] }],
    },
    {
      name: "no suggestion when the default reads a variable redefined on the way",
      code: lines("FROM alpine:3.20", "ARG PREFIX=a", "ARG BUILD_ID=${PREFIX}-1", "RUN apk add --no-cache curl", "ARG PREFIX=b", "LABEL id=$BUILD_ID"),
      errors: [{ messageId: "volatileArg", line: 3, suggestions: [] }],
    },
    {
      name: "no suggestion when a moved LABEL's other variable changes on the way",
      code: lines("FROM alpine:3.20", "ARG BUILD_DATE", "ARG FLAVOR=slim", 'LABEL build="${FLAVOR} ${BUILD_DATE}"', "RUN apk add --no-cache curl", "ENV FLAVOR=full"),
      errors: [{ messageId: "volatileArg", line: 2, suggestions: [] }],
    },
    {
      name: "real world: podinfo final stage declares ARGs nothing uses",
      code: lines(
        "FROM alpine:3.24",
        "ARG BUILD_DATE",
        "ARG VERSION",
        'LABEL maintainer="stefanprodan"',
        "RUN addgroup -S app && adduser -S -G app app && apk --no-cache add ca-certificates curl netcat-openbsd",
        "WORKDIR /home/app",
        "COPY --from=builder /podinfo/bin/podinfo .",
        "RUN chown -R app:app ./",
        "USER app",
        'CMD ["./podinfo"]',
      ),
      errors: [
        {
          messageId: "volatileArg",
          line: 2,
          data: { name: "BUILD_DATE", runLine: "5", advice: "; nothing uses it" },
          suggestions: [
            {
              messageId: "removeArg",
              output: lines(
                "FROM alpine:3.24",
                "ARG VERSION",
                'LABEL maintainer="stefanprodan"',
                "RUN addgroup -S app && adduser -S -G app app && apk --no-cache add ca-certificates curl netcat-openbsd",
                "WORKDIR /home/app",
                "COPY --from=builder /podinfo/bin/podinfo .",
                "RUN chown -R app:app ./",
                "USER app",
                'CMD ["./podinfo"]',
              ),
            },
          ],
        },
      ],
    },
  ],
});
