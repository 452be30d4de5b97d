import { expect } from "vitest";
import { status, type Harness } from "../harness.js";
import { dropFromPool, installed, publishMirror } from "./mirror.js";
import type { Scenario } from "./scenario.js";

const OLD = { curl: "7.88.1-10", git: "1:2.39.2-1" };
const NEW = { curl: "7.88.1-10+deb12u8", git: "1:2.39.5-0+deb12u1" };

/** The mirror moves on between the two builds: new versions listed, the old files gone. */
function moveMirror(harness: Harness): void {
  publishMirror(harness.server, NEW);
  for (const [name, version] of Object.entries(OLD)) dropFromPool(harness.server, name, version);
}

export const aptUpdateWithInstall: Scenario[] = [
  {
    id: "apt-update-with-install-problem",
    rule: "apt-update-with-install",
    kind: "problem",
    claim: "A `RUN apt-get update` of its own keeps the lists of its first build; a later install reads stale lists and fails once the mirror drops the old versions.",
    scenario: "`RUN apt-get update` then `RUN apt-get install -y curl`; the mirror publishes new versions and drops the old files; the install line gains `git`.",
    async run(harness) {
      harness.server.reset();
      publishMirror(harness.server, OLD);
      const before = ["FROM " + harness.base, "RUN apt-get update", "RUN apt-get install -y --no-install-recommends curl", ""].join("\n");
      expect(harness.lint(before, "apt-update-with-install")).toHaveLength(1);
      const first = await harness.build("apt-split", { dockerfile: before, network: true });
      expect(first.ok, first.log).toBe(true);
      expect(installed(first.read("var/lib/dpkg/status"))).toBe(`curl ${OLD.curl}`);

      moveMirror(harness);
      const after = before.replace("curl\n", "curl git\n");
      const second = await harness.build("apt-split", { dockerfile: after, network: true });
      const update = second.step("RUN apt-get update");
      const install = second.step("RUN apt-get install");
      expect(update.cached).toBe(true);
      expect(install.cached).toBe(false);
      expect(second.ok).toBe(false);
      expect(second.log).toContain(`pool/curl-${OLD.curl} 404 Not Found`);
      return `\`RUN apt-get update\` ${status(update)}; the changed install ran on the old lists and failed: \`E: Failed to fetch …/curl-${OLD.curl} 404 Not Found\`.`;
    },
  },
  {
    id: "apt-update-with-install-fix",
    rule: "apt-update-with-install",
    kind: "fix",
    claim: "With update and install in one `RUN`, a change to the package list runs the update again.",
    scenario: "`RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*`, under the same mirror move and the same added `git`.",
    async run(harness) {
      harness.server.reset();
      publishMirror(harness.server, OLD);
      const before = ["FROM " + harness.base, "RUN apt-get update && apt-get install -y --no-install-recommends curl \\", "    && rm -rf /var/lib/apt/lists/*", ""].join("\n");
      expect(harness.lint(before, "apt-update-with-install")).toEqual([]);
      const first = await harness.build("apt-joined", { dockerfile: before, network: true });
      expect(first.ok, first.log).toBe(true);
      expect(installed(first.read("var/lib/dpkg/status"))).toBe(`curl ${OLD.curl}`);

      moveMirror(harness);
      const second = await harness.build("apt-joined", { dockerfile: before.replace("curl \\", "curl git \\"), network: true });
      expect(second.ok, second.log).toBe(true);
      const run = second.step("RUN apt-get update");
      expect(run.cached).toBe(false);
      expect(harness.server.count("/dists/stable/index")).toBe(2);
      const got = installed(second.read("var/lib/dpkg/status"));
      expect(got).toBe(`curl ${NEW.curl}, git ${NEW.git}`);
      expect(second.read("var/lib/apt/lists/index")).toBeUndefined();
      return `The \`RUN\` ${status(run)} again with the new list, fetched fresh lists and installed ${got}.`;
    },
  },
];
