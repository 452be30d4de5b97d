/**
 * A POSIX shell (plus common bash syntax) recursive-descent parser for RUN
 * commands, over the scanner in `lexer.ts`. It never throws: every syntax
 * problem is recorded in `errors` and parsing goes on with what it has.
 */
import { assignmentPrefix, decodeAnsiEscape } from "./chars.js";
import { mayRunShell, shellInvocation } from "./commands.js";
import { AMP, BACKSLASH, BACKTICK, CR, DOLLAR, DQUOTE, GT, LPAREN, LT, NL, PIPE, RPAREN, SEMI, SQUOTE, Scanner, isDigit, newAcc } from "./lexer.js";
import type { PendingHeredoc, Shared, Token } from "./lexer.js";
import { ShellSource } from "./source.js";
import type { ShellConnector, ShellContext, ShellHeredoc, ShellParseResult, ShellRedirect, SimpleCommand } from "./types.js";

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

function describe(t: Token): string {
  if (t.kind === "word") return `"${t.word?.raw ?? ""}"`;
  if (t.kind === "newline") return "newline";
  if (t.kind === "end") return "end of script";
  return `"${t.op}"`;
}

class Parser extends Scanner {
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

  protected override parseNested(source: ShellSource, context: ShellContext, depth: number, mode: "script" | "expansions"): void {
    const parser = new Parser(this.shared, source, context, depth);
    if (mode === "script") parser.parseProgram();
    else parser.scanExpansions();
  }

  /** A whole script: lists until the end, reporting stray closing tokens. */
  parseProgram(): void {
    for (;;) {
      this.parseCompoundList();
      const t = this.next();
      if (t.kind === "end") return;
      this.error(`unexpected ${describe(t)}`, t.ls);
      // The separator after a stray `fi` or `)` is part of the same mistake.
      const n = this.peek();
      if (this.isOp(n, ";") || this.isOp(n, "&")) this.next();
    }
  }

  protected override parseSubstitution(start: number): void {
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
    /** Local start and end of each of `cmd.words`, flat, for `sh -c` scripts. */
    const wordRanges: number[] = [];
    let heredocs: PendingHeredoc[] | null = null;
    let ls = -1;
    let le = -1;
    for (;;) {
      const t = this.peek();
      if (t.kind === "redir") {
        this.next();
        const { redirect, heredoc, end } = this.parseRedirect(t);
        cmd.redirects.push(redirect);
        if (heredoc) (heredocs ??= []).push(heredoc);
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
          wordRanges.push(t.ls, t.le);
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
  private parseTest(cmd: SimpleCommand, wordRanges: number[], end: number): number {
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
      wordRanges.push(t.ls, t.le);
      end = t.le;
      if (word.raw === "]]") return end;
      regex = word.raw === "=~";
    }
  }

  /** Heredoc and `sh -c` scripts of a finished command. */
  private finishCommand(cmd: SimpleCommand, wordRanges: number[], heredocs: PendingHeredoc[] | null): void {
    const shell = mayRunShell(cmd) ? shellInvocation(cmd) : null;
    if (heredocs) this.decideHeredocs(shell?.stdin === true, heredocs);
    const script = shell?.script;
    if (!script || script.dynamic) return;
    const index = cmd.words.indexOf(script);
    const ls = wordRanges[2 * index] ?? -1;
    const le = wordRanges[2 * index + 1] ?? -1;
    if (ls < 0 || !this.enterNesting(ls)) return;
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

  /** A heredoc a shell reads as its standard input is a script. */
  private decideHeredocs(shellStdin: boolean, heredocs: PendingHeredoc[]): void {
    let stdinScript: PendingHeredoc | null = null;
    if (shellStdin) {
      for (const h of heredocs) {
          // `<<EOF` or `0<<EOF` feed standard input; `3<<EOF` does not.
        if (!isDigit(h.op.charCodeAt(0)) || h.op.startsWith("0<")) stdinScript = h;
      }
    }
    for (const h of heredocs) this.decideHeredoc(h, h === stdinScript);
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
