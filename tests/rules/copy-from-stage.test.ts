import rule from "../../rules/copy-from-stage.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("copy-from-stage", rule, {
  valid: [
    { name: "an earlier stage by name (hadolint)", code: lines("FROM scratch as build", "RUN foo", "FROM node", "COPY --from=build foo .", "RUN baz") },
    { name: "an external image with a tag (hadolint)", code: lines("FROM alpine:3.20", "COPY --from=haskell:latest bar .") },
    { name: "an earlier stage by index (hadolint)", code: lines("FROM scratch as build", "RUN foo", "FROM node", "COPY --from=0 foo .") },
    { name: "an earlier unnamed stage by index (hadolint)", code: lines("FROM scratch", "RUN foo", "FROM node", "COPY --from=0 foo .") },
    { name: "stage names compare case-insensitively", code: lines("FROM golang:1.22 AS Build", "FROM alpine:3.20", "COPY --from=BUILD /out /out") },
    { name: "an image with a registry", code: lines("FROM alpine:3.20", "COPY --from=ghcr.io/org/tools /bin/tool /bin/tool") },
    { name: "an image with a namespace", code: lines("FROM alpine:3.20", "COPY --from=tonistiigi/xx / /") },
    { name: "an image with a digest", code: lines("FROM alpine:3.20", `COPY --from=busybox@sha256:${"a".repeat(64)} /bin/busybox /bin/`) },
    { name: "a named build context from the option", code: lines("FROM alpine:3.20", "COPY --from=src /app /app"), options: [{ namedContexts: ["src"] }] },
    { name: "mount from an earlier stage", code: lines("FROM node:20 AS deps", "RUN npm ci", "FROM node:20", "RUN --mount=type=bind,from=deps,source=/app/node_modules,target=/app/node_modules npm test") },
    { name: "mount from an image", code: lines("FROM alpine:3.20", "RUN --mount=from=busybox:1.36,src=/bin/busybox,target=/bb /bb --help") },
    { name: "a mount without from", code: lines("FROM alpine:3.20", "RUN --mount=type=cache,target=/root/.cache true") },
    { name: "ONBUILD names stages of the child build", code: lines("FROM alpine:3.20", "ONBUILD COPY --from=build /out /out") },
    { name: "COPY without --from", code: lines("FROM alpine:3.20", "COPY . /app") },
    { name: "lower-case instructions", code: lines("from golang:1.22 as build", "from alpine:3.20", "copy --from=build /out /out") },
    {
      name: "real world: Go binary into distroless",
      code: lines("FROM --platform=$BUILDPLATFORM golang:1.22 AS builder", "WORKDIR /src", "COPY . .", "RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app", "FROM gcr.io/distroless/static-debian12:nonroot", "COPY --from=builder /out/app /app", 'ENTRYPOINT ["/app"]'),
    },
  ],
  invalid: [
    {
      name: "a missing stage (hadolint)",
      code: lines("FROM alpine:3.20", "COPY --from=foo bar ."),
      errors: [{ messageId: "missingStage", line: 2, column: 13, endColumn: 16, data: { what: "COPY --from", value: "foo", stage: "", line: "", hint: "", count: "1", suggestion: "" }, suggestions: [] }],
    },
    {
      name: "a stage defined after (hadolint)",
      code: lines("FROM scratch", "COPY --from=build foo .", "FROM node as build", "RUN baz"),
      errors: [{ messageId: "laterStage", line: 2, data: { what: "COPY --from", value: "build", stage: "build", line: "3", hint: "", count: "2", suggestion: "" } }],
    },
    {
      name: "a stage index that does not exist (hadolint)",
      code: lines("FROM alpine:3.20", "COPY --from=1 bar ."),
      errors: [{ messageId: "missingIndex", data: { what: "COPY --from", value: "1", stage: "", line: "", hint: "", count: "1", suggestion: "" } }],
    },
    {
      name: "COPY --from before any stage (hadolint)",
      code: "COPY --from=0 bar .",
      errors: [{ messageId: "missingIndex" }],
    },
    {
      name: "copying from its own stage by name (hadolint DL3023)",
      code: lines("FROM node as foo", "COPY --from=foo bar ."),
      errors: [{ messageId: "selfReference", line: 2, column: 13, endColumn: 16 }],
    },
    {
      name: "copying from its own stage by index",
      code: lines("FROM node:20", "FROM alpine:3.20", "COPY --from=1 /a /a"),
      errors: [{ messageId: "selfReference" }],
    },
    {
      name: "a later stage by index",
      code: lines("FROM node:20", "COPY --from=1 /a /a", "FROM alpine:3.20 AS final"),
      errors: [{ messageId: "laterStage", data: { what: "COPY --from", value: "1", stage: "final", line: "3", hint: "", count: "2", suggestion: "" } }],
    },
    {
      name: "a typo of an earlier stage, with a suggestion",
      code: lines("FROM golang:1.22 AS builder", "FROM alpine:3.20", "COPY --from=bulider /out/app /app"),
      errors: [
        {
          messageId: "missingStage",
          data: { what: "COPY --from", value: "bulider", stage: "", line: "", hint: " (did you mean 'builder'?)", count: "2", suggestion: "" },
          suggestions: [{ messageId: "suggestRename", data: { suggestion: "builder" }, output: lines("FROM golang:1.22 AS builder", "FROM alpine:3.20", "COPY --from=builder /out/app /app") }],
        },
      ],
    },
    {
      name: "a variable, which BuildKit does not substitute in --from",
      code: lines("ARG BUILDER=golang:1.22", "FROM alpine:3.20", "COPY --from=${BUILDER} /usr/local/go /usr/local/go"),
      errors: [{ messageId: "variable", line: 3, column: 13, endColumn: 23 }],
    },
    {
      name: "a variable in a mount's from=",
      code: lines("FROM alpine:3.20", "RUN --mount=type=bind,from=$TOOLS,target=/t ls /t"),
      errors: [{ messageId: "variable", data: { what: "The mount's from=", value: "$TOOLS", stage: "", line: "", hint: "", count: "1", suggestion: "" } }],
    },
    {
      name: "mount from a missing stage",
      code: lines("FROM node:20 AS deps", "FROM node:20", "RUN --mount=type=bind,from=dep,target=/d ls /d"),
      errors: [{ messageId: "missingStage", column: 28, endColumn: 31, suggestions: [{ messageId: "suggestRename", output: lines("FROM node:20 AS deps", "FROM node:20", "RUN --mount=type=bind,from=deps,target=/d ls /d") }] }],
    },
    {
      name: "named contexts are compared case-insensitively, others still reported",
      code: lines("FROM alpine:3.20", "COPY --from=SRC /a /a", "COPY --from=docs /b /b"),
      options: [{ namedContexts: ["src"] }],
      errors: [{ messageId: "missingStage", line: 3 }],
    },
    {
      name: "line continuation, backtick escape and CRLF",
      code: "# escape=`\r\nFROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\r\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\r\nCOPY `\r\n  --from=biuld /app /app\r\n",
      errors: [
        {
          messageId: "missingStage",
          line: 5,
          column: 10,
          endColumn: 15,
          suggestions: [{ messageId: "suggestRename", output: "# escape=`\r\nFROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\r\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\r\nCOPY `\r\n  --from=build /app /app\r\n" }],
        },
      ],
    },
    {
      name: "real world: a --from that names no stage (docker/compose's license-update target)",
      code: lines("FROM golang:1.24-alpine AS base", "FROM base AS license-set", "RUN addlicense -c 'Docker Compose CLI' .", "FROM scratch AS license-update", "COPY --from=set /out /"),
      errors: [{ messageId: "missingStage", line: 5, suggestions: [] }],
    },
  ],
});
