/**
 * Scanning a whole site-packages folder we write: helpers of one distribution read by another,
 * the merge (order, readers, defaults), the catalog's shape, progress, cancellation, and the
 * on-disk cache (hits counted, upgrades and changed folders scanned again, corrupt files replaced).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheFile } from '../../../server/src/libraries/cache';
import { scanEnvironment, type ScanProgress } from '../../../server/src/libraries/scanEnvironment';
import { metadata, removeAll, tempFolder, wheel, writeFiles, type Files } from './sitePackages';

const folders: string[] = [];
after(() => removeAll(folders));

/** A getter helper in one distribution, a module using it without saying `settings`. */
const STORAGE_KIT = wheel('storage-kit', '1.0', {
  'storagekit/__init__.py': '',
  'storagekit/utils.py': 'from django.conf import settings\n\ndef setting(name, default=None):\n    return getattr(settings, name, default)\n',
  'storagekit/backends/s3.py': "from ..utils import setting\n\nBUCKET = setting('KIT_BUCKET')\nLOCATION = setting('KIT_LOCATION', '')\nTIMEOUT = setting('KIT_TIMEOUT', 30)\n",
});

/**
 * A name builder in a distribution that never mentions Django nor calls anything with a
 * setting-like name: left unparsed by the text filter, parsed once auth-app's call names it.
 */
const NAME_KIT: Files = {
  'namekit-2.0.egg-info/PKG-INFO': 'Metadata-Version: 1.2\nName: namekit\nVersion: 2.0\n',
  'namekit-2.0.egg-info/top_level.txt': 'namekit\n',
  'namekit/__init__.py': '',
  'namekit/utils.py': "PREFIX = 'AUTH'\n\ndef setting_name(*names):\n    return '_'.join((PREFIX,) + names)\n",
};

/** Another distribution calling the builder; and reads shared with others. */
const AUTH_APP = wheel(
  'auth-app',
  '3.0',
  {
    'authapp/__init__.py': '',
    'authapp/models.py': "from django.conf import settings\nfrom namekit.utils import setting_name\n\nUSER_MODEL = getattr(settings, setting_name('USER_MODEL'), None)\nDEBUG = settings.DEBUG\nWAIT = getattr(settings, 'KIT_TIMEOUT', None)\n",
  },
  { 'entry_points.txt': '[lms.djangoapp]\nauthapp = authapp.apps:AuthConfig\n' },
);

/** The DRF shape. */
const REST_KIT = wheel('restkit', '0.1', {
  'restkit/settings.py': "from django.conf import settings\n\nDEFAULTS = {'PAGE_SIZE': 20, 'RENDERER': None}\n\nclass KitSettings:\n    def __init__(self, defaults=None):\n        self.defaults = defaults or DEFAULTS\n\n    @property\n    def user_settings(self):\n        return getattr(settings, 'REST_KIT', {})\n\nkit_settings = KitSettings(DEFAULTS)\n",
});

/** A folder of no distribution reading DEBUG in six modules. */
const ZETA: Files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`zeta/m${i}.py`, `from django.conf import settings\nX = settings.DEBUG\n`]));

/** Writes the whole fixture environment; returns its folder. */
function environment(): string {
  const root = tempFolder('env');
  folders.push(root);
  return writeFiles(root, { ...STORAGE_KIT, ...NAME_KIT, ...AUTH_APP, ...REST_KIT, ...ZETA });
}

test('the catalog of an environment: helpers across distributions, merged by name, readers bounded, first informative default', async () => {
  const root = environment();
  const { catalog, distributions, stats } = await scanEnvironment(root);
  assert.deepEqual(
    distributions.map((d) => `${d.name} ${d.version ?? '-'} ${d.kind}`),
    ['auth-app 3.0 dist-info', 'namekit 2.0 egg-info', 'restkit 0.1 dist-info', 'storage-kit 1.0 dist-info', 'zeta - none'],
  );
  assert.deepEqual(distributions[0].entryPoints, { 'lms.djangoapp': [{ name: 'authapp', value: 'authapp.apps:AuthConfig' }] });
  assert.deepEqual([catalog.ida, catalog.layout, catalog.root, catalog.yaml], ['libraries', 'library', root, {}]);
  // Its plugin app's module is not installed: the framework would fail to load it.
  assert.deepEqual(catalog.problems, [
    { code: 'import-not-found', message: 'plugin app `authapp` (lms.djangoapp): `authapp.apps:AuthConfig` is not a module in these sources; its settings are not known', file: 'auth_app-3.0.dist-info/entry_points.txt', line: 1, column: 0 },
  ]);
  assert.deepEqual(catalog.files, ['authapp/models.py', 'restkit/settings.py', 'storagekit/backends/s3.py', 'zeta/m0.py', 'zeta/m1.py', 'zeta/m2.py', 'zeta/m3.py', 'zeta/m4.py', 'zeta/m5.py']);
  const rows = catalog.settings.map((s) => {
    const type = s.type.kind === 'json' ? `${s.type.types.join('|')}${s.type.nullable ? '?' : ''}` : `${s.type.kind}${s.type.nullable ? '?' : ''}`;
    const readers = (s.readers ?? []).map((r) => `${r.package}@${r.version ?? '-'}:${r.file}:${r.line}:${r.how}`).join(' ');
    return `${s.path.join('.')} | ${type} | ${s.default === undefined ? '-' : JSON.stringify(s.default)} | ${s.origin.file}:${s.origin.line} | ${readers}`;
  });
  assert.deepEqual(rows, [
    'AUTH_USER_MODEL | unknown? | null | authapp/models.py:4 | auth-app@3.0:authapp/models.py:4:getattr',
    'DEBUG | unknown | - | authapp/models.py:5 | auth-app@3.0:authapp/models.py:5:attribute zeta@-:zeta/m0.py:2:attribute zeta@-:zeta/m1.py:2:attribute zeta@-:zeta/m2.py:2:attribute zeta@-:zeta/m3.py:2:attribute',
    'KIT_TIMEOUT | integer? | 30 | authapp/models.py:6 | auth-app@3.0:authapp/models.py:6:getattr storage-kit@1.0:storagekit/backends/s3.py:5:getattr',
    'REST_KIT | object | {} | restkit/settings.py:11 | restkit@0.1:restkit/settings.py:11:getattr',
    'REST_KIT.PAGE_SIZE | integer | 20 | restkit/settings.py:3 | restkit@0.1:restkit/settings.py:3:defaults',
    'REST_KIT.RENDERER | unknown? | null | restkit/settings.py:3 | restkit@0.1:restkit/settings.py:3:defaults',
    'KIT_BUCKET | unknown? | null | storagekit/backends/s3.py:3 | storage-kit@1.0:storagekit/backends/s3.py:3:getattr',
    'KIT_LOCATION | string | "" | storagekit/backends/s3.py:4 | storage-kit@1.0:storagekit/backends/s3.py:4:getattr',
  ]);
  assert.deepEqual(catalog.settings[2], {
    name: 'KIT_TIMEOUT',
    path: ['KIT_TIMEOUT'],
    type: { kind: 'json', types: ['integer'], nullable: true, from: 'literal' },
    origin: { file: 'authapp/models.py', line: 6, column: 7 },
    roles: [],
    readers: [
      { package: 'auth-app', version: '3.0', file: 'authapp/models.py', line: 6, how: 'getattr' },
      { package: 'storage-kit', version: '1.0', file: 'storagekit/backends/s3.py', line: 5, how: 'getattr' },
    ],
    default: 30,
    defaultText: '30',
  });
  assert.deepEqual(stats, { distributions: 5, fromCache: 0, scanned: 5, modulesRead: 14, modulesParsed: 11, cacheWrites: 0, keys: 6 });
});

test('the cache: a second scan reads no module; an upgrade, a changed folder of no distribution and a corrupt file are scanned again', async () => {
  const root = environment();
  const cacheDir = path.join(tempFolder('cache'), 'libraries');
  folders.push(path.dirname(cacheDir));
  const first = await scanEnvironment(root, { cacheDir });
  assert.deepEqual([first.stats.scanned, first.stats.cacheWrites, first.stats.fromCache], [5, 5, 0]);
  assert.deepEqual(fs.readdirSync(cacheDir).sort(), ['auth-app.json', 'namekit.json', 'restkit.json', 'storage-kit.json', 'zeta.folder.json']);

  const second = await scanEnvironment(root, { cacheDir });
  assert.deepEqual(second.stats, { distributions: 5, fromCache: 5, scanned: 0, modulesRead: 0, modulesParsed: 0, cacheWrites: 0, keys: 6 });
  assert.deepEqual(second.catalog, first.catalog);

  // An upgrade: the old metadata goes, the new version comes with a new read.
  fs.rmSync(path.join(root, 'restkit-0.1.dist-info'), { recursive: true });
  writeFiles(root, wheel('restkit', '0.2', { 'restkit/settings.py': "from django.conf import settings\nNEW = settings.REST_KIT_V2\n" }));
  // A folder of no distribution is keyed by its modules.
  writeFiles(root, { 'zeta/m5.py': 'from django.conf import settings\nX = settings.ZETA_ONLY\n' });
  // A cache file nobody can parse.
  fs.writeFileSync(cacheFile(cacheDir, { name: 'namekit', kind: 'egg-info', topLevel: [], entryPoints: {}, stamp: '' }), '{"format": 1, "key": ');
  const third = await scanEnvironment(root, { cacheDir });
  assert.deepEqual([third.stats.fromCache, third.stats.scanned, third.stats.cacheWrites, third.stats.modulesRead], [2, 3, 3, 9]);
  const names = third.catalog.settings.map((s) => s.path.join('.'));
  assert.ok(names.includes('REST_KIT_V2') && names.includes('ZETA_ONLY') && !names.includes('REST_KIT.PAGE_SIZE'), names.join(' '));
  assert.equal(third.catalog.settings.find((s) => s.name === 'REST_KIT_V2')?.readers?.[0].version, '0.2');

  // The same version reinstalled (its metadata rewritten): its stamp changed.
  fs.writeFileSync(path.join(root, 'auth_app-3.0.dist-info', 'METADATA'), `${metadata('auth-app', '3.0')}\nA longer description.\n`);
  const fourth = await scanEnvironment(root, { cacheDir });
  assert.deepEqual([fourth.stats.fromCache, fourth.stats.scanned], [4, 1]);
});

test('progress counts the modules to read, from 0 to all of them', async () => {
  const root = environment();
  const seen: ScanProgress[] = [];
  await scanEnvironment(root, { onProgress: (p) => seen.push(p) });
  assert.deepEqual(seen[0], { done: 0, total: 14 });
  assert.deepEqual(seen[seen.length - 1], { done: 14, total: 14 });
  assert.ok(seen.every((p, i) => i === 0 || p.done >= seen[i - 1].done));
});

test('cancelled: an aborted signal rejects the scan with its reason, before or during it', async () => {
  const root = environment();
  const before = new AbortController();
  before.abort();
  await assert.rejects(scanEnvironment(root, { signal: before.signal }), { name: 'AbortError' });
  const during = new AbortController();
  const cacheDir = path.join(tempFolder('cache-abort'), 'c');
  folders.push(path.dirname(cacheDir));
  await assert.rejects(scanEnvironment(root, { signal: during.signal, cacheDir, onProgress: () => during.abort(new Error('stopped by the test')) }), { message: 'stopped by the test' });
  assert.equal(fs.existsSync(cacheDir), false);
});

test('the cache of a distribution whose metadata states no version is keyed by its modules', async () => {
  const root = tempFolder('noversion');
  const cacheDir = path.join(tempFolder('cache-noversion'), 'c');
  folders.push(root, path.dirname(cacheDir));
  writeFiles(root, { 'plain.dist-info/METADATA': 'Name: plain\n', 'plain.dist-info/top_level.txt': 'plain\n', 'plain/a.py': 'from django.conf import settings\nA = settings.PLAIN_A\n' });
  const first = await scanEnvironment(root, { cacheDir });
  assert.deepEqual([first.distributions[0].version, first.stats.scanned], [undefined, 1]);
  assert.equal((await scanEnvironment(root, { cacheDir })).stats.fromCache, 1);
  // Another size: a file system with coarse modification times must see the change too.
  writeFiles(root, { 'plain/a.py': 'from django.conf import settings\nA = settings.PLAIN_CHANGED\n' });
  const changed = await scanEnvironment(root, { cacheDir });
  assert.deepEqual([changed.stats.scanned, changed.catalog.settings.map((s) => s.name)], [1, ['PLAIN_CHANGED']]);
});

test("an installed plugin app's plugin_settings(settings): what it sets, reads and takes from the YAML file", async () => {
  const root = writeFiles(
    tempFolder('plugin'),
    wheel(
      'badge-plugin',
      '0.3.0',
      {
        'badges/__init__.py': '',
        'badges/settings/__init__.py': '',
        // No import of Django: the framework hands the settings object to the function.
        'badges/settings/common.py': [
          '"""Settings of the badge plugin (a fixture)."""',
          '',
          'def plugin_settings(settings):',
          "    settings.BADGES_ENABLED = False",
          "    settings.BADGES_ISSUER = {'name': 'Lite', 'url': None}",
          '    settings.INSTALLED_APPS.append("badges")',
          "    settings.BADGES_TIMEOUT = getattr(settings, 'BADGES_TIMEOUT', 10)",
          '',
          'def helper(settings):',
          '    settings.NOT_A_PLUGIN_SETTING = 1',
          '',
        ].join('\n'),
        'badges/settings/production.py': [
          'def plugin_settings(settings):',
          "    settings.BADGES_ISSUER = settings.ENV_TOKENS.get('BADGES_ISSUER', settings.BADGES_ISSUER)",
          "    settings.BADGES_API_KEY = settings.AUTH_TOKENS.get('BADGES_API_KEY', '')",
          '',
        ].join('\n'),
      },
      { 'entry_points.txt': '[lms.djangoapp]\nbadges = badges.apps:BadgesConfig\n' },
    ),
  );
  folders.push(root);
  const scan = await scanEnvironment(root);
  const reads = scan.catalog.settings.map((s) => [s.path.join('.'), s.default ?? null, (s.readers ?? []).map((r) => `${r.file}:${r.line} ${r.how}`).join(', ')]);
  assert.deepEqual(reads, [
    ['BADGES_ENABLED', false, 'badges/settings/common.py:4 plugin'],
    ['BADGES_ISSUER', { name: 'Lite', url: null }, 'badges/settings/common.py:5 plugin, badges/settings/production.py:2 plugin, badges/settings/production.py:2 attribute'],
    ['INSTALLED_APPS', null, 'badges/settings/common.py:6 attribute'],
    ['BADGES_TIMEOUT', 10, 'badges/settings/common.py:7 plugin, badges/settings/common.py:7 getattr'],
    ['BADGES_API_KEY', '', 'badges/settings/production.py:3 plugin'],
  ]);
  assert.deepEqual(scan.distributions.find((d) => d.name === 'badge-plugin')?.entryPoints, { 'lms.djangoapp': [{ name: 'badges', value: 'badges.apps:BadgesConfig' }] });
});
