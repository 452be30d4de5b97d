import { expect } from "vitest";
import { status } from "../harness.js";
import { installed, publishMirror } from "./mirror.js";
import type { Scenario } from "./scenario.js";

const FIRST = "7.88.1-10";
const SECOND = "7.88.1-10+deb12u8";

export const pinPackageVersions: Scenario[] = [
  {
    id: "pin-package-versions-problem",
    rule: "pin-package-versions",
    kind: "problem",
    claim: "An install without a version gets whatever is newest when the cache is cold, so cached and fresh builds install different versions.",
    scenario: "`RUN apt-get update && apt-get install -y curl`; the mirror publishes a new curl; the same file is built again, with its cache and without (`--no-cache`, as on a new machine).",
    async run(harness) {
      harness.server.reset();
      publishMirror(harness.server, { curl: FIRST });
      const dockerfile = [`FROM ${harness.base}`, "RUN apt-get update && apt-get install -y --no-install-recommends curl", ""].join("\n");
      expect(harness.lint(dockerfile, "pin-package-versions").map((message) => message.messageId)).toEqual(["unpinnedPackages"]);
      const first = await harness.build("pkg-unpinned", { dockerfile, network: true });
      expect(first.ok, first.log).toBe(true);

      publishMirror(harness.server, { curl: SECOND });
      const cached = await harness.build("pkg-unpinned", { dockerfile, network: true });
      const fresh = await harness.build("pkg-unpinned", { dockerfile, network: true, noCache: true });
      expect(cached.ok && fresh.ok, cached.log + fresh.log).toBe(true);
      const step = cached.step("RUN apt-get update");
      expect(step.cached).toBe(true);
      expect(installed(cached.read("var/lib/dpkg/status"))).toBe(`curl ${FIRST}`);
      expect(installed(fresh.read("var/lib/dpkg/status"))).toBe(`curl ${SECOND}`);
      return `With its cache the install was ${status(step)} and the image kept curl ${FIRST}; without it, the same file installed curl ${SECOND}.`;
    },
  },
  {
    id: "pin-package-versions-fix",
    rule: "pin-package-versions",
    kind: "fix",
    claim: "With the version in the text, every build installs the same version, and an upgrade is a change of the text that runs the install again.",
    scenario: `\`apt-get install -y curl=${FIRST}\` under the same new release, with and without the cache; then the pin is changed to \`curl=${SECOND}\`.`,
    async run(harness) {
      harness.server.reset();
      publishMirror(harness.server, { curl: FIRST });
      const dockerfile = [`FROM ${harness.base}`, `RUN apt-get update && apt-get install -y --no-install-recommends curl=${FIRST}`, ""].join("\n");
      expect(harness.lint(dockerfile, "pin-package-versions")).toEqual([]);
      const first = await harness.build("pkg-pinned", { dockerfile, network: true });
      expect(first.ok, first.log).toBe(true);

      // The mirror lists both versions, as Debian's does for a point release.
      harness.server.set("/dists/stable/index", `curl ${FIRST}\ncurl ${SECOND}\n`);
      harness.server.set(`/pool/curl-${SECOND}`, `curl ${SECOND}\n`);
      const cached = await harness.build("pkg-pinned", { dockerfile, network: true });
      const fresh = await harness.build("pkg-pinned", { dockerfile, network: true, noCache: true });
      expect(cached.ok && fresh.ok, cached.log + fresh.log).toBe(true);
      expect(installed(cached.read("var/lib/dpkg/status"))).toBe(`curl ${FIRST}`);
      expect(installed(fresh.read("var/lib/dpkg/status"))).toBe(`curl ${FIRST}`);

      const upgraded = await harness.build("pkg-pinned", { dockerfile: dockerfile.replace(FIRST, SECOND), network: true });
      expect(upgraded.ok, upgraded.log).toBe(true);
      const step = upgraded.step("RUN apt-get update");
      expect(step.cached).toBe(false);
      expect(installed(upgraded.read("var/lib/dpkg/status"))).toBe(`curl ${SECOND}`);
      return `Cached and fresh builds both installed curl ${FIRST}; the changed pin ${status(step)} again and installed curl ${SECOND}.`;
    },
  },
];
