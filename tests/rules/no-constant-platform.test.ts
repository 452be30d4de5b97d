import rule from "../../rules/no-constant-platform.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("no-constant-platform", rule, {
  valid: [
    { name: "no platform flag (hadolint)", code: "FROM debian:jessie" },
    { name: "$BUILDPLATFORM (hadolint)", code: "FROM --platform=$BUILDPLATFORM debian:jessie" },
    { name: "quoted \"$BUILDPLATFORM\" (hadolint)", code: 'FROM --platform="$BUILDPLATFORM" debian:jessie' },
    { name: "${BUILDPLATFORM} (hadolint)", code: "FROM --platform=${BUILDPLATFORM} debian:jessie" },
    { name: "${BUILDPLATFORM:-} (hadolint)", code: "FROM --platform=${BUILDPLATFORM:-} debian:jessie" },
    { name: "$TARGETPLATFORM (hadolint)", code: "FROM --platform=$TARGETPLATFORM debian:jessie" },
    { name: "OS and architecture from variables", code: "FROM --platform=$TARGETOS/$TARGETARCH alpine:3.20" },
    { name: "any variable makes it not constant, even a global ARG with a default (BuildKit)", code: lines("ARG PLATFORM=linux/amd64", "FROM --platform=$PLATFORM alpine:3.20") },
    { name: "stage name holds the architecture (BuildKit)", code: "FROM --platform=linux/amd64 scratch AS my_amd64_stage" },
    { name: "stage name holds the OS (BuildKit)", code: "FROM --platform=linux/amd64 scratch AS linux" },
    { name: "architecture alias is normalised before comparing with the stage name", code: "FROM --platform=linux/aarch64 alpine:3.20 AS build-arm64" },
    {
      name: "per-architecture stages selected by TARGETARCH (BuildKit docs)",
      code: lines("FROM --platform=linux/amd64 alpine:3.20 AS build_amd64", "FROM --platform=linux/arm64 alpine:3.20 AS build_arm64", "FROM build_${TARGETARCH} AS build"),
    },
    { name: "a value that is not a platform fails the build instead", code: "FROM --platform=not-a-platform alpine:3.20" },
  ],
  invalid: [
    {
      name: "constant platform (BuildKit)",
      code: "FROM --platform=linux/amd64 scratch",
      errors: [{ messageId: "constantPlatform", line: 1, column: 17, endColumn: 28, data: { platform: "linux/amd64", arch: "amd64" } }],
    },
    {
      name: "OS alone (hadolint)",
      code: "FROM --platform=linux debian:jessie",
      errors: [{ messageId: "constantPlatform", column: 17, endColumn: 22 }],
    },
    {
      name: "stage name that names another platform",
      code: "FROM --platform=linux/arm64 alpine:3.20 AS build_amd64",
      errors: [{ messageId: "constantPlatform" }],
    },
    {
      name: "stage name comparison is case-sensitive, as in BuildKit",
      code: "FROM --platform=linux/amd64 alpine:3.20 AS BUILD_AMD64",
      errors: [{ messageId: "constantPlatform" }],
    },
    {
      name: "quoted constant",
      code: 'FROM --platform="linux/arm/v7" alpine:3.20 AS base',
      errors: [{ messageId: "constantPlatform", data: { platform: "linux/arm/v7", arch: "arm" } }],
    },
    {
      name: "lower-case FROM, flag on a continuation line, CRLF",
      code: "from \\\r\n  --platform=linux/amd64 \\\r\n  node:20 as web\r\n",
      errors: [{ messageId: "constantPlatform", line: 2, column: 14, endColumn: 25 }],
    },
    {
      name: "real world: a pinned amd64 toolchain stage in a multi-stage build",
      code: lines("FROM --platform=linux/amd64 ghcr.io/cross-rs/x86_64-unknown-linux-gnu:0.2.5 AS cross", "FROM debian:12-slim", "COPY --from=cross /usr/local/bin /usr/local/bin"),
      errors: [{ messageId: "constantPlatform", line: 1 }],
    },
  ],
});
