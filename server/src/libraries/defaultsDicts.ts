/**
 * Which module-level defaults dicts a library merges with a dict setting: DRF's `DEFAULTS` with
 * `REST_FRAMEWORK` (`APISettings(None, DEFAULTS, …)`, a class whose property reads
 * `getattr(settings, 'REST_FRAMEWORK', {})`), a package's `DEFAULT_SETTINGS` with
 * `getattr(settings, 'EDX_DRF_EXTENSIONS', {})` in one function, drf-jwt's `DEFAULTS` with
 * `USER_SETTINGS = getattr(settings, 'JWT_AUTH', None)`. The keys of such a dict are then the
 * nested keys of the setting. Found by how the code brings the two together, never by name; a
 * dict is paired with a setting only when
 *
 * - both are arguments of one call or items of one dict display (`Settings(USER_SETTINGS,
 *   DEFAULTS)`, `{**DEFAULTS, **getattr(settings, 'X', {})}`, `DEFAULTS.update(settings.X)`),
 * - or the dict is an argument of a call of a module-level class or function that uses exactly
 *   one setting as a mapping (a dict default, `.get(…)`, `[…]`): `APISettings(None, DEFAULTS)`,
 * - or, in one function, both are looked up with the same key (`getattr(settings, 'X', {})[name]`
 *   and `DEFAULTS[name]`).
 *
 * A dict merely used near settings reads (a translation table in a function that calls another
 * reading `FEATURES`) is not paired.
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
  /** The call's arguments or the dict display it is an item of (node id), if any. */
  meet?: number;
  /** The source text of the key it is looked up with (`[name]`, `.get(name)`), if any. */
  lookup?: string;
}

/** A mention of a defaults dict, where it happens (not its own assignment). */
export interface DictMention {
  name: string;
  scope: number;
  fn?: number;
  /** As {@link ScopedRead.meet}. */
  meet?: number;
  /** As {@link ScopedRead.lookup}. */
  lookup?: string;
  /** The module-level class or function it is an argument of (`APISettings(None, DEFAULTS)`), if any. */
  passedTo?: string;
}

/** What the pairing reads of a module. */
export interface PairingInput {
  reads: readonly ScopedRead[];
  dictRefs: readonly DictMention[];
  /** The top-level statement defining each module-level function or class. */
  definitions: ReadonlyMap<string, number>;
}

/** A defaults dict merged with a setting. */
export interface DictPairing {
  dict: string;
  setting: string;
}

/** The one setting a group of reads uses as a mapping, if there is exactly one. */
function mappingSetting(reads: readonly ScopedRead[]): string | undefined {
  const mapping = new Set(reads.filter((r) => r.mapping).map((r) => r.name));
  return mapping.size === 1 ? [...mapping][0] : undefined;
}

/** Groups items by a key. */
function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list === undefined) out.set(k, [item]);
    else list.push(item);
  }
  return out;
}

/** The defaults dicts merged with settings, in the order the dicts are mentioned. */
export function pairDefaultsDicts(input: PairingInput): DictPairing[] {
  const out: DictPairing[] = [];
  const seen = new Set<string>();
  const pair = (dict: string, setting: string): void => {
    const key = `${dict}\0${setting}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ dict, setting });
  };
  const byMeet = groupBy(input.reads.filter((r) => r.meet !== undefined), (r) => `${r.meet}`);
  const byLookup = groupBy(input.reads.filter((r) => r.lookup !== undefined && r.fn !== undefined), (r) => `${r.fn}\0${r.lookup}`);
  for (const ref of input.dictRefs) {
    for (const r of ref.meet === undefined ? [] : byMeet.get(`${ref.meet}`) ?? []) pair(ref.name, r.name);
    for (const r of ref.lookup === undefined || ref.fn === undefined ? [] : byLookup.get(`${ref.fn}\0${ref.lookup}`) ?? []) pair(ref.name, r.name);
    const scope = ref.passedTo === undefined ? undefined : input.definitions.get(ref.passedTo);
    if (scope === undefined) continue;
    const setting = mappingSetting(input.reads.filter((r) => r.scope === scope));
    if (setting !== undefined) pair(ref.name, setting);
  }
  return out;
}
