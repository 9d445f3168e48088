/**
 * Schema-level counterparts of `mergeCatalogs` and `applyOverlay` (server/src/schema), for when
 * the base or the overlay is only available as a schema: a live IDA extracted from the workspace
 * gets Django's built-ins from the shipped `django.json` when no Django sources are at hand.
 * Inputs are never modified (shipped schemas are cached and shared).
 */
import type { ExtractionProblem } from '../catalog/types';
import type { IdaSchema, PropertySchema, SchemaSourceLayer } from '../schema/format';
import type { Overlay } from '../schema/overlay';

/**
 * Puts `base`'s properties under `ida`'s, as `mergeCatalogs` does for catalogs: every property
 * `ida` defines comes from `ida` alone; every other base property is added with
 * `x-openedx.origin.layer` set to the base's IDA (unless already set); base problems follow,
 * marked the same way; `source.bases` gains the base. Required base keys stay required.
 */
export function mergeBaseSchema(base: IdaSchema, ida: IdaSchema): IdaSchema {
  const baseFacts = base['x-openedx-schema'];
  const layer = baseFacts.ida;
  const properties: Record<string, PropertySchema> = { ...ida.properties };
  let added = 0;
  for (const [name, sub] of Object.entries(base.properties)) {
    if (Object.hasOwn(properties, name)) continue;
    Object.defineProperty(properties, name, { value: markLayer(sub, layer), enumerable: true, writable: true, configurable: true });
    added++;
  }
  const required = [...new Set([...ida.required, ...base.required.filter((r) => !Object.hasOwn(ida.properties, r))])].sort();
  const facts = ida['x-openedx-schema'];
  const baseLayer: SchemaSourceLayer = { ida: layer, ...(baseFacts.source.root !== undefined ? { root: baseFacts.source.root } : {}), files: [...baseFacts.source.files] };
  return {
    ...ida,
    required,
    properties: sortedProperties(properties),
    'x-openedx-schema': {
      ...facts,
      source: { ...facts.source, bases: [...(baseFacts.source.bases ?? []), baseLayer, ...(facts.source.bases ?? [])] },
      counts: { ...facts.counts, settings: facts.counts.settings + added, problems: facts.problems.length + baseFacts.problems.length },
      problems: [...facts.problems, ...baseFacts.problems.map((p): ExtractionProblem => (p.layer !== undefined ? p : { ...p, layer }))],
    },
  };
}

function markLayer(sub: PropertySchema, layer: string): PropertySchema {
  const facts = sub['x-openedx'];
  if (facts === undefined || facts.origin.layer !== undefined) return sub;
  return { ...sub, 'x-openedx': { ...facts, origin: { ...facts.origin, layer } } };
}

/**
 * Applies a required-key overlay to a schema, as `applyOverlay` does to a catalog: each named
 * top-level property becomes required with `{ source: 'overlay', reason }` (a requirement from a
 * `required` module is kept); a name with no property adds an `overlay-unknown-key` problem.
 */
export function applyOverlayToSchema(schema: IdaSchema, overlay: Overlay): IdaSchema {
  const properties: Record<string, PropertySchema> = { ...schema.properties };
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
    const withReq: PropertySchema = facts !== undefined
      ? { ...sub, 'x-openedx': { ...facts, required: { source: 'overlay', reason } } }
      : { ...sub, 'x-openedx': { origin: { file: overlay.path ?? '', line: 1, column: 0 }, typeKind: 'unknown', typeFrom: 'none', required: { source: 'overlay', reason } } };
    Object.defineProperty(properties, name, { value: withReq, enumerable: true, writable: true, configurable: true });
  }
  const facts = schema['x-openedx-schema'];
  const requiredCount = Object.values(properties).filter((p) => p['x-openedx']?.required !== undefined).length;
  return {
    ...schema,
    required: [...required].sort(),
    properties,
    'x-openedx-schema': { ...facts, counts: { ...facts.counts, required: requiredCount, problems: problems.length }, problems },
  };
}

/** Properties in code-point order of their names, as the schema builder writes them. */
function sortedProperties(properties: Record<string, PropertySchema>): Record<string, PropertySchema> {
  const out: Record<string, PropertySchema> = {};
  for (const key of Object.keys(properties).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    Object.defineProperty(out, key, { value: properties[key], enumerable: true, writable: true, configurable: true });
  }
  return out;
}
