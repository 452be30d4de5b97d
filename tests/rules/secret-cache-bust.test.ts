import rule from "../../rules/secret-cache-bust.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("secret-cache-bust", rule, {
  valid: [
    {
      name: "Docker's example: ARG CACHEBUST before the secret mount",
      code: lines("FROM alpine:3.20", "ARG CACHEBUST", "RUN --mount=type=secret,id=TOKEN,env=TOKEN \\", "    some-command"),
    },
    { name: "bust-named ARG with a default", code: lines("FROM alpine:3.20", "ARG CACHE_BUST=1", "RUN --mount=type=secret,id=npm npm ci") },
    { name: "bust-named ARG in camelCase, any case", code: lines("FROM alpine:3.20", "ARG cacheBuster", "RUN --mount=type=secret,id=npm npm ci") },
    { name: "invalidate-named ARG", code: lines("FROM alpine:3.20", "ARG INVALIDATE_SECRETS", "RUN --mount=type=secret,id=npm npm ci") },
    {
      name: "ARG referenced in the shell text",
      code: lines("FROM node:20.11.1", "ARG TOKEN_VERSION", "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc echo \"$TOKEN_VERSION\" && npm ci"),
    },
    {
      name: "ARG referenced in the mount flag (the secret id is part of the cache key)",
      code: lines("FROM alpine:3.20", "ARG SECRET_HASH", "RUN --mount=type=secret,id=token-${SECRET_HASH},env=TOKEN ./fetch.sh"),
    },
    {
      name: "ARG referenced with a default operator",
      code: lines("FROM alpine:3.20", "ARG ROTATION", "RUN --mount=type=secret,id=t echo ${ROTATION:-0} && ./fetch.sh"),
    },
    {
      name: "ARG referenced in a heredoc body",
      code: lines("FROM alpine:3.20", "ARG KEY_SERIAL", "RUN --mount=type=secret,id=key <<EOF", "echo rotation $KEY_SERIAL", "./sign.sh", "EOF"),
    },
    { name: "real world: a RUN that only echoes never reads its secret (buildah secret-not-required)", code: lines("FROM alpine", 'RUN --mount=type=secret,id=mysecret echo "hello"') },
    {
      name: "real world: a RUN that only checks the secret file's mode and owner (buildah secret-options)",
      code: lines("FROM alpine", 'RUN --mount=type=secret,id=mysecret,dst=/mysecret,uid=1000,gid=1001,mode=0444 stat -c "%a" /mysecret ; ls -n /mysecret'),
    },
    {
      name: "a bust ARG copied to an ENV in the parent stage re-runs the child's step",
      code: lines("FROM node:20.11.1 AS base", "ARG CACHE_BUST", "ENV CACHE_BUST=${CACHE_BUST}", "FROM base AS deps", "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci"),
    },
    { name: "an ENV of this stage that carries the bust ARG", code: lines("FROM alpine:3.20", "ARG TOKEN_ROTATED_AT", "ENV ROTATED=$TOKEN_ROTATED_AT", "RUN --mount=type=secret,id=t ./fetch.sh") },
    {
      name: "a rotation marker counts without being used, as no-secrets-in-build-args lets it be passed",
      code: lines("FROM node:20.11.1", "ARG NPM_TOKEN_ROTATED_AT", "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci"),
    },
    {
      name: "real world: a version the step fetches with the secret (linkerd2 Dockerfile.proxy)",
      code: lines(
        "FROM --platform=$BUILDPLATFORM debian:bookworm-slim AS fetch",
        "ARG TARGETARCH",
        'ARG LINKERD2_PROXY_REPO="linkerd/linkerd2-proxy"',
        'ARG LINKERD2_PROXY_VERSION=""',
        "RUN --mount=type=secret,id=github \\",
        "    export GITHUB_TOKEN_FILE=/run/secrets/github; \\",
        '    proxy=$(bin/fetch-proxy "$LINKERD2_PROXY_VERSION" "$TARGETARCH"); \\',
        '    mv "$proxy" linkerd2-proxy',
      ),
    },
    { name: "multi-name ARG declaring CACHEBUST second", code: lines("FROM alpine:3.20", "ARG MODE CACHEBUST", "RUN --mount=type=secret,id=npm npm ci") },
    { name: "cache mount is not a secret", code: lines("FROM node:20.11.1", "RUN --mount=type=cache,target=/root/.npm npm ci") },
    { name: "ssh mount is not a secret mount", code: lines("FROM alpine:3.20", "RUN --mount=type=ssh git clone git@github.com:org/repo.git") },
    { name: "mount without a type is a bind mount", code: lines("FROM alpine:3.20", "RUN --mount=target=/src make -C /src") },
    {
      name: "ONBUILD RUN after an ONBUILD ARG CACHEBUST",
      code: lines("FROM alpine:3.20", "ONBUILD ARG CACHEBUST", "ONBUILD RUN --mount=type=secret,id=npm npm ci"),
    },
    {
      name: "custom bustArgPattern",
      code: lines("FROM alpine:3.20", "ARG REBUILD_TOKEN", "RUN --mount=type=secret,id=npm npm ci"),
      options: [{ bustArgPattern: "^rebuild_" }],
    },
    {
      name: "PowerShell reads the ARG through $env:",
      code: lines(
        "# escape=`",
        "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
        'SHELL ["powershell", "-Command"]',
        "ARG Rotation",
        "RUN --mount=type=secret,id=feed Write-Output $env:rotation; ./restore.ps1",
      ),
    },
    {
      name: "real world: frappe_docker layered image with ARG CACHE_BUST",
      code: lines(
        "ARG FRAPPE_BRANCH=version-16",
        "FROM frappe/build:${FRAPPE_BRANCH} AS builder",
        "ARG FRAPPE_BRANCH=version-16",
        "ARG FRAPPE_PATH=https://github.com/frappe/frappe",
        'ARG CACHE_BUST=""',
        "USER frappe",
        "RUN --mount=type=secret,id=apps_json,target=/opt/frappe/apps.json,uid=1000,gid=1000 \\",
        "  bench init --apps_path=/opt/frappe/apps.json --frappe-branch=${FRAPPE_BRANCH} --frappe-path=${FRAPPE_PATH} frappe-bench",
      ),
    },
  ],
  invalid: [
    {
      name: "secret mount with no ARG: the type=secret option is reported",
      code: lines("FROM alpine:3.20", "RUN --mount=type=secret,id=TOKEN,env=TOKEN some-command"),
      errors: [
        {
          messageId: "secretNotBusted",
          data: { secret: "secret 'TOKEN'", name: "CACHEBUST" },
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 24,
          suggestions: [
            {
              messageId: "insertArg",
              data: { line: "ARG CACHEBUST", keyword: "RUN" },
              output: lines("FROM alpine:3.20", "ARG CACHEBUST", "RUN --mount=type=secret,id=TOKEN,env=TOKEN some-command"),
            },
          ],
        },
      ],
    },
    {
      name: "type=secret not first in the mount",
      code: lines("FROM alpine:3.20", "RUN --mount=id=x,type=secret cat /run/secrets/x"),
      errors: [
        {
          messageId: "secretNotBusted",
          data: { secret: "secret 'x'", name: "CACHEBUST" },
          column: 18,
          endColumn: 29,
          suggestions: [{ messageId: "insertArg", output: lines("FROM alpine:3.20", "ARG CACHEBUST", "RUN --mount=id=x,type=secret cat /run/secrets/x") }],
        },
      ],
    },
    {
      name: "required=true does not change caching",
      code: lines("FROM alpine:3.20", "RUN --mount=type=secret,id=mysecret,required=true cat /run/secrets/mysecret"),
      errors: [{ messageId: "secretNotBusted", column: 13, suggestions: [{ messageId: "insertArg", output: lines("FROM alpine:3.20", "ARG CACHEBUST", "RUN --mount=type=secret,id=mysecret,required=true cat /run/secrets/mysecret") }] }],
    },
    {
      name: "mount keys and type compare case-insensitively",
      code: lines("FROM alpine:3.20", "RUN --mount=TYPE=Secret,id=x cat /run/secrets/x"),
      errors: [{ messageId: "secretNotBusted", column: 13, endColumn: 24, suggestions: [{ messageId: "insertArg", output: lines("FROM alpine:3.20", "ARG CACHEBUST", "RUN --mount=TYPE=Secret,id=x cat /run/secrets/x") }] }],
    },
    {
      name: "an unreferenced, unrelated ARG does not count",
      code: lines("FROM node:20.11.1", "ARG NODE_ENV=production", "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci"),
      errors: [
        {
          messageId: "secretNotBusted",
          data: { secret: "secret 'npmrc'", name: "CACHEBUST" },
          line: 3,
          suggestions: [{ messageId: "insertArg", output: lines("FROM node:20.11.1", "ARG NODE_ENV=production", "ARG CACHEBUST", "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci") }],
        },
      ],
    },
    {
      name: "real world: an ARG the step uses for something else is no bust (SeleniumHQ SEL_USER)",
      code: lines(
        "FROM ubuntu:noble-20240904.1",
        "ARG SEL_USER=seluser",
        "ARG HOME=/home/${SEL_USER}",
        "RUN --mount=type=secret,id=SEL_PASSWD \\",
        "  useradd --create-home --shell /bin/bash ${SEL_USER} \\",
        '  && echo "${SEL_USER}:$(cat /run/secrets/SEL_PASSWD)" | chpasswd',
      ),
      errors: [
        {
          messageId: "secretNotBusted",
          line: 4,
          data: { secret: "secret 'SEL_PASSWD'", name: "CACHEBUST" },
          suggestions: [
            {
              messageId: "insertArg",
              output: lines(
                "FROM ubuntu:noble-20240904.1",
                "ARG SEL_USER=seluser",
                "ARG HOME=/home/${SEL_USER}",
                "ARG CACHEBUST",
                "RUN --mount=type=secret,id=SEL_PASSWD \\",
                "  useradd --create-home --shell /bin/bash ${SEL_USER} \\",
                '  && echo "${SEL_USER}:$(cat /run/secrets/SEL_PASSWD)" | chpasswd',
              ),
            },
          ],
        },
      ],
    },
    {
      name: "real world: echo reads the secret through a command substitution (build-push-action test)",
      code: lines("FROM busybox", "RUN --mount=type=secret,id=MYSECRET \\", '  echo "MYSECRET=$(cat /run/secrets/MYSECRET)"'),
      errors: [{ messageId: "secretNotBusted", line: 2, suggestions: [{ messageId: "insertArg", output: lines("FROM busybox", "ARG CACHEBUST", "RUN --mount=type=secret,id=MYSECRET \\", '  echo "MYSECRET=$(cat /run/secrets/MYSECRET)"') }] }],
    },
    {
      name: "echo of the secret's variable reads it, and so does a file on the input",
      code: lines("FROM alpine:3.20", 'RUN --mount=type=secret,id=t,env=TOKEN echo "$TOKEN" > /etc/token', "RUN --mount=type=secret,id=u test -s /dev/stdin < /run/secrets/u"),
      errors: [
        { messageId: "secretNotBusted", line: 2, suggestions: [{ messageId: "insertArg", output: lines("FROM alpine:3.20", "ARG CACHEBUST", 'RUN --mount=type=secret,id=t,env=TOKEN echo "$TOKEN" > /etc/token', "RUN --mount=type=secret,id=u test -s /dev/stdin < /run/secrets/u") }] },
        { messageId: "secretNotBusted", line: 3, suggestions: [{ messageId: "insertArg", output: lines("FROM alpine:3.20", 'RUN --mount=type=secret,id=t,env=TOKEN echo "$TOKEN" > /etc/token', "ARG CACHEBUST", "RUN --mount=type=secret,id=u test -s /dev/stdin < /run/secrets/u") }] },
      ],
    },
    {
      name: "an ENV in the parent stage without a bust ARG does not count",
      code: lines("FROM node:20.11.1 AS base", "ARG NODE_ENV=production", "ENV NODE_ENV=${NODE_ENV}", "FROM base", "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci"),
      errors: [{ messageId: "secretNotBusted", line: 5, suggestions: [{ messageId: "insertArg", output: lines("FROM node:20.11.1 AS base", "ARG NODE_ENV=production", "ENV NODE_ENV=${NODE_ENV}", "FROM base", "ARG CACHEBUST", "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci") }] }],
    },
    {
      name: "an ARG declared after the RUN does not count",
      code: lines("FROM alpine:3.20", "RUN --mount=type=secret,id=x cat /run/secrets/x", "ARG CACHEBUST"),
      errors: [{ messageId: "secretNotBusted", line: 2, suggestions: [{ messageId: "insertArg", output: lines("FROM alpine:3.20", "ARG CACHEBUST", "RUN --mount=type=secret,id=x cat /run/secrets/x", "ARG CACHEBUST") }] }],
    },
    {
      name: "a global ARG is visible to FROM only: re-declare it",
      code: lines("ARG CACHEBUST=1", "FROM alpine:3.20", "RUN --mount=type=secret,id=x cat /run/secrets/x"),
      errors: [
        {
          messageId: "globalArgOnly",
          data: { secret: "secret 'x'", name: "CACHEBUST" },
          line: 3,
          suggestions: [
            {
              messageId: "insertArg",
              data: { line: "ARG CACHEBUST", keyword: "RUN" },
              output: lines("ARG CACHEBUST=1", "FROM alpine:3.20", "ARG CACHEBUST", "RUN --mount=type=secret,id=x cat /run/secrets/x"),
            },
          ],
        },
      ],
    },
    {
      name: "a global ARG the RUN references is suggested for re-declaration",
      code: lines("ARG TOKEN_VERSION=3", "FROM alpine:3.20", "RUN --mount=type=secret,id=t echo $TOKEN_VERSION && ./fetch.sh"),
      errors: [
        {
          messageId: "globalArgOnly",
          data: { secret: "secret 't'", name: "TOKEN_VERSION" },
          suggestions: [
            {
              messageId: "insertArg",
              data: { line: "ARG TOKEN_VERSION", keyword: "RUN" },
              output: lines("ARG TOKEN_VERSION=3", "FROM alpine:3.20", "ARG TOKEN_VERSION", "RUN --mount=type=secret,id=t echo $TOKEN_VERSION && ./fetch.sh"),
            },
          ],
        },
      ],
    },
    {
      name: "ARGs do not carry over from the parent stage",
      code: lines("FROM alpine:3.20 AS base", "ARG CACHEBUST", "FROM base", "RUN --mount=type=secret,id=x cat /run/secrets/x"),
      errors: [{ messageId: "secretNotBusted", line: 4, suggestions: [{ messageId: "insertArg", output: lines("FROM alpine:3.20 AS base", "ARG CACHEBUST", "FROM base", "ARG CACHEBUST", "RUN --mount=type=secret,id=x cat /run/secrets/x") }] }],
    },
    {
      name: "ONBUILD RUN: only an earlier ONBUILD ARG counts",
      code: lines("FROM alpine:3.20", "ARG CACHEBUST", "ONBUILD RUN --mount=type=secret,id=npm npm ci"),
      errors: [
        {
          messageId: "onbuildSecretNotBusted",
          line: 3,
          column: 21,
          endColumn: 32,
          suggestions: [
            {
              messageId: "insertArg",
              data: { line: "ONBUILD ARG CACHEBUST", keyword: "ONBUILD" },
              output: lines("FROM alpine:3.20", "ARG CACHEBUST", "ONBUILD ARG CACHEBUST", "ONBUILD RUN --mount=type=secret,id=npm npm ci"),
            },
          ],
        },
      ],
    },
    {
      name: "lowercase keywords and indentation are kept",
      code: lines("from alpine:3.20", "    run --mount=type=secret,id=x cat /run/secrets/x"),
      errors: [
        {
          messageId: "secretNotBusted",
          suggestions: [{ messageId: "insertArg", data: { line: "arg CACHEBUST", keyword: "RUN" }, output: lines("from alpine:3.20", "    arg CACHEBUST", "    run --mount=type=secret,id=x cat /run/secrets/x") }],
        },
      ],
    },
    {
      name: "CRLF line endings are kept",
      code: "FROM alpine:3.20\r\nRUN --mount=type=secret,id=x \\\r\n  cat /run/secrets/x\r\n",
      errors: [{ messageId: "secretNotBusted", line: 2, suggestions: [{ messageId: "insertArg", output: "FROM alpine:3.20\r\nARG CACHEBUST\r\nRUN --mount=type=secret,id=x \\\r\n  cat /run/secrets/x\r\n" }] }],
    },
    {
      name: "backtick escape and a continuation",
      code: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nRUN --mount=type=secret,id=feed `\r\n  powershell -File restore.ps1\r\n",
      errors: [
        {
          messageId: "secretNotBusted",
          line: 3,
          column: 13,
          suggestions: [{ messageId: "insertArg", output: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nARG CACHEBUST\r\nRUN --mount=type=secret,id=feed `\r\n  powershell -File restore.ps1\r\n" }],
        },
      ],
    },
    {
      name: "several secret mounts in one RUN: one report naming them all",
      code: lines("FROM alpine:3.20", "RUN --mount=type=secret,id=secret-foo,dst=secret1.txt --mount=type=secret,id=secret-bar,dst=secret2.txt \\", "    cat secret1.txt secret2.txt"),
      errors: [
        {
          messageId: "secretNotBusted",
          data: { secret: "secrets 'secret-foo', 'secret-bar'", name: "CACHEBUST" },
          column: 13,
          suggestions: [{ messageId: "insertArg", output: lines("FROM alpine:3.20", "ARG CACHEBUST", "RUN --mount=type=secret,id=secret-foo,dst=secret1.txt --mount=type=secret,id=secret-bar,dst=secret2.txt \\", "    cat secret1.txt secret2.txt") }],
        },
      ],
    },
    {
      name: "the secret is named by its target when it has no id",
      code: lines("FROM alpine:3.20", "RUN --mount=type=secret,target=/root/.npmrc npm ci"),
      errors: [{ messageId: "secretNotBusted", data: { secret: "secret '.npmrc'", name: "CACHEBUST" }, suggestions: [{ messageId: "insertArg", output: lines("FROM alpine:3.20", "ARG CACHEBUST", "RUN --mount=type=secret,target=/root/.npmrc npm ci") }] }],
    },
    {
      name: "heredoc and exec form RUNs in a multi-stage file",
      code: lines(
        "FROM golang:1.22 AS build",
        "RUN --mount=type=secret,id=netrc,target=/root/.netrc <<EOF",
        "go mod download",
        "EOF",
        "FROM alpine:3.20",
        'RUN --mount=type=secret,id=x ["cat", "/run/secrets/x"]',
      ),
      errors: [
        {
          messageId: "secretNotBusted",
          line: 2,
          suggestions: [{ messageId: "insertArg", output: lines("FROM golang:1.22 AS build", "ARG CACHEBUST", "RUN --mount=type=secret,id=netrc,target=/root/.netrc <<EOF", "go mod download", "EOF", "FROM alpine:3.20", 'RUN --mount=type=secret,id=x ["cat", "/run/secrets/x"]') }],
        },
        {
          messageId: "secretNotBusted",
          line: 6,
          suggestions: [{ messageId: "insertArg", output: lines("FROM golang:1.22 AS build", "RUN --mount=type=secret,id=netrc,target=/root/.netrc <<EOF", "go mod download", "EOF", "FROM alpine:3.20", "ARG CACHEBUST", 'RUN --mount=type=secret,id=x ["cat", "/run/secrets/x"]') }],
        },
      ],
    },
    {
      name: "a custom bustArgPattern that CACHEBUST does not match: no suggestion",
      code: lines("FROM alpine:3.20", "RUN --mount=type=secret,id=x cat /run/secrets/x"),
      options: [{ bustArgPattern: "^rebuild_" }],
      errors: [{ messageId: "secretNotBusted", suggestions: [] }],
    },
    {
      name: "real world: a Hugging Face token mounted to fetch models (ramalama hfmirror)",
      code: lines(
        "FROM registry.access.redhat.com/ubi9/python-312:9.5 AS models",
        "ARG MODEL=ibm-granite/granite-3.1-2b-instruct",
        "RUN --mount=type=secret,id=hf_token \\",
        "    HF_TOKEN=$(cat /run/secrets/hf_token) huggingface-cli download --local-dir /models granite",
      ),
      errors: [
        {
          messageId: "secretNotBusted",
          data: { secret: "secret 'hf_token'", name: "CACHEBUST" },
          line: 3,
          column: 13,
          suggestions: [
            {
              messageId: "insertArg",
              output: lines(
                "FROM registry.access.redhat.com/ubi9/python-312:9.5 AS models",
                "ARG MODEL=ibm-granite/granite-3.1-2b-instruct",
                "ARG CACHEBUST",
                "RUN --mount=type=secret,id=hf_token \\",
                "    HF_TOKEN=$(cat /run/secrets/hf_token) huggingface-cli download --local-dir /models granite",
              ),
            },
          ],
        },
      ],
    },
  ],
});
