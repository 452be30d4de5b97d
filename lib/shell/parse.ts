/**
 * A POSIX shell (plus common bash syntax) lexer and recursive-descent parser
 * for RUN commands. It scans each character once with hand-written loops, so
 * it runs in linear time, and it never throws: every syntax problem is
 * recorded in `errors` and parsing goes on with what it has.
 *
 * Command substitutions are parsed where they appear, by the same parser on
 * the same text, which is how shells find the closing `)` (a `case` pattern's
 * `)` inside `$(…)` does not close it). Derived texts (backtick contents,
 * `sh -c` arguments, heredoc scripts) get a parser of their own over a
 * `ShellSource` that maps their offsets back to the outer script.
 */
import { assignmentPrefix, decodeAnsiEscape } from "./chars.js";
import { shellInvocation } from "./commands.js";
import { ShellSource } from "./source.js";
import type {
  ShellConnector,
  ShellContext,
  ShellHeredoc,
  ShellParseResult,
  ShellRedirect,
  ShellWord,
  SimpleCommand,
} from "./types.js";

// Character codes and classes live in this module: the scanner's loops use
// them per character, and module-local constants stay cheap under every loader.
const TAB = 9;
const NL = 10;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const DQUOTE = 34;
const HASH = 35;
const DOLLAR = 36;
const AMP = 38;
const SQUOTE = 39;
const LPAREN = 40;
const RPAREN = 41;
const DASH = 45;
const DIGIT0 = 48;
const DIGIT9 = 57;
const SEMI = 59;
const LT = 60;
const GT = 62;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const BACKTICK = 96;
const LBRACE = 123;
const PIPE = 124;
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

function isDigit(c: number): boolean {
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
interface Shared {
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

type TokenKind = "word" | "op" | "redir" | "newline" | "end";

interface Token {
  kind: TokenKind;
  /** Operator text (`&&`, `(`, `2>&`, …); empty for words. */
  op: string;
  /** Local range in the parser's text. */
  ls: number;
  le: number;
  word: ShellWord | null;
}

/** A word being scanned. */
interface WordAcc {
  value: string;
  quoted: boolean;
  dynamic: boolean;
}

interface PendingHeredoc {
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

/** The list being parsed: connectors are set on the commands as operators are read. */
interface ListState {
  /** The last element when it was a simple command, null after a compound command. */
  last: SimpleCommand | null;
  /** The connector for the next element's `prev`. */
  prev: ShellConnector;
  /** The command whose `next` is a `;` that may turn out to end the list. */
  trailing: SimpleCommand | null;
}

const TERMINATOR_WORDS = new Set(["}", "then", "do", "done", "fi", "elif", "else", "esac"]);
const CASE_ENDS = new Set([";;", ";&", ";;&"]);

function newAcc(): WordAcc {
  return { value: "", quoted: false, dynamic: false };
}

function describe(t: Token): string {
  if (t.kind === "word") return `"${t.word?.raw ?? ""}"`;
  if (t.kind === "newline") return "newline";
  if (t.kind === "end") return "end of script";
  return `"${t.op}"`;
}

class Parser {
  private readonly shared: Shared;
  private readonly source: ShellSource;
  private readonly src: string;
  private readonly len: number;
  private pos = 0;
  private peeked: Token | null = null;
  /** Heredocs whose bodies start after the next newline, in order. */
  private pendingHeredocs: PendingHeredoc[] = [];
  private context: ShellContext;
  private depth: number;
  private condition = false;

  constructor(shared: Shared, source: ShellSource, context: ShellContext, depth: number) {
    this.shared = shared;
    this.source = source;
    this.src = source.text;
    this.len = source.text.length;
    this.context = context;
    this.depth = depth;
  }

  // ---------------------------------------------------------------- helpers

  private error(message: string, local: number): void {
    const errors = this.shared.errors;
    if (errors.length < MAX_ERRORS) {
      errors.push({ message, offset: this.source.startAt(Math.min(Math.max(local, 0), this.len)) });
    } else if (errors.length === MAX_ERRORS) {
      errors.push({ message: "too many errors; the rest are not reported", offset: this.source.startAt(Math.min(local, this.len)) });
    }
  }

  private enterNesting(local: number): boolean {
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

  private leaveNesting(): void {
    this.shared.nesting--;
  }

  private code(i: number): number {
    return this.src.charCodeAt(i);
  }

  private makeWord(ls: number, le: number, acc: WordAcc): ShellWord {
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
  private skipBlanks(): void {
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

  private peek(): Token {
    this.peeked ??= this.lex();
    return this.peeked;
  }

  private next(): Token {
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
  private scanWord(regex: boolean): Token {
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
  private skipBalanced(open: number, close: number, start: number): void {
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
    this.error(`unterminated "${this.src.slice(start, start + 2)}"`, start);
  }

  /**
   * From just after `((` / `$((`: the index just past the matching `))`, or
   * -1 when the parentheses close otherwise, which makes it a command
   * substitution or subshell starting with a subshell: `$( (a) ; b)`.
   */
  private tryArithmetic(from: number): number {
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
  private scanArithmeticContent(from: number, end: number): void {
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
    new Parser(this.shared, sub, "substitution", this.depth + 1).parseProgram();
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

  private decideHeredoc(h: PendingHeredoc, script: boolean): void {
    if (h.action !== null) return;
    h.action = script ? "script" : h.heredoc.quoted ? "none" : "expand";
    if (h.read) this.processHeredoc(h);
  }

  /** A heredoc fed to a shell is a script; an unquoted one elsewhere has substitutions to parse. */
  private processHeredoc(h: PendingHeredoc): void {
    if (h.action === "none" || h.le <= h.ls) return;
    if (!this.enterNesting(h.opAt)) return;
    const sub = this.source.region(h.ls, h.le);
    if (h.action === "script") {
      new Parser(this.shared, sub, "heredoc", h.depth + 1).parseProgram();
    } else {
      new Parser(this.shared, sub, h.context, h.depth).scanExpansions();
    }
    this.leaveNesting();
  }

  /** Scans an unquoted heredoc body for expansions, where quotes are plain characters. */
  private scanExpansions(): void {
    const scratch = newAcc();
    while (this.pos < this.len) {
      const c = this.code(this.pos);
      if (c === BACKSLASH) this.pos += 2;
      else if (c === DOLLAR) this.scanDollar(scratch, true);
      else if (c === BACKTICK) this.scanBacktick(scratch, false);
      else this.pos++;
    }
  }

  // ----------------------------------------------------------------- parser

  private isReserved(t: Token, word: string): boolean {
    return t.kind === "word" && t.word?.raw === word;
  }

  private isOp(t: Token, op: string): boolean {
    return t.kind === "op" && t.op === op;
  }

  /** Tokens that end a list: they belong to an enclosing construct. */
  private isTerminator(t: Token): boolean {
    if (t.kind === "end") return true;
    if (t.kind === "op") return t.op === ")" || CASE_ENDS.has(t.op);
    return t.kind === "word" && TERMINATOR_WORDS.has(t.word?.raw ?? "");
  }

  private skipNewlines(): void {
    while (this.peek().kind === "newline") this.next();
  }

  private expectReserved(word: string, open: string, at: number): boolean {
    const t = this.peek();
    if (this.isReserved(t, word)) {
      this.next();
      return true;
    }
    this.error(`expected "${word}" for "${open}", found ${describe(t)}`, t.kind === "end" ? at : t.ls);
    return false;
  }

  private withScope(context: ShellContext, depth: number, condition: boolean, body: () => void): void {
    const saved = [this.context, this.depth, this.condition] as const;
    this.context = context;
    this.depth = depth;
    this.condition = condition;
    body();
    [this.context, this.depth, this.condition] = saved;
  }

  /** A whole script: lists until the end, reporting stray closing tokens. */
  parseProgram(): void {
    for (;;) {
      this.parseCompoundList();
      const t = this.next();
      if (t.kind === "end") return;
      this.error(`unexpected ${describe(t)}`, t.ls);
    }
  }

  /** `$( … )` or `<( … )` with `pos` just after the `(`. */
  private parseSubstitution(start: number): void {
    if (!this.enterNesting(start)) {
      this.skipBalanced(LPAREN, RPAREN, start);
      return;
    }
    // Called while lexing, so no token is peeked; none may leak out either.
    this.peeked = null;
    this.withScope("substitution", this.depth + 1, false, () => {
      for (;;) {
        this.parseCompoundList();
        const t = this.next();
        if (this.isOp(t, ")")) return;
        if (t.kind === "end") {
          this.error("unterminated command substitution", start);
          return;
        }
        this.error(`unexpected ${describe(t)}`, t.ls);
      }
    });
    this.peeked = null;
    this.leaveNesting();
  }

  private connect(state: ListState, op: ShellConnector): void {
    if (state.last) state.last.next = op;
    state.prev = op;
  }

  private parseCompoundList(): void {
    const state: ListState = { last: null, prev: null, trailing: null };
    for (;;) {
      this.skipNewlines();
      let t = this.peek();
      if (this.isTerminator(t)) break;
      if (this.isOp(t, ";") || this.isOp(t, "&")) {
        this.error(`unexpected ${describe(t)}`, t.ls);
        this.next();
        continue;
      }
      this.parseAndOr(state);
      t = this.peek();
      if (t.kind === "newline" || this.isOp(t, ";") || this.isOp(t, "&")) {
        this.next();
        const op = t.op === "&" ? "&" : ";";
        this.connect(state, op);
        state.trailing = op === ";" ? state.last : null;
        continue;
      }
      if (this.isTerminator(t)) break;
      // Something no rule consumed (`a (b)`): drop it and go on.
      this.error(`unexpected ${describe(t)}`, t.ls);
      this.next();
    }
    // A `;` or newline that ends the list joins nothing.
    if (state.trailing?.next === ";") state.trailing.next = null;
  }

  private parseAndOr(state: ListState): void {
    this.parsePipeline(state);
    for (;;) {
      const t = this.peek();
      if (!this.isOp(t, "&&") && !this.isOp(t, "||")) return;
      this.next();
      this.connect(state, t.op === "&&" ? "&&" : "||");
      this.skipNewlines();
      const n = this.peek();
      if (this.isTerminator(n) || (n.kind === "op" && n.op !== "(")) {
        this.error(`expected a command after "${t.op}"`, n.ls);
        return;
      }
      this.parsePipeline(state);
    }
  }

  private parsePipeline(state: ListState): void {
    // `!` only inverts the status; the commands are the same.
    while (this.isReserved(this.peek(), "!")) this.next();
    this.parseCommand(state);
    for (;;) {
      const t = this.peek();
      if (!this.isOp(t, "|") && !this.isOp(t, "|&")) return;
      this.next();
      this.connect(state, t.op === "|" ? "|" : "|&");
      this.skipNewlines();
      const n = this.peek();
      if (this.isTerminator(n) || (n.kind === "op" && n.op !== "(")) {
        this.error(`expected a command after "${t.op}"`, n.ls);
        return;
      }
      this.parseCommand(state);
    }
  }

  private parseCommand(state: ListState): void {
    const t = this.peek();
    if (t.kind === "newline" || this.isTerminator(t)) return;
    const prev = state.prev;
    state.prev = null;
    state.last = null;
    state.trailing = null;
    if (t.kind === "op" && t.op !== "(") {
      this.error(`unexpected ${describe(t)}`, t.ls);
      return;
    }
    if (this.parseCompound(t)) {
      this.parseTrailingRedirects();
      return;
    }
    if (t.kind === "op") {
      // A `(` past the nesting limit.
      this.next();
      return;
    }
    this.parseSimpleCommand(state, prev);
  }

  /** Redirections after a compound command (`done < file`, `} > log`). */
  private parseTrailingRedirects(): void {
    while (this.peek().kind === "redir") {
      const { heredoc } = this.parseRedirect(this.next());
      if (heredoc) this.decideHeredoc(heredoc, false);
    }
  }

  /** Parses the compound command starting at `t`; false when `t` does not start one. */
  private parseCompound(t: Token): boolean {
    let kind: string;
    if (this.isOp(t, "(")) kind = "(";
    else if (t.kind === "word" && t.word && !t.word.quoted && t.word.raw === t.word.value) kind = t.word.raw;
    else return false;
    switch (kind) {
      case "(":
      case "{":
      case "if":
      case "while":
      case "until":
      case "for":
      case "select":
      case "case":
      case "function":
        break;
      default:
        return false;
    }
    if (!this.enterNesting(t.ls)) return false;
    switch (kind) {
      case "(":
        this.parseParen(t);
        break;
      case "{":
        this.parseGroup();
        break;
      case "if":
        this.parseIf();
        break;
      case "while":
      case "until":
        this.parseLoop(kind);
        break;
      case "for":
      case "select":
        this.parseFor(kind);
        break;
      case "case":
        this.parseCase();
        break;
      default:
        this.parseFunctionKeyword();
        break;
    }
    this.leaveNesting();
    return true;
  }

  /** `( list )`, or `(( expression ))` when the parentheses match up so. */
  private parseParen(open: Token): void {
    if (this.code(open.ls + 1) === LPAREN) {
      const end = this.tryArithmetic(open.ls + 2);
      if (end >= 0) {
        this.peeked = null;
        this.scanArithmeticContent(open.ls + 2, end);
        return;
      }
    }
    this.next();
    this.withScope("subshell", this.depth + 1, this.condition, () => {
      this.parseCompoundList();
    });
    const t = this.peek();
    if (this.isOp(t, ")")) this.next();
    else this.error(`expected ")" for "(", found ${describe(t)}`, t.kind === "end" ? open.ls : t.ls);
  }

  private parseGroup(): void {
    const open = this.next();
    this.withScope("group", this.depth + 1, this.condition, () => {
      this.parseCompoundList();
    });
    this.expectReserved("}", "{", open.ls);
  }

  /** A condition list (`if`, `elif`, `while`, `until`): its commands get `condition: true`. */
  private parseCondition(): void {
    const saved = this.condition;
    this.condition = true;
    this.parseCompoundList();
    this.condition = saved;
  }

  private parseIf(): void {
    const open = this.next();
    this.parseCondition();
    this.expectReserved("then", "if", open.ls);
    this.parseCompoundList();
    for (;;) {
      const t = this.peek();
      if (this.isReserved(t, "elif")) {
        this.next();
        this.parseCondition();
        this.expectReserved("then", "elif", t.ls);
        this.parseCompoundList();
      } else if (this.isReserved(t, "else")) {
        this.next();
        this.parseCompoundList();
      } else {
        break;
      }
    }
    this.expectReserved("fi", "if", open.ls);
  }

  private parseLoop(keyword: string): void {
    const open = this.next();
    this.parseCondition();
    if (!this.expectReserved("do", keyword, open.ls)) return;
    this.parseCompoundList();
    this.expectReserved("done", keyword, open.ls);
  }

  /** `for NAME [in WORDS]; do …; done` and `for ((…)); do …; done`: the header is not a command. */
  private parseFor(keyword: string): void {
    const open = this.next();
    let t = this.peek();
    if (this.isOp(t, "(") && this.code(t.ls + 1) === LPAREN) {
      const end = this.tryArithmetic(t.ls + 2);
      if (end >= 0) {
        this.peeked = null;
        this.scanArithmeticContent(t.ls + 2, end);
      } else {
        this.error(`bad "${keyword} ((" header`, t.ls);
      }
    } else {
      if (t.kind === "word") this.next();
      else this.error(`expected a variable name after "${keyword}"`, t.ls);
      this.skipNewlines();
      if (this.isReserved(this.peek(), "in")) {
        this.next();
        while (this.peek().kind === "word") this.next();
      }
    }
    t = this.peek();
    if (t.kind === "newline" || this.isOp(t, ";")) this.next();
    this.skipNewlines();
    t = this.peek();
    if (this.isReserved(t, "{") && this.enterNesting(t.ls)) {
      // bash also takes a group as the body.
      this.parseGroup();
      this.leaveNesting();
      return;
    }
    if (!this.expectReserved("do", keyword, open.ls)) return;
    this.parseCompoundList();
    this.expectReserved("done", keyword, open.ls);
  }

  /** `case WORD in PATTERN) list ;; … esac`: patterns are words, not commands. */
  private parseCase(): void {
    const open = this.next();
    if (this.peek().kind === "word") this.next();
    else this.error('expected a word after "case"', this.peek().ls);
    this.skipNewlines();
    if (!this.expectReserved("in", "case", open.ls)) return;
    for (;;) {
      this.skipNewlines();
      let t = this.peek();
      if (this.isReserved(t, "esac")) {
        this.next();
        return;
      }
      if (t.kind === "end") {
        this.error('expected "esac" for "case"', open.ls);
        return;
      }
      if (this.isOp(t, "(")) this.next();
      while (this.peek().kind === "word") {
        this.next();
        if (!this.isOp(this.peek(), "|")) break;
        this.next();
      }
      t = this.peek();
      if (!this.isOp(t, ")")) {
        this.error(`expected ")" after a case pattern, found ${describe(t)}`, t.ls);
        return;
      }
      this.next();
      this.parseCompoundList();
      t = this.peek();
      if (t.kind === "op" && CASE_ENDS.has(t.op)) {
        this.next();
      } else if (!this.isReserved(t, "esac")) {
        this.error(`expected ";;" or "esac", found ${describe(t)}`, t.kind === "end" ? open.ls : t.ls);
        return;
      }
    }
  }

  /** `function NAME [()] BODY` (bash). */
  private parseFunctionKeyword(): void {
    const open = this.next();
    if (this.peek().kind === "word") this.next();
    else this.error('expected a name after "function"', open.ls);
    if (this.isOp(this.peek(), "(")) {
      this.next();
      if (this.isOp(this.peek(), ")")) this.next();
      else this.error('expected ")" in a function definition', this.peek().ls);
    }
    this.parseFunctionBody(open.ls);
  }

  private parseFunctionBody(at: number): void {
    this.skipNewlines();
    const t = this.peek();
    if (!this.parseCompound(t)) {
      this.error(`expected a function body, found ${describe(t)}`, t.kind === "end" ? at : t.ls);
      return;
    }
    this.parseTrailingRedirects();
  }

  /** A redirection from its operator token; `end` is the local end of its target. */
  private parseRedirect(t: Token): { redirect: ShellRedirect; heredoc: PendingHeredoc | null; end: number } {
    const op = t.op;
    const start = this.source.startAt(t.ls);
    const w = this.peek();
    if (w.kind !== "word" || !w.word) {
      this.error(`expected a word after "${op}"`, t.ls);
      return { redirect: { op, start, end: this.source.endAt(t.le), target: null, heredoc: null }, heredoc: null, end: t.le };
    }
    this.next();
    const end = this.source.endAt(w.le);
    let k = 0;
    while (isDigit(op.charCodeAt(k))) k++;
    const bare = op.slice(k);
    if (bare !== "<<" && bare !== "<<-") {
      return { redirect: { op, start, end, target: w.word, heredoc: null }, heredoc: null, end: w.le };
    }
    const heredoc: ShellHeredoc = {
      delimiter: w.word.value,
      quoted: w.word.quoted,
      stripTabs: op.endsWith("-"),
      body: "",
      bodyStart: this.source.startAt(this.len),
      bodyEnd: this.source.startAt(this.len),
    };
    const pending: PendingHeredoc = {
      heredoc,
      op,
      stripTabs: heredoc.stripTabs,
      delimiter: heredoc.delimiter,
      opAt: t.ls,
      read: false,
      ls: 0,
      le: 0,
      action: null,
      context: this.context,
      depth: this.depth,
    };
    this.pendingHeredocs.push(pending);
    return { redirect: { op, start, end, target: null, heredoc }, heredoc: pending, end: w.le };
  }

  private parseSimpleCommand(state: ListState, prev: ShellConnector): void {
    const cmd: SimpleCommand = {
      words: [],
      assignments: [],
      redirects: [],
      start: 0,
      end: 0,
      next: null,
      prev,
      context: this.context,
      depth: this.depth,
      condition: this.condition,
    };
    /** Local ranges of `cmd.words`, for `sh -c` scripts. */
    const wordRanges: [number, number][] = [];
    const heredocs: PendingHeredoc[] = [];
    let ls = -1;
    let le = -1;
    for (;;) {
      const t = this.peek();
      if (t.kind === "redir") {
        this.next();
        const { redirect, heredoc, end } = this.parseRedirect(t);
        cmd.redirects.push(redirect);
        if (heredoc) heredocs.push(heredoc);
        if (ls < 0) ls = t.ls;
        le = end;
      } else if (t.kind === "word" && t.word) {
        this.next();
        const first = ls < 0;
        if (first) ls = t.ls;
        le = t.le;
        if (cmd.words.length === 0 && assignmentPrefix(t.word.raw) > 0) {
          cmd.assignments.push(t.word);
        } else {
          cmd.words.push(t.word);
          wordRanges.push([t.ls, t.le]);
          if (first && t.word.raw === "[[") le = this.parseTest(cmd, wordRanges, le);
        }
      } else if (this.isOp(t, "(") && cmd.words.length === 1 && cmd.assignments.length === 0 && cmd.redirects.length === 0) {
        // `name() body`: a function definition, not a command.
        this.next();
        if (this.isOp(this.peek(), ")")) this.next();
        else this.error('expected ")" in a function definition', this.peek().ls);
        state.last = null;
        this.parseFunctionBody(t.ls);
        return;
      } else {
        break;
      }
    }
    cmd.start = this.source.startAt(ls);
    cmd.end = this.source.endAt(le);
    this.shared.commands.push(cmd);
    state.last = cmd;
    this.finishCommand(cmd, wordRanges, heredocs);
  }

  /** `[[ … ]]`: operators inside are words. Returns the local end of `]]`. */
  private parseTest(cmd: SimpleCommand, wordRanges: [number, number][], end: number): number {
    let regex = false;
    for (;;) {
      this.skipBlanks();
      const p = this.pos;
      const c = this.code(p);
      if (c === NL) {
        this.pos++;
        continue;
      }
      if (p >= this.len || c === SEMI) {
        this.error('expected "]]"', p);
        return end;
      }
      let t: Token;
      const n = this.code(p + 1);
      if (!regex && (c === AMP || c === PIPE || c === LPAREN || c === RPAREN || c === LT || c === GT)) {
        const size = (c === AMP || c === PIPE) && n === c ? 2 : 1;
        const acc = newAcc();
        acc.value = this.src.slice(p, p + size);
        this.pos = p + size;
        t = { kind: "word", op: "", ls: p, le: p + size, word: this.makeWord(p, p + size, acc) };
      } else {
        t = this.scanWord(regex);
      }
      const word = t.word;
      if (!word) return end;
      cmd.words.push(word);
      wordRanges.push([t.ls, t.le]);
      end = t.le;
      if (word.raw === "]]") return end;
      regex = word.raw === "=~";
    }
  }

  /** Heredoc and `sh -c` scripts of a finished command. */
  private finishCommand(cmd: SimpleCommand, wordRanges: [number, number][], heredocs: PendingHeredoc[]): void {
    const shell = shellInvocation(cmd);
    let stdinScript: PendingHeredoc | null = null;
    if (shell?.stdin) {
      for (const h of heredocs) {
          // `<<EOF` or `0<<EOF` feed standard input; `3<<EOF` does not.
        if (!isDigit(h.op.charCodeAt(0)) || h.op.startsWith("0<")) stdinScript = h;
      }
    }
    for (const h of heredocs) this.decideHeredoc(h, h === stdinScript);
    const script = shell?.script;
    if (!script || script.dynamic) return;
    const range = wordRanges[cmd.words.indexOf(script)];
    if (!range || !this.enterNesting(range[0])) return;
    const [ls, le] = range;
    let sub: ShellSource;
    if (!script.quoted && script.raw === script.value) {
      sub = this.source.region(ls, le);
    } else {
      const spans = unquoteWithSpans(this.src, ls, le);
      sub = this.source.derive(spans.text, spans.starts, spans.ends, ls);
    }
    new Parser(this.shared, sub, "shell-c", this.depth + 1).parseProgram();
    this.leaveNesting();
  }
}

/**
 * The value of a word without expansions, with, for each code unit, the
 * local range of its source representation (a `\"` maps to two characters).
 */
function unquoteWithSpans(src: string, from: number, to: number): { text: string; starts: number[]; ends: number[] } {
  let text = "";
  const starts: number[] = [];
  const ends: number[] = [];
  const emit = (chunk: string, a: number, b: number): void => {
    for (let k = 0; k < chunk.length; k++) {
      starts.push(a);
      ends.push(b);
    }
    text += chunk;
  };
  let i = from;
  while (i < to) {
    const c = src.charCodeAt(i);
    const n = src.charCodeAt(i + 1);
    if (c === BACKSLASH) {
      if (n === NL) i += 2;
      else if (n === CR && src.charCodeAt(i + 2) === NL) i += 3;
      else if (i + 1 >= to) emit("\\", i, ++i);
      else {
        emit(src.charAt(i + 1), i, i + 2);
        i += 2;
      }
    } else if (c === SQUOTE) {
      i++;
      while (i < to && src.charCodeAt(i) !== SQUOTE) emit(src.charAt(i), i, ++i);
      i++;
    } else if (c === DOLLAR && n === SQUOTE) {
      i += 2;
      while (i < to && src.charCodeAt(i) !== SQUOTE) {
        if (src.charCodeAt(i) === BACKSLASH) {
          const escape = decodeAnsiEscape(src, i);
          emit(escape.text, i, i + escape.length);
          i += escape.length;
        } else {
          emit(src.charAt(i), i, ++i);
        }
      }
      i++;
    } else if (c === DQUOTE || (c === DOLLAR && n === DQUOTE)) {
      i += c === DOLLAR ? 2 : 1;
      while (i < to && src.charCodeAt(i) !== DQUOTE) {
        const d = src.charCodeAt(i);
        const e = src.charCodeAt(i + 1);
        if (d === BACKSLASH && (e === DOLLAR || e === BACKTICK || e === DQUOTE || e === BACKSLASH)) {
          emit(src.charAt(i + 1), i, i + 2);
          i += 2;
        } else if (d === BACKSLASH && e === NL) {
          i += 2;
        } else {
          emit(src.charAt(i), i, ++i);
        }
      }
      i++;
    } else {
      emit(src.charAt(i), i, ++i);
    }
  }
  return { text, starts, ends };
}

/**
 * Parses a shell script (the text of a RUN in shell form, continuations
 * joined or not). Never throws: problems are reported in `errors`.
 */
export function parseShell(script: string): ShellParseResult {
  const shared: Shared = {
    commands: [],
    errors: [],
    nesting: 0,
    nestingReported: false,
    arithmeticBudget: 8 * script.length + 10_000,
  };
  try {
    new Parser(shared, new ShellSource(script, 0), "top", 0).parseProgram();
  } catch (error) {
    // A bug must not take the lint run down: report it like a syntax error.
    shared.errors.push({ message: `internal parser error: ${String(error)}`, offset: 0 });
  }
  // Commands are recorded when complete, so inner ones come first; source order is by start.
  const commands = shared.commands.sort((a, b) => a.start - b.start);
  return { commands, errors: shared.errors };
}
