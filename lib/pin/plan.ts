/**
 * From image sites to outcomes: which reference gets which digest, which is
 * already current, stale or missing, and which is left alone. The network is
 * behind `Resolver`, so the plan itself is plain logic.
 */
import type { ImageReference, PlatformSpec } from "../images/index.js";
import type { Resolution, ResolveOptions } from "../registry/index.js";
import type { ImageSite } from "./sites.js";

export type PinMode = "pin" | "update" | "check";

export type Resolver = (ref: ImageReference, options: ResolveOptions) => Promise<Resolution>;

export type OutcomeStatus =
  /** A digest was added to a tag. */
  | "pinned"
  /** A pinned digest was replaced: the tag points elsewhere now. */
  | "updated"
  /** Nothing to do: pinned to what the tag points at (or not looked up). */
  | "current"
  /** Has a tag and no digest; `--check` does not look at it (the lint rule reports it). */
  | "unpinned"
  /** Pinned to a digest the tag no longer points at. */
  | "stale"
  /** The tag does not exist (any more). */
  | "missing"
  | "unreachable"
  /** Any other failed look-up: unauthorized, no such platform, a bad answer. */
  | "failed"
  | "skipped";

export interface SiteOutcome {
  site: ImageSite;
  status: OutcomeStatus;
  /** One line for the user. */
  message: string;
  /** The new text of `site.range`, for `pinned` and `updated`. */
  replacement: string | null;
}

export interface PlanOptions {
  mode: PinMode;
  platform: PlatformSpec | null;
}

function short(digest: string): string {
  const colon = digest.indexOf(":");
  return digest.slice(0, colon + 13);
}

function failure(site: ImageSite, resolution: Extract<Resolution, { ok: false }>): SiteOutcome {
  const status = resolution.kind === "not-found" ? "missing" : resolution.kind === "unreachable" ? "unreachable" : "failed";
  return { site, status, message: resolution.message, replacement: null };
}

async function outcomeOf(site: ImageSite, resolve: Resolver, options: PlanOptions): Promise<SiteOutcome> {
  const ref = site.ref;
  if (!ref || site.skipped !== null) return { site, status: "skipped", message: site.skipped ?? "not an image", replacement: null };
  if (ref.digest !== null && ref.tag === null) {
    return { site, status: "current", message: `${site.text} is pinned by digest alone, with no tag to follow`, replacement: null };
  }
  if (ref.digest !== null && options.mode === "pin") {
    return { site, status: "current", message: `${site.text} is pinned already (--update refreshes it)`, replacement: null };
  }
  const resolution = await resolve(ref, { platform: options.platform, entries: ref.digest !== null && options.platform === null });
  if (!resolution.ok) return failure(site, resolution);

  if (ref.digest === null) {
    if (options.mode === "check") return { site, status: "unpinned", message: `${site.text} has no digest`, replacement: null };
    return { site, status: "pinned", message: `${site.text} → @${short(resolution.digest)}`, replacement: `${site.text}@${resolution.digest}` };
  }
  // A pin to one platform's manifest of the current index is current too.
  if (ref.digest === resolution.digest || (resolution.entries?.includes(ref.digest) ?? false)) {
    return { site, status: "current", message: `${site.text.slice(0, site.text.lastIndexOf("@"))} is pinned to its current digest`, replacement: null };
  }
  const named = site.text.slice(0, site.text.lastIndexOf("@"));
  if (options.mode === "check") {
    return {
      site,
      status: "stale",
      message: `${named} is pinned to ${short(ref.digest)}, but the tag now points at ${short(resolution.digest)}: run dockerfile-lint pin --update`,
      replacement: null,
    };
  }
  return {
    site,
    status: "updated",
    message: `${named} @${short(ref.digest)} → @${short(resolution.digest)}`,
    replacement: `${named}@${resolution.digest}`,
  };
}

/** The outcome of every site, in file order; look-ups run concurrently (the resolver shares answers). */
export function planSites(sites: readonly ImageSite[], resolve: Resolver, options: PlanOptions): Promise<SiteOutcome[]> {
  return Promise.all(sites.map((site) => outcomeOf(site, resolve, options)));
}
