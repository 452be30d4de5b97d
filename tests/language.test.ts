import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../index.js";
import { buildTree } from "../lib/language/tree/index.js";
import type { DockerfileNode, InstructionNode } from "../lib/language/tree/index.js";

const linter = new Linter({ configType: "flat" });

function lint(code: string, rules: Linter.RulesRecord = { "dockerfile/pin-base-image": "error" }, extra: Linter.Config = {}): Linter.LintMessage[] {
  return linter.verify(
    code,
    [{ files: ["**/Dockerfile"], plugins: { dockerfile: plugin }, language: "dockerfile/dockerfile", rules, ...extra }],
    { filename: "Dockerfile" },
  );
}

function tree(code: string): DockerfileNode {
  return buildTree(code).ast;
}

function at<T extends InstructionNode["type"]>(ast: DockerfileNode, index: number, type: T): Extract<InstructionNode, { type: T }> {
  const node = ast.body[index];
  if (node?.type !== type) throw new Error(`instruction ${index} is not ${type}`);
  return node as Extract<InstructionNode, { type: T }>;
}

/** The text a node's range covers. */
function textOf(code: string, node: { range: [number, number] }): string {
  return code.slice(node.range[0], node.range[1]);
}

describe("tree", () => {
  it("gives every instruction kind its own node type, whatever the keyword casing", () => {
    const code = [
      "FROM node:20 AS build", "run echo hi", "CMD [\"node\"]", "ENTRYPOINT [\"x\"]", "SHELL [\"/bin/sh\", \"-c\"]",
      "VOLUME /data", "COPY a b", "ADD c d", "ARG A=1", "ENV B=2", "LABEL c=3", "HEALTHCHECK NONE", "ONBUILD RUN x",
      "EXPOSE 80", "WORKDIR /w", "USER app", "STOPSIGNAL SIGTERM", "MAINTAINER me", "BOGUS x",
    ].join("\n");
    expect(tree(code).body.map((node) => node.type)).toEqual([
      "From", "Run", "Cmd", "Entrypoint", "Shell", "Volume", "Copy", "Add", "Arg", "Env", "Label", "Healthcheck",
      "Onbuild", "Expose", "Workdir", "User", "Stopsignal", "Maintainer", "Unknown",
    ]);
    expect(tree(code).body[1]?.keyword).toBe("RUN");
  });

  it("locates FROM's image and stage name with 1-based lines and columns", () => {
    const code = "# c\nFROM --platform=$BUILDPLATFORM node:20 AS build\n";
    const from = at(tree(code), 0, "From");
    expect(from.image?.raw).toBe("node:20");
    expect(from.image?.loc).toEqual({ start: { line: 2, column: 32 }, end: { line: 2, column: 39 } });
    expect(from.stage?.value).toBe("build");
    expect(textOf(code, from.stage ?? { range: [0, 0] })).toBe("build");
    expect(from.flags[0]?.name).toBe("platform");
    expect(from.flags[0]?.value).toBe("$BUILDPLATFORM");
  });

  it("keeps offsets right with CRLF line endings and tabs", () => {
    const code = "FROM alpine:3.20\r\n\tRUN\tapk add curl\r\nCOPY\ta\tb\r\n";
    const ast = tree(code);
    const copy = at(ast, 2, "Copy");
    expect(copy.loc.start).toEqual({ line: 3, column: 1 });
    expect(textOf(code, copy.sources[0] ?? { range: [0, 0] })).toBe("a");
    expect(copy.destination?.loc.start).toEqual({ line: 3, column: 8 });
  });

  it("reads the backtick escape directive and its continuations", () => {
    const code = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n  C:\\\\\n";
    const ast = tree(code);
    expect(ast.escapeChar).toBe("`");
    expect(ast.directives.map((d) => [d.name, d.value])).toEqual([["escape", "`"]]);
    expect(at(ast, 1, "Run").loc.end.line).toBe(4);
  });

  it("treats a first-line eslint comment as a comment, not a parser directive", () => {
    const ast = tree("# eslint-disable x=y\nFROM a:1\n");
    expect(ast.directives).toEqual([]);
    expect(ast.comments.map((c) => c.value.trim())).toEqual(["eslint-disable x=y"]);
  });

  it("reads syntax and check directives", () => {
    const ast = tree("# syntax=docker/dockerfile:1.7\n# check=skip=JSONArgsRecommended\nFROM a:1\n");
    expect(ast.directives.map((d) => d.name)).toEqual(["syntax", "check"]);
  });

  it("reads heredocs of RUN with their bodies and delimiters", () => {
    const code = "FROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\nRUN python3 <<-'PY'\n\tprint(1)\n\tPY\n";
    const ast = tree(code);
    const first = at(ast, 1, "Run");
    expect(first.heredocs.map((h) => [h.name, h.content, h.quoted, h.stripTabs])).toEqual([["EOF", "apk add curl", false, false]]);
    const second = at(ast, 2, "Run");
    expect(second.heredocs[0]?.quoted).toBe(true);
    expect(second.heredocs[0]?.stripTabs).toBe(true);
    expect(second.loc.end.line).toBe(7);
  });

  it("decodes exec form with JSON semantics and marks malformed arrays", () => {
    const ast = tree("FROM a:1\nCMD [\"echo\", \"\\u0041\"]\nCMD ['echo', 'x']\nCMD [\"a\", \\\n  \"b\"]\nCMD echo [x]\n");
    const cmds = ast.body.slice(1) as Extract<InstructionNode, { type: "Cmd" }>[];
    expect(cmds.map((c) => [c.form, c.malformedExec])).toEqual([["exec", false], ["shell", true], ["exec", false], ["shell", false]]);
    expect(cmds[0]?.exec?.map((e) => e.value)).toEqual(["echo", "A"]);
    expect(cmds[2]?.exec?.map((e) => e.loc.start)).toEqual([{ line: 4, column: 6 }, { line: 5, column: 3 }]);
  });

  it("reads exec form as BuildKit does: Unicode spaces trimmed around, JSON's four blanks inside, strings located exactly", () => {
    const code = 'CMD [ "a\\"b" ,"c\\\\"\t]\nCMD ["a"]\u00a0\nCMD ["a",\u00a0"b"]\nCMD ["a",]\nCMD ["a"] x\nCMD []\nRUN \\\n  ["x"]\nCMD ["\\ud800", "\\ud83d\\ude00"]\n';
    const ast = tree(code);
    const cmds = ast.body as Extract<InstructionNode, { type: "Cmd" | "Run" }>[];
    expect(cmds.map((c) => [c.form, c.malformedExec])).toEqual([
      ["exec", false],
      // Go's strings.TrimSpace takes a trailing no-break space off the command...
      ["exec", false],
      // ...but between the strings only JSON's blanks count: the command runs through a shell.
      ["shell", true],
      ["shell", true],
      ["shell", true],
      ["exec", false],
      ["exec", false],
      ["exec", false],
    ]);
    expect(cmds[0]?.exec?.map((e) => [e.value, textOf(code, e)])).toEqual([["a\"b", '"a\\"b"'], ["c\\", '"c\\\\"']]);
    expect(cmds[1]?.exec?.map((e) => textOf(code, e))).toEqual(['"a"']);
    expect(cmds[5]?.exec).toEqual([]);
    expect(cmds[6]?.exec?.map((e) => [e.value, e.loc.start])).toEqual([["x", { line: 8, column: 4 }]]);
    // Go's decoder turns a lone surrogate into U+FFFD and keeps a pair.
    expect(cmds[7]?.exec?.map((e) => e.value)).toEqual(["\ufffd", "\u{1f600}"]);
  });

  it("reads heredocs only after a << word, and keeps the line's other words as arguments", () => {
    const ast = tree("RUN echo a<<b \\\n  c\nRUN cat <<EOF\nx << y\nEOF\nCOPY <<A /a\nbody\nA\n");
    expect(at(ast, 0, "Run").heredocs).toEqual([]);
    expect(at(ast, 1, "Run").heredocs.map((h) => [h.name, h.content])).toEqual([["EOF", "x << y"]]);
    expect(at(ast, 2, "Copy").heredocs.map((h) => [h.name, h.content])).toEqual([["A", "body"]]);
    expect(at(ast, 2, "Copy").destination?.value).toBe("/a");
  });

  it("splits ARG, ENV and LABEL pairs, and marks legacy ENV", () => {
    const ast = tree('FROM a:1\nARG A=1 B\nENV C="x y" D=2\nENV E value here\nLABEL "org.k"="v"\n');
    const arg = at(ast, 1, "Arg");
    expect(arg.pairs.map((p) => [p.key.value, p.unquotedValue])).toEqual([["A", "1"], ["B", null]]);
    const env = at(ast, 2, "Env");
    expect(env.pairs.map((p) => [p.key.value, p.unquotedValue])).toEqual([["C", "x y"], ["D", "2"]]);
    expect(env.pairs[0]?.value?.value).toBe('"x y"');
    expect(env.legacy).toBe(false);
    expect(at(ast, 3, "Env").legacy).toBe(true);
  });

  it("declares every name of a multi-name ARG", () => {
    const ast = tree("FROM a:1\nARG A B\nARG C D=2 E\n");
    expect(at(ast, 1, "Arg").pairs.map((p) => [p.key.value, p.unquotedValue])).toEqual([["A", null], ["B", null]]);
    const second = at(ast, 2, "Arg");
    expect(second.pairs.map((p) => [p.key.value, p.unquotedValue])).toEqual([["C", null], ["D", "2"], ["E", null]]);
    expect(second.pairs[1]?.key.loc.start).toEqual({ line: 3, column: 7 });
    expect(second.pairs[1]?.value?.loc.start).toEqual({ line: 3, column: 9 });
    const quoted = at(tree('FROM a:1\nARG A B="x y" \\\n  C\n'), 1, "Arg");
    expect(quoted.pairs.map((p) => [p.key.value, p.value?.value ?? null, p.unquotedValue])).toEqual([["A", null, null], ["B", '"x y"', "x y"], ["C", null, null]]);
  });

  it("nests the ONBUILD trigger as a full instruction", () => {
    const ast = tree("FROM a:1\nONBUILD COPY --from=tools /x /x\n");
    const onbuild = at(ast, 1, "Onbuild");
    expect(onbuild.trigger?.type).toBe("Copy");
    expect(onbuild.trigger?.flags[0]?.name).toBe("from");
    expect(onbuild.trigger?.loc.start).toEqual({ line: 2, column: 9 });
  });

  it("splits mount options and locates their values", () => {
    const code = "FROM a:1\nRUN --mount=type=secret,id=npm,target=/root/.npmrc npm ci\n";
    const run = at(tree(code), 1, "Run");
    const mount = run.flags[0];
    expect(mount?.options.map((o) => [o.name, o.value])).toEqual([["type", "secret"], ["id", "npm"], ["target", "/root/.npmrc"]]);
    expect(textOf(code, { range: mount?.options[1]?.valueRange ?? [0, 0] })).toBe("npm");
  });

  it("copes with odd text without throwing", () => {
    const samples = ["", "\n\n", "# only a comment", "\u0000\u0001\u00ff binary", "RUN", "FROM", "FROM \\", "RUN <<EOF", "COPY [", "ONBUILD", "ARG =x", "x".repeat(100_000), "RUN \\\n# c\nfoo"];
    for (const sample of samples) {
      expect(() => tree(sample)).not.toThrow();
      expect(() => lint(sample, (plugin.configs.all[0]?.rules ?? {}) as Linter.RulesRecord)).not.toThrow();
    }
  });
});

describe("directive comments", () => {
  it("disables the next line with a reason", () => {
    const messages = lint("# eslint-disable-next-line dockerfile/pin-base-image -- base is pinned by the CI\nFROM node\nFROM ubuntu\n");
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([["dockerfile/pin-base-image", 3]]);
  });

  it("covers every line of the next instruction, as hadolint's ignore pragma does", () => {
    const code = "FROM node:20\n# eslint-disable-next-line dockerfile/pin-base-image -- pinned by CI\nCOPY \\\n  --from=tools \\\n  /x /x\nCOPY --from=tools /y /y\n";
    expect(lint(code).map((m) => m.line)).toEqual([6]);
  });

  it("reports a directive over a multi-line instruction as unused when nothing is suppressed", () => {
    const code = "FROM node:20\n# eslint-disable-next-line dockerfile/pin-base-image\nRUN echo a \\\n  b\n";
    const messages = lint(code, undefined, { linterOptions: { reportUnusedDisableDirectives: "error" } });
    expect(messages.map((m) => [m.line, m.message])).toEqual([[2, expect.stringMatching(/Unused eslint-disable directive/u)]]);
  });

  it("removes an unused directive over a multi-line instruction without touching the instruction", () => {
    const code = "FROM node:20\n# eslint-disable-next-line dockerfile/pin-base-image\nRUN echo a \\\n  b\n";
    const fixed = linter.verifyAndFix(
      code,
      [{ files: ["**/Dockerfile"], plugins: { dockerfile: plugin }, language: "dockerfile/dockerfile", rules: { "dockerfile/pin-base-image": "error" }, linterOptions: { reportUnusedDisableDirectives: "error" } }],
      { filename: "Dockerfile" },
    );
    // ESLint replaces an unused directive comment with a space, as it does for one-line instructions.
    expect(fixed.output).toBe("FROM node:20\n \nRUN echo a \\\n  b\n");
  });

  it("disables and enables a region", () => {
    const messages = lint("# eslint-disable dockerfile/pin-base-image\nFROM node\n# eslint-enable dockerfile/pin-base-image\nFROM ubuntu\n");
    expect(messages.map((m) => m.line)).toEqual([4]);
  });

  it("turns a rule off with an inline config comment", () => {
    expect(lint("# eslint dockerfile/pin-base-image: off\nFROM node\n")).toEqual([]);
  });

  it("works on the first line, where Docker looks for parser directives", () => {
    expect(lint("# eslint-disable-next-line dockerfile/pin-base-image\nFROM node\n")).toEqual([]);
  });

  it("reports an unused disable directive when asked", () => {
    const messages = lint("# eslint-disable-next-line dockerfile/pin-base-image\nFROM node:20\n", undefined, {
      linterOptions: { reportUnusedDisableDirectives: "error" },
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]?.message).toMatch(/Unused eslint-disable directive/u);
  });

  it("says eslint-disable-line cannot work in a Dockerfile", () => {
    const messages = lint("FROM node:20\n# eslint-disable-line dockerfile/pin-base-image\n");
    expect(messages[0]?.message).toMatch(/eslint-disable-next-line/u);
  });

  it("reports a malformed inline config", () => {
    const messages = lint("# eslint dockerfile/pin-base-image: [\nFROM node:20\n");
    expect(messages[0]?.ruleId).toBeNull();
  });
});

describe("selectors", () => {
  it("supports attribute selectors and the :instruction class", () => {
    const seen: string[] = [];
    const rule = {
      meta: { type: "problem" as const, messages: { x: "x" } },
      create() {
        return {
          ":instruction"(node: InstructionNode) { seen.push(`i:${node.keyword}`); },
          'Flag[name="mount"] > FlagOption[name="type"]'(node: { value: string }) { seen.push(`mount:${node.value}`); },
        };
      },
    };
    linter.verify(
      "FROM a:1\nRUN --mount=type=cache,target=/c true\n",
      [{ files: ["**/Dockerfile"], plugins: { dockerfile: plugin, test: { rules: { r: rule } } }, language: "dockerfile/dockerfile", rules: { "test/r": "error" } }],
      { filename: "Dockerfile" },
    );
    expect(seen).toEqual(["i:FROM", "i:RUN", "mount:cache"]);
  });
});

describe("positions", () => {
  it("an offset on the \\n of a \\r\\n is the line's end, where the \\r is; \\n and lone \\r breaks are unchanged", async () => {
    const { PositionIndex } = await import("../lib/language/tree/index.js");
    const index = new PositionIndex("FROM a\r\nRUN b\rRUN c\nX");
    expect(index.positionOf(6)).toEqual({ line: 1, column: 7 });
    expect(index.positionOf(7)).toEqual({ line: 1, column: 7 });
    expect(index.positionOf(8)).toEqual({ line: 2, column: 1 });
    expect(index.positionOf(13)).toEqual({ line: 2, column: 6 });
    expect(index.positionOf(14)).toEqual({ line: 3, column: 1 });
    expect(index.positionOf(19)).toEqual({ line: 3, column: 6 });
    expect(index.positionOf(20)).toEqual({ line: 4, column: 1 });
    expect(index.locOf([4, 7])).toEqual({ start: { line: 1, column: 5 }, end: { line: 1, column: 7 } });
  });

  it("a ShellCheck parse error at the end of a CRLF line is reported at that line's end", () => {
    // ShellCheck sees the script with LF line ends and reports SC1072 past `<`: on the file's \n.
    const code = "FROM debian:12\r\nRUN cat <<A <\r\n\\\n$1\nA\n";
    const messages = lint(code, { "dockerfile/shellcheck": "error" }).filter((message) => message.message.startsWith("SC1072"));
    expect(messages.map((message) => [message.line, message.column, message.endLine, message.endColumn])).toEqual([[2, 14, 2, 14]]);
  });
});

describe("line continuations", () => {
  it("joins lines that end in the escape character, dropping comment and empty lines inside", async () => {
    const { joinContinuations } = await import("../lib/language/tree/index.js");
    const code = "echo a \\\n  # note\n\n  b";
    expect(joinContinuations(code, 0, code.length, "\\").text).toBe("echo a   b");
  });

  it("does not continue after an escaped escape, as BuildKit does", async () => {
    const { joinContinuations } = await import("../lib/language/tree/index.js");
    const code = "copy C:\\\\\nx";
    expect(joinContinuations(code, 0, code.length, "\\").text).toBe(code);
  });

  it("ends an instruction at a line ending in an escaped escape, as BuildKit does (its trailing-backslash test file)", () => {
    const code = [
      "FROM hello-world",
      "ENV B another\\\\path",
      "ENV C trailing\\\\backslash\\\\",
      "ENV D This should not be appended to C",
      "ENV E hello\\",
      "\\",
      "world",
      "RUN echo foo \\\\  ",
      "RUN echo bar",
    ].join("\n");
    const ast = tree(code);
    expect(ast.body.map((node) => [node.type, node.loc.start.line, node.loc.end.line])).toEqual([
      ["From", 1, 1], ["Env", 2, 2], ["Env", 3, 3], ["Env", 4, 4], ["Env", 5, 7], ["Run", 8, 8], ["Run", 9, 9],
    ]);
    // The values keep the escape that ends the line: dockerfile-ast reads a placeholder there.
    const c = at(ast, 2, "Env").pairs[0];
    expect([c?.key.value, c?.value?.value, c?.unquotedValue]).toEqual(["C", "trailing\\\\backslash\\\\", "trailing\\backslash\\"]);
    expect(at(ast, 3, "Env").pairs[0]?.unquotedValue).toBe("This should not be appended to C");
    expect(at(ast, 5, "Run").arguments.map((arg) => arg.value)).toEqual(["echo", "foo", "\\"]);
  });

  it("ends an instruction at a continued line of an escape, a blank and one character, which dockerfile-ast joins onward", () => {
    for (const [eol, escape] of [["\n", "\\"], ["\r\n", "\\"], ["\r", "\\"], ["\n", "`"]] as const) {
      const directive = escape === "`" ? `# escape=${escape}${eol}` : "";
      const code = [
        `${directive}FROM debian:12`,
        `MAINTAINER x ${escape}`,
        "",
        "# a comment",
        `  ${escape} X  `,
        "STOPSIGNAL 9",
        `RUN a ${escape}`,
        `${escape} b c`,
        "STOPSIGNAL 10",
        `RUN d ${escape}`,
        `${escape} ${escape}`,
        "e",
        `${escape} f`,
        "STOPSIGNAL 11",
      ].join(eol);
      const ast = tree(code);
      const start = directive ? 1 : 0;
      expect(ast.body.map((node) => [node.type, node.loc.start.line - start, node.loc.end.line - start]), JSON.stringify(eol + escape)).toEqual([
        ["From", 1, 1], ["Maintainer", 2, 5], ["Stopsignal", 6, 6], ["Run", 7, 8], ["Stopsignal", 9, 9], ["Run", 10, 12], ["Unknown", 13, 13], ["Stopsignal", 14, 14],
      ]);
      expect(ast.body[1]?.arguments.map((arg) => arg.value)).toEqual(["x", escape, "X"]);
    }
  });

  it("ends a Windows COPY at its escaped destination, and leaves heredoc bodies and comments as written", () => {
    const code = [
      "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022",
      "COPY --from=mongo:7.0.37-windowsservercore-ltsc2022 \\",
      "\tC:\\\\Windows\\\\System32\\\\msvcp140.dll \\",
      "\tC:\\\\Windows\\\\System32\\\\",
      "",
      "# a comment \\\\",
      "ENV MONGO_VERSION 7.0.37",
      "COPY <<EOF /entrypoint.sh",
      "exec dlv exec /usr/bin/buildkitd \\\\",
      "  --headless=true",
      "EOF",
      "# escape=` in the middle is a comment ``",
      "RUN true",
    ].join("\n");
    const ast = tree(code);
    expect(ast.body.map((node) => [node.type, node.loc.start.line, node.loc.end.line])).toEqual([
      ["From", 1, 1], ["Copy", 2, 4], ["Env", 7, 7], ["Copy", 8, 11], ["Run", 13, 13],
    ]);
    const copy = at(ast, 1, "Copy");
    expect(copy.sources.map((source) => source.value)).toEqual(["C:\\Windows\\System32\\msvcp140.dll"]);
    expect(copy.destination?.value).toBe("C:\\Windows\\System32\\");
    expect(textOf(code, copy.destination ?? { range: [0, 0] })).toBe("C:\\\\Windows\\\\System32\\\\");
    expect(at(ast, 3, "Copy").heredocs[0]?.content).toBe("exec dlv exec /usr/bin/buildkitd \\\\\n  --headless=true");
    expect(ast.comments.map((comment) => comment.value)).toEqual(["a comment \\\\", "escape=` in the middle is a comment ``"]);
  });

  it("ends a backtick-escaped instruction at a doubled backtick", () => {
    const code = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV PIPX_BIN_DIR=C:\\Windows\\ ``\nENV PIPX_PYTHON=C:\\Python311\\python.exe\n";
    const ast = tree(code);
    expect(ast.body.map((node) => [node.type, node.loc.start.line, node.loc.end.line])).toEqual([["From", 2, 2], ["Env", 3, 3], ["Env", 4, 4]]);
  });

  it("maps every joined character back to its offset", async () => {
    const { joinContinuations } = await import("../lib/language/tree/index.js");
    const code = "a `\r\n  b";
    const mapped = joinContinuations(code, 0, code.length, "`");
    expect(mapped.text).toBe("a   b");
    expect(mapped.offsets.slice(0, mapped.text.length).map((offset) => code[offset])).toEqual(["a", " ", " ", " ", "b"]);
  });

  it("finds each joined character's offset from its runs as the per-character table does, past the end too", async () => {
    const { fileOffsetOf, joinContinuations } = await import("../lib/language/tree/index.js");
    const cases: [string, string][] = [
      ["RUN a \\\n  b \\\r\n# note\n\n  c \\  \n d", "\\"],
      ["COPY x \\\n\n\n y", "\\"],
      ["RUN \\\n", "\\"],
      ["", "\\"],
      ["ENV A=1 `\r\n  B=2", "`"],
      ["RUN echo \\\\\nRUN next", "\\"],
    ];
    for (const [code, escape] of cases) {
      const mapped = joinContinuations(code, 0, code.length, escape);
      // The table: every character kept, by its file offset, then the region's end.
      const table = [...mapped.offsets];
      expect(table).toHaveLength(mapped.text.length + 1);
      expect(table.at(-1)).toBe(code.length);
      for (let i = 0; i < mapped.text.length; i++) expect(code[table[i] ?? -1]).toBe(mapped.text[i]);
      for (let i = -2; i <= mapped.text.length + 2; i++) {
        expect(fileOffsetOf(mapped, i)).toBe(table[Math.min(Math.max(i, 0), mapped.text.length)]);
      }
    }
  });
});

describe("language options", () => {
  const verify = (languageOptions: Linter.LanguageOptions): Linter.LintMessage[] =>
    linter.verify(
      "FROM node:latest\n",
      [
        { languageOptions },
        { files: ["**/Dockerfile"], plugins: { dockerfile: plugin }, language: "dockerfile/dockerfile", rules: { "dockerfile/pin-base-image": "error" } },
      ],
      { filename: "Dockerfile" },
    );

  it("ignores the JavaScript options of a block without files, as ESLint's other languages do", () => {
    const messages = verify({ ecmaVersion: 2022, sourceType: "module", globals: { process: "readonly" }, parserOptions: { ecmaFeatures: { jsx: true } } });
    expect(messages.map((message) => message.ruleId)).toEqual(["dockerfile/pin-base-image"]);
  });

  it("ignores the options of ESLint's JSON, CSS and Markdown languages", () => {
    expect(verify({ allowTrailingCommas: true, tolerant: true, frontmatter: "yaml" }).map((message) => message.ruleId)).toEqual(["dockerfile/pin-base-image"]);
  });

  it("rejects any other name, naming it", () => {
    expect(() => verify({ escape: "`" })).toThrow(/The dockerfile language has no option named "escape": its options are hadolintPragmas, checkDirectives/u);
    expect(() => verify({ ecmaVersion: 2022, shel: "bash", target: "x" })).toThrow(/"shel", "target"/u);
  });
});

describe("parse limits", () => {
  const parseError = (code: string): string | undefined => lint(code).find((message) => message.fatal)?.message;

  it("refuses a file of more stages × comments than the parser's limit, with one message naming both", () => {
    const code = `${"FROM a\n".repeat(2001)}${"#\n".repeat(2001)}`;
    expect(parseError(code)).toMatch(/File too large to lint: 2,001 stages × 2,001 comments, over the parser's limit of 4,000,000/u);
  });

  it("lints the densest short file: 1,265 stages and 3,162 comments in 12,648 characters stay under the limit", () => {
    const code = `${"FROM\n".repeat(1265)}${"#\n".repeat(3162)}`.slice(0, -1);
    expect(code.length).toBe(12_648);
    expect(1265 * 3162).toBeLessThan(4_000_000);
    expect(parseError(code.slice(0, -1))).toBeUndefined();
    expect(parseError(code)).toBeUndefined();
  });

  it("counts stages and comments in a long file with indented lines and CR line ends", () => {
    const code = `${"  from a\r".repeat(2001)}${"\t# c\r\n".repeat(2001)}`;
    expect(code.length).toBeGreaterThan(12_648);
    expect(parseError(code)).toMatch(/2,001 stages × 2,001 comments/u);
  });
});
