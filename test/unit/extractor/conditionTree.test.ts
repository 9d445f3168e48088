/**
 * `if` conditions as data: the structure read from the syntax tree, the guards of `elif` and
 * `else` branches, and the conditional roles the YAML-loading analysis gives for each form.
 * The Python here is written for these tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Condition } from '../../../server/src/catalog/types';
import { conditionOf, ifBranches } from '../../../server/src/extractor/conditionTree';
import { withPythonTree } from '../../../server/src/python/parser';
import { extractSources, roles } from './helpers';

const name = (n: string): Condition => ({ kind: 'name', name: n });
const not = (operand: Condition): Condition => ({ kind: 'not', operand });
const and = (...operands: Condition[]): Condition => ({ kind: 'and', operands });
const or = (...operands: Condition[]): Condition => ({ kind: 'or', operands });
const lit = (value: boolean | number | string | null): Condition => ({ kind: 'literal', value });

/** The structure of the test of `if <source>:`. */
async function structure(source: string, featuresProxy = true): Promise<Condition | undefined> {
  return withPythonTree(`if ${source}:\n    pass\n`, (tree) => {
    const test = tree.rootNode.namedChildren[0]?.childForFieldName('condition');
    assert.ok(test, `no test in ${source}`);
    return conditionOf(test, featuresProxy);
  });
}

test('names, however the code reads the setting', async () => {
  assert.deepStrictEqual(await structure('ENABLE_THIRD_PARTY_AUTH'), name('ENABLE_THIRD_PARTY_AUTH'));
  assert.deepStrictEqual(await structure("FEATURES['ENABLE_DISCUSSION_SERVICE']"), name('ENABLE_DISCUSSION_SERVICE'));
  assert.deepStrictEqual(await structure('FEATURES["ENABLE_DISCUSSION_SERVICE"]'), name('ENABLE_DISCUSSION_SERVICE'));
  assert.deepStrictEqual(await structure("FEATURES.get('ENABLE_MKTG_SITE')"), name('ENABLE_MKTG_SITE'));
  assert.deepStrictEqual(await structure("FEATURES.get('ENABLE_MKTG_SITE', False)"), name('ENABLE_MKTG_SITE'));
  assert.deepStrictEqual(await structure('settings.ENABLE_COMPREHENSIVE_THEMING'), name('ENABLE_COMPREHENSIVE_THEMING'));
  assert.deepStrictEqual(await structure('(((DEBUG)))'), name('DEBUG'));
});

test('not, and, or: chains flattened, parentheses kept where they change the meaning', async () => {
  assert.deepStrictEqual(await structure('ENABLE_CORS_HEADERS or ENABLE_CROSS_DOMAIN_CSRF_COOKIE'), or(name('ENABLE_CORS_HEADERS'), name('ENABLE_CROSS_DOMAIN_CSRF_COOKIE')));
  assert.deepStrictEqual(await structure('A or B or C'), or(name('A'), name('B'), name('C')));
  assert.deepStrictEqual(await structure('A and B or C and D'), or(and(name('A'), name('B')), and(name('C'), name('D'))));
  assert.deepStrictEqual(await structure('A and (B or C)'), and(name('A'), or(name('B'), name('C'))));
  assert.deepStrictEqual(await structure('(A or B) or C'), or(name('A'), name('B'), name('C')));
  assert.deepStrictEqual(await structure('not (A and B)'), not(and(name('A'), name('B'))));
  assert.deepStrictEqual(await structure('not not A'), not(not(name('A'))));
  assert.deepStrictEqual(
    await structure("FEATURES.get('ENABLE_MKTG_SITE', False) and not settings.MAINTENANCE_MODE"),
    and(name('ENABLE_MKTG_SITE'), not(name('MAINTENANCE_MODE'))),
  );
  assert.deepStrictEqual(await structure('(A  # a comment inside\n    or B)'), or(name('A'), name('B')));
});

test('literals: True, False, None, numbers and plain strings', async () => {
  assert.deepStrictEqual(await structure('True'), lit(true));
  assert.deepStrictEqual(await structure('A or False'), or(name('A'), lit(false)));
  assert.deepStrictEqual(await structure('None'), lit(null));
  assert.deepStrictEqual(await structure('0 or 2.5'), or(lit(0), lit(2.5)));
  assert.deepStrictEqual(await structure("'' or 'x'"), or(lit(''), lit('x')));
});

test('anything else has no structure: the whole condition is unknown', async () => {
  for (const source of [
    "A == 'x'",
    'A is None',
    "'EXTRA_APPS' in locals()",
    "os.environ.get('SERVICE_VARIANT')",
    "_YAML_TOKENS.get('ENABLE_X')",
    "CONFIG['ENABLE_X']",
    'config.ENABLE_X',
    "FEATURES.get('A', False, 3)",
    "FEATURES.get(key='A')",
    'FEATURES[NAME]',
    "FEATURES['not a name']",
    "f'{A}'",
    '-1',
    'A or len(B)',
    'not A == B',
    'A if B else C',
  ]) {
    assert.equal(await structure(source), undefined, source);
  }
});

test('FEATURES entries are names only when FEATURES is a FeaturesProxy', async () => {
  assert.equal(await structure("FEATURES['ENABLE_X']", false), undefined);
  assert.equal(await structure("FEATURES.get('ENABLE_X', False) or B", false), undefined);
  assert.deepStrictEqual(await structure('ENABLE_X or settings.B', false), or(name('ENABLE_X'), name('B')));
});

test('guards of an if/elif/else chain: each branch also needs every earlier test false', async () => {
  const source = 'if A:\n    pass\nelif B or C:\n    pass\nelif D == 1:\n    pass\nelse:\n    pass\n';
  const guards = await withPythonTree(source, (tree) => {
    const stmt = tree.rootNode.namedChildren[0];
    assert.ok(stmt);
    return ifBranches(stmt, true).map((b) => ({ test: b.test?.text ?? null, hasBody: b.body !== null, ...b.guard }));
  });
  assert.deepStrictEqual(guards, [
    { test: 'A', hasBody: true, text: 'A', condition: name('A') },
    { test: 'B or C', hasBody: true, text: 'B or C (elif)', condition: and(not(name('A')), or(name('B'), name('C'))) },
    // `D == 1` is unknown, and so is every branch after it.
    { test: 'D == 1', hasBody: true, text: 'D == 1 (elif)', condition: undefined },
    { test: null, hasBody: true, text: 'not (A)', condition: undefined },
  ]);
  const ifElse = await withPythonTree('if not (A and B):\n    pass\nelse:\n    pass\n', (tree) => ifBranches(tree.rootNode.namedChildren[0] ?? tree.rootNode, true).map((b) => b.guard.condition));
  assert.deepStrictEqual(ifElse, [not(and(name('A'), name('B'))), not(not(and(name('A'), name('B'))))]);
});

const COMMON = `FEATURES = FeaturesProxy(globals())
ENABLE_CORS_HEADERS = False
ENABLE_CROSS_DOMAIN_CSRF_COOKIE = False
ENABLE_THIRD_PARTY_AUTH = False
ENABLE_COMPREHENSIVE_THEMING = False
ENABLE_MKTG_SITE = False
MAINTENANCE_MODE = False
`;

const PRODUCTION = `import os
import yaml

from .common import *

with open(os.environ['SVC_CFG']) as f:
    _YAML_TOKENS = yaml.safe_load(f)

if ENABLE_CORS_HEADERS or ENABLE_CROSS_DOMAIN_CSRF_COOKIE:
    CORS_ORIGIN_WHITELIST = _YAML_TOKENS.get('CORS_ORIGIN_WHITELIST', ())

if ENABLE_CORS_HEADERS and ENABLE_THIRD_PARTY_AUTH or ENABLE_MKTG_SITE:
    MIXED_KEY = _YAML_TOKENS.get('MIXED_KEY')

if not ENABLE_COMPREHENSIVE_THEMING:
    THEME_KEY = _YAML_TOKENS.get('THEME_KEY', 300)

if FEATURES.get('ENABLE_MKTG_SITE', False) or (settings.ENABLE_CORS_HEADERS and not MAINTENANCE_MODE):
    MKTG_KEY = _YAML_TOKENS.get('MKTG_KEY', {})

if FEATURES['ENABLE_THIRD_PARTY_AUTH']:
    TPA_KEY = _YAML_TOKENS.get('TPA_KEY')
elif ENABLE_MKTG_SITE:
    ELIF_KEY = _YAML_TOKENS.get('ELIF_KEY')
else:
    ELSE_KEY = _YAML_TOKENS.get('ELSE_KEY')

if not ENABLE_CORS_HEADERS:
    if ENABLE_THIRD_PARTY_AUTH:
        NESTED_KEY = _YAML_TOKENS.get('NESTED_KEY')

if ENABLE_MKTG_SITE == True:
    COMPARED_KEY = _YAML_TOKENS.get('COMPARED_KEY')

if ENABLE_MKTG_SITE or True:
    LITERAL_KEY = _YAML_TOKENS.get('LITERAL_KEY')

if NOT_A_SETTING_ANYWHERE:
    UNKNOWN_NAME_KEY = _YAML_TOKENS.get('UNKNOWN_NAME_KEY')
`;

test('conditional roles: the forms admitted, and the outermost plain test winning as before', async () => {
  const catalog = await extractSources({ 'common.py': COMMON, 'production.py': PRODUCTION }, ['production.py'], { yamlModule: 'production.py' });
  const conditional = (condition: Condition, line: number) => ({ kind: 'conditional', condition, line, file: 'production.py' });
  const yamlOnly = (line: number) => ({ kind: 'yaml-only', line, file: 'production.py' });
  assert.deepStrictEqual(roles(catalog), {
    CORS_ORIGIN_WHITELIST: [conditional(or(name('ENABLE_CORS_HEADERS'), name('ENABLE_CROSS_DOMAIN_CSRF_COOKIE')), 10), yamlOnly(10)],
    MIXED_KEY: [conditional(or(and(name('ENABLE_CORS_HEADERS'), name('ENABLE_THIRD_PARTY_AUTH')), name('ENABLE_MKTG_SITE')), 13), yamlOnly(13)],
    THEME_KEY: [conditional(not(name('ENABLE_COMPREHENSIVE_THEMING')), 16), yamlOnly(16)],
    MKTG_KEY: [conditional(or(name('ENABLE_MKTG_SITE'), and(name('ENABLE_CORS_HEADERS'), not(name('MAINTENANCE_MODE')))), 19), yamlOnly(19)],
    TPA_KEY: [conditional(name('ENABLE_THIRD_PARTY_AUTH'), 22), yamlOnly(22)],
    ELIF_KEY: [conditional(and(not(name('ENABLE_THIRD_PARTY_AUTH')), name('ENABLE_MKTG_SITE')), 24), yamlOnly(24)],
    ELSE_KEY: [conditional(and(not(name('ENABLE_THIRD_PARTY_AUTH')), not(name('ENABLE_MKTG_SITE'))), 26), yamlOnly(26)],
    // `not ENABLE_CORS_HEADERS` is admitted too, but the plain inner test gives the role, as it did
    // before conditions were data.
    NESTED_KEY: [conditional(name('ENABLE_THIRD_PARTY_AUTH'), 30), yamlOnly(30)],
    COMPARED_KEY: [yamlOnly(33)],
    LITERAL_KEY: [yamlOnly(36)],
    UNKNOWN_NAME_KEY: [yamlOnly(39)],
  });
});
