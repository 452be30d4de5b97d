/**
 * The image sites of the files that are not Dockerfiles: Compose, GitHub
 * Actions and GitLab CI YAML, dev container and Bake JSON. The same finders
 * as the lint rules (lib/formats) locate the strings; an edit replaces only
 * the reference inside its scalar, so comments, quotes, anchors and layout stay.
 */
import { parseForESLint as parseYaml } from "yaml-eslint-parser";
import { parseForESLint as parseJson } from "jsonc-eslint-parser";
import type { ImageMention } from "../images/index.js";
import { imageFileKind, jsonImageMentions, yamlImageMentions } from "../formats/index.js";
import type { ImageFileKind } from "../formats/index.js";
import { findDockerfileImages } from "./dockerfile-sites.js";
import type { ImageFinder, ImageSite } from "./sites.js";

function siteOf(text: string, mention: ImageMention): ImageSite {
  const written = text.slice(mention.range[0], mention.range[1]);
  let skipped: string | null = null;
  if (mention.resolved === null) skipped = `${mention.raw} uses a variable, decided when the file is used`;
  // An edit appends to the text as written, which must be the reference itself.
  else if (written !== mention.raw) skipped = `${mention.raw} is written with escapes; pin it by hand`;
  else if (mention.resolved.scratch) skipped = "scratch is no image";
  return { range: mention.range, text: written, ref: mention.resolved, skipped, label: mention.where };
}

function finderOf(kind: ImageFileKind): ImageFinder {
  return (text) => {
    let mentions: ImageMention[];
    try {
      if (kind === "devcontainer" || kind === "bake") {
        mentions = jsonImageMentions(parseJson(text, {}).ast, text, kind);
      } else {
        mentions = yamlImageMentions(parseYaml(text, {}).ast, text, kind);
      }
    } catch {
      // Text the parser cannot read names no image it can point at.
      return [];
    }
    return mentions.map((mention) => siteOf(text, mention));
  };
}

/** The finder for a file by its path: its kind's, a Markdown file's none, any other file's the Dockerfile one. */
export function finderForFile(filename: string): ImageFinder {
  const kind = imageFileKind(filename);
  if (kind !== null) return finderOf(kind);
  if (/\.md$/iu.test(filename)) return () => [];
  return findDockerfileImages;
}
