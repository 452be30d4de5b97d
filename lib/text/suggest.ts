/**
 * "Did you mean …?" for names: the closest candidate by edit distance, as
 * BuildKit chooses it (a distance below 3, the first of the closest, nothing
 * when the name itself is a candidate).
 */

/**
 * Levenshtein distance: insertions, deletions and substitutions cost 1.
 * With `transpositions`, swapping two neighbours costs 1 too (optimal string
 * alignment), so `PAHT` is one edit from `PATH`.
 */
export function editDistance(a: string, b: string, transpositions = false, atLeast = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // The distance is at least the difference in length; past `atLeast` the exact value does not matter.
  if (Math.abs(a.length - b.length) >= atLeast) return atLeast;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (transpositions && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (before[j - 2] ?? 0) + 1);
      }
      current.push(best);
      rowBest = Math.min(rowBest, best);
    }
    // A row's minimum never decreases (a transposition reaches back one row only, so allow that one).
    if (rowBest >= atLeast + 1) return atLeast;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** How many candidates one rule may compare in one file; past it, no more suggestions (names may be thousands). */
export class SuggestionBudget {
  remaining: number;
  constructor(comparisons = 100_000) {
    this.remaining = comparisons;
  }
}

/**
 * The candidate closest to `name` at a distance below `limit` (3 by default),
 * or null. With `caseSensitive: false` names compare case-insensitively and
 * the answer is returned as written among the candidates.
 */
export function closestName(
  name: string,
  candidates: Iterable<string>,
  options: { caseSensitive?: boolean; limit?: number; transpositions?: boolean; budget?: SuggestionBudget } = {},
): string | null {
  const caseSensitive = options.caseSensitive ?? true;
  const key = caseSensitive ? name : name.toLowerCase();
  let best: string | null = null;
  let bestDistance = options.limit ?? 3;
  const budget = options.budget;
  for (const candidate of candidates) {
    if (budget && budget.remaining-- <= 0) return null;
    const other = caseSensitive ? candidate : candidate.toLowerCase();
    if (other === key) return null;
    const distance = editDistance(key, other, options.transpositions ?? false, bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
