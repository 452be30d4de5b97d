/** The language takes no options yet; a type alias (not an empty interface) satisfies @eslint/core. */
export type DockerfileLanguageOptions = Record<string, unknown>;

/**
 * Options other languages read, which a config block without `files` hands to
 * every language: JavaScript's (ESLint's defaults, `globals` presets, parsers)
 * and those of ESLint's JSON, CSS and Markdown languages. As those languages
 * do, this one ignores what is not its own.
 */
const OTHER_LANGUAGES_OPTIONS = new Set([
  "ecmaVersion",
  "sourceType",
  "globals",
  "parser",
  "parserOptions",
  "allowTrailingCommas",
  "tolerant",
  "customSyntax",
  "frontmatter",
  "math",
]);

/** Any other name is a mistake: this language has no options of its own. */
export function validateDockerfileLanguageOptions(options: DockerfileLanguageOptions): void {
  const unknown = Object.keys(options).filter((key) => !OTHER_LANGUAGES_OPTIONS.has(key));
  if (unknown.length === 0) return;
  const names = unknown.map((key) => `"${key}"`).join(", ");
  throw new TypeError(`The dockerfile language has no option named ${names}: it takes none, and ignores only other languages' options such as ecmaVersion.`);
}
