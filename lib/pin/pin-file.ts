/** One file: find its image sites, resolve them, and edit the ranges, all or nothing. */
import { applyEdits } from "./edits.js";
import { planSites } from "./plan.js";
import type { PlanOptions, Resolver, SiteOutcome } from "./plan.js";
import type { ImageFinder } from "./sites.js";

export interface FileResult {
  outcomes: SiteOutcome[];
  /** The new text; the input itself when nothing changes or when a look-up failed. */
  text: string;
  changed: boolean;
  /** A look-up failed, so the file is left as it was (no half-pinned files). */
  failed: boolean;
}

const FAILED = new Set(["missing", "unreachable", "failed"]);

export async function pinText(text: string, find: ImageFinder, resolve: Resolver, options: PlanOptions): Promise<FileResult> {
  const outcomes = await planSites(find(text), resolve, options);
  const failed = outcomes.some((outcome) => FAILED.has(outcome.status));
  const edits = outcomes.flatMap((outcome) => (outcome.replacement === null ? [] : [{ range: outcome.site.range, text: outcome.replacement }]));
  if (failed || edits.length === 0 || options.mode === "check") return { outcomes, text, changed: false, failed };
  const next = applyEdits(text, edits);
  return { outcomes, text: next, changed: next !== text, failed };
}
