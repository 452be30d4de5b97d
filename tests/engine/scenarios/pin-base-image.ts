import path from "node:path";
import { expect } from "vitest";
import { tarFolder } from "../../support/engine.js";
import { pushImage, startRegistry, tarOf, type TestRegistry } from "../../support/registry.js";
import { status, type Harness } from "../harness.js";
import type { Scenario } from "./scenario.js";

/** Pushes `base:1` to the loopback registry: the busybox root file system and a release file on top. */
async function pushBase(harness: Harness, registry: TestRegistry, release: string): Promise<string> {
  const rootfs = await tarFolder(path.join(harness.work, "rootfs"));
  const pushed = await pushImage(registry, "base", "1", { format: "docker", layers: [rootfs, tarOf({ "etc/base-release": `${release}\n` })] });
  return pushed.digest;
}

/** Forgets the pulled base and the build cache, as a machine that never built this file. */
async function forget(harness: Harness, image: string): Promise<void> {
  await harness.engine.docker(["image", "rm", "--force", image]);
  expect((await harness.engine.docker(["builder", "prune", "--all", "--force"])).code).toBe(0);
}

async function withRegistry<T>(use: (registry: TestRegistry) => Promise<T>): Promise<T> {
  const registry = await startRegistry();
  try {
    return await use(registry);
  } finally {
    await registry.stop();
  }
}

const USE_BASE = "RUN cat /etc/base-release > /built-on.txt";

export const pinBaseImage: Scenario[] = [
  {
    id: "pin-base-image-problem",
    rule: "pin-base-image",
    kind: "problem",
    claim: "A tag can be pushed again with other content, so the same Dockerfile builds on different images: a machine with a copy of the tag keeps it, others get the new one.",
    scenario: "`FROM <registry>/base:1`; the registry's `base:1` is pushed again with other content, and the file is built again without `--pull`; then with a copy of the tag from `docker pull`, under one more push.",
    async run(harness) {
      return withRegistry(async (registry) => {
        await pushBase(harness, registry, "1");
        const image = `${registry.host}/base:1`;
        const dockerfile = [`FROM ${image}`, USE_BASE, ""].join("\n");
        expect(harness.lint(dockerfile, "pin-base-image", { digest: "always" }).map((message) => message.messageId)).toEqual(["missingDigest"]);
        const first = await harness.build("tag", { dockerfile });
        expect(first.ok, first.log).toBe(true);
        expect(first.read("built-on.txt")).toBe("1\n");

        // BuildKit asks the registry for the tag on each build unless the image store has a copy of it.
        await pushBase(harness, registry, "2");
        const moved = await harness.build("tag", { dockerfile });
        expect(moved.ok, moved.log).toBe(true);
        const rebuilt = moved.step("RUN cat");
        expect(rebuilt.cached).toBe(false);
        expect(moved.read("built-on.txt")).toBe("2\n");

        expect((await harness.engine.docker(["pull", image])).code).toBe(0);
        await pushBase(harness, registry, "3");
        const stale = await harness.build("tag", { dockerfile });
        expect(stale.ok, stale.log).toBe(true);
        const kept = stale.step("RUN cat");
        expect(kept.cached).toBe(true);
        expect(stale.read("built-on.txt")).toBe("2\n");
        const pulled = await harness.build("tag", { dockerfile, pull: true });
        expect(pulled.read("built-on.txt")).toBe("3\n");
        await forget(harness, image);
        return `After the push the same file built on the new \`base:1\` (its \`RUN\` ${status(rebuilt)}); with a pulled copy, the next push went unseen (\`RUN\` ${status(kept)}, old content) until \`--pull\`.`;
      });
    },
  },
  {
    id: "pin-base-image-fix",
    rule: "pin-base-image",
    kind: "fix",
    claim: "A digest names fixed content: Docker pulls by the digest, whatever the tag says now.",
    scenario: "`FROM <registry>/base:1@sha256:<digest of the first push>`, under the same re-push, with `--pull` and on a machine with no copy of the image.",
    async run(harness) {
      return withRegistry(async (registry) => {
        const digest = await pushBase(harness, registry, "1");
        const image = `${registry.host}/base:1@${digest}`;
        const dockerfile = [`FROM ${image}`, USE_BASE, ""].join("\n");
        expect(harness.lint(dockerfile, "pin-base-image", { digest: "always" })).toEqual([]);
        await pushBase(harness, registry, "2");
        const pulled = await harness.build("digest", { dockerfile, pull: true });
        expect(pulled.ok, pulled.log).toBe(true);
        expect(pulled.read("built-on.txt")).toBe("1\n");
        await pushBase(harness, registry, "3");
        const again = await harness.build("digest", { dockerfile, pull: true });
        const run = again.step("RUN cat");
        expect(run.cached).toBe(true);
        await forget(harness, image);
        const fresh = await harness.build("digest", { dockerfile, pull: true });
        expect(fresh.ok, fresh.log).toBe(true);
        expect(fresh.read("built-on.txt")).toBe("1\n");
        return `With \`--pull\`, after two more pushes, and on a machine without the image, the build used the first push (its \`RUN\` ${status(run)} across pushes).`;
      });
    },
  },
];
