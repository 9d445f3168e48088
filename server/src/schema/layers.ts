/**
 * Layers applied to a built schema (`compose.ts`): a base known only as a schema (a live IDA
 * gets Django's built-ins from the shipped `django.json` when no Django sources are at hand), and
 * the required-key overlay. Inputs are never modified (shipped schemas are cached and shared).
 */
import type { ExtractionProblem } from '../catalog/types';
import { withRequirement } from './facts';
import type { IdaSchema, PropertySchema, SchemaSourceLayer } from './format';
import type { Overlay } from './overlay';
import { defineOwn, mergeSorted, nameMap } from './own';

/**
 * Puts `base`'s properties under `ida`'s, as `mergeCatalogs` does for catalogs: every property
 * `ida` defines comes from `ida` alone; every other base property is added with
 * `x-openedx.origin.layer` set to the base's IDA (unless already set); base problems follow,
 * marked the same way; `source.bases` gains the base. Required base keys stay required.
 */
export function mergeBaseSchema(base: IdaSchema, ida: IdaSchema): IdaSchema {
  const baseFacts = base['x-openedx-schema'];
  const layer = baseFacts.ida;
  const added: string[] = [];
  const baseNames = Object.keys(base.properties);
  for (const name of baseNames) if (!Object.hasOwn(ida.properties, name)) added.push(name);
  const properties = nameMap<PropertySchema>();
  for (const name of mergeSorted(Object.keys(ida.properties), added)) {
    defineOwn(properties, name, Object.hasOwn(ida.properties, name) ? ida.properties[name] : markLayer(base.properties[name], layer));
  }
  const required = [...new Set([...ida.required, ...base.required.filter((r) => !Object.hasOwn(ida.properties, r))])].sort();
  const facts = ida['x-openedx-schema'];
  const baseLayer: SchemaSourceLayer = { ida: layer, ...(baseFacts.source.root !== undefined ? { root: baseFacts.source.root } : {}), files: [...baseFacts.source.files] };
  return {
    ...ida,
    required,
    properties,
    'x-openedx-schema': {
      ...facts,
      source: { ...facts.source, bases: [...(baseFacts.source.bases ?? []), baseLayer, ...(facts.source.bases ?? [])] },
      counts: { ...facts.counts, settings: facts.counts.settings + added.length, problems: facts.problems.length + baseFacts.problems.length },
      problems: [...facts.problems, ...baseFacts.problems.map((p): ExtractionProblem => (p.layer !== undefined ? p : { ...p, layer }))],
    },
  };
}

/**
 * Base properties marked with their layer, kept per base property: the base (a shipped schema)
 * is loaded once, so every rebuild of a live schema gets the same objects, and whatever the
 * language service caches per property object stays valid.
 */
const marked = new WeakMap<PropertySchema, Map<string, PropertySchema>>();

/** A base property with `x-openedx.origin.layer` set (kept when already set); one object per property and layer. */
export function markLayer(sub: PropertySchema, layer: string): PropertySchema {
  const facts = sub['x-openedx'];
  if (facts === undefined || facts.origin.layer !== undefined) return sub;
  let byLayer = marked.get(sub);
  if (byLayer === undefined) marked.set(sub, (byLayer = new Map()));
  let out = byLayer.get(layer);
  if (out === undefined) byLayer.set(layer, (out = { ...sub, 'x-openedx': { ...facts, origin: { ...facts.origin, layer } } }));
  return out;
}

/**
 * Applies a required-key overlay to a schema: each named top-level property becomes required with
 * `{ source: 'overlay', reason }` (a requirement from a `required` module is kept); a name with
 * no property adds an `overlay-unknown-key` problem. The result is byte for byte what building
 * from a catalog whose settings carried the same requirements gives (fact keys in build order).
 * @param inPlace update `schema`'s properties map instead of a copy (only for a map the caller
 *   just built: copying a thousand properties costs more than the overlay's few changes).
 */
export function applyOverlay(schema: IdaSchema, overlay: Overlay, inPlace = false): IdaSchema {
  let properties = schema.properties;
  if (!inPlace) {
    properties = nameMap<PropertySchema>();
    for (const name of Object.keys(schema.properties)) defineOwn(properties, name, schema.properties[name]);
  }
  const required = new Set(schema.required);
  const problems: ExtractionProblem[] = [...schema['x-openedx-schema'].problems];
  for (const [name, reason] of Object.entries(overlay.required)) {
    const sub = Object.hasOwn(properties, name) ? properties[name] : undefined;
    if (sub === undefined) {
      problems.push({
        code: 'overlay-unknown-key',
        message: `The overlay requires ${name}, which is not a setting of ${schema['x-openedx-schema'].ida}.`,
        file: overlay.path ?? `overlays/${overlay.ida}.json`,
        line: overlay.lines !== undefined && Object.hasOwn(overlay.lines, name) ? overlay.lines[name] : 1,
        column: 0,
      });
      continue;
    }
    required.add(name);
    const facts = sub['x-openedx'];
    if (facts?.required !== undefined) continue;
    const requirement = { source: 'overlay' as const, reason };
    const withReq: PropertySchema = facts !== undefined
      ? { ...sub, 'x-openedx': withRequirement(facts, requirement) }
      : { ...sub, 'x-openedx': { origin: { file: overlay.path ?? '', line: 1, column: 0 }, typeKind: 'unknown', typeFrom: 'none', required: requirement } };
    defineOwn(properties, name, withReq);
  }
  const facts = schema['x-openedx-schema'];
  let requiredCount = 0;
  for (const name in properties) if (properties[name]['x-openedx']?.required !== undefined) requiredCount++;
  return {
    ...schema,
    required: [...required].sort(),
    properties,
    'x-openedx-schema': { ...facts, counts: { ...facts.counts, required: requiredCount, problems: problems.length }, problems },
  };
}
