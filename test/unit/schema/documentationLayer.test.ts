/** Documentation laid over a shipped schema (schema/documentationLayer.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describedCount, withDocumentation, withReferenceDocumentation } from '../../../server/src/schema/documentationLayer';
import type { IdaSchema, PropertySchema } from '../../../server/src/schema/format';

function prop(file: string, line: number, extra: Partial<PropertySchema> = {}, layer?: string): PropertySchema {
  return { type: 'string', ...extra, 'x-openedx': { origin: { file, line, column: 0, ...(layer !== undefined ? { layer } : {}) }, typeKind: 'json', typeFrom: 'literal' } };
}

function schema(properties: Record<string, PropertySchema>, factsOnly: boolean): IdaSchema {
  return { properties, 'x-openedx-schema': { factsOnly } } as unknown as IdaSchema;
}

const doc = { source: 'oep45' as const, fields: {}, line: 4 };

test('each setting found at the same place gets the documented build\'s description, Markdown and documentation facts; the rest stays as shipped', () => {
  const shipped = schema(
    {
      SAME: prop('a.py', 5),
      MOVED: prop('a.py', 9),
      BASE: prop('django/conf/global_settings.py', 3, {}, 'django'),
      NESTED: { ...prop('a.py', 20), properties: { key: prop('a.py', 22) } },
    },
    true,
  );
  const built = schema(
    {
      SAME: { ...prop('a.py', 5, { description: 'Same place.', markdownDescription: 'Same place.' }), 'x-openedx': { ...prop('a.py', 5)['x-openedx']!, doc } },
      MOVED: prop('a.py', 10, { description: 'Elsewhere.' }),
      BASE: prop('django/conf/global_settings.py', 3, { description: 'Base.' }, 'django'),
      NESTED: { ...prop('a.py', 20), properties: { key: prop('a.py', 22, { description: 'A key.' }) } },
      EXTRA: prop('a.py', 30, { description: 'Not shipped.' }),
    },
    false,
  );
  const out = withDocumentation(shipped, built);
  assert.deepEqual(Object.keys(out.properties), ['SAME', 'MOVED', 'BASE', 'NESTED']);
  assert.equal(out.properties.SAME.description, 'Same place.');
  assert.equal(out.properties.SAME.markdownDescription, 'Same place.');
  assert.deepEqual(out.properties.SAME['x-openedx']?.doc, doc);
  assert.equal(out.properties.MOVED, shipped.properties.MOVED, 'defined elsewhere in the build: left as shipped');
  assert.equal(out.properties.BASE, shipped.properties.BASE, 'base layers are documented by their own schema');
  assert.equal(out.properties.NESTED.properties?.key.description, 'A key.');
  assert.equal(out['x-openedx-schema'].factsOnly, false);
  assert.equal(shipped.properties.SAME.description, undefined, 'the shipped schema is not modified');
  assert.equal(describedCount(out), 1);
  assert.equal(withDocumentation(shipped, schema({}, false)).properties, shipped.properties, 'nothing documented: the same properties');
});

test('withReferenceDocumentation: the framework\'s own settings without a description get the reference\'s; the others stay the same objects', () => {
  const linked = prop('openedx/envs/common.py', 7);
  linked['x-openedx']!.reference = 'https://docs.djangoproject.com/en/dev/ref/settings/#std-setting-TIME_ZONE';
  const shipped = schema(
    {
      TIME_ZONE: linked,
      EMAIL_HOST: prop('django/conf/global_settings.py', 3, {}, 'django'),
      DESCRIBED: prop('django/conf/global_settings.py', 4, { description: 'Own words.' }, 'django'),
      OWN: prop('a.py', 1),
    },
    false,
  );
  const docs = new Map([
    ['TIME_ZONE', { markdown: 'Zone **md**.', text: 'Zone md.' }],
    ['EMAIL_HOST', { markdown: 'Host.', text: 'Host.' }],
    ['DESCRIBED', { markdown: 'Reference.', text: 'Reference.' }],
    ['OWN', { markdown: 'Not Django.', text: 'Not Django.' }],
  ]);
  const out = withReferenceDocumentation(shipped, docs, 'django');
  assert.deepEqual([out.properties.TIME_ZONE.markdownDescription, out.properties.TIME_ZONE.description], ['Zone **md**.', 'Zone md.']);
  assert.equal(out.properties.EMAIL_HOST.markdownDescription, 'Host.');
  assert.equal(out.properties.DESCRIBED, shipped.properties.DESCRIBED);
  assert.equal(out.properties.OWN, shipped.properties.OWN);
  assert.equal(withReferenceDocumentation(shipped, new Map(), 'django'), shipped);
});
