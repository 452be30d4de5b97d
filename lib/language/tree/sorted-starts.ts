/**
 * The index of the last start at or before `offset` in ascending `starts`
 * (0 when `offset` is before them all): the line an offset is on, the run of
 * joined text an index falls in.
 */
export function lastStartAtOrBefore(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
