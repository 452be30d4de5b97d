import { expect } from "vitest";
import { status, type Harness } from "../harness.js";
import type { Scenario } from "./scenario.js";

const ROUTE = "/private/data";

/** The private API: it answers the current token only, with data that belongs to it. */
function rotate(harness: Harness, token: string): void {
  harness.server.set(ROUTE, (request) =>
    request.headers.authorization === `Bearer ${token}` ? { status: 200, body: `data for ${token}\n` } : { status: 401, body: "unauthorized\n" },
  );
}

const fetchLine = (harness: Harness): string =>
  `RUN --mount=type=secret,id=token,target=/root/.token wget -q --header "Authorization: Bearer $(cat /root/.token)" -O /data.txt ${harness.url("api", ROUTE)}`;

export const secretCacheBust: Scenario[] = [
  {
    id: "secret-cache-bust-problem",
    rule: "secret-cache-bust",
    kind: "problem",
    claim: "BuildKit leaves secret contents out of the cache key: after the secret changes, the step still reuses the result built with the old one.",
    scenario: "`ARG NODE_ENV=production` and a `RUN --mount=type=secret,id=token` that fetches private data with the token; the token is rotated (the old one revoked) and the file is built again.",
    async run(harness) {
      harness.server.reset();
      rotate(harness, "token-1");
      const dockerfile = [`FROM ${harness.base}`, "ARG NODE_ENV=production", fetchLine(harness), ""].join("\n");
      expect(harness.lint(dockerfile, "secret-cache-bust").map((message) => message.messageId)).toEqual(["secretNotBusted"]);
      const first = await harness.build("secret-plain", { dockerfile, network: true, secrets: { token: "token-1" } });
      expect(first.ok, first.log).toBe(true);

      rotate(harness, "token-2");
      const second = await harness.build("secret-plain", { dockerfile, network: true, secrets: { token: "token-2" } });
      expect(second.ok, second.log).toBe(true);
      const step = second.step("RUN --mount=type=secret");
      expect(step.cached).toBe(true);
      expect(second.read("data.txt")).toBe("data for token-1\n");
      expect(harness.server.count(ROUTE)).toBe(1);
      return `With the new token the \`RUN\` was ${status(step)}, never called the API, and the image kept the data fetched with the revoked token.`;
    },
  },
  {
    id: "secret-cache-bust-global",
    rule: "secret-cache-bust",
    kind: "problem",
    claim: "An ARG before the first FROM is visible to FROM lines only, so it cannot invalidate the step.",
    scenario: "`ARG CACHEBUST` before `FROM`, the same secret `RUN` in the stage; the token is rotated and `--build-arg CACHEBUST` changed.",
    async run(harness) {
      harness.server.reset();
      rotate(harness, "token-1");
      const dockerfile = ["ARG CACHEBUST", `FROM ${harness.base}`, fetchLine(harness), ""].join("\n");
      expect(harness.lint(dockerfile, "secret-cache-bust").map((message) => message.messageId)).toEqual(["globalArgOnly"]);
      const first = await harness.build("secret-global", { dockerfile, network: true, secrets: { token: "token-1" }, buildArgs: { CACHEBUST: "1" } });
      expect(first.ok, first.log).toBe(true);
      rotate(harness, "token-2");
      const second = await harness.build("secret-global", { dockerfile, network: true, secrets: { token: "token-2" }, buildArgs: { CACHEBUST: "2" } });
      const step = second.step("RUN --mount=type=secret");
      expect(step.cached).toBe(true);
      expect(second.read("data.txt")).toBe("data for token-1\n");
      return `With \`CACHEBUST=2\` the \`RUN\` was still ${status(step)} with the old data.`;
    },
  },
  {
    id: "secret-cache-bust-fix",
    rule: "secret-cache-bust",
    kind: "fix",
    claim: "An ARG declared in the stage before the RUN, given a new value with the new secret, runs the step again.",
    scenario: "`ARG CACHEBUST` in the stage above the same `RUN`; the token is rotated with `--build-arg CACHEBUST=rotation-2`.",
    async run(harness) {
      harness.server.reset();
      rotate(harness, "token-1");
      const dockerfile = [`FROM ${harness.base}`, "RUN echo setup > /setup.txt", "ARG CACHEBUST", fetchLine(harness), ""].join("\n");
      expect(harness.lint(dockerfile, "secret-cache-bust")).toEqual([]);
      const first = await harness.build("secret-bust", { dockerfile, network: true, secrets: { token: "token-1" }, buildArgs: { CACHEBUST: "rotation-1" } });
      expect(first.ok, first.log).toBe(true);
      rotate(harness, "token-2");
      const second = await harness.build("secret-bust", { dockerfile, network: true, secrets: { token: "token-2" }, buildArgs: { CACHEBUST: "rotation-2" } });
      expect(second.ok, second.log).toBe(true);
      const setup = second.step("RUN echo setup");
      const step = second.step("RUN --mount=type=secret");
      expect([setup.cached, step.cached]).toEqual([true, false]);
      expect(second.read("data.txt")).toBe("data for token-2\n");
      return `The step above the ARG was ${status(setup)}; the secret \`RUN\` ${status(step)} with the new token and fetched its data.`;
    },
  },
  {
    id: "secret-cache-bust-onbuild",
    rule: "secret-cache-bust",
    kind: "problem",
    claim: "An ONBUILD RUN runs right after the downstream FROM, so only an earlier `ONBUILD ARG` can invalidate it.",
    scenario: "A base image with `ARG CACHEBUST` and `ONBUILD RUN --mount=type=secret,…`, then one with `ONBUILD ARG CACHEBUST` above it; a downstream `FROM` of each is built twice, rotating the token and `CACHEBUST`.",
    async run(harness) {
      const downstream = async (name: string, parent: string[]): Promise<[boolean, string | undefined]> => {
        harness.server.reset();
        rotate(harness, "token-1");
        const base = [`FROM ${harness.base}`, ...parent, `ONBUILD ${fetchLine(harness)}`, ""].join("\n");
        const tag = `onbuild-${name}:1`;
        const built = await harness.build(`onbuild-${name}-base`, { dockerfile: base, tag });
        expect(built.ok, built.log).toBe(true);
        const child = [`FROM ${tag}`, "RUN echo app > /app.txt", ""].join("\n");
        const first = await harness.build(`onbuild-${name}`, { dockerfile: child, network: true, secrets: { token: "token-1" }, buildArgs: { CACHEBUST: "1" } });
        expect(first.ok, first.log).toBe(true);
        rotate(harness, "token-2");
        const second = await harness.build(`onbuild-${name}`, { dockerfile: child, network: true, secrets: { token: "token-2" }, buildArgs: { CACHEBUST: "2" } });
        expect(second.ok, second.log).toBe(true);
        return [second.step("RUN --mount=type=secret").cached, second.read("data.txt")];
      };
      const plainArg = ["ARG CACHEBUST"];
      const onbuildArg = ["ONBUILD ARG CACHEBUST"];
      expect(harness.lint([`FROM ${harness.base}`, ...plainArg, `ONBUILD ${fetchLine(harness)}`, ""].join("\n"), "secret-cache-bust").map((message) => message.messageId)).toEqual([
        "onbuildSecretNotBusted",
      ]);
      expect(harness.lint([`FROM ${harness.base}`, ...onbuildArg, `ONBUILD ${fetchLine(harness)}`, ""].join("\n"), "secret-cache-bust")).toEqual([]);
      const [plainCached, plainData] = await downstream("arg", plainArg);
      expect([plainCached, plainData]).toEqual([true, "data for token-1\n"]);
      const [onbuildCached, onbuildData] = await downstream("onbuild-arg", onbuildArg);
      expect([onbuildCached, onbuildData]).toEqual([false, "data for token-2\n"]);
      return "Downstream, the trigger stayed CACHED with the old data under the base's plain `ARG CACHEBUST`, and ran with the new token under `ONBUILD ARG CACHEBUST`.";
    },
  },
  {
    id: "secret-cache-bust-mount-variable",
    rule: "secret-cache-bust",
    kind: "fix",
    claim: "A secret id built from an ARG (`id=token-${TOKEN_VERSION}`) ties the step to that ARG.",
    scenario: "`ARG TOKEN_VERSION` and `RUN --mount=type=secret,id=token-${TOKEN_VERSION},required=true`, built with `TOKEN_VERSION=2` and secret `token-2`.",
    async run(harness) {
      harness.server.reset();
      const dockerfile = [`FROM ${harness.base}`, "ARG TOKEN_VERSION", "RUN --mount=type=secret,id=token-${TOKEN_VERSION},required=true ls /run/secrets > /ids.txt", ""].join("\n");
      expect(harness.lint(dockerfile, "secret-cache-bust")).toEqual([]);
      const built = await harness.build("secret-variable", { dockerfile, secrets: { "token-2": "token-2" }, buildArgs: { TOKEN_VERSION: "2" } });
      expect(built.ok).toBe(false);
      expect(built.log).toContain("secret token-${TOKEN_VERSION} not found");
      return "The built-in frontend does not expand variables in `--mount` (Dockerfile 1.3 and later do): `secret token-${TOKEN_VERSION} not found`.";
    },
  },
];
