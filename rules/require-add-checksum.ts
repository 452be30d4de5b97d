/**
 * ADD of a remote source that is not content-pinned: an http(s) URL without
 * `--checksum=sha256:<64 hex>`, or a Git repository without a tag or commit
 * (in its `#ref`, its `?tag=`/`?ref=`/`?checksum=` query, or `--checksum`).
 */
import { classifyRef, displayText, isSupportFile, markedLookup, parseUrl, resolveWithMarkers, NEUTRAL_MARK, UNKNOWN_MARK, VERSION_MARK, SCP_LIKE } from "../lib/packages/index.js";
import { docsUrl } from "../lib/language/index.js";
import { shorten } from "../lib/text/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { AddNode, ArgumentNode, ExecArgumentNode, FlagNode } from "../lib/language/index.js";
import { unquoteWhole } from "../lib/facts/index.js";

type MessageIds = "missingChecksum" | "floatingGitRef" | "invalidChecksum";

const SHA256_CHECKSUM = /^sha256:[\da-f]{64}$/u;
const COMMIT_CHECKSUM = /^[\da-f]+$/u;

function hasMarker(text: string): boolean {
  return text.includes(UNKNOWN_MARK) || text.includes(VERSION_MARK) || text.includes(NEUTRAL_MARK);
}


type Source =
  | { kind: "http"; path: string }
  | { kind: "git"; ref: string | null; tag: boolean; branch: boolean; checksum: boolean };

/** What kind of remote source BuildKit sees in an ADD source, or null for a local path. */
function remoteSource(text: string): Source | null {
  const url = parseUrl(text);
  const scpLike = !url && SCP_LIKE.test(text);
  if (!url && !scpLike) return null;
  const scheme = url?.scheme ?? "ssh";
  let isGit = scpLike || scheme === "git" || scheme === "ssh";
  if (!isGit && (scheme === "http" || scheme === "https")) isGit = url?.path.endsWith(".git") ?? false;
  if (!isGit) return scheme === "http" || scheme === "https" ? { kind: "http", path: url?.path ?? "" } : null;

  // `#ref:subdir` fragment and `?ref=…&tag=…&branch=…&checksum=…` query.
  let rest = text;
  const hash = rest.indexOf("#");
  const fragment = hash >= 0 ? rest.slice(hash + 1) : null;
  if (hash >= 0) rest = rest.slice(0, hash);
  const question = rest.indexOf("?");
  const query = question >= 0 ? rest.slice(question + 1) : "";
  let ref = fragment === null ? null : fragment.split(":")[0] ?? "";
  let tag = false;
  let branch = false;
  let checksum = false;
  for (const pair of query.split("&")) {
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    if (value === "") continue;
    if (key === "ref") ref = value;
    else if (key === "tag") {
      ref = value;
      tag = true;
    } else if (key === "branch") {
      ref = value;
      branch = true;
    } else if (key === "checksum" || key === "commit") checksum = COMMIT_CHECKSUM.test(value) || hasMarker(value);
  }
  return { kind: "git", ref: ref === "" ? null : ref, tag, branch, checksum };
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Require ADD of a URL to carry a checksum, and ADD of a Git repository to name a tag or commit",
      url: docsUrl("require-add-checksum"),
    },
    schema: [],
    messages: {
      missingChecksum: "ADD of '{{url}}' has no --checksum, so a change on the server silently changes the image.",
      floatingGitRef: "ADD of Git repository '{{url}}' follows {{ref}}, which moves with each push, so builds differ.",
      invalidChecksum: "'--checksum={{value}}' is not valid for {{what}}, which takes {{expected}}.",
    },
  },

  create(context) {
    const { facts, positions } = context.sourceCode;

    function check(node: AddNode): void {
      const lookup = markedLookup(facts, node);
      const checksumFlag: FlagNode | undefined = node.flags.findLast((flag) => flag.name.toLowerCase() === "checksum");
      const checksumValue = checksumFlag?.value ?? null;
      const checksum = checksumValue === null ? null : resolveWithMarkers(unquoteWhole(checksumValue), lookup, facts.escapeChar, facts.expansionBudget);

      const reportInvalid = (what: string, expected: string): void => {
        if (!checksumFlag) return;
        context.report({
          loc: positions.locOf(checksumFlag.valueRange ?? checksumFlag.range),
          messageId: "invalidChecksum",
          data: { value: shorten(checksumFlag.value ?? "", 32), what, expected },
        });
      };

      let reportedChecksum = false;
      for (const source of node.sources) {
        const raw: ArgumentNode | ExecArgumentNode = source;
        if (raw.value.startsWith("<<")) continue;
        const text = raw.type === "Argument" ? unquoteWhole(raw.value) : raw.value;
        const resolved = text.includes("$") ? resolveWithMarkers(text, lookup, facts.escapeChar, facts.expansionBudget) : text;
        const remote = remoteSource(resolved);
        if (!remote) continue;
        const loc = positions.locOf(raw.range);
        const url = displayText(resolved);

        if (remote.kind === "http") {
          if (isSupportFile(remote.path)) continue;
          if (checksum !== null && (hasMarker(checksum) || SHA256_CHECKSUM.test(checksum))) continue;
          if (checksum !== null && checksum !== "") {
            if (!reportedChecksum) reportInvalid("a URL", "only 'sha256:' and 64 lowercase hex digits");
            reportedChecksum = true;
            continue;
          }
          context.report({ loc, messageId: "missingChecksum", data: { url: shorten(url, 48) } });
          continue;
        }

        if (checksum !== null && checksum !== "") {
          if (hasMarker(checksum) || COMMIT_CHECKSUM.test(checksum)) continue;
          if (!reportedChecksum) reportInvalid("a Git repository", "a lowercase hex commit SHA or prefix");
          reportedChecksum = true;
          continue;
        }
        if (remote.checksum) continue;
        let describe: string;
        if (remote.ref === null) {
          describe = "the default branch";
        } else {
          const kind = remote.tag ? "tag" : remote.branch ? "branch" : classifyRef(remote.ref);
          if (kind !== "branch") continue;
          describe = `the branch '${displayText(remote.ref)}'`;
        }
        context.report({ loc, messageId: "floatingGitRef", data: { url: shorten(url, 36), ref: describe } });
      }
    }

    return { Add: check };
  },
};

export default rule;
