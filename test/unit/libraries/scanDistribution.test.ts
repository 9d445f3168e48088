/**
 * One distribution's scan: which modules the text filter keeps, which it defers, and defaults
 * imported from another module of the same distribution (and not from another one).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SCAN_LIMITS } from '../../../server/src/libraries/limits';
import { mayReadSettings, scanDistribution } from '../../../server/src/libraries/scanDistribution';
import { getPythonParser } from '../../../server/src/python/parser';
import { removeAll, tempFolder, writeFiles } from './sitePackages';

const folders: string[] = [];
after(() => removeAll(folders));

test('the text filter: `setting` or `Setting`, and `django` or a call with a setting-like first argument', () => {
  const cases: [string, boolean][] = [
    ['from django.conf import settings', true],
    ["x = setting('AWS_LOCATION')", true],
    ["x = setting_name ('USER_MODEL', 'x')", true],
    ["x = setting_name('USER_MODEL')", true],
    ['def setting_name(*names): return "_".join(names)', false],
    ["import django\nx = get('NAME')", false],
    ["x = get('NAME')", false],
    ["x = SettingToggle('NAME', default=False)", true],
    ['class Setting: pass', false],
  ];
  assert.deepEqual(
    cases.map(([text]) => mayReadSettings(Buffer.from(text))),
    cases.map(([, expected]) => expected),
  );
});

test('defaults and setting names imported from the same distribution are looked up there; modules left out by the filter are deferred', async () => {
  const root = tempFolder('onedist');
  folders.push(root);
  writeFiles(root, {
    'kit/__init__.py': '',
    'kit/defaults.py': "HEADERS = ('accept', 'origin')\nNOT_LITERAL = compute()\nNAME_SETTING = 'KIT_NAMED'\nNOT_A_NAME = 'lower'\n",
    'kit/conf.py': "from django.conf import settings\nfrom .defaults import HEADERS, NOT_LITERAL, NAME_SETTING, NOT_A_NAME\nfrom other.defaults import ELSEWHERE\nA = getattr(settings, 'KIT_HEADERS', HEADERS)\nB = getattr(settings, 'KIT_COMPUTED', NOT_LITERAL)\nC = getattr(settings, 'KIT_ELSEWHERE', ELSEWHERE)\nD = getattr(settings, NAME_SETTING, 2)\nE = getattr(settings, NOT_A_NAME)\nF = getattr(settings, ELSEWHERE)\n",
    'kit/names.py': "PREFIX = 'KIT'\ndef setting_name(*names):\n    return '_'.join((PREFIX,) + names)\n",
    'other/defaults.py': "ELSEWHERE = 1\n",
  });
  const facts = await scanDistribution(root, ['kit/__init__.py', 'kit/conf.py', 'kit/defaults.py', 'kit/names.py'], { parser: await getPythonParser(), limits: DEFAULT_SCAN_LIMITS });
  assert.deepEqual(
    facts.reads.map((r) => [r.path[0], r.default?.value ?? null, r.default?.text, r.default?.type.kind, r.default?.ref ?? null]),
    [
      ['KIT_HEADERS', ['accept', 'origin'], 'HEADERS', 'json', null],
      ['KIT_COMPUTED', null, 'NOT_LITERAL', 'computed', null],
      ['KIT_ELSEWHERE', null, 'ELSEWHERE', 'computed', null],
      ['KIT_NAMED', 2, '2', 'json', null],
    ],
  );
  assert.deepEqual(facts.deferred, ['kit/names.py']);
  // conf.py, then defaults.py parsed once to resolve the references.
  assert.deepEqual([facts.walked, facts.parsed, facts.problems], [4, 2, []]);
});
