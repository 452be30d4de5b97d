import rule from "../../rules/workdir-absolute.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("workdir-absolute", rule, {
  valid: [
    { name: "hadolint's case: absolute path", code: lines("FROM debian:12", "WORKDIR /usr/local") },
    { name: "hadolint's case: variable", code: lines("FROM debian:12", "WORKDIR ${work}") },
    { name: "hadolint's case: absolute in single quotes", code: lines("FROM debian:12", "WORKDIR '/usr/local'") },
    { name: "hadolint's case: absolute in double quotes", code: lines("FROM debian:12", 'WORKDIR "/usr/local"') },
    { name: "hadolint's case: variable in double quotes", code: lines("FROM debian:12", 'WORKDIR "${dir}"') },
    { name: "hadolint's case: Windows drive in quotes", code: lines("FROM mcr.microsoft.com/windows/servercore:ltsc2022", "WORKDIR 'C:\\\\'") },
    { name: "hadolint's case: Windows drive with a forward slash", code: lines("FROM mcr.microsoft.com/windows/servercore:ltsc2022", "WORKDIR C:/") },
    { name: "hadolint's case: Windows drive with a forward slash in quotes", code: lines("FROM mcr.microsoft.com/windows/servercore:ltsc2022", 'WORKDIR "C:/"') },
    { name: "relative WORKDIR after an absolute one", code: lines("FROM node:20", "WORKDIR /app", "WORKDIR src") },
    {
      name: "a child stage inherits its parent's absolute WORKDIR (BuildKit's case)",
      code: lines("FROM scratch AS a", "WORKDIR /app", "", "FROM a AS b", "WORKDIR subdir/"),
    },
    { name: "grandchild stage inherits too", code: lines("FROM node:20 AS a", "WORKDIR /app", "FROM a AS b", "FROM b AS c", "WORKDIR dist") },
    { name: "$HOME from the base image cannot be resolved here", code: lines("FROM jupyter/base-notebook:2024-05-27", "WORKDIR $HOME/work") },
    { name: "${HOME} in braces", code: lines("FROM node:20", "WORKDIR ${HOME}") },
    { name: "ARG default resolves to an absolute path", code: lines("FROM node:20", "ARG APP_DIR=/srv/app", "WORKDIR $APP_DIR") },
    { name: "global ARG is not visible in the stage without redeclaring, so it stays unknown", code: lines("ARG APP_DIR=app", "FROM node:20", "WORKDIR $APP_DIR") },
    { name: "ENV resolves to an absolute path", code: lines("FROM python:3.12", "ENV APP_HOME=/opt/app", "WORKDIR ${APP_HOME}/src") },
    { name: "ENV from a parent stage", code: lines("FROM python:3.12 AS base", "ENV APP_HOME=/opt/app", "FROM base", "WORKDIR $APP_HOME") },
    { name: "default value of ${X:-…} is absolute", code: lines("FROM node:20", "ARG DIR", "WORKDIR ${DIR:-/app}") },
    { name: "ONBUILD WORKDIR runs in a child build with its own working directory", code: lines("FROM node:20", "ONBUILD WORKDIR app") },
    { name: "lowercase keyword, absolute path", code: lines("from node:20", "workdir /app") },
    {
      name: "real world: a Jupyter image moves into the notebook user's home",
      code: lines("ARG BASE_CONTAINER=jupyter/minimal-notebook:2024-05-27", "FROM $BASE_CONTAINER", "USER ${NB_UID}", 'WORKDIR "${HOME}"'),
    },
  ],
  invalid: [
    {
      name: "BuildKit's case: relative path on scratch",
      code: lines("FROM scratch", "WORKDIR app/"),
      errors: [{ messageId: "relative", line: 2, column: 9, endColumn: 13, data: { path: "app/", resolved: "", suggestion: "app/" } }],
    },
    {
      name: "hadolint's case: relative path",
      code: lines("FROM debian:12", "WORKDIR relative/dir"),
      errors: [{ messageId: "relative", line: 2, column: 9, endColumn: 21 }],
    },
    { name: "hadolint's case: relative in single quotes", code: lines("FROM debian:12", "WORKDIR 'relative/dir'"), errors: [{ messageId: "relative" }] },
    { name: "hadolint's case: relative in double quotes", code: lines("FROM debian:12", 'WORKDIR "relative/dir"'), errors: [{ messageId: "relative" }] },
    {
      name: "BuildKit's docs case: path without its leading slash",
      code: lines("FROM nginx:1.27 AS web", "WORKDIR usr/share/nginx/html", "COPY public ."),
      errors: [{ messageId: "relative", line: 2, data: { path: "usr/share/nginx/html", resolved: "", suggestion: "usr/share/nginx/html" } }],
    },
    {
      name: "only the first relative WORKDIR of a stage is reported",
      code: lines("FROM node:20", "WORKDIR app", "WORKDIR src"),
      errors: [{ messageId: "relative", line: 2 }],
    },
    {
      name: "each stage on an image is checked on its own",
      code: lines("FROM node:20 AS a", "WORKDIR /app", "FROM node:20 AS b", "WORKDIR app"),
      errors: [{ messageId: "relative", line: 4 }],
    },
    {
      name: "./ prefix",
      code: lines("FROM node:20", "WORKDIR ./build"),
      errors: [{ messageId: "relative", data: { path: "./build", resolved: "", suggestion: "build" } }],
    },
    {
      name: "ARG default resolves to a relative path",
      code: lines("FROM node:20", "ARG APP=app", "WORKDIR $APP"),
      errors: [{ messageId: "relative", line: 3, column: 9, endColumn: 13, data: { path: "$APP", resolved: " (resolves to 'app')", suggestion: "app" } }],
    },
    {
      name: "relative text before an unknown variable is still relative",
      code: lines("FROM node:20", "WORKDIR build/$TARGET"),
      errors: [{ messageId: "relative" }],
    },
    {
      name: "tilde is not the home directory",
      code: lines("FROM node:20", "WORKDIR ~/app"),
      errors: [{ messageId: "tilde", line: 2, column: 9, endColumn: 14 }],
    },
    {
      name: "WORKDIR on a continuation line with the backtick escape and CRLF",
      code: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nWORKDIR `\r\n  app\r\n",
      errors: [{ messageId: "relative", line: 4, column: 3, endColumn: 6 }],
    },
    {
      name: "quoted relative path: the suggestion drops the quotes",
      code: lines("ARG BASE_IMAGE=ubuntu:20.04", "FROM ${BASE_IMAGE} AS cpp-dev-image", 'ENV PATH="/home/venv/bin:$PATH"', "RUN git clone https://github.com/pytorch/serve.git", 'WORKDIR "serve"'),
      errors: [{ messageId: "relative", line: 5, data: { path: '"serve"', resolved: "", suggestion: "serve" } }],
    },
    {
      name: "real world: a Go builder clones a repository and moves into it relative to the image's /go",
      code: lines(
        "ARG GOLANG_VERSION=1.22.5",
        "FROM golang:${GOLANG_VERSION} AS builder",
        "RUN git clone https://github.com/sharat87/httpbun.git",
        "WORKDIR httpbun",
        "RUN CGO_ENABLED=0 go build -o bin/httpbun .",
        "FROM scratch",
        "COPY --from=builder /go/httpbun/bin/httpbun /httpbun",
      ),
      errors: [{ messageId: "relative", line: 4, column: 9, endColumn: 16 }],
    },
    {
      name: "lowercase keyword",
      code: lines("from node:20", "workdir app"),
      errors: [{ messageId: "relative", line: 2 }],
    },
  ],
});
