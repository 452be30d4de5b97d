import rule from "../../rules/no-redundant-target-platform.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("no-redundant-target-platform", rule, {
  valid: [
    { name: "no --platform (hadolint)", code: "FROM alpine:3.24" },
    { name: "another variable (hadolint)", code: "FROM --platform=$FOOBAR alpine:3.24" },
    { name: "a constant (hadolint)", code: "FROM --platform=foobar alpine:3.24" },
    { name: "a constant platform (hadolint)", code: "FROM --platform=foobar/arm64 alpine:3.24" },
    { name: "$BUILDPLATFORM changes the platform", code: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build" },
    { name: "TARGETPLATFORM with more text is another platform", code: "FROM --platform=${TARGETPLATFORM}/v2 alpine:3.20" },
    { name: "TARGETPLATFORM with another variable (BuildKit: only one variable)", code: "FROM --platform=${TARGETPLATFORM}${SUFFIX} alpine:3.20" },
    { name: "a global ARG gives TARGETPLATFORM its own default: the flag changes the platform", code: lines("ARG TARGETPLATFORM=linux/arm64", "FROM --platform=$TARGETPLATFORM alpine:3.20") },
    { name: "${TARGETOS}/${TARGETARCH} is not flagged", code: "FROM --platform=${TARGETOS}/${TARGETARCH} alpine:3.20" },
    { name: "a default for builders without BuildKit is kept (openfaas templates)", code: "FROM --platform=${TARGETPLATFORM:-linux/amd64} ghcr.io/openfaas/of-watchdog:0.10.9 AS watchdog" },
  ],
  invalid: [
    {
      name: "$TARGETPLATFORM (BuildKit)",
      code: "FROM --platform=$TARGETPLATFORM scratch",
      output: "FROM scratch",
      errors: [{ messageId: "redundantPlatform", line: 1, column: 6, endColumn: 32, data: { value: "$TARGETPLATFORM" } }],
    },
    {
      name: "${TARGETPLATFORM} (BuildKit)",
      code: "FROM --platform=${TARGETPLATFORM} alpine:3.24 AS builder\nRUN apk add --no-cache git",
      output: "FROM alpine:3.24 AS builder\nRUN apk add --no-cache git",
      errors: [{ messageId: "redundantPlatform", data: { value: "${TARGETPLATFORM}" } }],
    },
    {
      name: "quoted",
      code: 'FROM --platform="$TARGETPLATFORM" alpine:3.20',
      output: "FROM alpine:3.20",
      errors: [{ messageId: "redundantPlatform" }],
    },
    {
      name: "global ARG TARGETPLATFORM without a default only imports it",
      code: lines("ARG TARGETPLATFORM", "FROM --platform=$TARGETPLATFORM alpine:3.20"),
      output: lines("ARG TARGETPLATFORM", "FROM alpine:3.20"),
      errors: [{ messageId: "redundantPlatform", line: 2 }],
    },
    {
      name: "flag before a line continuation keeps the continuation",
      code: lines("FROM --platform=$TARGETPLATFORM \\", "  alpine:3.20 AS base"),
      output: lines("FROM \\", "  alpine:3.20 AS base"),
      errors: [{ messageId: "redundantPlatform" }],
    },
    {
      name: "backtick escape, CRLF and lower case",
      code: "# escape=`\r\nfrom --platform=$TARGETPLATFORM `\r\n  mcr.microsoft.com/windows/nanoserver:ltsc2022 as base\r\n",
      output: "# escape=`\r\nfrom `\r\n  mcr.microsoft.com/windows/nanoserver:ltsc2022 as base\r\n",
      errors: [{ messageId: "redundantPlatform", line: 2 }],
    },
    {
      name: "real world: tianon-style image stage with the redundant flag",
      code: lines("FROM --platform=$BUILDPLATFORM golang:1.22 AS build", "RUN go build -o /out/app .", "FROM --platform=$TARGETPLATFORM debian:12-slim", "COPY --from=build /out/app /usr/local/bin/app"),
      output: lines("FROM --platform=$BUILDPLATFORM golang:1.22 AS build", "RUN go build -o /out/app .", "FROM debian:12-slim", "COPY --from=build /out/app /usr/local/bin/app"),
      errors: [{ messageId: "redundantPlatform", line: 3 }],
    },
  ],
});
