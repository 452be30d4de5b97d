/**
 * ADD of local files that are not archives (hadolint DL3020): COPY does the
 * same with no hidden behaviour. ADD fetches URLs and Git repositories and
 * unpacks local tar archives; for anything else it is a COPY that readers
 * must double-check.
 */
import type { RuleTextEdit, RuleTextEditor } from "@eslint/core";
import { isRemoteSource } from "../lib/packages/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import { shorten, unquoteWord } from "../lib/text/index.js";
import type { AddNode } from "../lib/language/index.js";

type MessageIds = "preferCopy" | "preferCopyUnlessArchive" | "useCopy";

/**
 * Endings of files ADD may unpack. BuildKit unpacks a local source when its
 * content is a tar archive, plain or compressed (gzip, bzip2, xz, zstd); the
 * name is the only hint a linter has. hadolint's list, plus zstd names.
 */
const ARCHIVE_ENDINGS = [
  ".tar", ".z", ".bz2", ".gz", ".lz", ".lzma", ".tz", ".tb2", ".tbz", ".tbz2", ".tgz", ".tlz", ".tpz", ".txz", ".xz",
  ".zst", ".zstd", ".tzst",
];

/**
 * Flags ADD and COPY share. ADD-only ones (`--checksum`, `--keep-git-dir`,
 * `--unpack`) make COPY another instruction, and a flag ADD does not know
 * (`--from`) fails the build, which COPY would hide.
 */
const SHARED_FLAGS = new Set(["chown", "chmod", "link", "exclude"]);


const GLOB_CHARS = "*?[";

type SourceKind = "local" | "archive" | "remote" | "unknown";

function baseName(path: string): string {
  let end = path.length;
  while (end > 1 && path.charAt(end - 1) === "/") end--;
  const trimmed = path.slice(0, end);
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/**
 * Whether a local source's name rules out a tar archive: a directory (`.`,
 * `dir/`) or a name with an extension that no archive has (`app.py`, `*.sh`,
 * `app.jar`: ADD does not unpack zip files). ADD unpacks by content, so a
 * name without an extension (`rootfs`) may still be one.
 */
function nameRulesOutArchive(path: string): boolean {
  if (path === "." || path === ".." || path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..")) return true;
  const name = baseName(path);
  const dot = name.lastIndexOf(".");
  return dot >= 0 && /^[a-z][\w-]*$/iu.test(name.slice(dot + 1));
}

/** What a source (variables substituted, quotes removed) is to ADD. */
function classify(path: string): SourceKind {
  if (isRemoteSource(path)) return "remote";
  const name = baseName(path).toLowerCase();
  if (ARCHIVE_ENDINGS.some((ending) => name.endsWith(ending))) return "archive";
  // `dist/*` or `pkg.tar*` may match archives; `*.sh` matches no archive.
  let lastGlob = -1;
  for (const ch of GLOB_CHARS) lastGlob = Math.max(lastGlob, name.lastIndexOf(ch));
  if (lastGlob >= 0 && lastGlob > name.lastIndexOf(".")) return "unknown";
  return "local";
}

/** `COPY` in the casing of the written `ADD` keyword: `ADD`, `add` or `Add`. */
function copyLike(written: string): string {
  if (written === written.toUpperCase()) return "COPY";
  if (written === written.toLowerCase()) return "copy";
  return "Copy";
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "suggestion",
    docs: {
      description: "Require COPY instead of ADD for local files and directories that are not archives",
      url: docsUrl("prefer-copy"),
    },
    fixable: "code",
    hasSuggestions: true,
    schema: [],
    messages: {
      preferCopy:
        "ADD of {{sources}} only copies, but ADD can also fetch URLs and unpack archives, so readers must check: use COPY.",
      preferCopyUnlessArchive: "ADD unpacks {{source}} if its content is a tar archive, whatever its name: use COPY unless that is what it is for.",
      useCopy: "Replace ADD with COPY ({{source}} is not a tar archive).",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const { facts, text } = sourceCode;

    function check(node: AddNode): void {
      if (node.sources.length === 0 || node.destination === null) return;
      if (!node.flags.every((flag) => SHARED_FLAGS.has(flag.name.toLowerCase()))) return;
      const names: string[] = [];
      let mayBeArchive: string | null = null;
      for (const source of node.sources) {
        if (source.type === "Argument" && source.value.startsWith("<<")) {
          names.push(source.value); // a heredoc: never unpacked
          continue;
        }
        const written = source.value;
        const expanded = written.includes("$") ? facts.expand(written, node) : null;
        if (expanded && expanded.unresolved.length > 0) return;
        const value = expanded ? expanded.value : written;
        const path = source.type === "Argument" ? unquoteWord(value, facts.escapeChar) : value;
        if (path === "" || classify(path) !== "local") return;
        names.push(path);
        if (mayBeArchive === null && !nameRulesOutArchive(path)) mayBeArchive = path;
      }
      const keyword = text.slice(node.keywordRange[0], node.keywordRange[1]);
      const fix = keyword.toUpperCase() === "ADD" ? (fixer: RuleTextEditor): RuleTextEdit => fixer.replaceTextRange(node.keywordRange, copyLike(keyword)) : null;
      if (mayBeArchive !== null) {
        const source = `'${shorten(mayBeArchive, 34)}'`;
        context.report({
          loc: sourceCode.positions.locOf(node.keywordRange),
          messageId: "preferCopyUnlessArchive",
          data: { source },
          suggest: fix ? [{ messageId: "useCopy", data: { source }, fix }] : [],
        });
        return;
      }
      const quoted = (name: string): string => `'${shorten(name, names.length === 1 ? 34 : 24)}'`;
      const shown = names.length <= 2 ? names.map(quoted).join(" and ") : `${quoted(names[0] ?? "")} and ${names.length - 1} more`;
      context.report({ loc: sourceCode.positions.locOf(node.keywordRange), messageId: "preferCopy", data: { sources: shown }, fix });
    }

    return { Add: check };
  },
};

export default rule;
