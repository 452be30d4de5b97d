import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../index.js";
import { buildTree } from "../../lib/language/tree/index.js";
import rule from "../../rules/apt-update-with-install.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("apt-update-with-install", rule, {
  valid: [
    { name: "update and install chained", code: lines("FROM debian:12", "RUN apt-get update && apt-get install -y --no-install-recommends curl") },
    { name: "update and install separated by ;", code: lines("FROM ubuntu:18.04", "RUN apt-get update -y ; apt-get install -y curl") },
    { name: "update then upgrade", code: lines("FROM ubuntu:24.04", "RUN test -f /etc/os-release && apt-get update && apt upgrade --yes") },
    { name: "apt update with apt-get install: same index", code: lines("FROM ubuntu:24.04", "RUN apt update && apt-get install -y git") },
    { name: "install on continuation lines", code: lines("FROM debian:12", "RUN apt-get update \\", "    && apt-get -y --no-install-recommends install \\", "       ca-certificates") },
    { name: "heredoc RUN with update and install", code: lines("FROM ubuntu:24.04", "RUN <<EOF", "apt-get update", "apt-get install -y curl", "EOF") },
    { name: "apk add --update refreshes itself", code: lines("FROM alpine:3.20", "RUN apk --update add easy-rsa && apk add -U git") },
    { name: "apk update then add", code: lines("FROM alpine:3.20", "RUN apk update && apk add --no-cache git ca-certificates") },
    { name: "script argument named update", code: lines("FROM alpine:3.20", "RUN /bin/sh /scripts/someScript.sh update") },
    { name: "other tools' update is not a package index", code: lines("FROM hseeberger/scala-sbt:17", "RUN sbt update && npm update && gem update --system") },
    { name: "yum and dnf refresh expired metadata themselves", code: lines("FROM rockylinux:9", "RUN dnf makecache && yum makecache") },
    { name: "install inside sh -c", code: lines("FROM debian:12", "RUN sh -c 'apt-get update && apt-get install -y curl'") },
    { name: "install through xargs", code: lines("FROM debian:12", "RUN apt-get update && xargs -a packages.txt apt-get install -y") },
    { name: "wrapped by sudo and env", code: lines("FROM ubuntu:24.04", "RUN sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata") },
    { name: "options before the subcommand", code: lines("FROM debian:12", "RUN apt-get -o Acquire::Retries=3 -qq update && apt-get -qq -y install curl") },
    { name: "ONBUILD RUN with both", code: lines("FROM debian:12", "ONBUILD RUN apt-get update && apt-get install -y make") },
    { name: "PowerShell stage", code: lines("# escape=`", "FROM mcr.microsoft.com/windows/servercore:ltsc2022", "RUN apt-get update") },
    { name: "xx-apt-get reads the same lists (cross-compiling)", code: lines("FROM debian:12", "RUN apt-get update && xx-apt-get install -y --no-install-recommends gcc libc6-dev") },
    { name: "apt-get download reads the lists", code: lines("FROM debian:12", "RUN apt-get update && apt-get download libssl3 libcurl4") },
    { name: "apt-cache reads the lists", code: lines("FROM debian:12", "RUN apt-get update && apt-cache policy docker-ce") },
    { name: "install helper scripts", code: lines("FROM bitnami/minideb:bookworm", "RUN apt update && install_packages curl") },
    {
      name: "lists deleted in the same RUN: nothing stale stays in the layer",
      code: lines("FROM debian:13", "RUN set -eux; \\", "\techo 'deb https://weechat.org/debian trixie main' > /etc/apt/sources.list.d/weechat.list; \\", "\tapt-get update; \\", "\tapt-get dist-clean"),
    },
    { name: "rm -rf of the lists", code: lines("FROM debian:12", "RUN apt-get update && apt-get purge -y imagemagick && rm -rf /var/lib/apt/lists/*") },
    {
      name: "a script after the update may install (real world: devcontainer library scripts)",
      code: lines("FROM mcr.microsoft.com/devcontainers/base:bookworm", "RUN apt-get update \\", "    && bash /tmp/scripts/sshd-debian.sh \\", "    && ./post-install.sh"),
    },
    { name: "a setup script piped to a shell", code: lines("FROM debian:12", "RUN apt-get update && curl -fsSL https://deb.nodesource.com/setup_20.x | bash -") },
  ],
  invalid: [
    {
      name: "update alone, install in the next RUN: merged",
      code: lines("FROM ubuntu:18.04", "RUN apt-get update", "RUN apt-get install -y --no-install-recommends mysql-client && rm -rf /var/lib/apt/lists/*"),
      output: lines("FROM ubuntu:18.04", "RUN apt-get update && \\", "    apt-get install -y --no-install-recommends mysql-client && rm -rf /var/lib/apt/lists/*"),
      errors: [
        {
          messageId: "updateWithoutInstall",
          data: { command: "apt-get update", tool: "apt-get", hint: "apt-get update && apt-get install -y …" },
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 19,
        },
      ],
    },
    {
      name: "update chained with something else, install in the next RUN",
      code: lines("FROM ubuntu:18.04", "RUN apt-get update && adduser mike", "RUN apt-get install -y mysql-client"),
      output: lines("FROM ubuntu:18.04", "RUN apt-get update && adduser mike && \\", "    apt-get install -y mysql-client"),
      errors: [{ messageId: "updateWithoutInstall", line: 2, column: 5, endColumn: 19 }],
    },
    {
      name: "exec form: reported, not merged",
      code: lines("FROM ubuntu:18.04", 'RUN ["apt-get", "update"]', 'ENTRYPOINT ["mysql"]'),
      output: null,
      errors: [{ messageId: "updateWithoutInstall", data: { command: "apt-get update", tool: "apt-get", hint: "apt-get update && apt-get install -y …" }, line: 2, column: 6, endColumn: 25 }],
    },
    {
      name: "options before the subcommand are part of the report",
      code: lines("FROM debian:12", "RUN apt-get -qq update", "RUN apt-get -qq install -y curl"),
      output: lines("FROM debian:12", "RUN apt-get -qq update && \\", "    apt-get -qq install -y curl"),
      errors: [{ messageId: "updateWithoutInstall", data: { command: "apt-get -qq update", tool: "apt-get", hint: "apt-get update && apt-get install -y …" }, column: 5, endColumn: 23 }],
    },
    {
      name: "apk update alone (real world: Arrow's musllinux wheel image)",
      code: lines(
        "FROM alpine:3.20",
        "ENV LINUX_WHEEL_KIND='musllinux'",
        "",
        "RUN apk update",
        "RUN apk add --no-cache \\",
        "    build-base \\",
        "    ccache \\",
        "    cmake",
      ),
      output: lines(
        "FROM alpine:3.20",
        "ENV LINUX_WHEEL_KIND='musllinux'",
        "",
        "RUN apk update && \\",
        "    apk add --no-cache \\",
        "    build-base \\",
        "    ccache \\",
        "    cmake",
      ),
      errors: [{ messageId: "updateWithoutInstall", data: { command: "apk update", tool: "apk", hint: "apk add --no-cache … (which fetches a fresh index itself)" }, line: 4, column: 5, endColumn: 15 }],
    },
    {
      name: "real world: hexpm/bob Erlang images, install with options before the subcommand and two-space continuations",
      code: lines("ARG OS_VERSION", "FROM debian:${OS_VERSION} AS build", "", "RUN apt-get update", "RUN apt-get -y --no-install-recommends install \\", "  autoconf \\", "  make"),
      output: lines("ARG OS_VERSION", "FROM debian:${OS_VERSION} AS build", "", "RUN apt-get update && \\", "  apt-get -y --no-install-recommends install \\", "  autoconf \\", "  make"),
      errors: [{ messageId: "updateWithoutInstall", line: 4 }],
    },
    {
      name: "comment and blank lines between: the comment stays inside the continuation",
      code: lines("FROM ubuntu:24.04", "RUN apt-get update", "", "# tools", "RUN apt-get install -y curl"),
      output: lines("FROM ubuntu:24.04", "RUN apt-get update && \\", "    # tools", "    apt-get install -y curl"),
      errors: [{ messageId: "updateWithoutInstall", line: 2 }],
    },
    {
      name: "leading && continuation style is kept",
      code: lines("FROM ubuntu:24.04", "RUN add-apt-repository -y ppa:deadsnakes/ppa \\", "  && apt-get update", "RUN apt-get install -y python3.12"),
      output: lines("FROM ubuntu:24.04", "RUN add-apt-repository -y ppa:deadsnakes/ppa \\", "  && apt-get update \\", "  && apt-get install -y python3.12"),
      errors: [{ messageId: "updateWithoutInstall", line: 3, column: 6, endColumn: 20 }],
    },
    {
      name: "backtick escape and CRLF",
      code: "# escape=`\r\nFROM debian:12\r\nRUN apt-get update\r\nRUN apt-get install -y `\r\n      curl\r\n",
      output: "# escape=`\r\nFROM debian:12\r\nRUN apt-get update && `\r\n      apt-get install -y `\r\n      curl\r\n",
      errors: [{ messageId: "updateWithoutInstall", line: 3, column: 5, endColumn: 19 }],
    },
    {
      name: "lowercase instructions",
      code: lines("from debian:12", "run apt-get update", "run apt-get install -y curl"),
      output: lines("from debian:12", "run apt-get update && \\", "    apt-get install -y curl"),
      errors: [{ messageId: "updateWithoutInstall", line: 2 }],
    },
    {
      name: "ONBUILD RUN followed by ONBUILD RUN",
      code: lines("FROM debian:12", "ONBUILD RUN apt-get update", "ONBUILD RUN apt-get install -y make"),
      output: lines("FROM debian:12", "ONBUILD RUN apt-get update && \\", "    apt-get install -y make"),
      errors: [{ messageId: "updateWithoutInstall", line: 2, column: 13, endColumn: 27 }],
    },
    {
      name: "ONBUILD RUN followed by a plain RUN: not merged",
      code: lines("FROM debian:12", "ONBUILD RUN apt-get update", "RUN apt-get install -y make"),
      output: null,
      errors: [{ messageId: "updateWithoutInstall" }],
    },
    {
      name: "same cache mounts on both RUNs: merged, flags kept",
      code: lines(
        "FROM debian:12",
        "RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt/lists apt-get update",
        "RUN --mount=type=cache,target=/var/lib/apt/lists --mount=type=cache,target=/var/cache/apt apt-get install -y gcc",
      ),
      output: lines(
        "FROM debian:12",
        "RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt/lists apt-get update && \\",
        "    apt-get install -y gcc",
      ),
      errors: [{ messageId: "updateWithoutInstall" }],
    },
    {
      name: "different mounts: reported, not merged",
      code: lines("FROM debian:12", "RUN apt-get update", "RUN --mount=type=cache,target=/var/lib/apt/lists apt-get install -y gcc"),
      output: null,
      errors: [{ messageId: "updateWithoutInstall" }],
    },
    {
      name: "next RUN has ; or || at its top level: not merged",
      code: lines("FROM debian:12", "RUN apt-get update", "RUN apt-get install -y curl; rm -rf /var/lib/apt/lists/*", "RUN apt-get update", "RUN apt-get install -y git || true"),
      output: null,
      errors: [{ messageId: "updateWithoutInstall", line: 2 }, { messageId: "updateWithoutInstall", line: 4 }],
    },
    {
      name: "trailing shell comment: not merged (it would swallow the install)",
      code: lines("FROM debian:12", "RUN apt-get update # refresh", "RUN apt-get install -y curl"),
      output: null,
      errors: [{ messageId: "updateWithoutInstall" }],
    },
    {
      name: "next RUN is a heredoc: not merged",
      code: lines("FROM debian:12", "RUN apt-get update", "RUN <<EOF", "apt-get install -y curl", "EOF"),
      output: null,
      errors: [{ messageId: "updateWithoutInstall" }],
    },
    {
      name: "next RUN updates itself: not merged",
      code: lines("FROM debian:12", "RUN apt-get update", "RUN apt-get update && apt-get install -y curl"),
      output: null,
      errors: [{ messageId: "updateWithoutInstall", line: 2 }],
    },
    {
      name: "install in a later, not the next, RUN: not merged",
      code: lines("FROM debian:12", "RUN apt-get update", 'RUN echo "deb http://deb.debian.org/debian bookworm-backports main" > /etc/apt/sources.list.d/bp.list', "RUN apt-get install -y curl"),
      output: null,
      errors: [{ messageId: "updateWithoutInstall" }],
    },
    {
      name: "next instruction is in another stage",
      code: lines("FROM debian:12 AS a", "RUN apt-get update", "FROM a", "RUN apt-get install -y curl"),
      output: null,
      errors: [{ messageId: "updateWithoutInstall" }],
    },
    {
      name: "install before the update only",
      code: lines("FROM ubuntu:24.04", "RUN apt-get install -y software-properties-common && add-apt-repository -y ppa:git-core/ppa && apt-get update", "RUN apt-get install -y git"),
      output: lines("FROM ubuntu:24.04", "RUN apt-get install -y software-properties-common && add-apt-repository -y ppa:git-core/ppa && apt-get update && \\", "    apt-get install -y git"),
      errors: [{ messageId: "updateWithoutInstall", line: 2, column: 96, endColumn: 110 }],
    },
    {
      name: "update in a subshell and a group",
      code: lines("FROM debian:12", "RUN (apt-get update) && { apt-get clean; }", "RUN apt-get install -y curl"),
      output: lines("FROM debian:12", "RUN (apt-get update) && { apt-get clean; } && \\", "    apt-get install -y curl"),
      errors: [{ messageId: "updateWithoutInstall", column: 6, endColumn: 20 }],
    },
    {
      name: "two tools, neither installs",
      code: lines("FROM debian:12", "RUN apt-get update && apk update"),
      output: null,
      errors: [{ messageId: "updateWithoutInstall", column: 5, endColumn: 19 }, { messageId: "updateWithoutInstall", column: 23, endColumn: 33 }],
    },
    {
      name: "sudo and sh -c wrappers",
      code: lines("FROM ubuntu:24.04", "RUN sudo apt update", "RUN bash -c 'apt-get update'"),
      output: null,
      errors: [{ messageId: "updateWithoutInstall", line: 2, column: 10, endColumn: 20 }, { messageId: "updateWithoutInstall", line: 3, column: 14, endColumn: 28 }],
    },
  ],
});

describe("apt-update-with-install fixes", () => {
  const linter = new Linter({ configType: "flat" });
  const config = [
    { files: ["**/Dockerfile"], plugins: { dockerfile: plugin }, language: "dockerfile/dockerfile", rules: { "dockerfile/apt-update-with-install": "error" as const } },
  ];
  const cases = [
    lines("FROM ubuntu:18.04", "RUN apt-get update", "RUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*"),
    lines("FROM ubuntu:24.04", "RUN add-apt-repository -y ppa:x \\", "  && apt-get update", "", "# tools", "RUN apt-get install -y \\", "  git \\", "  curl"),
    "# escape=`\r\nFROM debian:12\r\nRUN apt-get update\r\nRUN apt-get install -y `\r\n      curl\r\n",
    lines("FROM debian:12", "ONBUILD RUN apt-get update", "ONBUILD RUN apt-get install -y make"),
    lines("FROM alpine:3.20", "RUN apk update", "RUN apk add --no-cache git", "RUN apk update", "RUN apk add --no-cache curl"),
  ];
  for (const code of cases) {
    it(`merges into one RUN fewer, and a second pass changes nothing: ${code.split(/\r?\n/u)[2] ?? ""}`, () => {
      const first = linter.verifyAndFix(code, config, { filename: "Dockerfile" });
      expect(first.fixed).toBe(true);
      expect(first.messages).toEqual([]);
      const runs = (text: string): number => {
        let count = 0;
        for (const node of buildTree(text).ast.body) {
          if (node.type === "Run" || (node.type === "Onbuild" && node.trigger?.type === "Run")) count++;
        }
        return count;
      };
      const merges = linter.verify(code, config, { filename: "Dockerfile" }).filter((message) => message.fix).length;
      expect(merges).toBeGreaterThan(0);
      expect(runs(first.output)).toBe(runs(code) - merges);
      expect(buildTree(first.output).ast.body.some((node) => node.type === "Unknown")).toBe(false);
      const second = linter.verifyAndFix(first.output, config, { filename: "Dockerfile" });
      expect(second.fixed).toBe(false);
      expect(second.output).toBe(first.output);
    });
  }
});
