/**
 * Package installs in RUN without versions, for apt, apk, pip, npm/yarn/pnpm,
 * gem, go, cargo, yum, dnf, microdnf and zypper. OS package managers get one
 * report per install command, listing the unpinned names (an install of 80
 * packages is one decision); language managers one per package, on its word.
 */
import { findInstallCommands, OS_PACKAGE_MANAGERS, PACKAGE_MANAGERS } from "../lib/packages/index.js";
import type { InstallCommand, PackageManager } from "../lib/packages/index.js";
import { packageTargets } from "../lib/packages/index.js";
import { shorten } from "../lib/text/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { RunNode } from "../lib/language/index.js";
import type { DockerfileFacts } from "../lib/facts/index.js";
import type { ShellWord } from "../lib/shell/index.js";

type Options = [{ managers?: PackageManager[]; allowRanges?: boolean }];
type MessageIds = "unpinned" | "unpinnedPackages" | "unpinnedPatterns" | "moving" | "range" | "redirect";

/**
 * How to pin, when it fits: the message names the tool, the package and the
 * hint (`'curl=<version>'`), and stays within a terminal line without it.
 */
function pinAdvice(tool: string, packages: string, hint: string): string {
  const advice = `: pin it as ${hint}`;
  // 66: the rest of the message ("{tool} installs {packages} with no version, so … differ.").
  return tool.length + packages.length + advice.length + 66 <= 140 ? advice : "";
}

const rule: DockerfileRuleDefinition<{ RuleOptions: Options; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Require package installs in RUN to name the version of each package",
      url: docsUrl("pin-package-versions"),
    },
    schema: [
      {
        type: "object",
        properties: {
          managers: {
            type: "array",
            items: { enum: [...PACKAGE_MANAGERS] },
            uniqueItems: true,
            description:
              "The package managers to check: `apt` (apt-get and apt), `apk`, `pip` (pip, python -m pip, pipx, uv), `npm` (npm, yarn, pnpm), `gem`, `go`, `cargo`, `yum`, `dnf`, `microdnf`, `zypper`. Default: all.",
          },
          allowRanges: {
            type: "boolean",
            description: "Whether a version range (`pkg>=1.2`, `pkg~1.2`, `pkg@^4`) counts as pinned. With `false`, only an exact version does.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ managers: [...PACKAGE_MANAGERS], allowRanges: true }],
    messages: {
      unpinned: "{{tool}} installs '{{package}}' with no version, so cached and fresh builds can differ{{pin}}.",
      unpinnedPackages: "{{tool}} installs {{packages}} with no version, so cached and fresh builds can differ{{pin}}.",
      unpinnedPatterns: "{{tool}} installs {{packages}}, patterns that match whatever is newest when the cache is cold.",
      moving: "{{tool}} installs '{{package}}' at '{{version}}', which moves, so cached and fresh builds install different versions.",
      redirect: "'{{package}}{{operator}}' is not quoted, so the shell redirects to '{{file}}' and {{tool}} installs '{{package}}' with no version.",
      range: "{{tool}} installs '{{package}}' within '{{version}}', so cached and fresh builds can install different versions.",
    },
  },

  create(context) {
    /** Paths under a GOPATH `src/` that the stage copied sources to, or works in, before `node`. */
    function goPathSources(facts: DockerfileFacts, node: RunNode): string[] {
      const paths: string[] = [];
      const stage = facts.stageOf(node);
      for (const instruction of stage?.instructions ?? []) {
        if (instruction.range[0] >= node.range[0]) break;
        let path: string | undefined;
        if (instruction.type === "Copy" || instruction.type === "Add") path = instruction.destination?.value;
        else if (instruction.type === "Workdir") path = instruction.arguments[0]?.value;
        const src = path?.indexOf("/src/") ?? -1;
        if (path === undefined || src < 0) continue;
        let end = path.length;
        while (end > src + 5 && path.charAt(end - 1) === "/") end--;
        paths.push(path.slice(src + 5, end));
      }
      return paths;
    }

    /** `go get github.com/org/tool` after `COPY . /go/src/github.com/org/tool` builds the copied sources. */
    function isCopiedGoSource(word: ShellWord, node: RunNode): boolean {
      const sources = goPathSources(context.sourceCode.facts, node);
      return sources.some((path) => path !== "" && (word.value === path || word.value.startsWith(`${path}/`)));
    }

    const [{ managers = PACKAGE_MANAGERS, allowRanges = true }] = context.options;
    const selected = new Set<PackageManager>(managers);
    const { facts, positions } = context.sourceCode;
    const osManagers = new Set<PackageManager>(OS_PACKAGE_MANAGERS);

    /** `'curl', 'git', 'make' and 4 more`: as many names as fit in about 48 characters. */
    function listOf(words: readonly ShellWord[]): string {
      const names = [`'${shorten(words[0]?.value ?? "", 28)}'`];
      for (const word of words.slice(1, 3)) {
        const name = `'${word.value}'`;
        if (names.join(", ").length + name.length + 2 > 48) break;
        names.push(name);
      }
      const rest = words.length - names.length;
      if (rest > 0) return `${names.join(", ")} and ${rest} more`;
      if (names.length <= 1) return names.join("");
      return `${names.slice(0, -1).join(", ")} and ${names.at(-1) ?? ""}`;
    }

    /** One report for the unpinned packages of an OS package install. */
    function reportInstall(install: InstallCommand, unpinned: { word: ShellWord; hint: string; pinnable: boolean }[]): void {
      if (unpinned.length === 0) return;
      const pinnable = unpinned.find((found) => found.pinnable);
      const loc = positions.locOf([install.toolWord.start, install.subcommand.end]);
      const packages = listOf(unpinned.map((found) => found.word));
      const tool = shorten(install.tool, 24);
      if (pinnable) context.report({ loc, messageId: "unpinnedPackages", data: { tool, packages, hint: pinnable.hint, pin: pinAdvice(tool, packages, pinnable.hint) } });
      else context.report({ loc, messageId: "unpinnedPatterns", data: { tool, packages } });
    }

    return {
      Run(node: RunNode) {
        const shell = facts.shellOf(node);
        for (const install of findInstallCommands(shell.commands, selected)) {
          const grouped = osManagers.has(install.manager);
          const unpinned: { word: ShellWord; hint: string; pinnable: boolean }[] = [];
          for (const { word, pin, hint, pinnable } of packageTargets(install)) {
            const data = { tool: shorten(install.tool, 24), package: shorten(word.value, 32), hint, pin: pinAdvice(shorten(install.tool, 24), `'${shorten(word.value, 32)}'`, hint), version: "" };
            const loc = positions.locOf([word.start, word.end]);
            if (pin.kind === "none") {
              if (install.manager === "go" && isCopiedGoSource(word, node)) continue;
              // `pip install foo>=1.2` unquoted: the shell redirects output to a file named `=1.2`.
              const redirect = install.command.redirects.find((found) => found.start === word.end && found.target && (found.op === ">" || found.op === "<"));
              if (redirect?.target) {
                const operator = context.sourceCode.text.slice(redirect.start, redirect.target.end);
                context.report({ loc: positions.locOf([word.start, redirect.target.end]), messageId: "redirect", data: { ...data, operator, op: redirect.op, file: redirect.target.value } });
                continue;
              }
              if (grouped) unpinned.push({ word, hint, pinnable });
              else context.report({ loc, messageId: "unpinned", data });
            } else if (pin.kind === "moving") {
              context.report({ loc, messageId: "moving", data: { ...data, version: shorten(pin.version, 20) } });
            } else if (pin.kind === "range" && !allowRanges) {
              context.report({ loc, messageId: "range", data: { ...data, version: shorten(pin.version, 24) } });
            }
          }
          reportInstall(install, unpinned);
        }
      },
    };
  },
};

export default rule;
