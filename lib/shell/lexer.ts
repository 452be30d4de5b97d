/**
 * The scanner half of the shell parser: tokens, words with their quotes and
 * expansions, and heredoc bodies. It scans each character once with
 * hand-written loops (no regular expressions), so it runs in linear time.
 *
 * Command substitutions are parsed where the scanner finds them, by the
 * parser on the same text (`parseSubstitution`), which is how shells find the
 * closing `)`: a `case` pattern's `)` inside `$(…)` does not close it. Derived
 * texts (backtick contents, heredoc scripts) get a parser of their own over a
 * `ShellSource` that maps their offsets back to the outer script.
 */
import { assignmentPrefix, decodeAnsiEscape } from "./chars.js";
import type { ShellSource } from "./source.js";
import type { ShellContext, ShellHeredoc, ShellWord, SimpleCommand } from "./types.js";

// Character codes and classes: the scanner's loops use them per character,
// and module-local constants stay cheap under every module loader.
const TAB = 9;
export const NL = 10;
export const CR = 13;
const SPACE = 32;
const BANG = 33;
export const DQUOTE = 34;
const HASH = 35;
export const DOLLAR = 36;
export const AMP = 38;
export const SQUOTE = 39;
export const LPAREN = 40;
export const RPAREN = 41;
const DASH = 45;
const DIGIT0 = 48;
const DIGIT9 = 57;
export const SEMI = 59;
export const LT = 60;
export const GT = 62;
const LBRACKET = 91;
export const BACKSLASH = 92;
const RBRACKET = 93;
export const BACKTICK = 96;
const LBRACE = 123;
export const PIPE = 124;
const RBRACE = 125;

/** Bit flags per ASCII code unit; code units >= 128 are ordinary word characters. */
const META = 1; // ends a word: blanks, newline and operator characters
const SPECIAL = 2; // starts a quote, escape or expansion inside a word
const NAME_START = 4;
const NAME_PART = 8;

const table = new Uint8Array(128);
function mark(chars: string, flags: number): void {
  for (let i = 0; i < chars.length; i++) {
    const c = chars.charCodeAt(i);
    table[c] = (table[c] ?? 0) | flags;
  }
}
mark(" \t\n;&|()<>", META);
// CR is special so that word scanning can end a word at a CRLF line end.
mark("\\'\"$`\r", SPECIAL);
mark("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_", NAME_START | NAME_PART);
mark("0123456789", NAME_PART);

function isMeta(c: number): boolean {
  return c < 128 && ((table[c] ?? 0) & META) !== 0;
}

/** A character that neither ends a word nor needs special scanning. */
function isPlain(c: number): boolean {
  // NaN (past the end) is not plain, so scanning loops stop at the end.
  if (c >= 128) return true;
  return c >= 0 && ((table[c] ?? META) & (META | SPECIAL)) === 0;
}

function isNameStart(c: number): boolean {
  return c < 128 && ((table[c] ?? 0) & NAME_START) !== 0;
}

function isNamePart(c: number): boolean {
  return c < 128 && ((table[c] ?? 0) & NAME_PART) !== 0;
}

export function isDigit(c: number): boolean {
  return c >= DIGIT0 && c <= DIGIT9;
}

/** `$?`, `$$`, `$!`, `$#`, `$@`, `$*`, `$-` and positional `$0`…`$9`. */
function isSpecialParam(c: number): boolean {
  return c === 63 || c === DOLLAR || c === BANG || c === HASH || c === 64 || c === 42 || c === DASH || isDigit(c);
}

/** Deeper nesting is garbage or an attack; past it, constructs are skipped, not parsed, to bound the stack. */
const MAX_NESTING = 100;
const MAX_ERRORS = 100;

/** State shared by every parser working on one `parseShell` call. */
export interface Shared {
  commands: SimpleCommand[];
  errors: { message: string; offset: number }[];
  nesting: number;
  nestingReported: boolean;
  /**
   * `$((` may turn out to be `$( (…) )`, found only by scanning ahead; this
   * budget caps the characters such look-aheads may scan, keeping crafted
   * input linear.
   */
  arithmeticBudget: number;
}

export type TokenKind = "word" | "op" | "redir" | "newline" | "end";

export interface Token {
  kind: TokenKind;
  /** Operator text (`&&`, `(`, `2>&`, …); empty for words. */
  op: string;
  /** Local range in the parser's text. */
  ls: number;
  le: number;
  word: ShellWord | null;
}

/** A word being scanned. */
export interface WordAcc {
  value: string;
  quoted: boolean;
  dynamic: boolean;
}

export interface PendingHeredoc {
  heredoc: ShellHeredoc;
  op: string;
  stripTabs: boolean;
  delimiter: string;
  /** Local offset of the `<<` operator, for errors. */
  opAt: number;
  read: boolean;
  /** Local body range, once read. */
  ls: number;
  le: number;
  /** What to do with the body: decided when the command is complete, done once the body is read too. */
  action: "script" | "expand" | "none" | null;
  context: ShellContext;
  depth: number;
}

export function newAcc(): WordAcc {
  return { value: "", quoted: false, dynamic: false };
}

/**
 * Tokens and words of one text. The grammar lives in the `Parser` subclass,
 * which the scanner calls back for substitutions and nested scripts.
 */
export abstract class Scanner {
  protected readonly shared: Shared;
  protected readonly source: ShellSource;
  protected readonly src: string;
  protected readonly len: number;
  protected pos = 0;
  protected peeked: Token | null = null;
  /** Heredocs whose bodies start after the next newline, in order. */
  protected pendingHeredocs: PendingHeredoc[] = [];
  protected context: ShellContext;
  protected depth: number;
  protected condition = false;

  constructor(shared: Shared, source: ShellSource, context: ShellContext, depth: number) {
    this.shared = shared;
    this.source = source;
    this.src = source.text;
    this.len = source.text.length;
    this.context = context;
    this.depth = depth;
  }

  // ---------------------------------------------------------------- helpers

  protected error(message: string, local: number): void {
    const errors = this.shared.errors;
    if (errors.length < MAX_ERRORS) {
      errors.push({ message, offset: this.source.startAt(Math.min(Math.max(local, 0), this.len)) });
    } else if (errors.length === MAX_ERRORS) {
      errors.push({ message: "too many errors; the rest are not reported", offset: this.source.startAt(Math.min(local, this.len)) });
    }
  }

  protected enterNesting(local: number): boolean {
    if (this.shared.nesting >= MAX_NESTING) {
      if (!this.shared.nestingReported) {
        this.shared.nestingReported = true;
        this.error("nesting too deep; inner constructs are not parsed", local);
      }
      return false;
    }
    this.shared.nesting++;
    return true;
  }

  protected leaveNesting(): void {
    this.shared.nesting--;
  }

  protected code(i: number): number {
    return this.src.charCodeAt(i);
  }

  protected makeWord(ls: number, le: number, acc: WordAcc): ShellWord {
    return {
      start: this.source.startAt(ls),
      end: this.source.endAt(le),
      raw: this.src.slice(ls, le),
      value: acc.value,
      quoted: acc.quoted,
      dynamic: acc.dynamic,
    };
  }

  // ------------------------------------------------------------------ lexer

  /** Skips blanks, line continuations and comments (a `#` where a token would start). */
  protected skipBlanks(): void {
    for (;;) {
      const c = this.code(this.pos);
      if (c === SPACE || c === TAB) {
        this.pos++;
      } else if (c === BACKSLASH && this.code(this.pos + 1) === NL) {
        this.pos += 2;
      } else if (c === BACKSLASH && this.code(this.pos + 1) === CR && this.code(this.pos + 2) === NL) {
        this.pos += 3;
      } else if (c === CR && this.code(this.pos + 1) === NL) {
        this.pos++;
      } else if (c === HASH) {
        const nl = this.src.indexOf("\n", this.pos);
        this.pos = nl < 0 ? this.len : nl;
      } else {
        return;
      }
    }
  }

  protected peek(): Token {
    this.peeked ??= this.lex();
    return this.peeked;
  }

  protected next(): Token {
    const t = this.peek();
    this.peeked = null;
    return t;
  }

  private token(kind: TokenKind, op: string, ls: number, le: number): Token {
    this.pos = le;
    return { kind, op, ls, le, word: null };
  }

  /** The redirection operator starting with `<` or `>` at `i`. */
  private redirectOpAt(i: number): string {
    const c = this.code(i);
    const n = this.code(i + 1);
    if (c === LT) {
      if (n === LT) {
        const n2 = this.code(i + 2);
        if (n2 === LT) return "<<<";
        if (n2 === 45) return "<<-";
        return "<<";
      }
      if (n === GT) return "<>";
      if (n === AMP) return "<&";
      return "<";
    }
    if (n === GT) return ">>";
    if (n === PIPE) return ">|";
    if (n === AMP) return ">&";
    return ">";
  }

  private lex(): Token {
    this.skipBlanks();
    const p = this.pos;
    if (p >= this.len) {
      if (this.pendingHeredocs.length > 0) this.readHeredocs();
      return this.token("end", "", this.len, this.len);
    }
    const c = this.code(p);
    const n = this.code(p + 1);
    switch (c) {
      case NL: {
        const t = this.token("newline", "\n", p, p + 1);
        if (this.pendingHeredocs.length > 0) this.readHeredocs();
        return t;
      }
      case SEMI:
        if (n === SEMI) return this.code(p + 2) === AMP ? this.token("op", ";;&", p, p + 3) : this.token("op", ";;", p, p + 2);
        if (n === AMP) return this.token("op", ";&", p, p + 2);
        return this.token("op", ";", p, p + 1);
      case AMP:
        if (n === AMP) return this.token("op", "&&", p, p + 2);
        if (n === GT) return this.code(p + 2) === GT ? this.token("redir", "&>>", p, p + 3) : this.token("redir", "&>", p, p + 2);
        return this.token("op", "&", p, p + 1);
      case PIPE:
        if (n === PIPE) return this.token("op", "||", p, p + 2);
        if (n === AMP) return this.token("op", "|&", p, p + 2);
        return this.token("op", "|", p, p + 1);
      case LPAREN:
        return this.token("op", "(", p, p + 1);
      case RPAREN:
        return this.token("op", ")", p, p + 1);
      case LT:
      case GT: {
        if (n === LPAREN) return this.scanWord(false);
        const op = this.redirectOpAt(p);
        return this.token("redir", op, p, p + op.length);
      }
      default:
        break;
    }
    if (isDigit(c)) {
      // `2>file`, `2>&1`: digits right before a redirection are its fd.
      let j = p + 1;
      while (isDigit(this.code(j))) j++;
      const d = this.code(j);
      if ((d === LT || d === GT) && this.code(j + 1) !== LPAREN) {
        const op = this.src.slice(p, j) + this.redirectOpAt(j);
        return this.token("redir", op, p, p + op.length);
      }
    }
    return this.scanWord(false);
  }

  /**
   * Scans a word from `pos`. In `regex` mode (the right side of `=~` in
   * `[[ ]]`) only blanks and newlines end it.
   */
  protected scanWord(regex: boolean): Token {
    const start = this.pos;
    const acc = newAcc();
    // Just past the last part that is not a line continuation, so a word never ends with `\<newline>`.
    let contentEnd = start;
    const src = this.src;
    while (this.pos < this.len) {
      const c = this.code(this.pos);
      if (isPlain(c)) {
        let j = this.pos + 1;
        while (isPlain(src.charCodeAt(j))) j++;
        acc.value += src.slice(this.pos, j);
        this.pos = j;
        contentEnd = j;
        continue;
      }
      switch (c) {
        case BACKSLASH: {
          const n = this.code(this.pos + 1);
          if (n === NL) {
            this.pos += 2;
            continue;
          }
          if (n === CR && this.code(this.pos + 2) === NL) {
            this.pos += 3;
            continue;
          }
          if (this.pos + 1 >= this.len) {
            acc.value += "\\";
            this.pos++;
          } else {
            acc.value += src.charAt(this.pos + 1);
            acc.quoted = true;
            this.pos += 2;
          }
          break;
        }
        case SQUOTE:
          this.scanSingle(acc);
          break;
        case DQUOTE:
          this.scanDouble(acc);
          break;
        case DOLLAR:
          this.scanDollar(acc, false);
          break;
        case BACKTICK:
          this.scanBacktick(acc, false);
          break;
        case CR:
          if (this.code(this.pos + 1) === NL) return this.finishWord(start, contentEnd, acc);
          acc.value += "\r";
          this.pos++;
          break;
        default:
          if (regex && c !== SPACE && c !== TAB && c !== NL) {
            acc.value += src.charAt(this.pos);
            this.pos++;
          } else if (c === LPAREN && this.pos > start && assignmentPrefix(src.slice(start, this.pos)) === this.pos - start) {
            this.scanArray(acc);
          } else if ((c === LT || c === GT) && this.pos === start && this.code(this.pos + 1) === LPAREN) {
            // Process substitution `<(cmd)` / `>(cmd)`.
            this.pos += 2;
            this.parseSubstitution(start);
            acc.value += src.slice(start, this.pos);
            acc.dynamic = true;
          } else {
            return this.finishWord(start, contentEnd, acc);
          }
      }
      contentEnd = this.pos;
    }
    return this.finishWord(start, contentEnd, acc);
  }

  private finishWord(start: number, contentEnd: number, acc: WordAcc): Token {
    if (this.pos === start) {
      // Never return an empty token: take the character as a word of its own.
      this.pos++;
      contentEnd = this.pos;
      acc.value = this.src.slice(start, this.pos);
    }
    const end = Math.max(contentEnd, start + 1);
    return { kind: "word", op: "", ls: start, le: end, word: this.makeWord(start, end, acc) };
  }

  private scanSingle(acc: WordAcc): void {
    const open = this.pos;
    const close = this.src.indexOf("'", open + 1);
    acc.quoted = true;
    if (close < 0) {
      this.error("unterminated single quote", open);
      acc.value += this.src.slice(open + 1);
      this.pos = this.len;
    } else {
      acc.value += this.src.slice(open + 1, close);
      this.pos = close + 1;
    }
  }

  /** `"…"`: backslash escapes only `$`, backquote, `"`, `\` and newline. */
  private scanDouble(acc: WordAcc): void {
    const open = this.pos;
    const src = this.src;
    this.pos++;
    acc.quoted = true;
    while (this.pos < this.len) {
      const c = this.code(this.pos);
      if (c === DQUOTE) {
        this.pos++;
        return;
      }
      if (c === BACKSLASH) {
        const n = this.code(this.pos + 1);
        if (n === DOLLAR || n === BACKTICK || n === DQUOTE || n === BACKSLASH) {
          acc.value += src.charAt(this.pos + 1);
          this.pos += 2;
        } else if (n === NL) {
          this.pos += 2;
        } else if (n === CR && this.code(this.pos + 2) === NL) {
          this.pos += 3;
        } else {
          acc.value += "\\";
          this.pos++;
        }
      } else if (c === DOLLAR) {
        this.scanDollar(acc, true);
      } else if (c === BACKTICK) {
        this.scanBacktick(acc, true);
      } else {
        let j = this.pos + 1;
        for (;;) {
          const d = src.charCodeAt(j);
          if (d === DQUOTE || d === BACKSLASH || d === DOLLAR || d === BACKTICK || j >= this.len) break;
          j++;
        }
        acc.value += src.slice(this.pos, j);
        this.pos = j;
      }
    }
    this.error("unterminated double quote", open);
  }

  /** `$'…'`: ANSI-C quoting, decoded. */
  private scanAnsiC(acc: WordAcc): void {
    const open = this.pos;
    this.pos += 2;
    acc.quoted = true;
    while (this.pos < this.len) {
      const c = this.code(this.pos);
      if (c === SQUOTE) {
        this.pos++;
        return;
      }
      if (c === BACKSLASH) {
        const escape = decodeAnsiEscape(this.src, this.pos);
        acc.value += escape.text;
        this.pos += escape.length;
      } else {
        acc.value += this.src.charAt(this.pos);
        this.pos++;
      }
    }
    this.error("unterminated $'…' string", open);
  }

  /** Any `$` form at `pos`. Expansions go into the value verbatim. */
  private scanDollar(acc: WordAcc, inDouble: boolean): void {
    const start = this.pos;
    const n = this.code(start + 1);
    if (n === SQUOTE && !inDouble) {
      this.scanAnsiC(acc);
      return;
    }
    if (n === DQUOTE && !inDouble) {
      // `$"…"` (locale translation) is a double-quoted string.
      this.pos++;
      this.scanDouble(acc);
      return;
    }
    if (n === LPAREN) {
      if (this.code(start + 2) === LPAREN) {
        const end = this.tryArithmetic(start + 3);
        if (end >= 0) {
          this.scanArithmeticContent(start + 3, end);
          acc.value += this.src.slice(start, this.pos);
          acc.dynamic = true;
          return;
        }
      }
      this.pos = start + 2;
      this.parseSubstitution(start);
    } else if (n === LBRACE) {
      this.pos = start + 2;
      this.scanParameter(start, inDouble);
    } else if (n === LBRACKET) {
      // `$[…]`, the obsolete arithmetic form.
      this.pos = start + 2;
      this.skipBalanced(LBRACKET, RBRACKET, start);
    } else if (isNameStart(n)) {
      let j = start + 2;
      while (isNamePart(this.code(j))) j++;
      this.pos = j;
    } else if (isSpecialParam(n)) {
      this.pos = start + 2;
    } else {
      acc.value += "$";
      this.pos = start + 1;
      return;
    }
    acc.value += this.src.slice(start, this.pos);
    acc.dynamic = true;
  }

  /** `${…}` from just after the brace: nested quotes and expansions are scanned, and their commands parsed. */
  private scanParameter(start: number, inDouble: boolean): void {
    if (!this.enterNesting(start)) {
      this.skipBalanced(LBRACE, RBRACE, start);
      return;
    }
    const scratch = newAcc();
    while (this.pos < this.len) {
      const c = this.code(this.pos);
      if (c === RBRACE) {
        this.pos++;
        this.leaveNesting();
        return;
      }
      if (c === BACKSLASH) this.pos += 2;
      else if (c === SQUOTE && !inDouble) this.scanSingle(scratch);
      else if (c === DQUOTE) this.scanDouble(scratch);
      else if (c === DOLLAR) this.scanDollar(scratch, inDouble);
      else if (c === BACKTICK) this.scanBacktick(scratch, inDouble);
      else this.pos++;
    }
    this.pos = Math.min(this.pos, this.len);
    this.error("unterminated ${…}", start);
    this.leaveNesting();
  }

  /**
   * Skips to the bracket closing the one just before `pos`, without parsing
   * what is inside: the fallback past the nesting limit.
   */
  protected skipBalanced(open: number, close: number, start: number): void {
    let depth = 1;
    while (this.pos < this.len) {
      const c = this.code(this.pos);
      if (c === BACKSLASH) {
        this.pos += 2;
        continue;
      }
      if (c === SQUOTE) {
        const q = this.src.indexOf("'", this.pos + 1);
        this.pos = q < 0 ? this.len : q + 1;
        continue;
      }
      this.pos++;
      if (c === open) depth++;
      else if (c === close && --depth === 0) return;
    }
    this.pos = this.len;
    this.error(`unterminated "${String.fromCharCode(open)}"`, start);
  }

  /**
   * From just after `((` / `$((`: the index just past the matching `))`, or
   * -1 when the parentheses close otherwise, which makes it a command
   * substitution or subshell starting with a subshell: `$( (a) ; b)`.
   */
  protected tryArithmetic(from: number): number {
    if (this.shared.arithmeticBudget <= 0) return -1;
    let depth = 0;
    let i = from;
    let result = -1;
    while (i < this.len) {
      const c = this.code(i);
      if (c === LPAREN) {
        depth++;
      } else if (c === RPAREN) {
        if (depth === 0) {
          if (this.code(i + 1) === RPAREN) result = i + 2;
          break;
        }
        depth--;
      } else if (c === BACKSLASH) {
        i++;
      } else if (c === SQUOTE) {
        const q = this.src.indexOf("'", i + 1);
        if (q < 0) break;
        i = q;
      } else if (c === DQUOTE) {
        i++;
        while (i < this.len && this.code(i) !== DQUOTE) i += this.code(i) === BACKSLASH ? 2 : 1;
      }
      i++;
    }
    this.shared.arithmeticBudget -= i - from + 1;
    return result;
  }

  /** Parses the substitutions inside an arithmetic expansion [from, end - 2) and leaves `pos` past it. */
  protected scanArithmeticContent(from: number, end: number): void {
    const scratch = newAcc();
    this.pos = from;
    while (this.pos < end - 2) {
      const c = this.code(this.pos);
      if (c === DOLLAR) this.scanDollar(scratch, true);
      else if (c === BACKTICK) this.scanBacktick(scratch, true);
      else if (c === BACKSLASH) this.pos += 2;
      else this.pos++;
    }
    // A substitution that disagreed with the look-ahead may have run past the end: keep its view.
    this.pos = Math.max(this.pos, end);
  }

  /** `NAME=(a b c)`: a bash array assignment, from its `(`. */
  private scanArray(acc: WordAcc): void {
    const open = this.pos;
    this.pos++;
    if (!this.enterNesting(open)) {
      this.skipBalanced(LPAREN, RPAREN, open);
      acc.value += this.src.slice(open, this.pos);
      return;
    }
    for (;;) {
      this.skipBlanks();
      if (this.pos >= this.len) {
        this.error("unterminated array", open);
        break;
      }
      const c = this.code(this.pos);
      if (c === RPAREN) {
        this.pos++;
        break;
      }
      if (isMeta(c)) {
        this.pos++;
        continue;
      }
      const element = this.scanWord(false).word;
      if (element?.dynamic) acc.dynamic = true;
      if (element?.quoted) acc.quoted = true;
    }
    this.leaveNesting();
    acc.value += this.src.slice(open, this.pos);
  }

  /** Backquotes: the content is unescaped (`\$`, `` \` ``, `\\`) and parsed as a script of its own. */
  private scanBacktick(acc: WordAcc, inDouble: boolean): void {
    const open = this.pos;
    let text = "";
    const spanStarts: number[] = [];
    const spanEnds: number[] = [];
    let escaped = false;
    let close = -1;
    let i = open + 1;
    while (i < this.len) {
      const c = this.code(i);
      if (c === BACKTICK) {
        close = i;
        break;
      }
      if (c === BACKSLASH) {
        const n = this.code(i + 1);
        if (n === DOLLAR || n === BACKTICK || n === BACKSLASH || (inDouble && n === DQUOTE)) {
          text += this.src.charAt(i + 1);
          spanStarts.push(i);
          spanEnds.push(i + 2);
          escaped = true;
          i += 2;
          continue;
        }
      }
      text += this.src.charAt(i);
      spanStarts.push(i);
      spanEnds.push(i + 1);
      i++;
    }
    if (close < 0) this.error("unterminated backquote", open);
    const contentEnd = close < 0 ? this.len : close;
    this.pos = close < 0 ? this.len : close + 1;
    acc.value += this.src.slice(open, this.pos);
    acc.dynamic = true;
    if (!this.enterNesting(open)) return;
    const sub = escaped ? this.source.derive(text, spanStarts, spanEnds, open + 1) : this.source.region(open + 1, contentEnd);
    this.parseNested(sub, "substitution", this.depth + 1, "script");
    this.leaveNesting();
  }

  // --------------------------------------------------------------- heredocs

  /** Reads the bodies of the pending heredocs, in order, from `pos` (the start of a line). */
  private readHeredocs(): void {
    const list = this.pendingHeredocs;
    this.pendingHeredocs = [];
    for (const h of list) {
      const bodyStart = this.pos;
      let bodyEnd = -1;
      while (this.pos < this.len) {
        const lineStart = this.pos;
        const nl = this.src.indexOf("\n", lineStart);
        const lineEnd = nl < 0 ? this.len : nl;
        this.pos = nl < 0 ? this.len : nl + 1;
        let a = lineStart;
        if (h.stripTabs) while (this.code(a) === TAB) a++;
        let b = lineEnd;
        if (b > a && this.code(b - 1) === CR) b--;
        if (b - a === h.delimiter.length && this.src.startsWith(h.delimiter, a)) {
          bodyEnd = lineStart;
          break;
        }
      }
      if (bodyEnd < 0) {
        this.error(`unterminated heredoc: no "${h.delimiter}" line`, h.opAt);
        bodyEnd = this.len;
      }
      h.read = true;
      h.ls = bodyStart;
      h.le = bodyEnd;
      h.heredoc.body = this.src.slice(bodyStart, bodyEnd);
      h.heredoc.bodyStart = this.source.startAt(bodyStart);
      h.heredoc.bodyEnd = bodyEnd > bodyStart ? this.source.endAt(bodyEnd) : h.heredoc.bodyStart;
      if (h.action !== null) this.processHeredoc(h);
    }
  }

  protected decideHeredoc(h: PendingHeredoc, script: boolean): void {
    if (h.action !== null) return;
    h.action = script ? "script" : h.heredoc.quoted ? "none" : "expand";
    if (h.read) this.processHeredoc(h);
  }

  /** A heredoc fed to a shell is a script; an unquoted one elsewhere has substitutions to parse. */
  private processHeredoc(h: PendingHeredoc): void {
    if (h.action === "none" || h.le <= h.ls) return;
    if (!this.enterNesting(h.opAt)) return;
    const sub = this.source.region(h.ls, h.le);
    if (h.action === "script") this.parseNested(sub, "heredoc", h.depth + 1, "script");
    else this.parseNested(sub, h.context, h.depth, "expansions");
    this.leaveNesting();
  }

  /** Scans an unquoted heredoc body for expansions, where quotes are plain characters. */
  protected scanExpansions(): void {
    const scratch = newAcc();
    while (this.pos < this.len) {
      const c = this.code(this.pos);
      if (c === BACKSLASH) this.pos += 2;
      else if (c === DOLLAR) this.scanDollar(scratch, true);
      else if (c === BACKTICK) this.scanBacktick(scratch, false);
      else this.pos++;
    }
  }

  /** `$( … )` or `<( … )`, with `pos` just after the `(`. */
  protected abstract parseSubstitution(start: number): void;

  /** Parses a derived text: as a script, or only for the expansions of a heredoc body. */
  protected abstract parseNested(source: ShellSource, context: ShellContext, depth: number, mode: "script" | "expansions"): void;
}
