/**
 * BuildKit's `# check=` directive, read as frontend/dockerfile/parser
 * (directives.go) and frontend/dockerfile/linter (ParseLintOptions) read it:
 * at the top of the file among the parser directives, or in the comments
 * directly above an instruction, where only `skip` counts.
 */

export interface CheckOptions {
  skipAll: boolean;
  /** Check names as written; BuildKit compares them case-sensitively. */
  skip: string[];
  error: boolean;
}

export type CheckParse = { ok: true; options: CheckOptions } | { ok: false; message: string };

/** Go's `strconv.ParseBool`. */
const BOOLEANS = new Map([
  ...["1", "t", "T", "TRUE", "true", "True"].map((word) => [word, true] as const),
  ...["0", "f", "F", "FALSE", "false", "False"].map((word) => [word, false] as const),
]);

/** Go's `strings.SplitN(s, sep, n)`: at most n parts, the last one unsplit. */
function splitN(text: string, separator: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (parts.length < limit - 1) {
    const at = rest.indexOf(separator);
    if (at < 0) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + separator.length);
  }
  parts.push(rest);
  return parts;
}

/** Go's `unicode.IsSpace`. */
function isSpace(char: string | undefined): boolean {
  return char !== undefined && char !== "\ufeff" && (char === "\u0085" || char.trim() === "");
}

/** Go's `strings.TrimLeftFunc(s, unicode.IsSpace)`. */
function trimStart(text: string): string {
  let start = 0;
  while (isSpace(text[start])) start++;
  return text.slice(start);
}

/** Go's `strings.TrimSpace`. */
function trim(text: string): string {
  const rest = trimStart(text);
  let end = rest.length;
  while (end > 0 && isSpace(rest[end - 1])) end--;
  return rest.slice(0, end);
}

/** BuildKit's `ParseLintOptions`. */
export function parseCheckOptions(value: string): CheckParse {
  const options: CheckOptions = { skipAll: false, skip: [], error: false };
  const text = trim(value);
  if (text === "") return { ok: true, options };
  for (const part of splitN(text, ";", 3)) {
    const equals = part.indexOf("=");
    if (equals < 0) return { ok: false, message: `invalid check option "${part}"` };
    const key = trim(part.slice(0, equals));
    const optionValue = trim(part.slice(equals + 1));
    if (key === "skip") {
      if (optionValue === "all") options.skipAll = true;
      else options.skip = optionValue.split(",").map(trim);
    } else if (key === "experimental") {
      // Experimental checks have no rule here.
    } else if (key === "error") {
      const flag = BOOLEANS.get(optionValue);
      if (flag === undefined) return { ok: false, message: `failed to parse check option "${part}"` };
      options.error = flag;
    } else {
      return { ok: false, message: `invalid check option "${key}"` };
    }
  }
  return { ok: true, options };
}

const KNOWN_DIRECTIVES = new Set(["syntax", "escape", "check"]);
/** Go's `\s` in RE2: ASCII white space without \v. */
const GO_SPACE = new Set([" ", "\t", "\n", "\f", "\r"]);

/**
 * BuildKit's `DirectiveParser.ParseLine` after the comment prefix is removed:
 * `name = value` with a letter-first alphanumeric name. Returns the lower-case
 * name and the value, or undefined when the text is not a directive.
 */
export function readDirective(text: string): { name: string; value: string } | undefined {
  const line = trimStart(text);
  let at = 0;
  if (!/[a-z]/iu.test(line[0] ?? "")) return undefined;
  while (/[a-z0-9]/iu.test(line[at] ?? "")) at++;
  const name = line.slice(0, at).toLowerCase();
  while (GO_SPACE.has(line[at] ?? "")) at++;
  if (line[at] !== "=") return undefined;
  at++;
  const rest = line.slice(at);
  if (rest === "" || rest.includes("\n")) return undefined;
  let start = 0;
  while (start < rest.length - 1 && GO_SPACE.has(rest[start] ?? "")) start++;
  let end = rest.length;
  while (end > start + 1 && GO_SPACE.has(rest[end - 1] ?? "")) end--;
  if (!KNOWN_DIRECTIVES.has(name)) return undefined;
  return { name, value: rest.slice(start, end) };
}

/** The value BuildKit acts on: the text up to the first space, so that `// comment` can follow. */
export function checkValue(directiveValue: string): string {
  const space = directiveValue.indexOf(" ");
  return space < 0 ? directiveValue : directiveValue.slice(0, space);
}

export interface FileCheckDirective {
  /** 1-based line of the directive. */
  line: number;
  parse: CheckParse;
}

/**
 * The file's `# check=` parser directive, as BuildKit's `ParseDirective("check")`
 * finds it: after an optional `#!` line, in the run of `# name=value` lines
 * at the very top; a second directive of the same name ends the search.
 */
export function fileCheckDirective(text: string): FileCheckDirective | undefined {
  const lines = text.split("\n", 64);
  let index = 0;
  if (lines[0]?.startsWith("#!")) index = 1;
  const seen = new Set<string>();
  for (; index < lines.length; index++) {
    let line = lines[index] ?? "";
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (!line.startsWith("#")) return undefined;
    const directive = readDirective(line.slice(1));
    if (!directive) return undefined;
    if (seen.has(directive.name)) return undefined;
    seen.add(directive.name);
    if (directive.name === "check") return { line: index + 1, parse: parseCheckOptions(checkValue(directive.value)) };
  }
  return undefined;
}
