import { describe, expect, it } from "vitest";
import {
  classifyRef,
  classifyUrl,
  hasVersionToken,
  markSubstitutions,
  markVariable,
  NEUTRAL_MARK,
  resolveWithMarkers,
  UNKNOWN_MARK,
  VERSION_MARK,
} from "../lib/packages/remote-pins.js";

describe("hasVersionToken", () => {
  it.each([
    ["v1.2.3", true],
    ["1.2", true],
    ["go1.22.5.linux-amd64.tar.gz", true],
    ["Python-3.12.0rc1.tgz", true],
    ["20240101", true],
    ["2024-01-01", true],
    ["a1b2c3d", true],
    ["8478a990decf0b0bb259ae11c636e66bfeff2433", true],
    [`sha256:${"ab".repeat(32)}`, true],
    ["boost_1_84_0.tar.gz", true],
    ["OpenJDK8U-jdk_x64_linux_hotspot_8u392b08.tar.gz", true],
    ["android-ndk-r26b-linux.zip", true],
    [`tool-${VERSION_MARK}.tgz`, true],
    ["v2", false],
    ["setup_20.x", false],
    ["x86_64", false],
    ["amd64", false],
    ["deadbeef", false],
    ["a1b2c3", false],
    ["python3", false],
    ["a".repeat(20) + "1".repeat(30), false],
    [`tool-${UNKNOWN_MARK}.tgz`, false],
  ])("%s → %s", (text, expected) => {
    expect(hasVersionToken(text)).toBe(expected);
  });
});

describe("classifyUrl", () => {
  it.each([
    ["https://github.com/krallin/tini/releases/download/v0.19.0/tini", "pinned"],
    ["https://download.docker.com/linux/static/stable/x86_64/docker-24.0.7.tgz", "pinned"],
    ["https://github.com/org/tool/releases/latest/download/tool-1.2.3.tgz", "pinned"],
    ["https://example.com/builds/tool-nightly-2024-01-01.tgz", "pinned"],
    ["https://gitlab.com/api/v4/projects/1/repository/archive.tar.gz?sha=v1.2.3", "pinned"],
    ["https://github.com/org/tool/releases/latest/download/tool", "moving"],
    ["https://raw.githubusercontent.com/org/repo/master/install.sh", "moving"],
    ["https://github.com/org/repo/archive/refs/heads/main.tar.gz", "moving"],
    ["https://gitlab.com/org/repo/-/raw/HEAD/install.sh", "moving"],
    ["https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb", "moving"],
    ["https://repo.example.com/app/1.0-SNAPSHOT/app-1.0-SNAPSHOT.jar", "moving"],
    ["https://download.mozilla.org/?product=firefox-latest&os=linux64", "moving"],
    ["https://example.com/download/1.2.3/tool.tgz?channel=stable", "moving"],
    ["https://nodejs.org/dist/latest-v20.x/", "moving"],
    ["https://git.alpinelinux.org/aports/snapshot/aports-3.20-stable.tar.gz", "moving"],
    ["https://dl.fedoraproject.org/pub/epel/epel-release-latest-9.noarch.rpm", "moving"],
    ["https://example.com/builds/tool-1.2.3-stable.tgz", "pinned"],
    ["https://get.docker.com", "unversioned"],
    ["https://get.docker.com/", "unversioned"],
    ["https://deb.nodesource.com/setup_20.x", "unversioned"],
    ["https://example.com/main.js", "unversioned"],
    ["https://example.com/app/mainline.tgz", "unversioned"],
    ["https://v1.2.3.example.com/install.sh", "unversioned"],
    [`https://example.com/tool-${NEUTRAL_MARK}`, "unversioned"],
    [`https://example.com/${UNKNOWN_MARK}/tool`, "unknown"],
    [`https://example.com/master/${UNKNOWN_MARK}/tool`, "unknown"],
    ["not a url", "unknown"],
  ])("%s → %s", (url, kind) => {
    expect(classifyUrl(url).kind).toBe(kind);
  });

  it("names the moving word as written", () => {
    expect(classifyUrl("https://gitlab.com/org/repo/-/raw/HEAD/install.sh")).toEqual({ kind: "moving", word: "HEAD" });
    expect(classifyUrl("https://repo.example.com/app-1.0-SNAPSHOT.jar")).toEqual({ kind: "moving", word: "SNAPSHOT" });
  });
});

describe("classifyRef", () => {
  it.each([
    ["v1.2.3", "tag"],
    ["1.2", "tag"],
    ["release-1.4", "tag"],
    ["20240101", "commit"],
    ["2024-01-01", "tag"],
    ["a1b2c3d", "commit"],
    ["8478a990decf0b0bb259ae11c636e66bfeff2433", "commit"],
    ["refs/tags/stable", "tag"],
    ["3.20-stable", "branch"],
    ["stable-2.3", "branch"],
    ["3.24-stable", "branch"],
    ["v2-latest", "branch"],
    ["v1.2.3-stable", "tag"],
    ["nightly-2024-01-01", "tag"],
    ["tags/anything", "tag"],
    ["main", "branch"],
    ["master", "branch"],
    ["HEAD", "branch"],
    ["develop", "branch"],
    ["trunk", "branch"],
    ["feature-x", "branch"],
    ["v2", "branch"],
    ["8.x-4.x", "branch"],
    ["refs/heads/v1.2.3", "branch"],
    ["origin/main", "branch"],
    ["pull/42/head", "branch"],
    ["1.0-SNAPSHOT", "branch"],
    ["", "branch"],
    [VERSION_MARK, "tag"],
    [UNKNOWN_MARK, "unknown"],
  ])("%s → %s", (ref, kind) => {
    expect(classifyRef(ref)).toBe(kind);
  });
});

describe("markers", () => {
  it.each([
    ["VERSION", VERSION_MARK],
    ["NODE_VER", VERSION_MARK],
    ["gitCommit", VERSION_MARK],
    ["TAG", VERSION_MARK],
    ["TARGETARCH", NEUTRAL_MARK],
    ["dpkgArch", NEUTRAL_MARK],
    ["OS", NEUTRAL_MARK],
    ["SERVER_URL", UNKNOWN_MARK],
    ["PREFIX", UNKNOWN_MARK],
  ])("%s", (name, mark) => {
    expect(markVariable(name)).toBe(mark);
  });

  it("marks command substitutions by what they print", () => {
    expect(markSubstitutions("tool-$(uname -m)-`dpkg --print-architecture`")).toBe(`tool-${NEUTRAL_MARK}-${NEUTRAL_MARK}`);
    expect(markSubstitutions("v$(cat VERSION)/x")).toBe(`v${UNKNOWN_MARK}/x`);
    expect(markSubstitutions("$(echo $(date))")).toBe(UNKNOWN_MARK);
  });

  it("substitutes known values and marks unknown ones", () => {
    const lookup = (name: string): string | null | undefined => ({ V: "1.2.3", EMPTY: null } as Record<string, string | null>)[name];
    expect(resolveWithMarkers("https://x/v${V}/t-$EMPTY-${ARCH}", lookup)).toBe(`https://x/v1.2.3/t-${UNKNOWN_MARK}-${NEUTRAL_MARK}`);
    expect(resolveWithMarkers("https://x/%NUGET_VERSION%/a%20b", lookup)).toBe(`https://x/${VERSION_MARK}/a%20b`);
  });
});
