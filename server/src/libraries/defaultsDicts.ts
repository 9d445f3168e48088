/**
 * Which module-level defaults dicts a library merges with a dict setting: DRF's `DEFAULTS` with
 * `REST_FRAMEWORK` (`APISettings(None, DEFAULTS, …)`, a class whose property reads
 * `getattr(settings, 'REST_FRAMEWORK', {})`), a package's `DEFAULT_SETTINGS` with
 * `getattr(settings, 'EDX_DRF_EXTENSIONS', {})` in one function, drf-jwt's `DEFAULTS` with
 * `USER_SETTINGS = getattr(settings, 'JWT_AUTH', None)`. The keys of such a dict are then the
 * nested keys of the setting. Found by where names occur, never by name:
 *
 * - a *scope* is one top-level statement (a whole class or function, or an assignment), together
 *   with the module-level functions and classes it calls;
 * - a scope that mentions defaults dicts and reads exactly one setting used as a mapping (a dict
 *   default, `.get(…)`, `[…]`), or else exactly one setting, pairs them;
 * - otherwise each function of the scope is tried alone, with the same rule.
 */

/** A read of a whole setting (or a reference to a module-level name bound to one), where it happens. */
export interface ScopedRead {
  name: string;
  /** Index of the top-level statement it is in. */
  scope: number;
  /** The innermost function it is in (its node id), if any. */
  fn?: number;
  /** Whether the setting is used as a mapping here: a dict default, `.get(…)`, `[…]`, `.items()`. */
  mapping: boolean;
}

/** A mention of a name (a defaults dict, or a module-level function or class called), where it happens. */
export interface ScopedName {
  name: string;
  scope: number;
  fn?: number;
}

/** What the pairing reads of a module. */
export interface PairingInput {
  reads: readonly ScopedRead[];
  /** Mentions of defaults dicts (not their own assignment). */
  dictRefs: readonly ScopedName[];
  /** Calls of module-level functions and classes, by name. */
  calls: readonly ScopedName[];
  /** The top-level statement defining each module-level function or class. */
  definitions: ReadonlyMap<string, number>;
}

/** A defaults dict merged with a setting. */
export interface DictPairing {
  dict: string;
  setting: string;
}

/** The one setting a group of reads is about, if there is one. */
function chooseSetting(reads: readonly ScopedRead[]): string | undefined {
  const mapping = new Set(reads.filter((r) => r.mapping).map((r) => r.name));
  if (mapping.size === 1) return [...mapping][0];
  const all = new Set(reads.map((r) => r.name));
  return all.size === 1 ? [...all][0] : undefined;
}

/** Groups items by a key. */
function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list === undefined) out.set(k, [item]);
    else list.push(item);
  }
  return out;
}

/** The defaults dicts merged with settings, in the order their scopes come. */
export function pairDefaultsDicts(input: PairingInput): DictPairing[] {
  const readsByScope = groupBy(input.reads, (r) => r.scope);
  const dictsByScope = groupBy(input.dictRefs, (r) => r.scope);
  const callsByScope = groupBy(input.calls, (c) => c.scope);
  const out: DictPairing[] = [];
  const seen = new Set<string>();
  const pair = (dict: string, setting: string): void => {
    const key = `${dict}\0${setting}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ dict, setting });
  };
  const scopes = [...new Set([...dictsByScope.keys(), ...callsByScope.keys()])].sort((a, b) => a - b);
  for (const scope of scopes) {
    // The scope with what the definitions it calls read and mention (one level: enough for `X = Cls(None, DEFAULTS)`).
    const called = [...new Set((callsByScope.get(scope) ?? []).map((c) => input.definitions.get(c.name)))].filter((s): s is number => s !== undefined && s !== scope);
    const reads = [...(readsByScope.get(scope) ?? []), ...called.flatMap((s) => readsByScope.get(s) ?? [])];
    const dicts = [...(dictsByScope.get(scope) ?? []), ...called.flatMap((s) => dictsByScope.get(s) ?? [])];
    if (dicts.length === 0) continue;
    const setting = chooseSetting(reads);
    if (setting !== undefined) {
      for (const d of dicts) pair(d.name, setting);
      continue;
    }
    const readsByFn = groupBy(readsByScope.get(scope) ?? [], (r) => r.fn);
    for (const [fn, refs] of groupBy(dictsByScope.get(scope) ?? [], (r) => r.fn)) {
      if (fn === undefined) continue;
      const alone = chooseSetting(readsByFn.get(fn) ?? []);
      if (alone !== undefined) for (const d of refs) pair(d.name, alone);
    }
  }
  return out;
}
