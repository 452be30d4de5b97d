/**
 * ARG and ENV names that carry secrets. A build argument's value is written
 * into the image history of every RUN that follows it, into the cache keys
 * and into provenance attestations; an ENV value is stored in the image
 * config. Build secrets belong in `RUN --mount=type=secret` (or `type=ssh`).
 */
import { argDeclarations, isRotationMarker, scanVariableReferences } from "../lib/variables/index.js";
import type { ArgNode, EnvNode, Range } from "../lib/language/index.js";
import { nameWords, namePatternMatcher } from "../lib/variables/index.js";
import type { Stage } from "../lib/facts/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import { shorten, unquoteWord } from "../lib/text/index.js";

type Options = [{ allow?: string[]; deny?: string[] }];
type MessageIds = "secretArg" | "secretEnv";

/** Words that name a secret wherever they stand in the name. */
const SECRET_WORDS = new Set([
  "password",
  "passwords",
  "passwd",
  "pword",
  "passphrase",
  "secret",
  "secrets",
  "token",
  "tokens",
  "apikey",
  "apikeys",
  "privatekey",
  "accesskey",
  "secretkey",
  "credential",
  "credentials",
  "creds",
  "auth",
]);

/** Words that name a password only as the last word after a qualifier (`DB_PASS`, `MYSQL_PWD`), never alone (`PWD` is the working directory). */
const TRAILING_PASSWORD_WORDS = new Set(["pass", "pwd"]);

/** `key`/`keys` is a secret after one of these words (`API_KEY`, `PRIVATE_KEY`, `ACCESS_KEY`); `GPG_KEY` is not. */
const KEY_QUALIFIERS = new Set([
  "api",
  "private",
  "access",
  "secret",
  "encryption",
  "signing",
  "master",
  "client",
  "app",
  "application",
  "ssh",
  "deploy",
  "license",
  "licence",
  "service",
  "session",
  "jwt",
  "hmac",
  "auth",
]);

/** Words that make the whole name public (`PUBLIC_KEY`, `public_token`). */
const PUBLIC_WORDS = new Set(["public", "pub"]);

/**
 * Words that, after the secret word, say the variable describes the secret
 * rather than holding it: `PASSWORD_FILE`, `TOKEN_URL`, `AUTH_MODULE_VERSION`,
 * `AWS_ACCESS_KEY_ID`, `AUTH_ENABLED`. Before it they qualify the secret:
 * `FILE_PASSWORD` and `ID_TOKEN` are secrets.
 */
const DESCRIPTOR_WORDS = new Set([
  "file",
  "files",
  "path",
  "dir",
  "version",
  "id",
  "ids",
  "url",
  "uri",
  "endpoint",
  "host",
  "name",
  "user",
  "username",
  "type",
  "method",
  "mode",
  "length",
  "enable",
  "enabled",
  "disable",
  "disabled",
]);

/** Words that end in a password word and name one: `VNCPASSWD`, `ROOTPASSWORD`. */
function isPasswordCompound(word: string): boolean {
  return word.endsWith("password") || word.endsWith("passwd");
}

/** The word that makes the name a secret, for the message, or null. */
function secretWord(name: string): string | null {
  const words = nameWords(name);
  if (words.some((word) => PUBLIC_WORDS.has(word))) return null;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    let found: string | null = null;
    if (SECRET_WORDS.has(word) || isPasswordCompound(word)) {
      found = word;
    } else if ((word === "key" || word === "keys") && KEY_QUALIFIERS.has(words[i - 1] ?? "")) {
      found = `${words[i - 1] ?? ""} ${word}`;
    } else if (i === words.length - 1 && i > 0 && TRAILING_PASSWORD_WORDS.has(word)) {
      found = word;
    }
    if (found !== null) return words.slice(i + 1).some((after) => DESCRIPTOR_WORDS.has(after)) ? null : found;
  }
  return null;
}

/** Files that hold credentials: a variable written into one is a secret, whatever its name. */
const CREDENTIAL_FILE = /(?:^|\/)(?:\.npmrc|\.netrc|_netrc|\.pypirc|\.git-credentials|\.ssh\/id_[^/]*|\.docker\/config\.json|\.aws\/credentials|\.gem\/credentials)$/u;

/** Output redirections: `>`, `>>`, `2>`, `&>`, `>|`. */
const OUTPUT_REDIRECT = /^(?:\d*|&)>[>|]?$/u;

/** True when a URL in the value carries a literal password: `https://user:pass@host/…`. */
function hasUrlPassword(value: string): boolean {
  let at = value.indexOf("://");
  while (at >= 0) {
    let end = at + 3;
    while (end < value.length && !/[\s/]/u.test(value.charAt(end))) end++;
    const authority = value.slice(at + 3, end);
    const userinfo = authority.slice(0, Math.max(authority.lastIndexOf("@"), 0));
    const colon = userinfo.indexOf(":");
    if (colon > 0 && colon < userinfo.length - 1 && !userinfo.includes("$", colon)) return true;
    at = value.indexOf("://", end);
  }
  return false;
}

/** Values that cannot be the secret itself: a boolean switch, or a file path (where the secret lives). */
function isSettingValue(value: string): boolean {
  if (/^(?:true|false|yes|no|on|off|0|1)$/iu.test(value)) return true;
  return /^(?:~|\.{1,2})?\/\S*$/u.test(value);
}

/** A 40-hex OpenPGP fingerprint, or a 16-hex long key ID, with an optional `0x`. */
function isKeyFingerprint(token: string): boolean {
  const hex = token.startsWith("0x") || token.startsWith("0X") ? token.slice(2) : token;
  return (hex.length === 40 || hex.length === 16) && /^[\da-f]+$/iu.test(hex);
}

/**
 * True when the value lists public-key fingerprints (`GPG_KEYS="B42F… 0D96…"`),
 * whitespace- or comma-separated, or one fingerprint written in groups of four.
 */
function holdsFingerprints(value: string): boolean {
  const tokens = value.split(/[\s,]+/u).filter((token) => token !== "");
  if (tokens.length === 0) return false;
  if (tokens.every(isKeyFingerprint)) return true;
  return tokens.length === 10 && tokens.every((token) => /^[\da-f]{4}$/iu.test(token));
}

const rule: DockerfileRuleDefinition<{ RuleOptions: Options; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Disallow ARG and ENV names that carry secrets; mount them with `RUN --mount=type=secret` instead",
      url: docsUrl("no-secrets-in-build-args"),
    },
    schema: [
      {
        type: "object",
        properties: {
          allow: {
            type: "array",
            items: { type: "string", format: "regex" },
            uniqueItems: true,
            description:
              "Regular expression sources of names never to report, matched case-insensitively against the name as written and in snake_case. `allow` wins over `deny`.",
          },
          deny: {
            type: "array",
            items: { type: "string", format: "regex" },
            uniqueItems: true,
            description:
              "Regular expression sources of more names to report, matched like `allow`, whatever their words or value.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allow: [], deny: [] }],
    messages: {
      secretArg: "'{{name}}' looks like a secret ({{reason}}), and build argument values stay in the image history and build cache.",
      secretEnv: "'{{name}}' looks like a secret ({{reason}}), and an ENV value is readable by anyone who pulls the image.",
    },
  },

  create(context) {
    const [{ allow = [], deny = [] }] = context.options;
    const allowed = namePatternMatcher(allow, "allow");
    const denied = namePatternMatcher(deny, "deny");
    const { facts, positions, text } = context.sourceCode;

    /** Per stage, the RUN commands that write variables into credential files: where, which file, which variables. */
    const writesByStage = new Map<Stage, { start: number; file: string; names: ReadonlySet<string> }[]>();
    function credentialWrites(stage: Stage): { start: number; file: string; names: ReadonlySet<string> }[] {
      const cached = writesByStage.get(stage);
      if (cached) return cached;
      const writes: { start: number; file: string; names: ReadonlySet<string> }[] = [];
      for (const instruction of stage.instructions) {
        if (instruction.type !== "Run") continue;
        for (const cmd of facts.shellOf(instruction).commands) {
          for (const redirect of cmd.redirects) {
            const file = redirect.target && OUTPUT_REDIRECT.test(redirect.op) ? redirect.target.value : "";
            if (!CREDENTIAL_FILE.test(file)) continue;
            // The command's words and the heredoc bodies it reads (`cat > ~/.npmrc <<EOF`).
            const bodies = cmd.redirects.flatMap((r) => (r.heredoc && !r.heredoc.quoted ? [text.slice(r.heredoc.bodyStart, r.heredoc.bodyEnd)] : []));
            const written = [text.slice(cmd.start, cmd.end), ...bodies].join("\n");
            writes.push({ start: instruction.range[0], file, names: scanVariableReferences(written, { escapeChar: facts.escapeChar }).names });
          }
        }
      }
      writesByStage.set(stage, writes);
      return writes;
    }

    /** The credential file a later RUN of the stage writes the variable into, or null. */
    function credentialFileOf(node: ArgNode | EnvNode, name: string): string | null {
      const stage = facts.stageOf(node);
      if (!stage) return null;
      return credentialWrites(stage).find((write) => write.start > node.range[0] && write.names.has(name))?.file ?? null;
    }

    function check(node: ArgNode | EnvNode, name: string, value: string | null, range: Range): void {
      if (name === "" || allowed(name)) return;
      let reason: string;
      if (denied(name)) {
        reason = "it matches the 'deny' option";
      } else {
        // A rotation marker (`NPM_TOKEN_ROTATED_AT`) holds a date or a counter: secret-cache-bust asks for one.
        const word = isRotationMarker(name) ? null : secretWord(name);
        const resolved = value?.includes("$") ? facts.expand(value, node).value : value;
        const file = word === null ? credentialFileOf(node, name) : null;
        if (word !== null && !(resolved !== null && (holdsFingerprints(resolved) || isSettingValue(resolved)))) {
          reason = `the word '${word}'`;
        } else if (resolved !== null && hasUrlPassword(resolved)) {
          reason = "its value has a password in a URL";
        } else if (file !== null) {
          reason = `it is written to '${shorten(file, 32)}'`;
        } else {
          return;
        }
      }
      context.report({ loc: positions.locOf(range), messageId: node.type === "Arg" ? "secretArg" : "secretEnv", data: { name: shorten(name, 40), reason } });
    }

    return {
      Arg(node) {
        for (const declaration of argDeclarations(node)) {
          check(node, declaration.name, declaration.value === null ? null : unquoteWord(declaration.value, facts.escapeChar), declaration.nameRange);
        }
      },
      Env(node) {
        for (const pair of node.pairs) check(node, pair.key.value, pair.unquotedValue, pair.key.range);
      },
    };
  },
};

export default rule;
