/**
 * `dockerfile-lint pin` on the files that are not Dockerfiles, against a real
 * registry (docker-registry on loopback): Compose, a workflow, GitLab CI, a
 * dev container and Bake files get their digests appended in place, with
 * every comment, anchor, quote and flow mapping kept, and a second run
 * changes nothing.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, makeProject, parseJson, removeProject, runCli } from "../cli/helpers.js";
import { pushImage, pushIndex, startRegistry } from "../support/registry.js";
import type { PushedIndex, TestRegistry } from "../support/registry.js";

let registry: TestRegistry;
let host: string;
let base: PushedIndex;
let tools: string;
let dir = "";
let files: Record<string, string> = {};

beforeAll(async () => {
  ensureBuilt();
  registry = await startRegistry();
  host = registry.host;
  base = await pushIndex(registry, "base", "1", ["linux/amd64", "linux/arm64/v8"]);
  tools = (await pushImage(registry, "tools", "2.1")).digest;
  files = {
    "compose.yaml": [
      "# Local stack",
      "x-common: &common",
      `  image: ${host}/base:1 # shared`,
      "services:",
      "  a:",
      "    <<: *common",
      "  b: { image: '" + host + "/tools:2.1', restart: always }",
      "  c:",
      "    build: .",
      `    image: ${host}/mine:1`,
      "  d:",
      "    image: ${IMAGE:-busybox}",
      "",
    ].join("\n"),
    ".github/workflows/ci.yml": [
      "on: push",
      "jobs:",
      "  t:",
      "    runs-on: ubuntu-latest",
      `    container: "${host}/base:1"`,
      "    services:",
      "      tools:",
      `        image: ${host}/tools:2.1`,
      "    steps:",
      `      - uses: docker://${host}/tools:2.1 # a step in a container`,
      "",
    ].join("\n"),
    ".gitlab-ci.yml": [`image: ${host}/base:1`, "test:", "  services:", `    - name: ${host}/tools:2.1`, "      alias: t", "  script: [make]", ""].join("\n"),
    ".devcontainer/devcontainer.json": ["{", "  // the image", `  "image": "${host}/base:1",`, '  "forwardPorts": [3000],', "}", ""].join("\n"),
    "docker-bake.json": JSON.stringify({ target: { app: { contexts: { tools: `docker-image://${host}/tools:2.1`, src: "./src" } } } }, null, 2) + "\n",
  };
  dir = await makeProject(files);
}, 120_000);

afterAll(async () => {
  await registry.stop();
  if (dir) await removeProject(dir);
});

const read = (name: string): Promise<string> => readFile(path.join(dir, name), "utf8");

function pinnedText(text: string): string {
  return text
    .replaceAll(`${host}/base:1`, `${host}/base:1@${base.digest}`)
    .replaceAll(`${host}/tools:2.1`, `${host}/tools:2.1@${tools}`);
}

describe("dockerfile-lint pin on Compose, CI, dev container and Bake files", () => {
  it("appends each digest where the image is written, and nothing else changes", async () => {
    const { code, stdout, stderr } = await runCli(["pin"], { cwd: dir });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    for (const [name, text] of Object.entries(files)) expect(await read(name), name).toBe(pinnedText(text));
    // The image Compose builds and tags is not pulled, so not pinned.
    expect(await read("compose.yaml")).toContain(`    image: ${host}/mine:1\n`);
    expect(stdout).toContain("pinned 9 references in 5 files");
    expect(stdout).toContain(`compose.yaml:12:12  Compose service image  left alone: \${IMAGE:-busybox} uses a variable`);
  }, 120_000);

  it("a second run changes nothing, --check passes, and the strict preset finds nothing to pin", async () => {
    const before = await Promise.all(Object.keys(files).map(read));
    const again = await runCli(["pin"], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("pinned 0 references in 0 files");
    expect(await Promise.all(Object.keys(files).map(read))).toEqual(before);
    expect((await runCli(["pin", "--check"], { cwd: dir })).code).toBe(0);
    const lint = await runCli(["--preset", "strict", "--format", "json"], { cwd: dir });
    expect(parseJson(lint.stdout).flatMap((result) => result.messages)).toEqual([]);
    expect(lint.code).toBe(0);
  }, 180_000);
});
