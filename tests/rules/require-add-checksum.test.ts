import { shorten } from "../../lib/text/index.js";
import rule from "../../rules/require-add-checksum.js";
import { lines, ruleTester } from "../rule-tester.js";

const SHA = "24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d";
const COMMIT = "05d2d74403d23d99daf70f4eb4fc0ff16cae7f1a";

ruleTester.run("require-add-checksum", rule, {
  valid: [
    { name: "URL with a sha256 checksum", code: lines("FROM alpine:3.20", `ADD --checksum=sha256:${SHA} https://mirrors.edge.kernel.org/pub/linux/kernel/Historic/linux-0.01.tar.gz /`) },
    { name: "checksum from an ARG default", code: lines("FROM alpine:3.20", `ARG TINI_SHA256=${SHA}`, "ADD --checksum=sha256:${TINI_SHA256} https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini") },
    { name: "checksum from an ARG the build passes", code: lines("FROM alpine:3.20", "ARG TINI_SHA256", "ADD --checksum=sha256:${TINI_SHA256} https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini") },
    { name: "local file and local archive", code: lines("FROM alpine:3.20", "ADD app.tar.gz /app/", "ADD ./config /etc/app/") },
    { name: "Git repository at a tag", code: lines("FROM alpine:3.20", "ADD https://github.com/moby/buildkit.git#v0.14.1 /buildkit") },
    { name: "Git repository at a tag with a subdirectory", code: lines("FROM alpine:3.20", "ADD git@github.com:moby/buildkit.git#v0.14.1:docs /buildkit-docs") },
    { name: "Git repository at a commit", code: lines("FROM alpine:3.20", `ADD https://github.com/docker/buildx.git#${COMMIT} /src`) },
    { name: "Git repository at a refs/tags ref", code: lines("FROM alpine:3.20", "ADD https://github.com/org/repo.git#refs/tags/stable /src") },
    { name: "Git branch pinned by --checksum", code: lines("FROM alpine:3.20", "ADD --checksum=be1f38e https://github.com/moby/buildkit.git#master /buildkit") },
    { name: "Git repository with ?tag=", code: lines("FROM alpine:3.20", "ADD https://github.com/org/repo.git?tag=release&subdir=docs /docs") },
    { name: "Git repository with ?checksum=", code: lines("FROM alpine:3.20", `ADD "https://github.com/org/repo.git?branch=main&checksum=${COMMIT}" /src`) },
    { name: "Git ref from an ARG default", code: lines("FROM alpine:3.20", "ARG BUILDKIT_VERSION=v0.26.2", "ADD https://github.com/moby/buildkit.git#${BUILDKIT_VERSION} /buildkit") },
    { name: "Git ref from an ARG the build passes", code: lines("FROM alpine:3.20", "ARG GIT_REF", "ADD https://github.com/org/repo.git#${GIT_REF} /src") },
    { name: "signature file next to a payload that a later RUN verifies", code: lines("FROM python:3.12-slim", "ARG PYTHON_VERSION=3.12.4", "ADD \"https://www.python.org/ftp/python/${PYTHON_VERSION}/Python-${PYTHON_VERSION}.tar.xz.sigstore\" /tmp/python.tar.xz.sigstore") },
    { name: "URL from an ARG with no default cannot be judged", code: lines("FROM alpine:3.20", "ARG PACKAGE_URL", "ADD ${PACKAGE_URL} /tmp/package.tar.gz") },
    { name: "COPY never fetches URLs", code: lines("FROM alpine:3.20", "COPY --from=build /out /out") },
    {
      name: "real world: a kernel tarball with its checksum, split over lines",
      code: lines(
        "# syntax=docker/dockerfile:1",
        "FROM alpine:3.20",
        `ADD --checksum=sha256:${SHA} \\`,
        "    https://mirrors.edge.kernel.org/pub/linux/kernel/Historic/linux-0.01.tar.gz \\",
        "    /usr/src/",
      ),
    },
  ],
  invalid: [
    {
      name: "versioned URL without a checksum",
      code: lines("FROM alpine:3.20", "ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini"),
      errors: [{ messageId: "missingChecksum", line: 2, column: 5, endLine: 2, endColumn: 67, data: { url: "https://github.com/krall…s/download/v0.19.0/tini" } }],
    },
    {
      name: "GitHub release archive is not a Git source",
      code: lines("FROM alpine:3.20", "ADD --unpack=true https://github.com/org/repo/archive/v1.2.3.tar.gz /src"),
      errors: [{ messageId: "missingChecksum", column: 19, endColumn: 68 }],
    },
    {
      name: "URL built from ARG defaults",
      code: lines("FROM alpine:3.20", "ARG S6_OVERLAY_VERSION=3.2.0.0", "ADD https://github.com/just-containers/s6-overlay/releases/download/v${S6_OVERLAY_VERSION}/s6-overlay-noarch.tar.xz /tmp"),
      errors: [{ messageId: "missingChecksum", line: 3, data: { url: "https://github.com/just-…6-overlay-noarch.tar.xz" } }],
    },
    {
      name: "quoted URL with other flags",
      code: lines("FROM alpine:3.20", "ADD --chmod=744 \"https://raw.githubusercontent.com/linuxserver/docker-mods/mod-scripts/lsiown.v1\" \"/usr/bin/lsiown\""),
      errors: [{ messageId: "missingChecksum", column: 17, endColumn: 98, data: { url: "https://raw.githubuserco…s/mod-scripts/lsiown.v1" } }],
    },
    {
      name: "two URLs, two reports",
      code: lines("FROM alpine:3.20", "ADD https://example.com/a-1.0.tgz https://example.com/b-1.0.tgz /opt/"),
      errors: [{ messageId: "missingChecksum", column: 5, endColumn: 34 }, { messageId: "missingChecksum", column: 35, endColumn: 64 }],
    },
    {
      name: "Git repository on its default branch",
      code: lines("FROM alpine:3.20", "ADD https://github.com/user/repo.git /mydir/"),
      errors: [{ messageId: "floatingGitRef", column: 5, endColumn: 37, data: { url: "https://github.com/user/repo.git", ref: "the default branch" } }],
    },
    {
      name: "release branch named after a version line: #3.24-stable is a branch, like #v2-latest",
      code: lines("FROM alpine:3.20", "ADD https://gitlab.alpinelinux.org/alpine/aports.git#3.24-stable /aports", "ADD https://github.com/org/action.git#v2-latest /action"),
      errors: [
        { messageId: "floatingGitRef", line: 2, data: { url: "https://gitlab.alp…s.git#3.24-stable", ref: "the branch '3.24-stable'" } },
        { messageId: "floatingGitRef", line: 3, data: { url: "https://github.com…ion.git#v2-latest", ref: "the branch 'v2-latest'" } },
      ],
    },
    {
      name: "Git repository at #main",
      code: lines("FROM alpine:3.20", "ADD https://github.com/user/repo.git#main /src"),
      errors: [{ messageId: "floatingGitRef", data: { url: "https://github.com…ser/repo.git#main", ref: "the branch 'main'" } }],
    },
    {
      name: "Git repository at #master with a subdirectory",
      code: lines("FROM alpine:3.20", "ADD https://gitlab.com/org/repo.git#master:docs /docs"),
      errors: [{ messageId: "floatingGitRef", data: { url: "https://gitlab.com…o.git#master:docs", ref: "the branch 'master'" } }],
    },
    {
      name: "SSH Git repository at #HEAD",
      code: lines("FROM alpine:3.20", "ADD git@github.com:org/private.git#HEAD /src"),
      errors: [{ messageId: "floatingGitRef", data: { url: "git@github.com:org/private.git#HEAD", ref: "the branch 'HEAD'" } }],
    },
    {
      name: "git:// repository without a ref",
      code: lines("FROM alpine:3.20", "ADD git://git.example.com/project.git /src"),
      errors: [{ messageId: "floatingGitRef", data: { url: "git://git.example.com/project.git", ref: "the default branch" } }],
    },
    {
      name: "Git repository at #develop",
      code: lines("FROM alpine:3.20", "ADD https://github.com/org/repo.git#develop /src"),
      errors: [{ messageId: "floatingGitRef" }],
    },
    {
      name: "?branch= names a branch even when it looks like a version",
      code: lines("FROM alpine:3.20", "ADD https://github.com/org/repo.git?branch=release-1.2 /src"),
      errors: [{ messageId: "floatingGitRef", data: { url: "https://github.com…ranch=release-1.2", ref: "the branch 'release-1.2'" } }],
    },
    {
      name: "Git ref from an ARG default that is a branch",
      code: lines("ARG ROOT_SIGNING_VERSION=main", "FROM alpine:3.20", "ARG ROOT_SIGNING_VERSION", "ADD https://www.github.com/sigstore/root-signing.git#${ROOT_SIGNING_VERSION} /"),
      errors: [{ messageId: "floatingGitRef", line: 4, column: 5, endColumn: 77, data: { url: "https://www.github…-signing.git#main", ref: "the branch 'main'" } }],
    },
    {
      name: "sha512 is not accepted",
      code: lines("FROM alpine:3.20", `ADD --checksum=sha512:${SHA}${SHA} https://example.com/tool-1.0.tgz /opt/`),
      errors: [{ messageId: "invalidChecksum", column: 16, endColumn: 16 + 7 + 128, data: { value: shorten(`sha512:${SHA}${SHA}`, 32), what: "a URL", expected: "only 'sha256:' and 64 lowercase hex digits" } }],
    },
    {
      name: "uppercase hex is not a valid digest",
      code: lines("FROM alpine:3.20", `ADD --checksum=sha256:${SHA.toUpperCase()} https://example.com/tool-1.0.tgz /opt/`),
      errors: [{ messageId: "invalidChecksum" }],
    },
    {
      name: "a sha256 digest does not pin a Git source",
      code: lines("FROM alpine:3.20", `ADD --checksum=sha256:${SHA} https://github.com/org/repo.git /src`),
      errors: [{ messageId: "invalidChecksum", data: { value: shorten(`sha256:${SHA}`, 32), what: "a Git repository", expected: "a lowercase hex commit SHA or prefix" } }],
    },
    {
      name: "--checksum without a value",
      code: lines("FROM alpine:3.20", "ADD --checksum https://raw.githubusercontent.com/containers/buildah/bf3b55ba74102cc2503eccbaeffe011728d46b20/README.md /"),
      errors: [{ messageId: "missingChecksum", column: 16 }],
    },
    {
      name: "exec form",
      code: lines("FROM alpine:3.20", 'ADD ["https://example.com/tool-1.0.tgz", "/opt/"]'),
      errors: [{ messageId: "missingChecksum", column: 6, endColumn: 40 }],
    },
    {
      name: "lowercase instruction",
      code: lines("from alpine:3.20", "add https://example.com/tool-1.0.tgz /opt/"),
      errors: [{ messageId: "missingChecksum", line: 2, column: 5 }],
    },
    {
      name: "ONBUILD ADD",
      code: lines("FROM alpine:3.20", "ONBUILD ADD https://github.com/org/repo.git#main /src"),
      errors: [{ messageId: "floatingGitRef", line: 2, column: 13 }],
    },
    {
      name: "line continuation",
      code: lines("FROM alpine:3.20", "ADD --chmod=755 \\", "    https://example.com/tool-1.0 \\", "    /usr/local/bin/tool"),
      errors: [{ messageId: "missingChecksum", line: 3, column: 5, endLine: 3, endColumn: 33 }],
    },
    {
      name: "backtick escape and CRLF",
      code: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nADD `\r\n  https://download.example.com/setup-1.2.exe C:\\setup.exe\r\n",
      errors: [{ messageId: "missingChecksum", line: 4, column: 3, endColumn: 45 }],
    },
    {
      name: "multi-stage: the ARG of another stage does not apply",
      code: lines(
        "FROM alpine:3.20 AS fetch",
        `ARG TOOL_SHA=${SHA}`,
        "ADD --checksum=sha256:${TOOL_SHA} https://example.com/tool-1.0.tgz /opt/",
        "FROM alpine:3.20",
        "ADD https://example.com/tool-1.0.tgz /opt/",
      ),
      errors: [{ messageId: "missingChecksum", line: 5 }],
    },
  ],
});
