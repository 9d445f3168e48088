/**
 * Finding plugin apps and their settings modules statically: entry points from `pyproject.toml`,
 * `setup.py` and INI text; each `apps.py` `plugin_app` in the styles the platform and older
 * releases write it; the convention when it cannot be read; entry points given by the caller.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getPythonParser } from '../../../../server/src/python/parser';
import { parseOnce, type ParsedFile } from '../../../../server/src/python/parseCache';
import { entryPointsFromIni, entryPointsFromPyproject, entryPointsFromSetupPy, entryPointTarget } from '../../../../server/src/extractor/plugins/entryPoints';
import { readAppConfigs, settingsModuleOf } from '../../../../server/src/extractor/plugins/appConfig';
import { declaredEntryPoints, pluginSettingsModules, sourcePluginHost, type DiscoveryFiles } from '../../../../server/src/extractor/plugins/discovery';

async function parse(text: string): Promise<ParsedFile> {
  return parseOnce(await getPythonParser(), text);
}

/** Discovery over in-memory files (POSIX paths → text), counting the files parsed. */
async function filesOf(tree: Record<string, string>): Promise<DiscoveryFiles & { parsed: string[] }> {
  const parser = await getPythonParser();
  const parsed: string[] = [];
  return {
    parsed,
    exists: (rel) => Object.hasOwn(tree, rel),
    parse: (rel) => {
      if (!Object.hasOwn(tree, rel)) return undefined;
      parsed.push(rel);
      return parseOnce(parser, tree[rel]);
    },
  };
}

test('entry point values: module and attribute, extras and spaces dropped; anything else refused', () => {
  assert.deepStrictEqual(entryPointTarget('openedx.core.djangoapps.ace_common.apps:AceCommonConfig'), { module: 'openedx.core.djangoapps.ace_common.apps', attribute: 'AceCommonConfig' });
  assert.deepStrictEqual(entryPointTarget(' pkg.apps : Outer.Inner [extra1, extra2] '), { module: 'pkg.apps', attribute: 'Outer.Inner' });
  assert.deepStrictEqual(entryPointTarget('pkg'), { module: 'pkg' });
  assert.equal(entryPointTarget('pkg/apps.py:Config'), undefined);
  assert.equal(entryPointTarget(''), undefined);
});

test('pyproject.toml: the [project.entry-points.<group>] tables, quoted or bare, with their lines; other tables skipped', () => {
  const text = [
    '[project]',
    'name = "demo"',
    '[project.entry-points."lms.djangoapp"]',
    '# a comment',
    'notes = "demo.notes.apps:NotesConfig"  # trailing',
    "'quoted key' = 'demo.other.apps:OtherConfig'",
    '[project.entry-points.console_scripts]',
    'demo = "demo.cli:main"',
    '[project.entry-points."cms.djangoapp"]',
    'notes = "demo.notes.apps:NotesConfig"',
    'broken = [',
    '[tool.other]',
    'notes = "not.an.entry:Point"',
  ].join('\n');
  assert.deepStrictEqual(entryPointsFromPyproject(text), [
    { group: 'lms.djangoapp', name: 'notes', value: 'demo.notes.apps:NotesConfig', line: 5 },
    { group: 'lms.djangoapp', name: 'quoted key', value: 'demo.other.apps:OtherConfig', line: 6 },
    { group: 'console_scripts', name: 'demo', value: 'demo.cli:main', line: 8 },
    { group: 'cms.djangoapp', name: 'notes', value: 'demo.notes.apps:NotesConfig', line: 10 },
  ]);
});

test('entry_points.txt (INI): groups and entries with their lines', () => {
  assert.deepStrictEqual(entryPointsFromIni('[lms.djangoapp]\nnotes = demo.apps:NotesConfig\n; comment\n\n[cms.djangoapp]\nnotes=demo.apps:NotesConfig\nnot an entry\n'), [
    { group: 'lms.djangoapp', name: 'notes', value: 'demo.apps:NotesConfig', line: 2 },
    { group: 'cms.djangoapp', name: 'notes', value: 'demo.apps:NotesConfig', line: 6 },
  ]);
});

test('setup.py: entry_points as a dict literal, a group given by a module-level name, comments skipped; nothing is run', async () => {
  const text = [
    'from setuptools import setup',
    'XBLOCKS = ["html = x.html:HtmlBlock"]',
    'setup(',
    '    name="demo",',
    '    entry_points={',
    '        "xblock.v1": XBLOCKS,',
    '        "lms.djangoapp": [',
    '            "notes = demo.notes.apps:NotesConfig",  # a comment',
    '            compute_entry(),',
    '        ],',
    '    },',
    ')',
  ].join('\n');
  assert.deepStrictEqual(entryPointsFromSetupPy((await parse(text)).root), [
    { group: 'xblock.v1', name: 'html', value: 'x.html:HtmlBlock', line: 2 },
    { group: 'lms.djangoapp', name: 'notes', value: 'demo.notes.apps:NotesConfig', line: 8 },
  ]);
});

test('setup.py: entry_points given as a module-level dict or as INI text; a setup() under __main__; none without setup()', async () => {
  const asName = 'import setuptools\nENTRY_POINTS = {"lms.djangoapp": ("a = demo.a.apps:AConfig",)}\nif __name__ == "__main__":\n    setuptools.setup(entry_points=ENTRY_POINTS)\n';
  assert.deepStrictEqual(entryPointsFromSetupPy((await parse(asName)).root), [{ group: 'lms.djangoapp', name: 'a', value: 'demo.a.apps:AConfig', line: 2 }]);
  const asIni = 'from setuptools import setup\nsetup(entry_points="""\n[lms.djangoapp]\nb = demo.b.apps:BConfig\n""")\n';
  assert.deepStrictEqual(entryPointsFromSetupPy((await parse(asIni)).root), [{ group: 'lms.djangoapp', name: 'b', value: 'demo.b.apps:BConfig', line: 4 }]);
  assert.deepStrictEqual(entryPointsFromSetupPy((await parse('ENTRY = {"lms.djangoapp": ["a = b:C"]}\n')).root), []);
});

const CURRENT_STYLE = `
from django.apps import AppConfig
from edx_django_utils.plugins import PluginSettings, PluginURLs
from openedx.core.djangoapps.plugins.constants import ProjectType, SettingsType


class NotesConfig(AppConfig):
    name = 'demo.notes'
    plugin_app = {
        PluginURLs.CONFIG: {ProjectType.LMS: {PluginURLs.NAMESPACE: '', PluginURLs.REGEX: r'^notes/'}},
        PluginSettings.CONFIG: {
            ProjectType.LMS: {
                SettingsType.PRODUCTION: {PluginSettings.RELATIVE_PATH: 'settings.production'},
                SettingsType.COMMON: {PluginSettings.RELATIVE_PATH: 'settings.common'},
            },
            ProjectType.CMS: {
                SettingsType.COMMON: {},
            },
        },
    }
`;

test('apps.py: ProjectType, SettingsType and PluginSettings constants; an empty entry means the default module `settings`', async () => {
  const apps = readAppConfigs((await parse(CURRENT_STYLE)).root);
  const notes = apps.get('NotesConfig');
  assert.ok(notes);
  assert.equal(notes.name, 'demo.notes');
  assert.equal(notes.line, 7);
  assert.deepStrictEqual(settingsModuleOf(notes, 'lms.djangoapp', 'common'), { relativePath: 'settings.common' });
  assert.deepStrictEqual(settingsModuleOf(notes, 'lms.djangoapp', 'production'), { relativePath: 'settings.production' });
  assert.equal(settingsModuleOf(notes, 'lms.djangoapp', 'devstack'), 'none');
  assert.deepStrictEqual(settingsModuleOf(notes, 'cms.djangoapp', 'common'), { relativePath: 'settings' });
  assert.equal(settingsModuleOf(notes, 'cms.djangoapp', 'production'), 'none');
});

test('apps.py: the older styles (strings, a module alias of the constants, the aws type), a name given by a module-level dict', async () => {
  const text = `
from openedx.core.djangoapps.plugins import constants as plugin_constants

SETTINGS = {
    plugin_constants.ProjectType.LMS: {
        plugin_constants.SettingsType.AWS: {plugin_constants.PluginSettings.RELATIVE_PATH: u'settings.aws'},
    },
}


@decorated
class OldConfig(AppConfig):
    name = u'demo.old'
    plugin_app = {
        u'settings_config': SETTINGS,
    }


class StringsConfig(AppConfig):
    plugin_app = {'settings_config': {'lms.djangoapp': {'common': {'relative_path': 'conf.common'}}}}
`;
  const apps = readAppConfigs((await parse(text)).root);
  const old = apps.get('OldConfig');
  const strings = apps.get('StringsConfig');
  assert.ok(old && strings);
  assert.deepStrictEqual(settingsModuleOf(old, 'lms.djangoapp', 'aws'), { relativePath: 'settings.aws' });
  assert.equal(strings.name, undefined);
  assert.deepStrictEqual(settingsModuleOf(strings, 'lms.djangoapp', 'common'), { relativePath: 'conf.common' });
});

test('apps.py: what cannot be read as literals falls back to the convention; no plugin_app, or no settings_config, means no settings', async () => {
  const text = `
class Built(AppConfig):
    plugin_app = make_plugin_app()


class Spread(AppConfig):
    plugin_app = {**BASE}


class PathByName(AppConfig):
    plugin_app = {PluginSettings.CONFIG: {ProjectType.LMS: {SettingsType.COMMON: {PluginSettings.RELATIVE_PATH: PATH}}}}


class ProjectBuilt(AppConfig):
    plugin_app = {PluginSettings.CONFIG: {ProjectType.LMS: project_settings()}}


class UrlsOnly(AppConfig):
    plugin_app = {PluginURLs.CONFIG: {ProjectType.LMS: {}}}


class NotAPlugin(AppConfig):
    name = 'demo.plain'
`;
  const apps = readAppConfigs((await parse(text)).root);
  const where = (name: string): unknown => {
    const app = apps.get(name);
    assert.ok(app, name);
    return settingsModuleOf(app, 'lms.djangoapp', 'common');
  };
  assert.equal(where('Built'), 'convention');
  assert.equal(where('Spread'), 'convention');
  assert.equal(where('PathByName'), 'convention');
  assert.equal(where('ProjectBuilt'), 'convention');
  assert.equal(where('UrlsOnly'), 'none');
  assert.equal(where('NotAPlugin'), 'none');
  assert.equal(apps.get('Built')?.pluginApp, 'unreadable');
});

const TREE: Record<string, string> = {
  'pyproject.toml': [
    '[project.entry-points."lms.djangoapp"]',
    'notes = "demo.notes.apps:NotesConfig"',
    'built = "demo.built.apps:BuiltConfig"',
    'missing = "demo.missing.apps:MissingConfig"',
    'lost = "demo.lost.apps:LostConfig"',
    'notes = "demo.notes_again.apps:AgainConfig"',
    '[project.entry-points."cms.djangoapp"]',
    'notes = "demo.notes.apps:NotesConfig"',
  ].join('\n'),
  'demo/notes/apps.py': CURRENT_STYLE,
  'demo/notes/settings/common.py': 'def plugin_settings(settings):\n    settings.NOTES = 1\n',
  'demo/notes/settings/__init__.py': '',
  'demo/built/apps.py': 'class BuiltConfig(AppConfig):\n    plugin_app = make()\n',
  'demo/built/settings/common.py': 'def plugin_settings(settings):\n    settings.BUILT = 1\n',
  'demo/lost/apps.py': "class LostConfig(AppConfig):\n    name = 'demo.lost'\n    plugin_app = {'settings_config': {'lms.djangoapp': {'common': {'relative_path': 'gone.common'}}}}\n",
};

test('discovery: entry points in order, one app per name, settings_config or convention; what cannot be followed is a problem', async () => {
  const files = await filesOf(TREE);
  const declared = declaredEntryPoints(files, 'demo-platform');
  assert.ok(declared);
  const found = pluginSettingsModules(declared, 'lms.djangoapp', 'common', files);
  assert.deepStrictEqual(found.modules, [
    { app: 'notes', group: 'lms.djangoapp', appName: 'demo.notes', file: 'demo/notes/settings/common.py', from: 'settings-config', appsFile: 'demo/notes/apps.py', package: 'demo-platform' },
    // No `name`: the package of its apps module.
    { app: 'built', group: 'lms.djangoapp', appName: 'demo.built', file: 'demo/built/settings/common.py', from: 'convention', appsFile: 'demo/built/apps.py', package: 'demo-platform' },
  ]);
  assert.deepStrictEqual(found.problems, [
    { code: 'import-not-found', message: 'plugin app `missing` (lms.djangoapp): `demo.missing.apps:MissingConfig` is not a module in these sources; its settings are not known', file: 'pyproject.toml', line: 4, column: 0 },
    { code: 'import-not-found', message: 'plugin app `lost` (lms.djangoapp): its common settings module `demo.lost.gone.common` is not in these sources', file: 'demo/lost/apps.py', line: 3, column: 0 },
  ]);
  // Production: notes names its module (absent here: a problem); built has none by convention (not a problem).
  const production = pluginSettingsModules(declared, 'lms.djangoapp', 'production', files);
  assert.deepStrictEqual(production.modules, []);
  assert.deepStrictEqual(production.problems.map((p) => [p.file, p.line, p.message]), [
    ['demo/notes/apps.py', 9, 'plugin app `notes` (lms.djangoapp): its production settings module `demo.notes.settings.production` is not in these sources'],
    ['pyproject.toml', 4, 'plugin app `missing` (lms.djangoapp): `demo.missing.apps:MissingConfig` is not a module in these sources; its settings are not known'],
  ]);
  // Studio's empty entry: the app's `settings` package.
  assert.deepStrictEqual(pluginSettingsModules(declared, 'cms.djangoapp', 'common', files).modules.map((m) => m.file), ['demo/notes/settings/__init__.py']);
});

test('discovery: pyproject.toml first, setup.py when it declares none; no packaging, no plugins', async () => {
  const setupOnly = await filesOf({ 'setup.py': 'setup(entry_points={"lms.djangoapp": ["a = demo.a.apps:AConfig"]})\n', 'pyproject.toml': '[project]\nname = "x"\n' });
  assert.deepStrictEqual(declaredEntryPoints(setupOnly, 'p'), { package: 'p', file: 'setup.py', entryPoints: [{ group: 'lms.djangoapp', name: 'a', value: 'demo.a.apps:AConfig', line: 1 }] });
  assert.equal(declaredEntryPoints(await filesOf({}), 'p'), undefined);
  assert.deepStrictEqual(sourcePluginHost('p').modules('lms.djangoapp', 'common', await filesOf({})), { modules: [], problems: [] });
});

test('given entry points (an installed package) come after the checkout\'s own, and never replace an app of the same name', async () => {
  const files = await filesOf({
    ...TREE,
    'ext/apps.py': "class ExtConfig(AppConfig):\n    name = 'ext'\n    plugin_app = {'settings_config': {'lms.djangoapp': {'common': {'relative_path': 'settings'}}}}\n",
    'ext/settings.py': 'def plugin_settings(settings):\n    settings.EXT = 1\n',
  });
  const host = sourcePluginHost('demo-platform', [
    { package: 'ext-plugin', version: '1.2.3', entryPoints: [
      { group: 'lms.djangoapp', name: 'ext', value: 'ext.apps:ExtConfig' },
      { group: 'lms.djangoapp', name: 'notes', value: 'ext.apps:ExtConfig' },
    ] },
  ]);
  const found = host.modules('lms.djangoapp', 'common', files);
  assert.deepStrictEqual(found.modules.map((m) => [m.app, m.file, m.package, m.version]), [
    ['notes', 'demo/notes/settings/common.py', 'demo-platform', undefined],
    ['built', 'demo/built/settings/common.py', 'demo-platform', undefined],
    ['ext', 'ext/settings.py', 'ext-plugin', '1.2.3'],
  ]);
});

