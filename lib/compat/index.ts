/**
 * What carries over from hadolint and BuildKit: the mapping of their codes and
 * check names to this plugin's rules, their pragma and directive grammars, and
 * the translation of `.hadolint.yaml`.
 */
export {
  BUILDKIT_CHECKS,
  FINDING_CODE_FAMILIES,
  HADOLINT_CODES,
  buildkitRules,
  findingCodeFamily,
  rulesForBuildkitCheck,
  rulesForHadolintCode,
} from "./codes.js";
export type { BuildkitCheck, FindingCodeFamily, HadolintCode } from "./codes.js";
export { parseHadolintPragma } from "./hadolint-pragma.js";
export type { HadolintPragma, PragmaCode } from "./hadolint-pragma.js";
export { checkValue, fileCheckDirective, parseCheckOptions, readDirective } from "./check-directive.js";
export type { CheckOptions, CheckParse, FileCheckDirective } from "./check-directive.js";
export { buildkitTable, hadolintTable, migrationPage, replaceGenerated } from "./migration-tables.js";
export { HADOLINT_CONFIG_NAMES, HadolintConfigError, findHadolintConfig, readHadolintConfig, translateHadolintConfig } from "./hadolint-config.js";
export type { HadolintTranslation, RuleEntry } from "./hadolint-config.js";
export { eslintConfigText } from "./config-file.js";
