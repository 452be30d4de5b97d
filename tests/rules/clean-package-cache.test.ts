import rule from "../../rules/clean-package-cache.js";
import { lines, ruleTester } from "../rule-tester.js";

const APT_MOUNTS = "--mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked";

ruleTester.run("clean-package-cache", rule, {
  valid: [
    // apt (DL3009)
    { name: "apt-get cleanup", code: lines("FROM scratch", "RUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*") },
    { name: "apt-get cleanup in a stage that no later stage uses", code: lines("FROM ubuntu as foo", "RUN apt-get update && apt-get install python", "FROM scratch", "RUN echo hey!") },
    { name: "intermediate stage that cleans its lists", code: lines("FROM ubuntu as foo", "RUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*", "FROM foo", "RUN hey!") },
    { name: "cache mount on the lists directory", code: lines("FROM debian:12", "RUN --mount=type=cache,target=/var/lib/apt/lists \\", "    apt-get update && apt-get install python") },
    { name: "cache mounts on /var/lib/apt and /var/cache/apt", code: lines("FROM debian:12", "RUN --mount=type=cache,target=/var/lib/apt \\", "    --mount=type=cache,target=/var/cache/apt \\", "    rm -f /etc/apt/apt.conf.d/docker-clean && \\", "    apt-get update && apt-get install python") },
    { name: "tmpfs mount on /var/lib/apt", code: lines("FROM debian:12", "RUN --mount=type=tmpfs,target=/var/lib/apt apt-get update && apt-get install -y python3") },
    { name: "apt-get dist-clean", code: lines("FROM debian:13", "RUN apt-get update && apt-get install -y curl && apt-get dist-clean") },
    { name: "install without update writes no lists", code: lines("FROM debian:12", "RUN apt-get install -y ./local.deb") },
    { name: "cleanup in a heredoc", code: lines("FROM debian:12", "RUN <<EOF", "apt-get update", "apt-get install -y curl", "rm -rf /var/lib/apt/lists/*", "EOF") },
    // apk (DL3019)
    { name: "apk add --no-cache", code: lines("FROM alpine:3.20", "RUN apk add --no-cache curl=8.5.0-r0") },
    { name: "apk cache mount", code: lines("FROM alpine:3.20", "RUN --mount=type=cache,target=/var/cache/apk apk add -U curl=8.5.0-r0") },
    { name: "stage used by COPY --from: its caches never reach an image", code: lines("FROM ubuntu:24.04 AS tools", "RUN apt-get update && apt-get install -y jq", "FROM ubuntu:24.04", "COPY --from=tools /usr/bin/jq /usr/bin/jq") },
    { name: "stage used by COPY --from: official Go builder shape", code: lines("FROM golang:1.22 AS build", "RUN apt-get update && apt-get install -y protobuf-compiler", "RUN apk update || true", "WORKDIR /src", "RUN go build -o /out/app .", "FROM gcr.io/distroless/static-debian12", "COPY --from=build /out/app /app") },
    { name: "stage used by RUN --mount=from with a source outside the caches", code: lines("FROM alpine:3.20 AS assets", "RUN apk add nodejs", "FROM alpine:3.20", "RUN --mount=from=assets,source=/usr/bin,target=/mnt cp /mnt/node /usr/local/bin/") },
    { name: "yarn --version and -v install nothing", code: lines("FROM node:20", "RUN yarn --version && yarn -v && npm --version") },
    { name: "apk add --no-network installs from the cache only", code: lines("FROM python:3.12-alpine", "RUN apk add --no-network --virtual .python-rundeps libffi") },
    { name: "aptitude update with the lists removed", code: lines("FROM debian:12", "RUN aptitude update && aptitude install -y curl && rm -rf /var/lib/apt/lists/*") },
    { name: "apk update with the index removed", code: lines("FROM alpine:3.20", "RUN apk update && apk add curl=8.5.0-r0 && rm -rf /var/cache/apk/*") },
    { name: "dnf upgrade then dnf clean all", code: lines("FROM fedora:40", "RUN dnf upgrade -y && dnf clean all") },
    { name: "apk cache removed", code: lines("FROM alpine:3.20", "RUN apk add --update curl && rm -rf /var/cache/apk/*") },
    // yum, dnf, zypper (DL3032, DL3040, DL3036)
    { name: "yum clean all", code: lines("FROM centos:7", "RUN yum install -y httpd && yum clean all") },
    { name: "rm -rf /var/cache/yum", code: lines("FROM centos:7", "RUN yum install -y httpd && rm -rf /var/cache/yum/*") },
    { name: "dnf clean all", code: lines("FROM fedora:40", "RUN dnf install -y httpd && dnf clean all") },
    { name: "microdnf clean all", code: lines("FROM registry.access.redhat.com/ubi9/ubi-minimal", "RUN microdnf install -y git && microdnf clean all") },
    { name: "dnf5 cache mount", code: lines("FROM fedora:41", "RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y httpd") },
    { name: "zypper clean", code: lines("FROM opensuse/leap:15.6", "RUN zypper -n install httpd && zypper clean") },
    { name: "zypper cc", code: lines("FROM opensuse/leap:15.6", "RUN zypper -n in httpd && zypper cc -a") },
    { name: "zypper cache mount", code: lines("FROM opensuse/leap:15.6", "RUN --mount=type=cache,target=/var/cache/zypp zypper -n install httpd") },
    // pip (DL3042)
    { name: "pip --no-cache-dir", code: lines("FROM python:3.12", "RUN pip install --no-cache-dir six==1.16.0 && pip3 install --no-cache-dir requests") },
    { name: "pipx and pipenv are not pip", code: lines("FROM python:3.12", "RUN pipx install black && pipenv install") },
    { name: "ENV PIP_NO_CACHE_DIR with a true value", code: lines("FROM python:3.12", "ENV PIP_NO_CACHE_DIR=1", "RUN pip install six==1.16.0") },
    { name: "PIP_NO_CACHE_DIR on the command", code: lines("FROM python:3.12", "RUN PIP_NO_CACHE_DIR=true pip install six==1.16.0") },
    { name: "export PIP_NO_CACHE_DIR before pip", code: lines("FROM python:3.12", "RUN export PIP_NO_CACHE_DIR=on && pip install six==1.16.0") },
    { name: "PIP_NO_CACHE_DIR inherited from the parent stage", code: lines("FROM python:3.12 AS base", "ENV PIP_NO_CACHE_DIR=1", "FROM base", "RUN pip install six==1.16.0") },
    { name: "pip cache mount", code: lines("FROM python:3.12", "RUN --mount=type=cache,target=/root/.cache/pip pip install six==1.16.0") },
    { name: "pip tmpfs mount", code: lines("FROM python:3.12", "RUN --mount=type=tmpfs,target=/root/.cache/pip pip install six==1.16.0") },
    { name: "python -m pip with --no-cache-dir", code: lines("FROM python:3.12", "RUN python3 -m pip install --no-cache-dir -r requirements.txt") },
    // yarn (DL3060)
    { name: "yarn install then yarn cache clean", code: lines("FROM node:20", "RUN yarn install --frozen-lockfile && yarn cache clean") },
    { name: "yarn cache mount", code: lines("FROM node:20", "RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile") },
    { name: "builder stage not shipped", code: lines("FROM node:20 AS build", "RUN yarn install && yarn build", "FROM nginx:1.27", "COPY ./dist /usr/share/nginx/html") },
    { name: "ONBUILD with cleanup", code: lines("FROM debian:12", "ONBUILD RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*") },
  ],
  invalid: [
    {
      name: "apt-get no cleanup",
      code: lines("FROM scratch", "RUN apt-get update && apt-get install python"),
      errors: [
        {
          messageId: "aptLists",
          data: { tool: "apt-get" },
          line: 2,
          column: 5,
          endColumn: 19,
          suggestions: [{ messageId: "useCacheMount", data: { targets: "/var/cache/apt and /var/lib/apt" }, output: lines("FROM scratch", `RUN ${APT_MOUNTS} apt-get update && apt-get install python`) }],
        },
      ],
    },
    {
      name: "ONBUILD: a trigger runs in child images, even in an unused stage",
      code: lines("FROM ubuntu as foo", "ONBUILD RUN apt-get update && apt-get install python", "FROM scratch", "RUN echo hey!"),
      errors: [
        {
          messageId: "aptLists",
          line: 2,
          column: 13,
          suggestions: [{ messageId: "useCacheMount", output: lines("FROM ubuntu as foo", `ONBUILD RUN ${APT_MOUNTS} apt-get update && apt-get install python`, "FROM scratch", "RUN echo hey!") }],
        },
      ],
    },
    {
      name: "apt-get no cleanup in the last stage",
      code: lines("FROM ubuntu as foo", "RUN hey!", "FROM scratch", "RUN apt-get update && apt-get install python"),
      errors: [{ messageId: "aptLists", line: 4, suggestions: 1 }],
    },
    {
      name: "apt-get no cleanup in an intermediate stage used later",
      code: lines("FROM ubuntu as foo", "RUN apt-get update && apt-get install python", "FROM foo", "RUN hey!"),
      errors: [{ messageId: "aptLists", line: 2, suggestions: 1 }],
    },
    {
      name: "stage used by COPY --from: a copy of the whole root takes the lists along",
      code: lines("FROM ubuntu:24.04 AS rootfs", "RUN apt-get update && apt-get install -y jq", "FROM scratch", "COPY --from=rootfs / /"),
      errors: [{ messageId: "aptLists", line: 2, suggestions: 1 }],
    },
    {
      name: "stage used by COPY --from: a copy of /var takes the apk index along",
      code: lines("FROM alpine:3.20 AS deps", "RUN apk add curl", "FROM alpine:3.20", "COPY --from=deps /var /var"),
      errors: [{ messageId: "apkCache", line: 2, suggestions: 2 }],
    },
    {
      name: "stage used by COPY --from: the stage built FROM it ships, so the parent's caches do",
      code: lines("FROM debian:12 AS base", "RUN apt-get update && apt-get install -y curl", "FROM base AS app", "COPY --from=base /usr/bin/curl /x"),
      errors: [{ messageId: "aptLists", line: 2, suggestions: 1 }],
    },
    {
      name: "aptitude update leaves the lists",
      code: lines("FROM debian:12", "RUN aptitude update && aptitude install -y curl"),
      errors: [{ messageId: "aptLists", data: { tool: "aptitude" }, suggestions: 1 }],
    },
    {
      name: "apk update leaves its index even when the add uses --no-cache",
      code: lines("FROM alpine:3.20", "RUN apk update && apk add --no-cache curl=8.5.0-r0"),
      errors: [{ messageId: "apkIndex", data: { tool: "apk update" }, column: 5, endColumn: 15, suggestions: [{ messageId: "useCacheMount", output: lines("FROM alpine:3.20", "RUN --mount=type=cache,target=/var/cache/apk apk update && apk add --no-cache curl=8.5.0-r0") }] }],
    },
    {
      name: "dnf upgrade, upgrade-minimal, reinstall and their short forms fill /var/cache/dnf",
      code: lines("FROM fedora:40", "RUN dnf upgrade -y && dnf up -y && dnf upgrade-minimal -y && dnf rei -y bash", "RUN yum update -y && microdnf reinstall -y bash"),
      errors: [
        { messageId: "rpmCache", data: { tool: "dnf upgrade", clean: "dnf clean all", dir: "/var/cache/dnf (/var/cache/libdnf5 for dnf5)" } },
        { messageId: "rpmCache", data: { tool: "dnf up", clean: "dnf clean all", dir: "/var/cache/dnf (/var/cache/libdnf5 for dnf5)" } },
        { messageId: "rpmCache", data: { tool: "dnf upgrade-minimal", clean: "dnf clean all", dir: "/var/cache/dnf (/var/cache/libdnf5 for dnf5)" } },
        { messageId: "rpmCache", data: { tool: "dnf rei", clean: "dnf clean all", dir: "/var/cache/dnf (/var/cache/libdnf5 for dnf5)" } },
        { messageId: "rpmCache", data: { tool: "yum update", clean: "yum clean all", dir: "/var/cache/yum" } },
        { messageId: "rpmCache", data: { tool: "microdnf reinstall", clean: "dnf clean all", dir: "/var/cache/dnf (/var/cache/libdnf5 for dnf5)" } },
      ].map((error) => ({ ...error, suggestions: 1 })),
    },
    {
      name: "dnf group install and module install",
      code: lines("FROM rockylinux:9", "RUN dnf group install -y 'Development Tools' && dnf module install -y nodejs:20"),
      errors: [{ messageId: "rpmCache", data: { tool: "dnf group install", clean: "dnf clean all", dir: "/var/cache/dnf (/var/cache/libdnf5 for dnf5)" }, suggestions: 1 }, { messageId: "rpmCache", data: { tool: "dnf module install", clean: "dnf clean all", dir: "/var/cache/dnf (/var/cache/libdnf5 for dnf5)" }, suggestions: 1 }],
    },
    {
      name: "xx-apk add without --no-cache",
      code: lines("FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.6.1 AS xx", "FROM alpine:3.20", "RUN xx-apk add gcc musl-dev"),
      errors: [{ messageId: "apkCache", data: { tool: "xx-apk add" }, suggestions: 2 }],
    },
    {
      name: "cache mount on /var/cache/apt only",
      code: lines("FROM debian:12", "RUN --mount=type=cache,target=/var/cache/apt \\", "    rm -f /etc/apt/apt.conf.d/docker-clean && \\", "    apt-get update && apt-get install python"),
      errors: [
        {
          messageId: "aptLists",
          line: 4,
          column: 5,
          endColumn: 19,
          suggestions: [
            {
              messageId: "useCacheMount",
              data: { targets: "/var/lib/apt" },
              output: lines("FROM debian:12", "RUN --mount=type=cache,target=/var/lib/apt,sharing=locked --mount=type=cache,target=/var/cache/apt \\", "    rm -f /etc/apt/apt.conf.d/docker-clean && \\", "    apt-get update && apt-get install python"),
            },
          ],
        },
      ],
    },
    {
      name: "bind mount on the lists does not count",
      code: lines("FROM debian:12", "RUN --mount=type=bind,target=/var/lib/apt/lists apt-get update && apt-get install -y curl"),
      errors: [{ messageId: "aptLists", suggestions: 1 }],
    },
    {
      name: "cleanup before the update does not count",
      code: lines("FROM debian:12", "RUN rm -rf /var/lib/apt/lists/* && apt update && apt install -y curl"),
      errors: [{ messageId: "aptLists", data: { tool: "apt" }, column: 36, endColumn: 46, suggestions: 1 }],
    },
    {
      name: "apk add without --no-cache",
      code: lines("FROM alpine:3.20", "RUN apk add -U curl=8.5.0-r0"),
      errors: [
        {
          messageId: "apkCache",
          data: { tool: "apk add" },
          column: 5,
          endColumn: 12,
          suggestions: [
            { messageId: "useCacheMount", output: lines("FROM alpine:3.20", "RUN --mount=type=cache,target=/var/cache/apk apk add -U curl=8.5.0-r0") },
            { messageId: "addOption", data: { option: "--no-cache" }, output: lines("FROM alpine:3.20", "RUN apk add --no-cache -U curl=8.5.0-r0") },
          ],
        },
      ],
    },
    {
      name: "apk cache mount on another directory",
      code: lines("FROM alpine:3.20", "RUN --mount=type=cache,target=/var/cache/other apk add -U curl"),
      errors: [{ messageId: "apkCache", suggestions: 2 }],
    },
    {
      name: "yum without clean all",
      code: lines("FROM centos:7", "RUN yum install -y httpd"),
      errors: [{ messageId: "rpmCache", data: { tool: "yum install", clean: "yum clean all", dir: "/var/cache/yum" }, suggestions: [{ messageId: "useCacheMount", output: lines("FROM centos:7", "RUN --mount=type=cache,target=/var/cache/yum yum install -y httpd") }] }],
    },
    {
      name: "yum clean all before the install does not count",
      code: lines("FROM centos:7", "RUN yum clean all && yum install -y httpd"),
      errors: [{ messageId: "rpmCache", suggestions: 1 }],
    },
    {
      name: "dnf and microdnf without clean all",
      code: lines("FROM fedora:40", "RUN dnf install -y httpd", "RUN microdnf install -y git"),
      errors: [{ messageId: "rpmCache", line: 2, suggestions: 1 }, { messageId: "rpmCache", line: 3, suggestions: 1 }],
    },
    {
      name: "zypper without clean",
      code: lines("FROM opensuse/leap:15.6", "RUN zypper -n install httpd"),
      errors: [{ messageId: "zypperCache", suggestions: [{ messageId: "useCacheMount", output: lines("FROM opensuse/leap:15.6", "RUN --mount=type=cache,target=/var/cache/zypp zypper -n install httpd") }] }],
    },
    {
      name: "pip without --no-cache-dir",
      code: lines("FROM python:3.12", "RUN pip install six==1.16.0"),
      errors: [
        {
          messageId: "pipCache",
          data: { tool: "pip install" },
          column: 5,
          endColumn: 16,
          suggestions: [
            { messageId: "useCacheMount", output: lines("FROM python:3.12", "RUN --mount=type=cache,target=/root/.cache/pip pip install six==1.16.0") },
            { messageId: "addOption", data: { option: "--no-cache-dir" }, output: lines("FROM python:3.12", "RUN pip install --no-cache-dir six==1.16.0") },
          ],
        },
      ],
    },
    {
      name: "pip2, pip3 and python -m pip",
      code: lines("FROM python:3.12", "RUN pip2 install a==1 && pip3 install b==2 && python3 -m pip install c==3"),
      errors: [{ messageId: "pipCache", suggestions: 2 }, { messageId: "pipCache", suggestions: 2 }, { messageId: "pipCache", suggestions: 2 }],
    },
    {
      name: "PIP_NO_CACHE_DIR with a false value",
      code: lines("FROM python:3.12", "ENV PIP_NO_CACHE_DIR=0", "RUN pip install six==1.16.0"),
      errors: [{ messageId: "pipCache", suggestions: 2 }],
    },
    {
      name: "PIP_NO_CACHE_DIR not inherited from an unrelated image",
      code: lines("FROM python:3.12 AS base", "ENV PIP_NO_CACHE_DIR=1", "FROM python:3.12", "RUN pip install six==1.16.0"),
      errors: [{ messageId: "pipCache", line: 4, suggestions: 2 }],
    },
    {
      name: "pip as a non-root user: no root cache mount suggested",
      code: lines("FROM python:3.12", "USER app", "RUN pip install --user six==1.16.0"),
      errors: [{ messageId: "pipCache", suggestions: [{ messageId: "addOption", output: lines("FROM python:3.12", "USER app", "RUN pip install --no-cache-dir --user six==1.16.0") }] }],
    },
    {
      name: "yarn install without cache clean",
      code: lines("FROM node:20", "RUN yarn install --frozen-lockfile"),
      errors: [{ messageId: "yarnCache", data: { tool: "yarn install" }, suggestions: [{ messageId: "useCacheMount", output: lines("FROM node:20", "RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile") }] }],
    },
    {
      name: "yarn cache clean before the install does not count",
      code: lines("FROM node:20", "RUN yarn cache clean && yarn install"),
      errors: [{ messageId: "yarnCache", suggestions: 1 }],
    },
    {
      name: "exec form, lowercase, backtick escape and CRLF",
      code: "# escape=`\r\nFROM alpine:3.20\r\nrun [\"apk\", \"add\", \"curl\"]\r\n",
      errors: [
        {
          messageId: "apkCache",
          line: 3,
          suggestions: [
            { messageId: "useCacheMount", output: "# escape=`\r\nFROM alpine:3.20\r\nrun --mount=type=cache,target=/var/cache/apk [\"apk\", \"add\", \"curl\"]\r\n" },
            { messageId: "addOption", output: "# escape=`\r\nFROM alpine:3.20\r\nrun [\"apk\", \"add\", \"--no-cache\", \"curl\"]\r\n" },
          ],
        },
      ],
    },
    {
      name: "real world: node image that installs build tools with apt and packages with yarn in one RUN",
      code: lines(
        "FROM node:20-bookworm-slim",
        "WORKDIR /app",
        "COPY package.json yarn.lock ./",
        "RUN apt-get update \\",
        "    && apt-get install -y --no-install-recommends python3 make g++ \\",
        "    && yarn install --frozen-lockfile --production",
      ),
      errors: [
        { messageId: "aptLists", line: 4, suggestions: 1 },
        { messageId: "yarnCache", line: 6, suggestions: 1 },
      ],
    },
  ],
});
