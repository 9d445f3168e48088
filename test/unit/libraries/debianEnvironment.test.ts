/**
 * The scanner on a real environment: Debian's `/usr/lib/python3/dist-packages` with the libraries
 * Open edX services read settings for (installed by `scripts/provision-system.sh`; missing, the
 * test fails and says so). Each fact asserted was read in the installed sources by hand: the
 * package, its version, the module, the line and the default.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalog, Setting } from '../../../server/src/catalog/types';
import { resolveEnvironment } from '../../../server/src/libraries/environment';
import { scanEnvironment, type EnvironmentScan } from '../../../server/src/libraries/scanEnvironment';
import { removeAll, tempFolder } from './sitePackages';

const DEBIAN = '/usr/lib/python3/dist-packages';

/** The metadata each provisioned package installs (its version is the one the facts below are from). */
const PACKAGES = [
  'Django-3.2.25.egg-info',
  'celery-5.2.6.egg-info',
  'djangorestframework-3.14.0.egg-info',
  'social_auth_app_django-5.0.0.egg-info',
  'social_auth_core-4.3.0.egg-info',
  'django_storages-1.13.2.egg-info',
  'django_celery_beat-2.4.0.egg-info',
  'django_cors_headers-3.14.0.dist-info',
];

const folders: string[] = [];
after(() => removeAll(folders));

let scan: EnvironmentScan;
let cacheDir: string;

before(async () => {
  const missing = PACKAGES.filter((p) => !fs.existsSync(path.join(DEBIAN, p)));
  assert.deepEqual(missing, [], `Debian's Python packages are missing from ${DEBIAN}: run scripts/provision-system.sh as root`);
  cacheDir = path.join(tempFolder('debian-cache'), 'libraries');
  folders.push(path.dirname(cacheDir));
  scan = await scanEnvironment(DEBIAN, { cacheDir });
});

/** The setting at a path, failing when it is absent. */
function setting(catalog: Catalog, ...pathParts: string[]): Setting {
  const found = catalog.settings.find((s) => s.path.join('.') === pathParts.join('.'));
  assert.ok(found, `${pathParts.join('.')} is in the catalog`);
  return found;
}

test('Debian\'s python3 is resolved to its dist-packages', () => {
  const env = resolveEnvironment('/usr/bin/python3');
  assert.ok(env.ok, env.ok ? '' : env.error);
  assert.equal(env.value.sitePackages, DEBIAN);
});

test('django-cors-headers 3.14.0: CORS_ALLOW_ALL_ORIGINS, checked in checks.py, read with the old name\'s default in conf.py', () => {
  const s = setting(scan.catalog, 'CORS_ALLOW_ALL_ORIGINS');
  assert.deepEqual(s.readers, [
    { package: 'django-cors-headers', version: '3.14.0', file: 'corsheaders/checks.py', line: 56, how: 'getattr' },
    { package: 'django-cors-headers', version: '3.14.0', file: 'corsheaders/conf.py', line: 41, how: 'getattr' },
  ]);
  assert.deepEqual([s.default, s.type], [false, { kind: 'json', types: ['boolean'], nullable: false, from: 'literal' }]);
  // Its default is a tuple another module of the package defines.
  assert.deepEqual(setting(scan.catalog, 'CORS_ALLOW_METHODS').default, ['DELETE', 'GET', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
});

test('Django REST framework 3.14.0: REST_FRAMEWORK and the keys of its DEFAULTS', () => {
  const top = setting(scan.catalog, 'REST_FRAMEWORK');
  assert.deepEqual(top.readers?.[0], { package: 'djangorestframework', version: '3.14.0', file: 'rest_framework/settings.py', line: 209, how: 'getattr' });
  assert.deepEqual([top.default, top.type.types], [{}, ['object']]);
  const pagination = setting(scan.catalog, 'REST_FRAMEWORK', 'DEFAULT_PAGINATION_CLASS');
  assert.deepEqual(pagination.readers, [{ package: 'djangorestframework', version: '3.14.0', file: 'rest_framework/settings.py', line: 51, how: 'defaults' }]);
  assert.deepEqual([pagination.default, pagination.type.nullable], [null, true]);
  assert.equal(setting(scan.catalog, 'REST_FRAMEWORK', 'PAGE_SIZE').default, null);
  // The nested keys follow their setting.
  const at = scan.catalog.settings.indexOf(top);
  assert.deepEqual(scan.catalog.settings[at + 1].path.length, 2);
});

test('Celery 5.2.6: its table under the CELERY_ namespace and the old names', () => {
  const reader = (line: number): object => ({ package: 'celery', version: '5.2.6', file: 'celery/app/defaults.py', line, how: 'defaults' });
  for (const name of ['CELERY_TASK_ALWAYS_EAGER', 'CELERY_ALWAYS_EAGER']) {
    const s = setting(scan.catalog, name);
    assert.deepEqual([s.readers, s.default, s.type.types], [[reader(246)], false, ['boolean']], name);
  }
  for (const name of ['CELERY_BROKER_URL', 'BROKER_URL']) {
    const s = setting(scan.catalog, name);
    assert.deepEqual([s.readers, s.default, s.type], [[reader(83)], null, { kind: 'json', types: ['string'], nullable: true, from: 'hint' }], name);
  }
  assert.equal(setting(scan.catalog, 'CELERYD_PREFETCH_MULTIPLIER').default, 4);
});

test('django-storages 1.13.2: AWS_STORAGE_BUCKET_NAME through its setting() helper', () => {
  const s = setting(scan.catalog, 'AWS_STORAGE_BUCKET_NAME');
  assert.deepEqual(s.readers, [{ package: 'django-storages', version: '1.13.2', file: 'storages/backends/s3boto3.py', line: 312, how: 'getattr' }]);
  assert.equal(setting(scan.catalog, 'AWS_QUERYSTRING_EXPIRE').default, 3600);
});

test('social-auth-app-django 5.0.0: SOCIAL_AUTH_ names built by social-auth-core\'s setting_name()', () => {
  const s = setting(scan.catalog, 'SOCIAL_AUTH_USER_MODEL');
  assert.deepEqual(s.readers, [{ package: 'social-auth-app-django', version: '5.0.0', file: 'social_django/models.py', line: 15, how: 'getattr' }]);
  assert.equal(setting(scan.catalog, 'SOCIAL_AUTH_UID_LENGTH').default, 255);
});

test('django-celery-beat 2.4.0: DJANGO_CELERY_BEAT_TZ_AWARE, read in three places', () => {
  const s = setting(scan.catalog, 'DJANGO_CELERY_BEAT_TZ_AWARE');
  assert.deepEqual(
    s.readers?.map((r) => `${r.file}:${r.line}`),
    ['django_celery_beat/models.py:332', 'django_celery_beat/schedulers.py:104', 'django_celery_beat/schedulers.py:132'],
  );
  assert.equal(s.default, true);
});

test('entry points of Debian\'s egg-info metadata', () => {
  const django = scan.distributions.find((d) => d.name === 'Django');
  assert.deepEqual(django?.entryPoints, { console_scripts: [{ name: 'django-admin', value: 'django.core.management:execute_from_command_line' }] });
});

test('the second scan takes every distribution from the cache and builds the same catalog', async () => {
  assert.equal(scan.stats.scanned, scan.stats.distributions);
  const again = await scanEnvironment(DEBIAN, { cacheDir });
  assert.deepEqual(again.stats, { ...scan.stats, fromCache: scan.stats.distributions, scanned: 0, modulesRead: 0, modulesParsed: 0, cacheWrites: 0 });
  assert.deepEqual(again.catalog, scan.catalog);
});
