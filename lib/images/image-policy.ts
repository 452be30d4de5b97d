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
}

export type PinMessageId = "missingTag" | "latestTag" | "missingDigest" | "invalidDigest";

export const PIN_MESSAGES: Record<PinMessageId, string> = {
  missingTag: "The {{where}} '{{image}}'{{resolved}} has no tag, so it is 'latest' and moves with each release; pin a version.",
  latestTag: "The {{where}} '{{image}}'{{resolved}} is tagged 'latest', which moves with each release; pin a version.",
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
  return data();
}

function values(mention: ImageMention): Record<string, string> {
  return { where: mention.where, image: mention.raw, expanded: mention.expandedText ?? "" };
}

/** A checker for `pin-base-image`'s options: a finding for a floating mention, or null. */
export function pinChecker(options: PinOptions): (mention: ImageMention) => PolicyFinding<PinMessageId> | null {
  const allowed = globMatcher(options.allow ?? []);
  const always = options.digest === "always";
  return (mention) => {
    const ref = mention.resolved;
    // A variable with no value decides the image later: not this policy's concern.
    if (!ref || ref.scratch) return null;
    if (allowed(ref.name) || allowed(ref.normalizedName)) return null;
    if (isContentDigest(ref.digest)) return null;
    const messageId: PinMessageId | null =
      ref.digest !== null ? "invalidDigest" : ref.tag === null ? "missingTag" : ref.tag.toLowerCase() === "latest" ? "latestTag" : always ? "missingDigest" : null;
    if (messageId === null) return null;
    return { messageId, data: fitted(PIN_MESSAGES[messageId], { ...values(mention), digest: ref.digest ?? "" }) };
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
