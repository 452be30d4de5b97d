/**
 * Bad input through the command line, beyond what tests/cli covers (an empty
 * file, a binary file named Dockerfile, a directory named Dockerfile, an
 * unreadable file as the nobody user, a missing directory): each gives a clean
 * result or one clear line, exit codes as ESLint's (0 clean, 1 errors, 2 a
 * failure to run), and never a stack trace.
 */
import { chmod } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, makeProject, parseJson, removeProject, runCli } from "../cli/helpers.js";

const STACK_LINE = /^ {4}at /mu;
const CLEAN = "FROM alpine:3.20@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5\n";

function expectNoStack(stderr: string): void {
  expect(stderr).not.toMatch(STACK_LINE);
}

function expectOneLine(stderr: string): void {
  expectNoStack(stderr);
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
}

const dirs: string[] = [];
async function project(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await makeProject(files);
  dirs.push(dir);
  return dir;
}

/** Bytes that are no text: NULs, invalid UTF-8, a PNG header. */
function binary(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < size; i++) bytes[i] = (i * 167 + 13) % 256;
  return bytes;
}

beforeAll(() => {
  ensureBuilt();
}, 120_000);

afterAll(async () => {
  await Promise.all(dirs.map((dir) => removeProject(dir)));
});

describe.concurrent("bad input through dockerfile-lint", () => {
  it("a file of only comments and directives is clean: exit 0, no output", async () => {
    const dir = await project({ Dockerfile: "# syntax=docker/dockerfile:1\n# escape=`\n\n# just notes\n#\n   # indented\n" });
    const { code, stdout, stderr } = await runCli(["--preset", "recommended"], { cwd: dir });
    expect(stderr).toBe("");
    expect(stdout).toBe("");
    expect(code).toBe(0);
  });

  it("a file of only comments under --preset all: findings, if any, and no fatal message", async () => {
    const dir = await project({ Dockerfile: "# nothing but a comment\r\n#\r\n" });
    const { code, stdout, stderr } = await runCli(["--preset", "all", "-f", "json"], { cwd: dir });
    expect([0, 1]).toContain(code);
    expectNoStack(stderr);
    expect(parseJson(stdout).flatMap((result) => result.messages.filter((m) => m.fatal))).toEqual([]);
  });

  it("a binary file passed by a name that is no Dockerfile's: one message saying it is binary, exit 1", async () => {
    const dir = await project({ "image.png": binary(8192) });
    const { code, stdout, stderr } = await runCli(["-f", "json", "image.png"], { cwd: dir });
    expect(code).toBe(1);
    expectNoStack(stderr);
    const messages = parseJson(stdout).flatMap((result) => result.messages);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ fatal: true, ruleId: null });
    expect(messages[0]?.message).toMatch(/Not a Dockerfile: the file holds NUL bytes/u);
  });

  it("binary input on --stdin: no crash", async () => {
    const dir = await project({});
    const { code, stdout, stderr } = await runCli(["--stdin", "-f", "json"], {
      cwd: dir,
      input: Buffer.from(binary(4096)).toString("latin1"),
    });
    expect([0, 1]).toContain(code);
    expectNoStack(stderr);
    expect(parseJson(stdout)).toHaveLength(1);
  });

  it("an empty file on --stdin is clean", async () => {
    const dir = await project({});
    const { code, stdout, stderr } = await runCli(["--stdin", "--preset", "recommended"], { cwd: dir, input: "" });
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("a file path that does not exist, under a directory that does not exist: exit 2, one line", async () => {
    const dir = await project({ Dockerfile: CLEAN });
    const { code, stderr } = await runCli(["nope/Dockerfile.prod"], { cwd: dir });
    expect(code).toBe(2);
    expectOneLine(stderr);
    expect(stderr).toContain("nope/Dockerfile.prod");
  });

  it("a missing path next to a good one still exits 2 with one line, as ESLint does", async () => {
    const dir = await project({ Dockerfile: CLEAN });
    const { code, stderr } = await runCli(["Dockerfile", "missing.Dockerfile"], { cwd: dir });
    expect(code).toBe(2);
    expectOneLine(stderr);
    expect(stderr).toContain("missing.Dockerfile");
  });

  it("a directory named Dockerfile that holds a Dockerfile: the inner file is linted", async () => {
    const dir = await project({ "Dockerfile/Dockerfile": "FROM ubuntu\n" });
    const { code, stdout, stderr } = await runCli(["-f", "json"], { cwd: dir });
    expectNoStack(stderr);
    expect(code).toBe(1);
    const results = parseJson(stdout);
    expect(results.map((result) => path.relative(dir, result.filePath))).toEqual([path.join("Dockerfile", "Dockerfile")]);
    expect(results[0]?.messages.map((m) => m.ruleId)).toContain("dockerfile/pin-base-image");
  });

  // tests/cli drops root with setpriv for this case; here the plain case, which root cannot
  // test: root reads a chmod 000 file anyway.
  const isRoot = process.getuid?.() === 0;
  it.skipIf(isRoot || process.platform === "win32")(
    `an unreadable file given by name: exit 2, one line${isRoot ? " (skipped: running as root, which reads any file)" : ""}`,
    async () => {
      const dir = await project({ "app.Dockerfile": CLEAN });
      const file = path.join(dir, "app.Dockerfile");
      await chmod(file, 0o000);
      try {
        const { code, stderr } = await runCli(["app.Dockerfile"], { cwd: dir });
        expect(code).toBe(2);
        expectOneLine(stderr);
        expect(stderr).toContain("permission denied");
      } finally {
        await chmod(file, 0o644);
      }
    },
  );
});
