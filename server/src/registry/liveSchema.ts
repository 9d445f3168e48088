/**
 * Building the schema of a live IDA (extracted from the workspace) from its catalog: Django's
 * built-ins merged under it, the project's required-key overlay applied, and documentation prose
 * kept (`factsOnly: false`), so hover shows the service's own documentation.
 */
import type { Catalog } from '../catalog/types';
import { buildSchema } from '../schema/build';
import type { IdaSchema } from '../schema/format';
import { mergeCatalogs } from '../schema/merge';
import type { Overlay } from '../schema/overlay';
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
}

/** The IDA name whose catalog is itself the Django base (never merged under itself). */
const DJANGO = 'django';

/** Builds a live schema (see the module comment). Pure; throws only on a catalog the builder rejects. */
export function buildLiveSchema(inputs: LiveSchemaInputs): IdaSchema {
  const isDjango = inputs.catalog.ida === DJANGO;
  const catalog = !isDjango && inputs.django !== undefined ? mergeCatalogs(inputs.django, inputs.catalog) : inputs.catalog;
  let schema = buildSchema(catalog, { factsOnly: false });
  if (!isDjango && inputs.django === undefined && inputs.shippedDjango !== undefined) schema = mergeBaseSchema(inputs.shippedDjango, schema);
  if (inputs.overlay !== undefined) schema = applyOverlayToSchema(schema, inputs.overlay);
  return schema;
}
