import rule from "../../rules/pin-package-versions.js";
import { lines, ruleTester } from "../rule-tester.js";

type MessageId = "unpinned" | "unpinnedPackages" | "unpinnedPatterns" | "moving" | "range" | "redirect";

/** A one-stage Dockerfile that runs `script`. */
function run(script: string, base = "debian:12"): string {
  return lines(`FROM ${base}`, `RUN ${script}`);
}

/**
 * The expected report on the `occurrence`-th appearance of `word` in `code`
 * as a whole shell word (bounded by a space, quote, line start or end).
 */
function on(code: string, word: string, messageId: MessageId = "unpinned", occurrence = 0): { messageId: MessageId; line: number; column: number; endLine: number; endColumn: number } {
  const codeLines = code.split(/\r?\n/u);
  let seen = 0;
  for (let i = 0; i < codeLines.length; i++) {
    const text = codeLines[i] ?? "";
    let from = 0;
    for (;;) {
      const at = text.indexOf(word, from);
      if (at < 0) break;
      from = at + 1;
      const before = at === 0 ? " " : text.charAt(at - 1);
      const after = text.charAt(at + word.length) || " ";
      if (!/[\s"'[,(]/u.test(before) || !/[\s"'\],;)`\\]/u.test(after)) continue;
      if (seen++ === occurrence) return { messageId, line: i + 1, column: at + 1, endLine: i + 1, endColumn: at + 1 + word.length };
    }
  }
  throw new Error(`'${word}' not found in test code`);
}

/**
 * An invalid case whose reports are the given words, in order. The n-th
 * listing of a word is its n-th appearance in the code; `[word, messageId,
 * skip]` skips `skip` more, so `pip install --upgrade pip` can name the second `pip`.
 */
/** One report for the unpinned packages of an OS package install: on `phrase` (the tool to its subcommand), listing `packages`. */
interface OsInstall {
  phrase: string;
  tool: string;
  packages: string[];
  /** The pin to suggest; null when no package can be pinned by name (a pattern). */
  hint: string | null;
  occurrence: number;
}

function os(phrase: string, packages: string[], hint: string | null = `'${packages[0] ?? ""}=<version>'`, occurrence = 0, tool = phrase.split(" ")[0] ?? ""): OsInstall {
  return { phrase, tool, packages, hint, occurrence };
}

/** `'a', 'b' and 'c'`, `'a', 'b', 'c' and 2 more`: how the report lists packages, up to about 48 characters. */
function listed(packages: string[]): string {
  const names: string[] = [];
  for (const name of packages.slice(0, 3)) {
    if (names.length > 0 && names.join(", ").length + name.length + 4 > 48) break;
    names.push(`'${name}'`);
  }
  if (packages.length > names.length) return `${names.join(", ")} and ${packages.length - names.length} more`;
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1) ?? ""}`;
}

/** The how-to-pin part, given only when the whole message stays within 140 characters. */
function pinPart(tool: string, packages: string, hint: string): string {
  const pin = `: pin it as ${hint}`;
  return `${tool} installs ${packages} with no version, so cached and fresh builds can differ${pin}.`.length <= 140 ? pin : "";
}

function osError(code: string, install: OsInstall) {
  const at = on(code, install.phrase, install.hint === null ? "unpinnedPatterns" : "unpinnedPackages", install.occurrence);
  const packages = listed(install.packages);
  return { ...at, data: install.hint === null ? { tool: install.tool, packages } : { tool: install.tool, packages, hint: install.hint, pin: pinPart(install.tool, packages, install.hint) } };
}

function invalid(name: string, code: string, words: (string | OsInstall | [string, MessageId] | [string, MessageId, number])[], options?: { managers?: string[]; allowRanges?: boolean }) {
  const counts = new Map<string, number>();
  const errors = words.map((entry) => {
    if (typeof entry === "object" && !Array.isArray(entry)) return osError(code, entry);
    const [word, messageId, skip = 0] = typeof entry === "string" ? [entry, "unpinned" as const] : entry;
    const occurrence = (counts.get(word) ?? 0) + skip;
    counts.set(word, occurrence + 1);
    return on(code, word, messageId, occurrence);
  });
  return { name, code, errors, ...(options ? { options: [options] } : {}) };
}

const STRICT = { allowRanges: false };

ruleTester.run("pin-package-versions", rule, {
  valid: [
    // apt-get / apt (hadolint DL3008)
    { name: "DL3008: apt-get pinned chained", code: lines("FROM debian:12", "RUN apt-get update \\", " && apt-get -yqq --no-install-recommends install nodejs=0.10 \\", " && rm -rf /var/lib/apt/lists/*") },
    {
      name: "DL3008: apt-get pinned with version globs",
      code: lines("FROM debian:12", "RUN apt-get update && apt-get install --no-install-recommends -y \\", "python-demjson=2.2.2* \\", "wget=1.16.1* \\", "git=1:2.5.0* \\", "ruby=1:2.1.*"),
    },
    { name: "DL3008: apt-get version", code: run("apt-get install -y python=1.2.2") },
    { name: "DL3008: apt-get local .deb file", code: run("apt-get install ./wkhtmltox_0.12.5-1.bionic_amd64.deb") },
    { name: "DL3008: apt-get options before the subcommand", code: run("apt-get -y --no-install-recommends install nodejs=0.10") },
    {
      name: "DL3008: apt-get tolerates -t target-release",
      code: lines(
        "FROM debian:12",
        "RUN set -e &&\\",
        ' echo "deb http://http.debian.net/debian jessie-backports main" > /etc/apt/sources.list.d/jessie-backports.list &&\\',
        " apt-get update &&\\",
        " apt-get install -y --no-install-recommends -t jessie-backports openjdk-8-jdk=8u131-b11-1~bpo8+1 &&\\",
        " rm -rf /var/lib/apt/lists/*",
      ),
    },
    { name: "apt-get --target-release=value", code: run("apt-get install -y --target-release=bookworm-backports openjdk-17-jdk=17.0.9-1") },
    { name: "apt-get -o option value is not a package", code: run('apt-get install -y -o Dpkg::Options::="--force-confold" -o APT::Install-Recommends=false tzdata=2024a-0+deb12u1') },
    { name: "apt-get remove and purge install nothing", code: run("apt-get remove -y curl && apt-get purge -y --auto-remove wget && apt-get autoremove -y") },
    { name: "apt-get update and upgrade install no named package", code: run("apt-get update && apt-get upgrade -y && apt-get dist-upgrade -y") },
    { name: "apt-get install pkg- removes the package", code: run("apt-get install -y curl=7.88.1-10+deb12u5 nano-") },
    { name: "apt-get install -f fixes broken installs", code: run("dpkg -i /tmp/tool.deb || apt-get install -y -f") },
    { name: "apt-cache and apt-mark are not installs", code: run("apt-cache policy curl && apt-mark hold curl") },
    { name: "package list in a shell variable is unknown (hadolint#928)", code: run('buildDeps="python3=3.6.7-1~18.04" && apt-get install -y --no-install-recommends $buildDeps') },
    { name: "apt install pinned", code: run("apt install -y curl=8.5.0-1") },
    { name: "sudo apt-get install pinned", code: run("sudo -E apt-get install -y curl=8.5.0-1") },

    // apk (hadolint DL3018)
    { name: "DL3018: apk add pinned", code: run("apk add flex=2.6.4-r1", "alpine:3.20") },
    { name: "DL3018: apk add fuzzy ~ pin counts when ranges are allowed", code: run("apk add --no-cache git~2.52.0", "alpine:3.20") },
    { name: "DL3018: apk add pinned, chained with pip -r", code: lines("FROM alpine:3.20", "RUN apk add --no-cache flex=2.6.4-r1 \\", " && pip install -r requirements.txt") },
    { name: "DL3018: apk add pinned over several lines", code: lines("FROM alpine:3.20", "RUN apk add --no-cache \\", "flex=2.6.4-r1 \\", "libffi=3.2.1-r3 \\", "python2=2.7.13-r1 \\", "libbz2=1.0.6-r5") },
    {
      name: "DL3018: the --virtual name is not a package",
      code: lines(
        "FROM alpine:3.20",
        "RUN apk add \\",
        "--virtual build-dependencies \\",
        "python-dev=1.1.1 build-base=2.2.2 wget=3.3.3 \\",
        "&& pip install -r requirements.txt \\",
        "&& python setup.py install \\",
        "&& apk del build-dependencies",
      ),
    },
    { name: "DL3018: --repository value without =", code: lines("FROM alpine:3.20", "RUN apk add --no-cache \\", "--repository https://nl.alpinelinux.org/alpine/edge/testing \\", "flow=0.78.0-r0") },
    { name: "DL3018: --repository=value", code: lines("FROM alpine:3.20", "RUN apk add --no-cache \\", "--repository=https://nl.alpinelinux.org/alpine/edge/testing \\", "flow=0.78.0-r0") },
    { name: "DL3018: -X repository value", code: lines("FROM alpine:3.20", "RUN apk add --no-cache \\", "-X https://nl.alpinelinux.org/alpine/edge/testing \\", "flow=0.78.0-r0") },
    { name: "DL3018: local .apk file", code: run("apk add mypackage-1.1.1.apk", "alpine:3.20") },
    { name: "apk -t virtual name and --root value", code: run("apk add --root /mnt -t .build-deps gcc=13.2.1_git20231014-r0", "alpine:3.20") },
    { name: "apk options before the subcommand", code: run("apk --no-cache --update add curl=8.5.0-r0", "alpine:3.20") },
    { name: "apk range operators count when ranges are allowed", code: run("apk add 'curl>8' 'musl<2' 'zlib>=1.3'", "alpine:3.20") },
    { name: "apk del and apk update install nothing", code: run("apk update && apk del .build-deps", "alpine:3.20") },

    // pip, python -m pip, pipx, uv (hadolint DL3013)
    { name: "DL3013: pip3 version pinned", code: run("pip3 install MySQL_python==1.2.2") },
    { name: "DL3013: pip3 install from a local wheel", code: run("pip3 install mypkg.whl") },
    { name: "DL3013: pip3 install from a local archive", code: run("pip3 install mypkg.tar.gz") },
    { name: "DL3013: pip install -r requirements", code: run("pip install -r requirements.txt") },
    { name: "DL3013: pip install --requirement", code: run("pip install --requirement requirements.txt") },
    { name: "DL3013: pip install . (setup.py)", code: run("pip install .") },
    { name: "DL3013: pip version pinned", code: run("pip install MySQL_python==1.2.2") },
    { name: "DL3013: ~= counts when ranges are allowed", code: run("pip install MySQL_python~=1.2.2") },
    { name: "DL3013: === pins exactly", code: run("pip install MySQL_python===1.2.2") },
    { name: "DL3013: --ignore-installed flag", code: run("pip install --ignore-installed MySQL_python==1.2.2") },
    { name: "DL3013: --build value", code: run("pip3 install --build /opt/yamllint yamllint==1.20.0") },
    { name: "DL3013: --prefix value", code: run("pip3 install --prefix /opt/yamllint yamllint==1.20.0") },
    { name: "DL3013: --root value", code: run("pip3 install --root /opt/yamllint yamllint==1.20.0") },
    { name: "DL3013: --target value", code: run("pip3 install --target /opt/yamllint yamllint==1.20.0") },
    { name: "DL3013: --trusted-host value", code: run("pip3 install --trusted-host host example==1.2.2") },
    { name: "DL3013: python -m pip pinned", code: run("python -m pip install example==1.2.2") },
    { name: "DL3013: git URL with a tag", code: run("pip install git+https://github.com/rtfd/r-ext.git@0.6-alpha#egg=r-ext") },
    { name: "DL3013: lower bound counts when ranges are allowed", code: run("pip install 'alabaster>=0.7'") },
    { name: "DL3013: upper bound counts when ranges are allowed", code: run("pip install 'alabaster<0.7'") },
    { name: "DL3013: excluded version counts when ranges are allowed", code: run("pip install 'alabaster!=0.7'") },
    { name: "DL3013: --user after the package", code: run("pip install MySQL_python==1.2.2 --user") },
    { name: "DL3013: --disable-pip-version-check", code: run("pip install MySQL_python==1.2.2 --disable-pip-version-check") },
    { name: "DL3013: --index-url value", code: run("pip install --index-url https://eg.com/foo foobar==1.0.0") },
    { name: "DL3013: -i index value", code: run("pip install -i https://eg.com/foo foobar==1.0.0") },
    { name: "DL3013: --index-url and --extra-index-url values", code: run("pip install --index-url https://eg.com/foo --extra-index-url https://ex-eg.io/foo foobar==1.0.0") },
    { name: "DL3013: --no-cache-dir", code: run("pip install MySQL_python==1.2.2 --no-cache-dir") },
    { name: "DL3013: --constraint file pins the packages", code: run("pip install pykafka --constraint http://foo.bar.baz") },
    { name: "DL3013: -c file pins the packages", code: run("pip install pykafka -c http://foo.bar.baz") },
    { name: "pip --no-index installs only the build's local wheels", code: run("pip install --no-index --find-links /wheels flask") },
    { name: "DL3013: index URLs with basic auth", code: run("pip install --index-url https://user:pass@eg.com/foo --extra-index-url https://user:pass@ex-eg.io/foo foobar==1.0.0") },
    { name: "pip --root-user-action=value with a pinned package", code: run("pip install --root-user-action=ignore lib==1.0.0") },
    { name: "pip --platform and --only-binary values", code: run("pip install --platform manylinux2014_x86_64 --only-binary=:all: --target /out numpy==2.0.0") },
    { name: "pip -e . and local paths", code: run("pip install -e . && pip install ./src/pkg && pip install -e ./lib && pip install .[dev]") },
    { name: "pip -e of a VCS URL with a commit", code: run("pip install -e git+https://github.com/org/lib.git@3f2a1b9c0d#egg=lib") },
    { name: "pip extras and environment markers", code: run(`pip install "pkg[extra]==1.0; python_version<'3.9'"`) },
    { name: "pip direct reference with a tag", code: run(`pip install "lib @ git+https://github.com/org/lib.git@v1.4.0"`) },
    { name: "pip URL that names a version", code: run("pip install https://github.com/org/lib/archive/refs/tags/v1.2.3.zip") },
    { name: "pip download and pip wheel are not installs", code: run("pip download requests && pip wheel requests && pip uninstall -y requests") },
    { name: "pip global options before the subcommand", code: run("pip --no-cache-dir --disable-pip-version-check install flask==3.0.3") },
    { name: "python3.12 -I -m pip pinned", code: run("python3.12 -I -m pip install flask==3.0.3") },
    { name: "uv pip install pinned", code: run("uv pip install --system --no-cache ruff==0.5.0") },
    { name: "uv pip install -r", code: run("uv pip install --system -r requirements.txt") },
    {
      name: "real world: paperless-ngx's uv pip install of an exported requirements file",
      code: lines(
        "FROM python:3.12-slim",
        "RUN uv export --quiet --no-dev --format requirements-txt --output-file requirements.txt \\",
        "    && uv pip install --no-cache --system --python-preference system \\",
        "      --index https://pypi.org/simple --index-strategy unsafe-best-match \\",
        "      --requirements requirements.txt",
      ),
    },
    { name: "pipx install pinned", code: run("pipx install black==24.4.2") },
    { name: "pipx --spec says what to install; the positional names the app", code: run("pipx install --spec 'black==24.4.2' black") },
    { name: "uv tool install --from", code: run("uv tool install --from 'ruff==0.5.0' ruff") },
    { name: "pip version from a build argument", code: lines("FROM python:3.12", "ARG FLASK_VERSION=3.0.3", 'RUN pip install "flask==${FLASK_VERSION}"') },
    { name: "pip package from a shell variable is unknown", code: run('pip install "$PACKAGE" ${EXTRA_PACKAGES}') },

    // npm, yarn, pnpm (hadolint DL3016)
    { name: "DL3016: npm install reads package.json", code: run("npm install", "node:20") },
    { name: "DL3016: npm install with arguments only", code: run("npm install --progress=false", "node:20") },
    { name: "DL3016: version pinned", code: run("npm install express@4.1.1", "node:20") },
    { name: "DL3016: scoped package with a range when ranges are allowed", code: run('npm install @myorg/privatepackage@">=0.1.0"', "node:20") },
    { name: "DL3016: several pinned packages", code: run('npm install express@"4.1.1" sax@0.1.1', "node:20") },
    { name: "DL3016: --global pinned", code: run('npm install --global express@"4.1.1"', "node:20") },
    { name: "DL3016: -g pinned", code: run('npm install -g express@"4.1.1"', "node:20") },
    { name: "DL3016: .tar tarball", code: run("npm install package-v1.2.3.tar", "node:20") },
    { name: "DL3016: .tar.gz tarball", code: run("npm install package-v1.2.3.tar.gz", "node:20") },
    { name: "DL3016: .tgz tarball", code: run("npm install package-v1.2.3.tgz", "node:20") },
    { name: "DL3016: absolute folder", code: run("npm install /folder", "node:20") },
    { name: "DL3016: relative folder", code: run("npm install ./folder", "node:20") },
    { name: "DL3016: parent folder", code: run("npm install ../folder", "node:20") },
    { name: "DL3016: folder from home", code: run("npm install ~/folder", "node:20") },
    { name: "DL3016: git+ssh with a tag", code: run("npm install git+ssh://git@github.com:npm/npm.git#v1.0.27", "node:20") },
    { name: "DL3016: git+http with a semver range when ranges are allowed", code: run("npm install git+http://isaacs@github.com/npm/npm#semver:^5.0", "node:20") },
    { name: "DL3016: git+https with a tag", code: run("npm install git+https://isaacs@github.com/npm/npm.git#v1.0.27", "node:20") },
    { name: "DL3016: git:// with a tag", code: run("npm install git://github.com/npm/npm.git#v1.0.27", "node:20") },
    { name: "DL3016: npm run install is a script", code: run("npm run --crazy install", "node:20") },
    { name: "DL3016: range with a space when ranges are allowed", code: run('npm install @myorg/privatepackage@">=0.1.0 <0.2.0"', "node:20") },
    { name: "DL3016: --loglevel value", code: run("npm install --loglevel verbose sax@0.1.1", "node:20") },
    { name: "DL3016: --registry value", code: run("npm install --registry https://example.com sax@0.1.1", "node:20") },
    { name: "npm ci, yarn install and pnpm install read lockfiles", code: run("npm ci && yarn install --frozen-lockfile && pnpm install --frozen-lockfile && yarn", "node:20") },
    { name: "npm i -g pinned", code: run("npm i -g npm@10.8.2", "node:20") },
    { name: "npm --prefix value", code: run("npm install --prefix /app left-pad@1.3.0", "node:20") },
    { name: "npm GitHub shorthand with a tag", code: run("npm install user/repo#v1.0.0", "node:20") },
    { name: "npm alias to a pinned package", code: run("npm install lodash4@npm:lodash@4.17.21", "node:20") },
    { name: "yarn add and yarn global add pinned", code: run("yarn add react@18.3.1 && yarn global add typescript@5.4.5", "node:20") },
    { name: "pnpm add -g pinned", code: run("pnpm add -g pnpm@9.1.0 && pnpm --filter web add zod@3.23.8", "node:20") },
    { name: "npm version from a build argument", code: lines("FROM node:20", "ARG YARN_VERSION=1.22.22", "RUN npm install -g yarn@${YARN_VERSION}") },

    // gem (hadolint DL3028)
    { name: "DL3028: gem i pinned", code: run("gem i bundler:1", "ruby:3.3") },
    { name: "DL3028: gem i several pinned", code: run("gem i bunlder:1 nokogiri:1", "ruby:3.3") },
    { name: "DL3028: gem install pinned", code: run("gem install bundler:1", "ruby:3.3") },
    { name: "DL3028: -v version", code: run("gem install bundler -v '2.0.1'", "ruby:3.3") },
    { name: "DL3028: --version without =", code: run("gem install bundler --version '2.0.1'", "ruby:3.3") },
    { name: "DL3028: --version=", code: run("gem install bundler --version='2.0.1'", "ruby:3.3") },
    { name: "DL3028: build flags with = after --", code: run("gem install bundler:2.0.1 -- --use-system-libraries=true", "ruby:3.3") },
    { name: "DL3028: build flags after --", code: run("gem install bundler:2.0.1 -- --use-system-libraries true", "ruby:3.3") },
    { name: "DL3028: unknown flag with a true value", code: run("gem install bundler:2.0.1 --use-system-libraries true", "ruby:3.3") },
    { name: "DL3028: unknown flag with =true", code: run("gem install bundler:2.0.1 --use-system-libraries=true", "ruby:3.3") },
    { name: "gem -v range when ranges are allowed", code: run("gem install bundler -v '~> 2.5'", "ruby:3.3") },
    { name: "gem local .gem file and gem update --system", code: run("gem install ./pkg/tool-1.0.0.gem && gem update --system", "ruby:3.3") },
    { name: "gem --source, -i and -n values", code: run("gem install --source https://rubygems.org -i /opt/gems -n /usr/local/bin rake:13.2.1", "ruby:3.3") },

    // go (hadolint DL3062)
    { name: "DL3062: go install pinned", code: run("go install example.com/pkg@v1.2.3", "golang:1.22") },
    { name: "DL3062: go install absolute local path", code: run("go install /go/app/foobar", "golang:1.22") },
    { name: "DL3062: go install relative local path", code: run("go install ./app/foobar", "golang:1.22") },
    { name: "DL3062: go install local dir", code: run("go install .", "golang:1.22") },
    { name: "DL3062: go install tool, pinned", code: run("go install tool example.com/foobar@v1.2.3", "golang:1.22") },
    { name: "DL3062: go get pinned", code: run("go get example.com/pkg@v1.2.3", "golang:1.22") },
    { name: "DL3062: go get -tool pinned", code: run("go get -tool example.com/foobar@v1.2.3", "golang:1.22") },
    { name: "DL3062: go run pinned", code: run("go run example.com/pkg@v1.2.3", "golang:1.22") },
    { name: "DL3062: go run pinned, with program flags", code: run("go run example.com/pkg@v1.2.3 -f && go run example.com/pkg@v1.2.3 -foobar && go run example.com/pkg@v1.2.3 --foobar", "golang:1.22") },
    { name: "DL3062: go run pinned, with program arguments", code: run("go run example.com/pkg@v1.2.3 foobar && go run example.com/pkg@v1.2.3 --foo bar", "golang:1.22") },
    { name: "DL3062: go run local paths", code: run("go run /go/app/foobar && go run ./app/foobar && go run .", "golang:1.22") },
    {
      name: "go install without a version builds from go.mod (hadolint reports it)",
      code: run("go install example.com/pkg && go run example.com/pkg", "golang:1.22"),
    },
    { name: "go pseudo-version and commit", code: run("go install example.com/a@v0.0.0-20240101000000-abcdef123456 && go get example.com/b@3f2a1b9c", "golang:1.22") },
    { name: "go -ldflags value is not a package", code: run('go install -ldflags "-s -w" -tags netgo example.com/x@v1.2.3', "golang:1.22") },
    { name: "go build, go mod download and go install tool", code: run("go mod download && go build ./... && go install tool", "golang:1.22") },
    {
      name: "go get of sources copied into GOPATH builds them",
      code: lines("FROM golang:1.9", "COPY . /go/src/github.com/org/tool", "RUN go get -d github.com/org/tool && go install github.com/org/tool"),
    },

    // cargo
    { name: "cargo install crate@version", code: run("cargo install ripgrep@14.1.0", "rust:1.79") },
    { name: "cargo install --version", code: run("cargo install ripgrep --version 14.1.0 && cargo install fd-find --vers 10.1.0", "rust:1.79") },
    { name: "cargo install --path", code: run("cargo install --path . && cargo install --path crates/cli", "rust:1.79") },
    { name: "cargo install --git with --tag or --rev", code: run("cargo install --git https://github.com/org/tool --tag v1.0.0 && cargo install --git https://github.com/org/tool --rev 3f2a1b9 tool", "rust:1.79") },
    { name: "cargo --locked pinned crate and cargo build", code: run("cargo install --locked cargo-chef@0.1.66 && cargo build --release", "rust:1.79") },
    { name: "cargo --version range when ranges are allowed", code: run("cargo install sqlx-cli --version '^0.7'", "rust:1.79") },

    // yum, dnf, microdnf (hadolint DL3033, DL3041)
    { name: "DL3033: yum pinned", code: run("yum install -y tomcat-9.2 && yum clean all", "centos:7") },
    { name: "DL3033: not a yum command", code: run("bash -c `# not even a yum command`", "centos:7") },
    { name: "DL3033: yum version with epoch", code: run("yum install -y openssl-1:1.1.1k", "centos:7") },
    { name: "DL3033: yum package name with -", code: run("yum install -y rpm-sign-4.16.1.3", "centos:7") },
    { name: "DL3033: yum package name with - and +", code: run("yum install -y gcc-c++-1.1.1", "centos:7") },
    { name: "DL3033: yum module with a stream", code: run("yum module install -y tomcat:9 && yum clean all", "centos:7") },
    {
      name: "DL3033: yum version from a shell variable",
      code: run('yum install -y "git-core-${GIT_VER}" "which-${WHICH_VERSION}" "rpm-sign-${VERSION}" tomcat-$VERSION && yum clean all', "centos:7"),
    },
    { name: "DL3041: dnf pinned", code: run("dnf install -y tomcat-9.0.1 && dnf clean all", "fedora:40") },
    { name: "DL3041: microdnf pinned", code: run("microdnf install -y tomcat-9.0.1 && microdnf clean all", "registry.access.redhat.com/ubi9/ubi-minimal:9.4") },
    { name: "DL3041: not dnf, pinned", code: run("notdnf install openssl-1:1.1.1k", "fedora:40") },
    { name: "DL3041: not dnf, unpinned", code: run("notdnf install tomcat && notdnf module install tomcat", "fedora:40") },
    { name: "DL3041: dnf package name with -", code: run("dnf install -y rpm-sign-4.16.1.3 && microdnf install -y rpm-sign-4.16.1.3", "fedora:40") },
    { name: "DL3041: dnf package name with - and +", code: run("dnf install -y gcc-c++-1.1.1 && microdnf install -y gcc-c++-1.1.1", "fedora:40") },
    { name: "DL3041: dnf version with epoch", code: run("dnf install -y openssl-1:1.1.1k && microdnf install -y openssl-1:1.1.1k", "fedora:40") },
    { name: "DL3041: dnf module with a stream", code: run("dnf module install -y tomcat:9 && microdnf module install -y tomcat:9", "fedora:40") },
    { name: "DL3041: dnf version from a shell variable", code: run('dnf install -y "git-core-${GIT_VER}" "rpm-sign-${VERSION}" tomcat-$VERSION && dnf clean all', "fedora:40") },
    { name: "dnf version and release", code: run("dnf install -y tomcat-9.0.39-1.el8 glibc-2.28-251.el8.i686", "fedora:40") },
    { name: "dnf local and remote .rpm files, groups", code: run("dnf install -y /tmp/x.rpm https://example.com/epel-release-latest-8.noarch.rpm @development-tools", "fedora:40") },
    { name: "dnf and yum option values", code: run("dnf install --setopt=tsflags=nodocs -y tomcat-9.0.1 && yum install --enablerepo epel -x kernel* -y tomcat-9.0.1", "fedora:40") },

    // zypper (hadolint DL3037)
    {
      name: "DL3037: zypper version pinning variants",
      code: run("zypper install -y tomcat=9.0.39 tomcat\\>=9.0 tomcat\\>9.0 tomcat\\<=9.0 tomcat\\<9.0 tomcat-9.0.39-1.rpm && zypper clean", "opensuse/leap:15.6"),
    },
    { name: "zypper patterns are not packages", code: run("zypper install -t pattern devel_basis && zypper in pattern:devel_C_C++", "opensuse/leap:15.6") },
    { name: "zypper global options", code: run("zypper --non-interactive install -y --no-recommends 'tomcat>=9' tomcat-9.0.39", "opensuse/leap:15.6") },

    // options
    { name: "managers: only the listed managers are checked", code: run("apt-get install -y curl && apk add git && pip install flask==3.0.3"), options: [{ managers: ["pip"] }] },
    {
      name: "managers as in configs.recommended: OS packages are left alone",
      code: run("apt-get install -y curl && yum install -y tomcat && dnf install -y tomcat && microdnf install tomcat && zypper in tomcat && apk add git"),
      options: [{ managers: ["pip", "npm", "gem", "go", "cargo"] }],
    },
    { name: "allowRanges false: package lists from a file or a variable are unknown", code: run("dnf -y install $(<extra-packages) && pip install ${PKG}", "fedora:40"), options: [STRICT] },
    { name: "allowRanges false: exact pin with a version variable", code: run('pip install "flask==${FLASK_VERSION}" && apk add "curl=$CURL_VERSION"'), options: [STRICT] },
    { name: "allowRanges false still accepts exact pins", code: run("pip install flask==3.0.3 && npm i -g yarn@1.22.22 && gem install rake -v '= 13.2.1' && apk add curl=8.5.0-r0"), options: [STRICT] },

    // real-world shapes
    {
      name: "real world: a heredoc script with pinned installs",
      code: lines("# syntax=docker/dockerfile:1", "FROM python:3.12-slim", "RUN <<EOF", "set -e", "apt-get update", "apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5", "pip install --no-cache-dir gunicorn==22.0.0", "EOF"),
    },
    {
      name: "real world: tailscale pre-builds go.mod dependencies before copying the sources",
      code: lines(
        "FROM golang:1.26-alpine AS build-env",
        "WORKDIR /go/src/tailscale",
        "COPY go.mod go.sum ./",
        "RUN go mod download",
        "RUN go install \\",
        "    github.com/aws/aws-sdk-go-v2/aws \\",
        "    gvisor.dev/gvisor/pkg/tcpip/stack \\",
        "    golang.org/x/crypto/ssh",
        "COPY . .",
      ),
    },
    { name: "PowerShell stages are not read as POSIX shell", code: lines("FROM mcr.microsoft.com/windows/servercore:ltsc2022", 'SHELL ["powershell", "-Command"]', "RUN pip install flask") },
    { name: "exec form with a pinned package", code: lines("FROM debian:12", 'RUN ["apt-get", "install", "-y", "curl=7.88.1-10+deb12u5"]') },
    { name: "ONBUILD RUN pinned", code: lines("FROM node:20", "ONBUILD RUN npm install -g serve@14.2.3") },
  ],

  invalid: [
    // apt-get / apt
    {
      name: "DL3008: apt-get install without versions",
      code: run("apt-get update && apt-get install python"),
      errors: [
        {
          messageId: "unpinnedPackages",
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 38,
          data: { tool: "apt-get", packages: "'python'", hint: "'python=<version>'", pin: ": pin it as 'python=<version>'" },
        },
      ],
    },
    {
      name: "DL3008 in ONBUILD: apt-get install without versions",
      code: lines("FROM debian:12", "ONBUILD RUN apt-get update && apt-get install python"),
      errors: [{ messageId: "unpinnedPackages", line: 2, column: 31, endColumn: 46 }],
    },
    invalid("apt install, one report per unpinned package", run("apt-get install -y curl git=1:2.39.2-1 wget"), [os("apt-get install", ["curl", "wget"])]),
    invalid("apt (not apt-get) install", run("apt install -y --no-install-recommends ca-certificates"), [os("apt install", ["ca-certificates"])]),
    invalid("-t target release value is not a package, the package still needs a version", run("apt-get install -y -t bookworm-backports openjdk-17-jdk"), [os("apt-get install", ["openjdk-17-jdk"])]),
    invalid("-o value is not a package", run("apt-get -o Acquire::Retries=3 install -y curl"), [os("apt-get -o Acquire::Retries=3 install", ["curl"])]),
    invalid("pkg/release names a release, whose version moves", run("apt-get install -y vim/bookworm-backports"), [["vim/bookworm-backports", "moving"]]),
    invalid("sudo and env wrappers", run("sudo apt-get install -y curl && env DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata"), [os("apt-get install", ["curl"]), os("apt-get install", ["tzdata"], undefined, 1)]),
    invalid("apt-get package with an architecture", run("dpkg --add-architecture i386 && apt-get install -y libc6:i386"), [os("apt-get install", ["libc6:i386"], "'libc6:i386=<version>'")]),
    invalid("apt version glob is a range when ranges are not allowed", run("apt-get install -y 'git=1:2.39.*'"), [["'git=1:2.39.*'", "range"]], STRICT),

    // apk
    {
      name: "DL3018: apk add without a version",
      code: run("apk add flex", "alpine:3.20"),
      errors: [{ messageId: "unpinnedPackages", line: 2, column: 5, endColumn: 12, data: { tool: "apk", packages: "'flex'", hint: "'flex=<version>'", pin: ": pin it as 'flex=<version>'" } }],
    },
    invalid("DL3018: apk add, one of several is not pinned", lines("FROM alpine:3.20", "RUN apk add --no-cache \\", "flex=2.6.4-r1 \\", "libffi \\", "python2=2.7.13-r1 \\", "libbz2=1.0.6-r5"), [os("apk add", ["libffi"])]),
    invalid("apk --virtual name is skipped, its packages are checked", run("apk add --no-cache --virtual .build-deps gcc musl-dev=1.2.5-r0", "alpine:3.20"), [os("apk add", ["gcc"])]),
    invalid("apk repository tag picks a repository, not a version", run("apk add --no-cache mkcert@testing", "alpine:3.20"), [os("apk add", ["mkcert@testing"])]),
    invalid("apk fuzzy pin is a range when ranges are not allowed", run("apk add git~2.52 'curl>8'", "alpine:3.20"), [["git~2.52", "range"], ["'curl>8'", "range"]], STRICT),

    // pip
    invalid("DL3013: pip2 not pinned", run("pip2 install MySQL_python"), ["MySQL_python"]),
    invalid("DL3013: pip3 not pinned", run("pip3 install MySQL_python"), ["MySQL_python"]),
    invalid("DL3013: pip not pinned", run("pip install MySQL_python"), ["MySQL_python"]),
    invalid("DL3013: python -m pip not pinned", run("python -m pip install example"), ["example"]),
    invalid("DL3013: python -m pip with --index-url value, not pinned", run("python -m pip install --index-url url example"), ["example"]),
    invalid("DL3013: git URL without a ref", run("pip install git+https://github.com/rtfd/read-ext.git#egg=read-ext"), ["git+https://github.com/rtfd/read-ext.git#egg=read-ext"]),
    invalid("--root-user-action=value form still checks the package (ANCHORS H20)", run("pip install --root-user-action=ignore lib"), ["lib"]),
    invalid("pipx install not pinned (ANCHORS H14)", run("pipx install black"), ["black"]),
    invalid("uv pip install not pinned", run("uv pip install --system ruff"), ["ruff"]),
    invalid("python3.12 -m pip not pinned", run("python3.12 -m pip install -U pip setuptools"), [["pip", "unpinned", 1], "setuptools"]),
    invalid("pip upgrading itself floats too", run("pip install --upgrade pip"), [["pip", "unpinned", 1]]),
    invalid("pip git URL on a branch", run("pip install git+https://github.com/org/lib.git@main#egg=lib"), [["git+https://github.com/org/lib.git@main#egg=lib", "moving"]]),
    invalid("pip archive of a branch", run("pip install https://github.com/getsentry/sentry-nodestore-s3/archive/main.zip"), [["https://github.com/getsentry/sentry-nodestore-s3/archive/main.zip", "moving"]]),
    invalid("pip URL with no version at all (a gap in hadolint, ANCHORS H19)", run("pip install https://example.com/lib.zip"), ["https://example.com/lib.zip"]),
    invalid("pip -e of a VCS URL without a ref", run("pip install -e git+https://github.com/org/lib.git#egg=lib"), ["git+https://github.com/org/lib.git#egg=lib"]),
    invalid("pip extras without a version", run("pip install 'uvicorn[standard]'"), ["'uvicorn[standard]'"]),
    invalid("pip --platform value is not a package", run("pip install --platform manylinux2014_x86_64 --target /out numpy"), ["numpy"]),
    invalid("pipx inject: the environment name is not a package", run("pipx inject poetry poetry-plugin-export"), ["poetry-plugin-export"]),
    invalid("a range written before a variable is still a range", run('pip install "flask>=${FLASK_MIN}"'), [['"flask>=${FLASK_MIN}"', "range"]], STRICT),
    invalid("pip ranges are reported when ranges are not allowed", run("pip install 'alabaster>=0.7' 'six==1.*' 'attrs~=23.2' 'idna>=3,<4'"), [["'alabaster>=0.7'", "range"], ["'six==1.*'", "range"], ["'attrs~=23.2'", "range"], ["'idna>=3,<4'", "range"]], STRICT),
    {
      name: "real world: tensorflow/serving's unquoted >= is a redirection",
      code: lines("FROM ubuntu:22.04", "RUN pip3 --no-cache-dir install \\", "    future>=0.17.1 \\", "    grpcio==1.64.1"),
      errors: [
        {
          messageId: "redirect",
          line: 3,
          column: 5,
          endColumn: 19,
          data: { tool: "pip3", package: "future", operator: ">=0.17.1", op: ">", file: "=0.17.1", hint: "'future==<version>'", pin: ": pin it as 'future==<version>'", version: "" },
        },
      ],
    },
    invalid(
      "real world: jupyter's torch install from an extra index, quoted words",
      lines("FROM quay.io/jupyter/pytorch-notebook:2024-05-27", "RUN pip install -v --no-cache-dir --index-url 'https://download.pytorch.org/whl/cpu' \\", "    'torch' \\", "    'torchvision' && \\", "    fix-permissions \"${CONDA_DIR}\""),
      ["'torch'", "'torchvision'"],
    ),

    // npm, yarn, pnpm
    {
      name: "DL3016: npm install without a version",
      code: run("npm install express", "node:20"),
      errors: [{ messageId: "unpinned", line: 2, column: 17, endColumn: 24, data: { tool: "npm", package: "express", hint: "'express@<version>'", pin: ": pin it as 'express@<version>'", version: "" } }],
    },
    invalid("DL3016: scoped package without a version", run("npm install @myorg/privatepackage", "node:20"), ["@myorg/privatepackage"]),
    invalid("DL3016: one of several packages", run("npm install express sax@0.1.1", "node:20"), ["express"]),
    invalid("DL3016: --global without a version", run("npm install --global express", "node:20"), ["express"]),
    invalid("DL3016: git+ssh without a ref", run("npm install git+ssh://git@github.com:npm/npm.git", "node:20"), ["git+ssh://git@github.com:npm/npm.git"]),
    invalid("DL3016: git+http without a ref", run("npm install git+http://isaacs@github.com/npm/npm", "node:20"), ["git+http://isaacs@github.com/npm/npm"]),
    invalid("DL3016: git+https without a ref", run("npm install git+https://isaacs@github.com/npm/npm.git", "node:20"), ["git+https://isaacs@github.com/npm/npm.git"]),
    invalid("DL3016: git:// without a ref", run("npm install git://github.com/npm/npm.git", "node:20"), ["git://github.com/npm/npm.git"]),
    invalid("DL3016: --registry value is not a package", run("npm install --registry https://example.com express", "node:20"), ["express"]),
    invalid("DL3016: --registry=value form", run("npm install --registry=https://example.com express", "node:20"), ["express"]),
    {
      name: "npm dist-tag latest moves",
      code: run("npm i -g npm@latest", "node:20"),
      errors: [{ messageId: "moving", line: 2, column: 14, endColumn: 24, data: { tool: "npm", package: "npm@latest", version: "latest", hint: "'npm@<version>'", pin: ": pin it as 'npm@<version>'" } }],
    },
    invalid("yarn add and yarn global add", run("yarn add react && yarn global add typescript", "node:20"), ["react", "typescript"]),
    invalid("pnpm add and pnpm install with a package name", run("pnpm add -D vitest && pnpm install lodash && pnpm --filter web add zod", "node:20"), ["vitest", "lodash", "zod"]),
    invalid("npm GitHub shorthand on a branch", run("npm install github:user/repo#main user/other", "node:20"), [["github:user/repo#main", "moving"], "user/other"]),
    invalid("npm ranges are reported when ranges are not allowed", run("npm install express@^4 lodash@4 @types/node@20.x", "node:20"), [["express@^4", "range"], ["lodash@4", "range"], ["@types/node@20.x", "range"]], STRICT),
    invalid("DL3016 spec case: a quoted range is a range when ranges are not allowed", run('npm install @myorg/privatepackage@">=0.1.0"', "node:20"), [['@myorg/privatepackage@">=0.1.0"', "range"]], STRICT),

    // gem
    invalid("DL3028: gem i without a version", run("gem i bundler", "ruby:3.3"), ["bundler"]),
    invalid("DL3028: gem i, one of several", run("gem i bunlder:1 nokogiri", "ruby:3.3"), ["nokogiri"]),
    invalid("DL3028: gem install without a version", run("gem install bundler", "ruby:3.3"), ["bundler"]),
    invalid("real world: grafana/alloy's gem install --no-document fpm", run("gem install --no-document fpm", "ruby:3.3"), ["fpm"]),
    invalid("gem -i, -n and --source values are not gems", run("gem install --source https://rubygems.org -i /opt/gems -n /usr/local/bin rake", "ruby:3.3"), ["rake"]),
    invalid("gem ranges are reported when ranges are not allowed", run("gem install bundler -v '~> 2.5' && gem install 'rake:>= 13'", "ruby:3.3"), [["bundler", "range"], ["'rake:>= 13'", "range"]], STRICT),

    // go
    invalid("DL3062: go install @latest", run("go install example.com/pkg@latest", "golang:1.22"), [["example.com/pkg@latest", "moving"]]),
    invalid("DL3062: go install tool @latest", run("go install tool example.com/foobar@latest", "golang:1.22"), [["example.com/foobar@latest", "moving"]]),
    invalid("DL3062: go get without a version means @upgrade", run("go get example.com/pkg", "golang:1.22"), ["example.com/pkg"]),
    invalid("DL3062: go get @latest", run("go get example.com/pkg@latest", "golang:1.22"), [["example.com/pkg@latest", "moving"]]),
    invalid("DL3062: go get -tool without a version", run("go get -tool example.com/foobar", "golang:1.22"), ["example.com/foobar"]),
    invalid("DL3062: go get -tool @latest", run("go get -tool example.com/foobar@latest", "golang:1.22"), [["example.com/foobar@latest", "moving"]]),
    invalid("DL3062: go run @latest", run("go run example.com/pkg@latest", "golang:1.22"), [["example.com/pkg@latest", "moving"]]),
    invalid("go @none, @upgrade and a branch move", run("go get example.com/a@none example.com/b@upgrade example.com/c@master", "golang:1.22"), [["example.com/a@none", "moving"], ["example.com/b@upgrade", "moving"], ["example.com/c@master", "moving"]]),
    invalid("go -ldflags value is not a package", run('GOBIN=/usr/local/bin go install -ldflags "-X main.v=1" example.com/x@latest', "golang:1.22"), [["example.com/x@latest", "moving"]]),
    invalid("go get -u=patch", run("go get -u=patch golang.org/x/net", "golang:1.22"), ["golang.org/x/net"]),
    invalid("go version query is a range when ranges are not allowed", run("go install example.com/pkg@v1.2 && go get 'example.com/b@<v2'", "golang:1.22"), [["example.com/pkg@v1.2", "range"], ["'example.com/b@<v2'", "range"]], STRICT),

    // cargo
    invalid("cargo install without a version", run("cargo install cargo-watch cargo-edit@0.12.3", "rust:1.79"), ["cargo-watch"]),
    invalid("cargo --root value is not a crate", run("cargo install uefi-run --root /usr", "rust:1.79"), ["uefi-run"]),
    invalid("cargo install --git without a tag or commit", run("cargo install --git https://github.com/org/tool tool", "rust:1.79"), ["https://github.com/org/tool"]),
    invalid("cargo install --git on a branch", run("cargo install --git https://github.com/org/tool --branch main", "rust:1.79"), [["https://github.com/org/tool", "moving"]]),
    invalid("cargo version requirement is a range when ranges are not allowed", run("cargo install sqlx-cli --version '^0.7' && cargo install just@1", "rust:1.79"), [["sqlx-cli", "range"], ["just@1", "range"]], STRICT),

    // yum, dnf, microdnf
    invalid("DL3033: yum install without a version", run("yum install -y tomcat && yum clean all", "centos:7"), [os("yum install", ["tomcat"], "'tomcat-<version>'")]),
    invalid("DL3033: yum module without a stream", run("yum module install -y tomcat && yum clean all", "centos:7"), [os("yum module install", ["tomcat"], "'tomcat:<stream>:<version>'", 0, "yum module")]),
    invalid("DL3041: dnf and microdnf without versions", run("dnf install -y tomcat && microdnf install -y tomcat", "fedora:40"), [os("dnf install", ["tomcat"], "'tomcat-<version>'"), os("microdnf install", ["tomcat"], "'tomcat-<version>'")]),
    invalid("DL3041: package name with -", run("dnf install -y rpm-sign && microdnf install -y rpm-sign", "fedora:40"), [os("dnf install", ["rpm-sign"], "'rpm-sign-<version>'"), os("microdnf install", ["rpm-sign"], "'rpm-sign-<version>'")]),
    invalid("DL3041: modules without a stream", run("dnf module install -y tomcat && microdnf module install -y tomcat", "fedora:40"), [os("dnf module install", ["tomcat"], "'tomcat:<stream>:<version>'", 0, "dnf module"), os("microdnf module install", ["tomcat"], "'tomcat:<stream>:<version>'", 0, "microdnf module")]),
    invalid("a number in the name is not a version", run("dnf install -y gcc-toolset-12 java-11-openjdk xorg-x11-fonts-75dpi", "fedora:40"), [os("dnf install", ["gcc-toolset-12", "java-11-openjdk", "xorg-x11-fonts-75dpi"], "'gcc-toolset-12-<version>'")]),
    invalid("dnf option values are not packages", run("dnf --setopt=install_weak_deps=False --enablerepo crb install -y tomcat", "fedora:40"), [os("dnf --setopt=install_weak_deps=False --enablerepo crb install", ["tomcat"], "'tomcat-<version>'")]),
    invalid("tdnf is dnf", run("tdnf install -y tomcat", "photon:5.0"), [os("tdnf install", ["tomcat"], "'tomcat-<version>'")]),
    invalid("module stream and version globs are ranges when ranges are not allowed", run("dnf module install -y nodejs:20 && dnf install -y 'tomcat-9.*'", "fedora:40"), [["nodejs:20", "range"], ["'tomcat-9.*'", "range"]], STRICT),

    // zypper
    invalid("DL3037: zypper install without a version", run("zypper install -y tomcat && zypper clean", "opensuse/leap:15.6"), [os("zypper install", ["tomcat"])]),
    invalid("zypper in with global options", run("zypper -n --gpg-auto-import-keys in -y --no-recommends tomcat", "opensuse/leap:15.6"), [os("zypper -n --gpg-auto-import-keys in", ["tomcat"])]),
    invalid("zypper ranges are reported when ranges are not allowed", run("zypper install -y tomcat\\>=9.0", "opensuse/leap:15.6"), [["tomcat\\>=9.0", "range"]], STRICT),

    // options
    invalid("managers: the listed manager is checked", run("apt-get install -y curl && pip install flask"), ["flask"], { managers: ["pip"] }),
    invalid("managers as in configs.recommended", run("apt-get install -y curl && npm i -g yarn && cargo install just"), ["yarn", "just"], { managers: ["pip", "npm", "gem", "go", "cargo"] }),

    // real-world shapes
    invalid(
      "multi-stage: each stage's installs are checked",
      lines("FROM python:3.12 AS build", "RUN pip install poetry", "FROM debian:12", "RUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u5 jq"),
      ["poetry", os("apt-get install", ["jq"])],
    ),
    // One report per OS package install, listing the unpinned names.
    invalid("one report per OS install: an official-image install of many packages", run("apt-get update && apt-get install -y --no-install-recommends ca-certificates curl git gnupg2 make xz-utils=5.4.1-0.2 && rm -rf /var/lib/apt/lists/*"), [os("apt-get install", ["ca-certificates", "curl", "git", "gnupg2", "make"])]),
    invalid("one report per OS install: two installs in one RUN get one report each", run("apk add --no-cache bash=5.2.26-r0 curl && apk add --no-cache --virtual .build-deps gcc musl-dev", "alpine:3.20"), [os("apk add", ["curl"]), os("apk add", ["gcc", "musl-dev"], undefined, 1)]),
    invalid("one report per OS install: a glob gets no name=<version> hint, the next pinnable name does", run("apt-get install -y 'libfontconfig*-dev' libpng-dev"), [os("apt-get install", ["libfontconfig*-dev", "libpng-dev"], "'libpng-dev=<version>'")]),
    invalid("one report per OS install: only patterns and capabilities, so no pin to suggest", run("dnf install -y 'dnf-command(config-manager)' 'perl(JSON::PP)'", "fedora:40"), [os("dnf install", ["dnf-command(config-manager)", "perl(JSON::PP)"], null)]),
    invalid("one report per OS install: xx-apt-get, tonistiigi/xx's cross-compiling wrapper", lines("FROM --platform=$BUILDPLATFORM debian:12", "ARG TARGETPLATFORM", "RUN xx-apt-get install -y binutils gcc libc6-dev"), [os("xx-apt-get install", ["binutils", "gcc", "libc6-dev"])]),
    invalid("one report per OS install: xx-apk", run("xx-apk add --no-cache gcc musl-dev", "alpine:3.20"), [os("xx-apk add", ["gcc", "musl-dev"])]),
    invalid("xx-go install of a module at @latest", run("xx-go install github.com/google/addlicense@latest", "golang:1.22"), [["github.com/google/addlicense@latest", "moving"]]),
    invalid("python$VER -m pip, as in images that pick the interpreter by ARG", lines("FROM debian:12", "ARG PYTHON_VERSION=3.12", "RUN python${PYTHON_VERSION} -m pip install --no-cache-dir requests"), ["requests"]),
    invalid("pip$VER install", lines("FROM debian:12", "ARG PY=3", 'RUN "pip${PY}" install flask'), ["flask"]),
    invalid("pip install -r of a requirements file on a branch", run("pip install -r https://raw.githubusercontent.com/org/repo/main/requirements.txt", "python:3.12"), [["https://raw.githubusercontent.com/org/repo/main/requirements.txt", "moving"]]),
    invalid("heredoc script", lines("# syntax=docker/dockerfile:1", "FROM debian:12", "RUN <<EOF", "set -e", "apt-get update", "apt-get install -y curl", "EOF"), [os("apt-get install", ["curl"])]),
    invalid("line continuations", lines("FROM debian:12", "RUN apt-get update \\", "  && apt-get install -y \\", "     curl \\", "     git=1:2.39.2-1 \\", "  && rm -rf /var/lib/apt/lists/*"), [os("apt-get install", ["curl"])]),
    {
      name: "backtick escape and CRLF",
      code: "# escape=`\r\nFROM debian:12\r\nRUN apt-get update `\r\n  && apt-get install -y `\r\n     curl\r\n",
      errors: [{ messageId: "unpinnedPackages", line: 4, column: 6, endLine: 4, endColumn: 21 }],
    },
    invalid("lowercase instruction", lines("from alpine:3.20", "run apk add --no-cache bash"), [os("apk add", ["bash"])]),
    {
      name: "exec form reports the tool's and subcommand's JSON strings",
      code: lines("FROM debian:12", 'RUN ["apt-get", "install", "-y", "curl"]'),
      errors: [{ messageId: "unpinnedPackages", line: 2, column: 6, endColumn: 26, data: { tool: "apt-get", packages: "'curl'", hint: "'curl=<version>'", pin: ": pin it as 'curl=<version>'" } }],
    },
    invalid("exec form running sh -c", lines("FROM python:3.12", 'RUN ["sh", "-c", "pip install flask"]'), ["flask"]),
    invalid("sh -c script", run("sh -c 'npm i -g yarn'", "node:20"), ["yarn"]),
    invalid("install inside if and a subshell", run("if ! command -v xmllint; then apt-get install -y jq; fi && (cd /tmp && pip install httpie)"), [os("apt-get install", ["jq"]), "httpie"]),
    invalid("ONBUILD RUN", lines("FROM node:20", "ONBUILD RUN npm install -g serve"), ["serve"]),
    invalid(
      "RUN with mounts",
      lines("FROM python:3.12", "RUN --mount=type=cache,target=/root/.cache/pip pip install maturin cffi==1.16.0"),
      ["maturin"],
    ),
    invalid(
      "real world: aws-codebuild images upgrade several tools with one pinned",
      run("pip3 install --no-cache-dir --upgrade 'setuptools==62.6.0' aws-sam-cli boto3 \\\n  && npm install --save-dev -g -f grunt grunt-cli", "ubuntu:22.04"),
      ["aws-sam-cli", "boto3", "grunt", "grunt-cli"],
    ),
  ],
});
