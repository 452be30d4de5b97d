import rule from "../../rules/valid-arg-default-in-from.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("valid-arg-default-in-from", rule, {
  valid: [
    { name: "explicit latest default is accepted: no pinning opinion (BuildKit)", code: lines('ARG VERSION="latest"', "FROM busybox:${VERSION}") },
    { name: "ARG VERSION=latest", code: lines("ARG VERSION=latest", "FROM busybox:$VERSION") },
    { name: "empty default that leaves a valid tag (BuildKit)", code: lines('ARG BUSYBOX_VARIANT=""', "FROM busybox:stable${BUSYBOX_VARIANT}") },
    { name: "no default, but empty is still valid (BuildKit docs)", code: lines("ARG VARIANT", "FROM busybox:stable${VARIANT}") },
    { name: "${T:-3.14} gives a default (BuildKit docs)", code: lines("ARG T", "FROM alpine:${T:-3.14}") },
    { name: "${X-word} keeps an empty value that is set (BuildKit)", code: lines('ARG DEBUG=""', "FROM scratch${DEBUG-@bogus}") },
    { name: "default built from an earlier ARG", code: lines("ARG GO=1.22", "ARG IMAGE=golang:${GO}-alpine", "FROM ${IMAGE}") },
    { name: "platform arguments have values", code: lines("FROM alpine:3.20 AS build_amd64", "FROM build_${TARGETARCH}") },
    { name: "undeclared names are no-undefined-arg-in-from's job", code: "FROM ${REGISTRY}/app:1.0" },
    { name: "no variables: nothing to check", code: "FROM alpine:3.20" },
    { name: "a default that cannot be expanded stops the check, as in BuildKit", code: lines("ARG A=${B:?required}", "FROM busybox:$A") },
    { name: "ARG declaring several names, one default", code: lines("ARG REGISTRY=docker.io TAG=3.20", "FROM ${REGISTRY}/library/alpine:${TAG}") },
    { name: "quoted default", code: lines("ARG BASE='debian:12-slim'", "FROM $BASE") },
    { name: "lower-case instructions", code: lines("arg tag=3.20", "from alpine:${tag}") },
    {
      name: "real world: optional digest suffix that is empty by default",
      code: lines("ARG BASE_IMAGE=quay.io/fedora/fedora-silverblue", "ARG FEDORA_MAJOR_VERSION=40", "ARG BASE_IMAGE_DIGEST", "FROM ${BASE_IMAGE}:${FEDORA_MAJOR_VERSION}${BASE_IMAGE_DIGEST:+@${BASE_IMAGE_DIGEST}}"),
    },
  ],
  invalid: [
    {
      name: "ARG without a default leaves an empty tag (BuildKit)",
      code: lines("ARG VERSION", "FROM busybox:$VERSION"),
      errors: [
        {
          messageId: "invalidDefault",
          line: 2,
          column: 6,
          endColumn: 22,
          data: {
            image: "busybox:$VERSION",
            value: "busybox:",
            detail: " ('VERSION' has no default)",
          },
        },
      ],
    },
    {
      name: "the whole image from an ARG without a default (BuildKit)",
      code: lines("ARG IMAGE", "FROM $IMAGE"),
      errors: [{ messageId: "invalidDefault", line: 2, column: 6, endColumn: 12 }],
    },
    {
      name: "a default that gives an empty tag (BuildKit)",
      code: lines('ARG SFX="box:"', "FROM busy${SFX}"),
      errors: [{ messageId: "invalidDefault", data: { image: "busy${SFX}", value: "busybox:", detail: " (see the default of 'SFX')" } }],
    },
    {
      name: "upper case in the repository",
      code: lines("ARG NAME=Ubuntu", "FROM ${NAME}:24.04"),
      errors: [{ messageId: "invalidDefault" }],
    },
    {
      name: "empty registry prefix",
      code: lines("ARG REGISTRY", "FROM ${REGISTRY}/team/app:1.0 AS app"),
      errors: [{ messageId: "invalidDefault", column: 6, endColumn: 30 }],
    },
    {
      name: "an empty variant of amd64 leaves an empty tag",
      code: "FROM arm32v7/alpine:${TARGETVARIANT}",
      errors: [{ messageId: "invalidDefault" }],
    },
    {
      name: "FROM split over lines",
      code: lines("ARG TAG", "FROM \\", "  node:${TAG} \\", "  AS build"),
      errors: [{ messageId: "invalidDefault", line: 3, column: 3, endColumn: 14 }],
    },
    {
      name: "backtick escape and CRLF",
      code: "# escape=`\r\nARG WINVER\r\nFROM mcr.microsoft.com/windows/servercore:$WINVER\r\n",
      errors: [{ messageId: "invalidDefault", line: 3 }],
    },
    {
      name: "lower-case FROM",
      code: lines("arg version", "from busybox:$version"),
      errors: [{ messageId: "invalidDefault", line: 2 }],
    },
  ],
});
