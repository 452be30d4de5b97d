/**
 * Fuzzing: generated Dockerfiles and byte-level mutations of corpus files go
 * through every rule (`configs.all`), and must satisfy the properties of
 * ./harness.ts: no exception, no fatal message, positions inside the text,
 * fixes that apply cleanly, reparse and are idempotent, suggestions that reparse.
 *
 * Runs are bounded so that `npm test` stays fast. With `CI` set the seed is
 * fixed, so a CI failure replays locally. To search longer:
 *
 *   FUZZ_RUNS=20000 npx vitest run tests/robustness/fuzz.test.ts
 *   FUZZ_SEED=12345 npx vitest run tests/robustness/fuzz.test.ts   # replay a reported seed
 *   FUZZ_CORPUS_FILES=1452 npx vitest run tests/robustness/fuzz.test.ts -t "corpus files themselves"   # every corpus file
 *
 * FUZZ_RUNS sets the number of generated files; mutations of corpus files get
 * half as many. When a property fails, fast-check prints the seed, the path and
 * the shrunk input: keep that input as a named case in ./regressions.test.ts.
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import { checkRobustness, CORPUS_DIR, corpusSample } from "./harness.js";
import { MAX_DOCKERFILE_LENGTH } from "../../lib/language/index.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? "") || 300;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.CI ? 0x5eed : undefined;
const TIMEOUT = Math.max(120_000, RUNS * 600);

function params(numRuns: number): fc.Parameters<[string]> {
  return { numRuns, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: false };
}

// --- Generated Dockerfiles ------------------------------------------------------------

const KEYWORDS = [
  "FROM", "RUN", "CMD", "ENTRYPOINT", "SHELL", "VOLUME", "COPY", "ADD", "ARG", "ENV", "LABEL",
  "HEALTHCHECK", "ONBUILD", "EXPOSE", "WORKDIR", "USER", "STOPSIGNAL", "MAINTAINER", "FRUM", "",
];

/** A keyword in upper, lower or mixed case. */
const keyword = fc.constantFrom(...KEYWORDS).chain((word) =>
  fc.oneof(fc.constant(word), fc.constant(word.toLowerCase()), fc.mixedCase(fc.constant(word))),
);

const flag = fc.constantFrom(
  "--mount=type=cache,target=/root/.cache/pip",
  "--mount=type=cache,target=/var/cache/apt,sharing=locked,id=apt",
  "--mount=type=secret,id=npmrc,target=/root/.npmrc",
  "--mount=type=secret,id=token,env=TOKEN",
  "--mount=type=bind,from=builder,source=/out,target=/in",
  "--mount=type=ssh",
  "--mount=type=tmpfs,target=/tmp",
  "--mount=",
  "--mount=type=cache,,target=",
  "--mount",
  "--network=none",
  "--network=host",
  "--security=insecure",
  "--from=builder",
  "--from=0",
  "--from=alpine:3.20",
  "--from=${STAGE}",
  "--platform=$BUILDPLATFORM",
  "--platform=$TARGETPLATFORM",
  "--platform=linux/amd64",
  "--platform=",
  "--chown=1000:1000",
  "--chown=app",
  "--chmod=0755",
  "--checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d",
  "--checksum=",
  "--link",
  "--link=false",
  "--keep-git-dir=true",
  "--exclude=*.md",
  "--parents",
  "--interval=30s",
  "--timeout=3s",
  "--",
  "--=",
  "-x",
);

const word = fc.constantFrom(
  "ubuntu", "ubuntu:22.04", "alpine@sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d",
  "docker.io/library/node:20-slim", "$BASE", "${REGISTRY}/app:${TAG:-latest}", "${X:+y}", "scratch", "AS", "as", "builder",
  "build-env", "base", "apt-get", "update", "install", "-y", "--no-install-recommends", "curl", "curl=7.81.0-1",
  "pip", "pip3", "install", "flask", "requests==2.31.0", "-r", "requirements.txt", "npm", "ci", "yarn", "apk", "add",
  "--no-cache", "git", "wget", "-qO-", "https://example.com/install.sh", "|", "sh", "bash", "-c", "-eux", "&&", "||",
  ";", "&", ">", ">>", "2>&1", "<", "/dev/null", "cd", "/app", "make", "echo", "$HOME", "'single quoted'",
  '"double $X quoted"', "'", '"', "`", "\\", "$(", ")", "$(date +%s)", "`uname -m`", "$((1 + 2))", "(", "{", "}", "if",
  "then", "fi", "for", "do", "done", "case", "esac", "in", "=", "A=b", "A=", "=b", "\"a b\"=c", "KEY", "value",
  "VERSION=1.2.3", "PATH=/usr/bin:$PATH", "8080", "80/tcp", "53/UDP", "8080-8090", "abc", "0", "-1", ".", "./", "..", "*",
  "*.txt", "src/", "package.json", "package*.json", "/etc/", "C:\\\\app", "SIGTERM", "9", "root", "1000:1000",
  "NONE", "CMD", "CMD-SHELL", "RUN", "FROM", "ONBUILD", "https://github.com/o/r.git#v1", "git@github.com:o/r.git",
  "https://example.com/a.tar.gz", "sha256:abc", "sudo", "env", "nohup", "ARG", "#", "# comment", "\t", " ",
  "constructor", "__proto__", "toString", "hasOwnProperty",
);

const oddText = fc.oneof(
  fc.constantFrom("\u0000", "\u00e9t\u00e9", "\ud83d\ude00", "\u2028", "\u2029", "\ufeff", "\ud800", "\u0085", "\u000b", "\u200b", "\r"),
  fc.string({ unit: "binary", maxLength: 8 }),
  fc.string({ unit: "grapheme-ascii", maxLength: 12 }),
);

/** A huge word (up to 20,000 characters) now and then. */
const hugeWord = fc
  .tuple(fc.constantFrom("a", "x=y ", "&& echo ", "\\\n", "$X", "'", "-"), fc.integer({ min: 200, max: 20_000 }))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

const argWord = fc.oneof(
  { weight: 30, arbitrary: word },
  { weight: 3, arbitrary: oddText },
  { weight: 1, arbitrary: hugeWord },
);

const execArray = fc.oneof(
  fc.array(fc.oneof(word, oddText), { maxLength: 5 }).map((items) => JSON.stringify(items)),
  fc.constantFrom(
    '["sh", "-c", "apt-get update && apt-get install -y curl"]',
    '["/bin/bash", "-o", "pipefail", "-c"]',
    '["powershell", "-Command"]',
    '["cmd", "/S", "/C"]',
    '["npm", "start"]',
    '["\\u0041", "b\\"c"]',
    "[]",
    "[ ]",
    '["unterminated',
    "['single', 'quotes']",
    "[a, b]",
    '["a",]',
    '["a" "b"]',
    '["a"] trailing',
  ),
);

const shellScript = fc.constantFrom(
  "apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*",
  "apt-get install -y curl",
  "apt-get update",
  "apt-get update; apt-get -y install git=1:2.34.1-1ubuntu1",
  "pip install --no-cache-dir -r requirements.txt",
  "pip install flask==3.0.0 'requests>=2'",
  "npm ci && npm run build",
  "npm install -g yarn",
  "apk add --no-cache bash=5.2.15-r5 curl",
  "curl -fsSL https://example.com/install.sh | sh",
  "wget -qO- https://example.com/x.tar.gz | tar xz -C /usr/local",
  'sh -c "apt-get update && apt-get install -y make"',
  "bash -c 'cd /app && make install'",
  "su -c 'gem install rails' app",
  'echo "$(date)" > /build-date && cat /build-date',
  "echo `uname -m` | tee /arch",
  "if [ -f /x ]; then rm /x; fi",
  "for p in a b c; do echo $p; done",
  'case "$TARGETARCH" in amd64) A=x86_64;; arm64) A=aarch64;; esac',
  "{ echo a; echo b; } > f",
  "( cd /tmp && ls )",
  "set -eux; \\\n  go build -o /out ./...",
  "echo 'unterminated",
  'echo "unterminated $(',
  "echo $((1 +",
  "cat <<EOF > /etc/conf\nkey=value\nEOF",
  "git clone https://github.com/o/r.git && cd r && git checkout v1",
  "sudo -u app env FOO=bar npm install left-pad",
  "echo ${TOKEN} | docker login --password-stdin",
  "ADD_TOKEN=$SECRET ./configure",
  "go install golang.org/x/tools/gopls@latest",
  "cargo install ripgrep",
  "gem install bundler -v 2.4.0",
  "yum install -y httpd && yum clean all",
  "dnf install -y python3",
  "zypper install -y vim",
  "conda install numpy",
  "poetry install",
  // cmd and PowerShell, as Windows stages write them.
  "Invoke-WebRequest -Uri https://example.com/latest/tool.zip -OutFile C:\\tool.zip; Expand-Archive C:\\tool.zip",
  "iwr -useb https://chocolatey.org/install.ps1 | iex",
  "(New-Object System.Net.WebClient).DownloadFile($env:URL, 'C:\\x.exe'); Start-Process C:\\x.exe -Wait",
  "$url = ('https://x/{0}/a.msi' -f $env:V); Invoke-WebRequest $url -OutFile a.msi; if ((Get-FileHash a.msi).Hash -ne $env:SHA) { exit 1 }",
  "curl.exe -fSLo C:\\go.zip https://go.dev/dl/go${env:GO_VERSION}.windows-amd64.zip",
  "cmd /S /C \"curl.exe -o %TEMP%\\a.exe https://x/stable/a.exe && %TEMP%\\a.exe /quiet\"",
  "powershell -Command \"$ErrorActionPreference = 'Stop'; Start-BitsTransfer -Source https://x/nightly/b.zip -Destination b.zip\"",
  "certutil -urlcache -split -f https://x/a.exe a.exe & certutil -hashfile a.exe SHA256",
  "git clone https://github.com/o/r.git C:\\r; cd C:\\r; git checkout $env:REF",
  "& { $p = @{ Uri = \"https://x/${env:A}\"; OutFile = 'o' }; iwr @p }",
  "setx /M PATH \"%PATH%;C:\\tools\" && echo %PATH% | findstr tools",
  "Write-Host $(Get-Date) `\n  ; [Environment]::SetEnvironmentVariable('A', $env:A + '`', 'Machine')",
);

const heredoc = fc
  .record({
    delimiter: fc.constantFrom("EOF", "EOT", "'EOF'", '"EOF"', "END-OF-FILE", "E"),
    dash: fc.boolean(),
    command: fc.constantFrom("", "cat > /x", "bash", "sh -e", "python3", "cat <<B > /y", "cat"),
    body: fc.array(fc.oneof(shellScript, word, fc.constant("#!/usr/bin/env python3"), fc.constant("")), { maxLength: 4 }),
    terminated: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    indent: fc.constantFrom("", "\t", "  "),
  })
  .map(({ delimiter, dash, command, body, terminated, indent }) => {
    const bare = delimiter.replace(/^['"]|['"]$/gu, "");
    const head = `<<${dash ? "-" : ""}${delimiter}${command ? ` ${command}` : ""}`;
    const lines = body.map((line) => indent + line);
    if (terminated) lines.push(`${dash ? indent : ""}${bare}`);
    return { head, tail: lines };
  });

interface GeneratedInstruction {
  keyword: string;
  flags: string[];
  args: string[];
  /** Extra lines after the instruction line (heredoc bodies). */
  tail: string[];
}

const instruction: fc.Arbitrary<GeneratedInstruction> = fc
  .record({
    keyword,
    flags: fc.array(flag, { maxLength: 3 }),
    kind: fc.constantFrom("words", "words", "script", "exec", "heredoc", "onbuild", "empty"),
    words: fc.array(argWord, { maxLength: 8 }),
    script: shellScript,
    exec: execArray,
    heredoc,
    inner: fc.constantFrom("RUN", "run", "COPY", "ONBUILD", "FROM", "ADD"),
  })
  .map(({ keyword: key, flags, kind, words, script, exec, heredoc: doc, inner }) => {
    switch (kind) {
      case "script":
        return { keyword: key, flags, args: [script, ...words.slice(0, 2)], tail: [] };
      case "exec":
        return { keyword: key, flags, args: [exec], tail: [] };
      case "heredoc":
        return { keyword: key, flags, args: [doc.head, ...words.slice(0, 1)], tail: doc.tail };
      case "onbuild":
        return { keyword: key, flags: [], args: [inner, ...flags, script], tail: [] };
      case "empty":
        return { keyword: key, flags, args: [], tail: [] };
      default:
        return { keyword: key, flags, args: words, tail: [] };
    }
  });

const filler = fc.constantFrom("", "# a comment", "   ", "\t", "#", "# syntax=docker/dockerfile:1", "#escape=`", "# check=skip=all");

const dockerfile = fc
  .record({
    directives: fc.array(fc.constantFrom("# escape=`", "# escape=\\", "# syntax=docker/dockerfile:1.7", "# check=error=true", "#escape=x", "# eslint-disable"), {
      maxLength: 2,
    }),
    lines: fc.array(
      fc.oneof(
        { weight: 8, arbitrary: instruction.map((value) => ({ instruction: value, filler: null })) },
        { weight: 1, arbitrary: filler.map((value) => ({ instruction: null, filler: value })) },
      ),
      { maxLength: 12 },
    ),
    eol: fc.constantFrom("\n", "\n", "\r\n", "\r", "mixed"),
    /** How tokens are joined: spaces, or a line continuation (the escape character then a newline, maybe a comment line or an empty line). */
    joins: fc.array(fc.constantFrom(" ", " ", " ", "  ", "\t", "CONT", "CONT_COMMENT", "CONT_EMPTY", "CONT_SPACE"), { minLength: 1, maxLength: 16 }),
    finalNewline: fc.boolean(),
    bom: fc.boolean(),
  })
  .map(({ directives, lines, eol, joins, finalNewline, bom }) => {
    const escape = directives.includes("# escape=`") ? "`" : "\\";
    let eolIndex = 0;
    const newline = (): string => (eol === "mixed" ? ["\n", "\r\n"][eolIndex++ % 2] ?? "\n" : eol);
    let joinIndex = 0;
    const join = (): string => {
      const kind = joins[joinIndex++ % joins.length] ?? " ";
      switch (kind) {
        case "CONT":
          return ` ${escape}${newline()}  `;
        case "CONT_COMMENT":
          return ` ${escape}${newline()}# inside a continuation${newline()}  `;
        case "CONT_EMPTY":
          return ` ${escape}${newline()}${newline()}  `;
        case "CONT_SPACE":
          return ` ${escape}  ${newline()}`;
        default:
          return kind;
      }
    };
    const out: string[] = [...directives];
    for (const line of lines) {
      if (line.instruction === null) {
        out.push(line.filler);
        continue;
      }
      const { keyword: key, flags, args, tail } = line.instruction;
      let text = key;
      for (const token of [...flags, ...args]) text += join() + token;
      out.push(text, ...tail);
    }
    let text = "";
    for (const line of out) text += line + newline();
    if (!finalNewline && text.length > 0) text = text.slice(0, -1);
    return (bom ? "\ufeff" : "") + text;
  });

// --- Mutations of corpus files ------------------------------------------------------

// FUZZ_CORPUS_FILES=1452 takes every corpus file (for a whole-corpus round trip): mutations and the
// line-ending property then run over all of them.
const sample = corpusSample(Number(process.env.FUZZ_CORPUS_FILES ?? "") || 40);

type Mutation =
  | { kind: "insert"; at: number; text: string }
  | { kind: "delete"; at: number; length: number }
  | { kind: "flip"; at: number; text: string };

const mutationText = fc.oneof(
  fc.constantFrom("\\", "`", "\n", "\r\n", "\r", "\u0000", '"', "'", "[", "]", "$", "{", "}", "<<EOF", "<<-'X'\n", "#", " ", "\t", "--mount=", "=", ",", "&&", "|", "(", ")", ";", "\ud83d", "\ufffd"),
  fc.string({ unit: "binary", maxLength: 4 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: mutationText }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), text: mutationText }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const change of mutations) {
    const at = out.length === 0 ? 0 : change.at % (out.length + 1);
    if (change.kind === "insert") out = out.slice(0, at) + change.text + out.slice(at);
    else if (change.kind === "delete") out = out.slice(0, at) + out.slice(at + change.length);
    else out = out.slice(0, at) + change.text + out.slice(at + 1);
  }
  return out;
}

const mutatedCorpusFile = fc
  .record({ file: fc.nat({ max: Math.max(0, sample.length - 1) }), mutations: fc.array(mutation, { minLength: 1, maxLength: 8 }) })
  .map(({ file, mutations }) => mutate(sample[file]?.text ?? "", mutations));

// --- Hostile shapes ---------------------------------------------------------------------
// The classes that once blew up: values that double at each ARG, deep nesting in every
// reader, globs with many stars, and long files. Each is generated at a random size and
// must lint, fix and suggest in bounded time (HOSTILE_MS each, a wide bound for a busy machine).

const HOSTILE_MS = 30_000;
const name = fc.constantFrom("A", "B_1", "v", "PATH", "x");

const doublingArgs = fc.record({ levels: fc.integer({ min: 1, max: 40 }), global: fc.boolean(), seed: name }).map(({ levels, global, seed }) => {
  const args = Array.from({ length: levels }, (_, i) => `ARG ${seed}${i + 1}=\${${seed}${i}}\${${seed}${i}}`).join("\n");
  const last = `${seed}${levels}`;
  const uses = `COPY package.json \${${last}}/\nRUN npm ci\nCOPY --from=\${${last}} . .\nADD https://x.example/\${${last}} /x\nWORKDIR /\${${last}}\n`;
  return global ? `ARG ${seed}0=abcdefgh\n${args}\nFROM alpine:\${${last}}\n${uses}` : `FROM alpine:3.20\nARG ${seed}0=abcdefgh\n${args}\n${uses}`;
});

const nesting = fc
  .record({
    depth: fc.integer({ min: 1, max: 3000 }),
    open: fc.constantFrom("${v:-", "${v:+", "$(", "(", "[", "{ ", "\"$(echo ", "${v/", "`"),
    where: fc.constantFrom("ENV E=", "ARG E=", "COPY ", "WORKDIR /", "RUN echo ", "CMD ", "LABEL l=", "EXPOSE ", "USER ", "HEALTHCHECK CMD "),
  })
  .map(({ depth, open, where }) => {
    const close = { "${v:-": "}", "${v:+": "}", "$(": ")", "(": ")", "[": "]", "{ ": " }", '"$(echo ': ')"', "${v/": "}", "`": "`" }[open];
    return `FROM alpine:3.20\n${where}${open.repeat(depth)}x${close.repeat(depth)}\nFROM alpine:\${E}\n`;
  });

const starGlobs = fc.record({ stars: fc.integer({ min: 1, max: 400 }), length: fc.integer({ min: 1, max: 4000 }) }).map(
  ({ stars, length }) => `FROM python:3.12\nWORKDIR /app\nCOPY ${"a*".repeat(stars)}b ./\nCOPY . .\nRUN pip install -r ${"a".repeat(length)} && npm ci\n`,
);

const longFile = fc
  .record({ count: fc.integer({ min: 100, max: 3000 }), lines: fc.array(instruction, { minLength: 1, maxLength: 8 }) })
  .map(({ count, lines }) => {
    const unit = lines.map(({ keyword: key, flags, args, tail }) => [[key, ...flags, ...args].join(" "), ...tail].join("\n")).join("\n");
    // A quarter of the size limit (a larger file gets the one "too large" message by design), so that ten
    // lints of it, for fixes and suggestions, fit in the bound.
    const units = Math.min(Math.ceil(count / lines.length), Math.floor(MAX_DOCKERFILE_LENGTH / 4 / (unit.length + 1)));
    return `FROM debian:12 AS base\n${Array.from({ length: units }, () => unit).join("\n")}\n`;
  });

const hostile = fc.oneof(doublingArgs, nesting, starGlobs, longFile);

// --- Properties ------------------------------------------------------------------------

describe("fuzz: every rule on odd Dockerfiles", () => {
  it(`generated Dockerfiles (${RUNS} runs) lint, fix and suggest without breaking`, { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(dockerfile, (text) => {
        checkRobustness(text);
      }),
      params(RUNS),
    );
  });

  it(`hostile shapes (${Math.ceil(RUNS / 10)} runs) lint, fix and suggest in bounded time`, { timeout: Math.max(600_000, RUNS * 6000) }, () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const start = performance.now();
        // Ten suggestions relinted, not one per line of a long file.
        checkRobustness(text, undefined, { suggestionLimit: 10 });
        const elapsed = performance.now() - start;
        if (elapsed > HOSTILE_MS) throw new Error(`took ${Math.round(elapsed)} ms (over ${HOSTILE_MS}) on ${text.length} characters: ${JSON.stringify(text.slice(0, 200))}…`);
      }),
      // A failure here is slow to shrink: report the first one as found.
      { ...params(Math.ceil(RUNS / 10)), endOnFailure: true },
    );
  });

  it.skipIf(sample.length === 0)(
    `byte-level mutations of corpus files (${Math.ceil(RUNS / 2)} runs)${sample.length === 0 ? `: skipped, no corpus at ${CORPUS_DIR}` : ""}`,
    { timeout: TIMEOUT },
    () => {
      fc.assert(
        fc.property(mutatedCorpusFile, (text) => {
          checkRobustness(text);
        }),
        params(Math.ceil(RUNS / 2)),
      );
    },
  );

  it.skipIf(sample.length === 0)("the sampled corpus files themselves, with LF, CRLF and lone-CR line endings", { timeout: TIMEOUT * 3 }, () => {
    for (const { name, text } of sample) {
      for (const [style, eol] of [["LF", "\n"], ["CRLF", "\r\n"], ["CR", "\r"]] as const) {
        try {
          checkRobustness(text.replace(/\r\n|\r|\n/gu, eol));
        } catch (error) {
          throw new Error(`${name} (${style}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      }
    }
  });
});
