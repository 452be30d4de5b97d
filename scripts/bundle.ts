/**
 * `npm run build`'s second step: the ES modules tsc wrote to dist/ become one
 * file per entry point plus the chunks they share. Node.js resolves, reads and
 * links every ES module on its own, and for the 140 modules of a run that was
 * about a tenth of a one-file `dockerfile-lint` run. The type declarations stay
 * as tsc wrote them, so the package's `types` paths do not change. Nothing is
 * minified: a stack trace still names our functions.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";

const dist = path.resolve(import.meta.dirname, "..", "dist");

/** Every file that is loaded by path: the package's exports, the bin, and the options module that worker threads load by URL. */
const ENTRY_POINTS = [
  "index.js",
  "bin/dockerfile-lint.js",
  "lib/cli/worker-options.js",
  "lib/cli/formatters/sarif.js",
  "lib/cli/formatters/github.js",
  "lib/cli/formatters/gitlab.js",
];

/**
 * plan.ts finds the options module as `./worker-options.js` beside itself, so
 * the shared chunks are written to that entry's folder; the build fails if the
 * code of plan.ts ends up anywhere else.
 */
const CHUNK_FOLDER = "lib/cli";

const staging = mkdtempSync(path.join(os.tmpdir(), "dockerfile-lint-bundle-"));
try {
  const { metafile } = await build({
    entryPoints: ENTRY_POINTS.map((entry) => path.join(dist, entry)),
    outbase: dist,
    outdir: staging,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    chunkNames: `${CHUNK_FOLDER}/[name]-[hash]`,
    metafile: true,
    logLevel: "warning",
  });
  const planSource = path.relative(process.cwd(), path.join(dist, "lib/cli/plan.js")).split(path.sep).join("/");
  const planOutput = Object.entries(metafile.outputs).find(([, output]) => planSource in output.inputs)?.[0];
  if (planOutput === undefined || path.dirname(path.resolve(planOutput)) !== path.join(staging, CHUNK_FOLDER)) {
    throw new Error(`lib/cli/plan.js was bundled into ${planOutput ?? "nothing"}, not beside lib/cli/worker-options.js`);
  }
  removeModules(dist);
  cpSync(staging, dist, { recursive: true });
} finally {
  rmSync(staging, { recursive: true, force: true });
}

/** Removes the modules tsc wrote, keeping its `.d.ts` files. */
function removeModules(folder: string): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) removeModules(file);
    else if (entry.name.endsWith(".js")) rmSync(file);
  }
}
