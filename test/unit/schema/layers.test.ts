import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IdaSchema, PropertySchema } from '../../../server/src/schema/format';
import { applyOverlay, mergeBaseSchema } from '../../../server/src/schema/layers';
import { schemaDocument } from './fixtures';

const schema = (ida: string, properties: Record<string, PropertySchema>, required: string[] = []): IdaSchema => schemaDocument(ida, properties, required);
const facts = (file: string, line: number): PropertySchema['x-openedx'] => ({ origin: { file, line, column: 0 }, typeKind: 'json', typeFrom: 'literal' });

test('mergeBaseSchema: the IDA wins; base-only properties are added with their layer', () => {
  const base = schema('django', { TIME_ZONE: { type: 'string', 'x-openedx': facts('g.py', 1) }, EMAIL_HOST: { type: 'string', 'x-openedx': facts('g.py', 2) } }, ['EMAIL_HOST']);
  const ida = schema('demo', { TIME_ZONE: { type: 'integer', 'x-openedx': facts('d.py', 9) } });
  const before = JSON.stringify([base, ida]);
  const merged = mergeBaseSchema(base, ida);
  assert.equal(JSON.stringify([base, ida]), before, 'inputs untouched');
  assert.deepEqual(Object.keys(merged.properties), ['EMAIL_HOST', 'TIME_ZONE']);
  assert.equal(merged.properties.TIME_ZONE.type, 'integer');
  assert.deepEqual(merged.properties.EMAIL_HOST['x-openedx']?.origin, { file: 'g.py', line: 2, column: 0, layer: 'django' });
  assert.deepEqual(merged.required, ['EMAIL_HOST']);
  assert.deepEqual(merged['x-openedx-schema'].source.bases, [{ ida: 'django', files: ['django.py'] }]);
  assert.equal(merged['x-openedx-schema'].counts.settings, 2);
});

test('applyOverlay: requires named keys, keeps module requirements, reports unknown names', () => {
  const s = schema('demo', {
    A: { type: 'string', 'x-openedx': facts('d.py', 1) },
    B: { type: 'string', 'x-openedx': { ...facts('d.py', 2)!, required: { source: 'required-module', reason: 'from required.py' } } },
  }, ['B']);
  const out = applyOverlay(s, { ida: 'demo', required: { A: 'Our reason.', B: 'Ignored.', Z: 'No such key.' }, path: 'overlays/demo.json', lines: { Z: 7 } });
  assert.deepEqual(out.required, ['A', 'B']);
  assert.deepEqual(out.properties.A['x-openedx']?.required, { source: 'overlay', reason: 'Our reason.' });
  assert.deepEqual(out.properties.B['x-openedx']?.required, { source: 'required-module', reason: 'from required.py' });
  assert.deepEqual(out['x-openedx-schema'].problems, [{ code: 'overlay-unknown-key', message: 'The overlay requires Z, which is not a setting of demo.', file: 'overlays/demo.json', line: 7, column: 0 }]);
  assert.equal(s.properties.A['x-openedx']?.required, undefined, 'input untouched');
  assert.equal(out['x-openedx-schema'].counts.required, 2);
});

test('applyOverlay: an overlay parsed without a path names the conventional file', () => {
  const out = applyOverlay(schema('demo', {}), { ida: 'demo', required: { X: 'Invented.' } });
  assert.deepEqual(out['x-openedx-schema'].problems.map((p) => [p.file, p.line]), [['overlays/demo.json', 1]]);
});
