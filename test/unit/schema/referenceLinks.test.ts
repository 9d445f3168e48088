/** Links to Django's settings reference (schema/referenceLinks.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { djangoReferenceUrl, withReferenceLinks } from '../../../server/src/schema/referenceLinks';
import type { IdaSchema } from '../../../server/src/schema/format';

test('djangoReferenceUrl: the version\'s settings reference at the setting\'s anchor', () => {
  assert.equal(djangoReferenceUrl('5.2', 'TIME_ZONE'), 'https://docs.djangoproject.com/en/5.2/ref/settings/#std-setting-TIME_ZONE');
  assert.equal(djangoReferenceUrl('dev', 'A B'), 'https://docs.djangoproject.com/en/dev/ref/settings/#std-setting-A%20B');
});

test('withReferenceLinks: only the named settings get the fact; the others stay the same objects', () => {
  const schema = {
    properties: {
      TIME_ZONE: { type: 'string', 'x-openedx': { origin: { file: 'f.py', line: 1, column: 0 }, typeKind: 'json', typeFrom: 'literal' } },
      OWN: { type: 'string', 'x-openedx': { origin: { file: 'f.py', line: 2, column: 0 }, typeKind: 'json', typeFrom: 'literal' } },
    },
  } as unknown as IdaSchema;
  const linked = withReferenceLinks(schema, new Set(['TIME_ZONE', 'ABSENT']), (n) => `https://x/#${n}`);
  assert.equal(linked.properties.TIME_ZONE['x-openedx']?.reference, 'https://x/#TIME_ZONE');
  assert.equal(linked.properties.OWN, schema.properties.OWN);
  assert.equal(schema.properties.TIME_ZONE['x-openedx']?.reference, undefined, 'the input is not changed');
  assert.deepEqual(Object.keys(linked.properties), ['TIME_ZONE', 'OWN']);
});
