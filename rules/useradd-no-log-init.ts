/**
 * `useradd -u <high uid>` without `-l`/`--no-log-init` (hadolint DL3046):
 * useradd before shadow 4.13 writes the new user's record into /var/log/lastlog
 * and faillog at an offset proportional to the UID, and the layer stores the whole file.
 */
import type { RunNode } from "../lib/language/index.js";
import { insertOptionAfter } from "../lib/fix/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import { parseArgs, unwrapCommand } from "../lib/shell/index.js";
import type { ShellWord } from "../lib/shell/index.js";

type MessageIds = "missingNoLogInit";

const USERADD_VALUED = [
  "-b", "--base-dir", "-c", "--comment", "-d", "--home-dir", "-e", "--expiredate", "-f", "--inactive", "-g", "--gid",
  "-G", "--groups", "-k", "--skel", "-K", "--key", "-p", "--password", "-R", "--root", "-P", "--prefix", "-s", "--shell",
  "-u", "--uid", "-Z", "--selinux-user", "--btrfs-subvolume-home", "--selinux-range",
];

/** UIDs at or above this (six digits, as hadolint counts) make lastlog and faillog large. */
const HIGH_UID = 100000;

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Require `useradd -l` (`--no-log-init`) when the UID is high",
      url: docsUrl("useradd-no-log-init"),
    },
    fixable: "code",
    schema: [],
    messages: {
      missingNoLogInit:
        "'useradd' with UID {{uid}} and no '-l' writes lastlog and faillog at the UID's offset (before shadow 4.13), adding gigabytes to the layer.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const { facts, text } = sourceCode;

    /** The UID a word gives: a number, or `$X` / `${X}` whose ARG or ENV value is a number. */
    function uidOf(word: ShellWord, node: RunNode): number | null {
      let value = word.value;
      const variable = /^\$\{?(\w+)\}?$/u.exec(value);
      if (variable?.[1] !== undefined) {
        const resolved = facts.lookupAt(node)(variable[1]);
        if (typeof resolved !== "string") return null;
        value = resolved;
      } else if (word.dynamic) {
        return null;
      }
      return /^\d+$/u.test(value) ? Number(value) : null;
    }

    return {
      Run(node) {
        for (const cmd of facts.shellOf(node).commands) {
          const { name, args } = unwrapCommand(cmd);
          if (name !== "useradd") continue;
          const toolWord = cmd.words[cmd.words.length - args.length - 1];
          if (!toolWord) continue;
          const { options } = parseArgs(args, { withValue: USERADD_VALUED });
          if (options.some((option) => option.name === "-l" || option.name === "--no-log-init")) continue;
          const uidOption = options.findLast((option) => option.name === "-u" || option.name === "--uid");
          const uid = uidOption?.value ? uidOf(uidOption.value, node) : null;
          if (uid === null || uid < HIGH_UID) continue;
          const edit = insertOptionAfter(text, node, toolWord, "-l");
          context.report({
            loc: sourceCode.positions.locOf([toolWord.start, toolWord.end]),
            messageId: "missingNoLogInit",
            data: { uid: String(uid) },
            fix: edit ? (fixer) => fixer.insertTextAfterRange([edit.at, edit.at], edit.text) : null,
          });
        }
      },
    };
  },
};

export default rule;
