/**
 * What an installed plugin app's production settings overwrite after the YAML file is loaded:
 * read by shape from `plugin_settings(settings)` (fixtures we wrote, in the styles plugin packages
 * use), found through the package's entry points, and kept in a scanned environment's catalog.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { getPythonParser } from '../../../server/src/python/parser';
import { parseOnce } from '../../../server/src/python/parseCache';
import type { DiscoveryFiles } from '../../../server/src/extractor/plugins/discovery';
import { installedOverwrites, productionOverwrites } from '../../../server/src/libraries/pluginOverwrites';
import { scanEnvironment } from '../../../server/src/libraries/scanEnvironment';
import { removeAll, tempFolder, wheel, writeFiles } from './sitePackages';

const folders: string[] = [];
after(() => removeAll(folders));

/** Files read from memory, parsed with the real parser. */
async function memoryFiles(files: Record<string, string>): Promise<DiscoveryFiles> {
  const parser = await getPythonParser();
  return {
    exists: (file) => Object.hasOwn(files, file),
    parse: (file) => (Object.hasOwn(files, file) ? parseOnce(parser, files[file]) : undefined),
  };
}

const PRODUCTION = [
  'from .common import plugin_settings as common_plugin_settings',
  '',
  'def _extra(settings):',
  "    settings.EXTRA_HOST = 'extra.example.com'",
  '',
  'def plugin_settings(settings):',
  '    common_plugin_settings(settings)',
  "    settings.FIXED_URL = 'https://fixed.example.com'",
  "    settings.FROM_FILE = settings.ENV_TOKENS.get('FROM_FILE', 1)",
  "    settings.KEPT = getattr(settings, 'KEPT', 2)",
  "    settings.GROWN = settings.GROWN + ['x']",
  '    tokens = settings.AUTH_TOKENS',
  "    secret = tokens.get('SECRET_KEY_OF_PLUGIN')",
  '    settings.SECRET_KEY_OF_PLUGIN = secret',
  "    settings.RENAMED = settings.ENV_TOKENS.get('OLD_NAME')",
  '    if settings.FEATURES.get("ENABLE_X"):',
  '        settings.ONLY_SOMETIMES = True',
  "    settings.FEATURES['ENTRY'] = True",
  '    settings.lower_case = 1',
  '    _extra(settings)',
  '    plugin_settings(settings)',
  '',
].join('\n');

const COMMON = [
  'def plugin_settings(settings):',
  "    settings.COMMON_FIXED = 'v'",
  "    settings.COMMON_KEPT = getattr(settings, 'COMMON_KEPT', 'd')",
  '',
].join('\n');

test('productionOverwrites: unconditional assignments that ignore the key, through the functions the body calls with the settings', async () => {
  const files = await memoryFiles({ 'plug/settings/production.py': PRODUCTION, 'plug/settings/common.py': COMMON, 'plug/settings/__init__.py': '', 'plug/__init__.py': '' });
  const found = productionOverwrites('plug/settings/production.py', files);
  assert.deepEqual(
    found.map((o) => `${o.name} ${o.file}:${o.line}:${o.column}`),
    [
      'COMMON_FIXED plug/settings/common.py:2:4',
      'FIXED_URL plug/settings/production.py:8:4',
      'RENAMED plug/settings/production.py:15:4',
      'EXTRA_HOST plug/settings/production.py:4:4',
    ],
  );
});

test("productionOverwrites: a production module that imports the common settings' function as its own; nothing after a guard that may return", async () => {
  const files = await memoryFiles({
    'plug/__init__.py': '',
    'plug/settings/__init__.py': '',
    'plug/settings/production.py': '"""Production settings."""\n\nfrom plug.settings.common import plugin_settings  # noqa: F401\n',
    'plug/settings/common.py': [
      'def plugin_settings(settings):',
      "    settings.ALWAYS = 'a'",
      "    if not getattr(settings, 'ENABLE_PLUG', False):",
      '        return',
      '    settings.ONLY_WHEN_ENABLED = 60 * 60',
      '',
    ].join('\n'),
    'guarded/production.py': ['def plugin_settings(settings):', '    try:', '        import missing', '    except ImportError:', '        raise', '    settings.AFTER_RAISE = 1', ''].join('\n'),
  });
  assert.deepEqual(
    productionOverwrites('plug/settings/production.py', files).map((o) => `${o.name} ${o.file}:${o.line}`),
    ['ALWAYS plug/settings/common.py:2'],
  );
  assert.deepEqual(productionOverwrites('guarded/production.py', files), []);
});

test('productionOverwrites: a module without plugin_settings, an import that is not there, a missing module', async () => {
  const files = await memoryFiles({
    'a/production.py': 'X = 1\n',
    'b/production.py': 'from gone.common import plugin_settings as other\n\ndef plugin_settings(settings):\n    other(settings)\n',
  });
  assert.deepEqual(productionOverwrites('a/production.py', files), []);
  assert.deepEqual(productionOverwrites('b/production.py', files), []);
  assert.deepEqual(productionOverwrites('c/production.py', files), []);
});

test('installedOverwrites: the production modules the entry points name, per project type, and a module the app config names but the package lacks', async () => {
  const apps = (project: string, relative: string): string =>
    [
      'from django.apps import AppConfig',
      '',
      'class PlugConfig(AppConfig):',
      "    name = 'plug'",
      `    plugin_app = {'settings_config': {'${project}': {'production': {'relative_path': '${relative}'}}}}`,
      '',
    ].join('\n');
  const files = await memoryFiles({
    'plug/__init__.py': '',
    'plug/apps.py': apps('lms.djangoapp', 'settings.production'),
    'plug/settings/__init__.py': '',
    'plug/settings/production.py': PRODUCTION,
    'plug/settings/common.py': COMMON,
    'other/__init__.py': '',
    'other/apps.py': apps('cms.djangoapp', 'settings.gone').replace("name = 'plug'", "name = 'other'").replace('PlugConfig', 'OtherConfig'),
  });
  const found = installedOverwrites(
    {
      package: 'plug-pkg',
      version: '1.0',
      file: 'plug_pkg-1.0.dist-info/entry_points.txt',
      entryPoints: [
        { group: 'lms.djangoapp', name: 'plug', value: 'plug.apps:PlugConfig' },
        { group: 'cms.djangoapp', name: 'other', value: 'other.apps:OtherConfig' },
        { group: 'console_scripts', name: 'tool', value: 'plug.cli:main' },
      ],
    },
    files,
  );
  assert.deepEqual(
    found.overwrites.map((o) => `${o.project} ${o.name} ${o.file}:${o.line}`),
    ['lms.djangoapp COMMON_FIXED plug/settings/common.py:2', 'lms.djangoapp FIXED_URL plug/settings/production.py:8', 'lms.djangoapp RENAMED plug/settings/production.py:15', 'lms.djangoapp EXTRA_HOST plug/settings/production.py:4'],
  );
  assert.deepEqual(
    found.problems.map((p) => `${p.code} ${p.file}:${p.line} ${p.message}`),
    ['import-not-found other/apps.py:5 plugin app `other` (cms.djangoapp): its production settings module `other.settings.gone` is not in these sources'],
  );
});

test('a scanned environment: an installed plugin\'s production overwrite is a reader `overwrite` for its project type, first among the kept readers', async () => {
  const root = writeFiles(
    tempFolder('overwrite'),
    wheel(
      'plug-pkg',
      '1.0',
      {
        'plug/__init__.py': '',
        'plug/apps.py': [
          'from django.apps import AppConfig',
          '',
          'class PlugConfig(AppConfig):',
          "    name = 'plug'",
          '    plugin_app = {',
          "        'settings_config': {",
          "            'lms.djangoapp': {'common': {'relative_path': 'settings.common'}, 'production': {'relative_path': 'settings.production'}},",
          "            'cms.djangoapp': {'production': {'relative_path': 'settings.production'}},",
          '        },',
          '    }',
          '',
        ].join('\n'),
        'plug/settings/__init__.py': '',
        'plug/settings/common.py': COMMON,
        'plug/settings/production.py': "def plugin_settings(settings):\n    settings.FIXED_URL = 'https://fixed.example.com'\n    settings.COMMON_KEPT = settings.ENV_TOKENS.get('COMMON_KEPT', 'p')\n",
      },
      { 'entry_points.txt': '[lms.djangoapp]\nplug = plug.apps:PlugConfig\n\n[cms.djangoapp]\nplug = plug.apps:PlugConfig\n' },
    ),
  );
  folders.push(root);
  const scan = await scanEnvironment(root);
  const readers = Object.fromEntries(scan.catalog.settings.map((s) => [s.name, (s.readers ?? []).map((r) => `${r.file}:${r.line} ${r.how}${r.projects ? ` ${r.projects.join('+')}` : ''}`)]));
  assert.deepEqual(readers, {
    COMMON_FIXED: ['plug/settings/common.py:2 plugin'],
    COMMON_KEPT: ['plug/settings/common.py:3 plugin', 'plug/settings/common.py:3 getattr', 'plug/settings/production.py:3 plugin'],
    FIXED_URL: ['plug/settings/production.py:2 overwrite cms.djangoapp+lms.djangoapp'],
  });
  assert.deepEqual(scan.catalog.problems, []);
});
