/**
 * Getter classes (`SettingToggle('NAME', default=False)` in edx-toggles' shape, on classes we
 * write): the facts one module yields (reading method, constructor, bases, re-exports), and a
 * whole environment where another distribution's calls go through a package's re-export to a
 * class whose constructor is its base's, in a module the text filter would not parse.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArgumentFact, DefaultFact, GetterCallFact, GetterClass, HelperFact } from '../../../server/src/libraries/facts';
import { classReads, resolveHelper } from '../../../server/src/libraries/helperResolution';
import { scanEnvironment } from '../../../server/src/libraries/scanEnvironment';
import { removeAll, scanSource, tempFolder, wheel, writeFiles } from './sitePackages';

const folders: string[] = [];
after(() => removeAll(folders));

test('a module\'s getter classes: the reading method, the constructor and what it passes on, bases of the module; other classes left out', async () => {
  const scan = await scanSource(
    [
      'from django.conf import settings',
      'from .base import Root',
      'class Local(Root):',
      '    def __init__(self, label, fallback=0, *rest):',
      '        Root.__init__(self, label, 5, extra=fallback)',
      '        self.fallback = fallback',
      'class Flag(Local):',
      '    def enabled(self):',
      '        """Whether it is on."""',
      '        return bool(getattr(settings, self.label, self.fallback))',
      'class Keyed(Root):',
      "    def __init__(self, label, key, fallback=None, where=''):",
      '        super().__init__(label, fallback=fallback)',
      '        self.key = key',
      '    def enabled(self):',
      '        values = getattr(settings, self.label, {})',
      '        return values.get(self.key, self.fallback)',
      'class Plain:',
      '    def value(self):',
      '        return getattr(settings, self.label)',
      'class NotAGetter:',
      '    def value(self):',
      "        return getattr(self, 'label')",
      '',
    ].join('\n'),
    'kit/flags.py',
  );
  const unknown = { kind: 'unknown', types: [], nullable: true, from: 'none' };
  assert.deepEqual(scan.helpers, [
    { kind: 'class', name: 'kit.flags.Flag', bases: ['kit.flags.Local'], reader: { nameAttribute: 'label', default: { attribute: 'fallback' } } },
    {
      kind: 'class',
      name: 'kit.flags.Local',
      bases: ['kit.base.Root'],
      init: {
        parameters: [{ name: 'label' }, { name: 'fallback', default: { type: { kind: 'json', types: ['integer'], nullable: false, from: 'literal' }, value: 0, text: '0' } }],
        attributes: { fallback: 'fallback' },
        base: { args: [{ parameter: 'label' }, { value: { value: { type: { kind: 'json', types: ['integer'], nullable: false, from: 'literal' }, value: 5, text: '5' } } }], keywords: { extra: { parameter: 'fallback' } } },
      },
    },
    {
      kind: 'class',
      name: 'kit.flags.Keyed',
      bases: ['kit.base.Root'],
      init: {
        parameters: [{ name: 'label' }, { name: 'key' }, { name: 'fallback', default: { type: unknown, value: null, text: 'None' } }, { name: 'where', default: { type: { kind: 'json', types: ['string'], nullable: false, from: 'literal' }, value: '', text: "''" } }],
        attributes: { key: 'key' },
        base: { args: [{ parameter: 'label' }], keywords: { fallback: { parameter: 'fallback' } } },
      },
      reader: { nameAttribute: 'label', default: { value: { type: { kind: 'json', types: ['object'], nullable: false, from: 'literal' }, value: {}, text: '{}' } }, key: { attribute: 'key', default: { attribute: 'fallback' } } },
    },
    { kind: 'class', name: 'kit.flags.Plain', bases: [], reader: { nameAttribute: 'label' } },
  ]);
});

test('a package __init__ re-exports the names it imports from its own package, not others', async () => {
  const scan = await scanSource(
    ['from .internal.flags import Flag, Keyed as KeyedFlag', 'from kit.other import helper', 'from django.conf import settings', 'import kit.more', ''].join('\n'),
    'kit/toggles/__init__.py',
  );
  assert.deepEqual(scan.helpers, [
    { kind: 'alias', name: 'kit.toggles.Flag', target: 'kit.toggles.internal.flags.Flag' },
    { kind: 'alias', name: 'kit.toggles.KeyedFlag', target: 'kit.toggles.internal.flags.Keyed' },
    { kind: 'alias', name: 'kit.toggles.helper', target: 'kit.other.helper' },
  ]);
  const module = await scanSource('from .internal.flags import Flag\n', 'kit/toggles/api.py');
  assert.deepEqual(module.helpers, []);
});

/** The toggles distribution: a re-exporting `__init__` the filter defers, the classes, their base in a module without `setting`. */
const TOGGLE_KIT = wheel('toggle-kit', '2.0', {
  'togglekit/__init__.py': '',
  'togglekit/toggles/__init__.py': '"""Public toggles."""\nfrom .internal.setting_flags import SettingFlag, SettingDictFlag\n',
  'togglekit/toggles/internal/__init__.py': '',
  'togglekit/toggles/internal/base.py': "class BaseFlag:\n    def __init__(self, name, default=False, module_name=''):\n        self.name = name\n        self.default = default\n",
  'togglekit/toggles/internal/setting_flags.py': [
    'from django.conf import settings',
    'from .base import BaseFlag',
    'class SettingFlag(BaseFlag):',
    '    def is_enabled(self):',
    '        return bool(getattr(settings, self.name, self.default))',
    'class SettingDictFlag(BaseFlag):',
    "    def __init__(self, name, key, default=False, module_name=''):",
    '        super().__init__(name, default=default, module_name=module_name)',
    '        self.key = key',
    '    def is_enabled(self):',
    '        setting_dict = getattr(settings, self.name, {})',
    '        return bool(setting_dict.get(self.key, self.default))',
    '',
  ].join('\n'),
});

/** An app using the flags, through the package's names, without ever saying `settings` nor `django`. */
const APP = wheel('flag-app', '1.0', {
  'flagapp/__init__.py': '',
  'flagapp/toggles.py': [
    'from togglekit.toggles import SettingFlag, SettingDictFlag',
    "ON = SettingFlag('APP_FEATURE_ON', default=True, module_name=__name__)",
    "OFF = SettingFlag('APP_FEATURE_OFF')",
    "KEYED = SettingDictFlag('APP_FEATURES', 'USE_NEW', default=3)",
    "NOT_A_NAME = SettingFlag('lower', default=1)",
    '',
  ].join('\n'),
});

test('calls of getter classes across distributions: a re-export followed, the base\'s constructor read, a dict setting\'s key', async () => {
  const root = writeFiles(tempFolder('toggles'), { ...TOGGLE_KIT, ...APP });
  folders.push(root);
  const { catalog, stats } = await scanEnvironment(root);
  const rows = catalog.settings.map((s) => `${s.path.join('.')} | ${s.type.kind === 'json' ? s.type.types.join('|') : s.type.kind} | ${JSON.stringify(s.default)} | ${(s.readers ?? []).map((r) => `${r.package}:${r.file}:${r.line}:${r.how}`).join(' ')}`);
  assert.deepEqual(rows, [
    'APP_FEATURE_ON | boolean | true | flag-app:flagapp/toggles.py:2:getattr',
    'APP_FEATURE_OFF | boolean | false | flag-app:flagapp/toggles.py:3:getattr',
    'APP_FEATURES | object | {} | flag-app:flagapp/toggles.py:4:getattr',
    'APP_FEATURES.USE_NEW | integer | 3 | flag-app:flagapp/toggles.py:4:getattr',
  ]);
  assert.deepEqual(catalog.problems, []);
  // The app's module, the classes' module, the base's module and the deferred __init__.
  assert.deepEqual([stats.modulesParsed, stats.keys], [4, 3]);
});

test('resolution: re-export and base cycles end, a value passed to the base\'s constructor is the default, a name that is no literal reads nothing', () => {
  const bool = (value: boolean): DefaultFact => ({ type: { kind: 'json', types: ['boolean'], nullable: false, from: 'literal' }, value, text: value ? 'True' : 'False' });
  const helpers = new Map<string, HelperFact>(
    [
      { kind: 'alias', name: 'k.A', target: 'k.B' },
      { kind: 'alias', name: 'k.B', target: 'k.A' },
      { kind: 'class', name: 'k.Loop1', bases: ['k.Loop2'] },
      { kind: 'class', name: 'k.Loop2', bases: ['k.Loop1'] },
      { kind: 'class', name: 'k.Base', bases: [], init: { parameters: [{ name: 'name' }, { name: 'default', default: bool(false) }], attributes: { name: 'name', default: 'default' } } },
      { kind: 'class', name: 'k.On', bases: ['k.Base'], init: { parameters: [{ name: 'name' }], attributes: {}, base: { args: [{ parameter: 'name' }], keywords: { default: { value: { value: bool(true) } } } } }, reader: { nameAttribute: 'name', default: { attribute: 'default' } } },
    ].map((h): [string, HelperFact] => [h.name, h as HelperFact]),
  );
  assert.equal(resolveHelper('k.A', helpers), undefined);
  const call = (args: GetterCallFact['args']): GetterCallFact => ({ callee: 'k.On', args, keywords: {}, file: 'app.py', line: 3, column: 4 });
  const named: ArgumentFact = { string: 'APP_ON', value: { type: { kind: 'json', types: ['string'], nullable: false, from: 'literal' }, value: 'APP_ON', text: "'APP_ON'" } };
  assert.deepEqual(classReads(helpers.get('k.On') as GetterClass, call([named]), helpers), [{ path: ['APP_ON'], file: 'app.py', line: 3, column: 4, how: 'getattr', default: bool(true) }]);
  assert.deepEqual(classReads(helpers.get('k.On') as GetterClass, call([{ value: { type: { kind: 'computed', types: [], nullable: false, from: 'none' }, text: 'name' } }]), helpers), []);
  assert.deepEqual(classReads(helpers.get('k.Loop1') as GetterClass, call([named]), helpers), []);
});
