import { createHash } from "node:crypto";
import { expect } from "vitest";
import { status } from "../harness.js";
import type { Scenario } from "./scenario.js";

const ROUTE = "/tini/releases/download/v0.19.0/tini";

export const requireAddChecksum: Scenario[] = [
  {
    id: "require-add-checksum-problem",
    rule: "require-add-checksum",
    kind: "problem",
    claim: "ADD of a URL follows the file on the server: when it changes, the image changes with it and every later step rebuilds.",
    scenario: "`ADD …/releases/download/v0.19.0/tini /tini` and a `RUN` after it; the same URL is uploaded again with other bytes; the unchanged file is built again.",
    async run(harness) {
      harness.server.reset();
      harness.server.set(ROUTE, "tini build 1\n");
      // The daemon itself fetches ADD's URL, so the URL names 127.0.0.1, not a name of --add-host.
      const dockerfile = [`FROM ${harness.base}`, `ADD ${harness.url("loopback", ROUTE)} /tini`, "RUN cp /tini /tini.copy", ""].join("\n");
      expect(harness.lint(dockerfile, "require-add-checksum").map((message) => message.messageId)).toEqual(["missingChecksum"]);
      const first = await harness.build("add-url", { dockerfile });
      expect(first.ok, first.log).toBe(true);
      const same = await harness.build("add-url", { dockerfile });
      expect(same.step("ADD").cached).toBe(true);

      harness.server.set(ROUTE, "tini build 2\n");
      const second = await harness.build("add-url", { dockerfile });
      expect(second.ok, second.log).toBe(true);
      const add = second.step("ADD");
      const run = second.step("RUN cp");
      expect([add.cached, run.cached]).toEqual([false, false]);
      expect(second.read("tini.copy")).toBe("tini build 2\n");
      return `Unchanged bytes: \`ADD\` CACHED. New bytes at the same URL: \`ADD\` ${status(add)}, the \`RUN\` after it ${status(run)}, and the image got the new file.`;
    },
  },
  {
    id: "require-add-checksum-fix",
    rule: "require-add-checksum",
    kind: "fix",
    claim: "`ADD --checksum=sha256:…` (Dockerfile syntax 1.6 and later) fixes the content.",
    scenario: "The same `ADD` with `--checksum=sha256:<digest>`, on this engine's built-in Dockerfile frontend (no `# syntax=` directive, which would pull a newer frontend).",
    async run(harness) {
      harness.server.reset();
      harness.server.set(ROUTE, "tini build 1\n");
      const digest = createHash("sha256").update("tini build 1\n").digest("hex");
      const dockerfile = [`FROM ${harness.base}`, `ADD --checksum=sha256:${digest} ${harness.url("loopback", ROUTE)} /tini`, ""].join("\n");
      expect(harness.lint(dockerfile, "require-add-checksum")).toEqual([]);
      const built = await harness.build("add-checksum", { dockerfile });
      expect(built.ok).toBe(false);
      expect(built.log).toContain("Unknown flag: checksum");
      expect(harness.server.count(ROUTE)).toBe(0);
      return "Rejected before any download: `dockerfile parse error line 2: Unknown flag: checksum`. On this engine, verify the download in a RUN instead (see no-unpinned-download's checksum row).";
    },
  },
];
