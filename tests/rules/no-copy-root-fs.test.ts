import rule from "../../rules/no-copy-root-fs.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("no-copy-root-fs", rule, {
  valid: [
    { name: "root without --from (hadolint)", code: "COPY / /" },
    { name: "a directory from another stage (hadolint)", code: "COPY --from=build /app /" },
    { name: "root into a subdirectory (hadolint)", code: "COPY --from=build / /app" },
    { name: "flattening into an empty stage", code: lines("FROM ubuntu:24.04 AS build", "RUN apt-get update && apt-get install -y curl", "FROM scratch", "COPY --from=build / /") },
    { name: "flattening into a stage built on an empty one", code: lines("FROM debian:12 AS rootfs", "FROM scratch AS empty", "FROM empty", "COPY --from=rootfs / /") },
    { name: "a stage built FROM scratch holds only exported files", code: lines("FROM golang:1.22 AS build", "RUN go build -o /out/app .", "FROM scratch AS export", "COPY --from=build /out/app /app", "FROM alpine:3.20", "COPY --from=export / /") },
    { name: "tonistiigi/xx is made to be copied whole", code: lines("FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.6.1 AS xx", "FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS base", "COPY --from=xx / /") },
    { name: "an allowed image copied directly", code: lines("FROM alpine:3.20", "COPY --from=crazymax/yasu / /") },
    { name: "allow option", code: lines("FROM alpine:3.20", "COPY --from=registry.example.com/tools/rootfs:1 / /"), options: [{ allow: ["registry.example.com/tools/*"] }] },
    { name: "a stage whose base is decided at build time", code: lines("ARG BASE", "FROM ${BASE} AS build", "FROM alpine:3.20", "COPY --from=build / /") },
    { name: "a variable in --from is copy-from-stage's concern", code: lines("FROM alpine:3.20", "COPY --from=$STAGE / /") },
  ],
  invalid: [
    {
      name: "root of another stage to root (hadolint)",
      code: "COPY --from=build / /",
      errors: [{ messageId: "rootCopy", line: 1, column: 6, endColumn: 22, data: { from: "build" } }],
    },
    {
      name: "quoted root paths (hadolint)",
      code: 'COPY --from=build "/" "/"',
      errors: [{ messageId: "rootCopy" }],
    },
    {
      name: "an OS stage copied over another stage",
      code: lines("FROM alpine:3.20 AS jemalloc-build", "RUN apk add --no-cache build-base", "FROM alpine:3.20", "COPY --link --from=jemalloc-build / /"),
      errors: [{ messageId: "rootCopy", line: 4, column: 13, endColumn: 38, data: { from: "jemalloc-build" } }],
    },
    {
      name: "by stage index, root written as /. and //",
      code: lines("FROM debian:12", "FROM debian:12-slim", "COPY --from=0 /. //"),
      errors: [{ messageId: "rootCopy", data: { from: "0" } }],
    },
    {
      name: "an image that is not allowed",
      code: lines("FROM alpine:3.20", "COPY --from=ubuntu:24.04 / /"),
      errors: [{ messageId: "rootCopy", data: { from: "ubuntu:24.04" } }],
    },
    {
      name: "the default allow list is replaced by the option",
      code: lines("FROM alpine:3.20", "COPY --from=tonistiigi/xx / /"),
      options: [{ allow: [] }],
      errors: [{ messageId: "rootCopy" }],
    },
    {
      name: "exec form",
      code: lines("FROM alpine:3.20 AS a", "FROM alpine:3.20", 'COPY --from=a ["/", "/"]'),
      errors: [{ messageId: "rootCopy", line: 3 }],
    },
    {
      name: "continuation, lower case, CRLF",
      code: "from alpine:3.20 as a\r\nfrom alpine:3.20\r\ncopy --from=a \\\r\n  / /\r\n",
      errors: [{ messageId: "rootCopy", line: 3, column: 6, endLine: 4, endColumn: 6 }],
    },
    {
      name: "real world: home-assistant style merge of a full build stage",
      code: lines("ARG BUILD_FROM=ghcr.io/home-assistant/base:3.23", "FROM ${BUILD_FROM} AS build", "RUN ./configure && make install", "FROM ${BUILD_FROM}", "COPY --from=build / /"),
      errors: [{ messageId: "rootCopy", line: 5 }],
    },
  ],
});
