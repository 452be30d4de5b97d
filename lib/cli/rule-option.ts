/**
 * The value of `--rule`, in the syntax of ESLint's own `--rule` (ESLint reads
 * it with levn's `Object` type, which it does not export):
 *
 *   dockerfile/pin-base-image: off
 *   dockerfile/pin-base-image: [error, {digest: always}]
 *   dockerfile/a: off, dockerfile/b: warn
 *   {"dockerfile/pin-base-image": ["error", {"digest": "always"}]}
 *
 * Braces around the top level are optional, strings may be bare words or
 * quoted with `"` or `'`, and bare `true`, `false`, `null` and numbers are
 * read as such. Whitespace separates nothing: `a b` is one word.
 */
import { UsageError } from "./errors.js";

type Punct = "{" | "}" | "[" | "]" | ":" | ",";
type Token =
  | { kind: "punct"; value: Punct }
  | { kind: "string"; value: string }
  | { kind: "word"; value: string };

const PUNCT = new Set<string>(["{", "}", "[", "]", ":", ","]);

function tokenize(text: string, fail: (why: string) => never): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? "";
    if (/\s/u.test(ch)) {
      i++;
    } else if (PUNCT.has(ch)) {
      tokens.push({ kind: "punct", value: ch as Punct });
      i++;
    } else if (ch === '"' || ch === "'") {
      // Rewritten as the body of a JSON string, whichever quote it had.
      let j = i + 1;
      let json = "";
      while (j < text.length && text[j] !== ch) {
        const c = text[j] ?? "";
        const next = text[j + 1];
        if (c === "\\" && next !== undefined) {
          json += next === "'" ? "'" : c + next;
          j += 2;
        } else {
          json += c === '"' ? '\\"' : c;
          j++;
        }
      }
      if (j >= text.length) fail("unterminated string");
      tokens.push({ kind: "string", value: decode(json, fail) });
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !PUNCT.has(text[j] ?? "") && text[j] !== '"' && text[j] !== "'") j++;
      tokens.push({ kind: "word", value: text.slice(i, j).trim() });
      i = j;
    }
  }
  return tokens;
}

function decode(json: string, fail: (why: string) => never): string {
  try {
    return JSON.parse(`"${json}"`) as string;
  } catch {
    return fail(`bad escape in "${json}"`);
  }
}

function wordValue(word: string): unknown {
  if (word === "true") return true;
  if (word === "false") return false;
  if (word === "null") return null;
  if (/^-?\d+(?:\.\d+)?$/u.test(word)) return Number(word);
  return word;
}

/** Parses one `--rule` value into a `rules` object. */
export function parseRuleOption(text: string): Record<string, unknown> {
  const fail = (why: string): never => {
    throw new UsageError(`invalid --rule '${text}': ${why}; expected 'plugin/rule: severity' or a JSON object`);
  };
  const tokens = tokenize(text, fail);
  let pos = 0;

  const peek = (): Token | undefined => tokens[pos];
  const isPunct = (value: string): boolean => {
    const token = peek();
    return token?.kind === "punct" && token.value === value;
  };
  const expect = (value: string): void => {
    if (!isPunct(value)) fail(`expected '${value}'`);
    pos++;
  };

  function parseValue(): unknown {
    const token = peek();
    if (token === undefined) return fail("missing value");
    if (token.kind === "punct") {
      if (token.value === "{") return parseObject();
      if (token.value === "[") return parseArray();
      return fail(`unexpected '${token.value}'`);
    }
    pos++;
    return token.kind === "string" ? token.value : wordValue(token.value);
  }

  function parseKey(): string {
    const token = peek();
    if (token === undefined || token.kind === "punct" || token.value === "") return fail("expected a rule name");
    pos++;
    return token.value;
  }

  function parseMembers(close: string | undefined): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    while (peek() !== undefined && !(close !== undefined && isPunct(close))) {
      const key = parseKey();
      expect(":");
      object[key] = parseValue();
      if (!isPunct(",")) break;
      pos++;
    }
    return object;
  }

  function parseObject(): Record<string, unknown> {
    expect("{");
    const object = parseMembers("}");
    expect("}");
    return object;
  }

  function parseArray(): unknown[] {
    expect("[");
    const array: unknown[] = [];
    while (!isPunct("]")) {
      array.push(parseValue());
      if (!isPunct(",")) break;
      pos++;
    }
    expect("]");
    return array;
  }

  const braced = isPunct("{");
  const rules = braced ? parseObject() : parseMembers(undefined);
  const rest = peek();
  if (rest !== undefined) fail(`unexpected '${rest.value}'`);
  if (Object.keys(rules).length === 0) fail("no rule given");
  return rules;
}

const SEVERITIES = new Set<unknown>([0, 1, 2, "off", "warn", "error"]);

/** Checks each entry is a severity, or an array that starts with one. */
export function checkRuleEntries(rules: Record<string, unknown>, text: string): void {
  for (const [name, entry] of Object.entries(rules)) {
    const severity: unknown = Array.isArray(entry) ? (entry as unknown[])[0] : entry;
    if (!SEVERITIES.has(severity)) {
      throw new UsageError(
        `invalid --rule '${text}': the severity of '${name}' must be off, warn or error (or 0, 1, 2)`,
      );
    }
  }
}
