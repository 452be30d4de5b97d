/**
 * `WWW-Authenticate` challenges (RFC 7235) as registries send them:
 * `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/node:pull"`
 * or `Basic realm="Registry"`. A small linear scanner, no regular expression over the whole header.
 */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

function skipSpaces(text: string, at: number): number {
  let i = at;
  while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
  return i;
}

function readToken(text: string, at: number): [string, number] {
  let i = at;
  while (i < text.length && !" \t,=\"".includes(text.charAt(i))) i++;
  return [text.slice(at, i), i];
}

function readQuoted(text: string, at: number): [string, number] {
  let value = "";
  let i = at + 1;
  while (i < text.length && text[i] !== '"') {
    if (text[i] === "\\" && i + 1 < text.length) i++;
    value += text.charAt(i);
    i++;
  }
  return [value, i + 1];
}

/** Every challenge in the header, schemes in lower case, parameter names in lower case. */
export function parseChallenges(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  let i = 0;
  let current: Challenge | null = null;
  while (i < header.length) {
    i = skipSpaces(header, i);
    if (header[i] === ",") {
      i++;
      continue;
    }
    const [token, afterToken] = readToken(header, i);
    if (token === "") {
      i = afterToken + 1;
      continue;
    }
    const next = skipSpaces(header, afterToken);
    if (header[next] === "=" && current) {
      const valueStart = skipSpaces(header, next + 1);
      let value: string;
      if (header[valueStart] === '"') [value, i] = readQuoted(header, valueStart);
      else [value, i] = readToken(header, valueStart);
      current.params[token.toLowerCase()] = value;
    } else {
      current = { scheme: token.toLowerCase(), params: {} };
      challenges.push(current);
      i = afterToken;
    }
  }
  return challenges;
}
