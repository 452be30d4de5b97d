import { describe, expect, it } from "vitest";
import { cleanPath, isExcluded, parseDockerignore, wholeContextPattern } from "../lib/facts/dockerignore.js";

/** [ignore file lines, path in the context, excluded?] — cases restated from moby/patternmatcher's tests. */
const CASES: [string[], string, boolean][] = [
  [["*"], "fileutils.go", true],
  [["*.go"], "fileutils.go", true],
  [["!fileutils.go", "*.go"], "fileutils.go", true],
  [["docs", "!docs/README.md"], "docs/README.md", false],
  [["docs/", "!docs/README.md"], "docs/README.md", false],
  [["docs/*", "!docs/README.md"], "docs/README.md", false],
  [["*.go", "!fileutils.go"], "fileutils.go", false],
  [["**"], "file", true],
  [["**/"], "file", true],
  [["**"], "dir/file", true],
  [["**/**"], "dir/file", true],
  [["dir/**"], "dir/dir2/file", true],
  [["**/dir"], "dir", true],
  [["**/dir"], "dir/file", true],
  [["**/dir2/*"], "dir/dir2/file", true],
  [["**/dir2/**"], "dir/dir2/dir3/file", true],
  [["**file"], "dir/dir/file", true],
  [["**/file*.txt"], "dir/dir/file.txt", true],
  [["**/**/*.txt2"], "dir/dir/file.txt", false],
  [["**/*.txt"], "file.txt", true],
  [["a**/*.txt"], "a/dir/dir/file.txt", true],
  [["a/*.txt"], "a/dir/file.txt", false],
  [["a/*.txt**"], "a/file.txt", true],
  [["a[b-d]e"], "ae", false],
  [["a[b-d]e"], "ace", true],
  [["a[^b-d]e"], "aze", true],
  [[".*"], ".foo", true],
  [[".*"], "foo", false],
  [["abc.def"], "abcZdef", false],
  [["abc?def"], "abcZdef", true],
  [["abc?def"], "abcdef", false],
  [["**/foo/bar"], "foo/bar", true],
  [["abc/**"], "abc", false],
  [["abc/**"], "abc/def/ghi", true],
  [["**/.foo"], "bar.foo", false],
  [["a(b)c/def"], "a(b)c/def", true],
  [["a.|)$(}+{bc"], "a.|)$(}+{bc", true],
  [["dist/*.whl"], "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true],
  [["**", "!util/docker/web"], "util/docker/web/foo", false],
  [["**", "!util/docker/web", "util/docker/web/foo"], "util/docker/web/foo", true],
  [["a\\*b"], "a*b", true],
  [["a\\*b"], "axb", false],
  // ignorefile: comments, blanks, cleaning and the leading slash.
  [["# node_modules"], "node_modules", false],
  [["  # spaced"], "# spaced", true],
  [["/node_modules  "], "node_modules/x", true],
  [["./src/../build"], "build/out", true],
  [["! keep", "*"], "keep", true],
  [["*", "! keep"], "keep", false],
];

describe("dockerignore matching", () => {
  for (const [patterns, file, expected] of CASES) {
    it(`${JSON.stringify(patterns)} ${expected ? "excludes" : "keeps"} ${file}`, () => {
      const ignore = parseDockerignore(patterns.join("\n"));
      expect(ignore).not.toBeNull();
      if (ignore) expect(isExcluded(ignore, file)).toBe(expected);
    });
  }

  it("rejects what Docker rejects", () => {
    expect(parseDockerignore("[")).toBeNull();
    expect(parseDockerignore("!")).toBeNull();
    expect(parseDockerignore("a\\")).toBeNull();
  });

  it("strips a byte order mark and CRLF", () => {
    const ignore = parseDockerignore("\uFEFFdist\r\n.env\r\n");
    expect(ignore?.patterns.map((pattern) => pattern.text)).toEqual(["dist", ".env"]);
  });

  it("knows the patterns that empty the context", () => {
    expect(wholeContextPattern(parseDockerignore("**/*") ?? { path: "", name: "", patterns: [], hasExclusions: false })?.text).toBe("**/*");
    expect(wholeContextPattern(parseDockerignore(".*\nnode_modules") ?? { path: "", name: "", patterns: [], hasExclusions: false })).toBeNull();
  });

  it("cleans paths as Go does", () => {
    expect(cleanPath("./a//b/../c/")).toBe("a/c");
    expect(cleanPath("../../x")).toBe("../../x");
    expect(cleanPath("/../x")).toBe("/x");
    expect(cleanPath("")).toBe(".");
  });
});
