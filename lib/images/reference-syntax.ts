/**
 * Whether a text is an image reference Docker accepts, with the grammar of
 * the distribution reference library that BuildKit uses for `FROM`:
 * `[domain[:port]/]path[:tag][@algorithm:hex]`, path components in lower
 * case, a tag of at most 128 word characters, dots and dashes, and a
 * digest of a known algorithm. Written as small loops, not one large
 * regular expression, so that long or hostile input stays linear.
 */

function isLowerAlnum(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

function isAlnum(code: number): boolean {
  return isLowerAlnum(code) || (code >= 65 && code <= 90);
}

/** One path component: lower-case letters and digits, joined by `.`, `_`, `__` or runs of `-`. */
function isPathComponent(text: string): boolean {
  if (text === "") return false;
  let i = 0;
  for (;;) {
    const runStart = i;
    while (i < text.length && isLowerAlnum(text.charCodeAt(i))) i++;
    if (i === runStart) return false;
    if (i === text.length) return true;
    const sepStart = i;
    const ch = text[i];
    if (ch === ".") {
      i++;
    } else if (ch === "_") {
      i++;
      if (text[i] === "_") i++;
    } else if (ch === "-") {
      while (text[i] === "-") i++;
    } else {
      return false;
    }
    if (i === sepStart || i === text.length) return false;
  }
}

function isDomainLabel(text: string): boolean {
  if (text === "") return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const edge = i === 0 || i === text.length - 1;
    if (!(isAlnum(code) || (!edge && text[i] === "-"))) return false;
  }
  return true;
}

/** `host[:port]`, host being dot-separated labels or a bracketed IPv6 address. */
function isDomain(text: string): boolean {
  let port: string | null = null;
  if (text.startsWith("[")) {
    const close = text.indexOf("]");
    if (close < 0) return false;
    const inside = text.slice(1, close);
    if (inside === "" || !/^[\d:a-f]+$/iu.test(inside)) return false;
    const rest = text.slice(close + 1);
    if (rest !== "" && !rest.startsWith(":")) return false;
    port = rest === "" ? null : rest.slice(1);
  } else {
    const colon = text.indexOf(":");
    const host = colon >= 0 ? text.slice(0, colon) : text;
    if (colon >= 0) port = text.slice(colon + 1);
    if (!host.split(".").every(isDomainLabel)) return false;
  }
  return port === null || /^\d+$/u.test(port);
}

function isTag(text: string): boolean {
  return /^\w[\w.-]{0,127}$/u.test(text);
}

const DIGEST_LENGTHS = new Map([["sha256", 64], ["sha384", 96], ["sha512", 128]]);

function isDigest(text: string): boolean {
  const colon = text.indexOf(":");
  if (colon < 0) return false;
  const algorithm = text.slice(0, colon);
  const hex = text.slice(colon + 1);
  const length = DIGEST_LENGTHS.get(algorithm);
  return length !== undefined && hex.length === length && /^[\da-f]+$/u.test(hex);
}

/** True when `text` is a reference `FROM` accepts (the name of an earlier stage is one too). */
export function isValidImageReference(text: string): boolean {
  if (text === "" || /^[\da-f]{64}$/u.test(text)) return false;
  let domain = "docker.io";
  let remainder = text;
  const slash = text.indexOf("/");
  if (slash >= 0) {
    const first = text.slice(0, slash);
    if (first === "localhost" || first.includes(".") || first.includes(":") || first !== first.toLowerCase()) {
      domain = first === "index.docker.io" ? "docker.io" : first;
      remainder = text.slice(slash + 1);
    }
  }
  const at = remainder.indexOf("@");
  const digest = at >= 0 ? remainder.slice(at + 1) : null;
  const beforeDigest = at >= 0 ? remainder.slice(0, at) : remainder;
  // The tag starts at a colon after the last slash.
  const lastSlash = beforeDigest.lastIndexOf("/");
  const tagColon = beforeDigest.indexOf(":", lastSlash + 1);
  const path = tagColon >= 0 ? beforeDigest.slice(0, tagColon) : beforeDigest;
  const tag = tagColon >= 0 ? beforeDigest.slice(tagColon + 1) : null;
  if (path !== path.toLowerCase()) return false;
  if (!isDomain(domain)) return false;
  if (!path.split("/").every(isPathComponent)) return false;
  if (tag !== null && !isTag(tag)) return false;
  if (digest !== null && !isDigest(digest)) return false;
  return domain.length + 1 + path.length <= 255;
}
