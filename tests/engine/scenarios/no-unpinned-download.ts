import { createHash } from "node:crypto";
import { expect } from "vitest";
import { status } from "../harness.js";
import type { Scenario } from "./scenario.js";

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

export const noUnpinnedDownload: Scenario[] = [
  {
    id: "no-unpinned-download-problem",
    rule: "no-unpinned-download",
    kind: "problem",
    claim: "A RUN is cached by its text: a cached build keeps the old `latest` download while a fresh build gets today's.",
    scenario: "`RUN wget -O /usr/local/bin/tool …/releases/latest/download/tool`; the server releases a new `latest`; the same file is built with and without its cache.",
    async run(harness) {
      harness.server.reset();
      const route = "/tool/releases/latest/download/tool";
      harness.server.set(route, "tool 1.0.0\n");
      const dockerfile = [`FROM ${harness.base}`, `RUN wget -q -O /usr/local/bin/tool ${harness.url("downloads", route)}`, ""].join("\n");
      expect(harness.lint(dockerfile, "no-unpinned-download").map((message) => message.messageId)).toEqual(["movingUrl"]);
      const first = await harness.build("download-latest", { dockerfile, network: true });
      expect(first.ok, first.log).toBe(true);

      harness.server.set(route, "tool 1.1.0\n");
      const cached = await harness.build("download-latest", { dockerfile, network: true });
      const fresh = await harness.build("download-latest", { dockerfile, network: true, noCache: true });
      const step = cached.step("RUN wget");
      expect(step.cached).toBe(true);
      expect(cached.read("usr/local/bin/tool")).toBe("tool 1.0.0\n");
      expect(fresh.read("usr/local/bin/tool")).toBe("tool 1.1.0\n");
      expect(harness.server.count(route)).toBe(2);
      return "The cached build's `RUN wget` was " + status(step) + " and kept tool 1.0.0 without asking the server; the fresh build got 1.1.0.";
    },
  },
  {
    id: "no-unpinned-download-fix",
    rule: "no-unpinned-download",
    kind: "fix",
    claim: "A URL that names a version makes a new release a change of the Dockerfile's text, and so of the cache key.",
    scenario: "`ARG TOOL_VERSION=1.0.0` and `RUN wget …/download/v${TOOL_VERSION}/tool`; the server adds v1.1.0; the file is built as is, then with `TOOL_VERSION=1.1.0`.",
    async run(harness) {
      harness.server.reset();
      harness.server.set("/tool/releases/download/v1.0.0/tool", "tool 1.0.0\n");
      const dockerfile = (version: string): string =>
        [`FROM ${harness.base}`, `ARG TOOL_VERSION=${version}`, `RUN wget -q -O /usr/local/bin/tool ${harness.url("downloads", "/tool/releases/download/v${TOOL_VERSION}/tool")}`, ""].join("\n");
      expect(harness.lint(dockerfile("1.0.0"), "no-unpinned-download")).toEqual([]);
      const first = await harness.build("download-versioned", { dockerfile: dockerfile("1.0.0"), network: true });
      expect(first.ok, first.log).toBe(true);

      harness.server.set("/tool/releases/download/v1.1.0/tool", "tool 1.1.0\n");
      const fresh = await harness.build("download-versioned", { dockerfile: dockerfile("1.0.0"), network: true, noCache: true });
      expect(fresh.read("usr/local/bin/tool")).toBe("tool 1.0.0\n");
      const bumped = await harness.build("download-versioned", { dockerfile: dockerfile("1.1.0"), network: true });
      const step = bumped.step("RUN wget");
      expect(step.cached).toBe(false);
      expect(bumped.read("usr/local/bin/tool")).toBe("tool 1.1.0\n");
      return `A fresh build still got 1.0.0; with \`TOOL_VERSION=1.1.0\` the \`RUN wget\` ${status(step)} and got 1.1.0.`;
    },
  },
  {
    id: "no-unpinned-download-checksum",
    rule: "no-unpinned-download",
    kind: "fix",
    claim: "A checksum verified in the same RUN makes a changed file fail the build instead of changing the image.",
    scenario: "`RUN wget …/latest/tool.tgz && echo \"<sha256>  tool.tgz\" | sha256sum -c -`; the server replaces the file; the file is built with and without its cache.",
    async run(harness) {
      harness.server.reset();
      const route = "/tool/latest/tool.tgz";
      harness.server.set(route, "tool 1.0.0\n");
      const dockerfile = [
        `FROM ${harness.base}`,
        `ARG TOOL_SHA256=${sha256("tool 1.0.0\n")}`,
        `RUN wget -q -O /tmp/tool.tgz ${harness.url("downloads", route)} \\`,
        ' && echo "${TOOL_SHA256}  /tmp/tool.tgz" | sha256sum -c - \\',
        " && cp /tmp/tool.tgz /opt/tool",
        "",
      ].join("\n");
      expect(harness.lint(dockerfile, "no-unpinned-download")).toEqual([]);
      const first = await harness.build("download-checksum", { dockerfile, network: true });
      expect(first.ok, first.log).toBe(true);

      harness.server.set(route, "tool 1.1.0\n");
      const cached = await harness.build("download-checksum", { dockerfile, network: true });
      const fresh = await harness.build("download-checksum", { dockerfile, network: true, noCache: true });
      expect(cached.ok).toBe(true);
      expect(cached.read("opt/tool")).toBe("tool 1.0.0\n");
      expect(fresh.ok).toBe(false);
      expect(fresh.log).toMatch(/\/tmp\/tool\.tgz: FAILED/u);
      return "The cached build kept the verified file; the fresh build failed at `sha256sum -c` (`/tmp/tool.tgz: FAILED`) instead of shipping the new one.";
    },
  },
];
