/**
 * Words and patterns: keyword casing, Dockerfile quoting and unquoting, globs
 * for option values, did-you-mean suggestions, and shortening for messages.
 */
export { casingOf, withCasing } from "./casing.js";
export { doubleQuoted } from "./dockerfile-quote.js";
export { compileGlob, globMatcher } from "./glob.js";
export { shorten } from "./shorten.js";
export { wildcardMatcher } from "./wildcard.js";
export type { WildcardMatcher, WildcardToken } from "./wildcard.js";
export { closestName, SuggestionBudget } from "./suggest.js";
export { unquoteWord } from "./unquote-word.js";
