/**
 * The command line on a hostile checkout: code planted in the tree is never
 * loaded, links out of the tree and special files are never read, fixes land
 * only on the file that was read, and bad output paths fail at once.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { lstat, mkdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { screenFiles, writeFixedFile } from "../../lib/cli/files.js";
import { ensureBuilt, parseJson, reportedFiles, runCli, temporaryProjects } from "./helpers.js";

vi.setConfig({ testTimeout: 120_000 });
ensureBuilt();

const project = temporaryProjects();

const UNTAGGED = "FROM ubuntu\nCMD [\"bash\"]\n";
/** apt-get-yes adds `-y` in the recommended preset. */
const FIXABLE = "FROM ubuntu:24.04\nRUN apt-get install curl\n";

describe.concurrent("formatters", () => {
  it("a built-in format name never loads an eslint-formatter-* package planted in the tree", async () => {
    const dir = await project({
      Dockerfile: UNTAGGED,
      "node_modules/eslint-formatter-stylish/package.json": JSON.stringify({ name: "eslint-formatter-stylish", main: "index.js" }),
      "node_modules/eslint-formatter-stylish/index.js": `require("fs").writeFileSync(${JSON.stringify("PLANTED-RAN")}, "x"); module.exports = () => "PLANTED";`,
      "node_modules/eslint-formatter-json/package.json": JSON.stringify({ name: "eslint-formatter-json", main: "index.js" }),
      "node_modules/eslint-formatter-json/index.js": `require("fs").writeFileSync(${JSON.stringify("PLANTED-RAN")}, "x"); module.exports = () => "PLANTED";`,
    });
    const plain = await runCli(["."], { cwd: dir });
    expect(plain.stdout).toContain("dockerfile/pin-base-image");
    expect(plain.stdout).not.toContain("PLANTED");
    const json = await runCli(["--format", "json", "."], { cwd: dir });
    expect(reportedFiles(parseJson(json.stdout), dir)).toEqual(["Dockerfile"]);
    expect(existsSync(path.join(dir, "PLANTED-RAN"))).toBe(false);
  });
});

describe.concurrent("links and special files", () => {
  it("skips a link to a file outside the tree with a note, and never echoes its lines", async () => {
    const outside = await project({ "secret.txt": "TOP-SECRET-LINE\nANOTHER-ONE\n" });
    const dir = await project({ Dockerfile: UNTAGGED });
    await mkdir(path.join(dir, "sub"));
    await symlink(path.join(outside, "secret.txt"), path.join(dir, "sub", "Dockerfile"));
    await symlink("/dev/zero", path.join(dir, "Containerfile"));
    const result = await runCli(["--format", "json", "."], { cwd: dir });
    expect(result.code).toBe(1);
    expect(reportedFiles(parseJson(result.stdout), dir)).toEqual(["Dockerfile"]);
    expect(result.stdout).not.toContain("SECRET");
    expect(result.stderr).toContain("skipping sub/Dockerfile: a symbolic link to a file outside the linted directories");
    expect(result.stderr).toContain("skipping Containerfile: a symbolic link to a file outside the linted directories");
  });

  it("does not open a FIFO named Dockerfile (it would block forever)", async () => {
    const dir = await project({ "a/Dockerfile": UNTAGGED });
    const made = spawnSync("mkfifo", [path.join(dir, "Dockerfile")]);
    if (made.status !== 0) return;
    const started = Date.now();
    const result = await runCli(["--format", "json", "."], { cwd: dir });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(reportedFiles(parseJson(result.stdout), dir)).toEqual(["a/Dockerfile"]);
    expect(result.stderr).toContain("skipping Dockerfile: not a regular file");
    const named = await runCli(["Dockerfile"], { cwd: dir });
    expect(named.code).toBe(2);
    expect(named.stderr).toContain("not a file or directory: Dockerfile");
  });

  it("lints a link that stays inside the tree, but --fix never writes through it", async () => {
    const dir = await project({ "real/Dockerfile": FIXABLE });
    await symlink(path.join(dir, "real", "Dockerfile"), path.join(dir, "Dockerfile"));
    const result = await runCli(["--fix", "Dockerfile"], { cwd: dir });
    expect(result.stderr).toContain("not writing fixes to Dockerfile: it is a symbolic link, and nothing is ever written through one");
    expect(await readFile(path.join(dir, "real", "Dockerfile"), "utf8")).toBe(FIXABLE);
    expect((await lstat(path.join(dir, "Dockerfile"))).isSymbolicLink()).toBe(true);
  });

  it("skips files over the read limit without reading them", async () => {
    const dir = await project({ Dockerfile: UNTAGGED, "big/Dockerfile": `FROM alpine\n${"# filler\n".repeat(500_000)}` });
    const result = await runCli(["--format", "json", "."], { cwd: dir });
    expect(reportedFiles(parseJson(result.stdout), dir)).toEqual(["Dockerfile"]);
    expect(result.stderr).toContain("skipping big/Dockerfile: larger than 4 MiB");
  });
});

describe.concurrent("--fix writes", () => {
  it("replaces the file atomically and keeps its mode", async () => {
    const dir = await project({ Dockerfile: FIXABLE });
    const file = path.join(dir, "Dockerfile");
    spawnSync("chmod", ["640", file]);
    const result = await runCli(["--fix", "."], { cwd: dir });
    expect(result.stderr).toBe("");
    expect(await readFile(file, "utf8")).toContain("apt-get install -y curl");
    expect((await stat(file)).mode & 0o777).toBe(0o640);
  });

  it("never writes over a file that changed or vanished after it was read", async () => {
    const dir = await project({ Dockerfile: FIXABLE, "b/Dockerfile": FIXABLE });
    const screening = screenFiles([dir], [], (relative) => path.posix.basename(relative) === "Dockerfile", false);
    const file = path.join(dir, "Dockerfile");
    const snapshot = screening.snapshots.get(file);
    expect(snapshot).toBeDefined();
    // Someone saves the file while the lint runs: their edit wins.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeFile(file, `${FIXABLE}# edited\n`);
    expect(await writeFixedFile(file, "FIXED\n", snapshot)).toBe("it changed after it was read");
    expect(await readFile(file, "utf8")).toContain("# edited");
    const other = path.join(dir, "b", "Dockerfile");
    const otherSnapshot = screening.snapshots.get(other);
    spawnSync("rm", [other]);
    expect(await writeFixedFile(other, "FIXED\n", otherSnapshot)).toBe("it was deleted after it was read");
    expect(existsSync(other)).toBe(false);
  });
});

describe.concurrent("bad output paths", () => {
  for (const args of [["-o", "/proc/nope/x"], ["--cache", "--cache-location", "/proc/nope/"], ["-o", "Dockerfile/report.txt"]]) {
    it(`${args.join(" ")} exits 2 with one line, at once`, async () => {
      const dir = await project({ Dockerfile: UNTAGGED });
      const started = Date.now();
      const result = await runCli([...args, "."], { cwd: dir });
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(result.code).toBe(2);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/^dockerfile-lint: (--output-file|--cache-location): /u);
    });
  }
});
