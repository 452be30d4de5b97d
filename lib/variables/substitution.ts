/**
 * Variable substitution in Dockerfile instructions (not in shell-form RUN,
 * which the shell expands), with the rules of BuildKit's word lexer, and
 * where each variable is used. One engine serves the facts (values of ARG,
 * ENV, FROM lines) and the rules that must say *which* `$NAME` is wrong.
 *
 * The rules followed:
 * - `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`,
 *   `${NAME+word}`, `${NAME:?word}`, `${NAME?word}`, `${NAME#pat}`,
 *   `${NAME%pat}` (and `##`, `%%`), `${NAME/pat/repl}`, `${NAME//pat/repl}`.
 *   Every variable read counts as used, also inside a `word` that is not
 *   taken: BuildKit looks the variables of the word up before it chooses.
 * - `$` followed by a digit reads all digits (`$12`); `$` followed by one of
 *   `@ * # ? - $ ! 0` reads that one character (`$$`). These shell
 *   parameters are never defined in a Dockerfile: they read as empty.
 * - A `$` followed by anything else is a literal `$`.
 * - Outside quotes the escape character makes the next character literal.
 *   In single quotes nothing is special; in double quotes the escape
 *   character only escapes `"`, `$` and itself.
 * - With `processQuotes: false` (values already unquoted, COPY/ADD heredoc
 *   bodies) quotes are plain characters.
 *
 * A lookup may answer null: declared, but the value is only known at build
 * time (`ARG V` without default). Such a name reads as empty and is listed in
 * `unresolved` when the result depends on it; `${V:-word}` takes the word.
 *
 * Budgets, not trust: `ARG A1=${A0}${A0}` doubled 25 times is 569 bytes of
 * text and 2^25 copies of A0, and `${a:-${b:-…}}` can nest thousands deep.
 * Every call has a size budget (shared by all the expansions of one file when
 * the caller passes one) and a nesting limit; past either, the result is
 * unknown (`exceeded`), which rules treat like an ARG without default.
 */
import { fileOffsetOf, joinContinuations } from "../language/index.js";
import type { ExecArgumentNode, Range } from "../language/index.js";

/** A variable's value; null when declared without a known value; undefined when not declared. */
export type VariableLookup = (name: string) => string | null | undefined;

export interface WordReference {
  name: string;
  /** Offset of the `$` in the processed text. */
  start: number;
  /** Offset after the reference (after `}` for the braced form). */
  end: number;
  nameStart: number;
  nameEnd: number;
  braced: boolean;
  /** True when the lookup found the variable (declared, with or without a value). */
  found: boolean;
  /** True for shell parameters such as `$$`, `$1`, `$@`. */
  special: boolean;
}

export interface WordResult {
  /** The substituted text; empty when `error` is set. */
  value: string;
  references: WordReference[];
  /** Why BuildKit would reject the word (an unclosed quote, a bad `${…}`), or why it was not expanded; null otherwise. */
  error: string | null;
  /** Names whose value is unknown (declared without one, or not declared) and that the value depends on. */
  unresolved: string[];
  /** True when the size budget or the nesting limit stopped the expansion: the value is unknown. */
  exceeded: boolean;
}

/** The facts' view of a substitution: always a value, possibly built from unknowns. */
export interface Expansion {
  value: string;
  /** Names whose value is unknown (declared without a default, or not declared) and that the result depends on. */
  unresolved: string[];
  /** Names used that are not declared at all. */
  undeclared: string[];
  /** True when a budget stopped the expansion; `unresolved` is then never empty. */
  exceeded: boolean;
}

/** Characters one call may produce when the caller passes no budget. */
export const DEFAULT_EXPANSION_BUDGET = 1 << 20;
/** How deep `${a:-${b:-…}}` may nest; real Dockerfiles stay below 5. */
export const MAX_SUBSTITUTION_DEPTH = 64;

/** A number of characters that substitutions may still produce, shared by the calls that hold it. */
export class ExpansionBudget {
  #remaining: number;

  constructor(limit: number) {
    this.#remaining = limit;
  }

  get remaining(): number {
    return this.#remaining;
  }

  /** Takes `size` characters from the budget; false (and nothing taken) when they do not fit. */
  take(size: number): boolean {
    if (size > this.#remaining) {
      this.#remaining = 0;
      return false;
    }
    this.#remaining -= size;
    return true;
  }
}

export interface WordOptions {
  escapeChar?: string;
  /** Quotes group and protect text (default true). */
  processQuotes?: boolean;
  /** Characters this call may produce; a shared budget bounds several calls together. */
  budget?: ExpansionBudget;
}

interface ScanOptions {
  escape: string;
  quotes: boolean;
  /** Keep a malformed `${…}` as literal text instead of failing the word. */
  lenient: boolean;
  budget: ExpansionBudget;
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

/** BuildKit rejects the word. */
class WordError extends Error {}
/** A budget or the nesting limit stopped the expansion. */
class LimitError extends Error {}

class Scanner {
  readonly #text: string;
  readonly #lookup: VariableLookup;
  readonly #options: ScanOptions;
  #pos = 0;
  #depth = 0;
  readonly references: WordReference[] = [];
  readonly unresolved: string[] = [];

  constructor(text: string, lookup: VariableLookup, options: ScanOptions) {
    this.#text = text;
    this.#lookup = lookup;
    this.#options = options;
  }

  #peek(): string | undefined {
    return this.#text[this.#pos];
  }

  #next(): string | undefined {
    const ch = this.#text[this.#pos];
    if (ch !== undefined) this.#pos++;
    return ch;
  }

  /** Charges a looked-up value (the only text that can grow beyond the input) to the budget. */
  #produce(value: string): string {
    if (!this.#options.budget.take(value.length)) throw new LimitError("the expansion exceeds its size budget");
    return value;
  }

  /** Processes text until `stop` (consumed) or the end; `stop` undefined means the end. */
  processUntil(stop: string | undefined, rawEscapes: boolean): string {
    const escape = this.#options.escape;
    const quotes = this.#options.quotes;
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
      } else if (quotes && ch === "'") {
        out += this.#singleQuoted();
      } else if (quotes && ch === '"') {
        out += this.#doubleQuoted(rawEscapes);
      } else {
        this.#pos++;
        if (ch === escape) {
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
    const escape = this.#options.escape;
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
      if (ch === escape) {
        if (rawEscapes) out += ch;
        const after = this.#peek();
        if (after === undefined) continue;
        if (after === '"' || after === "$" || after === escape) {
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
      while (isDigit(this.#peek() ?? "")) this.#pos++;
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

  /** Records the reference and returns the variable's value: a string, null when unknown, undefined when not declared. */
  #use(name: string, special: boolean, start: number, nameStart: number, nameEnd: number, braced: boolean): string | null | undefined {
    const value = this.#lookup(name);
    this.references.push({ name, start, end: this.#pos, nameStart, nameEnd, braced, found: value !== undefined, special });
    // Shell parameters are never set in a Dockerfile: BuildKit reads them as empty.
    if (special) return value ?? "";
    return value;
  }

  /** The value of a plain reference; an unknown one reads as empty and is recorded. */
  #plain(name: string, value: string | null | undefined): string {
    if (value === null || value === undefined) {
      this.unresolved.push(name);
      return "";
    }
    return this.#produce(value);
  }

  #dollar(): string {
    const start = this.#pos;
    const references = this.references.length;
    const unresolved = this.unresolved.length;
    this.#depth++;
    try {
      if (this.#depth > MAX_SUBSTITUTION_DEPTH) throw new LimitError("variable substitutions are nested too deeply");
      return this.#substitution(start);
    } catch (error) {
      if (!(error instanceof WordError) || !this.#options.lenient) throw error;
      // Not a substitution BuildKit accepts: keep its `$` as text and read on.
      this.#pos = start + 1;
      this.references.length = references;
      this.unresolved.length = unresolved;
      return "$";
    } finally {
      this.#depth--;
    }
  }

  #substitution(start: number): string {
    this.#pos++;
    if (this.#peek() !== "{") {
      const nameStart = this.#pos;
      const { name, special } = this.#name();
      if (name === "") return "$";
      return this.#plain(name, this.#use(name, special, start, nameStart, this.#pos, false));
    }
    this.#pos++;
    const first = this.#peek();
    if (first === undefined) throw new WordError("syntax error: missing '}'");
    if (first === "{" || first === "}" || first === ":") throw new WordError("syntax error: bad substitution");
    const nameStart = this.#pos;
    const { name, special } = this.#name();
    const nameEnd = this.#pos;
    let operator = this.#next();
    if (operator === "}") return this.#plain(name, this.#use(name, special, start, nameStart, nameEnd, true));
    if (operator === "/") {
      const all = this.#peek() === "/";
      if (all) this.#pos++;
      const pattern = this.processUntil("/", true);
      const replacement = this.processUntil("}", true);
      const value = this.#plain(name, this.#use(name, special, start, nameStart, nameEnd, true));
      if (pattern === "" || !value.includes(pattern)) return value;
      if (!all) return this.#produce(value.replace(pattern, () => replacement));
      const pieces = value.split(pattern);
      // Charge what the replacements add before building the string.
      if (!this.#options.budget.take((pieces.length - 1) * replacement.length)) throw new LimitError("the expansion exceeds its size budget");
      return pieces.join(replacement);
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
    const unresolvedBefore = this.unresolved.length;
    const word = this.processUntil("}", trims);
    const wordUnresolved = this.unresolved.splice(unresolvedBefore);
    const value = this.#use(name, special, start, nameStart, nameEnd, true);
    // A declared name without a known value counts as unset: the word is what the build most likely sees.
    const set = value !== undefined && value !== null && !(colon && value === "");
    switch (operator) {
      case "-":
        if (set) return this.#produce(value);
        this.unresolved.push(...wordUnresolved);
        return word;
      case "+":
        if (value === null) {
          // Set or not depends on the build.
          this.unresolved.push(name);
          return "";
        }
        if (!set) return "";
        this.unresolved.push(...wordUnresolved);
        return word;
      case "?":
        if (set) return this.#produce(value);
        if (value === null || this.#options.lenient) return this.#plain(name, value);
        throw new WordError(`${name}: ${word === "" ? "is not allowed to be unset" : word}`);
      case "#":
      case "%":
        // Glob trimming is rare in Dockerfiles; the value is kept as is.
        return this.#plain(name, value);
      default:
        throw new WordError(`unsupported modifier (${colon ? ":" : ""}${operator}) in substitution`);
    }
  }
}

function scan(text: string, lookup: VariableLookup, options: ScanOptions): WordResult {
  const scanner = new Scanner(text, lookup, options);
  try {
    const value = scanner.processUntil(undefined, false);
    return { value, references: scanner.references, error: null, unresolved: [...new Set(scanner.unresolved)], exceeded: false };
  } catch (error) {
    if (error instanceof WordError) return { value: "", references: scanner.references, error: error.message, unresolved: [], exceeded: false };
    if (error instanceof LimitError) {
      const names = [...new Set([...scanner.unresolved, ...scanner.references.filter((reference) => !reference.special).map((reference) => reference.name)])];
      return { value: "", references: scanner.references, error: error.message, unresolved: names.length > 0 ? names : [""], exceeded: true };
    }
    throw error;
  }
}

/** Substitutes variables in one word as BuildKit does and lists every variable it reads. */
export function processWord(text: string, lookup: VariableLookup, options: WordOptions = {}): WordResult {
  return scan(text, lookup, {
    escape: options.escapeChar ?? "\\",
    quotes: options.processQuotes ?? true,
    lenient: false,
    budget: options.budget ?? new ExpansionBudget(DEFAULT_EXPANSION_BUDGET),
  });
}

/**
 * Substitutes ARG and ENV values into already unquoted text, for the facts: a
 * malformed `${…}` stays as text, and `${X:?}` of an unknown X reads as unknown.
 */
export function expandVariables(text: string, lookup: VariableLookup, escapeChar = "\\", budget?: ExpansionBudget): Expansion {
  const result = scan(text, lookup, { escape: escapeChar, quotes: false, lenient: true, budget: budget ?? new ExpansionBudget(DEFAULT_EXPANSION_BUDGET) });
  const undeclared = [...new Set(result.references.filter((reference) => !reference.found && !reference.special).map((reference) => reference.name))];
  return { value: result.value, unresolved: result.unresolved, undeclared, exceeded: result.exceeded };
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
 * True when the file text in `range` has a `$`: without one, a word references
 * no variable. It reads the range only, not on to the next `$` of the file,
 * which a file of many words and few `$` would make quadratic.
 */
export function mayReferenceVariables(source: string, range: Range): boolean {
  const end = Math.min(range[1], source.length);
  for (let i = range[0]; i < end; i++) if (source.charCodeAt(i) === 36) return true;
  return false;
}

/**
 * Processes the file text in `range` as one word, line continuations
 * removed; reference offsets are file offsets.
 */
export function processSourceRange(source: string, range: Range, escapeChar: string, lookup: VariableLookup, options: Omit<WordOptions, "escapeChar"> = {}): WordResult {
  const mapped = joinContinuations(source, range[0], range[1], escapeChar);
  const result = processWord(mapped.text, lookup, { ...options, escapeChar });
  return mapReferences(result, (offset) => fileOffsetOf(mapped, offset));
}

/**
 * Processes a string of an exec-form array. When the JSON string has no
 * escapes, references point into it; otherwise they cover the whole string.
 */
export function processExecString(source: string, node: ExecArgumentNode, escapeChar: string, lookup: VariableLookup, options: Omit<WordOptions, "escapeChar"> = {}): WordResult {
  const result = processWord(node.value, lookup, { ...options, escapeChar });
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
