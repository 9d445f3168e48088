import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aliasesOf, aliasHelpLines, canonicalIda, withCanonicalIdaKeys } from '../../../server/src/registry/idaAliases';

test('what operators type: each alias stands for its IDA, case and spaces ignored', () => {
  const table: Array<[string, string]> = [
    ['cms', 'studio'],
    ['studio', 'studio'],
    ['CMS', 'studio'],
    [' lms ', 'lms'],
    ['discovery', 'discovery'],
    ['course-discovery', 'discovery'],
    ['notes', 'edx-notes-api'],
    ['edx-notes-api', 'edx-notes-api'],
    ['analytics', 'analytics-api'],
    ['analytics-api', 'analytics-api'],
    ['edx-analytics-data-api', 'analytics-api'],
    ['license_manager', 'license-manager'],
    ['license-manager', 'license-manager'],
    ['enterprise_catalog', 'enterprise-catalog'],
    ['enterprise-catalog', 'enterprise-catalog'],
    ['credentials', 'credentials'],
    ['ecommerce', 'ecommerce'],
    ['registrar', 'registrar'],
    ['xqueue', 'xqueue'],
    ['django', 'django'],
  ];
  assert.deepEqual(table.map(([typed]) => [typed, canonicalIda(typed)]), table);
});

test('a name the table does not know is kept as typed (a user schema may serve its own IDA)', () => {
  assert.equal(canonicalIda('my-service'), 'my-service');
  assert.equal(canonicalIda('__proto__'), '__proto__');
});

test('the aliases of an IDA, and the help lines', () => {
  assert.deepEqual(aliasesOf('studio'), ['cms']);
  assert.deepEqual(aliasesOf('lms'), []);
  assert.deepEqual(aliasHelpLines(), [
    'analytics-api (analytics, analytics_api, edx-analytics-data-api)',
    'credentials',
    'discovery (course-discovery)',
    'django',
    'ecommerce',
    'edx-notes-api (edx_notes_api, notes)',
    'enterprise-catalog (enterprise_catalog)',
    'license-manager (license_manager)',
    'lms',
    'registrar',
    'studio (cms)',
    'xqueue',
  ]);
});

test('settings keyed by IDA take aliases: the first entry for an IDA wins', () => {
  assert.deepEqual({ ...withCanonicalIdaKeys({ cms: '/a.json', studio: '/b.json', mine: '/c.json' }) }, { studio: '/a.json', mine: '/c.json' });
});
