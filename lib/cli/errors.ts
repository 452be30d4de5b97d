/**
 * Errors of the command line: every failure ends as one line on stderr and
 * exit code 2. The stack is printed only with `DEBUG=dockerfile-lint`.
 */
import path from "node:path";

export const PROGRAM = "dockerfile-lint";

/** A failure the user can act on: bad usage, a missing path, a missing formatter. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

/** Bad usage: the message ends with a pointer to `--help`. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(`${message} (see '${PROGRAM} --help')`);
    this.name = "UsageError";
  }
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "is a directory, not a file",
  ENOTDIR: "not a directory",
  ELOOP: "too many levels of symbolic links",
  EMFILE: "too many open files",
  ENAMETOOLONG: "file name too long",
};

interface ErrnoLike {
  code?: unknown;
  path?: unknown;
  message?: unknown;
}

/** `name` relative to `cwd` when it is inside it, as the user would type it. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  if (relative === "") return ".";
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

/** The text of a file-system error: `permission denied: build/Dockerfile`. */
export function errnoMessage(error: unknown, cwd: string): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, path: file } = error as ErrnoLike;
  if (typeof code !== "string") return undefined;
  const text = ERRNO_TEXT[code];
  if (text === undefined) return undefined;
  return typeof file === "string" ? `${text}: ${displayPath(file, cwd)}` : text;
}

/** One line that says what went wrong, without a stack. */
export function describeError(error: unknown, cwd: string): string {
  if (error instanceof CliError) return error.message;
  const errno = errnoMessage(error, cwd);
  if (errno !== undefined) return errno;
  let message: string;
  if (error instanceof Error) message = error.message;
  else if (typeof error === "object" && error !== null && typeof (error as ErrnoLike).message === "string") {
    message = (error as { message: string }).message;
  } else message = String(error);
  // ESLint's messages span lines ("…\nOccurred while linting <file>:3\nRule: …"): keep them on one.
  let oneLine = "";
  for (const line of message.split(/\r?\n/u).map((text) => text.trim())) {
    if (line === "") continue;
    if (oneLine === "") oneLine = line;
    else oneLine += oneLine.endsWith(":") ? ` ${line}` : `; ${line}`;
  }
  return oneLine === "" ? "unexpected error" : oneLine;
}

/** `DEBUG=dockerfile-lint` (or `DEBUG=*`, or a comma-separated list with it) prints stacks. */
export function debugEnabled(env: NodeJS.ProcessEnv): boolean {
  const value = env.DEBUG;
  if (value === undefined) return false;
  return value.split(/[\s,]+/u).some((name) => name === PROGRAM || name === "*");
}
