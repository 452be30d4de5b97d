import rule from "../../rules/first-instruction.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("first-instruction", rule, {
  valid: [
    { name: "FROM before LABEL (hadolint)", code: lines("FROM foo", "LABEL foo=bar") },
    { name: "ARG, then FROM, then LABEL (hadolint)", code: lines("ARG A=B", "FROM foo", "LABEL foo=bar") },
    { name: "syntax directive before FROM (hadolint)", code: lines("# syntax = docker/dockerfile:1.0-experimental", "FROM node:16-alpine3.13") },
    { name: "FROM, then ARG, then RUN (hadolint)", code: lines("FROM foo", "ARG A=B", "RUN echo bla") },
    { name: "comments and blank lines before FROM", code: lines("# Build the API image", "", "# base image", "FROM node:20") },
    { name: "escape and check directives", code: lines("# escape=`", "# check=skip=all", "ARG WINVER=ltsc2022", "FROM mcr.microsoft.com/windows/nanoserver:${WINVER}") },
    { name: "several ARGs before FROM", code: lines("ARG GO_VERSION=1.22", "ARG ALPINE=3.20", "FROM golang:${GO_VERSION}-alpine${ALPINE}") },
    { name: "lower-case instructions", code: lines("arg v=1", "from alpine:3.20") },
    { name: "an empty file has nothing to report", code: "" },
  ],
  invalid: [
    {
      name: "LABEL before FROM (hadolint)",
      code: lines("LABEL foo=bar", "FROM foo"),
      errors: [{ messageId: "beforeFrom", line: 1, column: 1, endColumn: 6, data: { keyword: "LABEL" } }],
    },
    {
      name: "every instruction before FROM but ARG",
      code: lines("# syntax=docker/dockerfile:1", "ARG BASE=alpine:3.20", "ENV LANG=C.UTF-8", "ARG X", "RUN echo hi", "FROM $BASE"),
      errors: [
        { messageId: "beforeFrom", line: 3, data: { keyword: "ENV" } },
        { messageId: "beforeFrom", line: 5, data: { keyword: "RUN" } },
      ],
    },
    {
      name: "ONBUILD before FROM",
      code: lines("ONBUILD RUN echo child", "FROM alpine:3.20"),
      errors: [{ messageId: "beforeFrom", line: 1, column: 1, endColumn: 8 }],
    },
    {
      name: "a misspelt FROM is not a FROM",
      code: lines("FORM ubuntu:24.04", "RUN apt-get update"),
      errors: [
        { messageId: "noFrom", line: 1, data: { keyword: "FORM" } },
        { messageId: "noFrom", line: 2, data: { keyword: "RUN" } },
      ],
    },
    {
      name: "lower case, CRLF",
      code: "maintainer someone\r\nfrom alpine:3.20\r\n",
      errors: [{ messageId: "beforeFrom", line: 1, column: 1, endColumn: 11, data: { keyword: "MAINTAINER" } }],
    },
    {
      name: "real world: a Dockerfile fragment that starts with its ENV block",
      code: lines("ENV NODE_ENV=production \\", "    PORT=8080", "FROM node:20-alpine", "COPY . /app"),
      errors: [{ messageId: "beforeFrom", line: 1 }],
    },
  ],
});
