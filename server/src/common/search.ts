/**
 * Searches over sorted tables. This folder is the floor of the server: it imports nothing of
 * ours, so every other folder may use it.
 */

/**
 * Index of the last element of `sorted` that is `<= target`, or -1 when there is none (an empty
 * table, or a target before the first element). `sorted` must be in non-decreasing order; in a
 * run of equal elements the last of the run is found, so `lastAtOrBefore(s, t) + 1` is the first
 * index whose element is greater than `t`.
 *
 * Binary search, O(log n), with no allocation and no callback: it runs on every offset → line and
 * offset → segment lookup, so it takes the table itself (a plain array or a typed array) rather
 * than a key accessor. The midpoint rounds up and the answer is checked once at the end: the
 * textbook lower-bound form (`hi = length`, `lo = mid + 1`) measured 1.5× slower on an
 * `Int32Array` in V8.
 *
 * @param sorted the table, non-decreasing
 * @param target the value to place
 * @returns the index, from -1 to `sorted.length - 1`
 */
export function lastAtOrBefore(sorted: ArrayLike<number>, target: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  // Invariant: the answer, if there is one, lies in [lo, hi].
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (sorted[mid] <= target) lo = mid;
    else hi = mid - 1;
  }
  return hi >= 0 && sorted[lo] <= target ? lo : -1;
}
