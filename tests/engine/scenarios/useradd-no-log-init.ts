import { expect } from "vitest";
import type { Scenario } from "./scenario.js";

// sizeof(struct lastlog) with glibc on x86_64.
const RECORD = 292;
const UID = 100_000;

export const useraddNoLogInit: Scenario[] = [
  {
    id: "useradd-no-log-init-problem",
    rule: "useradd-no-log-init",
    kind: "problem",
    claim: "`useradd` without `-l` writes a record into lastlog and faillog at an offset proportional to the UID; the sparse file is stored in full in the layer.",
    scenario: `\`RUN useradd -m -u ${UID} app\` with Debian 12's own useradd (shadow 4.13) and empty logs, as Debian images ship them; then a sparse lastlog of the size an older useradd writes for that UID.`,
    async run(harness) {
      expect(harness.features.useradd, "Debian's useradd could not be copied into the base image").toBe(true);
      const dockerfile = [`FROM ${harness.base}`, `ARG APP_UID=${UID}`, "RUN useradd -m -u ${APP_UID} app", ""].join("\n");
      expect(harness.lint(dockerfile, "useradd-no-log-init").map((message) => message.messageId)).toEqual(["missingNoLogInit"]);
      const built = await harness.build("useradd", { dockerfile });
      expect(built.ok, built.log).toBe(true);
      expect(built.read("etc/passwd")).toContain(`app:x:${UID}:`);
      expect([built.read("var/log/lastlog"), built.read("var/log/faillog")]).toEqual(["", ""]);

      const sparse = [`FROM ${harness.base}`, `RUN truncate -s ${(UID + 1) * RECORD} /var/log/lastlog`, ""].join("\n");
      const layered = await harness.build("useradd-sparse", { dockerfile: sparse, tag: "sparse-lastlog:1" });
      expect(layered.ok, layered.log).toBe(true);
      const history = await harness.engine.docker(["history", "--format", "{{.Size}}", "sparse-lastlog:1"]);
      const size = history.stdout.split("\n")[0] ?? "";
      expect(size).toBe("29.2MB");
      return `Debian 12's useradd left both logs empty (since shadow 4.13 it writes no record past a log's end); a ${size} sparse lastlog, as older useradd writes it, made a ${size} layer.`;
    },
  },
];
