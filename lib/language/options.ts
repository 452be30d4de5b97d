/** The language takes no options yet; a type alias (not an empty interface) satisfies @eslint/core. */
export type DockerfileLanguageOptions = Record<string, unknown>;
