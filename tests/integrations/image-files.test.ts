/**
 * A fresh project with one file of every kind that names images, linted by
 * the real ESLint CLI with `...dockerfile.configs.recommended` and nothing
 * else: one floating image is reported in each file, at the image string,
 * and nothing else in the files that are not Dockerfiles.
 */
import { mkdir, symlink } from "node:fs/promises";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, ensureBuilt, makeProject, parseJson, removeProject } from "../cli/helpers.js";

interface Message {
  ruleId: string | null;
  messageId?: string;
  line: number;
  column: number;
}

interface JsonResult {
  filePath: string;
  messages: Message[];
}

const PINNED = `sha256:${"c3".repeat(32)}`;

const FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "fresh", private: true, type: "module" }),
  "eslint.config.js": ['import dockerfile from "eslint-plugin-dockerfile";', "", "export default [...dockerfile.configs.recommended];", ""].join("\n"),
  Dockerfile: ["FROM golang:1.22.5 AS build", "WORKDIR /src", "COPY . .", "RUN go build -o /out/app .", "", "FROM gcr.io/distroless/static", "COPY --from=build /out/app /app", "USER nonroot", 'ENTRYPOINT ["/app"]', ""].join("\n"),
  "compose.yaml": [
    "# The stack for local development",
    "x-defaults: &defaults",
    "  restart: unless-stopped",
    "services:",
    "  app:",
    "    build: .",
    "    image: fresh/app",
    "  db:",
    "    <<: *defaults",
    "    image: postgres",
    "  cache: { image: 'redis:7.2.4' }",
    "",
  ].join("\n"),
  ".github/workflows/ci.yml": [
    "name: CI",
    "on: [push, pull_request]",
    "jobs:",
    "  test:",
    "    runs-on: ubuntu-latest",
    "    container: node:20.11.1",
    "    services:",
    "      db:",
    "        image: postgres:latest",
    "        env:",
    "          POSTGRES_PASSWORD: postgres",
    "    steps:",
    "      - uses: actions/checkout@v4",
    "      - run: npm test",
    "",
  ].join("\n"),
  ".gitlab-ci.yml": ["image: node:20.11.1", "", "test:", "  services:", "    - name: mysql", "      alias: db", "  script:", "    - npm test", ""].join("\n"),
  ".devcontainer/devcontainer.json": ["{", "  // Dev Containers spec: https://containers.dev/implementors/json_reference/", '  "name": "fresh",', '  "image": "mcr.microsoft.com/devcontainers/typescript-node",', '  "forwardPorts": [3000],', "}", ""].join("\n"),
  "docker-bake.json": JSON.stringify({ group: { default: { targets: ["app"] } }, target: { app: { context: ".", contexts: { alpine: "docker-image://alpine:latest", src: "./src" } } } }, null, 2),
  "README.md": [
    "# fresh",
    "",
    "Run it:",
    "",
    "```js",
    "console.log(notDefinedAnywhere)",
    "```",
    "",
    "Or build your own:",
    "",
    "```dockerfile",
    `FROM node:20.11.1@${PINNED}`,
    "COPY . /app",
    "",
    "FROM nginx",
    "COPY --from=0 /app /usr/share/nginx/html",
    "```",
    "",
  ].join("\n"),
  "test/db.test.ts": [
    'import { GenericContainer, type StartedTestContainer } from "testcontainers";',
    'import { PostgreSqlContainer as Postgres } from "@testcontainers/postgresql";',
    "",
    "let redis: StartedTestContainer;",
    "export async function start(): Promise<void> {",
    '  redis = await new GenericContainer("redis").withExposedPorts(6379).start();',
    '  await new Postgres("postgres:16.3").start();',
    "}",
    "",
  ].join("\n"),
};

/** File → the one finding expected there: [line, column, messageId]. */
const EXPECTED: Record<string, [number, number, string]> = {
  Dockerfile: [6, 6, "missingTag"],
  "compose.yaml": [10, 12, "missingTag"],
  ".github/workflows/ci.yml": [9, 16, "latestTag"],
  ".gitlab-ci.yml": [5, 13, "missingTag"],
  ".devcontainer/devcontainer.json": [4, 13, "missingTag"],
  "docker-bake.json": [13, 35, "latestTag"],
  "README.md": [15, 6, "missingTag"],
  "test/db.test.ts": [6, 39, "missingTag"],
};

let dir = "";
let results: JsonResult[] = [];

beforeAll(async () => {
  ensureBuilt();
  dir = await makeProject(FILES);
  // As `npm install eslint-plugin-dockerfile` would leave it, without the network.
  await mkdir(path.join(dir, "node_modules"), { recursive: true });
  await symlink(ROOT, path.join(dir, "node_modules", "eslint-plugin-dockerfile"), "dir");
  const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules/eslint/bin/eslint.js"), ".", "--format", "json"], {
    cwd: dir,
    encoding: "utf8",
  });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(1);
  results = parseJson(run.stdout) as unknown as JsonResult[];
}, 120_000);

afterAll(async () => {
  if (dir) await removeProject(dir);
});

describe("a fresh project with configs.recommended", () => {
  it("lints every kind of file and no other", () => {
    const linted = results.map((result) => path.relative(dir, result.filePath).split(path.sep).join("/")).sort();
    expect(linted).toEqual(["eslint.config.js", ...Object.keys(EXPECTED)].sort());
  });

  it.each(Object.entries(EXPECTED))("reports exactly the floating image in %s", (file, [line, column, messageId]) => {
    const result = results.find((entry) => path.relative(dir, entry.filePath).split(path.sep).join("/") === file);
    expect(result?.messages.map((message) => ({ ruleId: message.ruleId, line: message.line, column: message.column, messageId: message.messageId }))).toEqual([
      { ruleId: "dockerfile/pin-base-image", line, column, messageId },
    ]);
  });

  it("leaves the config file and the README's JavaScript block alone", () => {
    const config = results.find((entry) => entry.filePath.endsWith("eslint.config.js"));
    expect(config?.messages).toEqual([]);
  });
});
