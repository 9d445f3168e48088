/**
 * Catalog → schema for a live source that is rebuilt after every edit: only the settings that
 * changed since the last build are built again. A setting's property depends on the catalog
 * settings of its name alone (the top-level one and its documented keys), the schema's counts
 * add up over names, and its other facts come from the catalog's own fields; so the new schema
 * is the last one with the changed names' properties, counts and required entries replaced by
 * those of a build of the changed settings only. Unchanged properties stay the same objects,
 * which is what the language service caches its work on. The unit tests compare the result with
 * a whole build, for random edits of real catalogs.
 */
import { sameJson } from '../common/sameJson';
import type { Catalog, Setting } from '../catalog/types';
import { buildSchema, type BuildOptions } from './build';
import type { IdaSchema, PropertySchema, SchemaFacts } from './format';
import { compareCodePoints, defineOwn, mergeSorted, nameMap } from './own';

/** Past this many changed names a whole build is as quick (a branch switch, a reformatted file). */
const MAX_CHANGED_NAMES = 200;

/** The counts that add up over setting names (the others come from the catalog's own fields). */
const ADDITIVE_COUNTS = ['settings', 'documented', 'typed', 'computed', 'required'] as const;

interface Built {
  catalog: Catalog;
  groups: Map<string, Setting[]>;
  schema: IdaSchema;
}

/** Builds the schemas of one live source, each from the last (see the module comment). */
export class IncrementalSchemaBuilder {
  private last: Built | undefined;
  /** How the last build went, for tests and measurements. */
  lastBuild: { kind: 'whole' } | { kind: 'incremental'; changed: number } = { kind: 'whole' };

  constructor(private readonly options: BuildOptions) {}

  /** The schema of `catalog`, as `buildSchema` builds it. */
  build(catalog: Catalog): IdaSchema {
    const groups = groupByName(catalog.settings);
    const last = this.last;
    const changed = last !== undefined ? changedNames(last.groups, groups) : undefined;
    const schema = last !== undefined && changed !== undefined && changed.size <= MAX_CHANGED_NAMES ? this.patch(last, catalog, changed) : buildSchema(catalog, this.options);
    this.lastBuild = last !== undefined && changed !== undefined && changed.size <= MAX_CHANGED_NAMES ? { kind: 'incremental', changed: changed.size } : { kind: 'whole' };
    this.last = { catalog, groups, schema };
    return schema;
  }

  private patch(last: Built, catalog: Catalog, changed: ReadonlySet<string>): IdaSchema {
    const part = buildSchema({ ...catalog, settings: catalog.settings.filter((s) => changed.has(propertyOf(s))) }, this.options);
    const lastPart = buildSchema({ ...last.catalog, settings: last.catalog.settings.filter((s) => changed.has(propertyOf(s))) }, this.options);
    const lastFacts = last.schema['x-openedx-schema'];
    const facts: SchemaFacts = part['x-openedx-schema'];
    const counts = { ...facts.counts };
    for (const k of ADDITIVE_COUNTS) counts[k] = lastFacts.counts[k] - lastPart['x-openedx-schema'].counts[k] + facts.counts[k];
    const kept = Object.keys(last.schema.properties).filter((name) => !changed.has(name));
    const properties = nameMap<PropertySchema>();
    for (const name of mergeSorted(kept, Object.keys(part.properties))) {
      defineOwn(properties, name, changed.has(name) ? part.properties[name] : last.schema.properties[name]);
    }
    const required = [...new Set([...last.schema.required.filter((name) => !changed.has(name)), ...part.required])].sort(compareCodePoints);
    return { ...part, required, properties, 'x-openedx-schema': { ...facts, counts } };
  }
}

/** The top-level property a setting is built into: its name, or for a documented key its path's first name. */
function propertyOf(s: Setting): string {
  return s.path.length > 1 ? s.path[0] : s.name;
}

/** Settings by the property they are built into, each group in catalog order. */
function groupByName(settings: readonly Setting[]): Map<string, Setting[]> {
  const groups = new Map<string, Setting[]>();
  for (const s of settings) {
    const key = propertyOf(s);
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [s]);
    else g.push(s);
  }
  return groups;
}

/** Names whose settings differ between two catalogs (added, removed or changed). */
function changedNames(before: ReadonlyMap<string, Setting[]>, after: ReadonlyMap<string, Setting[]>): Set<string> {
  const changed = new Set<string>();
  for (const [name, settings] of after) if (!sameJson(before.get(name), settings)) changed.add(name);
  for (const name of before.keys()) if (!after.has(name)) changed.add(name);
  return changed;
}

