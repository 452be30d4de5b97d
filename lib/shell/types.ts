/**
 * Shell analysis of RUN commands. Offsets are UTF-16 indices into the script
 * text handed to `parseShell`; callers map them back to the Dockerfile.
 */

export interface ShellWord {
  /** Offset of the first character of the word in the script. */
  start: number;
  /** Offset just past the last character of the word. */
  end: number;
  /** The word exactly as written in the script. */
  raw: string;
  /**
   * The word after quote removal and backslash unescaping. Expansions
   * (`$X`, `${X}`, `$(…)`, backticks, `$((…))`) are kept verbatim.
   */
  value: string;
  /** True when any part of the word was quoted or escaped. */
  quoted: boolean;
  /** True when the word has an expansion outside single quotes. */
  dynamic: boolean;
}

export interface ShellHeredoc {
  delimiter: string;
  /** True when the delimiter was quoted, so the body is not expanded. */
  quoted: boolean;
  /** True for `<<-`, which strips leading tabs from body lines. */
  stripTabs: boolean;
  /**
   * The body as written: the lines between the operator's line and the
   * delimiter line, newlines included. Leading tabs are kept even with
   * `stripTabs`, so that `body` is exactly the text at [bodyStart, bodyEnd).
   */
  body: string;
  bodyStart: number;
  bodyEnd: number;
}

export interface ShellRedirect {
  /** The operator with its fd prefix, if any: `>`, `>>`, `<`, `<<`, `<<-`, `<<<`, `2>`, `2>&`, `&>`, `>&`, … */
  op: string;
  start: number;
  end: number;
  /** The target word; null for a heredoc. */
  target: ShellWord | null;
  heredoc: ShellHeredoc | null;
}

/** What follows a command in its list: the operator that joins it to the next one. */
export type ShellConnector = "&&" | "||" | ";" | "&" | "|" | "|&" | null;

/** Where a command was found. */
export type ShellContext =
  | "top"
  /** inside `( … )` */
  | "subshell"
  /** inside `{ …; }` or a function body */
  | "group"
  /** inside `$( … )`, backticks, process substitutions `<( … )`, or `$(…)` in an unquoted heredoc body */
  | "substitution"
  /** inside the script argument of `sh -c '…'` / `bash -c "…"` */
  | "shell-c"
  /** inside the body of a heredoc fed to a shell (`bash <<EOF`) */
  | "heredoc";

export interface SimpleCommand {
  /** Command name first, then its arguments. Assignments and redirections are not here. */
  words: ShellWord[];
  /** `NAME=value` (and bash `NAME+=value`, `NAME=(…)`) words that precede the command name. */
  assignments: ShellWord[];
  redirects: ShellRedirect[];
  start: number;
  end: number;
  /**
   * The operator after this command in its list, null when it ends the list.
   * A trailing `;` or newline ends the list (null); a trailing `&` is kept.
   */
  next: ShellConnector;
  /** The operator before this command in its list, null when it starts the list. */
  prev: ShellConnector;
  context: ShellContext;
  /** Nesting depth: 0 at top level, +1 per subshell, group, substitution, `sh -c` or heredoc script. */
  depth: number;
  /**
   * True when the command runs as a condition: `if`/`elif`/`while`/`until`
   * test lists, groups and subshells within them included; commands of a
   * substitution inside a condition are not conditions themselves.
   */
  condition: boolean;
}

export interface ShellParseResult {
  /** Every simple command in source order, nested ones included (see `context`). */
  commands: SimpleCommand[];
  /** Syntax problems found; parsing always recovers and returns what it could. */
  errors: { message: string; offset: number }[];
}
