/**
 * What a file format contributes to pinning: the image strings in the file,
 * each with the range of text to rewrite. Resolving and editing are the
 * same for every format, so a new format only adds a finder.
 */
import type { ImageReference } from "../images/index.js";

export interface ImageSite {
  /** Offsets (UTF-16) of the reference text in the file: what an edit replaces. */
  range: [number, number];
  /** The text in that range, as written. */
  text: string;
  /** The image it names; null when the site is left alone. */
  ref: ImageReference | null;
  /** Why it is left alone (a stage, `scratch`, a variable with no default); null for an image to pin. */
  skipped: string | null;
  /** Where the reference sits, for messages: `FROM`, `COPY --from`, `ARG BASE (used by FROM)`, `# syntax`. */
  label: string;
}

/** Finds the image sites of one file's text. Never throws on odd text: returns what it can read. */
export type ImageFinder = (text: string) => ImageSite[];
