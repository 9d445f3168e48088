import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, readSettings } from '../../../server/src/registry/settings';

test('missing settings are the defaults', () => {
  assert.deepEqual(JSON.parse(JSON.stringify(readSettings(undefined).settings)), JSON.parse(JSON.stringify(DEFAULT_SETTINGS)));
  assert.deepEqual(readSettings(undefined).problems, []);
  assert.deepEqual(readSettings(null).problems, []);
});

test('every setting is read and normalised', () => {
  const { settings, problems } = readSettings({
    sources: { lms: '~/src/openedx-platform' },
    schemas: { private: 'schemas/private.json' },
    associations: { 'deploy/*.yml': 'lms' },
    shippedSchemas: false,
    rules: { 'unknown-key': 'off', 'type-mismatch': 'warn', deprecated: 'Info' },
    knownKeys: ['MY_PLUGIN_*', ' X '],
  });
  assert.deepEqual(problems, []);
  assert.deepEqual({ ...settings.sources }, { lms: '~/src/openedx-platform' });
  assert.deepEqual({ ...settings.schemas }, { private: 'schemas/private.json' });
  assert.deepEqual({ ...settings.associations }, { 'deploy/*.yml': 'lms' });
  assert.equal(settings.shippedSchemas, false);
  assert.deepEqual({ ...settings.rules }, { 'unknown-key': 'off', 'type-mismatch': 'warning', deprecated: 'information' });
  assert.deepEqual(settings.knownKeys, ['MY_PLUGIN_*', 'X']);
});

test('wrong types fall back to defaults, and problems name settings, never values', () => {
  const secret = 'hunter2-secret-value';
  const { settings, problems } = readSettings({ sources: secret, schemas: { lms: 42 }, rules: { 'unknown-key': secret }, shippedSchemas: 'yes', knownKeys: [secret, 3] });
  assert.deepEqual({ ...settings.sources }, {});
  assert.deepEqual({ ...settings.rules }, {});
  assert.equal(settings.shippedSchemas, true);
  assert.deepEqual(settings.knownKeys, [secret]);
  assert.equal(problems.length, 5);
  for (const p of problems) assert.ok(!p.includes(secret), p);
  assert.deepEqual(readSettings('nonsense').problems, ['openedxConfig: expected an object; using the defaults']);
});

test('a __proto__ key stays an ordinary key', () => {
  const { settings } = readSettings(JSON.parse('{"associations": {"__proto__": "lms"}}'));
  assert.equal(Object.getPrototypeOf(settings.associations), null);
  assert.deepEqual(Object.entries(settings.associations), [['__proto__', 'lms']]);
});

test('an association glob over 1,000 characters is ignored, with one problem that gives its length, not the glob', () => {
  const long = `${'a*'.repeat(600)}b`;
  const { settings, problems } = readSettings({ associations: { [long]: 'lms', 'deploy/*.yml': 'studio' } });
  assert.deepEqual(Object.entries(settings.associations), [['deploy/*.yml', 'studio']]);
  assert.deepEqual(problems, ['openedxConfig.associations: a glob of 1201 characters is longer than 1000; ignored']);
});

test('associations: the object form { ida, env } is read as IDA:ENV; schemas and sources keys take aliases', () => {
  const { settings, problems } = readSettings({
    associations: { 'a.yml': { ida: 'lms', env: 'devstack' }, 'b.yml': { ida: 'cms' }, 'c.yml': { env: 'test' }, 'd.yml': { ida: 'lms', env: 'staging' } },
    schemas: { cms: '/s.json' },
    sources: { 'course-discovery': '/src' },
  });
  assert.deepEqual({ ...settings.associations }, { 'a.yml': 'lms:devstack', 'b.yml': 'cms' });
  assert.deepEqual({ ...settings.schemas }, { studio: '/s.json' });
  assert.deepEqual({ ...settings.sources }, { discovery: '/src' });
  assert.deepEqual(problems, [
    'openedxConfig.associations.c.yml: expected "ida" to be a non-empty string; ignored',
    'openedxConfig.associations.d.yml: expected "env" to be production, devstack, test or local; ignored',
  ]);
});
