/**
 * Binary search over sorted data, in one place. Every sorted-span lookup of the core (blocks, sentences,
 * citations, entries, line starts, rank tables) is "the last element that starts at or before an offset" or
 * "the first element not below a value": both are a partition point.
 */

/**
 * The first index `i` in `[lo, hi)` for which `after(i)` is true, or `hi` when none is; `after` must be false
 * then true along the range (a partitioned range).
 *
 * @example
 * partitionPoint(0, 4, (i) => [1, 3, 5, 7][i] > 4) // → 2
 */
export function partitionPoint(lo: number, hi: number, after: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (after(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the last item whose `start` is ≤ `offset` in items sorted by start, or -1. */
export function lastStartingAtOrBefore<T>(items: readonly T[], offset: number, startOf: (item: T) => number): number {
  return partitionPoint(0, items.length, (i) => startOf(items[i]) > offset) - 1;
}

/** The first index in `a[0, length)` (sorted ascending) holding a value ≥ `v` (`length` when none does). */
export function lowerBound(a: ArrayLike<number>, v: number, length = a.length): number {
  return partitionPoint(0, length, (i) => a[i] >= v);
}

/** The first index in `a[0, length)` (sorted ascending) holding a value > `v` (`length` when none does). */
export function upperBound(a: ArrayLike<number>, v: number, length = a.length): number {
  return partitionPoint(0, length, (i) => a[i] > v);
}
