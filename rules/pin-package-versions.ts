/**
 * Package installs in RUN without versions: one report per unpinned package,
 * on its word, for apt, apk, pip, npm/yarn/pnpm, gem, go, cargo, yum, dnf,
 * microdnf and zypper.
 */
import { findInstallCommands, PACKAGE_MANAGERS } from "../lib/packages/index.js";
import type { PackageManager } from "../lib/packages/index.js";
import { packageTargets } from "../lib/packages/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { RunNode } from "../lib/language/index.js";
import type { DockerfileFacts } from "../lib/facts/index.js";
import type { ShellWord } from "../lib/shell/index.js";

type Options = [{ managers?: PackageManager[]; allowRanges?: boolean }];
type MessageIds = "unpinned" | "moving" | "range" | "redirect";

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
      unpinned:
        "{{tool}} installs '{{package}}' without a version, so it gets whatever is newest when the cache is cold: Docker reuses this RUN by its text alone, so cached and fresh builds (another machine, a later day) install different versions. Pin it: {{hint}}.",
      moving:
        "{{tool}} installs '{{package}}' at '{{version}}', a name that moves to new versions: Docker reuses this RUN by its text alone, so cached and fresh builds install different versions. Pin an exact version: {{hint}}.",
      redirect:
        "'{{package}}{{operator}}' is not quoted, so the shell reads '{{op}}' as a redirection to a file named '{{file}}', and {{tool}} installs '{{package}}' without a version: Docker reuses this RUN by its text alone, so cached and fresh builds install different versions. Quote the requirement: \"{{package}}{{operator}}\".",
      range:
        "{{tool}} installs '{{package}}' within the range '{{version}}', so it gets the newest match when the cache is cold: Docker reuses this RUN by its text alone, so cached and fresh builds can install different versions. Pin an exact version: {{hint}}.",
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

    return {
      Run(node: RunNode) {
        const shell = facts.shellOf(node);
        for (const install of findInstallCommands(shell.commands, selected)) {
          for (const { word, pin, hint } of packageTargets(install)) {
            const data = { tool: install.tool, package: word.value, hint, version: "" };
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
              context.report({ loc, messageId: "unpinned", data });
            } else if (pin.kind === "moving") {
              context.report({ loc, messageId: "moving", data: { ...data, version: pin.version } });
            } else if (pin.kind === "range" && !allowRanges) {
              context.report({ loc, messageId: "range", data: { ...data, version: pin.version } });
            }
          }
        }
      },
    };
  },
};

export default rule;
