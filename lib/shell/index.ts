/**
 * Shell analysis of RUN commands: a POSIX shell parser, the parsed scripts of
 * a RUN with offsets mapped back to the Dockerfile, and the helpers rules
 * share to read its commands.
 */
export type * from "./types.js";
export { parseShell } from "./parse.js";
export { commandName, isShellCommand, oncePerCommand, parseArgs, shellInvocation, unwrapCommand } from "./commands.js";
export type { ArgSpec, ParsedArgs, ParsedOption, ShellInvocation, UnwrappedCommand } from "./commands.js";
export { analyseRun, execShellScript, runScripts } from "./run-shell.js";
export type { RunShell } from "./run-shell.js";
export { windowsCommandName, windowsCommands, windowsDialectOf } from "./windows.js";
export type { WindowsDialect } from "./windows.js";
