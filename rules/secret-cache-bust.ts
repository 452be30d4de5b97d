/**
 * `RUN --mount=type=secret` steps that nothing can invalidate: BuildKit keeps
 * secret contents out of the cache key, so a changed secret reuses the result
 * built with the old one unless an ARG the step sees changes with it.
 */
import type { ArgNode, FlagNode, FlagOptionNode, InstructionNode, OnbuildNode, RunNode } from "../lib/language/index.js";
import { argDeclarations, isRotationMarker, isVersionMarker, scanVariableReferences } from "../lib/variables/index.js";
import { keywordLike, lineAbove } from "../lib/fix/index.js";
import { compileNamePattern, snakeName } from "../lib/variables/index.js";
import { shorten } from "../lib/text/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import { instructionReferences } from "../lib/variables/index.js";
import { commandName } from "../lib/shell/index.js";
import type { RunShell } from "../lib/shell/index.js";
import type { Stage } from "../lib/facts/index.js";

type Options = [{ bustArgPattern?: string }];
type MessageIds = "secretNotBusted" | "globalArgOnly" | "onbuildSecretNotBusted" | "insertArg";

const DEFAULT_BUST_PATTERN = "bust|invalidate";
const SUGGESTED_NAME = "CACHEBUST";

interface SecretMount {
  /** The `type=secret` option, the word reported. */
  typeOption: FlagOptionNode;
  flag: FlagNode;
  id: string;
  /** The variable the secret is exposed as (`env=TOKEN`), or null for a file. */
  env: string | null;
}

/** Commands that print text or a file's metadata, never a file's contents. */
const NON_READING = new Set(["echo", "printf", "true", "false", ":", "ls", "stat", "test", "[", "[[", "pwd", "id", "whoami"]);

/**
 * False only when the step visibly never reads the secret: every command
 * prints or checks metadata (`echo hello`, `stat -c %a /run/secrets/x`), none
 * reads a file on its input, and no word uses the secret's variable. Anything
 * else, a script above all, may read it.
 */
function readsSecret(shell: RunShell, mounts: readonly SecretMount[]): boolean {
  if (!shell.posix || shell.commands.length === 0) return true;
  const variables = mounts.map((mount) => mount.env).filter((name): name is string => name !== null);
  if (variables.length > 0) {
    const references = scanVariableReferences(shell.text);
    if (variables.some((name) => references.has(name))) return true;
  }
  return shell.commands.some((cmd) => {
    const name = commandName(cmd);
    return name === null || !NON_READING.has(name) || cmd.redirects.some((redirect) => /^\d*<$/u.test(redirect.op));
  });
}

function optionValue(flag: FlagNode, ...names: string[]): string | null {
  let found: string | null = null;
  for (const option of flag.options) {
    if (names.includes(option.name.toLowerCase()) && option.value !== null) found = option.value;
  }
  return found;
}

/** The secret mounts of a RUN, in order. BuildKit reads mount keys and the type case-insensitively; the last `type=` wins. */
function secretMounts(run: RunNode, expand: (text: string) => string): SecretMount[] {
  const mounts: SecretMount[] = [];
  for (const flag of run.flags) {
    if (flag.name !== "mount") continue;
    let typeOption: FlagOptionNode | null = null;
    for (const option of flag.options) {
      if (option.name.toLowerCase() === "type") typeOption = option;
    }
    const type = typeOption?.value ?? "";
    if (!typeOption || (type.includes("$") ? expand(type) : type).toLowerCase() !== "secret") continue;
    // BuildKit names the secret by `id`, else `source`, else the target's base name.
    const target = optionValue(flag, "target", "dst", "destination") ?? "";
    const id = optionValue(flag, "id") ?? optionValue(flag, "source", "src") ?? target.slice(target.lastIndexOf("/") + 1);
    mounts.push({ typeOption, flag, id, env: optionValue(flag, "env") });
  }
  return mounts;
}

function describeSecrets(mounts: readonly SecretMount[]): string {
  const ids = [...new Set(mounts.map((mount) => mount.id).filter((id) => id !== ""))];
  if (ids.length === 0) return "a secret";
  const quoted = shorten(ids.map((id) => `'${id}'`).join(", "), 28);
  return ids.length === 1 ? `secret ${quoted}` : `secrets ${quoted}`;
}

const rule: DockerfileRuleDefinition<{ RuleOptions: Options; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Require an ARG that invalidates the cache of a `RUN --mount=type=secret` step when the secret changes",
      url: docsUrl("secret-cache-bust"),
    },
    hasSuggestions: true,
    schema: [
      {
        type: "object",
        properties: {
          bustArgPattern: {
            type: "string",
            format: "regex",
            description:
              "Regular expression source for ARG names that exist to invalidate the cache, matched case-insensitively against the name as written and in snake_case. Default: names containing `bust` or `invalidate`.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ bustArgPattern: DEFAULT_BUST_PATTERN }],
    messages: {
      secretNotBusted: "This RUN mounts {{secret}}, whose contents are not in the cache key, so a changed secret reuses the old result.",
      globalArgOnly: "This RUN mounts {{secret}}, and 'ARG {{name}}' before the first FROM does not reach it, so a changed secret reuses the old result.",
      onbuildSecretNotBusted: "This ONBUILD RUN mounts {{secret}}, whose contents are not in the cache key, so downstream builds reuse old results.",
      insertArg: "Insert '{{line}}' above this {{keyword}}.",
    },
  },

  create(context) {
    const [{ bustArgPattern = DEFAULT_BUST_PATTERN }] = context.options;
    const bustPattern = compileNamePattern(bustArgPattern, "bustArgPattern");
    /** A name that says it exists to change the cache: `CACHEBUST`, or a rotation marker such as `NPM_TOKEN_ROTATED_AT`. */
    const isBustName = (name: string): boolean => bustPattern.test(name) || bustPattern.test(snakeName(name)) || isRotationMarker(name);
    const { sourceCode } = context;
    const { facts, text } = sourceCode;

    /**
     * An ENV before the step, in its stage or in a stage it is built FROM, that
     * carries a bust ARG (`ENV CACHE_BUST=${CACHE_BUST}`): its value is in the
     * step's environment and in the parent's image, so a new value re-runs the step.
     */
    function envBusts(stage: Stage, before: number): boolean {
      let current: Stage | null = stage;
      let limit = before;
      for (let hops = 0; current && hops < 100; hops++) {
        for (const instruction of current.instructions) {
          if (instruction.range[0] >= limit) break;
          if (instruction.type !== "Env") continue;
          for (const pair of instruction.pairs) {
            if (isBustName(pair.key.value)) return true;
            const value = pair.value ? text.slice(pair.value.range[0], pair.value.range[1]) : "";
            if ([...scanVariableReferences(value, { escapeChar: facts.escapeChar }).names].some(isBustName)) return true;
          }
        }
        current = current.base.kind === "stage" ? current.base.stage : null;
        limit = Number.POSITIVE_INFINITY;
      }
      return false;
    }

    return {
      Run(node) {
        const mounts = secretMounts(node, (value) => facts.expand(value, node).value);
        const first = mounts[0];
        if (!first) return;

        const parent = sourceCode.getParent(node);
        const onbuild: OnbuildNode | null = parent?.type === "Onbuild" ? parent : null;
        const anchor: InstructionNode = onbuild ?? node;
        const stage = facts.stageOf(node);
        const references = instructionReferences(node, text, {
          escapeChar: facts.escapeChar,
          windows: !facts.shellOf(node).posix,
        });
        // Variables in the secret mounts themselves (`id=token-${TOKEN_VERSION}`) are wired to the secret.
        const mountReferences = scanVariableReferences(mounts.map((mount) => text.slice(mount.flag.range[0], mount.flag.range[1])).join(" "), { escapeChar: facts.escapeChar });
        // A used ARG counts when it is wired to the secret or names a version the step fetches (`PROXY_VERSION`); a user name does not.
        const wired = (name: string): boolean => references.has(name) && (mountReferences.has(name) || isVersionMarker(name));
        const counts = (name: string): boolean => isBustName(name) || wired(name);
        if (!readsSecret(facts.shellOf(node), mounts)) return;
        if (!onbuild && stage && envBusts(stage, node.range[0])) return;

        // The ARGs the step sees: this stage's ARGs before it, or, for a trigger, earlier ONBUILD ARG triggers.
        for (const instruction of stage?.instructions ?? []) {
          if (instruction.range[0] >= anchor.range[0]) break;
          let arg: ArgNode | null = null;
          if (onbuild) {
            if (instruction.type === "Onbuild" && instruction.trigger?.type === "Arg") arg = instruction.trigger;
          } else if (instruction.type === "Arg") {
            arg = instruction;
          }
          if (arg && argDeclarations(arg).some((declaration) => counts(declaration.name))) return;
        }

        let name = SUGGESTED_NAME;
        let messageId: MessageIds = onbuild ? "onbuildSecretNotBusted" : "secretNotBusted";
        if (!onbuild && stage) {
          const globals = [...facts.globalArgs.keys()];
          const global = globals.find(isBustName) ?? globals.find(wired);
          if (global !== undefined) {
            name = global;
            messageId = "globalArgOnly";
          }
        }

        const anchorKeyword = text.slice(anchor.keywordRange[0], anchor.keywordRange[1]);
        const argKeyword = keywordLike("ARG", anchorKeyword);
        const line = onbuild ? `${keywordLike("ONBUILD", anchorKeyword)} ${argKeyword} ${name}` : `${argKeyword} ${name}`;
        // Offer the line only when it satisfies the rule, so applying it settles the report.
        const suggestion = counts(name) ? lineAbove(text, anchor.range[0], line) : null;

        context.report({
          loc: sourceCode.positions.locOf(first.typeOption.range),
          messageId,
          data: { secret: describeSecrets(mounts), name },
          suggest: suggestion
            ? [
                {
                  messageId: "insertArg",
                  data: { line, keyword: onbuild ? "ONBUILD" : "RUN" },
                  fix: (fixer) => fixer.insertTextBeforeRange(suggestion.range, suggestion.text),
                },
              ]
            : [],
        });
      },
    };
  },
};

export default rule;
