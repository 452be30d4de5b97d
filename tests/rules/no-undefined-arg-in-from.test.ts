import rule from "../../rules/no-undefined-arg-in-from.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("no-undefined-arg-in-from", rule, {
  valid: [
    { name: "global ARG with a default (BuildKit)", code: lines("ARG base=scratch", "FROM $base", "COPY Dockerfile .") },
    { name: "predefined BUILDPLATFORM re-declared with a default (BuildKit)", code: lines("ARG BUILDPLATFORM=linux/amd64", "FROM --platform=$BUILDPLATFORM scratch") },
    { name: "predefined BUILDPLATFORM needs no declaration (BuildKit)", code: lines("FROM --platform=$BUILDPLATFORM scratch", "COPY Dockerfile .") },
    { name: "global ARG without a default is declared (BuildKit)", code: lines("ARG DEBUG", "FROM scratch${DEBUG}") },
    { name: "declared ARG with a default value expression (BuildKit)", code: lines("ARG DEBUG", "FROM scra${DEBUG:-tch}") },
    { name: "declared empty ARG with an unset-only default (BuildKit)", code: lines('ARG DEBUG=""', "FROM scratch${DEBUG-@bogus}") },
    { name: "every platform argument", code: lines("FROM --platform=$TARGETOS/$TARGETARCH$TARGETVARIANT alpine:3.20 AS a", "FROM build_${TARGETARCH}_${BUILDOS}_${BUILDARCH}_${BUILDVARIANT}_${TARGETSTAGE}_${TARGETOSVERSION}_${BUILDOSVERSION}") },
    { name: "ARG declaring several names", code: lines("ARG REGISTRY TAG", "FROM ${REGISTRY}/app:${TAG}") },
    { name: "escaped dollar is text", code: "FROM alpine:\\$TAG" },
    { name: "stage ARGs are not this rule's concern", code: lines("FROM alpine:3.20", "ARG X", "RUN echo $Y") },
    { name: "lower-case instructions", code: lines("arg tag=3.20", "from alpine:${tag} as base") },
    { name: "${X:?message} on a declared ARG is for the build to decide: --build-arg can set it", code: lines("ARG BASE", "FROM ${BASE:?pass --build-arg BASE}") },
    { name: "every modifier BuildKit knows", code: lines("ARG A", "FROM a${A:-x}${A-x}${A:+x}${A+x}${A#x}${A%x}${A##x}${A%%x}${A/x/y}${A//x/y}") },
    {
      name: "real world: docker-library style version ARGs",
      code: lines("ARG GO_VERSION=1.22.5", "ARG ALPINE_VERSION=3.20", "FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine${ALPINE_VERSION} AS build", "FROM alpine:${ALPINE_VERSION}"),
    },
  ],
  invalid: [
    {
      name: "misspelled BUILDPLATFORM, with did you mean (BuildKit)",
      code: lines("FROM --platform=$BULIDPLATFORM scratch", "COPY Dockerfile ."),
      errors: [
        {
          messageId: "undeclared",
          line: 1,
          column: 17,
          endColumn: 31,
          data: { name: "BULIDPLATFORM", hint: " (did you mean 'BUILDPLATFORM'?)" },
          suggestions: [{ messageId: "suggestRename", data: { suggestion: "BUILDPLATFORM" }, output: lines("FROM --platform=$BUILDPLATFORM scratch", "COPY Dockerfile .") }],
        },
      ],
    },
    {
      name: "near miss of a declared ARG (BuildKit: MYARCH for MY_ARCH)",
      code: lines("ARG MY_OS=linux", "ARG MY_ARCH=amd64", "FROM --platform=linux/${MYARCH} busybox"),
      errors: [{ messageId: "undeclared", line: 3, column: 23, endColumn: 32, suggestions: [{ messageId: "suggestRename", output: lines("ARG MY_OS=linux", "ARG MY_ARCH=amd64", "FROM --platform=linux/${MY_ARCH} busybox") }] }],
    },
    {
      name: "undeclared ARG next to a declared one (BuildKit)",
      code: lines("ARG tag=latest", "FROM busybox:${tag}${version} AS b"),
      errors: [{ messageId: "undeclared", line: 2, column: 20, endColumn: 30, data: { name: "version", hint: "" }, suggestions: [] }],
    },
    {
      name: "undeclared VARIANT (BuildKit docs)",
      code: "FROM node:22${VARIANT} AS jsbuilder",
      errors: [{ messageId: "undeclared", column: 13, endColumn: 23 }],
    },
    {
      name: "ARG declared in a stage does not reach a later FROM",
      code: lines("FROM alpine:3.20 AS base", "ARG VERSION=1.2", "FROM app:${VERSION}"),
      errors: [{ messageId: "declaredInStage", line: 3, column: 10, endColumn: 20, data: { name: "VERSION", line: "2" } }],
    },
    {
      name: "ARG declared after the first FROM does not count, even in the first stage",
      code: lines("FROM scratch", "ARG IMG=alpine", "FROM $IMG"),
      errors: [{ messageId: "declaredInStage", line: 3 }],
    },
    {
      name: "each name once per FROM",
      code: "FROM $REG/app:$TAG-$REG",
      errors: [
        { messageId: "undeclared", column: 6, endColumn: 10 },
        { messageId: "undeclared", column: 15, endColumn: 19 },
      ],
    },
    {
      name: "FROM split over lines with the backtick escape and CRLF",
      code: "# escape=`\r\nFROM `\r\n  mcr.microsoft.com/windows/servercore:$WINVER\r\n",
      errors: [{ messageId: "undeclared", line: 3, column: 40, endColumn: 47 }],
    },
    {
      name: "real world: a dev container template placeholder, ${templateOption:imageVariant}: the name is undeclared and ':i' is no modifier (BuildKit)",
      code: lines("# [Choice] .NET version: 6.0-focal, 7.0-jammy", "FROM mcr.microsoft.com/devcontainers/dotnet:0-${templateOption:imageVariant}", "RUN echo hi"),
      errors: [
        {
          messageId: "badSubstitution",
          line: 2,
          column: 6,
          endColumn: 77,
          data: { what: "image", word: "mcr.microsoft.com/de…ption:imageVariant}", error: "unsupported modifier (:i) in substitution" },
        },
        { messageId: "undeclared", line: 2, column: 47, endColumn: 77, data: { name: "templateOption", hint: "" } },
      ],
    },
    {
      name: "a declared ARG with an unknown modifier still fails the build: ${TAG:3.20} is not a default",
      code: lines("ARG TAG", "FROM alpine:${TAG:3.20}"),
      errors: [{ messageId: "badSubstitution", line: 2, column: 6, endColumn: 24, data: { what: "image", word: "alpine:${TAG:3.20}", error: "unsupported modifier (:3) in substitution" } }],
    },
    {
      name: "bad substitutions in --platform and a missing brace",
      code: lines("ARG P", "FROM --platform=${P:=linux/amd64} ${P", "RUN true"),
      errors: [
        { messageId: "badSubstitution", line: 2, column: 17, endColumn: 34, data: { what: "--platform value", word: "${P:=linux/amd64}", error: "unsupported modifier (:=) in substitution" } },
        { messageId: "badSubstitution", line: 2, column: 35, endColumn: 38, data: { what: "image", word: "${P", error: "syntax error: missing '}'" } },
      ],
    },
    {
      name: "lower-case FROM",
      code: "from alpine:$tag as base",
      errors: [{ messageId: "undeclared", column: 13, endColumn: 17 }],
    },
  ],
});
