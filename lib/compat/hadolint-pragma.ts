/**
 * hadolint's pragma comments, read with the grammar of hadolint's
 * src/Hadolint/Pragma.hs: `hadolint ignore=DL3008,SC2086`, `hadolint global
 * ignore=…`, `hadolint stage ignore=…` and `hadolint shell=…`, each optionally
 * followed by `# reason`. As in hadolint, one malformed code makes the whole
 * pragma ineffective, and the words are case-sensitive.
 */

export interface PragmaCode {
  code: string;
  /** Offset of the code in the comment text. */
  offset: number;
}

export type HadolintPragma =
  | { kind: "ignore" | "global" | "stage"; codes: PragmaCode[]; reason: string; spaceOffset: number }
  | { kind: "shell"; shell: string; reason: string; spaceOffset: number };

const CODE_CHARS = new Set("DLSC0123456789");

class Cursor {
  at = 0;
  constructor(readonly text: string) {}

  spaces(): number {
    const start = this.at;
    while (this.text[this.at] === " " || this.text[this.at] === "\t") this.at++;
    return this.at - start;
  }

  word(word: string): boolean {
    if (!this.text.startsWith(word, this.at)) return false;
    this.at += word.length;
    return true;
  }

  /** hadolint's `inlineComment`: spaces, then an optional `# text` to the end. */
  inlineComment(): string | undefined {
    this.spaces();
    if (this.text[this.at] !== "#") return undefined;
    const reason = this.text.slice(this.at + 1).trim();
    this.at = this.text.length;
    return reason;
  }

  get done(): boolean {
    return this.at >= this.text.length;
  }
}

/** `text` is a comment's text after `#`. */
export function parseHadolintPragma(text: string): HadolintPragma | undefined {
  const line = text.endsWith("\r") ? text.slice(0, -1) : text;
  const cursor = new Cursor(line);
  cursor.spaces();
  if (!cursor.word("hadolint")) return undefined;
  const spaceOffset = cursor.at;
  if (cursor.spaces() === 0) return undefined;

  if (cursor.word("shell")) {
    cursor.spaces();
    if (!cursor.word("=")) return undefined;
    cursor.spaces();
    const start = cursor.at;
    while (!cursor.done && !" \t\n".includes(line[cursor.at] ?? "")) cursor.at++;
    if (cursor.at === start) return undefined;
    const shell = line.slice(start, cursor.at);
    const reason = cursor.inlineComment() ?? "";
    return cursor.done ? { kind: "shell", shell, reason, spaceOffset } : undefined;
  }

  let kind: "ignore" | "global" | "stage" = "ignore";
  for (const scope of ["global", "stage"] as const) {
    if (cursor.word(scope)) {
      if (cursor.spaces() === 0) return undefined;
      kind = scope;
      break;
    }
  }
  if (!cursor.word("ignore")) return undefined;
  cursor.spaces();
  if (!cursor.word("=")) return undefined;
  cursor.spaces();

  const codes: PragmaCode[] = [];
  let reason = "";
  for (;;) {
    const start = cursor.at;
    while (CODE_CHARS.has(line[cursor.at] ?? "")) cursor.at++;
    if (cursor.at === start) return undefined;
    codes.push({ code: line.slice(start, cursor.at), offset: start });
    const comment = cursor.inlineComment();
    if (comment !== undefined) reason = comment;
    if (cursor.done) break;
    if (!cursor.word(",")) return undefined;
    cursor.spaces();
  }
  return { kind, codes, reason, spaceOffset };
}
