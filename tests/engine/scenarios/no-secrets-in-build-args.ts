import { expect } from "vitest";
import type { Harness } from "../harness.js";
import type { Scenario } from "./scenario.js";

const TOKEN = "npm_Sup3rS3cr3tV4lue";

interface Exposure {
  history: boolean;
  config: boolean;
  saved: boolean;
}

/** Where a value can be read from a tagged image: `docker history`, `docker image inspect`, and the `docker save` archive. */
async function exposure(harness: Harness, tag: string, value: string): Promise<Exposure> {
  const history = await harness.engine.docker(["history", "--no-trunc", "--format", "{{.CreatedBy}}", tag]);
  const inspect = await harness.engine.docker(["image", "inspect", tag]);
  const saved = await harness.engine.docker(["save", tag]);
  expect([history.code, inspect.code, saved.code]).toEqual([0, 0, 0]);
  return { history: history.stdout.includes(value), config: inspect.stdout.includes(value), saved: saved.stdout.includes(value) };
}

export const noSecretsInBuildArgs: Scenario[] = [
  {
    id: "no-secrets-in-build-args-problem",
    rule: "no-secrets-in-build-args",
    kind: "problem",
    claim: "A build argument's value is written into the image history of every RUN after it, and into the cache key; an ENV value is stored in the image config.",
    scenario: "`ARG NPM_TOKEN`, `ENV DB_PASSWORD=postgres` and a `RUN` that reads the token, built with `--build-arg NPM_TOKEN=<token>`, then with another token.",
    async run(harness) {
      const dockerfile = [`FROM ${harness.base}`, "ARG NPM_TOKEN", "ENV DB_PASSWORD=postgres", 'RUN test -n "$NPM_TOKEN" && echo installed > /installed.txt', ""].join("\n");
      expect(harness.lint(dockerfile, "no-secrets-in-build-args").map((message) => message.messageId)).toEqual(["secretArg", "secretEnv"]);
      const built = await harness.build("secret-arg", { dockerfile, tag: "secret-arg:1", buildArgs: { NPM_TOKEN: TOKEN } });
      expect(built.ok, built.log).toBe(true);
      const token = await exposure(harness, "secret-arg:1", TOKEN);
      const password = await exposure(harness, "secret-arg:1", "DB_PASSWORD=postgres");
      expect(token).toEqual({ history: true, config: false, saved: true });
      expect(password.config).toBe(true);
      const history = await harness.engine.docker(["history", "--no-trunc", "--format", "{{.CreatedBy}}", "secret-arg:1"]);
      expect(history.stdout).toContain(`|1 NPM_TOKEN=${TOKEN} /bin/sh -c test -n`);
      const rotated = await harness.build("secret-arg", { dockerfile, tag: "secret-arg:1", buildArgs: { NPM_TOKEN: `${TOKEN}2` } });
      expect(rotated.step("RUN test").cached).toBe(false);
      return "`docker history --no-trunc` shows `|1 NPM_TOKEN=<token> /bin/sh -c …`, and so does the `docker save` archive; `docker image inspect` shows `DB_PASSWORD=postgres`; another token re-ran the `RUN`.";
    },
  },
  {
    id: "no-secrets-in-build-args-fix",
    rule: "no-secrets-in-build-args",
    kind: "fix",
    claim: "A secret mount keeps the value out of layers, history and cache.",
    scenario: "`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc` reading the same token, and `ENV DB_PASSWORD_FILE=/run/secrets/db_password`.",
    async run(harness) {
      const dockerfile = [
        `FROM ${harness.base}`,
        "ENV DB_PASSWORD_FILE=/run/secrets/db_password",
        "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc grep -q npm_ /root/.npmrc && echo installed > /installed.txt",
        "",
      ].join("\n");
      expect(harness.lint(dockerfile, "no-secrets-in-build-args")).toEqual([]);
      const built = await harness.build("secret-mount", { dockerfile, tag: "secret-mount:1", secrets: { npmrc: TOKEN } });
      expect(built.ok, built.log).toBe(true);
      expect(await exposure(harness, "secret-mount:1", TOKEN)).toEqual({ history: false, config: false, saved: false });
      return "The token appears nowhere: not in `docker history`, not in `docker image inspect`, not in the `docker save` archive.";
    },
  },
];
