/**
 * The image policy, once for every format: which references float, which
 * registries are allowed, and the messages that say so. Each format only
 * finds where an image is named (an `ImageMention`); rules hand mentions here.
 */
import { globMatcher, shorten } from "../text/index.js";
import { isContentDigest } from "./image-ref.js";
import type { ImageReference } from "./image-ref.js";

/** One place a file names an image, whatever the format. */
export interface ImageMention {
  /** How messages name the place: "base image", "Compose service image", … */
  where: string;
  /** The reference as written. */
  raw: string;
  /** Offsets of the reference text in the file (inside any quotes). */
  range: [number, number];
  /** The reference with variables resolved; null when a variable decides it at run or build time. */
  resolved: ImageReference | null;
  /** The text after substitution, when it used variables. */
  expandedText: string | null;
}

export interface PinOptions {
  digest?: "never" | "always";
  allow?: string[];
  floating?: string[];
}

export type PinMessageId = "missingTag" | "latestTag" | "floatingTag" | "missingDigest" | "invalidDigest";

export const PIN_MESSAGES: Record<PinMessageId, string> = {
  missingTag: "The {{where}} '{{image}}'{{resolved}} has no tag, so it is 'latest' and moves with each release; pin a version.",
  latestTag: "The {{where}} '{{image}}'{{resolved}} is tagged 'latest', which moves with each release; pin a version.",
  floatingTag: "The {{where}} '{{image}}'{{resolved}} is tagged '{{tag}}', a channel that moves like 'latest'; pin a version.",
  missingDigest: "The {{where}} '{{image}}'{{resolved}} has a tag but no digest, and a tag can be re-pushed: 'dockerfile-lint pin' adds it.",
  invalidDigest: "The {{where}} '{{image}}'{{resolved}} has '@{{digest}}', which is not a content digest (sha256: and 64 hex), so it pins nothing.",
};

/** Messages are held to about a terminal line (140 characters), rendered. */
const MESSAGE_LIMIT = 140;
/** Shortened values keep at least this much of their text. */
const MIN_VALUE = 16;

export interface PolicyFinding<Id extends string> {
  messageId: Id;
  data: Record<string, string>;
}

/**
 * The data of a message, with the long values (image, resolved text,
 * registry, digest…) shortened in the middle until the rendered message fits.
 */
function fitted(template: string, values: Record<string, string>): Record<string, string> {
  const current = { ...values };
  const data = (): Record<string, string> => {
    const { expanded = "", ...rest } = current;
    return { ...rest, resolved: expanded ? ` (resolves to '${expanded}')` : "" };
  };
  const length = () => {
    const rendered = data();
    return template.replace(/\{\{(\w+)\}\}/gu, (_, key: string) => rendered[key] ?? "").length;
  };
  const shrinkable = Object.keys(current).filter((key) => key !== "where");
  for (let round = 0; round < shrinkable.length * 2 && length() > MESSAGE_LIMIT; round++) {
    const longest = shrinkable.reduce((a, b) => (Array.from(current[a] ?? "").length >= Array.from(current[b] ?? "").length ? a : b));
    const text = current[longest] ?? "";
    const size = Array.from(text).length;
    if (size <= MIN_VALUE) break;
    current[longest] = shorten(text, Math.max(MIN_VALUE, size - (length() - MESSAGE_LIMIT)));
  }
  // Still too long with every value at its shortest: the resolved text goes, the reference as written stays.
  if (length() > MESSAGE_LIMIT) current.expanded = "";
  return data();
}

function values(mention: ImageMention): Record<string, string> {
  return { where: mention.where, image: mention.raw, expanded: mention.expandedText ?? "" };
}

/** Tags that name a channel, not a release: they move like `latest`. */
export const FLOATING_TAGS: readonly string[] = ["latest", "lts", "stable", "current", "edge", "nightly", "rolling", "sid", "testing", "unstable", "devel", "mainline"];

/** A dated or three-part version after a channel word pins a snapshot: `stable-20240110-slim`, `edge-1.2.3`. */
function namesRelease(suffix: string): boolean {
  return /\d{8}|\d\.\d+\.\d/u.test(suffix);
}

/**
 * The tag as written, read without the variables in it: the text after the
 * first `:` that follows the last `/`, outside `${…}`, up to any `@`. Null without a tag.
 */
function writtenTag(raw: string): string | null {
  let depth = 0;
  let colon = -1;
  let end = raw.length;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charAt(i);
    if (ch === "{" && raw.charAt(i - 1) === "$") depth++;
    else if (ch === "}" && depth > 0) depth--;
    else if (depth > 0) continue;
    else if (ch === "/") colon = -1;
    else if (ch === "@") {
      end = i;
      break;
    } else if (ch === ":" && colon < 0) colon = i;
  }
  return colon < 0 ? null : raw.slice(colon + 1, end);
}

/** `${IMAGE}@${DIGEST}` with an empty default: the build passes the digest in. */
function digestFromBuild(mention: ImageMention): boolean {
  return mention.resolved?.digest === null && /@\$/u.test(mention.raw);
}

/** A checker for `pin-base-image`'s options: a finding for a floating mention, or null. */
export function pinChecker(options: PinOptions): (mention: ImageMention) => PolicyFinding<PinMessageId> | null {
  const allowed = globMatcher(options.allow ?? []);
  const always = options.digest === "always";
  const channels = (options.floating ?? FLOATING_TAGS).map((word) => word.toLowerCase());

  /** The channel word a tag floats with: `lts` for `lts-alpine3.20`, `latest` for `latest-gpu`. */
  function channelOf(tag: string): string | null {
    const lower = tag.toLowerCase();
    for (const word of channels) {
      if (lower === word) return word;
      if (lower.startsWith(`${word}-`) && !namesRelease(lower.slice(word.length + 1))) return word;
    }
    return null;
  }

  /** A tag written around a variable still floats when a channel word comes before it: `golang:latest-$TARGETARCH`. */
  function writtenChannel(raw: string): { tag: string; channel: string } | null {
    const tag = writtenTag(raw);
    if (!tag) return null;
    const dollar = tag.indexOf("$");
    const channel = dollar < 0 ? channelOf(tag) : tag.charAt(dollar - 1) === "-" ? channelOf(tag.slice(0, dollar - 1)) : null;
    return channel ? { tag, channel } : null;
  }

  function finding(messageId: PinMessageId, mention: ImageMention, extra: Record<string, string>): PolicyFinding<PinMessageId> {
    return { messageId, data: fitted(PIN_MESSAGES[messageId], { ...values(mention), ...extra }) };
  }

  return (mention) => {
    const ref = mention.resolved;
    if (!ref) {
      // A variable with no value decides the image later, unless the tag written around it names a channel.
      const written = writtenChannel(mention.raw);
      if (!written) return null;
      const latest = written.tag.toLowerCase() === "latest";
      return finding(latest ? "latestTag" : "floatingTag", mention, { tag: written.tag, digest: "" });
    }
    if (ref.scratch) return null;
    if (allowed(ref.name) || allowed(ref.normalizedName)) return null;
    if (isContentDigest(ref.digest) || digestFromBuild(mention)) return null;
    const digest = ref.digest ?? "";
    if (ref.digest !== null) return finding("invalidDigest", mention, { digest });
    if (ref.tag === null) return finding("missingTag", mention, { digest });
    if (ref.tag.toLowerCase() === "latest") return finding("latestTag", mention, { digest });
    if (channelOf(ref.tag)) return finding("floatingTag", mention, { tag: ref.tag, digest });
    return always ? finding("missingDigest", mention, { digest }) : null;
  };
}

export const REGISTRY_MESSAGES = {
  notAllowed: "The {{where}} '{{image}}'{{resolved}} is from {{registry}}, not an allowed registry ({{allowed}}).",
} as const;

/** Names of Docker Hub: `docker.io` in references, `hub.docker.com` on the web, and the hosts behind them. */
const DOCKER_HUB = ["docker.io", "hub.docker.com", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"];

/** A checker for `allowed-registries`; with no registries it reports nothing. */
export function registryChecker(registries: readonly string[]): (mention: ImageMention) => PolicyFinding<"notAllowed"> | null {
  if (registries.length === 0) return () => null;
  const allowed = globMatcher(registries);
  const allowedText = registries.join(", ");
  return (mention) => {
    const ref = mention.resolved;
    if (!ref || ref.scratch) return null;
    // `FROM "gcr.io/x"`: Docker removes the quotes; the parsed reference may keep them.
    const registry = ref.registry?.replace(/^["']+/u, "").toLowerCase() ?? "docker.io";
    const onHub = DOCKER_HUB.includes(registry);
    if (onHub ? DOCKER_HUB.some(allowed) : allowed(registry)) return null;
    return {
      messageId: "notAllowed",
      data: fitted(REGISTRY_MESSAGES.notAllowed, { ...values(mention), registry: onHub ? "Docker Hub (docker.io)" : registry, allowed: allowedText }),
    };
  };
}
