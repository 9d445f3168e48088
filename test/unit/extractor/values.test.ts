/**
 * Static evaluation of Python default values, one construct at a time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JsonValue, SettingType } from '../../../server/src/catalog/types';
import { evaluate, typeOfLiteral, type EvaluatedValue } from '../../../server/src/extractor/values';
import { withPythonTree } from '../../../server/src/python/parser';
import { COMPUTED, json, unknown } from './helpers';

/** Settings known before the expression, as the interpreter would have them. */
const ENV: Record<string, EvaluatedValue> = {
  SERVICE: { type: json(['string']), value: 'demo', reads: [] },
  ROOT_URL: { type: json(['string']), reads: ['SITE'] },
  FEATURES: { type: json(['object']), value: { ENABLE_A: true, LIMIT: 3 }, reads: [] },
  LANGUAGES: { type: json(['array']), value: [['en', 'English']], reads: [] },
  BASE_APPS: { type: json(['array']), value: ['a'], reads: [] },
};

/** Evaluates the expression `source` (the right-hand side of an assignment). */
async function ev(source: string): Promise<EvaluatedValue> {
  return withPythonTree(`V = ${source}\n`, (tree) => {
    const right = tree.rootNode.namedChildren[0]?.namedChildren[0]?.childForFieldName('right');
    assert.ok(right, `no value in ${source}`);
    return evaluate(right, (name) => ENV[name]);
  });
}

/** A literal result: its type, its value, what it reads. */
function lit(type: SettingType, value: JsonValue, reads: string[] = []): EvaluatedValue {
  return { type, value, reads };
}

/** A non-literal result. */
function comp(type: SettingType, reads: string[] = []): EvaluatedValue {
  return { type, reads };
}

const cases: [string, EvaluatedValue][] = [
  // strings
  ["'abc'", lit(json(['string']), 'abc')],
  ['"a" "b"', lit(json(['string']), 'ab')],
  ["'line\\nbreak'", lit(json(['string']), 'line\nbreak')],
  ["r'\\d+'", lit(json(['string']), '\\d+')],
  ["'''multi\nline'''", lit(json(['string']), 'multi\nline')],
  // numbers
  ['100_000', lit(json(['integer']), 100000)],
  ['0x1F', lit(json(['integer']), 31)],
  ['0o644', lit(json(['integer']), 420)],
  ['007', lit(json(['integer']), 7)],
  ['-5', lit(json(['integer']), -5)],
  ['0.25', lit(json(['number']), 0.25)],
  ['2.0', lit(json(['number']), 2)],
  ['1e3', lit(json(['number']), 1000)],
  ['-1.5', lit(json(['number']), -1.5)],
  ['2j', comp(COMPUTED)],
  // booleans and None
  ['True', lit(json(['boolean']), true)],
  ['False', lit(json(['boolean']), false)],
  ['None', lit(unknown(true), null)],
  // containers
  ["['a', 1, None]", lit(json(['array']), ['a', 1, null])],
  ["('x',)", lit(json(['array']), ['x'])],
  ['()', lit(json(['array']), [])],
  ["{'b', 'a'}", lit(json(['array']), ['b', 'a'])],
  ["[('en', 'English'), ('fr', 'French')]", lit(json(['array']), [['en', 'English'], ['fr', 'French']])],
  ['[SERVICE, f()]', comp(json(['array']), ['SERVICE'])],
  ['[*BASE_APPS, "b"]', comp(json(['array']), ['BASE_APPS'])],
  ["{'a': 1, 'b': {'c': [True]}}", lit(json(['object']), { a: 1, b: { c: [true] } })],
  ["{1: 'one', 2.5: 'x', True: 'yes'}", lit(json(['object']), { 1: 'one', 2.5: 'x', True: 'yes' })],
  ['{}', lit(json(['object']), {})],
  ["{'a': f()}", comp(json(['object']))],
  ["{'a': 1, **FEATURES}", comp(json(['object']), ['FEATURES'])],
  ['dict(A=1, B="two")', lit(json(['object']), { A: 1, B: 'two' })],
  ['dict()', lit(json(['object']), {})],
  ['dict(A=f())', comp(json(['object']))],
  ['dict(FEATURES, A=1)', comp(json(['object']), ['FEATURES'])],
  ["list(('a', 'b'))", lit(json(['array']), ['a', 'b'])],
  ['set()', lit(json(['array']), [])],
  ["sorted(['b', 'a'])", comp(json(['array']))],
  ['tuple(BASE_APPS)', comp(json(['array']), ['BASE_APPS'])],
  ['[x for x in BASE_APPS]', comp(json(['array']), ['BASE_APPS'])],
  ['{k: 1 for k in BASE_APPS}', comp(json(['object']), ['BASE_APPS'])],
  // translations are strings
  ["_('Hello')", lit(json(['string']), 'Hello')],
  ["gettext_lazy('Bye')", lit(json(['string']), 'Bye')],
  ['_(SERVICE)', comp(json(['string']), ['SERVICE'])],
  ['str(SERVICE)', comp(json(['string']), ['SERVICE'])],
  ["int('3')", comp(json(['integer']))],
  ["float('0.5')", comp(json(['number']))],
  // f-strings
  ["f'{SERVICE}/x'", comp(json(['string']), ['SERVICE'])],
  ["f\"{FEATURES['ENABLE_A']}\"", comp(json(['string']), ['FEATURES'])],
  ["f'plain'", lit(json(['string']), 'plain')],
  ["f'{{literal}}'", lit(json(['string']), '{literal}')],
  // calls that compute
  ['timedelta(days=30)', comp(COMPUTED)],
  ['datetime.timedelta(hours=HOURS)', comp(COMPUTED, ['HOURS'])],
  ["path(__file__).abspath().dirname() / 'common'", comp(COMPUTED)],
  ['Derived(lambda settings: settings.ROOT_URL + "/login")', comp(COMPUTED, ['ROOT_URL'])],
  ['Derived(lambda s: s.other.LIMIT)', comp(COMPUTED)],
  ['helpers.ENABLED', comp(COMPUTED)],
  // environment variables are strings; the fallback is the default
  ["os.environ.get('DEMO_DIR', '/tmp/demo')", lit(json(['string']), '/tmp/demo')],
  ["os.environ.get('DEMO_DIR')", comp(json(['string'], true))],
  ["os.getenv('DEMO_DIR', None)", lit(json(['string'], true), null)],
  ["environ.get('PORT', 8000)", lit(json(['integer', 'string']), 8000)],
  // binary operations
  ['7 * 24 * 3600', lit(json(['integer']), 604800)],
  ['10 / 4', lit(json(['number']), 2.5)],
  ['10 / 5', lit(json(['number']), 2)],
  ['7 // 2', lit(json(['integer']), 3)],
  ['2 ** 10', lit(json(['integer']), 1024)],
  ['-7 % 3', lit(json(['integer']), 2)],
  ["'/static/' + SERVICE + '/'", lit(json(['string']), '/static/demo/', ['SERVICE'])],
  ["ROOT_URL + '/login'", comp(json(['string']), ['ROOT_URL'])],
  ['BASE_APPS + ["b"]', lit(json(['array']), ['a', 'b'], ['BASE_APPS'])],
  ['OTHER_APPS + ["b"]', comp(json(['array']), ['OTHER_APPS'])],
  ["'%s-suffix' % SERVICE", comp(json(['string']), ['SERVICE'])],
  ['FEATURES | EXTRA', comp(json(['object']), ['FEATURES', 'EXTRA'])],
  ['1 / 0', comp(COMPUTED)],
  // other expressions
  ["'a' if DEBUG else 'b'", comp(json(['string']), ['DEBUG'])],
  ["'a' if DEBUG else None", comp(json(['string'], true), ['DEBUG'])],
  ["1 if DEBUG else 'x'", comp(json(['integer', 'string']), ['DEBUG'])],
  ['not DEBUG', comp(json(['boolean']), ['DEBUG'])],
  ['LIMIT > 3', comp(json(['boolean']), ['LIMIT'])],
  ['(5)', lit(json(['integer']), 5)],
  // names: known settings keep their type and literal, others are computed
  ['SERVICE', lit(json(['string']), 'demo', ['SERVICE'])],
  ['ROOT_URL', comp(json(['string']), ['ROOT_URL'])],
  ['UNKNOWN_NAME', comp(COMPUTED, ['UNKNOWN_NAME'])],
  ['helper', comp(COMPUTED)],
  // subscripts of literal settings
  ["FEATURES['ENABLE_A']", lit(json(['boolean']), true, ['FEATURES'])],
  ["FEATURES['MISSING']", comp(COMPUTED, ['FEATURES'])],
  ['LANGUAGES[0]', lit(json(['array']), ['en', 'English'], ['LANGUAGES'])],
  ['LANGUAGES[5]', comp(COMPUTED, ['LANGUAGES'])],
];

for (const [source, expected] of cases) {
  test(`evaluate ${source.replace(/\n/g, '\\n')}`, async () => {
    assert.deepStrictEqual(await ev(source), expected);
  });
}

test('typeOfLiteral: the JSON type of a literal, null unknown but nullable', () => {
  assert.deepStrictEqual(typeOfLiteral('x'), json(['string']));
  assert.deepStrictEqual(typeOfLiteral(3), json(['integer']));
  assert.deepStrictEqual(typeOfLiteral(3.5), json(['number']));
  assert.deepStrictEqual(typeOfLiteral(false), json(['boolean']));
  assert.deepStrictEqual(typeOfLiteral([]), json(['array']));
  assert.deepStrictEqual(typeOfLiteral({}), json(['object']));
  assert.deepStrictEqual(typeOfLiteral(null), unknown(true));
});
