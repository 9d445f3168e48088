/**
 * Building the schema of a live IDA (extracted from the workspace) from its catalog: Django's
 * built-ins merged under it, the project's required-key overlay applied, and documentation prose
 * kept (`factsOnly: false`), so hover shows the service's own documentation.
 */
import type { Catalog } from '../catalog/types';
import { buildSchema, type BuildOptions } from '../schema/build';
import type { IdaSchema } from '../schema/format';
import { mergeCatalogs } from '../schema/merge';
import type { Overlay } from '../schema/overlay';
import { sameJson } from './schemaBuilder';
import { applyOverlayToSchema, mergeBaseSchema } from './schemaLayers';

/** What a live schema is built from. */
export interface LiveSchemaInputs {
  /** The IDA's own catalog, extracted from its sources. */
  catalog: Catalog;
  /** Django's catalog, when Django's sources are at hand (configured or in the workspace). */
  django?: Catalog;
  /** Otherwise, the shipped `django.json`, merged at the schema level. */
  shippedDjango?: IdaSchema;
  /** The project's overlay for this IDA (`schemas/overlays/<ida>.json`), if any. */
  overlay?: Overlay;
  /** Catalog → schema (`factsOnly: false`); default `buildSchema`. The registry passes an {@link IncrementalSchemaBuilder}'s. */
  build?: (catalog: Catalog) => IdaSchema;
}

/** How live schemas are built: with the documentation prose. */
export const LIVE_BUILD: BuildOptions = { factsOnly: false };

/** The IDA name whose catalog is itself the Django base (never merged under itself). */
const DJANGO = 'django';

/** Builds a live schema (see the module comment). Pure; throws only on a catalog the builder rejects. */
export function buildLiveSchema(inputs: LiveSchemaInputs): IdaSchema {
  const isDjango = inputs.catalog.ida === DJANGO;
  const catalog = !isDjango && inputs.django !== undefined ? mergeCatalogs(inputs.django, inputs.catalog) : inputs.catalog;
  let schema = inputs.build !== undefined ? inputs.build(catalog) : buildSchema(catalog, LIVE_BUILD);
  const base = !isDjango && inputs.django === undefined ? inputs.shippedDjango : undefined;
  if (base !== undefined) schema = mergeBaseSchema(base, schema);
  // The merged schema's properties map is this call's own: the overlay may update it.
  if (inputs.overlay !== undefined) schema = applyOverlayToSchema(schema, inputs.overlay, base !== undefined);
  return schema;
}

/**
 * A freshly built live schema, reusing the previous build's property objects wherever they are
 * equal (same keys in the same order, same values): the language service caches work per
 * property object (completion items, nested lookups), so after an edit to one settings file only
 * the properties that changed are prepared again. The properties map of `next` (built for this
 * call, by `buildLiveSchema`) is updated in place: replacing the values of existing keys keeps
 * their order, and costs no new map of a thousand keys.
 */
export function finishLiveSchema(previous: IdaSchema | undefined, next: IdaSchema): IdaSchema {
  const before = previous?.properties;
  if (before === undefined) return next;
  const after = next.properties;
  for (const name of Object.keys(after)) {
    const built = after[name];
    const old = Object.hasOwn(before, name) ? before[name] : undefined;
    // An existing own key, even `__proto__` (then an own data property): assigning replaces its value.
    if (old !== undefined && old !== built && sameJson(old, built)) after[name] = old;
  }
  return next;
}
