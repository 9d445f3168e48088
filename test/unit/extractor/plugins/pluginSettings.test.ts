/**
 * Plugin apps' `plugin_settings(settings)` read as settings modules, where the platform's
 * settings call `add_plugins`: every way a body sets or reads a setting, documentation in the
 * body, FEATURES through the proxy, `getattr` reads, the order against the settings modules, and
 * a production module's reads of the YAML (`ENV_TOKENS`) and overwrites after it is loaded.
 * In-memory sources in the current platform's style (the older style is the platform-legacy fixture).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Catalog } from '../../../../server/src/catalog/types';
import { COMPUTED, docs, extractSources, json, origins, problems, readers, roles, row, rows, unknown } from '../helpers';

const COMMON = 'lms/envs/common.py';
const PROD = 'lms/envs/production.py';
const APPS = 'lite/courses/apps.py';
const PLUGIN = 'lite/courses/settings/common.py';
const PLUGIN_PROD = 'lite/courses/settings/production.py';

const SOURCES: Record<string, string> = {
  [COMMON]: `from edx_django_utils.plugins import add_plugins
from openedx.core.djangoapps.plugins.constants import ProjectType, SettingsType
from openedx.core.lib.features_setting_proxy import FeaturesProxy

FEATURES = FeaturesProxy(globals())

PLATFORM_NAME = 'Plugins Lite'
INSTALLED_APPS = ['django.contrib.auth']
CACHES = {'default': {'BACKEND': 'locmem'}}
DEFAULT_PRIORITY_QUEUE = 'lite.default'
# Replaced by the courses plugin.
COURSE_PAGE_SIZE = 10

add_plugins(__name__, ProjectType.LMS, SettingsType.COMMON)

# Set after the plugins ran: this value wins.
COURSE_LIST_LIMIT = 500
`,
  [PROD]: `import os

import yaml

from .common import *

with open(os.environ['LMS_CFG'], encoding='utf-8') as f:
    _YAML_TOKENS = yaml.safe_load(f)
    vars().update(_YAML_TOKENS)

ENV_TOKENS = _YAML_TOKENS

add_plugins(__name__, ProjectType.LMS, SettingsType.PRODUCTION)
`,
  'pyproject.toml': `[project]
name = "plugins-lite"

[project.entry-points."lms.djangoapp"]
courses = "lite.courses.apps:CoursesConfig"
`,
  [APPS]: `from django.apps import AppConfig
from edx_django_utils.plugins import PluginSettings
from openedx.core.djangoapps.plugins.constants import ProjectType, SettingsType


class CoursesConfig(AppConfig):
    name = 'lite.courses'
    plugin_app = {
        PluginSettings.CONFIG: {
            ProjectType.LMS: {
                SettingsType.COMMON: {PluginSettings.RELATIVE_PATH: 'settings.common'},
                SettingsType.PRODUCTION: {PluginSettings.RELATIVE_PATH: 'settings.production'},
            },
        },
    }
`,
  [PLUGIN]: `"""Common settings of the courses plugin."""

COURSES_DEFAULT_ORG = 'LiteX'


def plugin_settings(settings):
    """Adds the courses app's settings."""
    # How many courses a page lists.
    settings.COURSE_PAGE_SIZE = 20
    settings.COURSE_LIST_LIMIT = 100
    # .. setting_name: settings.COURSES_ORG
    # .. setting_default: 'LiteX'
    # .. setting_description: The organisation new courses belong to.
    settings.COURSES_ORG = COURSES_DEFAULT_ORG
    settings.COURSE_LIMITS = {'per_org': 5}
    settings.INSTALLED_APPS.append('lite.courses')
    settings.CACHES.update({'courses': {'BACKEND': 'locmem'}})
    settings.FEATURES['ENABLE_COURSE_SHARING'] = True
    settings.FEATURES.update({
        # .. toggle_name: FEATURES['ENABLE_COURSE_RATINGS']
        # .. toggle_implementation: DjangoSetting
        # .. toggle_default: False
        # .. toggle_description: Lets learners rate courses.
        # .. toggle_use_cases: open_edx
        # .. toggle_creation_date: 2030-08-01
        'ENABLE_COURSE_RATINGS': False,
    })
    settings.COURSES_QUEUE = settings.DEFAULT_PRIORITY_QUEUE
    settings.COURSES_TIMEOUT = getattr(settings, 'COURSES_TIMEOUT', 30)
    if getattr(settings, 'PLATFORM_NAME', None):
        settings.COURSES_TITLE = 'Courses'
    LOCAL_LIMIT = 5
    settings.COURSES_LOCAL = LOCAL_LIMIT
    settings.lowercase_attribute = 1
`,
  [PLUGIN_PROD]: `"""Production settings of the courses plugin."""


def plugin_settings(settings):
    """Reads the courses app's settings from the YAML file."""
    settings.COURSE_PAGE_SIZE = settings.ENV_TOKENS.get('COURSE_PAGE_SIZE', settings.COURSE_PAGE_SIZE)
    # Always the courses queue in production.
    settings.COURSES_QUEUE = 'lite.courses'
    limits = dict(settings.COURSE_LIMITS)
    limits.update(settings.ENV_TOKENS.get('COURSE_LIMITS', {}))
    settings.COURSE_LIMITS = limits
    if settings.FEATURES['ENABLE_COURSE_SHARING']:
        settings.COURSES_SHARING_URL = settings.ENV_TOKENS.get('COURSES_SHARING_URL')
    # The newer ways: the YAML mapping itself, or the value the YAML file already set.
    settings.COURSES_MAX = settings._YAML_TOKENS.get('COURSES_MAX', 3)
    settings.COURSES_ARCHIVE = getattr(settings, 'COURSES_ARCHIVE', False)
`,
};

let cached: Promise<Catalog> | undefined;
function lms(): Promise<Catalog> {
  cached ??= extractSources(SOURCES, [PROD], { ida: 'lms', layout: 'platform', yamlModule: PROD });
  return cached;
}

test('every way a plugin body sets a setting, at its add_plugins call: values, edits, FEATURES through the proxy, getattr', async () => {
  assert.deepStrictEqual(rows(await lms()), [
    row('FEATURES', json(['object'])),
    row('PLATFORM_NAME', json(['string']), 'Plugins Lite'),
    // `.append` and `.update` on settings of common.py, in place.
    row('INSTALLED_APPS', json(['array']), ['django.contrib.auth', 'lite.courses']),
    row('CACHES', json(['object']), { default: { BACKEND: 'locmem' }, courses: { BACKEND: 'locmem' } }),
    row('DEFAULT_PRIORITY_QUEUE', json(['string']), 'lite.default'),
    // The plugin runs after this assignment: its value wins.
    row('COURSE_PAGE_SIZE', json(['integer']), 20),
    // The settings module sets it again after add_plugins: that value wins.
    row('COURSE_LIST_LIMIT', json(['integer']), 500),
    // The plugin module's own constant, read without `settings.`.
    row('COURSES_ORG', json(['string']), 'LiteX'),
    row('COURSE_LIMITS', json(['object']), { per_org: 5 }),
    // FEATURES['X'] = … and FEATURES.update({...}) set top-level settings under the proxy.
    row('ENABLE_COURSE_SHARING', json(['boolean']), true),
    row('ENABLE_COURSE_RATINGS', json(['boolean']), false),
    row('COURSES_QUEUE', json(['string']), 'lite.default'),
    // getattr(settings, 'COURSES_TIMEOUT', 30) where nothing set it: its default.
    row('COURSES_TIMEOUT', json(['integer']), 30),
    row('COURSES_TITLE', json(['string']), 'Courses'),
    // A local variable of the function is not a setting, and its value is not known here.
    row('COURSES_LOCAL', COMPUTED),
    row('ENV_TOKENS', COMPUTED),
    // Read only from the YAML file, under a condition, by the production plugin module.
    row('COURSES_SHARING_URL', unknown(true), null),
    // Read from the YAML mapping itself: typed by the fallback.
    row('COURSES_MAX', json(['integer'], false, 'yaml-usage'), 3),
    // getattr in production: the key may come from the YAML file, else the default.
    row('COURSES_ARCHIVE', json(['boolean']), false),
  ]);
});

test('origins are in the plugin module: the name after `settings.`; FEATURES.update keys at their key', async () => {
  const o = origins(await lms());
  assert.deepStrictEqual(
    Object.fromEntries(Object.entries(o).filter(([, where]) => where.startsWith('lite/'))),
    {
      COURSE_PAGE_SIZE: `${PLUGIN}:9:13`,
      COURSES_ORG: `${PLUGIN}:14:13`,
      COURSE_LIMITS: `${PLUGIN}:15:13`,
      ENABLE_COURSE_SHARING: `${PLUGIN}:18:4`,
      ENABLE_COURSE_RATINGS: `${PLUGIN}:26:8`,
      COURSES_QUEUE: `${PLUGIN}:28:13`,
      COURSES_TIMEOUT: `${PLUGIN}:29:13`,
      COURSES_TITLE: `${PLUGIN}:31:17`,
      COURSES_LOCAL: `${PLUGIN}:33:13`,
      COURSES_SHARING_URL: `${PLUGIN_PROD}:13:39`,
      COURSES_MAX: `${PLUGIN_PROD}:15:27`,
      COURSES_ARCHIVE: `${PLUGIN_PROD}:16:31`,
    },
  );
  assert.equal(o.COURSE_LIST_LIMIT, `${COMMON}:17:0`);
});

test('documentation in a plugin body: plain comments and annotations, as in a settings module', async () => {
  assert.deepStrictEqual(docs(await lms()), {
    COURSE_PAGE_SIZE: ['comment', 'How many courses a page lists.', 8],
    COURSE_LIST_LIMIT: ['comment', 'Set after the plugins ran: this value wins.', 16],
    COURSES_ORG: ['annotation', 'The organisation new courses belong to.', 11],
    ENABLE_COURSE_RATINGS: ['annotation', 'Lets learners rate courses.', 20],
    // As for `X = C.get('X', d)` in production.py: the comment above documents the key.
    COURSES_MAX: ['comment', 'The newer ways: the YAML mapping itself, or the value the YAML file already set.', 14],
  });
  // The same irregularity as in a settings module, reported the same way.
  assert.deepStrictEqual(problems(await lms()), [['annotation-malformed', PLUGIN, 11, 23]]);
  assert.equal((await lms()).problems[0].message, "settings.COURSES_ORG: name has a 'settings.' prefix");
});

test('production plugin modules run after the YAML is loaded: their reads of ENV_TOKENS, merges and overwrites name the plugin module', async () => {
  assert.deepStrictEqual(roles(await lms()), {
    COURSE_PAGE_SIZE: [{ kind: 'yaml-only', line: 6, file: PLUGIN_PROD }],
    // Assigned after the YAML is loaded, without reading it: a value in the file has no effect.
    COURSES_QUEUE: [{ kind: 'overwritten', line: 8, file: PLUGIN_PROD }],
    // `limits = dict(X); limits.update(ENV_TOKENS.get('X', {})); X = limits`.
    COURSE_LIMITS: [{ kind: 'merged', depth: 'shallow', line: 10, file: PLUGIN_PROD }],
    ENV_TOKENS: [{ kind: 'overwritten', line: 11, file: PROD }],
    COURSES_SHARING_URL: [
      { kind: 'conditional', condition: { kind: 'name', name: 'ENABLE_COURSE_SHARING' }, line: 13, file: PLUGIN_PROD },
      { kind: 'yaml-only', line: 13, file: PLUGIN_PROD },
    ],
    COURSES_MAX: [{ kind: 'yaml-only', line: 15, file: PLUGIN_PROD }],
    // COURSES_ARCHIVE = getattr(settings, 'COURSES_ARCHIVE', False) keeps the value: not overwritten.
  });
});

test('readers: every place a plugin body sets or reads a setting, and the files read, in order', async () => {
  const c = await lms();
  const p = 'openedx-platform';
  assert.deepStrictEqual(readers(c), {
    INSTALLED_APPS: [`${p} plugin ${PLUGIN}:16`],
    CACHES: [`${p} plugin ${PLUGIN}:17`],
    COURSE_PAGE_SIZE: [`${p} plugin ${PLUGIN}:9`, `${p} plugin ${PLUGIN_PROD}:6`],
    COURSE_LIST_LIMIT: [`${p} plugin ${PLUGIN}:10`],
    COURSES_ORG: [`${p} plugin ${PLUGIN}:14`],
    COURSE_LIMITS: [`${p} plugin ${PLUGIN}:15`, `${p} plugin ${PLUGIN_PROD}:11`],
    ENABLE_COURSE_SHARING: [`${p} plugin ${PLUGIN}:18`],
    ENABLE_COURSE_RATINGS: [`${p} plugin ${PLUGIN}:19`],
    COURSES_QUEUE: [`${p} plugin ${PLUGIN}:28`, `${p} plugin ${PLUGIN_PROD}:8`],
    COURSES_TIMEOUT: [`${p} getattr ${PLUGIN}:29`, `${p} plugin ${PLUGIN}:29`],
    PLATFORM_NAME: [`${p} getattr ${PLUGIN}:30`],
    COURSES_TITLE: [`${p} plugin ${PLUGIN}:31`],
    COURSES_LOCAL: [`${p} plugin ${PLUGIN}:33`],
    COURSES_SHARING_URL: [`${p} plugin ${PLUGIN_PROD}:13`],
    COURSES_MAX: [`${p} plugin ${PLUGIN_PROD}:15`],
    COURSES_ARCHIVE: [`${p} getattr ${PLUGIN_PROD}:16`, `${p} plugin ${PLUGIN_PROD}:16`],
  });
  assert.deepStrictEqual(c.files, [PROD, COMMON, 'pyproject.toml', APPS, PLUGIN, PLUGIN_PROD]);
});

test('without an add_plugins call (or outside the platform layout) plugin apps are not read', async () => {
  const noCall = { ...SOURCES, [COMMON]: SOURCES[COMMON].replace('add_plugins(__name__, ProjectType.LMS, SettingsType.COMMON)', '') };
  const c = await extractSources(noCall, [COMMON], { ida: 'lms', layout: 'platform' });
  assert.equal(c.settings.some((s) => s.name === 'COURSES_ORG'), false);
  assert.deepStrictEqual(c.files, [COMMON]);
  const ida = await extractSources(SOURCES, [COMMON], { ida: 'lms', layout: 'ida' });
  assert.equal(ida.settings.some((s) => s.name === 'COURSES_ORG'), false);
});

test('a plugin settings module without plugin_settings, or that cannot be read, is a problem; the others still run', async () => {
  const broken = { ...SOURCES, [PLUGIN]: 'SETTINGS = 1\n' };
  const c = await extractSources(broken, [PROD], { ida: 'lms', layout: 'platform', yamlModule: PROD });
  assert.deepStrictEqual(problems(c), [['layout-unknown', PLUGIN, 1, 0]]);
  const missing = { ...SOURCES };
  delete missing[PLUGIN];
  const m = await extractSources(missing, [PROD], { ida: 'lms', layout: 'platform', yamlModule: PROD });
  assert.deepStrictEqual(problems(m), [['import-not-found', APPS, 8, 0]]);
  assert.equal(c.problems[0].message, `${PLUGIN} (plugin app \`courses\`) defines no plugin_settings(settings) function; its settings are not known`);
  // The production module still ran.
  assert.deepStrictEqual(roles(c).COURSES_QUEUE, [{ kind: 'overwritten', line: 8, file: PLUGIN_PROD }]);
});

test('a plugin body that calls add_plugins itself is a cycle: reported, not run again', async () => {
  const cyclic = { ...SOURCES, [PLUGIN]: `${SOURCES[PLUGIN]}    add_plugins(__name__, ProjectType.LMS, SettingsType.COMMON)\n` };
  const c = await extractSources(cyclic, [PROD], { ida: 'lms', layout: 'platform', yamlModule: PROD });
  assert.deepStrictEqual(problems(c), [['import-cycle', PLUGIN, 35, 4], ['annotation-malformed', PLUGIN, 11, 23]]);
  assert.equal(c.problems[0].message, `plugin cycle: ${PLUGIN} → ${PLUGIN}; not run again`);
  assert.equal(rows(c).find((r) => r.name === 'COURSES_ORG')?.default, 'LiteX');
});
