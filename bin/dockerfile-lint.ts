#!/usr/bin/env node
/** `dockerfile-lint [options] [paths...]`: see docs/cli.md. */
import module from "node:module";

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
