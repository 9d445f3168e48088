/**
 * Broken Python: every setting that can still be read is read, every problem has the position
 * Python itself would give, and nothing throws.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Catalog } from '../../../server/src/catalog/types';
import type { DetectedIda } from '../../../server/src/extractor/api';
import { extractIda } from '../../../server/src/extractor/extract';
import { docs, extractFrom, extractSources, fixturePath, json, origins, problems, roles, row, rows, unknown } from './helpers';

const ROOT = fixturePath('broken');
const S = 'brk/settings';

let cached: Promise<Catalog> | undefined;
function broken(): Promise<Catalog> {
  cached ??= extractFrom(ROOT).then((r) => r.catalog);
  return cached;
}

/** One module of the broken fixture, read alone. */
async function module(name: string): Promise<Catalog> {
  const ida: DetectedIda = { ida: 'brk', layout: 'ida', root: ROOT, entryFiles: [`${S}/${name}.py`] };
  return (await extractIda(ida)).catalog;
}

test('the whole broken IDA: every recoverable setting, in order', async () => {
  assert.deepStrictEqual(rows(await broken()), [
    row('BEFORE_LIST', json(['string']), 'kept'),
    // Its name is readable, its value is not.
    row('BROKEN_LIST', unknown(false)),
    row('AFTER_ONE', json(['integer']), 1),
    row('AFTER_TWO', json(['object']), { a: 2 }),
    row('AFTER_THREE', json(['string']), 'three'),
    row('FIRST', json(['string']), 'ok'),
    // `FOO = ` has no value: it must not take the next line's.
    row('FOO', unknown(false)),
    row('SECOND', json(['integer']), 2),
    row('GOOD_ONE', json(['boolean']), true),
    // Python rejects the unexpected indent; the setting is still the one being typed.
    row('BAD_INDENTED', json(['string']), 'x'),
    row('GOOD_TWO', json(['array']), [1, 2]),
    // cycle_a imports cycle_b first, as Python runs them.
    row('CYCLE_B', json(['string']), 'b'),
    row('CYCLE_A', json(['string']), 'a'),
    row('BASE_NAME', json(['string']), 'brk'),
  ]);
});

test('the whole broken IDA: one problem per damage, at the position Python reports', async () => {
  const c = await broken();
  assert.deepStrictEqual(problems(c), [
    ['syntax-error', `${S}/unclosed.py`, 5, 14], // the `[` that is never closed
    ['syntax-error', `${S}/half_typed.py`, 2, 6], // end of `FOO = `
    ['syntax-error', `${S}/bad_indent.py`, 2, 2], // the indented statement
    ['import-cycle', `${S}/cycle_b.py`, 1, 0], // the import that closes the cycle
    ['unreadable-file', `${S}/binary.py`, 1, 0],
    ['import-not-found', `${S}/base.py`, 8, 0],
  ]);
  assert.deepStrictEqual(
    c.problems.map((p) => p.message),
    [
      'Python syntax error: `[` is never closed; settings after it were re-read line by line',
      'Python syntax error: `=` without a value; the lines here were re-read one by one',
      'Python syntax error: unexpected indent; the statement was read anyway',
      `import cycle: ${S}/production.py → ${S}/base.py → ${S}/cycle_a.py → ${S}/cycle_b.py → ${S}/cycle_a.py; \`from brk.settings.cycle_a import *\` sees only what that module defined so far`,
      `${S}/binary.py is not text (it contains NUL bytes); not parsed`,
      '`from brk.settings.private import *` is outside the settings sources; its settings are not known',
    ],
  );
});

test('the whole broken IDA: origins, documentation after the damage, files read, YAML loading', async () => {
  const c = await broken();
  const o = origins(c);
  assert.deepStrictEqual([o.BROKEN_LIST, o.AFTER_ONE, o.AFTER_THREE, o.FOO, o.SECOND, o.BAD_INDENTED, o.CYCLE_B], [
    `${S}/unclosed.py:5:0`,
    `${S}/unclosed.py:9:0`,
    `${S}/unclosed.py:13:0`,
    `${S}/half_typed.py:2:0`,
    `${S}/half_typed.py:3:0`,
    `${S}/bad_indent.py:2:2`,
    `${S}/cycle_b.py:3:0`,
  ]);
  assert.deepStrictEqual(docs(c), { AFTER_THREE: ['comment', 'Documented after the damage.', 12] });
  // The binary file cannot be read; the empty one is read and defines nothing.
  assert.deepStrictEqual(c.files, ['production', 'base', 'unclosed', 'half_typed', 'bad_indent', 'cycle_a', 'cycle_b', 'empty'].map((f) => `${S}/${f}.py`));
  assert.deepStrictEqual(c.yaml, { envVar: 'BRK_CFG', module: `${S}/production.py`, line: 9 });
});

test('each damaged module read alone gives the same settings and problems', async () => {
  const unclosed = await module('unclosed');
  assert.deepStrictEqual(rows(unclosed).map((r) => r.name), ['BEFORE_LIST', 'BROKEN_LIST', 'AFTER_ONE', 'AFTER_TWO', 'AFTER_THREE']);
  assert.deepStrictEqual(problems(unclosed), [['syntax-error', `${S}/unclosed.py`, 5, 14]]);
  assert.deepStrictEqual(rows(await module('half_typed')), [row('FIRST', json(['string']), 'ok'), row('FOO', unknown(false)), row('SECOND', json(['integer']), 2)]);
  assert.deepStrictEqual(problems(await module('bad_indent')), [['syntax-error', `${S}/bad_indent.py`, 2, 2]]);
  const empty = await module('empty');
  assert.deepStrictEqual([rows(empty), problems(empty), empty.files], [[], [], [`${S}/empty.py`]]);
  const binary = await module('binary');
  assert.deepStrictEqual([rows(binary), problems(binary), binary.files], [[], [['unreadable-file', `${S}/binary.py`, 1, 0]], []]);
  // Entered from cycle_b, the cycle closes on the import in cycle_a.
  const cycle = await module('cycle_b');
  assert.deepStrictEqual(rows(cycle).map((r) => r.name), ['CYCLE_A', 'CYCLE_B']);
  assert.deepStrictEqual(problems(cycle), [['import-cycle', `${S}/cycle_a.py`, 1, 0]]);
});

test('a missing entry module and a module over the size limit are problems, not exceptions', async () => {
  const missing = await extractIda({ ida: 'brk', layout: 'ida', root: ROOT, entryFiles: [`${S}/nope.py`] });
  assert.deepStrictEqual(problems(missing.catalog), [['unreadable-file', `${S}/nope.py`, 1, 0]]);
  const big = await extractIda({ ida: 'brk', layout: 'ida', root: ROOT, entryFiles: [`${S}/unclosed.py`] }, { maxFileBytes: 100 });
  assert.deepStrictEqual(problems(big.catalog), [['file-too-large', `${S}/unclosed.py`, 1, 0]]);
  assert.deepStrictEqual(rows(big.catalog), []);
});

test('damage inside a block and in a chained assignment', async () => {
  const c = await extractSources(
    {
      'm.py': [
        'if DEBUG:', //                       1
        '    A = [1,', //                      2
        'B = 2', //                            3
        'C = D = ', //                         4
        'E = 5', //                            5
        'F = (', //                            6
      ].join('\n'),
    },
    ['m.py'],
  );
  assert.deepStrictEqual(problems(c), [
    ['syntax-error', 'm.py', 2, 8],
    ['syntax-error', 'm.py', 6, 4],
    ['syntax-error', 'm.py', 4, 8],
  ]);
  // Syntax errors the parser sees come first, then the dangling `=` found while reading.
  assert.deepStrictEqual(rows(c), [
    row('A', unknown(false)), // inside the damaged block: name readable, value not
    row('B', json(['integer']), 2),
    row('C', unknown(false)),
    row('D', unknown(false)),
    row('E', json(['integer']), 5),
    row('F', unknown(false)),
  ]);
  const o = origins(c);
  assert.deepStrictEqual([o.A, o.C, o.D, o.F], ['m.py:2:4', 'm.py:4:0', 'm.py:4:4', 'm.py:6:0']);
});

test('a damaged statement inside the YAML-loading block keeps the block: the load and its roles are still found', async () => {
  const c = await extractSources(
    {
      'p.py': [
        "JWT_AUTH = {'JWT_ISSUER': 'x'}", //                                    1
        "with open(os.environ['P_CFG']) as f:", //                              2
        '    config = yaml.safe_load(f)', //                                    3
        '    BROKEN = [', //                                                     4
        '    vars().update(config)', //                                          5
        "JWT_AUTH.update(config.get('JWT_AUTH', {}))", //                     6
        'LOGGING = {}', //                                                      7
      ].join('\n'),
    },
    ['p.py'],
    { yamlModule: 'p.py' },
  );
  assert.deepStrictEqual(problems(c), [['syntax-error', 'p.py', 4, 13]]);
  assert.deepStrictEqual(c.yaml, { envVar: 'P_CFG', module: 'p.py', line: 3 });
  assert.deepStrictEqual(rows(c), [row('JWT_AUTH', json(['object']), { JWT_ISSUER: 'x' }), row('BROKEN', unknown(false)), row('LOGGING', json(['object']), {})]);
  assert.deepStrictEqual(roles(c), {
    JWT_AUTH: [{ kind: 'merged', depth: 'shallow', line: 6, file: 'p.py' }],
    LOGGING: [{ kind: 'overwritten', line: 7, file: 'p.py' }],
  });
});

test('a production module without a YAML load says so', async () => {
  const c = await extractSources({ 'p.py': 'X = 1\n' }, ['p.py'], { yamlModule: 'p.py' });
  assert.deepStrictEqual(problems(c), [['layout-unknown', 'p.py', 1, 0]]);
  assert.deepStrictEqual(rows(c), [row('X', json(['integer']), 1)]);
});

const LINES = [
  'X = 1',
  'Y = [',
  'Z = ',
  '  W = 2',
  'if X:',
  '    V = {',
  "FEATURES['A'] = True",
  'FEATURES = FeaturesProxy(globals())',
  'A = B = Derived(lambda settings: settings.X)',
  'X += [1]',
  'X.append(',
  "T[0:1] = ['a']",
  '# .. setting_name: X',
  '# .. toggle_name: settings.FEATURES[',
  '#   [\'k\']',
  '#: doc',
  'from .m import *',
  'from . import *',
  'def f(:',
  ')]}',
  '"""',
  "f'{X'",
  'X: int | = 3',
  '\t\tQ = 1',
  'with open(os.environ["M_CFG"]) as f:',
  '    C = yaml.safe_load(f)',
  "    vars().update({k: v for k, v in C.items() if k not in ['X']})",
  "LATER = C.get('LATER', [])",
  'é = 1',
];

test('arbitrary damaged sources never throw, and every problem has a position', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...LINES), fc.string({ maxLength: 12 })), { maxLength: 25 }), async (lines) => {
      const text = lines.join('\n');
      const c = await extractSources({ 'm.py': text, 'p.py': `from .m import *\n${text}` }, ['p.py'], { yamlModule: 'p.py' });
      for (const p of c.problems) {
        assert.ok(p.line >= 1 && p.column >= 0, JSON.stringify(p));
      }
      for (const s of c.settings) assert.ok(s.origin.line >= 1, JSON.stringify(s));
    }),
    { numRuns: 150 },
  );
});

test('not damage: a byte order mark, statements after `;`, a value continued with a backslash', async () => {
  const c = await extractSources({ 'm.py': "\uFEFFA = 1\nB = 'é'; C = 2\nD = \\\n    3\n" }, ['m.py']);
  assert.deepStrictEqual(problems(c), []);
  assert.deepStrictEqual(rows(c), [row('A', json(['integer']), 1), row('B', json(['string']), 'é'), row('C', json(['integer']), 2), row('D', json(['integer']), 3)]);
  assert.deepStrictEqual(origins(c), { A: 'm.py:1:0', B: 'm.py:2:0', C: 'm.py:2:9', D: 'm.py:3:0' });
});
