/**
 * What changed in an IDA's settings between two schemas (two releases, two commits, two
 * checkouts): the changelog of settings that OEP-45 asks for and nobody publishes. Top-level
 * settings of the IDA's own sources only (not Django's or the libraries' layers). Pure: the
 * schemas are never modified.
 *
 * - added, removed: by name;
 * - likely renames: a removed and an added setting of the same module with the same literal
 *   default and the same documentation (each used once; not two undocumented settings whose
 *   default is as common as `False`);
 * - default changed: both defaults literal and different;
 * - type changed: both typed, another set of JSON types;
 * - deprecated: deprecated in the second schema and not in the first;
 * - `FEATURES` entries turned into top-level settings: an entry of the first schema's `FEATURES`
 *   that the first schema has no setting for, and the second one has;
 * - read from the YAML file, started or stopped: a setting `production.py` overwrites after
 *   loading the file in one schema and not in the other (`overwritten` role).
 */
import { sameJson } from '../common/sameJson';
import type { JsonValue } from '../catalog/types';
import type { IdaSchema, PropertySchema } from '../schema/format';
import { roleOf } from '../schema/roles';

/** A setting as the report names it. */
export interface DiffSetting {
  name: string;
  /** `integer`, `string | null`, `computed`, `unknown`. */
  type: string;
  /** The literal default, when there is one. */
  default?: JsonValue;
  /** The default's source text, when it is not a literal. */
  defaultText?: string;
  /** `file:line` of the definition, relative to the schema's sources. */
  definedIn?: string;
}

/** A setting that changed in place. */
export interface DiffChange<T> {
  name: string;
  before: T;
  after: T;
}

/** The changelog between two schemas of one IDA. */
export interface SettingsDiff {
  ida: string;
  from: string;
  to: string;
  added: DiffSetting[];
  removed: DiffSetting[];
  renamed: { from: string; to: string; definedIn?: string }[];
  defaultChanged: DiffChange<JsonValue>[];
  typeChanged: DiffChange<string>[];
  deprecated: { name: string; reason?: string; replacement?: string }[];
  featuresToTopLevel: string[];
  /** Overwritten after the YAML load before, read from the file now. */
  yamlReadStarted: string[];
  /** Read from the file before, overwritten after the YAML load now (`file:line` of the assignment). */
  yamlReadStopped: { name: string; where: string }[];
}

/** `integer`, `string | null`, `computed`, `unknown` (JSON types sorted, `null` last). */
export function typeLabel(prop: PropertySchema): string {
  const kind = prop['x-openedx']?.typeKind;
  if (kind === 'computed' || kind === 'unknown') return kind;
  if (prop.type === undefined) return 'unknown';
  const types = Array.isArray(prop.type) ? [...prop.type] : [prop.type];
  const named = types.filter((t) => t !== 'null').sort();
  return [...named, ...(types.includes('null') ? ['null'] : [])].join(' | ');
}

function isDeprecated(prop: PropertySchema): boolean {
  return prop.deprecated === true || roleOf(prop, 'deprecated') !== undefined;
}

function describe(name: string, prop: PropertySchema): DiffSetting {
  const facts = prop['x-openedx'];
  const out: DiffSetting = { name, type: typeLabel(prop) };
  if (prop.default !== undefined) out.default = prop.default;
  else if (facts?.defaultText !== undefined) out.defaultText = facts.defaultText;
  if (facts !== undefined && facts.origin.layer === undefined) out.definedIn = `${facts.origin.file}:${facts.origin.line}`;
  return out;
}

/** The documentation text a rename must keep: the description, else the documentation's own. */
function docText(prop: PropertySchema): string | undefined {
  return prop.description ?? prop['x-openedx']?.doc?.description;
}

/** The names a `FEATURES` setting lists: its literal default's keys and its documented keys. */
function featureEntries(schema: IdaSchema): Set<string> {
  const features = Object.hasOwn(schema.properties, 'FEATURES') ? schema.properties.FEATURES : undefined;
  const out = new Set<string>();
  if (features === undefined) return out;
  const d = features.default;
  if (typeof d === 'object' && d !== null && !Array.isArray(d)) for (const k of Object.keys(d)) out.add(k);
  for (const k of Object.keys(features.properties ?? {})) out.add(k);
  return out;
}

/**
 * The settings the IDA's own sources define: a base layer's (Django's, the libraries') are left
 * out, since one side may carry them (a shipped schema) and the other not (a folder extracted alone).
 */
function ownProperties(schema: IdaSchema): Record<string, PropertySchema> {
  const out: Record<string, PropertySchema> = {};
  for (const [name, prop] of Object.entries(schema.properties)) if (prop['x-openedx']?.origin.layer === undefined) out[name] = prop;
  return out;
}

/** A default too common to tell two settings apart: `false`, `true`, `null`, `0`, `""`, `[]`, `{}`. */
function isCommonDefault(value: JsonValue): boolean {
  if (value === null || typeof value === 'boolean' || value === 0 || value === '') return true;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The changelog from `before` to `after` (two schemas of the same IDA).
 * @param labels what the report calls each side (`open-release/teak.3`, a folder).
 */
export function diffSettings(before: IdaSchema, after: IdaSchema, labels: { from: string; to: string }): SettingsDiff {
  const a = ownProperties(before);
  const b = ownProperties(after);
  const has = (props: Record<string, PropertySchema>, name: string): boolean => Object.hasOwn(props, name);
  const removedNames = Object.keys(a).filter((n) => !has(b, n)).sort();
  const addedNames = Object.keys(b).filter((n) => !has(a, n)).sort();

  // `FEATURES` entries now settings of their own are no renames.
  const features = featureEntries(before);
  const featuresToTopLevel = addedNames.filter((n) => features.has(n));
  const turned = new Set(featuresToTopLevel);

  // Likely renames: same module, same literal default, same documentation; each side used once.
  // Two undocumented settings that share a default as common as `False` say nothing of each other.
  const renamed: SettingsDiff['renamed'] = [];
  const takenAdded = new Set<string>(turned);
  const takenRemoved = new Set<string>();
  for (const old of removedNames) {
    const pa = a[old];
    if (pa.default === undefined || (docText(pa) === undefined && isCommonDefault(pa.default))) continue;
    const fileA = pa['x-openedx']?.origin.file;
    const match = addedNames.find((n) => {
      if (takenAdded.has(n)) return false;
      const pb = b[n];
      return pb.default !== undefined && pb['x-openedx']?.origin.file === fileA && sameJson(pa.default, pb.default) && docText(pa) === docText(pb);
    });
    if (match === undefined) continue;
    takenAdded.add(match);
    takenRemoved.add(old);
    const facts = b[match]['x-openedx'];
    renamed.push({ from: old, to: match, ...(facts !== undefined ? { definedIn: `${facts.origin.file}:${facts.origin.line}` } : {}) });
  }

  const diff: SettingsDiff = {
    ida: after['x-openedx-schema']?.ida ?? before['x-openedx-schema']?.ida ?? '',
    from: labels.from,
    to: labels.to,
    added: addedNames.filter((n) => !takenAdded.has(n)).map((n) => describe(n, b[n])),
    removed: removedNames.filter((n) => !takenRemoved.has(n)).map((n) => describe(n, a[n])),
    renamed,
    defaultChanged: [],
    typeChanged: [],
    deprecated: [],
    featuresToTopLevel,
    yamlReadStarted: [],
    yamlReadStopped: [],
  };
  for (const name of Object.keys(b).filter((n) => has(a, n)).sort()) {
    const pa = a[name];
    const pb = b[name];
    if (pa.default !== undefined && pb.default !== undefined && !sameJson(pa.default, pb.default)) diff.defaultChanged.push({ name, before: pa.default, after: pb.default });
    const ta = typeLabel(pa);
    const tb = typeLabel(pb);
    const typed = (t: string): boolean => t !== 'computed' && t !== 'unknown';
    if (typed(ta) && typed(tb) && ta !== tb) diff.typeChanged.push({ name, before: ta, after: tb });
    if (isDeprecated(pb) && !isDeprecated(pa)) {
      const role = roleOf(pb, 'deprecated');
      diff.deprecated.push({ name, ...(role?.reason ? { reason: role.reason } : {}), ...(role?.replacement !== undefined ? { replacement: role.replacement } : {}) });
    }
    const wa = roleOf(pa, 'overwritten');
    const wb = roleOf(pb, 'overwritten');
    if (wa !== undefined && wb === undefined) diff.yamlReadStarted.push(name);
    if (wb !== undefined && wa === undefined) diff.yamlReadStopped.push({ name, where: `${wb.file}:${wb.line}` });
  }
  diff.added.sort(byName);
  diff.removed.sort(byName);
  return diff;
}

/** Whether the two schemas differ in anything the changelog reports. */
export function isEmptyDiff(diff: SettingsDiff): boolean {
  return (
    diff.added.length + diff.removed.length + diff.renamed.length + diff.defaultChanged.length + diff.typeChanged.length + diff.deprecated.length + diff.featuresToTopLevel.length + diff.yamlReadStarted.length + diff.yamlReadStopped.length ===
    0
  );
}
