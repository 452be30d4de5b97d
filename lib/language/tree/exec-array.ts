/**
 * The exec form as BuildKit reads it: the command text, trimmed of Unicode
 * spaces at both ends (Go's `strings.TrimSpace`), is a JSON array of strings
 * if it starts with `[` and Go's `encoding/json` accepts it; otherwise the
 * shell runs it. JSON.parse accepts exactly the same JSON (the same four
 * blanks, no comments, no trailing commas, the same escapes); it differs only
 * in keeping a lone surrogate (`"\ud800"`) that Go decodes to U+FFFD. The
 * strings' places are found by a scan that can be this simple because the
 * text is known to be valid by then.
 */

export interface ExecArray {
  values: string[];
  /** Range of each string token in the text, quotes included. */
  ranges: [number, number][];
}

export type ExecArrayResult = { kind: "exec"; array: ExecArray } | { kind: "shell" } | { kind: "malformed" };

/** Go's `unicode.IsSpace`: the White_Space property (for Latin-1: `\t\n\v\f\r`, space, U+0085, U+00A0). */
function isGoSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0x85) return false;
  if (code === 0x85 || code === 0xa0 || code === 0x1680 || code === 0x2028 || code === 0x2029) return true;
  return (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f || code === 0x3000;
}

/** Lone surrogates only: in a `u` pattern a pair is one code point. */
const LONE_SURROGATE = /\p{Cs}/gu;

/** Reads a command's text (continuations already joined) as BuildKit decides between exec and shell form. */
export function readExecArray(text: string): ExecArrayResult {
  let from = 0;
  let to = text.length;
  while (from < to && isGoSpace(text.charCodeAt(from))) from++;
  if (text.charCodeAt(from) !== 91 /* [ */) return { kind: "shell" };
  while (to > from && isGoSpace(text.charCodeAt(to - 1))) to--;
  let parsed: unknown;
  try {
    parsed = JSON.parse(from === 0 && to === text.length ? text : text.slice(from, to));
  } catch {
    return { kind: "malformed" };
  }
  if (!Array.isArray(parsed) || !parsed.every((value) => typeof value === "string")) return { kind: "malformed" };
  const values = parsed.map((value) => value.replace(LONE_SURROGATE, "\uFFFD"));
  const ranges: [number, number][] = [];
  let at = from + 1;
  for (let n = 0; n < values.length; n++) {
    const start = text.indexOf('"', at);
    let end = start + 1;
    while (text.charCodeAt(end) !== 34 /* " */) end += text.charCodeAt(end) === 92 /* \ */ ? 2 : 1;
    ranges.push([start, end + 1]);
    at = end + 1;
  }
  return { kind: "exec", array: { values, ranges } };
}
