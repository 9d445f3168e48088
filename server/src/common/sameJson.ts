/**
 * Deep equality of JSON-like data (what catalogs and schemas hold), without the generality of
 * `util.isDeepStrictEqual` (prototypes, symbols, cycles), which costs several times as much on
 * the hundreds of settings each live re-extraction compares.
 */

/** Key lists by recursion depth, reused: comparing a catalog must not allocate an array per object. */
const scratch: string[][] = [];

/** Deep equality of JSON-like values, key order included (a shared object must serialise the same). */
export function sameJson(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  // JSON-like objects have no enumerable inherited keys: `for…in` lists their own, in order.
  const keys = (scratch[depth] ??= []);
  let n = 0;
  for (const k in ra) keys[n++] = k;
  let m = 0;
  for (const k in rb) {
    if (m >= n || keys[m] !== k) return false;
    m++;
  }
  if (m !== n) return false;
  for (let i = 0; i < n; i++) if (!sameJson(ra[keys[i]], rb[keys[i]], depth + 1)) return false;
  return true;
}
