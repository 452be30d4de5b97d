/**
 * Reading an exec-form argument that looks like a JSON array but is not
 * valid JSON (`CMD ['node', 'app.js']`, a trailing comma, a missing comma).
 * BuildKit then runs the whole text through a shell, which is never what
 * the author meant. jsonc-eslint-parser in JSON5 mode reads what was meant;
 * when every element is clear, the edits that make it a strict JSON array
 * of strings are returned.
 */
import { loadOnUse } from "../loading/index.js";

/** Loaded for the first exec form that is not valid JSON. */
const jsonParser = loadOnUse("jsonc-eslint-parser") as () => typeof import("jsonc-eslint-parser");

type Token =
  | { kind: "string"; quote: string; start: number; end: number }
  | { kind: "comma"; start: number; end: number }
  | { kind: "word"; start: number; end: number; text: string };

export interface TextEdit {
  /** Offsets into the text given to readLooseExecArray. */
  start: number;
  end: number;
  text: string;
}

export interface LooseExecArray {
  /** What makes it invalid JSON, in a few words, most telling first. */
  reasons: string[];
  /** True when an element is a number, boolean or null: BuildKit then fails the build instead of using a shell. */
  nonString: boolean;
  /** The edits to a strict JSON array of strings, or null when the meaning is not clear. */
  edits: TextEdit[] | null;
  /** The array as it reads after the edits, or null. */
  fixed: string | null;
}

function isSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\r";
}

const LITERALS = new Set(["true", "false", "null"]);
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:e[+-]?\d+)?$/iu;

/** Tokens between `[` and `]`, or null when a quote is not closed. */
function tokenize(text: string, from: number, to: number): Token[] | null {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const ch = text[i];
    if (isSpace(ch)) {
      i++;
    } else if (ch === ",") {
      tokens.push({ kind: "comma", start: i, end: i + 1 });
      i++;
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < to && text[j] !== ch) j += text[j] === "\\" ? 2 : 1;
      if (j >= to) return null;
      tokens.push({ kind: "string", quote: ch, start: i, end: j + 1 });
      i = j + 1;
    } else {
      let j = i;
      while (j < to && !isSpace(text[j]) && text[j] !== "," && text[j] !== '"' && text[j] !== "'") j++;
      tokens.push({ kind: "word", start: i, end: j, text: text.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

/** Backslash escapes whose meaning is the same in JSON5 and JSON, plus `\'`. */
function hasOnlyClearEscapes(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== "\\") continue;
    const next = raw[i + 1] ?? "";
    if (next === "u") {
      if (!/^[\da-f]{4}$/iu.test(raw.slice(i + 2, i + 6))) return false;
    } else if (!`"\\/bfnrt'`.includes(next) || next === "") {
      return false;
    }
    i++;
  }
  return true;
}

function isStrictJsonString(raw: string): boolean {
  if (!raw.startsWith('"')) return false;
  try {
    return typeof JSON.parse(raw) === "string";
  } catch {
    return false;
  }
}

function describe(tokens: Token[], text: string): { reasons: string[]; nonString: boolean } {
  const reasons = new Set<string>();
  let nonString = false;
  let previous: Token | null = null;
  for (const token of tokens) {
    if (token.kind === "string" && token.quote === "'") reasons.add("single quotes");
    if (token.kind === "string" && token.quote === '"' && !isStrictJsonString(text.slice(token.start, token.end))) {
      reasons.add("a string JSON does not allow (an unknown escape or a raw control character)");
    }
    if (token.kind === "word") {
      if (LITERALS.has(token.text) || JSON_NUMBER.test(token.text)) {
        nonString = true;
        reasons.add(`the element ${token.text}, which is not a string`);
      } else {
        reasons.add(`the unquoted word '${token.text}'`);
      }
    }
    if (token.kind === "comma" && (previous === null || previous.kind === "comma")) reasons.add("an empty element");
    if (token.kind !== "comma" && previous && previous.kind !== "comma") reasons.add("a missing comma");
    previous = token;
  }
  if (previous?.kind === "comma") reasons.add("a trailing comma");
  return { reasons: [...reasons], nonString };
}

function editsFor(text: string, tokens: Token[]): { edits: TextEdit[]; fixed: string } | null {
  let elements;
  try {
    const array = jsonParser().parseJSON(text, { jsonSyntax: "JSON5" }).body[0].expression;
    if (array.type !== "JSONArrayExpression") return null;
    elements = array.elements;
  } catch {
    return null;
  }
  const edits: TextEdit[] = [];
  for (const element of elements) {
    if (element?.type !== "JSONLiteral") return null;
    const [start, end] = element.range;
    const raw = text.slice(start, end);
    if (typeof element.value === "string") {
      if (isStrictJsonString(raw)) continue;
      if (!hasOnlyClearEscapes(raw)) return null;
      edits.push({ start, end, text: JSON.stringify(element.value) });
    } else if (typeof element.value === "number" && JSON_NUMBER.test(raw)) {
      edits.push({ start, end, text: JSON.stringify(raw) });
    } else {
      return null;
    }
  }
  const last = tokens.at(-1);
  if (last?.kind === "comma") edits.push({ start: last.start, end: last.end, text: "" });
  let fixed = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) fixed = fixed.slice(0, edit.start) + edit.text + fixed.slice(edit.end);
  try {
    const parsed: unknown = JSON.parse(fixed);
    if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === "string")) return null;
  } catch {
    return null;
  }
  return { edits, fixed };
}

/** `["a", "b"] # note`: a valid array followed by a would-be comment, which makes BuildKit use a shell. */
function trailingText(text: string, open: number): LooseExecArray | null {
  let i = open + 1;
  while (i < text.length && text[i] !== "]") {
    const ch = text[i];
    if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    }
    i++;
  }
  // Only a trailing `# comment`: `[ "$X" ] && …` is a shell test, not an array.
  if (i >= text.length || !text.slice(i + 1).trimStart().startsWith("#")) return null;
  try {
    const parsed: unknown = JSON.parse(text.slice(open, i + 1));
    if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((item) => typeof item === "string")) return null;
  } catch {
    return null;
  }
  return { reasons: ["text after the closing ']': a Dockerfile has no end-of-line comments"], nonString: false, edits: null, fixed: null };
}

/**
 * Reads text that BuildKit did not accept as a JSON array of strings. Returns
 * null unless it looks like one: `[` … `]` holding commas, or nothing but
 * quoted strings (so `[ -f x ]` and `[ "$a" = b ]`, which are shell tests,
 * do not count).
 */
export function readLooseExecArray(text: string): LooseExecArray | null {
  let open = 0;
  while (open < text.length && isSpace(text[open])) open++;
  let close = text.length - 1;
  while (close > open && isSpace(text[close])) close--;
  if (text[open] !== "[" || close <= open) return null;
  if (text[close] !== "]") return trailingText(text, open);
  const tokens = tokenize(text, open + 1, close);
  if (!tokens) return null;
  const strings = tokens.filter((token) => token.kind === "string").length;
  const commas = tokens.filter((token) => token.kind === "comma").length;
  const words = tokens.filter((token) => token.kind === "word").length;
  if ((strings === 0 && commas === 0) || (commas === 0 && words > 0)) return null;
  const { reasons, nonString } = describe(tokens, text);
  const result = editsFor(text, tokens);
  return {
    reasons: reasons.length > 0 ? reasons : ["text that is not valid JSON"],
    nonString,
    edits: result?.edits ?? null,
    fixed: result?.fixed ?? null,
  };
}
