import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Catalog } from '../../../server/src/catalog/types';
import { mergeCatalogs } from '../../../server/src/schema/merge';
import { buildSchema } from '../../../server/src/schema/build';
import { catalog, json, setting } from './fixtures';

function djangoCatalog(): Catalog {
  const at = (line: number) => ({ file: 'django/conf/global_settings.py', line, column: 0 });
  return {
    ida: 'django',
    layout: 'django',
    root: '/src/django',
    settings: [
      setting('EMAIL_HOST', 10, { type: json(['string']), default: 'localhost', origin: at(10) }),
      setting('TIME_ZONE', 11, { type: json(['string']), default: 'America/Chicago', origin: at(11) }),
      setting('TIME_ZONE', 12, { path: ['TIME_ZONE', 'NESTED'], type: json(['string']), origin: at(12) }),
    ],
    problems: [{ code: 'syntax-error', message: 'Invented.', file: 'django/conf/global_settings.py', line: 1, column: 0 }],
    files: ['django/conf/global_settings.py'],
    yaml: {},
  };
}

test('IDA settings win; base-only settings are kept and marked with their layer', () => {
  const ida = catalog([setting('TIME_ZONE', 3, { type: json(['string']), default: 'UTC' })]);
  const base = djangoCatalog();
  const before = JSON.stringify([ida, base]);
  const merged = mergeCatalogs(base, ida);
  assert.equal(JSON.stringify([ida, base]), before, 'inputs not modified');
  assert.deepStrictEqual(merged, {
    ...ida,
    settings: [
      ida.settings[0],
      { ...base.settings[0], origin: { file: 'django/conf/global_settings.py', line: 10, column: 0, layer: 'django' } },
    ],
    problems: [{ code: 'syntax-error', message: 'Invented.', file: 'django/conf/global_settings.py', line: 1, column: 0, layer: 'django' }],
    bases: [{ ida: 'django', layout: 'django', root: '/src/django', files: ['django/conf/global_settings.py'] }],
  });
});

test('merging again keeps earlier layers, and the schema shows where each setting comes from', () => {
  const plugin: Catalog = { ...catalog([setting('PLUGIN_FLAG', 1, { type: json(['boolean']), default: false })]), ida: 'plugin', root: '/src/plugin', files: ['plugin/settings.py'] };
  const withDjango = mergeCatalogs(djangoCatalog(), plugin);
  const merged = mergeCatalogs(withDjango, catalog([]));
  assert.deepStrictEqual(merged.bases?.map((b) => b.ida), ['django', 'plugin']);
  const props = buildSchema(merged, { factsOnly: true }).properties;
  assert.deepStrictEqual(
    Object.entries(props).map(([k, p]) => [k, p['x-openedx']?.origin.layer]),
    [['EMAIL_HOST', 'django'], ['PLUGIN_FLAG', 'plugin'], ['TIME_ZONE', 'django']],
  );
  assert.deepStrictEqual(merged.problems.map((p) => p.layer), ['django']);
});
