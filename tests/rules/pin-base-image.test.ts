import rule from "../../rules/pin-base-image.js";
import { lines, ruleTester } from "../rule-tester.js";

const DIGEST = `sha256:${"a1".repeat(32)}`;

ruleTester.run("pin-base-image", rule, {
  valid: [
    { name: "version tag", code: "FROM node:20.11.1-bookworm-slim" },
    { name: "scratch is not an image", code: "FROM scratch" },
    { name: "quoted image with a tag", code: 'FROM "gcr.io/distroless/static:nonroot"' },
    { name: "digest without tag", code: `FROM ruby@${DIGEST}` },
    { name: "latest tag with a digest is pinned by the digest", code: `FROM registry.example/debian:latest@${DIGEST}` },
    { name: "earlier stage name, any case", code: lines("FROM golang:1.22 AS Build", "FROM build AS test", "FROM alpine:3.20") },
    { name: "registry port with a tag", code: "FROM localhost:5000/team/app:1.4.2" },
    { name: "ARG default resolves to a version", code: lines("ARG V=3.12.4", "FROM python:${V}-slim") },
    { name: "${X:-default} resolves to its default", code: lines("ARG TAG", "FROM alpine:${TAG:-3.20}") },
    { name: "variable with no default is not this rule's concern", code: lines("ARG BASE", "FROM ${BASE}") },
    { name: "undeclared variable is not this rule's concern", code: "FROM ${REGISTRY}/app" },
    { name: "whole image from an ARG default", code: lines("ARG IMAGE=alpine:3.12", "FROM $IMAGE") },
    { name: "COPY --from a stage by name", code: lines("FROM golang:1.22 AS builder", "FROM alpine:3.20", "COPY --from=Builder /out /out") },
    { name: "COPY --from a stage by index", code: lines("FROM golang:1.22", "FROM alpine:3.20", "COPY --from=0 /out /out") },
    { name: "COPY --from a pinned image", code: lines("FROM alpine:3.20", "COPY --from=nginx:1.27.0 /etc/nginx /etc/nginx") },
    { name: "RUN --mount from a stage", code: lines("FROM node:20.11.1 AS deps", "FROM node:20.11.1", "RUN --mount=type=bind,from=deps,source=/app,target=/app ls") },
    { name: "allow option skips matching image names", code: "FROM internal.example.com/base/tools", options: [{ allow: ["internal.example.com/**"] }] },
    { name: "digest: always with a digest", code: `FROM node:20@${DIGEST}`, options: [{ digest: "always" }] },
    { name: "digest: always ignores stage references", code: lines(`FROM node:20@${DIGEST} AS a`, "FROM a"), options: [{ digest: "always" }] },
    { name: "platform flag and lowercase keywords", code: "from --platform=$BUILDPLATFORM golang:1.22-alpine as build" },
    {
      name: "real world: docker-library style multi-stage with build ARGs",
      code: lines(
        "ARG GO_VERSION=1.22.5",
        "ARG ALPINE_VERSION=3.20",
        "FROM golang:${GO_VERSION}-alpine${ALPINE_VERSION} AS build",
        "WORKDIR /src",
        "COPY . .",
        "RUN --mount=type=cache,target=/root/.cache/go-build go build -o /out/app ./cmd/app",
        "FROM alpine:${ALPINE_VERSION}",
        "COPY --from=build /out/app /usr/local/bin/app",
        'ENTRYPOINT ["app"]',
      ),
    },
    { name: "channel tags: a dated snapshot after a channel word is a release", code: lines("FROM debian:stable-20240110-slim", "FROM alpine:edge-3.20.1") },
    { name: "channel tags: the floating option replaces the list", code: "FROM node:lts-alpine", options: [{ floating: ["latest"] }] },
    { name: "channel tags: a variable suffix without a channel word is decided by the build", code: lines("ARG TARGETARCH", "FROM golang:1.22-$TARGETARCH") },
    { name: "empty digest default: the build passes the digest in", code: lines('ARG IMAGE=alpine', 'ARG DIGEST=""', "FROM ${IMAGE}@${DIGEST}") },
    { name: "empty digest default with a tag, digest always", code: lines("ARG DIGEST=", "FROM alpine:3.20@${DIGEST}"), options: [{ digest: "always" }] },
  ],
  invalid: [
    {
      name: "channel tags: lts, stable-slim, sid and rolling move like latest",
      code: lines("FROM node:lts", "FROM debian:stable-slim", "FROM debian:sid", "FROM ubuntu:rolling", "FROM node:lts-alpine3.20"),
      errors: [
        { messageId: "floatingTag", line: 1, data: { where: "base image", image: "node:lts", resolved: "", tag: "lts", digest: "" } },
        { messageId: "floatingTag", line: 2, data: { where: "base image", image: "debian:stable-slim", resolved: "", tag: "stable-slim", digest: "" } },
        { messageId: "floatingTag", line: 3, data: { where: "base image", image: "debian:sid", resolved: "", tag: "sid", digest: "" } },
        { messageId: "floatingTag", line: 4, data: { where: "base image", image: "ubuntu:rolling", resolved: "", tag: "rolling", digest: "" } },
        { messageId: "floatingTag", line: 5, data: { where: "base image", image: "node:lts-alpine3.20", resolved: "", tag: "lts-alpine3.20", digest: "" } },
      ],
    },
    {
      name: "channel tags: latest-<suffix>, also when the suffix comes from an ARG",
      code: lines("ARG TARGETARCH", "FROM golang:latest-$TARGETARCH", "FROM ghcr.io/org/tool:latest-alpine"),
      errors: [
        { messageId: "floatingTag", line: 2, column: 6, endColumn: 31, data: { where: "base image", image: "golang:latest-$TARGETARCH", resolved: "", tag: "latest-$TARGETARCH", digest: "" } },
        { messageId: "floatingTag", line: 3, data: { where: "base image", image: "ghcr.io/org/tool:latest-alpine", resolved: "", tag: "latest-alpine", digest: "" } },
      ],
    },
    {
      name: "channel tags: an ARG default of edge, in COPY --from too",
      code: lines("ARG CHANNEL=edge", "FROM alpine:${CHANNEL}", "COPY --from=nginx:mainline-alpine /etc/nginx /etc/nginx"),
      errors: [
        { messageId: "floatingTag", line: 2, data: { where: "base image", image: "alpine:${CHANNEL}", resolved: " (resolves to 'alpine:edge')", tag: "edge", digest: "" } },
        { messageId: "floatingTag", line: 3, data: { where: "image in COPY --from", image: "nginx:mainline-alpine", resolved: "", tag: "mainline-alpine", digest: "" } },
      ],
    },
    {
      name: "channel tags: the floating option adds words",
      code: "FROM registry.example.com/base:weekly",
      options: [{ floating: ["latest", "weekly"] }],
      errors: [{ messageId: "floatingTag", data: { where: "base image", image: "registry.example.com/base:weekly", resolved: "", tag: "weekly", digest: "" } }],
    },
    {
      name: "empty digest default: a set digest default that is not a digest is still reported",
      code: lines("ARG DIGEST=latest", "FROM alpine:3.20@${DIGEST}"),
      errors: [{ messageId: "invalidDigest", line: 2 }],
    },
    {
      name: "no tag",
      code: "FROM ubuntu",
      errors: [{ messageId: "missingTag", line: 1, column: 6, endLine: 1, endColumn: 12 }],
    },
    {
      name: "no tag with a stage name",
      code: "FROM node AS build",
      errors: [{ messageId: "missingTag", column: 6, endColumn: 10 }],
    },
    {
      name: "latest tag",
      code: "FROM debian:latest AS b",
      errors: [{ messageId: "latestTag", column: 6, endColumn: 19 }],
    },
    {
      name: "a later stage named like an image is still an image",
      code: lines("FROM golang:1.22 AS build", "FROM node AS test", "FROM alpine:3.20"),
      errors: [{ messageId: "missingTag", line: 2 }],
    },
    {
      name: "quoted image without a tag",
      code: 'FROM "gcr.io/distroless/static"',
      errors: [{ messageId: "missingTag" }],
    },
    {
      name: "registry port is not a tag",
      code: "FROM test.registry.com:3000/openjdk",
      errors: [{ messageId: "missingTag" }],
    },
    {
      name: "ARG default of latest",
      code: lines("ARG TAG=latest", "FROM node:${TAG}"),
      errors: [{ messageId: "latestTag", line: 2, column: 6, endColumn: 17, data: { where: "base image", image: "node:${TAG}", resolved: " (resolves to 'node:latest')", digest: "" } }],
    },
    {
      name: "whole image from an ARG default without a tag",
      code: lines("ARG IMAGE=all-in-one", "FROM $IMAGE"),
      errors: [{ messageId: "missingTag", line: 2 }],
    },
    {
      name: "COPY --from an image",
      code: lines("FROM alpine:3.20", "COPY --from=nginx /etc/nginx /etc/nginx"),
      errors: [{ messageId: "missingTag", line: 2, column: 13, endColumn: 18 }],
    },
    {
      name: "RUN --mount from an image",
      code: lines("FROM alpine:3.20", "RUN --mount=type=bind,from=busybox:latest,target=/bb ls /bb"),
      errors: [{ messageId: "latestTag", line: 2, column: 28, endColumn: 42 }],
    },
    {
      name: "ONBUILD COPY --from an image",
      code: lines("FROM alpine:3.20", "ONBUILD COPY --from=tools /bin/x /bin/x"),
      errors: [{ messageId: "missingTag", line: 2 }],
    },
    {
      name: "invalid digest pins nothing",
      code: "FROM python:3.10.1-alpine3.15@sha256",
      errors: [{ messageId: "invalidDigest" }],
    },
    {
      name: "digest: always reports a tag alone",
      code: "FROM python:3.12.4-slim",
      options: [{ digest: "always" }],
      errors: [{ messageId: "missingDigest" }],
    },
    {
      name: "FROM split over lines",
      code: lines("FROM \\", "  node \\", "  AS build"),
      errors: [{ messageId: "missingTag", line: 2, column: 3, endLine: 2, endColumn: 7 }],
    },
    {
      name: "backtick escape and CRLF",
      code: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore `\r\n  AS base\r\n",
      errors: [{ messageId: "missingTag", line: 2, column: 6 }],
    },
    {
      name: "allow does not match other images",
      code: "FROM node",
      options: [{ allow: ["internal.example.com/**"] }],
      errors: [{ messageId: "missingTag" }],
    },
  ],
});
