// The process floor for the command line: read every file under a directory
// and parse it with dockerfile-ast, nothing else. Plain JavaScript, so that no
// TypeScript loader is counted.
import { readdirSync, readFileSync } from "node:fs";
import process from "node:process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.join(import.meta.dirname, "..", "package.json"));
const { DockerfileParser } = require("dockerfile-ast");
let instructions = 0;
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.isFile()) instructions += DockerfileParser.parse(readFileSync(full, "utf8")).getInstructions().length;
  }
};
walk(process.argv[2] ?? ".");
process.stdout.write(`${instructions}\n`);
