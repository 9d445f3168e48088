/**
 * Name builders read symbolically: each shape of returned expression a library may use to build a
 * setting's name from its arguments, the names literal arguments then make, and what is refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NameBuilderHelper } from '../../../server/src/libraries/facts';
import { buildName } from '../../../server/src/libraries/nameBuilders';
import { scanSource } from './sitePackages';

/** The name builders of a module holding `PREFIX = 'LIB'` and `body`, by function name. */
async function builders(body: string): Promise<Map<string, NameBuilderHelper>> {
  const scan = await scanSource(`PREFIX = 'LIB'\n${body}\n`, 'lib/names.py');
  return new Map(scan.helpers.filter((h): h is NameBuilderHelper => h.kind === 'name').map((h) => [h.name.replace('lib.names.', ''), h]));
}

test('each shape of builder makes the expected names', async () => {
  const found = await builders(
    [
      "def percent(name):\n    return '%s_%s' % (PREFIX, name)",
      "def fmt(name):\n    return '{}_{}'.format(PREFIX, name)",
      "def plus(name):\n    return PREFIX + '_' + name.upper()",
      "def fstr(group, name):\n    return f'{PREFIX}_{group}_{name}'",
      "def joined(*names):\n    return '_'.join([PREFIX] + list(names))",
      "def tupled(*names):\n    return '__'.join((PREFIX,) + names)",
      "def upper_all(*names):\n    return '_'.join(n.upper() for n in names)",
      "def nested(*names):\n    return upper_all(*(('APP',) + names))",
      "def fixed(name):\n    return plus(name.strip())",
    ].join('\n'),
  );
  const make = (fn: string, ...args: string[]): string | undefined => {
    const b = found.get(fn);
    assert.ok(b, `${fn} is a builder`);
    return buildName(b.parts, args);
  };
  assert.deepEqual(
    [
      make('percent', 'KEY'),
      make('fmt', 'KEY'),
      make('plus', 'key'),
      make('fstr', 'GROUP', 'KEY'),
      make('joined', 'A', 'B'),
      make('tupled', 'A', 'B'),
      make('upper_all', 'a', 'b-c'),
      make('nested', 'user_model'),
      make('fixed', 'x'),
    ],
    ['LIB_KEY', 'LIB_KEY', 'LIB_KEY', 'LIB_GROUP_KEY', 'LIB_A_B', 'LIB__A__B', 'A_B-C', 'APP_USER_MODEL', 'LIB_X'],
  );
});

test('functions that are not builders: unknown calls and names, other methods, no argument used, more than one statement', async () => {
  const found = await builders(
    [
      "def unknown_call(name):\n    return compute(PREFIX, name)",
      "def unknown_name(name):\n    return OTHER + name",
      "def lower(name):\n    return (PREFIX + name).lower()",
      "def constant(name):\n    return PREFIX",
      "def two_statements(name):\n    x = name\n    return PREFIX + x",
      "def number(name):\n    return 1 + name",
    ].join('\n'),
  );
  assert.deepEqual([...found.keys()], []);
});

test('a name is not made from too few arguments, nor from one argument after a spread', () => {
  assert.equal(buildName([{ text: 'P_' }, { argument: 1, rest: false, separator: '', upper: false }], ['only-one']), undefined);
  assert.equal(buildName([{ argument: 0, rest: true, separator: '_', upper: false }], []), '');
});
