import { expect } from "vitest";
import { status } from "../harness.js";
import { publishMirror } from "./mirror.js";
import type { Scenario } from "./scenario.js";

export const volatileArgsLast: Scenario[] = [
  {
    id: "volatile-args-last-problem",
    rule: "volatile-args-last",
    kind: "problem",
    claim: "Every RUN after an ARG gets it in its environment: each new value misses the cache at the first RUN, which does not use it, and at every step after it.",
    scenario: "`ARG GIT_COMMIT`, an install `RUN` that does not use it, then the `RUN` that writes it; built with `GIT_COMMIT=1111111`, then `2222222`.",
    async run(harness) {
      harness.server.reset();
      publishMirror(harness.server, { git: "1:2.39.5-0+deb12u1" });
      const dockerfile = [
        `FROM ${harness.base}`,
        "ARG GIT_COMMIT",
        "RUN apt-get update && apt-get install -y --no-install-recommends git",
        'RUN echo "commit ${GIT_COMMIT}" > /version.txt',
        "",
      ].join("\n");
      expect(harness.lint(dockerfile, "volatile-args-last").map((message) => message.messageId)).toEqual(["volatileArg"]);
      const first = await harness.build("volatile-top", { dockerfile, network: true, buildArgs: { GIT_COMMIT: "1111111" } });
      expect(first.ok, first.log).toBe(true);
      const second = await harness.build("volatile-top", { dockerfile, network: true, buildArgs: { GIT_COMMIT: "2222222" } });
      expect(second.ok, second.log).toBe(true);
      const install = second.step("RUN apt-get");
      expect(install.cached).toBe(false);
      expect(harness.server.count("/dists/stable/index")).toBe(2);
      return `The install \`RUN\`, which never reads \`GIT_COMMIT\`, ${status(install)} again and fetched the package lists again.`;
    },
  },
  {
    id: "volatile-args-last-label",
    rule: "volatile-args-last",
    kind: "problem",
    claim: "A LABEL that uses the ARG adds no build step, but the ARG above the RUNs still misses their cache.",
    scenario: "`ARG BUILD_DATE` and `LABEL org.opencontainers.image.created=$BUILD_DATE` above an install `RUN`; built with two dates.",
    async run(harness) {
      harness.server.reset();
      publishMirror(harness.server, { curl: "7.88.1-10" });
      const dockerfile = [
        `FROM ${harness.base}`,
        "ARG BUILD_DATE",
        "LABEL org.opencontainers.image.created=$BUILD_DATE",
        "RUN apt-get update && apt-get install -y --no-install-recommends curl",
        "",
      ].join("\n");
      expect(harness.lint(dockerfile, "volatile-args-last").map((message) => message.messageId)).toEqual(["volatileArg"]);
      await harness.build("volatile-label", { dockerfile, network: true, buildArgs: { BUILD_DATE: "2026-01-01" } });
      const second = await harness.build("volatile-label", { dockerfile, network: true, buildArgs: { BUILD_DATE: "2026-01-02" } });
      expect(second.ok, second.log).toBe(true);
      const install = second.step("RUN apt-get");
      expect(install.cached).toBe(false);
      return `The install \`RUN\` ${status(install)} again for the new date.`;
    },
  },
  {
    id: "volatile-args-last-fix",
    rule: "volatile-args-last",
    kind: "fix",
    claim: "Declared just before the step that needs it, the ARG costs only that step and the ones after it.",
    scenario: "The install `RUN` first, then `ARG GIT_COMMIT` and the `RUN` that writes it, then `ARG BUILD_DATE` and its LABEL; built with two commits and two dates.",
    async run(harness) {
      harness.server.reset();
      publishMirror(harness.server, { git: "1:2.39.5-0+deb12u1" });
      const dockerfile = [
        `FROM ${harness.base}`,
        "RUN apt-get update && apt-get install -y --no-install-recommends git",
        "ARG GIT_COMMIT",
        'RUN echo "commit ${GIT_COMMIT}" > /version.txt',
        "ARG BUILD_DATE",
        "LABEL org.opencontainers.image.created=$BUILD_DATE",
        "",
      ].join("\n");
      expect(harness.lint(dockerfile, "volatile-args-last")).toEqual([]);
      const first = await harness.build("volatile-last", { dockerfile, network: true, buildArgs: { GIT_COMMIT: "1111111", BUILD_DATE: "2026-01-01" } });
      expect(first.ok, first.log).toBe(true);
      const second = await harness.build("volatile-last", { dockerfile, network: true, buildArgs: { GIT_COMMIT: "2222222", BUILD_DATE: "2026-01-02" } });
      expect(second.ok, second.log).toBe(true);
      const install = second.step("RUN apt-get");
      const stamp = second.step("RUN echo");
      expect([install.cached, stamp.cached]).toEqual([true, false]);
      expect(second.read("version.txt")).toBe("commit 2222222\n");
      expect(harness.server.count("/dists/stable/index")).toBe(1);
      return `The install was ${status(install)}; only the \`RUN\` that writes the commit ${status(stamp)}.`;
    },
  },
];
