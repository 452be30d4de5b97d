/**
 * An image named by a string in a YAML, JSON or code file, as an
 * `ImageMention` for the shared policy.
 */
import { parseImageReference } from "../images/index.js";
import type { ImageMention } from "../images/index.js";

/** A string value and where its text sits in the file (inside any quotes). */
export interface StringSite {
  value: string;
  range: [number, number];
}

/**
 * The mention of the image in `site`, after `prefix` (`docker://`) when it
 * must start with one. A value that uses variables (`${TAG}`, `$CI_REGISTRY`,
 * `${{ matrix.image }}`) is decided elsewhere: its `resolved` is null.
 */
export function mentionAt(where: string, site: StringSite, text: string, prefix = ""): ImageMention | null {
  if (!site.value.startsWith(prefix)) return null;
  const value = site.value.slice(prefix.length).trim();
  if (value === "") return null;
  const written = text.slice(site.range[0], site.range[1]);
  // The range covers exactly the reference when the text has no escapes or padding.
  const offset = written.indexOf(value);
  const range: [number, number] = offset >= 0 ? [site.range[0] + offset, site.range[0] + offset + value.length] : site.range;
  if (value.includes("$")) return { where, raw: value, range, resolved: null, expandedText: null };
  const resolved = parseImageReference(value);
  if (!resolved) return null;
  return { where, raw: value, range, resolved, expandedText: null };
}
