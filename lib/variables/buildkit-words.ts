/**
 * Variable substitution in one Dockerfile word, with the rules of BuildKit's
 * word lexer, and where each variable is used. Rules that must say *which*
 * `$NAME` is wrong (undefined variables, FROM arguments) need positions,
 * which `lib/variables.ts` does not keep.
 *
 * The rules followed:
 * - `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`,
 *   `${NAME+word}`, `${NAME:?word}`, `${NAME?word}`, `${NAME#pat}`,
 *   `${NAME%pat}` (and `##`, `%%`), `${NAME/pat/repl}`, `${NAME//pat/repl}`.
 *   Every variable read counts as used, also inside a `word` that is not
 *   taken: BuildKit looks the variables of the word up before it chooses.
 * - `$` followed by a digit reads all digits (`$12`); `$` followed by one of
 *   `@ * # ? - $ ! 0` reads that one character (`$$`). These shell
 *   parameters are never defined in a Dockerfile.
 * - A `$` followed by anything else is a literal `$`.
 * - Outside quotes the escape character makes the next character literal.
 *   In single quotes nothing is special; in double quotes the escape
 *   character only escapes `"`, `$` and itself.
 * - With `processQuotes: false` (COPY/ADD heredoc bodies) quotes are plain
 *   characters.
 */
import { joinContinuations } from "../language/index.js";
import type { ExecArgumentNode, Range } from "../language/index.js";

/** A variable's value, or undefined when it is not set. */
export type WordLookup = (name: string) => string | undefined;

export interface WordReference {
  name: string;
  /** Offset of the `$` in the processed text. */
  start: number;
  /** Offset after the reference (after `}` for the braced form). */
  end: number;
  nameStart: number;
  nameEnd: number;
  braced: boolean;
  /** True when the lookup found the variable. */
  found: boolean;
  /** True for shell parameters such as `$$`, `$1`, `$@`. */
  special: boolean;
}

export interface WordResult {
  value: string;
  references: WordReference[];
  /** Why BuildKit would reject the word (an unclosed quote, a bad `${…}`), or null. */
  error: string | null;
}

export interface WordOptions {
  escapeChar?: string;
  /** Quotes group and protect text (default true). */
  processQuotes?: boolean;
}

const SPECIAL_PARAMETERS = new Set(["@", "*", "#", "?", "-", "$", "!", "0"]);

function isDigit(ch: string): boolean {
  return ch >= "0" && ch <= "9";
}

function isNameChar(ch: string): boolean {
  const code = ch.charCodeAt(0);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95;
  return /^\p{L}$/u.test(ch);
}

class WordError extends Error {}

class WordScanner {
  readonly #text: string;
  readonly #lookup: WordLookup;
  readonly #escape: string;
  readonly #quotes: boolean;
  #pos = 0;
  readonly references: WordReference[] = [];

  constructor(text: string, lookup: WordLookup, escape: string, quotes: boolean) {
    this.#text = text;
    this.#lookup = lookup;
    this.#escape = escape;
    this.#quotes = quotes;
  }

  #peek(): string | undefined {
    return this.#text[this.#pos];
  }

  #next(): string | undefined {
    const ch = this.#text[this.#pos];
    if (ch !== undefined) this.#pos++;
    return ch;
  }

  /** Processes text until `stop` (consumed) or the end; `stop` undefined means the end. */
  processUntil(stop: string | undefined, rawEscapes: boolean): string {
    let out = "";
    for (;;) {
      const ch = this.#peek();
      if (ch === undefined) break;
      if (stop !== undefined && ch === stop) {
        this.#pos++;
        return out;
      }
      if (ch === "$") {
        out += this.#dollar();
      } else if (this.#quotes && ch === "'") {
        out += this.#singleQuoted();
      } else if (this.#quotes && ch === '"') {
        out += this.#doubleQuoted(rawEscapes);
      } else {
        this.#pos++;
        if (ch === this.#escape) {
          if (rawEscapes) out += ch;
          const escaped = this.#next();
          if (escaped === undefined) break;
          out += escaped;
        } else {
          out += ch;
        }
      }
    }
    if (stop !== undefined) throw new WordError(`unexpected end of statement while looking for matching ${stop}`);
    return out;
  }

  #singleQuoted(): string {
    this.#pos++;
    const close = this.#text.indexOf("'", this.#pos);
    if (close < 0) throw new WordError("unexpected end of statement while looking for matching single-quote");
    const out = this.#text.slice(this.#pos, close);
    this.#pos = close + 1;
    return out;
  }

  #doubleQuoted(rawEscapes: boolean): string {
    this.#pos++;
    let out = "";
    for (;;) {
      const ch = this.#peek();
      if (ch === undefined) throw new WordError("unexpected end of statement while looking for matching double-quote");
      if (ch === '"') {
        this.#pos++;
        return out;
      }
      if (ch === "$") {
        out += this.#dollar();
        continue;
      }
      this.#pos++;
      if (ch === this.#escape) {
        if (rawEscapes) out += ch;
        const after = this.#peek();
        if (after === undefined) continue;
        if (after === '"' || after === "$" || after === this.#escape) {
          this.#pos++;
          out += after;
          continue;
        }
      }
      out += ch;
    }
  }

  #name(): { name: string; special: boolean } {
    const first = this.#peek();
    if (first === undefined) return { name: "", special: false };
    if (isDigit(first)) {
      const start = this.#pos;
      while (this.#peek() !== undefined && isDigit(this.#peek() ?? "")) this.#pos++;
      return { name: this.#text.slice(start, this.#pos), special: true };
    }
    if (SPECIAL_PARAMETERS.has(first)) {
      this.#pos++;
      return { name: first, special: true };
    }
    const start = this.#pos;
    while (this.#peek() !== undefined && isNameChar(this.#peek() ?? "")) this.#pos++;
    return { name: this.#text.slice(start, this.#pos), special: false };
  }

  #use(name: string, special: boolean, start: number, nameStart: number, nameEnd: number, braced: boolean): WordReference {
    const value = this.#lookup(name);
    const reference: WordReference = { name, start, end: this.#pos, nameStart, nameEnd, braced, found: value !== undefined, special };
    this.references.push(reference);
    return reference;
  }

  #dollar(): string {
    const start = this.#pos;
    this.#pos++;
    if (this.#peek() !== "{") {
      const nameStart = this.#pos;
      const { name, special } = this.#name();
      if (name === "") return "$";
      this.#use(name, special, start, nameStart, this.#pos, false);
      return this.#lookup(name) ?? "";
    }
    this.#pos++;
    const first = this.#peek();
    if (first === undefined) throw new WordError("syntax error: missing '}'");
    if (first === "{" || first === "}" || first === ":") throw new WordError("syntax error: bad substitution");
    const nameStart = this.#pos;
    const { name, special } = this.#name();
    const nameEnd = this.#pos;
    let operator = this.#next();
    if (operator === "}") {
      this.#use(name, special, start, nameStart, nameEnd, true);
      return this.#lookup(name) ?? "";
    }
    if (operator === "/") {
      const all = this.#peek() === "/";
      if (all) this.#pos++;
      const pattern = this.processUntil("/", true);
      const replacement = this.processUntil("}", true);
      this.#use(name, special, start, nameStart, nameEnd, true);
      const value = this.#lookup(name) ?? "";
      if (pattern === "") return value;
      return all ? value.split(pattern).join(replacement) : value.replace(pattern, () => replacement);
    }
    let colon = false;
    if (operator === ":") {
      colon = true;
      operator = this.#next();
    }
    if (operator === undefined) throw new WordError("syntax error: missing '}'");
    if (!colon && !["+", "-", "?", "#", "%"].includes(operator)) {
      throw new WordError(`unsupported modifier (${operator}) in substitution`);
    }
    const trims = operator === "#" || operator === "%";
    if (colon && trims) throw new WordError(`unsupported modifier (:${operator}) in substitution`);
    const word = this.processUntil("}", trims);
    this.#use(name, special, start, nameStart, nameEnd, true);
    const value = this.#lookup(name);
    const set = value !== undefined && !(colon && value === "");
    switch (operator) {
      case "-":
        return set ? value : word;
      case "+":
        return set ? word : "";
      case "?":
        if (!set) throw new WordError(`${name}: ${word === "" ? "is not allowed to be unset" : word}`);
        return value;
      case "#":
      case "%":
        // Glob trimming is rare in Dockerfiles; the value is kept as is.
        return value ?? "";
      default:
        throw new WordError(`unsupported modifier (${colon ? ":" : ""}${operator}) in substitution`);
    }
  }
}

/** Substitutes variables in one word and lists every variable it reads. */
export function processWord(text: string, lookup: WordLookup, options: WordOptions = {}): WordResult {
  const scanner = new WordScanner(text, lookup, options.escapeChar ?? "\\", options.processQuotes ?? true);
  try {
    const value = scanner.processUntil(undefined, false);
    return { value, references: scanner.references, error: null };
  } catch (error) {
    if (error instanceof WordError) return { value: "", references: scanner.references, error: error.message };
    throw error;
  }
}

/** Maps offsets of a processed text back to file offsets. */
function mapReferences(result: WordResult, toFile: (offset: number) => number): WordResult {
  const references = result.references.map((reference) => ({
    ...reference,
    start: toFile(reference.start),
    end: toFile(reference.end - 1) + 1,
    nameStart: toFile(reference.nameStart),
    nameEnd: reference.nameEnd > reference.nameStart ? toFile(reference.nameEnd - 1) + 1 : toFile(reference.nameStart),
  }));
  return { ...result, references };
}

/**
 * Processes the file text in `range` as one word, line continuations
 * removed; reference offsets are file offsets.
 */
export function processSourceRange(source: string, range: Range, escapeChar: string, lookup: WordLookup, options: Omit<WordOptions, "escapeChar"> = {}): WordResult {
  const mapped = joinContinuations(source, range[0], range[1], escapeChar);
  const result = processWord(mapped.text, lookup, { ...options, escapeChar });
  return mapReferences(result, (offset) => mapped.offsets[offset] ?? range[1]);
}

/**
 * Processes a string of an exec-form array. When the JSON string has no
 * escapes, references point into it; otherwise they cover the whole string.
 */
export function processExecString(source: string, node: ExecArgumentNode, escapeChar: string, lookup: WordLookup): WordResult {
  const result = processWord(node.value, lookup, { escapeChar });
  const inner = source.slice(node.range[0] + 1, node.range[1] - 1);
  if (inner === node.value) return mapReferences(result, (offset) => node.range[0] + 1 + offset);
  return {
    ...result,
    references: result.references.map((reference) => ({
      ...reference,
      start: node.range[0],
      end: node.range[1],
      nameStart: node.range[0],
      nameEnd: node.range[0],
    })),
  };
}
