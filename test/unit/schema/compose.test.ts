import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Catalog, Setting } from '../../../server/src/catalog/types';
import { buildSchema } from '../../../server/src/schema/build';
import { composeSchema, reuseUnchangedProperties } from '../../../server/src/schema/compose';
import { IncrementalSchemaBuilder } from '../../../server/src/schema/incrementalBuilder';
import { mergeCatalogs } from '../../../server/src/schema/merge';
import type { Overlay } from '../../../server/src/schema/overlay';
import { catalog, doc, json, setting } from './fixtures';

/** Longer than the 160 characters facts-only schemas keep in a default. */
const LONG_TEXT = 'An invented template text. '.repeat(8);

/** Settings covering every fact an overlay requirement must be placed among. */
function demoSettings(): Setting[] {
  return [
    setting('SECRET_KEY', 3, { type: json(['string']), default: 'dev', defaultText: "'dev'" }),
    setting('ROOT_URL', 4, { type: json(['string']), required: { source: 'required-module', reason: 'In required.py.' } }),
    // A dict with lower-case keys: `freeFormKeys` follows `required` in the facts.
    setting('CACHES', 5, { type: json(['object']), default: { default: { BACKEND: 'x' } }, doc: doc('Invented.', { setting_default: '{}' }, 5) }),
    // A long text default: facts-only schemas omit it and say so after `required`.
    setting('EMAIL_TEMPLATE', 6, { type: json(['string']), default: LONG_TEXT }),
    setting('CACHES', 7, { path: ['CACHES', 'default'], type: json(['object']) }),
  ];
}

const OVERLAY: Overlay = {
  ida: 'demo',
  required: { SECRET_KEY: 'Invented reason.', ROOT_URL: 'Ignored: required.py says so.', CACHES: 'Invented.', EMAIL_TEMPLATE: 'Invented too.', NOT_A_SETTING: 'No such key.' },
  path: 'schemas/overlays/demo.json',
  lines: { NOT_A_SETTING: 8 },
};

/** What the overlay means, written into the catalog: the settings it requires and its problem. */
function withOverlayInCatalog(c: Catalog): Catalog {
  return {
    ...c,
    settings: c.settings.map((s) => (s.path.length === 1 && s.required === undefined && Object.hasOwn(OVERLAY.required, s.name) ? { ...s, required: { source: 'overlay' as const, reason: OVERLAY.required[s.name] } } : s)),
    problems: [...c.problems, { code: 'overlay-unknown-key', message: 'The overlay requires NOT_A_SETTING, which is not a setting of demo.', file: 'schemas/overlays/demo.json', line: 8, column: 0 }],
  };
}

const DJANGO = catalog([setting('EMAIL_HOST', 1, { type: json(['string']), default: 'localhost' }), setting('SECRET_KEY', 2, { type: json(['string']), default: '' })], {
  ida: 'django',
  layout: 'django',
  root: '/src/django',
  files: ['django/conf/global_settings.py'],
  problems: [{ code: 'syntax-error', message: 'Invented.', file: 'django/conf/global_settings.py', line: 9, column: 0 }],
});

for (const factsOnly of [true, false]) {
  test(`composeSchema (factsOnly ${factsOnly}): the overlay on a built schema serialises exactly as a build from a catalog carrying it`, () => {
    const ida = catalog(demoSettings());
    const before = JSON.stringify(ida);
    const composed = composeSchema({ catalog: ida, overlay: OVERLAY, build: { factsOnly } });
    assert.equal(JSON.stringify(ida), before, 'input not modified');
    assert.equal(JSON.stringify(composed, null, 1), JSON.stringify(buildSchema(withOverlayInCatalog(ida), { factsOnly }), null, 1));
    assert.deepEqual(composed.required, ['CACHES', 'EMAIL_TEMPLATE', 'ROOT_URL', 'SECRET_KEY']);
    assert.deepEqual(Object.keys(composed.properties.CACHES['x-openedx'] ?? {}).slice(-2), ['required', 'freeFormKeys']);
    if (factsOnly) assert.deepEqual(Object.keys(composed.properties.EMAIL_TEMPLATE['x-openedx'] ?? {}).slice(-2), ['required', 'defaultOmitted']);
  });
}

test('composeSchema: Django as a catalog is merged under the IDA before the build, then the overlay', () => {
  const ida = catalog(demoSettings());
  const composed = composeSchema({ catalog: ida, django: { catalog: DJANGO }, overlay: OVERLAY, build: { factsOnly: true } });
  assert.equal(JSON.stringify(composed), JSON.stringify(buildSchema(withOverlayInCatalog(mergeCatalogs(DJANGO, ida)), { factsOnly: true })));
  assert.deepEqual(composed.properties.SECRET_KEY['x-openedx']?.origin, { file: 'demo/settings/defaults.py', line: 3, column: 0 }, 'the IDA wins');
  assert.deepEqual(composed.properties.EMAIL_HOST['x-openedx']?.origin, { file: 'demo/settings/defaults.py', line: 1, column: 0, layer: 'django' });
  assert.deepEqual(composed['x-openedx-schema'].problems.map((p) => [p.code, p.layer]), [['syntax-error', 'django'], ['overlay-unknown-key', undefined]]);
});

test('composeSchema: Django as a schema is merged after the build, and an overlay may require one of its keys', () => {
  const ida = catalog(demoSettings());
  const django = buildSchema(DJANGO, { factsOnly: true });
  const composed = composeSchema({ catalog: ida, django: { schema: django }, overlay: { ida: 'demo', required: { EMAIL_HOST: 'Invented.' } }, build: { factsOnly: false } });
  assert.deepEqual(composed.required, ['EMAIL_HOST', 'ROOT_URL']);
  assert.deepEqual(composed.properties.EMAIL_HOST['x-openedx']?.origin.layer, 'django');
  assert.deepEqual(composed.properties.EMAIL_HOST['x-openedx']?.required, { source: 'overlay', reason: 'Invented.' });
  assert.equal(django.properties.EMAIL_HOST['x-openedx']?.required, undefined, 'the shared Django schema is untouched');
  assert.deepEqual(composed['x-openedx-schema'].source.bases, [{ ida: 'django', root: '/src/django', files: ['django/conf/global_settings.py'] }]);
});

test('composeSchema: Django\'s own catalog gets no Django layer', () => {
  const composed = composeSchema({ catalog: DJANGO, django: { catalog: DJANGO }, build: { factsOnly: true } });
  assert.equal(JSON.stringify(composed), JSON.stringify(buildSchema(DJANGO, { factsOnly: true })));
});

test('composeSchema with a builder: same schema as a whole build; the overlay leaves the builder\'s kept map alone', () => {
  const builder = new IncrementalSchemaBuilder({ factsOnly: false });
  const build = (c: Catalog) => builder.build(c);
  const first = catalog(demoSettings());
  const a = composeSchema({ catalog: first, overlay: OVERLAY, build });
  assert.equal(JSON.stringify(a), JSON.stringify(composeSchema({ catalog: first, overlay: OVERLAY, build: { factsOnly: false } })));
  // The builder's own map was not given the overlay's requirement: an unchanged rebuild shows none.
  const plain = builder.build(first);
  assert.equal(plain.properties.SECRET_KEY['x-openedx']?.required, undefined);
  const second = catalog([...demoSettings().slice(0, 4), setting('NEW_ONE', 9, { type: json(['boolean']), default: true })]);
  const b = composeSchema({ catalog: second, overlay: OVERLAY, build });
  assert.equal(JSON.stringify(b), JSON.stringify(composeSchema({ catalog: second, overlay: OVERLAY, build: { factsOnly: false } })));
});

test('reuseUnchangedProperties: equal properties become the previous objects, changed ones stay new', () => {
  const previous = composeSchema({ catalog: catalog(demoSettings()), build: { factsOnly: false } });
  const settings = demoSettings();
  settings[0] = { ...settings[0], default: 'changed' };
  const next = composeSchema({ catalog: catalog(settings), build: { factsOnly: false } });
  const out = reuseUnchangedProperties(previous, next);
  assert.equal(out, next);
  assert.equal(out.properties.CACHES, previous.properties.CACHES);
  assert.equal(out.properties.ROOT_URL, previous.properties.ROOT_URL);
  assert.notEqual(out.properties.SECRET_KEY, previous.properties.SECRET_KEY);
  assert.equal(out.properties.SECRET_KEY.default, 'changed');
  assert.equal(reuseUnchangedProperties(undefined, next), next);
});
