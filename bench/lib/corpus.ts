/** The benchmark's input: the corpus of real Dockerfiles, read once. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface CorpusFile {
  /** Absolute path. */
  path: string;
  text: string;
}

export interface Corpus {
  root: string;
  /** The directory that holds the files (`<root>/files`). */
  dir: string;
  files: CorpusFile[];
  bytes: number;
  lines: number;
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
}

export function loadCorpus(root: string): Corpus {
  const dir = path.join(root, "files");
  const paths: string[] = [];
  walk(dir, paths);
  paths.sort();
  const files = paths.map((file) => ({ path: file, text: readFileSync(file, "utf8") }));
  let bytes = 0;
  let lines = 0;
  for (const file of files) {
    bytes += Buffer.byteLength(file.text);
    for (let i = file.text.indexOf("\n"); i >= 0; i = file.text.indexOf("\n", i + 1)) lines++;
  }
  return { root, dir, files, bytes, lines };
}

/** `count` files spread evenly over the sorted corpus (the same ones on every run). */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  const step = items.length / count;
  const out: T[] = [];
  for (let i = 0; i < count; i++) {
    const item = items[Math.floor(i * step)];
    if (item !== undefined) out.push(item);
  }
  return out;
}
