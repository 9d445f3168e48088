/**
 * Documentation laid over a shipped schema: the shipped schema's facts stay exactly as shipped,
 * and each property gains the documentation of the same setting in a schema built, with prose,
 * from the very source files it was generated from (downloaded and verified by hash, see
 * `documentation/`). "The same setting" means the same name defined at the same place (file and
 * line, in the IDA's own files): a setting the documented build places elsewhere is left as
 * shipped rather than given another setting's text.
 */
import type { IdaSchema, PropertySchema } from './format';

/** The documentation a property takes from its documented twin. */
function documented(shipped: PropertySchema, twin: PropertySchema): PropertySchema {
  const facts = shipped['x-openedx'];
  const twinFacts = twin['x-openedx'];
  let out: PropertySchema = shipped;
  const sameSite =
    facts !== undefined &&
    twinFacts !== undefined &&
    facts.origin.layer === undefined &&
    twinFacts.origin.layer === undefined &&
    facts.origin.file === twinFacts.origin.file &&
    facts.origin.line === twinFacts.origin.line;
  if (sameSite && (twin.description !== undefined || twin.markdownDescription !== undefined || twinFacts.doc !== undefined)) {
    out = { ...shipped };
    if (twin.description !== undefined) out.description = twin.description;
    if (twin.markdownDescription !== undefined) out.markdownDescription = twin.markdownDescription;
    if (twinFacts.doc !== undefined) out['x-openedx'] = { ...facts, doc: twinFacts.doc };
  }
  if (shipped.properties !== undefined && twin.properties !== undefined) {
    const nested = withDocumentationOf(shipped.properties, twin.properties);
    if (nested !== shipped.properties) out = { ...out, properties: nested };
  }
  return out;
}

/** The properties of `shipped` with those of `twins` laid over them; the same object when nothing changed. */
function withDocumentationOf(shipped: Record<string, PropertySchema>, twins: Record<string, PropertySchema>): Record<string, PropertySchema> {
  let out: Record<string, PropertySchema> | undefined;
  for (const [name, prop] of Object.entries(shipped)) {
    const twin = Object.hasOwn(twins, name) ? twins[name] : undefined;
    const next = twin === undefined ? prop : documented(prop, twin);
    if (next !== prop) {
      // Copied once, in the shipped order, on the first change (`__proto__` stays an own key).
      out ??= Object.fromEntries(Object.entries(shipped)) as Record<string, PropertySchema>;
      Object.defineProperty(out, name, { value: next, enumerable: true, writable: true, configurable: true });
    }
  }
  return out ?? shipped;
}

/** How many of a schema's top-level properties carry a description. */
export function describedCount(schema: IdaSchema): number {
  return Object.values(schema.properties).filter((p) => p.description !== undefined || p.markdownDescription !== undefined).length;
}

/**
 * `shipped` with the documentation of `documentedBuild` (a schema built with prose from the same
 * sources) laid over it; `factsOnly` becomes false. `shipped` is not modified.
 */
export function withDocumentation(shipped: IdaSchema, documentedBuild: IdaSchema): IdaSchema {
  const properties = withDocumentationOf(shipped.properties, documentedBuild.properties);
  const facts = shipped['x-openedx-schema'];
  return { ...shipped, properties, 'x-openedx-schema': { ...facts, factsOnly: false } };
}

/** A setting's documentation from a framework's reference (Django's settings reference), as Markdown and as text. */
export interface ReferenceDocumentation {
  markdown: string;
  /** The first paragraph, for completion lists. */
  text: string;
}

/**
 * `schema` with reference documentation on the top-level properties it names that have none yet
 * and that are the framework's own settings: those carrying a `reference` link fact (set only for
 * settings the reference documents) or defined in its base layer. `schema` is not modified.
 */
export function withReferenceDocumentation(schema: IdaSchema, docs: ReadonlyMap<string, ReferenceDocumentation>, layer: string): IdaSchema {
  let properties: Record<string, PropertySchema> | undefined;
  for (const [name, prop] of Object.entries(schema.properties)) {
    const doc = docs.get(name);
    const facts = prop['x-openedx'];
    if (doc === undefined || prop.description !== undefined || prop.markdownDescription !== undefined) continue;
    if (facts?.reference === undefined && facts?.origin.layer !== layer) continue;
    properties ??= Object.fromEntries(Object.entries(schema.properties)) as Record<string, PropertySchema>;
    Object.defineProperty(properties, name, { value: { ...prop, description: doc.text, markdownDescription: doc.markdown }, enumerable: true, writable: true, configurable: true });
  }
  return properties === undefined ? schema : { ...schema, properties };
}
