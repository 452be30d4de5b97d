/**
 * Character-level helpers used outside the scanner's hot loops. Everything
 * works on UTF-16 code units through `charCodeAt`, which returns NaN past the
 * end of the string, so out-of-range reads compare false everywhere.
 */

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isNamePart(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

/**
 * Length of the `NAME=` or `NAME+=` prefix of an assignment word, or 0 when
 * `raw` is not an assignment. The name is checked on the raw text, so a
 * quoted or escaped name is not an assignment, as in the shell.
 */
export function assignmentPrefix(raw: string): number {
  if (!isNameStart(raw.charCodeAt(0))) return 0;
  let i = 1;
  while (isNamePart(raw.charCodeAt(i))) i++;
  const c = raw.charCodeAt(i);
  if (c === 61) return i + 1;
  if (c === 43 && raw.charCodeAt(i + 1) === 61) return i + 2;
  return 0;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: "\x07",
  b: "\b",
  e: "\x1b",
  E: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "?": "?",
};

/**
 * Decodes one backslash escape of an ANSI-C `$'…'` string; `i` is the index
 * of the backslash. Returns the decoded text and how many source code units
 * it used. An unknown escape keeps the backslash, as bash does.
 */
export function decodeAnsiEscape(src: string, i: number): { text: string; length: number } {
  if (i + 1 >= src.length) return { text: "\\", length: 1 };
  const ch = src.charAt(i + 1);
  const simple = SIMPLE_ESCAPES[ch];
  if (simple !== undefined) return { text: simple, length: 2 };
  const c = src.charCodeAt(i + 1);
  if (c >= 48 && c <= 55) {
    // Up to three octal digits.
    let value = 0;
    let j = i + 1;
    while (j < i + 4 && src.charCodeAt(j) >= 48 && src.charCodeAt(j) <= 55) value = value * 8 + src.charCodeAt(j++) - 48;
    return { text: String.fromCharCode(value & 0xff), length: j - i };
  }
  if (ch === "x" || ch === "u" || ch === "U") {
    const max = ch === "x" ? 2 : ch === "u" ? 4 : 8;
    let value = 0;
    let j = i + 2;
    while (j < i + 2 + max && hexValue(src.charCodeAt(j)) >= 0) value = value * 16 + hexValue(src.charCodeAt(j++));
    if (j === i + 2) return { text: "\\" + ch, length: 2 };
    // fromCodePoint throws past U+10FFFF.
    return { text: value <= 0x10ffff ? String.fromCodePoint(value) : "\ufffd", length: j - i };
  }
  if (ch === "c" && i + 2 < src.length) {
    return { text: String.fromCharCode(src.charCodeAt(i + 2) & 0x1f), length: 3 };
  }
  return { text: "\\" + ch, length: 2 };
}
