/**
 * "Did you mean `X`?": the closest known name within a small edit distance. Distances are
 * Damerau-Levenshtein (optimal string alignment: a swap of neighbours costs one edit), case-folded,
 * and the allowed distance grows with the name's length so short names only match near-exact typos.
 */

/** A copy of `s` that does not keep a longer string it was sliced from alive. */
function detached(s: string): string {
  return (' ' + s).slice(1);
}

/** The largest edit distance accepted for a name of `length` characters. */
export function maxEditDistance(length: number): number {
  if (length <= 3) return 0;
  if (length < 16) return 1;
  if (length < 24) return 2;
  return 3;
}

// Rows reused across calls: distance computations run by the thousand when a schema is first used.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * Optimal-string-alignment distance between `a` and `b`, or `limit + 1` as soon as it is known to
 * exceed `limit` (rows are abandoned early, so far-apart names cost little).
 */
export function editDistance(a: string, b: string, limit = Number.MAX_SAFE_INTEGER): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  const n = b.length;
  if (rowA.length <= n) {
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
    rowC = new Int32Array(n + 1);
  }
  let prevPrev = rowA;
  let prev = rowB;
  let row = rowC;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, prevPrev[j - 2] + 1);
      row[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    const t = prevPrev;
    prevPrev = prev;
    prev = row;
    row = t;
  }
  return prev[n];
}

const HISTOGRAM_SIZE = 64;

/** Character counts folded into 64 buckets: a cheap lower bound on the edit distance. */
function histogram(s: string): Int16Array {
  const h = new Int16Array(HISTOGRAM_SIZE);
  for (let i = 0; i < s.length; i++) h[s.charCodeAt(i) & (HISTOGRAM_SIZE - 1)]++;
  return h;
}

/**
 * Each edit changes at most two counts by one, so half the total difference bounds the distance.
 * Stops counting once the bound exceeds `limit`: only that is asked, and most names are far apart
 * (the first validation of a document asks this of every known name of similar length for each of
 * its unknown keys, before the JIT has optimised anything).
 */
function histogramBound(a: Int16Array, b: Int16Array, limit: number): number {
  const most = 2 * limit;
  let diff = 0;
  for (let i = 0; i < HISTOGRAM_SIZE; i++) {
    diff += Math.abs(a[i] - b[i]);
    if (diff > most) break;
  }
  return Math.ceil(diff / 2);
}

/** Known names bucketed by length, for fast nearest-name queries. */
export class SuggestionIndex {
  private readonly byLength = new Map<number, Array<{ name: string; folded: string; histogram: Int16Array }>>();
  private readonly memo = new Map<string, string | null>();

  constructor(names: Iterable<string>) {
    for (const name of names) {
      const list = this.byLength.get(name.length);
      const folded = name.toUpperCase();
      const item = { name, folded, histogram: histogram(folded) };
      if (list === undefined) this.byLength.set(name.length, [item]);
      else list.push(item);
    }
  }

  /**
   * The known name closest to `name` within {@link maxEditDistance}; undefined when none is close
   * enough, when `name` itself is known, or when two names are as close (a guess between two
   * settings is no suggestion: its quick fix would pick one at random).
   */
  suggest(name: string): string | undefined {
    const cached = this.memo.get(name);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.search(name);
    if (this.memo.size > 10_000) this.memo.clear();
    // Names come from documents as slices of the whole text: a copy keeps the memo from pinning
    // one whole old version of the document per remembered name.
    this.memo.set(detached(name), found ?? null);
    return found;
  }

  private search(name: string): string | undefined {
    const folded = name.toUpperCase();
    const own = histogram(folded);
    const limit = maxEditDistance(name.length);
    let best: string | undefined;
    let bestDistance = Number.MAX_SAFE_INTEGER;
    let tied = false;
    for (let length = name.length - limit; length <= name.length + limit; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        if (candidate.name === name) return undefined;
        // A difference of case only is the likeliest typo of all: rank it before one real edit.
        if (candidate.folded !== folded && histogramBound(own, candidate.histogram, limit) > limit) continue;
        const d = candidate.folded === folded ? 0.5 : editDistance(folded, candidate.folded, limit);
        if (d > Math.max(limit, 0.5)) continue;
        if (d < bestDistance) {
          best = candidate.name;
          bestDistance = d;
          tied = false;
        } else if (d === bestDistance) tied = true;
      }
    }
    return tied ? undefined : best;
  }
}
