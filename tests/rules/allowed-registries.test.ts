import rule from "../../rules/allowed-registries.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("allowed-registries", rule, {
  valid: [
    { name: "no option: nothing is reported (hadolint)", code: "FROM random.com/debian" },
    { name: "empty list: nothing is reported", code: "FROM random.com/debian", options: [{ registries: [] }] },
    { name: "an allowed registry (hadolint)", code: "FROM random.com/debian", options: [{ registries: ["x.com", "random.com"] }] },
    { name: "scratch is not pulled (hadolint)", code: "FROM scratch", options: [{ registries: ["x.com", "random.com"] }] },
    {
      name: "every form of Docker Hub with docker.io (hadolint)",
      code: lines("FROM ubuntu:18.04 AS builder1", "FROM zemanlx/ubuntu:18.04 AS builder2", "FROM docker.io/zemanlx/ubuntu:18.04 AS builder3", "FROM index.docker.io/library/alpine:3.20"),
      options: [{ registries: ["docker.io"] }],
    },
    { name: "Docker Hub written as hub.docker.com", code: "FROM node:20", options: [{ registries: ["hub.docker.com"] }] },
    { name: "earlier stages are not images (hadolint)", code: lines("FROM random.com/foo AS builder1", "FROM builder1 AS builder2"), options: [{ registries: ["random.com"] }] },
    { name: "wildcard registry (hadolint)", code: "FROM foo.random.com/debian", options: [{ registries: ["x.com", "*.random.com"] }] },
    { name: "* allows everything (hadolint)", code: lines("FROM ubuntu:18.04", "FROM zemanlx/ubuntu:18.04", "FROM quay.io/x/y:1"), options: [{ registries: ["*"] }] },
    { name: "COPY --from a trusted registry (hadolint)", code: "COPY --from=trusted.com/repo/image:tag /foo /bar", options: [{ registries: ["trusted.com"] }] },
    { name: "bind mount from a trusted registry (hadolint)", code: "RUN --mount=type=bind,from=trusted.com/repo/image:tag,target=/foo foobar", options: [{ registries: ["trusted.com"] }] },
    { name: "cache mount from a trusted registry (hadolint)", code: "RUN --mount=type=cache,from=trusted.com/repo/image:tag,target=/foo foobar", options: [{ registries: ["trusted.com"] }] },
    { name: "COPY --from a stage", code: lines("FROM trusted.com/go:1.22 AS build", "FROM trusted.com/base:1", "COPY --from=build /out /out"), options: [{ registries: ["trusted.com"] }] },
    { name: "registry with a port", code: "FROM localhost:5000/team/app:1.0", options: [{ registries: ["localhost:*"] }] },
    { name: "ECR pattern", code: "FROM 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1", options: [{ registries: ["*.dkr.ecr.*.amazonaws.com"] }] },
    { name: "quoted image from an allowed registry", code: 'FROM "gcr.io/distroless/static-debian13"', options: [{ registries: ["gcr.io"] }] },
    { name: "registry names compare case-insensitively", code: "FROM GHCR.io/org/app:1", options: [{ registries: ["ghcr.io"] }] },
    { name: "a variable with no value is decided at build time", code: lines("ARG REGISTRY", "FROM ${REGISTRY}/app:1"), options: [{ registries: ["trusted.com"] }] },
    { name: "ARG default in an allowed registry", code: lines("ARG REGISTRY=trusted.com", "FROM ${REGISTRY}/app:1"), options: [{ registries: ["trusted.com"] }] },
  ],
  invalid: [
    {
      name: "a registry that is not allowed (hadolint)",
      code: "FROM random.com/debian",
      options: [{ registries: ["docker.io"] }],
      errors: [{ messageId: "notAllowed", line: 1, column: 6, endColumn: 23, data: { where: "base image", image: "random.com/debian", resolved: "", registry: "random.com", allowed: "docker.io" } }],
    },
    {
      name: "a wildcard that does not match (hadolint)",
      code: "FROM x.com/debian",
      options: [{ registries: ["*.random.com"] }],
      errors: [{ messageId: "notAllowed" }],
    },
    {
      name: "*.random.com does not match random.com itself",
      code: "FROM random.com/debian",
      options: [{ registries: ["*.random.com"] }],
      errors: [{ messageId: "notAllowed" }],
    },
    {
      name: "COPY --from an untrusted registry (hadolint)",
      code: "COPY --from=untrusted.com/repo/image:tag /foo /bar",
      options: [{ registries: ["trusted.com"] }],
      errors: [{ messageId: "notAllowed", column: 13, endColumn: 41, data: { where: "image in COPY --from", image: "untrusted.com/repo/image:tag", resolved: "", registry: "untrusted.com", allowed: "trusted.com" } }],
    },
    {
      name: "bind mount from an untrusted registry (hadolint)",
      code: "RUN --mount=type=bind,from=untrusted.com/repo/image:tag,target=/foo foobar",
      options: [{ registries: ["trusted.com"] }],
      errors: [{ messageId: "notAllowed", column: 28, endColumn: 56 }],
    },
    {
      name: "cache mount from an untrusted registry (hadolint)",
      code: "RUN --mount=type=cache,from=untrusted.com/repo/image:tag,target=/foo foobar",
      options: [{ registries: ["trusted.com"] }],
      errors: [{ messageId: "notAllowed" }],
    },
    {
      name: "every form of Docker Hub when only another registry is allowed (hadolint)",
      code: lines("FROM ubuntu:18.04 AS builder1", "FROM zemanlx/ubuntu:18.04 AS builder2", "FROM docker.io/zemanlx/ubuntu:18.04 AS builder3"),
      options: [{ registries: ["trusted.com"] }],
      errors: [
        { messageId: "notAllowed", line: 1, data: { where: "base image", image: "ubuntu:18.04", resolved: "", registry: "Docker Hub (docker.io)", allowed: "trusted.com" } },
        { messageId: "notAllowed", line: 2 },
        { messageId: "notAllowed", line: 3 },
      ],
    },
    {
      name: "image from an ARG default",
      code: lines("ARG BASE=quay.io/centos/centos:stream9", "FROM ${BASE}"),
      options: [{ registries: ["ghcr.io", "docker.io"] }],
      errors: [{ messageId: "notAllowed", line: 2, data: { where: "base image", image: "${BASE}", resolved: " (resolves to 'quay.io/centos/centos:stream9')", registry: "quay.io", allowed: "ghcr.io, docker.io" } }],
    },
    {
      name: "ONBUILD COPY --from an image, lower case, CRLF",
      code: "from ghcr.io/org/base:1\r\nonbuild copy --from=quay.io/org/tools:2 /bin/tool /bin/tool\r\n",
      options: [{ registries: ["ghcr.io"] }],
      errors: [{ messageId: "notAllowed", line: 2, column: 21, endColumn: 40 }],
    },
    {
      name: "FROM split over lines with the backtick escape",
      code: "# escape=`\nFROM `\n  mcr.microsoft.com/windows/servercore:ltsc2022",
      options: [{ registries: ["docker.io"] }],
      errors: [{ messageId: "notAllowed", line: 3, column: 3 }],
    },
    {
      name: "quoted image (kind's local-path-helper)",
      code: 'FROM "gcr.io/distroless/static-debian13"',
      options: [{ registries: ["docker.io"] }],
      errors: [{ messageId: "notAllowed", data: { where: "base image", image: '"gcr.io/distroless/static-debian13"', resolved: "", registry: "gcr.io", allowed: "docker.io" } }],
    },
    {
      name: "real world: multi-stage build mixing Docker Hub and gcr.io",
      code: lines("FROM golang:1.22 AS build", "RUN go build -o /out/app .", "FROM gcr.io/distroless/static-debian12:nonroot", "COPY --from=build /out/app /app"),
      options: [{ registries: ["docker.io"] }],
      errors: [{ messageId: "notAllowed", line: 3, data: { where: "base image", image: "gcr.io/distroless/static-debian12:nonroot", resolved: "", registry: "gcr.io", allowed: "docker.io" } }],
    },
  ],
});
