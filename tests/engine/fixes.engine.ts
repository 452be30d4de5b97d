/**
 * Fixes and suggestions build (npm run test:engine): for each rule whose
 * fix or suggestion can be built offline on the busybox base, the file
 * before and after ESLint applies it (through the plugin, so the real fix
 * code runs) builds, and the two images hold the same files, except where
 * the fix changes them on purpose, which the case states and checks.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEngineForSuite } from "../support/engine.js";
import { publishMirror } from "./scenarios/mirror.js";
import { snapshot, startHarness, type Harness, type ScenarioBuild } from "./harness.js";

interface FixCase {
  rule: string;
  how: "fix" | "suggest";
  options?: unknown;
  dockerfile: (harness: Harness) => string;
  build?: Omit<ScenarioBuild, "dockerfile">;
  /** Set up the file server before both builds. */
  serve?: (harness: Harness) => void;
  /** Paths whose content the fix changes on purpose, checked by `check`. */
  differ?: string[];
  check?: (before: Map<string, string>, after: Map<string, string>, fixed: string) => void;
  /** Compare these parts of `docker image inspect`'s Config as well. */
  config?: ("Env" | "Labels" | "Cmd" | "WorkingDir" | "User")[];
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

const mirror = (harness: Harness): void => {
  harness.server.reset();
  publishMirror(harness.server, { curl: "7.88.1-10", git: "1:2.39.5-0+deb12u1" });
};

const CASES: FixCase[] = [
  {
    rule: "apt-update-with-install",
    how: "fix",
    dockerfile: (h) => [`FROM ${h.base}`, "RUN apt-get update", "# tools", "RUN apt-get install -y --no-install-recommends curl", ""].join("\n"),
    build: { network: true },
    serve: mirror,
  },
  {
    rule: "copy-manifests-first",
    how: "suggest",
    dockerfile: (h) => [`FROM ${h.base}`, "WORKDIR /app", "COPY . .", "RUN npm ci", "RUN npm run build", ""].join("\n"),
    build: {
      network: true,
      files: {
        "package.json": '{ "name": "app" }\n',
        "package-lock.json": '{\n  "packages": {\n    "left-pad": "1.3.0"\n  }\n}\n',
        "src/index.js": "console.log(1);\n",
        // The Dockerfile itself differs before and after, and `COPY . .` would copy it.
        ".dockerignore": "Dockerfile\n",
      },
    },
    serve: (h) => {
      h.server.reset();
      h.server.set("/left-pad/-/left-pad-1.3.0.tgz", "module left-pad\n");
    },
  },
  {
    rule: "secret-cache-bust",
    how: "suggest",
    dockerfile: (h) => [`FROM ${h.base}`, "RUN --mount=type=secret,id=token,target=/root/.token grep -q tok /root/.token && echo fetched > /data.txt", ""].join("\n"),
    build: { secrets: { token: "tok-1" } },
  },
  {
    rule: "volatile-args-last",
    how: "suggest",
    dockerfile: (h) => [`FROM ${h.base}`, "ARG GIT_COMMIT", "RUN apt-get update && apt-get install -y --no-install-recommends git", 'RUN echo "${GIT_COMMIT}" > /commit.txt', ""].join("\n"),
    build: { network: true, buildArgs: { GIT_COMMIT: "1111111" } },
    serve: mirror,
  },
  {
    rule: "prefer-copy",
    how: "fix",
    dockerfile: (h) => [`FROM ${h.base}`, "ADD app.txt /app/", "ADD --chown=nobody:nogroup conf /etc/app/", ""].join("\n"),
    build: { files: { "app.txt": "app\n", "conf/app.conf": "port=80\n" } },
  },
  {
    rule: "no-maintainer",
    how: "fix",
    dockerfile: (h) => [`FROM ${h.base}`, "MAINTAINER Jane Doe <jane@example.com>", "RUN echo built > /built.txt", ""].join("\n"),
  },
  {
    rule: "legacy-key-value-format",
    how: "fix",
    dockerfile: (h) => [`FROM ${h.base}`, "ENV APP_HOME /srv/app", "ENV JAVA_OPTS -Xmx1g -Dfile.encoding=UTF-8", "LABEL version 1.0", "RUN env | grep -e APP_HOME -e JAVA_OPTS | sort > /env.txt", ""].join("\n"),
    config: ["Env", "Labels"],
  },
  {
    rule: "useradd-no-log-init",
    how: "fix",
    dockerfile: (h) => [`FROM ${h.base}`, "ARG APP_UID=100000", "RUN useradd -m -u ${APP_UID} app", ""].join("\n"),
    check: (before) => {
      // Debian 12's useradd (shadow 4.13) no longer writes records past the end of the logs: see the engine table.
      expect(before.get("var/log/lastlog")).toMatch(/^file 644 0:0 0 /u);
    },
  },
  {
    rule: "apt-get-yes",
    how: "fix",
    dockerfile: (h) => [`FROM ${h.base}`, "RUN apt-get update && apt-get install --no-install-recommends curl", ""].join("\n"),
    build: { network: true },
    serve: mirror,
  },
  {
    rule: "prefer-apt-get",
    how: "fix",
    dockerfile: (h) => [`FROM ${h.base}`, "RUN apt update && apt install -y --no-install-recommends curl", ""].join("\n"),
    build: { network: true },
    serve: mirror,
  },
  {
    rule: "consistent-instruction-casing",
    how: "fix",
    dockerfile: (h) => [`FROM ${h.base} AS build`, "run echo built > /built.txt", "Workdir /srv", `from ${h.base}`, "copy --from=build /built.txt /srv/", ""].join("\n"),
  },
  {
    rule: "from-as-casing",
    how: "fix",
    dockerfile: (h) => [`FROM ${h.base} as build`, "RUN echo built > /built.txt", `FROM ${h.base}`, "COPY --from=build /built.txt /", ""].join("\n"),
  },
  {
    rule: "no-empty-continuation",
    how: "fix",
    dockerfile: (h) => [`FROM ${h.base}`, "RUN echo one > /one.txt \\", "", "    && echo two > /two.txt", ""].join("\n"),
  },
  {
    rule: "no-cd-in-run",
    how: "suggest",
    dockerfile: (h) => [`FROM ${h.base}`, "RUN mkdir -p /srv/app", "RUN cd /srv/app && echo built > built.txt", ""].join("\n"),
  },
  {
    rule: "prefer-exec-form",
    how: "suggest",
    dockerfile: (h) => [`FROM ${h.base}`, "RUN echo built > /built.txt", "CMD cat /built.txt", ""].join("\n"),
  },
  {
    rule: "copy-multiple-sources-needs-dir",
    how: "suggest",
    dockerfile: (h) => [`FROM ${h.base}`, "COPY a.txt b.txt /dest", ""].join("\n"),
    build: { files: { "a.txt": "a\n", "b.txt": "b\n" } },
    differ: ["dest", "dest/a.txt", "dest/b.txt"],
    check: (before, after) => {
      // The rule's claim: BuildKit copies each file to that one path, and only the last survives.
      expect(before.get("dest")).toBe(`file 644 0:0 2 ${sha256("b\n")}`);
      expect(after.get("dest")).toBe("dir 755 0:0");
      expect([after.get("dest/a.txt"), after.get("dest/b.txt")]).toEqual([`file 644 0:0 2 ${sha256("a\n")}`, `file 644 0:0 2 ${sha256("b\n")}`]);
    },
  },
];

const engine = await startEngineForSuite("npm run test:engine");
let harness: Harness | undefined;
let stop: (() => Promise<void>) | undefined;

describe.skipIf(!engine)("fixes and suggestions build on a real engine", () => {
  beforeAll(async () => {
    if (!engine) return;
    ({ harness, stop } = await startHarness(engine));
  });

  afterAll(async () => {
    await (stop ?? engine?.stop.bind(engine))?.();
  });

  for (const fixCase of CASES) {
    it(`${fixCase.rule}: the ${fixCase.how === "fix" ? "fixed" : "suggested"} file builds the same files`, async () => {
      if (!harness) throw new Error("no harness");
      const before = fixCase.dockerfile(harness);
      const after = fixCase.how === "fix" ? harness.fix(before, fixCase.rule, fixCase.options) : harness.suggest(before, fixCase.rule, fixCase.options);
      expect(after, "the rule changed nothing").not.toBe(before);
      const name = `fix-${fixCase.rule}`;
      fixCase.serve?.(harness);
      const builtBefore = await harness.build(`${name}-before`, { ...fixCase.build, dockerfile: before });
      fixCase.serve?.(harness);
      const builtAfter = await harness.build(`${name}-after`, { ...fixCase.build, dockerfile: after });
      expect(builtAfter.ok, `${after}\n${builtAfter.log}`).toBe(true);
      expect(builtBefore.ok, builtBefore.log).toBe(true);
      const files = [snapshot(builtBefore.out), snapshot(builtAfter.out)] as const;
      fixCase.check?.(files[0], files[1], after);
      for (const file of fixCase.differ ?? []) for (const tree of files) tree.delete(file);
      expect(Object.fromEntries(files[1])).toEqual(Object.fromEntries(files[0]));
      if (fixCase.config) {
        const configs = [];
        for (const [suffix, dockerfile] of [["before", before], ["after", after]] as const) {
          const tag = `fix-${createHash("sha256").update(fixCase.rule).digest("hex").slice(0, 12)}:${suffix}`;
          const built = await harness.build(`${name}-${suffix}`, { ...fixCase.build, dockerfile, tag });
          expect(built.ok, built.log).toBe(true);
          const inspect = await harness.engine.docker(["image", "inspect", "--format", "{{json .Config}}", tag]);
          const config = JSON.parse(inspect.stdout) as Record<string, unknown>;
          configs.push(Object.fromEntries(fixCase.config.map((key) => [key, config[key]])));
        }
        expect(configs[1]).toEqual(configs[0]);
      }
    });
  }
});
