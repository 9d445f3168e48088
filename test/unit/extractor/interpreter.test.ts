/**
 * How statements change settings: in-place edits, module-level conditions, chained and
 * unpacking assignments, hints, star-imports. Each case is a small in-memory module.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Catalog } from '../../../server/src/catalog/types';
import { assignSlice } from '../../../server/src/extractor/mutations';
import { chainRuns, pythonTruth } from '../../../server/src/extractor/conditions';
import { COMPUTED, docs, extractSources, json, origins, problems, row, rows, setting } from './helpers';

async function run(...lines: string[]): Promise<Catalog> {
  return extractSources({ 'm.py': lines.join('\n') + '\n' }, ['m.py']);
}

test('in-place edits of literal lists are applied as Python would', async () => {
  const c = await run(
    "APPS = ['a', 'b']",
    "APPS += ['c']",
    "APPS.append('d')",
    "APPS.insert(0, 'z')",
    "APPS.remove('b')",
    "APPS.extend(('e',))",
    "APPS[0] = 'y'",
    "APPS[-1] = 'last'",
  );
  assert.deepStrictEqual(rows(c), [row('APPS', json(['array']), ['y', 'a', 'c', 'd', 'last'])]);
  assert.equal(
    setting(c, 'APPS').defaultText,
    "['a', 'b']  # then: APPS += ['c']  # then: APPS.append('d')  # then: APPS.insert(0, 'z')  # then: APPS.remove('b')  # then: APPS.extend(('e',))  # then: APPS[0] = 'y'  # then: APPS[-1] = 'last'",
  );
});

test('slice assignment with Python bounds', () => {
  const list = ['a', 'b', 'c'];
  assert.deepStrictEqual(assignSlice(list, '0:0', ['x']), ['x', 'a', 'b', 'c']);
  assert.deepStrictEqual(assignSlice(list, ':0', ['x']), ['x', 'a', 'b', 'c']);
  assert.deepStrictEqual(assignSlice(list, '1:', []), ['a']);
  assert.deepStrictEqual(assignSlice(list, '-1:', ['z']), ['a', 'b', 'z']);
  assert.deepStrictEqual(assignSlice(list, ':', []), []);
  assert.deepStrictEqual(assignSlice(list, '2:1', ['m']), ['a', 'b', 'm', 'c']);
  assert.deepStrictEqual(assignSlice(list, '10:20', ['end']), ['a', 'b', 'c', 'end']);
  assert.deepStrictEqual(assignSlice(list, '-10:1', ['s']), ['s', 'b', 'c']);
  assert.equal(assignSlice(list, '::2', ['a']), undefined);
  assert.equal(assignSlice(list, 'i:j', ['a']), undefined);
});

test('in-place edits of literal dicts: update, |=, subscript assignment at any depth', async () => {
  const c = await run(
    "CACHES = {'default': {'BACKEND': 'locmem'}}",
    "CACHES.update({'other': {}})",
    "CACHES['default']['TIMEOUT'] = 60",
    "CACHES['new'] = {'BACKEND': 'dummy'}",
    "JWT = {'A': 1}",
    "JWT |= {'B': 2}",
  );
  assert.deepStrictEqual(rows(c), [
    row('CACHES', json(['object']), { default: { BACKEND: 'locmem', TIMEOUT: 60 }, other: {}, new: { BACKEND: 'dummy' } }),
    row('JWT', json(['object']), { A: 1, B: 2 }),
  ]);
});

test('an edit we cannot follow leaves the type but no default; edits of unknown names define nothing', async () => {
  const c = await run(
    "A = ['x']",
    'A += helper()',
    "B = {'k': []}",
    "B['k'].append(1)",
    "C = ['x']",
    'C.pop()',
    "D = {'a': {}}",
    "D['missing']['deep'] = 1",
    'E = [1, 2]',
    'E[5] = 3',
    "UNDEFINED.append('x')",
    "UNDEFINED2['k'] = 1",
  );
  assert.deepStrictEqual(rows(c), [row('A', json(['array'])), row('B', json(['object'])), row('C', json(['array'])), row('D', json(['object'])), row('E', json(['array']))]);
  assert.equal(setting(c, 'A').defaultText, "['x']  # then: A += helper()");
});

test('module-level conditions on literal settings are decided as Python would decide them', async () => {
  const c = await run(
    'DEBUG = False',
    "MIDDLEWARE = ['a']",
    "MODE = 'prod'",
    'if DEBUG:',
    "    MIDDLEWARE.append('debug')",
    "    MODE = 'debug'",
    "    DEBUG_ONLY = 'x'",
    'if not DEBUG:',
    "    MIDDLEWARE.append('prod')",
    'if DEBUG or MODE:',
    "    MIDDLEWARE.append('either')",
    'if DEBUG and unknown():',
    "    MIDDLEWARE.append('never')",
    'if DEBUG:',
    "    MIDDLEWARE.append('no')",
    'elif MODE:',
    "    MIDDLEWARE.append('elif')",
    'else:',
    "    MIDDLEWARE.append('else')",
  );
  assert.deepStrictEqual(rows(c), [
    row('DEBUG', json(['boolean']), false),
    row('MIDDLEWARE', json(['array']), ['a', 'prod', 'either', 'elif']),
    // A branch that does not run replaces nothing, but the names it defines exist.
    row('MODE', json(['string']), 'prod'),
    row('DEBUG_ONLY', json(['string']), 'x'),
  ]);
});

test('a loop may run any number of times: edits inside it leave no literal default', async () => {
  const c = await run(
    "APPS = ['a']",
    'for extra in EXTRAS:',
    '    APPS.append(extra)',
    "OTHER = ['b']",
    'while False:',
    "    OTHER.append('c')",
    'for extra in []:',
    "    OTHER.append('d')",
  );
  // A loop over nothing, or while a false condition, never runs.
  assert.deepStrictEqual(rows(c), [row('APPS', json(['array'])), row('OTHER', json(['array']), ['b'])]);
});

test('conditions that cannot be decided: edits leave no literal default, assignments still define', async () => {
  const c = await run(
    "APPS = ['a']",
    "if os.environ.get('X'):",
    "    APPS.append('b')",
    "    LEVEL = 'debug'",
    'else:',
    "    LEVEL = 'info'",
    "if 'c' in APPS:",
    "    FEATURES = {'A': 1}",
  );
  assert.deepStrictEqual(rows(c), [
    row('APPS', json(['array'])),
    // Both branches assign; the later one is kept, as a file read top to bottom suggests.
    row('LEVEL', json(['string']), 'info'),
    row('FEATURES', json(['object']), { A: 1 }),
  ]);
});

test('FeaturesProxy: FEATURES[X] writes the top-level setting, also from a branch that does not run when X is new', async () => {
  const c = await run(
    'FEATURES = FeaturesProxy(globals())',
    'ENABLE_A = False',
    "FEATURES['ENABLE_A'] = True",
    "FEATURES['ENABLE_B'] = 5",
    'if ENABLE_A and False:',
    "    FEATURES['ENABLE_A'] = 'no'",
    "    FEATURES['ENABLE_C'] = 'new'",
  );
  assert.deepStrictEqual(rows(c), [
    row('FEATURES', json(['object'])),
    row('ENABLE_A', json(['boolean']), true),
    row('ENABLE_B', json(['integer']), 5),
    row('ENABLE_C', json(['string']), 'new'),
  ]);
});

test('chained, unpacking, hinted and bare assignments', async () => {
  const c = await run(
    'A = B = 3',
    "C, D = 1, 'two'",
    'E, F = helper()',
    'G: int = helper()',
    'H: str | None = None',
    'I: list[str]',
    'J = 5',
    'J: str',
    'K = A',
    'lower_helper = 1',
    '_private = 2',
    'def func():',
    '    INSIDE_FUNCTION = 1',
    'class Conf:',
    '    INSIDE_CLASS = 1',
    'for name in NAMES:',
    '    IN_LOOP = 1',
    'else:',
    '    AFTER_LOOP = 1',
    'try:',
    '    IN_TRY = 1',
    'except ImportError:',
    '    IN_EXCEPT = 2',
    'finally:',
    '    IN_FINALLY = 3',
    'with ctx():',
    '    IN_WITH = 4',
  );
  assert.deepStrictEqual(rows(c), [
    row('A', json(['integer']), 3),
    row('B', json(['integer']), 3),
    row('C', json(['integer']), 1),
    row('D', json(['string']), 'two'),
    row('E', COMPUTED),
    row('F', COMPUTED),
    row('G', json(['integer'], false, 'hint')),
    row('H', json(['string'], true, 'hint'), null),
    row('I', json(['array'], false, 'hint')),
    // A later bare hint does not undo a literal.
    row('J', json(['integer']), 5),
    // An alias takes the aliased setting's type and literal.
    row('K', json(['integer']), 3),
    // A loop body may run: what it defines exists.
    row('IN_LOOP', json(['integer']), 1),
    row('AFTER_LOOP', json(['integer']), 1),
    row('IN_TRY', json(['integer']), 1),
    row('IN_EXCEPT', json(['integer']), 2),
    row('IN_FINALLY', json(['integer']), 3),
    row('IN_WITH', json(['integer']), 4),
  ]);
  assert.deepStrictEqual(origins(c).B, 'm.py:1:4');
});

test('star-imports: relative and absolute, in the middle of a module; third-party ones are reported', async () => {
  const c = await extractSources(
    {
      'pkg/settings/base.py': "from .shared import *\nBASE = 1\nfrom pkg.settings.late import *\nfrom django.conf.global_settings import *\n",
      'pkg/settings/shared.py': 'SHARED = 0\n',
      'pkg/settings/late.py': "BASE = 2\nfrom ..other import *\n",
      'pkg/other.py': "OTHER = 'o'\n",
    },
    ['pkg/settings/base.py'],
  );
  assert.deepStrictEqual(rows(c), [row('SHARED', json(['integer']), 0), row('BASE', json(['integer']), 2), row('OTHER', json(['string']), 'o')]);
  assert.deepStrictEqual(c.files, ['pkg/settings/base.py', 'pkg/settings/shared.py', 'pkg/settings/late.py', 'pkg/other.py']);
  assert.deepStrictEqual(problems(c), [['import-not-found', 'pkg/settings/base.py', 4, 0]]);
});

test('documentation by position: #: wins over plain comments, banners and directives are not documentation', async () => {
  const c = await run(
    '# ---------------- Section ----------------', // 1
    '', //                                             2
    '# pylint: disable=invalid-name', //               3
    '# Plain words about A.', //                       4
    'A = 1', //                                        5
    '# Plain words.', //                               6
    '#: The OEP-45 words about B.', //                 7
    'B = 2', //                                        8
    'C = 3  #: Trailing words about C.', //            9
    '#: Above D.', //                                 10
    'D = 4  #: Trailing D wins.', //                  11
    '################## Banner ##################', //  12
    'E = 5', //                                       13
  );
  assert.deepStrictEqual(docs(c), {
    A: ['comment', 'Plain words about A.', 3],
    B: ['oep45', 'The OEP-45 words about B.', 7],
    C: ['oep45', 'Trailing words about C.', 9],
    D: ['oep45', 'Trailing D wins.', 11],
  });
  assert.deepStrictEqual(rows(c).map((r) => r.name), ['A', 'B', 'C', 'D', 'E']);
  assert.deepStrictEqual(setting(c, 'E').type, json(['integer']));
});

test('Python truth of literals, and which branches of an if/elif/else chain run', () => {
  assert.deepStrictEqual([null, false, 0, '', [], {}].map(pythonTruth), [false, false, false, false, false, false]);
  assert.deepStrictEqual([true, 1, -1, 'x', [0], { a: null }].map(pythonTruth), [true, true, true, true, true, true]);
  // if False / elif True / else
  assert.deepStrictEqual(chainRuns([false, true, true]), [false, true, false]);
  // if unknown / elif False / else
  assert.deepStrictEqual(chainRuns([undefined, false, true]), [undefined, false, undefined]);
  // if True / else
  assert.deepStrictEqual(chainRuns([true, true]), [true, false]);
  // if False / elif unknown / else
  assert.deepStrictEqual(chainRuns([false, undefined, true]), [false, undefined, undefined]);
});
