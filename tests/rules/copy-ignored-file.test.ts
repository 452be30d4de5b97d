import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import rule from "../../rules/copy-ignored-file.js";
import { lines, ruleTester } from "../rule-tester.js";

const root = mkdtempSync(path.join(tmpdir(), "copy-ignored-file-"));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A directory with the given ignore files; returns the path of a Dockerfile in it. */
function project(name: string, files: Record<string, string>, dockerfile = "Dockerfile"): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dir, file), content);
  return path.join(dir, dockerfile);
}

const dockerfileIgnored = project("dockerfile-ignored", { ".dockerignore": "\nDockerfile\n" });
const foobar = project("foobar", { ".dockerignore": "\nfoobar\n" });
const starWithException = project("star-exception", { ".dockerignore": "**\n!Dockerfile\n" });
const dotfiles = project("dotfiles", { ".dockerignore": ".*\n" });
const star = project("star", { ".dockerignore": "*\n" });
const nodeProject = project("node", {
  ".dockerignore": "# dependencies and secrets\nnode_modules\n/dist\n**/*.log\n.env\n  # not a comment\ndocs/**/*.md\n",
});
const devOnly = project("dev-only", { ".dockerignore": "src\n", "Dockerfile.dev.dockerignore": "secrets\n" }, "Dockerfile.dev");
const defaultForOther = project("dev-only", {}, "Dockerfile");
const badPattern = project("bad-pattern", { ".dockerignore": "[\n" });
const empty = project("empty", { ".dockerignore": "# nothing\n\n" });
const none = project("none", {});

ruleTester.run("copy-ignored-file", rule, {
  valid: [
    { name: "no .dockerignore", code: lines("FROM scratch", "COPY Dockerfile ."), filename: none },
    { name: "an ignore file with no patterns", code: lines("FROM scratch", "COPY Dockerfile ."), filename: empty },
    { name: "text from stdin has no directory", code: lines("FROM scratch", "COPY Dockerfile .") },
    { name: "COPY --from reads another stage (BuildKit)", code: lines("FROM scratch AS base", "COPY Dockerfile /foobar", "FROM base", "COPY --from=base /foobar /Dockerfile"), filename: foobar },
    { name: "any '!' line turns the check off (BuildKit)", code: lines("FROM scratch", "COPY ./Dockerfile ."), filename: starWithException },
    { name: "copying the context with '!' lines (BuildKit)", code: lines("FROM scratch", "COPY . ."), filename: starWithException },
    { name: "'.*' does not empty the context (BuildKit)", code: lines("FROM scratch", "COPY . ."), filename: dotfiles },
    { name: "a directory whose contents are partly ignored", code: lines("FROM node:20", "COPY src/ /app/src/", "COPY package.json docs/ ./"), filename: nodeProject },
    { name: "a pattern that only matches at the context root", code: lines("FROM node:20", "COPY packages/web/dist /srv"), filename: nodeProject },
    { name: "URLs are not in the context", code: lines("FROM alpine:3.20", "ADD https://example.com/node_modules.tar.gz /tmp/"), filename: nodeProject },
    { name: "git sources are not in the context", code: lines("FROM alpine:3.20", "ADD git@github.com:org/node_modules.git /src"), filename: nodeProject },
    { name: "heredoc sources are not in the context", code: lines("FROM alpine:3.20", "COPY <<EOF /app/.env", "A=1", "EOF"), filename: nodeProject },
    { name: "a line with leading blanks before # is a pattern, not a comment", code: lines("FROM alpine:3.20", "COPY README.md /"), filename: nodeProject },
    { name: "<Dockerfile>.dockerignore replaces .dockerignore", code: lines("FROM alpine:3.20", "COPY src /src"), filename: devOnly },
    { name: "another Dockerfile in the same directory uses .dockerignore", code: lines("FROM alpine:3.20", "COPY secrets /secrets"), filename: defaultForOther },
    { name: "an ignore file Docker rejects is left to the build", code: lines("FROM scratch", "COPY [ /x"), filename: badPattern },
    { name: "a variable with no value is decided at build time", code: lines("FROM node:20", "ARG SRC", "COPY $SRC /app"), filename: nodeProject },
    { name: "ONBUILD copies from the child build's context", code: lines("FROM node:20", "ONBUILD COPY node_modules /app/node_modules"), filename: nodeProject },
  ],
  invalid: [
    {
      name: "COPY and ADD of an ignored file (BuildKit)",
      code: lines("", "FROM scratch", "COPY Dockerfile .", "ADD Dockerfile /windy"),
      filename: dockerfileIgnored,
      errors: [
        { messageId: "ignoredSource", line: 3, column: 6, endColumn: 16, data: { source: "Dockerfile", pattern: "Dockerfile", file: ".dockerignore", keyword: "COPY" } },
        { messageId: "ignoredSource", line: 4, column: 5, endColumn: 15, data: { source: "Dockerfile", pattern: "Dockerfile", file: ".dockerignore", keyword: "ADD" } },
      ],
    },
    {
      name: "'*' empties the context (BuildKit)",
      code: lines("FROM scratch", "COPY . ."),
      filename: star,
      errors: [{ messageId: "ignoredContext", line: 2, column: 6, endColumn: 7, data: { source: ".", pattern: "*", file: ".dockerignore", keyword: "COPY" } }],
    },
    {
      name: "a file inside an ignored directory",
      code: lines("FROM node:20", "COPY node_modules/.bin/tsc /usr/local/bin/"),
      filename: nodeProject,
      errors: [{ messageId: "ignoredSource", data: { source: "node_modules/.bin/tsc", pattern: "node_modules", file: ".dockerignore", keyword: "COPY" } }],
    },
    {
      name: "leading / of a pattern, and ./ and // in the source, are cleaned",
      code: lines("FROM nginx:1.27", "COPY .//dist/./index.html /usr/share/nginx/html/"),
      filename: nodeProject,
      errors: [{ messageId: "ignoredSource", data: { source: "dist/index.html", pattern: "dist", file: ".dockerignore", keyword: "COPY" } }],
    },
    {
      name: "an absolute source is relative to the context",
      code: lines("FROM node:20", "COPY /.env /app/"),
      filename: nodeProject,
      errors: [{ messageId: "ignoredSource", data: { source: ".env", pattern: ".env", file: ".dockerignore", keyword: "COPY" } }],
    },
    {
      name: "** matches any depth",
      code: lines("FROM node:20", "COPY logs/app/debug.log docs/api/v1/index.md /tmp/"),
      filename: nodeProject,
      errors: [
        { messageId: "ignoredSource", column: 6, endColumn: 24, data: { source: "logs/app/debug.log", pattern: "**/*.log", file: ".dockerignore", keyword: "COPY" } },
        { messageId: "ignoredSource", column: 25, endColumn: 45, data: { source: "docs/api/v1/index.md", pattern: "docs/**/*.md", file: ".dockerignore", keyword: "COPY" } },
      ],
    },
    {
      name: "<Dockerfile>.dockerignore is read for Dockerfile.dev",
      code: lines("FROM alpine:3.20", "COPY secrets /secrets"),
      filename: devOnly,
      errors: [{ messageId: "ignoredSource", data: { source: "secrets", pattern: "secrets", file: "Dockerfile.dev.dockerignore", keyword: "COPY" } }],
    },
    {
      name: "a source built from an ARG default",
      code: lines("FROM node:20", "ARG DEPS=node_modules", "COPY ${DEPS} /app/node_modules"),
      filename: nodeProject,
      errors: [{ messageId: "ignoredSource", line: 3, column: 6, endColumn: 13, data: { source: "node_modules", pattern: "node_modules", file: ".dockerignore", keyword: "COPY" } }],
    },
    {
      name: "exec form, quoted source",
      code: lines("FROM node:20", 'COPY [".env", "/app/.env"]'),
      filename: nodeProject,
      errors: [{ messageId: "ignoredSource", column: 7, endColumn: 13 }],
    },
    {
      name: "COPY --chown and a line continuation, CRLF, lower case",
      code: "from node:20\r\ncopy --chown=node:node \\\r\n  node_modules /app/\r\n",
      filename: nodeProject,
      errors: [{ messageId: "ignoredSource", line: 3, column: 3, endColumn: 15 }],
    },
    {
      name: "backtick escape",
      code: lines("# escape=`", "FROM node:20", "COPY `", "  .env /app/"),
      filename: nodeProject,
      errors: [{ messageId: "ignoredSource", line: 4 }],
    },
    {
      name: "real world: node image copying the built bundle that .dockerignore drops",
      code: lines("FROM node:20-alpine AS build", "WORKDIR /app", "COPY package*.json ./", "RUN npm ci", "COPY . .", "RUN npm run build", "FROM nginx:1.27-alpine", "COPY dist /usr/share/nginx/html"),
      filename: nodeProject,
      errors: [{ messageId: "ignoredSource", line: 8 }],
    },
  ],
});
