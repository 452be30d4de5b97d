/**
 * Variable substitution in Dockerfile instructions (not in shell-form RUN,
 * which the shell expands): `$X`, `${X}`, `${X:-word}`, `${X-word}`,
 * `${X:+word}`, `${X+word}`, `${X:?msg}`, `${X?msg}`, as BuildKit's lexer does.
 */

/** A variable's value, null when declared without one, undefined when not declared. */
export type VariableLookup = (name: string) => string | null | undefined;

export interface Expansion {
  value: string;
  /** Names whose value is unknown (declared without a default, or not declared) and that the result depends on. */
  unresolved: string[];
  /** Names used that are not declared at all. */
  undeclared: string[];
}

function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57);
}

/** Finds the `}` that closes a `${` opened before `from`, allowing nested `${…}`. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === "$" && text[i + 1] === "{") {
      depth++;
      i++;
    } else if (ch === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

export function expandVariables(text: string, lookup: VariableLookup, escapeChar = "\\"): Expansion {
  const unresolved = new Set<string>();
  const undeclared = new Set<string>();

  const use = (name: string): string | null => {
    const value = lookup(name);
    if (value === undefined) undeclared.add(name);
    return value ?? null;
  };

  const expand = (input: string): string => {
    let out = "";
    let i = 0;
    while (i < input.length) {
      const ch = input.charAt(i);
      if (ch === escapeChar && i + 1 < input.length) {
        out += input.charAt(i + 1);
        i += 2;
        continue;
      }
      if (ch !== "$") {
        out += ch;
        i++;
        continue;
      }
      const next = input.charCodeAt(i + 1);
      if (isNameStart(next)) {
        let end = i + 2;
        while (end < input.length && isNameChar(input.charCodeAt(end))) end++;
        const name = input.slice(i + 1, end);
        const value = use(name);
        if (value === null) unresolved.add(name);
        out += value ?? "";
        i = end;
        continue;
      }
      if (input[i + 1] === "{") {
        const close = closingBrace(input, i + 2);
        if (close < 0) {
          out += input.slice(i);
          break;
        }
        out += substitute(input.slice(i + 2, close));
        i = close + 1;
        continue;
      }
      out += ch;
      i++;
    }
    return out;
  };

  const substitute = (inner: string): string => {
    let end = 0;
    while (end < inner.length && isNameChar(inner.charCodeAt(end))) end++;
    const name = inner.slice(0, end);
    const rest = inner.slice(end);
    const value = use(name);
    const colon = rest.startsWith(":");
    const operator = colon ? rest[1] : rest[0];
    const word = rest.slice(colon ? 2 : 1);
    // With a colon, an empty value counts as unset.
    const isSet = value !== null && (!colon || value !== "");
    switch (operator) {
      case "-":
        if (isSet) return value;
        if (value === null) return expand(word);
        return colon ? expand(word) : value;
      case "+":
        if (value === null && lookup(name) === null) {
          // Declared without a default: set or not depends on the build.
          unresolved.add(name);
          return "";
        }
        return isSet ? expand(word) : "";
      case "?":
        if (value === null) unresolved.add(name);
        return value ?? "";
      default:
        if (value === null) unresolved.add(name);
        return value ?? "";
    }
  };

  const value = expand(text);
  return { value, unresolved: [...unresolved], undeclared: [...undeclared] };
}

/** True when the text has a `$` that starts a substitution. */
export function hasVariables(text: string): boolean {
  return text.includes("$");
}
