/**
 * Shell analysis of RUN commands: a POSIX shell parser and the helpers rules
 * share to read its commands.
 */
export type * from "./types.js";
export { parseShell } from "./parse.js";
export { commandName, isShellCommand, parseArgs, shellInvocation, unwrapCommand } from "./commands.js";
export type { ArgSpec, ParsedArgs, ParsedOption, ShellInvocation, UnwrappedCommand } from "./commands.js";
