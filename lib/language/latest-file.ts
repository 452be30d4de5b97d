/**
 * What is derived from a file (its facts, its traversal, its top-level
 * comments), kept for the file used last instead of on the source code object;
 * source-code.ts holds the tree itself in the same way.
 *
 * Why: ESLint makes every rule context with `Object.create(fileContext)`, so
 * each file's context becomes a prototype, and V8 keeps a prototype, with all
 * it reaches, past young-generation collections until the next full one. The
 * source code is reachable from it; its tree and derived data would be too,
 * and would fill the old generation with files linted long ago. Held here, the
 * data of a file dies young, as soon as the next file is linted. A source code
 * asked again after that derives it again, with the same result.
 *
 * One file, not a few: V8 collects the young generation every megabyte or so,
 * so each further file kept promotes its data (about 7 MB more over the
 * corpus per file kept). ESLint lints one file at a time, synchronously.
 */
export class LatestFile<K extends object, V> {
  #key: K | undefined;
  #value: V | undefined;

  /** The value kept for `key`, made with `make` when `key` is not the latest key. */
  get(key: K, make: () => V): V {
    if (key !== this.#key) {
      this.#value = make();
      this.#key = key;
    }
    return this.#value as V;
  }
}
