/**
 * Words and patterns: keyword casing, Dockerfile quoting and unquoting, globs
 * for option values, and did-you-mean suggestions.
 */
export { casingOf, withCasing } from "./casing.js";
export { doubleQuoted } from "./dockerfile-quote.js";
export { globMatcher, globToRegExp } from "./glob.js";
export { closestName } from "./suggest.js";
export { unquoteWord } from "./unquote-word.js";
