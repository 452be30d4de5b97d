/**
 * Options of the Dockerfile language (`languageOptions` in a config block).
 * A type alias (not an interface) satisfies @eslint/core's constraint.
 */
export type DockerfileLanguageOptions = {
  /** Read `# hadolint ignore=`, `global ignore=`, `stage ignore=` and `shell=` pragmas. Default: true. */
  hadolintPragmas?: boolean;
  /** Read BuildKit's `# check=skip=…;error=true` directive and per-instruction `# check=skip=` comments. Default: true. */
  checkDirectives?: boolean;
  /**
   * Turn those pragmas and `# check=skip=` comments into ESLint directives, so
   * that `reportUnusedDisableDirectives` reports the ones that silence nothing.
   * Default: false, they silence findings without being reported.
   */
  reportUnusedPragmas?: boolean;
} & Record<string, unknown>;

export const LANGUAGE_OPTION_NAMES = ["hadolintPragmas", "checkDirectives", "reportUnusedPragmas"] as const;

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

/** Any other name is a mistake, and the language's own options are true or false. */
export function validateDockerfileLanguageOptions(options: DockerfileLanguageOptions): void {
  const own = LANGUAGE_OPTION_NAMES as readonly string[];
  const unknown = Object.keys(options).filter((key) => !own.includes(key) && !OTHER_LANGUAGES_OPTIONS.has(key));
  if (unknown.length > 0) {
    const names = unknown.map((key) => `"${key}"`).join(", ");
    throw new TypeError(`The dockerfile language has no option named ${names}: its options are ${own.join(", ")}, and it ignores other languages' options such as ecmaVersion.`);
  }
  for (const name of own) {
    if (options[name] !== undefined && typeof options[name] !== "boolean") throw new TypeError(`The dockerfile language option "${name}" must be true or false.`);
  }
}
