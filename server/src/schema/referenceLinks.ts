/**
 * Links from settings to their framework's reference documentation (Django's settings reference),
 * added to a built schema as the fact `x-openedx.reference`: only for the settings the reference
 * itself documents (its own list of targets, read when the shipped schemas are generated), so no
 * link leads to a missing anchor (`documentation/djangoReference.ts` reads that list).
 */
import type { IdaSchema } from './format';

/**
 * A copy of `schema` whose properties named in `names` carry `reference: url(name)`; the others
 * are the same objects.
 */
export function withReferenceLinks(schema: IdaSchema, names: ReadonlySet<string>, url: (name: string) => string): IdaSchema {
  const properties: IdaSchema['properties'] = {};
  for (const [name, prop] of Object.entries(schema.properties)) {
    const facts = prop['x-openedx'];
    properties[name] = names.has(name) && facts !== undefined ? { ...prop, 'x-openedx': { ...facts, reference: url(name) } } : prop;
  }
  return { ...schema, properties };
}

/**
 * Django's settings reference for a documentation version (`5.2`, or `dev` for the main branch),
 * at a setting's anchor: Sphinx names a `.. setting:: NAME` target `std-setting-NAME` (checked on
 * the HTML of the reference built by Debian's python-django-doc, and in links Django's own project
 * template writes: see docs/documentation.md).
 */
export function djangoReferenceUrl(version: string, name: string): string {
  return `https://docs.djangoproject.com/en/${encodeURIComponent(version)}/ref/settings/#std-setting-${encodeURIComponent(name)}`;
}
