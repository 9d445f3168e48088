/**
 * The one way an IDA's schema is put together from its layers, for the shipped schemas
 * (`openedx-config schemas`) and for live ones (the registry) alike. The layers, in order:
 *
 * 1. **base IDA**: the IDA's own catalog, extracted from its settings sources;
 * 2. **Django**: Django's built-in settings under it (`EMAIL_HOST` is known in every service),
 *    from Django's catalog when its sources are at hand, else from the shipped `django.json`;
 * 3. **overlay**: the project's required-key overlay (`schemas/overlays/<ida>.json`).
 *
 * The platform's own plugin apps are no layer here: their settings are part of the IDA's catalog,
 * read where its settings modules call `add_plugins` (`extractor/plugins/`).
 *
 * A user's schema file (`openedxConfig.schemas`, `check --schema`) replaces the composition
 * whole; it is chosen by the registry, not layered here. The libraries layer (what installed
 * packages read, `librariesLayer.ts`) is laid by the registry under whichever schema applies,
 * live or shipped, since it comes from the user's Python environment, not from the IDA's sources.
 *
 * Layers that come as catalogs are merged before the build (`mergeCatalogs`); a layer that only
 * exists as a schema, and the overlay, are applied to the built schema (`layers.ts`). The result
 * is the same either way (the unit tests compare them); building once from the merged catalog
 * is what keeps a live rebuild incremental.
 */
import type { Catalog } from '../catalog/types';
import { buildSchema, type BuildOptions } from './build';
import type { IdaSchema } from './format';
import { sameJson } from '../common/sameJson';
import { applyOverlay, mergeBaseSchema } from './layers';
import { mergeCatalogs } from './merge';
import type { Overlay } from './overlay';

/** The IDA name whose catalog is itself the Django layer (never merged under itself). */
export const DJANGO = 'django';

/** Django's built-ins: as a catalog (sources at hand) or as a schema (the shipped `django.json`). */
export type DjangoLayer = { catalog: Catalog } | { schema: IdaSchema };

/** What one IDA's schema is composed of (see the module comment for the order). */
export interface SchemaInputs {
  /** The IDA's own catalog. */
  catalog: Catalog;
  /** Django's built-in settings; ignored when `catalog` is Django's own. */
  django?: DjangoLayer;
  /** The project's overlay for this IDA, if any. */
  overlay?: Overlay;
  /**
   * Catalog → schema: build options for a whole build, or a builder (the registry passes an
   * `IncrementalSchemaBuilder`'s, which returns a schema whose properties map it keeps).
   */
  build: BuildOptions | ((catalog: Catalog) => IdaSchema);
}

/** How live schemas are built: with the documentation prose. */
export const LIVE_BUILD: BuildOptions = { factsOnly: false };

/** Composes an IDA's schema from its layers. Pure: inputs are never modified. Throws only on a catalog the builder rejects. */
export function composeSchema(inputs: SchemaInputs): IdaSchema {
  const django = inputs.catalog.ida === DJANGO ? undefined : inputs.django;
  const catalog = django !== undefined && 'catalog' in django ? mergeCatalogs(django.catalog, inputs.catalog) : inputs.catalog;
  const build = inputs.build;
  let schema = typeof build === 'function' ? build(catalog) : buildSchema(catalog, build);
  // Whether `schema.properties` is a map made by this call (a builder keeps the one it returns).
  let ownMap = typeof build !== 'function';
  if (django !== undefined && 'schema' in django) {
    schema = mergeBaseSchema(django.schema, schema);
    ownMap = true;
  }
  if (inputs.overlay !== undefined) schema = applyOverlay(schema, inputs.overlay, ownMap);
  return schema;
}

/**
 * A freshly composed live schema, reusing the previous one's property objects wherever they are
 * equal (same keys in the same order, same values): the language service caches work per
 * property object (completion items, nested lookups), so after an edit to one settings file only
 * the properties that changed are prepared again. The properties map of `next` is updated in
 * place: replacing the values of existing keys keeps their order and costs no new map of a
 * thousand keys, and a value replaced by an equal one leaves a builder's kept map equivalent.
 */
export function reuseUnchangedProperties(previous: IdaSchema | undefined, next: IdaSchema): IdaSchema {
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
