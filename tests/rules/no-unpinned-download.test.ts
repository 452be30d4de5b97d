import rule from "../../rules/no-unpinned-download.js";
import { lines, ruleTester } from "../rule-tester.js";

const SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const COMMIT = "8478a990decf0b0bb259ae11c636e66bfeff2433";

ruleTester.run("no-unpinned-download", rule, {
  valid: [
    // Versions in the URL
    { name: "release URL with a version tag", code: lines("FROM alpine:3.20", "RUN curl -fsSLo /usr/local/bin/tini https://github.com/krallin/tini/releases/download/v0.19.0/tini") },
    { name: "version from an ARG default", code: lines("FROM alpine:3.20", "ARG TINI_VERSION=0.19.0", "RUN curl -fsSLo /tini https://github.com/krallin/tini/releases/download/v${TINI_VERSION}/tini") },
    { name: "version from a global ARG redeclared in the stage", code: lines("ARG GO_VERSION=1.22.5", "FROM debian:12", "ARG GO_VERSION", "RUN wget -O go.tgz https://go.dev/dl/go${GO_VERSION}.linux-amd64.tar.gz") },
    { name: "version from an ARG with no default is decided by the build", code: lines("FROM alpine:3.20", "ARG HELM_VERSION", "RUN curl -fsSL https://get.helm.sh/helm-v${HELM_VERSION}-linux-amd64.tar.gz | tar -xz") },
    { name: "version from an ENV of a parent stage", code: lines("FROM debian:12 AS base", "ENV NODE_VERSION=20.11.1", "FROM base", "RUN curl -fsSLO https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-x64.tar.xz") },
    { name: "version from a shell assignment in the same RUN", code: lines("FROM alpine:3.20", "RUN VERSION=2.4.1 && curl -fsSLo tool.tgz https://example.com/releases/download/v$VERSION/tool.tgz") },
    { name: "version from an export in the same RUN", code: lines("FROM alpine:3.20", "RUN export YQ=4.44.1; wget -qO /usr/bin/yq https://github.com/mikefarah/yq/releases/download/v${YQ}/yq_linux_amd64") },
    { name: "an undeclared version-named variable (from the base image or the build) counts as a version", code: lines("FROM alpine:3.20", "RUN curl -fsSLo x.tgz https://example.com/dl/tool-${TOOL_VERSION}.tgz") },
    { name: "architecture from uname does not hide the version", code: lines("FROM alpine:3.20", "RUN curl -fsSLo x.tgz https://example.com/tool-1.4.2-$(uname -m).tgz") },
    { name: "two-part version", code: lines("FROM alpine:3.20", "RUN curl -fsSLo gradle.zip https://services.gradle.org/distributions/gradle-8.5-bin.zip") },
    { name: "date in a directory", code: lines("FROM alpine:3.20", "RUN curl -fsSLo tool.tgz https://example.com/builds/20240101/tool.tgz") },
    { name: "ISO date next to a moving word in the same segment", code: lines("FROM alpine:3.20", "RUN curl -fsSLo tool.tgz https://example.com/builds/tool-nightly-2024-01-01.tgz") },
    { name: "commit in a raw URL", code: lines("FROM alpine:3.20", `RUN curl -fsSL https://raw.githubusercontent.com/org/repo/${COMMIT.slice(0, 12)}/install.sh | sh`) },
    { name: "content digest in the URL", code: lines("FROM alpine:3.20", `RUN curl -fsSLo blob https://registry.example.com/v2/app/blobs/sha256:${SHA}`) },
    { name: "underscore version (boost)", code: lines("FROM alpine:3.20", "RUN wget -q https://archives.boost.io/release/1.84.0/source/boost_1_84_0.tar.gz") },
    { name: "Java update version", code: lines("FROM alpine:3.20", "RUN curl -fsSLo jdk.tgz https://github.com/adoptium/temurin8-binaries/releases/download/jdk8u392-b08/OpenJDK8U-jdk_x64_linux_hotspot_8u392b08.tar.gz") },
    { name: "versioned file in a stable channel directory", code: lines("FROM alpine:3.20", "RUN curl -fsSL https://download.docker.com/linux/static/stable/x86_64/docker-24.0.7.tgz | tar -xz") },
    { name: "versioned asset under releases/latest", code: lines("FROM alpine:3.20", "RUN curl -fsSLo tool.tgz https://github.com/org/tool/releases/latest/download/tool-1.2.3-linux.tgz") },
    { name: "version in the query", code: lines("FROM alpine:3.20", "RUN curl -fsSLo a.tgz 'https://gitlab.com/api/v4/projects/1/repository/archive.tar.gz?sha=v1.2.3'") },
    { name: "pinned install script piped to a shell", code: lines("FROM alpine:3.20", "RUN curl -o- https://raw.githubusercontent.com/nvm-sh/nvm/v0.39.7/install.sh | bash") },

    // Verification in the same RUN
    { name: "moving URL verified with sha256sum -c", code: lines("FROM alpine:3.20", `RUN curl -fsSLo tool.tgz https://example.com/tool/latest/tool.tgz && echo "${SHA}  tool.tgz" | sha256sum -c -`) },
    { name: "unversioned URL verified with shasum -a 256 -c", code: lines("FROM alpine:3.20", `RUN wget -O tool.tgz https://example.com/tool.tgz && echo "${SHA}  tool.tgz" | shasum -a 256 -c`) },
    { name: "sha512sum --check --strict", code: lines("FROM alpine:3.20", "RUN curl -fsSLO https://example.com/tool.tgz && sha512sum --check --strict tool.tgz.sha512") },
    { name: "gpg --batch --verify", code: lines("FROM debian:12", "RUN curl -fsSLo tool.tgz https://example.com/tool.tgz \\", "  && curl -fsSLo tool.tgz.asc https://example.com/tool.tgz.asc \\", "  && gpg --batch --verify tool.tgz.asc tool.tgz") },
    { name: "cosign verify-blob", code: lines("FROM alpine:3.20", "RUN curl -fsSLo tool https://example.com/tool && cosign verify-blob --key cosign.pub --signature tool.sig tool") },
    { name: "minisign -Vm", code: lines("FROM alpine:3.20", "RUN curl -fsSLo mc https://dl.example.com/mc && minisign -Vqm mc -P RWTx5Zr1tiHQLwG9keckT0c45M3AGeHD6IvimQHpyRywVWGbP1aVSGav") },
    { name: "checksum compared in a test", code: lines("FROM alpine:3.20", `RUN curl -fsSLo t.tgz https://example.com/t.tgz && [ "$(sha256sum t.tgz | cut -d' ' -f1)" = "${SHA}" ]`) },
    { name: "checksum grepped from the output", code: lines("FROM alpine:3.20", `RUN curl -fsSLo t.tgz https://example.com/t.tgz && sha256sum t.tgz | grep -q ${SHA}`) },
    { name: "busybox sha256sum -c", code: lines("FROM busybox:1.36", `RUN busybox wget -O t.tgz https://example.com/t.tgz && echo "${SHA}  t.tgz" | busybox sha256sum -c`) },

    // Not downloads, or not a payload
    { name: "signing key piped into gpg --dearmor", code: lines("FROM debian:12", "RUN curl -fsSL https://download.docker.com/linux/debian/gpg | gpg --dearmor -o /etc/apt/keyrings/docker.gpg") },
    { name: "signing key piped into apt-key add", code: lines("FROM debian:12", "RUN wget -qO - https://www.postgresql.org/media/keys/ACCC4CF8.asc | apt-key add -") },
    { name: "signing key saved into a keyring directory", code: lines("FROM debian:12", "RUN curl -fsSLo /usr/share/keyrings/example-archive-keyring.gpg https://example.com/archive-key") },
    { name: "checksum list from a moving URL", code: lines("FROM alpine:3.20", "RUN curl -fsSLO https://example.com/latest/SHA256SUMS") },
    { name: "project KEYS file", code: lines("FROM alpine:3.20", "RUN curl -fsSLo KEYS https://downloads.apache.org/kafka/KEYS") },
    { name: "package repository definition", code: lines("FROM debian:12", "RUN curl -fsSL https://packages.microsoft.com/config/debian/12/prod.list > /etc/apt/sources.list.d/mssql-release.list") },
    { name: "output printed to the build log only", code: lines("FROM alpine:3.20", "RUN curl -fsS https://example.com/health") },
    { name: "output discarded", code: lines("FROM alpine:3.20", "RUN curl -fsSo /dev/null https://example.com/latest && wget -q -O /dev/null https://example.com/") },
    { name: "HEAD request", code: lines("FROM alpine:3.20", "RUN curl -fsSI https://example.com/latest/tool.tgz > headers.txt") },
    { name: "POST request", code: lines("FROM alpine:3.20", "RUN curl -fsS -X POST -d @build.json https://hooks.example.com/notify > out.json") },
    { name: "wget --spider", code: lines("FROM alpine:3.20", "RUN wget --spider https://example.com/latest/tool.tgz") },
    { name: "localhost", code: lines("FROM alpine:3.20", "RUN curl -fsSo /tmp/state http://localhost:8080/latest") },
    { name: "allow option matches the URL", code: lines("FROM alpine:3.20", "RUN curl -fsSL https://artifacts.example.com/tools/install.sh | sh"), options: [{ allow: ["https://artifacts.example.com/**"] }] },
    { name: "allow option matches the clone", code: lines("FROM alpine:3.20", "RUN git clone https://git.example.com/team/configs.git"), options: [{ allow: ["https://git.example.com/team/*"] }] },
    { name: "URL from an ARG with no default cannot be judged", code: lines("FROM alpine:3.20", "ARG TOOL_URL", "RUN curl -fsSL \"$TOOL_URL\" | tar -xz") },
    { name: "path part from an unknown variable cannot be judged", code: lines("FROM alpine:3.20", "ARG TOOL_PATH", "RUN curl -fsSLo t.tgz https://example.com/${TOOL_PATH}") },
    // Windows stages: cmd and PowerShell RUNs
    {
      name: "Windows: a download checked with Get-FileHash in the same RUN (docker-library golang)",
      code: lines(
        "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
        "SHELL [\"powershell\", \"-Command\", \"$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';\"]",
        "ENV GOLANG_SHA256 0d8e9c3a2b1f",
        "RUN Invoke-WebRequest -Uri https://dl.example.com/go/latest/go.windows-amd64.zip -OutFile 'go.zip'; \\",
        "    if ((Get-FileHash go.zip -Algorithm sha256).Hash -ne $env:GOLANG_SHA256) { Write-Host 'FAILED!'; exit 1 }; \\",
        "    Expand-Archive go.zip -DestinationPath C:\\",
      ),
    },
    { name: "Windows: certutil -hashfile checks a cmd download", code: lines("FROM mcr.microsoft.com/windows/servercore:ltsc2022", "RUN curl.exe -fsSLo tool.zip https://example.com/latest/tool.zip && certutil -hashfile tool.zip SHA256 | findstr %TOOL_SHA256%") },
    { name: "Windows: a release URL with a version tag (IIS ServiceMonitor)", code: lines("FROM mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", 'SHELL ["powershell", "-Command"]', "RUN Invoke-WebRequest -Uri https://github.com/microsoft/IIS.ServiceMonitor/releases/download/v2.0.1.10/ServiceMonitor.exe -OutFile C:\\ServiceMonitor.exe") },
    { name: "Windows: a version from an ENV read as $env:NAME", code: lines("FROM mcr.microsoft.com/windows/servercore:ltsc2022", 'SHELL ["powershell", "-Command"]', "ENV NATS_VERSION 2.11.4", 'RUN Invoke-WebRequest -Uri "https://github.com/nats-io/nats-server/releases/download/v${env:NATS_VERSION}/nats.zip" -OutFile nats.zip') },
    { name: "Windows: a version from %NAME% in cmd", code: lines("FROM mcr.microsoft.com/windows/servercore:ltsc2022", "ENV NUGET_VERSION 6.10.0", 'RUN curl -fSLo "%ProgramFiles%\\NuGet\\nuget.exe" https://dist.nuget.org/win-x86-commandline/v%NUGET_VERSION%/nuget.exe') },
    { name: "Windows: a URL built by PowerShell's -f operator is decided at build time", code: lines("FROM mcr.microsoft.com/windows/servercore:ltsc2022", 'SHELL ["powershell", "-Command"]', "RUN $url = ('https://nodejs.org/dist/latest/node-v{0}-win-x64.zip' -f $env:NODE_VERSION); Invoke-WebRequest -Uri $url -OutFile node.zip; Invoke-WebRequest $('https://example.com/latest/{0}.zip' -f $env:V) -OutFile v.zip") },
    { name: "Windows: only printed to the build log, or a POST", code: lines("FROM mcr.microsoft.com/windows/servercore:ltsc2022", 'SHELL ["powershell", "-Command"]', "RUN Invoke-WebRequest https://example.com/latest/status -UseBasicParsing; Invoke-WebRequest -Uri https://hooks.example.com/latest -Method POST -Body '{}' -OutFile r.json; curl.exe -fsS https://example.com/latest/ping") },
    { name: "Windows: a clone of a tag, and a clone checked out to a tag in the same RUN", code: lines("FROM mcr.microsoft.com/windows/servercore:ltsc2022", 'SHELL ["powershell", "-Command"]', "RUN git clone -b v1.15.0 https://github.com/libuv/libuv; git clone https://github.com/org/tool; cd tool; git checkout v2.3.1") },
    {
      name: "Windows: no SHELL, a base image whose shell is PowerShell: the branch comes from an ARG (StefanScherer libuv)",
      code: lines("FROM stefanscherer/node-windows:8.6.0-build-tools", "ARG branch=v1.15.0", "ARG org=libuv", "RUN git clone -b $env:branch https://github.com/$env:org/libuv"),
    },
    { name: "Windows: exec form runs the program itself", code: lines("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022", 'RUN ["curl.exe", "-fsSLo", "C:\\\\tini.exe", "https://github.com/org/tini/releases/download/v0.19.0/tini.exe"]') },
    { name: "exec form with a pinned URL", code: lines("FROM alpine:3.20", 'RUN ["curl", "-fsSLo", "/tini", "https://github.com/krallin/tini/releases/download/v0.19.0/tini"]') },

    // git clone
    { name: "clone of a tag", code: lines("FROM alpine:3.20", "RUN git clone --depth 1 --branch v1.2.3 https://github.com/org/repo.git") },
    { name: "clone of a tag with --branch=", code: lines("FROM alpine:3.20", "RUN git clone --depth=1 --branch=1.4 https://github.com/org/repo.git /src") },
    { name: "clone of a tag from an ARG", code: lines("FROM alpine:3.20", "ARG PGVECTOR_VERSION=v0.7.4", "RUN git clone --branch ${PGVECTOR_VERSION} https://github.com/pgvector/pgvector.git /build/pgvector") },
    { name: "clone of an ARG ref with no default", code: lines("FROM alpine:3.20", "ARG REF", "RUN git clone -b \"$REF\" https://github.com/org/repo.git") },
    { name: "clone then checkout of a commit after cd", code: lines("FROM alpine:3.20", `RUN git clone https://github.com/tailscale/QDK.git && cd /QDK && git reset --hard ${COMMIT}`) },
    { name: "clone then checkout of a tag with -C", code: lines("FROM alpine:3.20", "RUN git clone https://github.com/org/tool.git /opt/tool && git -C /opt/tool checkout -q v2.1.0") },
    { name: "clone then checkout tags/…", code: lines("FROM alpine:3.20", "RUN git clone https://github.com/org/tool.git && cd tool && git checkout tags/release") },
    { name: "clone then fetch a commit and check out FETCH_HEAD", code: lines("FROM alpine:3.20", `RUN git clone --depth 1 https://github.com/org/tool.git && cd tool && git fetch --depth 1 origin ${COMMIT} && git checkout FETCH_HEAD`) },
    { name: "clone then switch --detach to a tag", code: lines("FROM alpine:3.20", "RUN git clone https://github.com/org/tool.git && git -C tool switch --detach v3.0.0") },
    { name: "clone with --revision", code: lines("FROM alpine:3.20", `RUN git clone --revision=${COMMIT} https://github.com/org/tool.git`) },
    { name: "clone and checkout in a heredoc", code: lines("FROM alpine:3.20", "RUN <<EOF", "set -e", "git clone https://github.com/org/tool.git /src", "cd /src", "git checkout v1.0.0", "EOF") },

    // Real-world shapes
    {
      name: "real world: docker-library node downloads a versioned tarball and checks it with gpg and sha256sum",
      code: lines(
        "FROM buildpack-deps:bookworm",
        "ENV NODE_VERSION 20.11.1",
        "RUN ARCH= && dpkgArch=\"$(dpkg --print-architecture)\" \\",
        "  && case \"${dpkgArch##*-}\" in amd64) ARCH='x64';; arm64) ARCH='arm64';; esac \\",
        "  && curl -fsSLO --compressed \"https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-$ARCH.tar.xz\" \\",
        "  && curl -fsSLO --compressed \"https://nodejs.org/dist/v$NODE_VERSION/SHASUMS256.txt.asc\" \\",
        "  && gpg --batch --decrypt --output SHASUMS256.txt SHASUMS256.txt.asc \\",
        "  && grep \" node-v$NODE_VERSION-linux-$ARCH.tar.xz\\$\" SHASUMS256.txt | sha256sum -c - \\",
        "  && tar -xJf \"node-v$NODE_VERSION-linux-$ARCH.tar.xz\" -C /usr/local --strip-components=1",
      ),
    },
    {
      name: "real world: docker-library python fetches a versioned tarball and checks its sha256",
      code: lines(
        "FROM debian:bookworm-slim",
        "ENV PYTHON_VERSION 3.12.4",
        `ENV PYTHON_SHA256 ${SHA}`,
        "RUN set -eux; \\",
        "\twget -O python.tar.xz \"https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz\"; \\",
        "\techo \"$PYTHON_SHA256 *python.tar.xz\" | sha256sum -c -; \\",
        "\ttar --extract --directory /usr/src/python --strip-components=1 --file python.tar.xz",
      ),
    },
  ],
  invalid: [
    {
      name: "install script piped to sh",
      code: lines("FROM alpine:3.20", "RUN curl -fsSL https://get.docker.com | sh"),
      errors: [{ messageId: "unversionedUrl", line: 2, column: 16, endLine: 2, endColumn: 38 }],
    },
    {
      name: "releases/latest download saved to a file",
      code: lines("FROM alpine:3.20", "RUN curl -fsSLo /usr/local/bin/eksctl https://github.com/org/eksctl/releases/latest/download/eksctl_Linux_amd64"),
      errors: [{ messageId: "movingUrl", line: 2, column: 39, endColumn: 112, data: { url: "https://github.com/org…ad/eksctl_Linux_amd64", word: "latest", piped: "" } }],
    },
    {
      name: "master branch install script piped to bash",
      code: lines("FROM debian:12", "RUN curl -s -S -L https://raw.githubusercontent.com/pyenv/pyenv-installer/master/bin/pyenv-installer | bash"),
      errors: [{ messageId: "movingUrl", column: 19, data: { url: "https://raw.gith…pyenv-installer", word: "master", piped: ", and 'bash' runs it unchecked" } }],
    },
    {
      name: "wget -O- piped to tar",
      code: lines("FROM alpine:3.20", "RUN wget -qO- https://example.com/downloads/tool.tar.gz | tar -xz -C /opt"),
      errors: [{ messageId: "unversionedUrl", column: 15, endColumn: 56 }],
    },
    {
      name: "a streamed download is not covered by a verification of another file",
      code: lines("FROM alpine:3.20", `RUN curl -fsSLo a.tgz https://example.com/a-1.2.3.tgz && echo "${SHA}  a.tgz" | sha256sum -c - && curl -fsSL https://get.example.com/ | sh`),
      errors: [{ messageId: "unversionedUrl", column: 168, endColumn: 192 }],
    },
    {
      name: "moving channel from an ARG default",
      code: lines("FROM alpine:3.20", "ARG CHANNEL=stable", "RUN curl -fsSLo tool.tgz https://example.com/${CHANNEL}/tool.tgz"),
      errors: [{ messageId: "movingUrl", line: 3, column: 26, endColumn: 65, data: { url: "https://example.com/stable/tool.tgz", word: "stable", piped: "" } }],
    },
    {
      name: "global ARG default seen through a redeclaration in the stage",
      code: lines("ARG RCLONE_VERSION=current", "FROM alpine:3.20", "ARG RCLONE_VERSION", "RUN curl -fLo /tmp/rclone.zip https://downloads.rclone.org/rclone-${RCLONE_VERSION}-linux-$(dpkg --print-architecture).zip"),
      errors: [{ messageId: "movingUrl", line: 4, data: { url: "https://downloads.rclo…e-current-linux-….zip", word: "current", piped: "" } }],
    },
    {
      name: "ENV built from an ARG default of latest",
      code: lines("FROM alpine:3.20", "ARG TOOL_VERSION=latest", "ENV TOOL_URL=https://example.com/tool/${TOOL_VERSION}/tool.tgz", "RUN curl -fsSL \"$TOOL_URL\" | tar -xz"),
      errors: [{ messageId: "movingUrl", line: 4, column: 16, endColumn: 27 }],
    },
    {
      name: "latest release looked up through the GitHub API",
      code: lines("FROM alpine:3.20", "RUN VERSION=$(curl -s https://api.github.com/repos/org/tool/releases/latest | jq -r .tag_name) \\", "  && curl -fsSLo tool.tgz https://github.com/org/tool/releases/download/${VERSION}/tool.tgz"),
      errors: [{ messageId: "movingUrl", line: 2, column: 23, endColumn: 76 }],
    },
    {
      name: "kubectl stable.txt lookup is reported once, on the lookup",
      code: lines("FROM alpine:3.20", "RUN curl -LO \"https://dl.k8s.io/release/$(curl -L -s https://dl.k8s.io/release/stable.txt)/bin/linux/amd64/kubectl\""),
      errors: [{ messageId: "movingUrl", line: 2, column: 54, endColumn: 90 }],
    },
    {
      name: "moving word in the query",
      code: lines("FROM alpine:3.20", "RUN wget -O /tmp/firefox.tar.bz2 \"https://download.mozilla.org/?product=firefox-latest&os=linux64\""),
      errors: [{ messageId: "movingUrl", column: 34, endColumn: 99 }],
    },
    {
      name: "GitHub archive of a branch",
      code: lines("FROM alpine:3.20", "RUN curl -fsSLo novnc.zip https://github.com/novnc/noVNC/archive/refs/heads/master.zip"),
      errors: [{ messageId: "movingUrl", column: 27 }],
    },
    {
      name: "HEAD in a GitLab raw URL",
      code: lines("FROM alpine:3.20", "RUN curl -fsSL https://gitlab.com/org/repo/-/raw/HEAD/install.sh | sh -s -- -y"),
      errors: [{ messageId: "movingUrl", column: 16 }],
    },
    {
      name: "SNAPSHOT moves even with a version next to it",
      code: lines("FROM eclipse-temurin:21", "RUN curl -fsSLo app.jar https://repo.example.com/app/1.0-SNAPSHOT/app-1.0-SNAPSHOT.jar"),
      errors: [{ messageId: "movingUrl", column: 25 }],
    },
    {
      name: "a major version alone is not a version (nodesource setup)",
      code: lines("FROM debian:12", "RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -"),
      errors: [{ messageId: "unversionedUrl", column: 16, endColumn: 53 }],
    },
    {
      name: "composer installer piped to php",
      code: lines("FROM php:8.3-cli", "RUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/bin --filename=composer"),
      errors: [{ messageId: "unversionedUrl", column: 14 }],
    },
    {
      name: "download saved but never verified",
      code: lines("FROM amazonlinux:2023", "RUN curl https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip -o /tmp/awscliv2.zip && unzip /tmp/awscliv2.zip"),
      errors: [{ messageId: "unversionedUrl", column: 10 }],
    },
    {
      name: "wget saving a file by default",
      code: lines("FROM alpine:3.20", "RUN wget -q https://s3.amazonaws.com/amazon-ssm-us-east-1/latest/debian_amd64/amazon-ssm-agent.deb"),
      errors: [{ messageId: "movingUrl", column: 13, data: { url: "https://s3.amazonaws.c…/amazon-ssm-agent.deb", word: "latest", piped: "" } }],
    },
    {
      name: "curl --url",
      code: lines("FROM alpine:3.20", "RUN curl -fsSL --url https://example.com/nightly/tool.tgz -o tool.tgz"),
      errors: [{ messageId: "movingUrl", column: 22 }],
    },
    {
      name: "busybox wget",
      code: lines("FROM busybox:1.36", "RUN busybox wget -O - https://example.com/install.sh | sh"),
      errors: [{ messageId: "unversionedUrl", column: 23 }],
    },
    {
      name: "curl behind wrappers, after commands the rule does not read (sudo -E, env)",
      code: lines("FROM debian:12", "RUN set -eux; mkdir -p /opt; sudo -E env A=1 curl -fsSL https://example.com/install.sh | sh"),
      errors: [{ messageId: "unversionedUrl", column: 57 }],
    },
    {
      name: "sudo and an interpreter reading stdin",
      code: lines("FROM python:3.12-slim", "RUN curl -fsSL https://bootstrap.pypa.io/get-pip.py | sudo -E python3 -"),
      errors: [{ messageId: "unversionedUrl", column: 16 }],
    },
    {
      name: "download inside sh -c",
      code: lines("FROM alpine:3.20", "RUN sh -c 'curl -fsSL https://sh.rustup.rs | sh -s -- -y'"),
      errors: [{ messageId: "unversionedUrl", line: 2, column: 23, endColumn: 43 }],
    },
    {
      name: "oh-my-zsh style command substitution run by a shell",
      code: lines("FROM debian:12", "RUN sh -c \"$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)\""),
      errors: [{ messageId: "movingUrl", column: 25 }],
    },
    {
      name: "a download that only the next RUN verifies",
      code: lines("FROM alpine:3.20", "RUN curl -fsSLo /go/bin/mc https://dl.example.com/client/mc/release/linux-amd64/mc", "RUN minisign -Vm /go/bin/mc -P RWTx5Zr1tiHQLwG9keckT0c45M3AGeHD6IvimQHpyRywVWGbP1aVSGav"),
      errors: [{ messageId: "unversionedUrl", line: 2 }],
    },
    {
      name: "allow does not match other URLs",
      code: lines("FROM alpine:3.20", "RUN curl -fsSL https://get.example.com/install.sh | sh"),
      options: [{ allow: ["https://artifacts.example.com/**"] }],
      errors: [{ messageId: "unversionedUrl" }],
    },

    // git clone
    {
      name: "clone of the default branch",
      code: lines("FROM alpine:3.20", "RUN git clone https://github.com/org/repo.git /src"),
      errors: [{ messageId: "unpinnedClone", line: 2, column: 15, endColumn: 46, data: { url: "https://github.com/org/repo.git", branch: "the default branch" } }],
    },
    {
      name: "clone of --branch main",
      code: lines("FROM alpine:3.20", "RUN git clone -b main --depth=1 https://github.com/bytecodealliance/wasm-micro-runtime.git"),
      errors: [{ messageId: "unpinnedClone", column: 33, endColumn: 91, data: { url: "https://github.com…micro-runtime.git", branch: "the branch 'main'" } }],
    },
    {
      name: "clone of a branch from an ARG default",
      code: lines("FROM alpine:3.20", "ARG REF=main", "RUN git clone --depth=1 https://github.com/etcd-io/etcd.git --branch=${REF} /etcd"),
      errors: [{ messageId: "unpinnedClone", line: 3, column: 25, data: { url: "https://github.com/etcd-io/etcd.git", branch: "the branch 'main'" } }],
    },
    {
      name: "release branch named after a version line: --branch 3.20-stable moves",
      code: lines("FROM alpine:3.20", "RUN git clone --depth 1 --branch 3.20-stable https://gitlab.alpinelinux.org/alpine/aports.git"),
      errors: [{ messageId: "unpinnedClone", data: { url: "https://gitlab.alp…alpine/aports.git", branch: "the branch '3.20-stable'" } }],
    },
    {
      name: "release branch named after a version line: stable-2.3",
      code: lines("FROM debian:12", "RUN git clone -b stable-2.3 https://github.com/org/tool.git /src"),
      errors: [{ messageId: "unpinnedClone", data: { url: "https://github.com/org/tool.git", branch: "the branch 'stable-2.3'" } }],
    },
    {
      name: "a release branch that is not version-like",
      code: lines("FROM drupal:10", "RUN git clone --branch 8.x-4.x --single-branch --depth 1 https://git.drupalcode.org/project/bootstrap.git"),
      errors: [{ messageId: "unpinnedClone", data: { url: "https://git.drupal…ect/bootstrap.git", branch: "the branch '8.x-4.x'" } }],
    },
    {
      name: "clone then checkout of a branch",
      code: lines("FROM alpine:3.20", "RUN git clone https://github.com/org/tool.git && cd tool && git checkout develop"),
      errors: [{ messageId: "unpinnedClone" }],
    },
    {
      name: "reset --hard to a remote branch",
      code: lines("FROM alpine:3.20", "RUN git clone https://github.com/org/tool.git && cd tool && git reset --hard origin/main"),
      errors: [{ messageId: "unpinnedClone" }],
    },
    {
      name: "checkout of the latest tag found at build time",
      code: lines("FROM alpine:3.20", "RUN git clone https://github.com/org/tool.git && cd tool && git checkout $(git describe --tags $(git rev-list --tags --max-count=1))"),
      errors: [{ messageId: "unpinnedClone" }],
    },
    {
      name: "checkout in a later RUN does not pin the clone's layer",
      code: lines("FROM alpine:3.20", "RUN git clone https://github.com/zulip/zulip.git zulip", "WORKDIR /zulip", "RUN git checkout 9.2"),
      errors: [{ messageId: "unpinnedClone", line: 2 }],
    },
    {
      name: "checkout pins only the clone in its directory",
      code: lines("FROM alpine:3.20", "RUN git clone https://github.com/a/one.git && git clone https://github.com/a/two.git && cd one && git checkout v1.0.0"),
      errors: [{ messageId: "unpinnedClone", column: 57, endColumn: 85, data: { url: "https://github.com/a/two.git", branch: "the default branch" } }],
    },
    {
      name: "repository from an ARG with no default still floats",
      code: lines("FROM alpine:3.20", "ARG REPO_URL", "RUN git clone --recursive $REPO_URL /serve"),
      errors: [{ messageId: "unpinnedClone", line: 3, column: 27, endColumn: 36, data: { url: "…", branch: "the default branch" } }],
    },
    {
      name: "sudo -u wrapper",
      code: lines("FROM debian:12", "RUN sudo -u app git clone --filter=tree:0 https://github.com/discourse/discourse.git /var/www/discourse"),
      errors: [{ messageId: "unpinnedClone", column: 43 }],
    },

    // Dockerfile shapes
    {
      name: "line continuations",
      code: lines("FROM debian:12", "RUN apt-get update \\", "  && curl -fsSL \\", "     https://get.example.com/install.sh \\", "     | bash"),
      errors: [{ messageId: "unversionedUrl", line: 4, column: 6, endLine: 4, endColumn: 40 }],
    },
    {
      name: "heredoc script",
      code: lines("FROM alpine:3.20", "RUN <<EOF", "set -eux", "curl -fsSL https://get.example.com/install.sh | sh", "EOF"),
      errors: [{ messageId: "unversionedUrl", line: 4, column: 12, endColumn: 46 }],
    },
    {
      name: "backtick escape and CRLF",
      code: "# escape=`\r\nFROM alpine:3.20\r\nRUN curl -fsSL `\r\n  https://get.example.com/install.sh | sh\r\n",
      errors: [{ messageId: "unversionedUrl", line: 4, column: 3, endColumn: 37 }],
    },
    {
      name: "lowercase instruction",
      code: lines("from alpine:3.20", "run curl -fsSL https://get.example.com/install.sh | sh"),
      errors: [{ messageId: "unversionedUrl", line: 2, column: 16 }],
    },
    {
      name: "exec form",
      code: lines("FROM alpine:3.20", 'RUN ["curl", "-fsSLo", "/tmp/install.sh", "https://get.example.com/install.sh"]'),
      errors: [{ messageId: "unversionedUrl", line: 2, column: 43, endColumn: 79 }],
    },
    {
      name: "ONBUILD RUN",
      code: lines("FROM alpine:3.20", "ONBUILD RUN curl -fsSL https://get.example.com/install.sh | sh"),
      errors: [{ messageId: "unversionedUrl", line: 2, column: 24 }],
    },
    {
      name: "multi-stage: each stage's ARG scope",
      code: lines(
        "FROM golang:1.22 AS build",
        "ARG CHANNEL=stable",
        "RUN curl -fsSLo /tmp/t.tgz https://example.com/${CHANNEL}/t.tgz",
        "FROM alpine:3.20",
        "RUN curl -fsSLo /tmp/t.tgz https://example.com/${CHANNEL}/t.tgz",
      ),
      errors: [{ messageId: "movingUrl", line: 3 }],
    },

    // Windows stages: cmd and PowerShell RUNs
    {
      name: "Windows: curl.exe to a moving URL in a PowerShell stage",
      code: lines("FROM mcr.microsoft.com/windows/servercore:ltsc2022", 'SHELL ["powershell", "-Command"]', "RUN curl.exe -o tool.zip https://example.com/latest/tool.zip"),
      errors: [{ messageId: "movingUrl", line: 3, column: 26, endColumn: 61, data: { url: "https://example.com/latest/tool.zip", word: "latest", piped: "" } }],
    },
    {
      name: "real world: curl in cmd fetches the stable channel of the Visual Studio installer (dotnet-framework-docker sdk)",
      code: lines(
        "# escape=`",
        "FROM mcr.microsoft.com/dotnet/framework/runtime:4.8-windowsservercore-ltsc2019",
        "RUN curl -fSLo vs_BuildTools.exe https://aka.ms/vs/stable/vs_BuildTools.exe `",
        "    && start /w vs_BuildTools ^ `",
        '        --installPath "%ProgramFiles(x86)%\\Microsoft Visual Studio\\18\\BuildTools" ^ `',
        "        --add Microsoft.Net.Component.4.8.SDK `",
        "    && del vs_BuildTools.exe",
      ),
      errors: [{ messageId: "movingUrl", line: 3, column: 34, endColumn: 76, data: { url: "https://aka.ms/vs/stable/vs_BuildTools.exe", word: "stable", piped: "" } }],
    },
    {
      name: "real world: Chocolatey's installer run by iex from powershell -Command in a cmd stage (fluentd)",
      code: lines(
        "FROM mcr.microsoft.com/windows/servercore:ltsc2019",
        "RUN powershell -Command \"Set-ExecutionPolicy Bypass -Scope Process -Force; iex ((New-Object System.Net.WebClient).DownloadString('https://chocolatey.org/install.ps1'))\"",
      ),
      errors: [{ messageId: "unversionedUrl", line: 2, column: 130, endColumn: 166, data: { url: "https://chocolat…org/install.ps1", word: "", piped: ", and 'iex' runs it unchecked" } }],
    },
    {
      name: "Windows: Invoke-WebRequest piped into Invoke-Expression, and a .DownloadFile of a moving URL",
      code: lines(
        "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
        'SHELL ["powershell", "-Command"]',
        "RUN Invoke-WebRequest -Uri 'https://get.example.com/install.ps1' -UseBasicParsing | Invoke-Expression",
        "RUN (New-Object System.Net.WebClient).DownloadFile('https://cdn.example.com/nightly/tool.zip', 'tool.zip')",
      ),
      errors: [
        { messageId: "unversionedUrl", line: 3, column: 28, endColumn: 65, data: { url: "https://get.exam…com/install.ps1", word: "", piped: ", and 'iex' runs it unchecked" } },
        { messageId: "movingUrl", line: 4, column: 52, endColumn: 94, data: { url: "https://cdn.example.com/nightly/tool.zip", word: "nightly", piped: "" } },
      ],
    },
    {
      name: "Windows: the moving word from an ARG read as $env:NAME, in exec form and in the Windows PowerShell curl alias",
      code: lines(
        "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
        "ARG CHANNEL=stable",
        'RUN ["powershell", "-Command", "Invoke-WebRequest -Uri https://example.com/$env:CHANNEL/tool.zip -OutFile tool.zip"]',
        'SHELL ["powershell", "-Command"]',
        "RUN curl -Uri https://example.com/${env:CHANNEL}/cli.zip -OutFile cli.zip; Start-BitsTransfer -Source https://example.com/latest/agent.msi -Destination agent.msi",
      ),
      errors: [
        { messageId: "movingUrl", line: 3, data: { url: "https://example.com/stable/tool.zip", word: "stable", piped: "" } },
        { messageId: "movingUrl", line: 5, data: { url: "https://example.com/stable/cli.zip", word: "stable", piped: "" } },
        { messageId: "movingUrl", line: 5, data: { url: "https://example.com/latest/agent.msi", word: "latest", piped: "" } },
      ],
    },
    {
      name: "real world: git clone without a ref in a PowerShell stage; a checkout in a later RUN does not count (StefanScherer swarm)",
      code: lines(
        "FROM golang:1.22-windowsservercore-ltsc2022",
        "SHELL [\"powershell\", \"-Command\", \"$ErrorActionPreference = 'Stop';\"]",
        "WORKDIR /go/src/github.com/docker",
        "RUN git clone https://github.com/docker/swarm",
        "WORKDIR /go/src/github.com/docker/swarm",
        "RUN git checkout $env:SWARM_VERSION",
      ),
      errors: [{ messageId: "unpinnedClone", line: 4, column: 15, endColumn: 46, data: { url: "https://github.com/docker/swarm", branch: "the default branch" } }],
    },
    {
      name: "real world: a clone checked out to an ENV that names a branch (StefanScherer registry)",
      code: lines(
        "FROM golang as build",
        "SHELL [\"powershell\", \"-Command\", \"$ErrorActionPreference = 'Stop';\"]",
        "ENV DISTRIBUTION_VERSION main",
        "RUN cd src\\github.com\\distribution ; \\",
        "    git clone -q https://github.com/distribution/distribution ; \\",
        "    cd distribution ; \\",
        "    git checkout -q $env:DISTRIBUTION_VERSION",
      ),
      errors: [{ messageId: "unpinnedClone", line: 5, data: { url: "https://github.com…tion/distribution", branch: "the default branch" } }],
    },
    {
      name: "Windows: cmd's %NAME% and git.exe with a branch",
      code: lines("FROM mcr.microsoft.com/windows/servercore:ltsc2022", "ARG CHANNEL=edge", "RUN curl.exe -fsSLo tool.zip https://example.com/%CHANNEL%/tool.zip && git.exe clone -b main https://github.com/org/repo.git"),
      errors: [
        { messageId: "movingUrl", line: 3, data: { url: "https://example.com/edge/tool.zip", word: "edge", piped: "" } },
        { messageId: "unpinnedClone", line: 3, data: { url: "https://github.com/org/repo.git", branch: "the branch 'main'" } },
      ],
    },
  ],
});
