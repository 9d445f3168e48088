/**
 * The reads one library module makes of Django's settings, construct by construct, on modules we
 * write: what counts as the settings object, reads against stores, keys of dict settings,
 * defaults dicts, defaults, helper calls kept for later, and what is not a read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReadFact } from '../../../server/src/libraries/facts';
import { scanSource } from './sitePackages';

/** Reads as `path how line` strings, plus the default's value (or its text when it has none). */
function brief(reads: readonly ReadFact[]): string[] {
  return reads.map((r) => {
    const d = r.default === undefined ? '' : r.default.value !== undefined ? ` = ${JSON.stringify(r.default.value)}` : ` ~ ${r.default.text}`;
    return `${r.path.join('.')} ${r.how} ${r.line}${d}`;
  });
}

test('getattr, hasattr and attribute reads of the settings object, under every name it is bound to', async () => {
  const scan = await scanSource(
    [
      'from django.conf import settings',
      'import django.conf',
      'from django import conf',
      'def f():',
      '    from django.conf import settings as s',
      "    return s.LOCAL_NAME, getattr(settings, 'WITH_DEFAULT', 3), hasattr(settings, 'CHECKED')",
      'A = django.conf.settings.DOTTED',
      'B = conf.settings.THROUGH_CONF',
      "C = getattr(settings, 'NO_DEFAULT')",
      'D = settings.DEBUG and settings.lowercase_is_not_a_setting',
      '',
    ].join('\n'),
  );
  assert.deepEqual(brief(scan.reads), [
    'LOCAL_NAME attribute 6',
    'WITH_DEFAULT getattr 6 = 3',
    'CHECKED getattr 6',
    'DOTTED attribute 7',
    'THROUGH_CONF attribute 8',
    'NO_DEFAULT getattr 9',
    'DEBUG attribute 10',
  ]);
  assert.deepEqual(scan.reads[1], { path: ['WITH_DEFAULT'], file: 'pkg/mod.py', line: 6, column: 25, how: 'getattr', default: { type: { kind: 'json', types: ['integer'], nullable: false, from: 'literal' }, value: 3, text: '3' } });
  assert.deepEqual(scan.problems, []);
});

test('stores, deletions, other objects and parameters named settings are not reads', async () => {
  const scan = await scanSource(
    [
      'from django.conf import settings',
      'settings.STORED = 1',
      'a, settings.IN_TUPLE = 1, 2',
      'settings.AUGMENTED += 1',
      'del settings.DELETED',
      'for settings.LOOPED in []: pass',
      'def configure(settings):',
      '    settings.PARAMETER_SETS = settings.PARAMETER_READS',
      'lambda settings: settings.LAMBDA_PARAMETER',
      "getattr(other, 'OTHER_OBJECT')",
      'other.settings.NOT_DJANGO',
      'READ = settings.READ',
      '',
    ].join('\n'),
  );
  assert.deepEqual(brief(scan.reads), ['READ attribute 12']);
});

test('a module that never binds the settings object reads nothing', async () => {
  const scan = await scanSource("settings = load()\nX = settings.NOT_DJANGO + getattr(settings, 'NOR_THIS')\n");
  assert.deepEqual(scan.reads, []);
});

test('keys of dict settings: subscripts and .get on a read, with the default .get states', async () => {
  const scan = await scanSource(
    [
      'from django.conf import settings',
      "ISSUERS = settings.JWT_AUTH.get('JWT_ISSUERS', None)",
      "KEY = settings.JWT_AUTH['JWT_SECRET_KEY']",
      "EXTRA = getattr(settings, 'EXTRA_CONFIG', {}).get('TIMEOUT', 30)",
      "LOWER = settings.CACHES['default']",
      '',
    ].join('\n'),
  );
  assert.deepEqual(brief(scan.reads), [
    'JWT_AUTH attribute 2',
    'JWT_AUTH.JWT_ISSUERS attribute 2 = null',
    'JWT_AUTH attribute 3',
    'JWT_AUTH.JWT_SECRET_KEY attribute 3',
    'EXTRA_CONFIG getattr 4 = {}',
    'EXTRA_CONFIG.TIMEOUT getattr 4 = 30',
    'CACHES attribute 5',
  ]);
});

test('defaults: module constants of any case, a settings read as default, an imported name left as a reference', async () => {
  const scan = await scanSource(
    [
      'from django.conf import settings',
      'from .defaults import default_methods',
      "default_headers = ('accept', 'origin')",
      'TIMEOUT = 10',
      'DOUBLE = TIMEOUT * 2',
      "A = getattr(settings, 'HEADERS', default_headers)",
      "B = getattr(settings, 'WAIT', DOUBLE)",
      "C = getattr(settings, 'NEW_NAME', getattr(settings, 'OLD_NAME', False))",
      "D = getattr(settings, 'METHODS', default_methods)",
      "E = getattr(settings, 'COMPUTED', compute())",
      "F = getattr(settings, 'LIST', [TIMEOUT, 'x'])",
      '',
    ].join('\n'),
    'corsheaders/conf.py',
  );
  assert.deepEqual(brief(scan.reads), [
    'HEADERS getattr 6 = ["accept","origin"]',
    'WAIT getattr 7 = 20',
    'NEW_NAME getattr 8 = false',
    'OLD_NAME getattr 8 = false',
    'METHODS getattr 9 ~ default_methods',
    'COMPUTED getattr 10 ~ compute()',
    'LIST getattr 11 = [10,"x"]',
  ]);
  assert.equal(scan.reads[4].default?.ref, 'corsheaders.defaults.default_methods');
  assert.deepEqual(scan.reads[5].default?.type, { kind: 'computed', types: [], nullable: false, from: 'none' });
});

test('a defaults dict merged by a class and the module-level instance (the DRF shape)', async () => {
  const scan = await scanSource(
    [
      'from django.conf import settings',
      'DEFAULTS = {',
      "    'PAGE_SIZE': None,",
      "    'RENDERERS': ['json'],",
      "    'lower_case': 1,",
      '}',
      'class AppSettings:',
      '    def __init__(self, user=None, defaults=None):',
      '        self.defaults = defaults or DEFAULTS',
      '    @property',
      '    def user_settings(self):',
      "        return getattr(settings, 'MY_FRAMEWORK', {})",
      'app_settings = AppSettings(None, DEFAULTS)',
      '',
    ].join('\n'),
  );
  assert.deepEqual(brief(scan.reads), ['MY_FRAMEWORK.PAGE_SIZE defaults 3 = null', 'MY_FRAMEWORK.RENDERERS defaults 4 = ["json"]', 'MY_FRAMEWORK getattr 12 = {}']);
});

test('a defaults dict merged with a module-level name bound to the read (the drf-jwt shape) and in one function', async () => {
  const scan = await scanSource(
    [
      'from django.conf import settings',
      'from somewhere import Settings',
      "USER = getattr(settings, 'TOKEN_AUTH', None)",
      "TOKEN_DEFAULTS = {'TOKEN_TTL': 300, 'TOKEN_ISSUER': 'me'}",
      'token_settings = Settings(USER, TOKEN_DEFAULTS)',
      "EXT_DEFAULTS = dict(EXT_FLAG=True)",
      'def get_setting(name):',
      '    try:',
      "        return getattr(settings, 'EXTENSIONS', {})[name]",
      '    except KeyError:',
      '        return EXT_DEFAULTS[name]',
      '',
    ].join('\n'),
  );
  assert.deepEqual(brief(scan.reads), [
    'TOKEN_AUTH getattr 3 = null',
    'TOKEN_AUTH.TOKEN_TTL defaults 4 = 300',
    'TOKEN_AUTH.TOKEN_ISSUER defaults 4 = "me"',
    'EXTENSIONS.EXT_FLAG defaults 6 = true',
    'EXTENSIONS getattr 9 = {}',
  ]);
});

test('a defaults dict holding a settings read, merged by a module subclass whose property reads the setting with a dict default', async () => {
  const scan = await scanSource(
    [
      'from django.conf import settings',
      'from base.settings import BaseSettings',
      "USER_SETTINGS = getattr(settings, 'TOKEN_AUTH', None)",
      'DEFAULTS = {',
      "    'TOKEN_SECRET': settings.SECRET_KEY,",
      "    'TOKEN_TTL': 300,",
      '}',
      'class TokenSettings(BaseSettings):',
      '    @property',
      '    def user_settings(self):',
      "        return getattr(settings, 'TOKEN_AUTH', {})",
      'token_settings = TokenSettings(USER_SETTINGS, DEFAULTS)',
      '',
    ].join('\n'),
  );
  assert.deepEqual(brief(scan.reads), [
    'TOKEN_AUTH getattr 3 = null',
    'TOKEN_AUTH.TOKEN_SECRET defaults 5 ~ settings.SECRET_KEY',
    'SECRET_KEY attribute 5',
    'TOKEN_AUTH.TOKEN_TTL defaults 6 = 300',
    'TOKEN_AUTH getattr 11 = {}',
  ]);
  assert.deepEqual(scan.reads[1].default?.type, { kind: 'unknown', types: [], nullable: false, from: 'none' });
});

test('no pairing without a merge: a dict returned beside reads, or a translation table in a function calling one that reads a mapping', async () => {
  const scan = await scanSource(
    [
      'from django.conf import settings',
      "OPTIONS = {'LEVEL': 1}",
      "RENAMES = {'SITE_NAME': 'siteName', 'BASE_URL': 'baseUrl'}",
      'class Both:',
      '    def a(self):',
      '        return settings.FIRST, OPTIONS',
      'def legacy():',
      "    return {'sorting': settings.FEATURES['SORTING']}",
      'def translate(config):',
      '    out = legacy()',
      '    for key, value in config.items():',
      '        if key in RENAMES:',
      '            out[RENAMES[key]] = value',
      '    return out',
      '',
    ].join('\n'),
  );
  assert.deepEqual(brief(scan.reads), ['FIRST attribute 6', 'FEATURES attribute 8', 'FEATURES.SORTING attribute 8']);
});

test('merges that pair: dict splats, a method of the dict, a setting\'s .get falling back to the dict, a dict passed to a reading function', async () => {
  const scan = await scanSource(
    [
      'from django.conf import settings',
      "SPLAT = {'S_KEY': 1}",
      "UPDATED = {'U_KEY': 2}",
      "FALLBACK = {'F_KEY': 3}",
      "PASSED = {'P_KEY': 4}",
      "A = {**SPLAT, **getattr(settings, 'SPLATTED', {})}",
      'B = UPDATED.copy()',
      "UPDATED.update(getattr(settings, 'UPDATING', {}))",
      'def value(name):',
      "    return settings.FALLING.get(name, FALLBACK[name])",
      'def merged(defaults):',
      "    return {**defaults, **getattr(settings, 'PASSING_TO', {}), 'x': settings.OTHER}",
      'C = merged(PASSED)',
      '',
    ].join('\n'),
  );
  assert.deepEqual(brief(scan.reads), [
    'SPLATTED.S_KEY defaults 2 = 1',
    'UPDATING.U_KEY defaults 3 = 2',
    'FALLING.F_KEY defaults 4 = 3',
    'PASSING_TO.P_KEY defaults 5 = 4',
    'SPLATTED getattr 6 = {}',
    'UPDATING getattr 8 = {}',
    'FALLING attribute 10',
    'PASSING_TO getattr 12 = {}',
    'OTHER attribute 12',
  ]);
});

test('helper calls with a setting-like first argument are kept with their arguments; getattr with a built name too', async () => {
  const scan = await scanSource(
    [
      'from django.conf import settings',
      'from storages.utils import setting',
      'from social_core.utils import setting_name as sn',
      'import pkg.tools as tools',
      "A = setting('AWS_LOCATION', '')",
      "B = tools.lookup('TOOL_KEY', default=5)",
      "C = setting('lowercase')",
      "D = unknown('NOT_BOUND')",
      "E = getattr(settings, sn('USER_MODEL'), None)",
      "F = getattr(settings, sn(variable))",
      '',
    ].join('\n'),
    'storages/backends/s3.py',
  );
  assert.deepEqual(
    scan.getterCalls.map((c) => [c.callee, c.args.map((a) => a.string ?? a.value.text), Object.keys(c.keywords), c.line]),
    [
      ['storages.utils.setting', ['AWS_LOCATION', ''], [], 5],
      ['pkg.tools.lookup', ['TOOL_KEY'], ['default'], 6],
      // Kept too: whether `sn` is a getter is known only once every distribution is scanned.
      ['social_core.utils.setting_name', ['USER_MODEL'], [], 9],
    ],
  );
  assert.equal(scan.getterCalls[1].keywords.default.value.value, 5);
  assert.deepEqual(scan.builtNameReads, [{ callee: 'social_core.utils.setting_name', args: ['USER_MODEL'], file: 'storages/backends/s3.py', line: 9, column: 4, default: { type: { kind: 'unknown', types: [], nullable: true, from: 'none' }, value: null, text: 'None' } }]);
});

test('relative imports resolve against the module: a package __init__ is the package', async () => {
  const inPackage = await scanSource("from .utils import setting\nX = setting('A_NAME')\n", 'storages/__init__.py');
  const inModule = await scanSource("from ..utils import setting\nX = setting('A_NAME')\n", 'storages/backends/s3.py');
  assert.deepEqual([inPackage.getterCalls[0].callee, inModule.getterCalls[0].callee], ['storages.utils.setting', 'storages.utils.setting']);
});

test('helpers found by shape: getters and name builders', async () => {
  const scan = await scanSource(
    [
      'from django.conf import settings',
      "PREFIX = 'SOCIAL_AUTH'",
      'def setting(name, default=None):',
      '    """Docstring."""',
      '    return getattr(settings, name, default)',
      'def strict(name):',
      '    return getattr(settings, name, 7)',
      'def joined(*names):',
      "    return '_'.join([n.upper().replace('-', '_') for n in names if n])",
      'def setting_name(*names):',
      '    return joined(*((PREFIX,) + names))',
      'def prefixed(name):',
      "    return f'{PREFIX}_{name}'",
      'def not_a_helper(name):',
      '    x = 1',
      '    return getattr(settings, name)',
      '',
    ].join('\n'),
    'social/utils.py',
  );
  assert.deepEqual(scan.helpers, [
    { kind: 'getter', name: 'social.utils.setting', nameParameter: 0, defaultParameter: { index: 1, name: 'default', default: { type: { kind: 'unknown', types: [], nullable: true, from: 'none' }, value: null, text: 'None' } } },
    { kind: 'getter', name: 'social.utils.strict', nameParameter: 0, fixedDefault: { type: { kind: 'json', types: ['integer'], nullable: false, from: 'literal' }, value: 7, text: '7' } },
    { kind: 'name', name: 'social.utils.joined', parts: [{ argument: 0, rest: true, separator: '_', upper: true }] },
    { kind: 'name', name: 'social.utils.setting_name', parts: [{ text: 'SOCIAL_AUTH' }, { text: '_' }, { argument: 0, rest: true, separator: '_', upper: true }] },
    { kind: 'name', name: 'social.utils.prefixed', parts: [{ text: 'SOCIAL_AUTH' }, { text: '_' }, { argument: 0, rest: false, separator: '', upper: false }] },
  ]);
});

test('a syntax error is one problem, with its position and no source text; the rest of the tree is read', async () => {
  const scan = await scanSource("from django.conf import settings\ndef broken(token='hunter2':\n    pass\nX = settings.AFTER_ERROR\n");
  assert.deepEqual(brief(scan.reads), ['AFTER_ERROR attribute 4']);
  assert.deepEqual(scan.problems, [{ code: 'syntax-error', message: 'Python syntax error at line 2, column 27; reads in the damaged part may be missed', file: 'pkg/mod.py', line: 2, column: 26 }]);
});

test('reads past the bound of a module are not kept, and one problem says so', async () => {
  const source = `from django.conf import settings\n${Array.from({ length: 12 }, (_, i) => `A${i} = settings.KEY_${i}`).join('\n')}\n`;
  const scan = await scanSource(source, 'pkg/many.py', 10);
  assert.equal(scan.reads.length, 10);
  assert.deepEqual(scan.problems, [{ code: 'limit-reached', message: 'more than 10 settings reads in this module; the others were not kept', file: 'pkg/many.py', line: 12, column: 6 }]);
});

test('setting names held in constants: of the module, of the class through self, cls or its name; an imported one kept for the distribution; parameters are no constants', async () => {
  const scan = await scanSource(
    [
      'from django.conf import settings',
      'from .names import IMPORTED_SETTING',
      "TIMEOUT_SETTING = 'KIT_TIMEOUT'",
      'ALIAS_SETTING = TIMEOUT_SETTING',
      "lower_setting = 'not_a_name'",
      'A = getattr(settings, TIMEOUT_SETTING, 5)',
      'B = getattr(settings, ALIAS_SETTING)',
      'C = getattr(settings, lower_setting, None)',
      'class Channel:',
      "    KEY_SETTING = 'KIT_API_KEY'",
      "    MAP_SETTING = 'KIT_CAMPAIGNS'",
      '    def key(self):',
      '        return getattr(settings, self.KEY_SETTING)',
      '    @classmethod',
      '    def campaign(cls, name):',
      "        return getattr(settings, cls.MAP_SETTING, {}).get('WELCOME')",
      '    def nested(self):',
      '        def inner(other):',
      '            return getattr(settings, other.KEY_SETTING)',
      '        return inner',
      'D = getattr(settings, Channel.KEY_SETTING, None)',
      'def lookup(TIMEOUT_SETTING):',
      '    return getattr(settings, TIMEOUT_SETTING)',
      "E = getattr(settings, IMPORTED_SETTING, 'x')",
      '',
    ].join('\n'),
  );
  assert.deepEqual(brief(scan.reads), [
    'KIT_TIMEOUT getattr 6 = 5',
    'KIT_TIMEOUT getattr 7',
    'KIT_API_KEY getattr 13',
    'KIT_CAMPAIGNS getattr 16 = {}',
    'KIT_CAMPAIGNS.WELCOME getattr 16',
    'KIT_API_KEY getattr 21 = null',
  ]);
  assert.deepEqual(
    scan.namedByReference.map((n) => [n.ref, n.read.line, n.read.default?.value]),
    [['pkg.names.IMPORTED_SETTING', 24, 'x']],
  );
});

test("a comment block right above a module's or a class's assignment of a read is the read's documentation; elsewhere it is not", async () => {
  const scan = await scanSource(
    [
      'from django.conf import settings',
      '',
      '# Seconds a browser may cache',
      '# a preflight answer.',
      "MAX_AGE = getattr(settings, 'KIT_MAX_AGE', 86400)",
      '# A comment on a dict of several settings.',
      "BOTH = {'a': settings.KIT_A, 'b': settings.KIT_B}",
      '# Not adjacent.',
      '',
      "FAR = getattr(settings, 'KIT_FAR', 1)",
      'class Conf:',
      '    # Where uploads go.',
      "    ROOT = settings.KIT_ROOT",
      'def run():',
      '    # Explains code, not the setting.',
      "    limit = getattr(settings, 'KIT_LIMIT', 3)",
      '',
    ].join('\n'),
  );
  assert.deepEqual(
    scan.reads.map((r) => [r.path.join('.'), r.doc ?? null]),
    [
      ['KIT_MAX_AGE', { text: 'Seconds a browser may cache\na preflight answer.', line: 3 }],
      ['KIT_A', null],
      ['KIT_B', null],
      ['KIT_FAR', null],
      ['KIT_ROOT', { text: 'Where uploads go.', line: 12 }],
      ['KIT_LIMIT', null],
    ],
  );
});
