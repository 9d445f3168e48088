/**
 * The libraries layer: what installed packages (Celery, django-storages, edx-drf-extensions, plugin
 * packages, …) read from Django's settings, laid under an IDA's schema. It comes from a scan of a
 * Python environment (`libraries/`), or from the shipped `schemas/libraries.json` when none is
 * configured. Unlike a base such as Django, a library does not define a setting: it reads it. So a
 * name the IDA defines keeps the IDA's property and gains the library's readers and the nested keys
 * the library knows (`JWT_AUTH`'s, read from edx-drf-extensions' defaults); a name only libraries
 * read is added, marked with the layer.
 */
import { pluginProjectOf } from '../catalog/pluginProjects';
import type { SettingReader, YamlRole } from '../catalog/types';
import type { IdaSchema, PropertyFacts, PropertySchema, SchemaSourceLayer } from './format';
import { markLayer } from './layers';
import { defineOwn, mergeSorted, nameMap } from './own';

/** The layer's name, as in `x-openedx.origin.layer` and `source.bases`. */
export const LIBRARIES = 'libraries';

/** Most readers kept per property: enough to say who reads a key, bounded for keys every package reads. */
export const MAX_READERS = 5;

/**
 * Merged properties, per IDA property and library property: both are long-lived (a shipped schema
 * is loaded once; a live rebuild reuses unchanged property objects), so every merge of the same
 * pair gives the same object and what the language service caches per property stays valid.
 */
const mergedPairs = new WeakMap<PropertySchema, WeakMap<PropertySchema, PropertySchema>>();

/**
 * Lays `libraries` (a schema of layout `library`) under `ida`. Pure: inputs are never modified.
 * A library key is never required; its problems are not the IDA's and are left out (the layer's
 * own schema keeps them).
 */
export function mergeLibrariesSchema(libraries: IdaSchema, ida: IdaSchema): IdaSchema {
  const facts = ida['x-openedx-schema'];
  if (facts.ida === LIBRARIES) return ida;
  const own = ida.properties;
  const extra = forIda(libraries, facts.ida);
  const names = mergeSorted(Object.keys(own), Object.keys(extra));
  const properties = nameMap<PropertySchema>();
  let added = 0;
  for (const name of names) {
    const mine = Object.hasOwn(own, name) ? own[name] : undefined;
    const theirs = Object.hasOwn(extra, name) ? extra[name] : undefined;
    if (mine === undefined) {
      if (theirs === undefined) continue;
      added++;
      defineOwn(properties, name, libraryProperty(theirs));
    } else defineOwn(properties, name, theirs === undefined ? mine : mergedProperty(mine, theirs));
  }
  const libraryFacts = libraries['x-openedx-schema'];
  const layer: SchemaSourceLayer = {
    ida: LIBRARIES,
    ...(libraryFacts.source.root !== undefined ? { root: libraryFacts.source.root } : {}),
    files: [...libraryFacts.source.files],
    ...(libraryFacts.packages !== undefined ? { packages: libraryFacts.packages } : {}),
    ...(libraryFacts.source.pinned !== undefined ? { pinned: libraryFacts.source.pinned } : {}),
  };
  return {
    ...ida,
    properties,
    'x-openedx-schema': {
      ...facts,
      source: { ...facts.source, bases: [...(facts.source.bases ?? []), layer] },
      counts: { ...facts.counts, settings: facts.counts.settings + added },
    },
  };
}

/** Schemas with the layer laid, per IDA schema and libraries schema: asking again for the same pair gives the same object. */
const laid = new WeakMap<IdaSchema, WeakMap<IdaSchema, IdaSchema>>();

/** {@link mergeLibrariesSchema}, remembered per pair of schemas (every request of a document asks). */
export function layLibraries(ida: IdaSchema, libraries: IdaSchema): IdaSchema {
  let byLibraries = laid.get(ida);
  if (byLibraries === undefined) laid.set(ida, (byLibraries = new WeakMap()));
  let out = byLibraries.get(libraries);
  if (out === undefined) byLibraries.set(libraries, (out = mergeLibrariesSchema(libraries, ida)));
  return out;
}

/** Libraries schemas restricted to one IDA's packages, per libraries schema and IDA. */
const restricted = new WeakMap<IdaSchema, Map<string, Record<string, PropertySchema>>>();

/** Whether a libraries schema holds overwrites of plugin apps (per schema: most hold none). */
const overwriting = new WeakMap<IdaSchema, boolean>();

function hasOverwrites(libraries: IdaSchema): boolean {
  let out = overwriting.get(libraries);
  if (out === undefined) {
    out = Object.values(libraries.properties).some((p) => p['x-openedx']?.readers?.some((r) => r.how === 'overwrite') === true);
    overwriting.set(libraries, out);
  }
  return out;
}

/** Which readers of a libraries schema apply to one IDA. */
interface ReaderFilter {
  /** Packages the IDA does not install. */
  excluded: ReadonlySet<string>;
  /** The plugin project type the IDA runs (overwrites of other projects' production settings do not apply). */
  project: string | undefined;
}

/**
 * A reader as it applies to the IDA: an overwrite by another project's production settings is
 * only an assignment here (the scan does not know which project runs a plugin module otherwise).
 */
function asApplied(reader: SettingReader, filter: ReaderFilter): SettingReader {
  if (reader.how !== 'overwrite' || (filter.project !== undefined && reader.projects?.includes(filter.project) === true)) return reader;
  const { projects: _projects, ...rest } = reader;
  return { ...rest, how: 'plugin' };
}

/**
 * The properties of `libraries` read by packages the IDA installs (`LibraryPackage.idas`): a
 * property keeps the readers of those packages only, and goes when none is left; an overwrite by
 * a plugin app's production settings stays only for the IDA that runs them. Every property stays
 * the same object when all its readers apply (a scanned environment without plugin apps).
 */
function forIda(libraries: IdaSchema, ida: string): Record<string, PropertySchema> {
  const packages = libraries['x-openedx-schema'].packages ?? [];
  const excluded = new Set(packages.filter((p) => p.idas !== undefined && !p.idas.includes(ida)).map((p) => p.name));
  if (excluded.size === 0 && !hasOverwrites(libraries)) return libraries.properties;
  let byIda = restricted.get(libraries);
  if (byIda === undefined) restricted.set(libraries, (byIda = new Map()));
  let out = byIda.get(ida);
  if (out === undefined) {
    out = nameMap<PropertySchema>();
    const filter: ReaderFilter = { excluded, project: pluginProjectOf(ida) };
    for (const [name, prop] of Object.entries(libraries.properties)) {
      const kept = keptFor(prop, filter);
      if (kept !== undefined) defineOwn(out, name, kept);
    }
    byIda.set(ida, out);
  }
  return out;
}

/** A library property with the readers that apply (nested keys too); undefined when no reader is left. */
function keptFor(prop: PropertySchema, filter: ReaderFilter): PropertySchema | undefined {
  const facts = prop['x-openedx'];
  const readers = facts?.readers ?? [];
  const kept = readers.filter((r) => !filter.excluded.has(r.package)).map((r) => asApplied(r, filter));
  let nested: Record<string, PropertySchema> | undefined;
  let nestedChanged = false;
  if (prop.properties !== undefined) {
    nested = nameMap<PropertySchema>();
    for (const [key, sub] of Object.entries(prop.properties)) {
      const k = keptFor(sub, filter);
      if (k !== sub) nestedChanged = true;
      if (k !== undefined) defineOwn(nested, key, k);
    }
  }
  const nestedLeft = nested !== undefined && Object.keys(nested).length > 0;
  if (kept.length === 0 && !nestedLeft) return undefined;
  if (kept.length === readers.length && kept.every((r, i) => r === readers[i]) && !nestedChanged) return prop;
  const out: PropertySchema = { ...prop };
  if (facts !== undefined) out['x-openedx'] = withReaders(facts, kept);
  if (nested !== undefined) {
    if (nestedLeft) out.properties = nested;
    else delete out.properties;
  }
  return out;
}

/** The readers of a property: its own, then the library's, each place once, at most {@link MAX_READERS}. */
export function mergeReaders(first: readonly SettingReader[] | undefined, second: readonly SettingReader[] | undefined): SettingReader[] {
  const out: SettingReader[] = [];
  const seen = new Set<string>();
  for (const reader of [...(first ?? []), ...(second ?? [])]) {
    const key = `${reader.package}\u0000${reader.file}\u0000${reader.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(reader);
    if (out.length >= MAX_READERS) break;
  }
  return out;
}

/** An IDA property with a library's readers and the nested keys it knows that the IDA's does not list. */
function mergedProperty(mine: PropertySchema, theirs: PropertySchema): PropertySchema {
  let byLibrary = mergedPairs.get(mine);
  if (byLibrary === undefined) mergedPairs.set(mine, (byLibrary = new WeakMap()));
  let merged = byLibrary.get(theirs);
  if (merged === undefined) byLibrary.set(theirs, (merged = mergeProperty(mine, theirs)));
  return merged;
}

function mergeProperty(mine: PropertySchema, theirs: PropertySchema): PropertySchema {
  const readers = theirs['x-openedx']?.readers;
  const nested = theirs.properties;
  if ((readers === undefined || readers.length === 0) && nested === undefined) return mine;
  const out: PropertySchema = { ...mine };
  const facts = mine['x-openedx'];
  if (facts !== undefined && readers !== undefined && readers.length > 0) {
    out['x-openedx'] = withRoles(withReaders(facts, mergeReaders(facts.readers, readers)), overwriteRoles(readers));
  }
  // Nested keys go into a mapping whose keys the IDA states (a literal default, documented keys)
  // only: a library that reads keys under a name the IDA gives another type says nothing of its
  // values, and a mapping built otherwise (the platform's `FEATURES` proxy) has checks of its own.
  if (nested !== undefined && acceptsObject(mine) && statesKeys(mine)) {
    const mineNested = mine.properties ?? {};
    const properties = nameMap<PropertySchema>();
    for (const key of mergeSorted(Object.keys(mineNested), Object.keys(nested))) {
      const a = Object.hasOwn(mineNested, key) ? mineNested[key] : undefined;
      const b = Object.hasOwn(nested, key) ? nested[key] : undefined;
      if (a !== undefined) defineOwn(properties, key, b === undefined ? a : mergedProperty(a, b));
      else if (b !== undefined) defineOwn(properties, key, libraryProperty(b));
    }
    out.properties = properties;
  }
  return out;
}

/** Library properties as laid: marked with the layer, their types widened; one object per property. */
const laidProperties = new WeakMap<PropertySchema, PropertySchema>();

/**
 * A property only libraries read, as laid under an IDA: marked with the layer, and its type
 * widened where a library's default says less than it seems: `None` (YAML `null`) stands for
 * "unset", which `getattr` code reads as falsy and most of it handles, and an integer default
 * (`getattr(settings, 'X_TIMEOUT', 1)`) rarely refuses a float. Nested keys alike.
 */
function libraryProperty(prop: PropertySchema): PropertySchema {
  let out = laidProperties.get(prop);
  if (out === undefined) {
    out = { ...markLayer(prop, LIBRARIES) };
    const facts = out['x-openedx'];
    if (facts !== undefined) out['x-openedx'] = withRoles(facts, overwriteRoles(facts.readers));
    const type = widened(prop.type);
    if (type !== undefined) out.type = type;
    if (prop.properties !== undefined) {
      const nested = nameMap<PropertySchema>();
      for (const [key, sub] of Object.entries(prop.properties)) defineOwn(nested, key, libraryProperty(sub));
      out.properties = nested;
    }
    laidProperties.set(prop, out);
  }
  return out;
}

/** `integer` also allows `number`, and every type allows `null`; no type stays none. */
function widened(type: PropertySchema['type']): PropertySchema['type'] {
  if (type === undefined) return undefined;
  const types = Array.isArray(type) ? [...type] : [type];
  if (types.includes('integer') && !types.includes('number')) types.push('number');
  if (!types.includes('null')) types.push('null');
  return types;
}

/** Whether the IDA states the keys of a mapping property: by a literal default or by nested properties. */
function statesKeys(prop: PropertySchema): boolean {
  const d = prop.default;
  return prop.properties !== undefined || (typeof d === 'object' && d !== null && !Array.isArray(d));
}

/** Whether a property's type allows a mapping (no type at all allows one). */
function acceptsObject(prop: PropertySchema): boolean {
  const type = prop.type;
  return type === undefined || type === 'object' || (Array.isArray(type) && type.includes('object'));
}

/** Facts with these readers (none: without `readers`). Merged schemas are never written out, so key order does not matter here. */
function withReaders(facts: PropertyFacts, readers: SettingReader[]): PropertyFacts {
  const { readers: _replaced, ...rest } = facts;
  return readers.length > 0 ? { ...rest, readers } : rest;
}

/**
 * The `overwritten` roles a plugin app's production settings give a key (readers `how:
 * 'overwrite'`, already restricted to the IDA that runs them): the platform runs them after it
 * loads the YAML file, so the file's value has no effect.
 */
function overwriteRoles(readers: readonly SettingReader[] | undefined): YamlRole[] {
  const out: YamlRole[] = [];
  for (const r of readers ?? []) {
    if (r.how !== 'overwrite') continue;
    out.push({ kind: 'overwritten', line: r.line, file: r.file, package: r.package, ...(r.version !== undefined ? { version: r.version } : {}) });
  }
  return out;
}

/** Facts with these roles added after their own (the same facts when there are none). */
function withRoles(facts: PropertyFacts, roles: readonly YamlRole[]): PropertyFacts {
  return roles.length === 0 ? facts : { ...facts, roles: [...(facts.roles ?? []), ...roles] };
}
