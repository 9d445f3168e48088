/**
 * The IDA cookiecutter layout (test/fixtures/extractor/ida): sample/settings/production.py
 * star-imports base.py, then loads the YAML named by SAMPLE_CFG the way credentials does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Catalog } from '../../../server/src/catalog/types';
import { COMPUTED, computedFrom, docs, extractFrom, fixturePath, json, origins, problems, required, roles, row, rows } from './helpers';

const BASE = 'sample/settings/base.py';
const PROD = 'sample/settings/production.py';

let cached: Promise<Catalog> | undefined;
function sample(): Promise<Catalog> {
  cached ??= extractFrom(fixturePath('ida')).then((r) => r.catalog);
  return cached;
}

test('settings of base.py then production.py; production values win, in first-definition order', async () => {
  assert.deepStrictEqual(rows(await sample()), [
    row('PROJECT_ROOT', COMPUTED),
    row('DEBUG', json(['boolean']), false),
    row('SECRET_KEY', json(['string']), 'insecure-secret-key'),
    row('ALLOWED_HOSTS', json(['array']), ['*']),
    row('DJANGO_APPS', json(['array']), ['django.contrib.admin', 'django.contrib.auth']),
    row('THIRD_PARTY_APPS', json(['array']), ['rest_framework']),
    row('PROJECT_APPS', json(['array']), ['sample.apps.core']),
    // Lists added together fold into one literal.
    row('INSTALLED_APPS', json(['array']), ['django.contrib.admin', 'django.contrib.auth', 'rest_framework', 'sample.apps.core']),
    // One value is a call (root('default.db')): a dict, but not a literal.
    row('DATABASES', json(['object'])),
    row('TIME_ZONE', json(['string']), 'UTC'),
    row('USE_TZ', json(['boolean']), true),
    row('STATIC_ROOT', COMPUTED),
    row('STATIC_URL', json(['string']), '/static/'),
    row('JWT_AUTH', json(['object']), { JWT_ISSUER: 'http://localhost:18000/oauth2', JWT_VERIFY_AUDIENCE: false }),
    row('REST_FRAMEWORK', json(['object']), { PAGE_SIZE: 20 }),
    row('STORAGES', json(['object']), { default: { BACKEND: 'django.core.files.storage.FileSystemStorage' } }),
    row('SAMPLE_REPORT_WINDOW_DAYS', json(['integer']), 14),
    row('ENABLE_SAMPLE_EXPORT', json(['boolean']), false),
    row('LOGGING_FORMAT_STRING', json(['string']), ''),
    row('LOGGING', COMPUTED),
    row('DICT_UPDATE_KEYS', json(['array']), ['JWT_AUTH', 'REST_FRAMEWORK']),
    row('FILE_STORAGE_BACKEND', json(['object']), {}),
    row('CONFIG_FILE', COMPUTED),
    // Defined nowhere in Python: a list the YAML file may give, appended to INSTALLED_APPS.
    row('EXTRA_APPS', json(['array'], false, 'yaml-usage')),
  ]);
});

test('origins: a production.py assignment replaces the base.py origin', async () => {
  assert.deepStrictEqual(origins(await sample()), {
    PROJECT_ROOT: `${BASE}:17:0`,
    DEBUG: `${PROD}:13:0`,
    SECRET_KEY: `${BASE}:27:0`,
    ALLOWED_HOSTS: `${PROD}:15:0`,
    DJANGO_APPS: `${BASE}:31:0`,
    THIRD_PARTY_APPS: `${BASE}:35:0`,
    PROJECT_APPS: `${BASE}:38:0`,
    INSTALLED_APPS: `${BASE}:41:0`,
    DATABASES: `${BASE}:43:0`,
    TIME_ZONE: `${BASE}:52:0`,
    USE_TZ: `${BASE}:53:0`,
    STATIC_ROOT: `${BASE}:55:0`,
    STATIC_URL: `${BASE}:56:0`,
    JWT_AUTH: `${BASE}:58:0`,
    REST_FRAMEWORK: `${BASE}:63:0`,
    STORAGES: `${BASE}:68:0`,
    SAMPLE_REPORT_WINDOW_DAYS: `${BASE}:75:0`,
    ENABLE_SAMPLE_EXPORT: `${BASE}:83:0`,
    LOGGING_FORMAT_STRING: `${BASE}:86:0`,
    LOGGING: `${BASE}:87:0`,
    DICT_UPDATE_KEYS: `${PROD}:18:0`,
    FILE_STORAGE_BACKEND: `${PROD}:21:0`,
    CONFIG_FILE: `${PROD}:23:0`,
    EXTRA_APPS: `${PROD}:42:22`,
  });
});

test('documentation: code-annotations (as credentials has) and plain comments', async () => {
  assert.deepStrictEqual(docs(await sample()), {
    STORAGES: ['comment', 'Storages by alias, as Django 4.2 reads them.', 67],
    SAMPLE_REPORT_WINDOW_DAYS: ['annotation', 'Days of history the weekly report covers.', 72],
    ENABLE_SAMPLE_EXPORT: ['annotation', 'Lets staff download the sample data as CSV.', 77],
    LOGGING_FORMAT_STRING: ['comment', "Log line format; empty means the logger's default.", 85],
    DICT_UPDATE_KEYS: ['comment', 'Dict settings that the YAML file updates instead of replacing.', 17],
    FILE_STORAGE_BACKEND: ['comment', 'Storage settings whose keys become top-level settings; usually given by the YAML file.', 20],
  });
});

test('roles: DICT_UPDATE_KEYS merged, FILE_STORAGE_BACKEND spread, LOGGING overwritten, EXTRA_APPS appended', async () => {
  assert.deepStrictEqual(roles(await sample()), {
    JWT_AUTH: [{ kind: 'merged', depth: 'shallow', line: 18, file: PROD }],
    REST_FRAMEWORK: [{ kind: 'merged', depth: 'shallow', line: 18, file: PROD }],
    LOGGING: [{ kind: 'overwritten', line: 39, file: PROD }],
    FILE_STORAGE_BACKEND: [{ kind: 'spread', line: 36, file: PROD }],
    EXTRA_APPS: [{ kind: 'appended', target: 'INSTALLED_APPS', line: 42, file: PROD }],
  });
});

test('catalog facts: files, YAML loading, computed sources; no required keys and no problems', async () => {
  const c = await sample();
  assert.equal(c.ida, 'sample');
  assert.equal(c.layout, 'ida');
  assert.deepStrictEqual(c.files, [PROD, BASE]);
  assert.deepStrictEqual(c.yaml, { envVar: 'SAMPLE_CFG', module: PROD, line: 25 });
  assert.deepStrictEqual(computedFrom(c), { LOGGING: ['DEBUG', 'LOGGING_FORMAT_STRING'] });
  assert.deepStrictEqual(required(c), []);
  assert.deepStrictEqual(problems(c), []);
});
