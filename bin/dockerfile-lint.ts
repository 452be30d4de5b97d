#!/usr/bin/env node
/** `dockerfile-lint [options] [paths...]`: see docs/cli.md. */
import module from "node:module";
import v8 from "node:v8";

/*
 * A lint run is one pass over many small files, so most of it runs while V8
 * is still compiling; with TurboFan's inlining, an optimized function takes
 * its callees in and is compiled again whenever one of them meets a case it
 * had not seen. Without inlining, a run over 1,452 Dockerfiles took about
 * 0.75x the CPU and 0.85x the wall time, and a warm pass as long as with it
 * (docs/cli.md). Set before anything is compiled; `node --turbo-inlining` (or
 * `--no-turbo-inlining`) on the command line keeps the user's choice.
 */
if (!process.execArgv.some((flag) => /^--(?:no-)?turbo[-_]inlining(?:=|$)/u.test(flag))) v8.setFlagsFromString("--no-turbo-inlining");

// As ESLint's own bin does: Node.js 22.1 and later keep compiled modules on disk, which shortens every start.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

try {
  const { main } = await import("../lib/cli/main.js");
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // Only a failure to load (ESLint not installed, say) gets here: main() never throws.
  const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
  process.stderr.write(`dockerfile-lint: cannot start: ${message}\n`);
  if (/(?:^|[\s,])(?:dockerfile-lint|\*)(?:$|[\s,])/u.test(process.env.DEBUG ?? "") && error instanceof Error) {
    process.stderr.write(`${error.stack ?? ""}\n`);
  }
  process.exitCode = 2;
}
