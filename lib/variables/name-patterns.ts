/**
 * Variable names as words, and options that are name patterns.
 *
 * `nameWords("AWS_SECRET_ACCESS_KEY")` gives `aws secret access key`;
 * `_`, `-` and `.` separate words, and so do camelCase humps
 * (`npmAuthToken`, `APIKey` → `api key`). Name patterns are regular
 * expression sources, matched case-insensitively against the name as
 * written and against its snake_case form, so one pattern covers
 * `BUILD_DATE`, `build-date` and `buildDate`.
 */

function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}

function isLower(code: number): boolean {
  return code >= 97 && code <= 122;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The words of a variable name, lower case. */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  let current = "";
  const flush = (): void => {
    if (current) words.push(current.toLowerCase());
    current = "";
  };
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (!isUpper(code) && !isLower(code) && !isDigit(code)) {
      flush();
      continue;
    }
    if (isUpper(code) && current) {
      const previous = current.charCodeAt(current.length - 1);
      const next = name.charCodeAt(i + 1);
      // `fooBar` → foo|Bar; `APIKey` → API|Key; `OAuth2` stays whole only up to the hump.
      if (isLower(previous) || isDigit(previous) || (isUpper(previous) && isLower(next))) flush();
    }
    current += name.charAt(i);
  }
  flush();
  return words;
}

/** The name in snake_case: its words joined with `_`. */
export function snakeName(name: string): string {
  return nameWords(name).join("_");
}

/** Compiles a pattern source case-insensitively; throws a readable error naming the option when it is invalid. */
export function compileNamePattern(source: string, optionName: string): RegExp {
  try {
    return new RegExp(source, "iu");
  } catch {
    try {
      // Sources written for the non-Unicode syntax (such as `\-` outside a class) are still accepted.
      return new RegExp(source, "i");
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Option "${optionName}": "${source}" is not a valid regular expression (${reason}).`, { cause: error });
    }
  }
}

/** A test for names against a list of pattern sources (as written and in snake_case); an empty list matches nothing. */
export function namePatternMatcher(sources: readonly string[], optionName: string): (name: string) => boolean {
  const patterns = sources.map((source) => compileNamePattern(source, optionName));
  if (patterns.length === 0) return () => false;
  return (name) => {
    const snake = snakeName(name);
    return patterns.some((pattern) => pattern.test(name) || (snake !== name && pattern.test(snake)));
  };
}

/** Words that mark a value changed on purpose when a secret rotates: `NPM_TOKEN_ROTATED_AT`, `SECRET_ROTATION`. */
const ROTATION_WORDS = new Set(["rotated", "rotation", "rotate", "rotates"]);

/** Words that name a version or a point in time: `PROXY_VERSION`, `INIT_REF`, `BUILD_DATE`, `GIT_SHA`. */
const VERSION_WORDS = new Set(["version", "ver", "rev", "revision", "ref", "tag", "commit", "sha", "hash", "digest", "date", "epoch", "timestamp", "serial", "generation"]);

/** True for a name that marks a secret's rotation, whose value is a date or a counter, never the secret. */
export function isRotationMarker(name: string): boolean {
  return nameWords(name).some((word) => ROTATION_WORDS.has(word));
}

/** True for a name that holds a version or a point in time. */
export function isVersionMarker(name: string): boolean {
  return nameWords(name).some((word) => VERSION_WORDS.has(word));
}
