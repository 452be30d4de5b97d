/**
 * Words and patterns: keyword casing, Dockerfile quoting and unquoting, globs
 * for option values, did-you-mean suggestions, and shortening for messages.
 */
export { casingOf, withCasing } from "./casing.js";
export { doubleQuoted } from "./dockerfile-quote.js";
export { globMatcher, globToRegExp } from "./glob.js";
export { shorten } from "./shorten.js";
export { closestName } from "./suggest.js";
export { unquoteWord } from "./unquote-word.js";
