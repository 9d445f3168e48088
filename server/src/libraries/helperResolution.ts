/**
 * Calls resolved against the helpers of every distribution: a re-export is followed to its target
 * (`edx_toggles.toggles.SettingToggle` → `edx_toggles.toggles.internal.setting_toggle.SettingToggle`),
 * and a call of a getter class (`SettingToggle('NAME', default=False)`) is followed through its
 * constructor and its bases' to the attributes its reading method uses: the setting's name, its
 * default, and for a dict setting the key and the key's default.
 */
import type { ArgumentFact, AttributeOrValue, DefaultFact, GetterCallFact, GetterClass, HelperFact, PassedArgument, ReadFact } from './facts';
import { SETTING_NAME } from './scanModule';

/** Re-exports and bases followed (a cycle ends there). */
const MAX_STEPS = 8;

/** The helper a dotted name stands for, re-exports followed. */
export function resolveHelper(name: string, helpers: ReadonlyMap<string, HelperFact>): HelperFact | undefined {
  let helper = helpers.get(name);
  for (let i = 0; helper?.kind === 'alias' && i < MAX_STEPS; i++) helper = helpers.get(helper.target);
  return helper?.kind === 'alias' ? undefined : helper;
}

/** A class's base classes that are known, in order. */
function knownBases(cls: GetterClass, helpers: ReadonlyMap<string, HelperFact>): GetterClass[] {
  return cls.bases.map((b) => resolveHelper(b, helpers)).filter((h): h is GetterClass => h?.kind === 'class');
}

/** The reading method a class has or inherits (bases depth-first, in order, each once: hostile hierarchies stay linear), with the class having it. */
function readerOf(cls: GetterClass, helpers: ReadonlyMap<string, HelperFact>, depth = 0, seen = new Set<string>()): GetterClass | undefined {
  if (cls.reader !== undefined) return cls;
  if (depth >= MAX_STEPS || seen.has(cls.name)) return undefined;
  seen.add(cls.name);
  for (const base of knownBases(cls, helpers)) {
    const found = readerOf(base, helpers, depth + 1, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** An argument as given to a constructor: positional ones by index, keyword ones by name. */
interface Given {
  args: (ArgumentFact | undefined)[];
  keywords: Record<string, ArgumentFact | undefined>;
}

/** A default as an argument (its string kept, to name a setting). */
function asArgument(value: DefaultFact): ArgumentFact {
  return typeof value.value === 'string' ? { string: value.value, value } : { value };
}

/**
 * The attributes the constructor of `cls` sets from what it is given, its bases' constructors
 * followed (`super().__init__(name, default=default)`); a class without constructor has its first
 * known base's.
 */
function attributes(cls: GetterClass, given: Given, helpers: ReadonlyMap<string, HelperFact>, depth = 0): Map<string, ArgumentFact> {
  const out = new Map<string, ArgumentFact>();
  if (depth >= MAX_STEPS) return out;
  const base = knownBases(cls, helpers)[0];
  const init = cls.init;
  if (init === undefined) return base === undefined ? out : attributes(base, given, helpers, depth + 1);
  const bound = new Map<string, ArgumentFact>();
  init.parameters.forEach((p, i) => {
    const value = given.args[i] ?? given.keywords[p.name] ?? (p.default !== undefined ? asArgument(p.default) : undefined);
    if (value !== undefined) bound.set(p.name, value);
  });
  if (base !== undefined && init.base !== undefined) {
    const pass = (a: PassedArgument): ArgumentFact | undefined => (a === null ? undefined : 'parameter' in a ? bound.get(a.parameter) : a.value);
    const keywords: Given['keywords'] = {};
    for (const [k, a] of Object.entries(init.base.keywords)) keywords[k] = pass(a);
    for (const [k, v] of attributes(base, { args: init.base.args.map(pass), keywords }, helpers, depth + 1)) out.set(k, v);
  }
  for (const [attribute, parameter] of Object.entries(init.attributes)) {
    const value = bound.get(parameter);
    if (value !== undefined) out.set(attribute, value);
  }
  return out;
}

/** An attribute's value, or the value the method writes. */
function valueOf(source: AttributeOrValue | undefined, attrs: ReadonlyMap<string, ArgumentFact>): DefaultFact | undefined {
  if (source === undefined) return undefined;
  return 'value' in source ? source.value : attrs.get(source.attribute)?.value;
}

/**
 * The reads a call of a getter class makes: the setting its name attribute holds, with the
 * default the reader uses, and for a dict setting its key; none when the name is not a
 * setting-like string.
 */
export function classReads(cls: GetterClass, call: GetterCallFact, helpers: ReadonlyMap<string, HelperFact>): ReadFact[] {
  const reader = readerOf(cls, helpers)?.reader;
  if (reader === undefined) return [];
  const attrs = attributes(cls, { args: call.args, keywords: call.keywords }, helpers);
  const name = attrs.get(reader.nameAttribute)?.string;
  if (name === undefined || !SETTING_NAME.test(name)) return [];
  const at = { file: call.file, line: call.line, column: call.column, how: 'getattr' as const };
  const whole: ReadFact = { path: [name], ...at };
  const fallback = valueOf(reader.default, attrs);
  if (fallback !== undefined) whole.default = fallback;
  if (reader.key === undefined) return [whole];
  const key = attrs.get(reader.key.attribute)?.string;
  if (key === undefined || !SETTING_NAME.test(key)) return [whole];
  const keyed: ReadFact = { path: [name, key], ...at };
  const keyDefault = valueOf(reader.key.default, attrs);
  if (keyDefault !== undefined) keyed.default = keyDefault;
  return [whole, keyed];
}
