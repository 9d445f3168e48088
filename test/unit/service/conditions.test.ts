/**
 * Conditions as the language service uses them: the names they read, their three-valued truth,
 * their display text, and the `conditional-key` message for the shipped LMS schema.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Condition } from '../../../server/src/catalog/types';
import { loadSchemaFile } from '../../../server/src/schema/load';
import { conditionNames, evaluateCondition, formatCondition, type Truth } from '../../../server/src/service/conditions';
import { createLanguageService } from '../../../server/src/service';
import { parseFromScratch } from '../../../server/src/yaml';
import { brief } from '../../helpers/diagnostics';

const name = (n: string): Condition => ({ kind: 'name', name: n });
const not = (operand: Condition): Condition => ({ kind: 'not', operand });
const and = (...operands: Condition[]): Condition => ({ kind: 'and', operands });
const or = (...operands: Condition[]): Condition => ({ kind: 'or', operands });
const lit = (value: boolean | number | string | null): Condition => ({ kind: 'literal', value });

const TRUTHS: Truth[] = [true, false, undefined];
/** Names whose truth is their name: `T`, `F`, `U`. */
const byName = (n: string): Truth => ({ T: true, F: false } as Record<string, Truth>)[n];
const letter = (t: Truth): string => (t === true ? 'T' : t === false ? 'F' : 'U');

test('truth tables: not, and, or over true, false and unknown', () => {
  const table = (kind: 'and' | 'or'): string[] =>
    TRUTHS.flatMap((a) => TRUTHS.map((b) => `${letter(a)} ${kind} ${letter(b)} = ${letter(evaluateCondition({ kind, operands: [name(letter(a)), name(letter(b))] }, byName))}`));
  assert.deepStrictEqual(table('and'), ['T and T = T', 'T and F = F', 'T and U = U', 'F and T = F', 'F and F = F', 'F and U = F', 'U and T = U', 'U and F = F', 'U and U = U']);
  assert.deepStrictEqual(table('or'), ['T or T = T', 'T or F = T', 'T or U = T', 'F or T = T', 'F or F = F', 'F or U = U', 'U or T = T', 'U or F = U', 'U or U = U']);
  assert.deepStrictEqual(TRUTHS.map((t) => evaluateCondition(not(name(letter(t))), byName)), [false, true, undefined]);
});

test('evaluation: longer junctions, nesting, literals with Python truth, empty junctions', () => {
  assert.equal(evaluateCondition(or(name('F'), name('U'), name('T')), byName), true);
  assert.equal(evaluateCondition(and(name('T'), name('U'), name('F')), byName), false);
  assert.equal(evaluateCondition(and(name('T'), not(or(name('F'), name('U')))), byName), undefined);
  assert.equal(evaluateCondition(or(and(name('T'), name('T')), name('F')), byName), true);
  assert.deepStrictEqual([true, false, null, 0, 3, -0.5, '', 'x'].map((v) => evaluateCondition(lit(v), byName)), [true, false, false, false, true, true, false, true]);
  assert.equal(evaluateCondition(and(), byName), true);
  assert.equal(evaluateCondition(or(), byName), false);
});

test('names: each once, in the order written', () => {
  assert.deepStrictEqual(conditionNames(or(and(name('B'), not(name('A'))), lit(true), name('B'), name('C'))), ['B', 'A', 'C']);
  assert.deepStrictEqual(conditionNames(lit(null)), []);
});

test('display text: Python syntax, parentheses only where precedence needs them', () => {
  const cases: Array<[Condition, string]> = [
    [name('ENABLE_THIRD_PARTY_AUTH'), 'ENABLE_THIRD_PARTY_AUTH'],
    [or(name('ENABLE_CORS_HEADERS'), name('ENABLE_CROSS_DOMAIN_CSRF_COOKIE')), 'ENABLE_CORS_HEADERS or ENABLE_CROSS_DOMAIN_CSRF_COOKIE'],
    [or(and(name('A'), name('B')), name('C')), 'A and B or C'],
    [and(or(name('A'), name('B')), name('C')), '(A or B) and C'],
    [not(and(name('A'), name('B'))), 'not (A and B)'],
    [not(or(name('A'), name('B'))), 'not (A or B)'],
    [and(not(name('A')), name('B')), 'not A and B'],
    [not(not(name('A'))), 'not not A'],
    [or(name('A'), or(name('B'), name('C'))), 'A or B or C'],
    [and(name('A'), lit(true), lit(false), lit(null), lit(3), lit(2.5)), 'A and True and False and None and 3 and 2.5'],
    [or(lit("it's"), lit('a\\b\nc')), "'it\\'s' or 'a\\\\b\\nc'"],
    [and(), 'True'],
    [or(), 'False'],
    [or(name('A')), 'A'],
  ];
  for (const [condition, text] of cases) assert.equal(formatCondition(condition), text);
});

test('the shipped LMS schema (format 1) reports a key read under a condition this file turns off, in the same words as before', () => {
  const loaded = loadSchemaFile(path.resolve(__dirname, '..', '..', '..', '..', 'schemas', 'lms.json'), { trusted: true });
  assert.ok(loaded.ok, loaded.ok ? '' : loaded.error);
  const schema = loaded.value;
  assert.deepStrictEqual(schema.properties.CORS_ORIGIN_WHITELIST['x-openedx']?.roles?.find((r) => r.kind === 'conditional'), {
    kind: 'conditional',
    condition: or(name('ENABLE_CORS_HEADERS'), name('ENABLE_CROSS_DOMAIN_CSRF_COOKIE')),
    line: 199,
    file: 'lms/envs/production.py',
  });
  const service = createLanguageService({ now: () => new Date('2025-06-01T12:00:00Z') });
  const check = (text: string): string[] =>
    service
      .validate(parseFromScratch(text, { uri: 'file:///srv/lms.yml' }), schema)
      .map(brief)
      .filter(([rule]) => rule === 'conditional-key')
      .map(([, range, , message]) => `${range} ${message}`);
  assert.deepStrictEqual(check('LMS_ROOT_URL: https://lms.test\nENABLE_CORS_HEADERS: false\nCORS_ORIGIN_WHITELIST: [a]\n'), [
    '2:0-2:21 `CORS_ORIGIN_WHITELIST` has no effect: it is read only when `ENABLE_CORS_HEADERS or ENABLE_CROSS_DOMAIN_CSRF_COOKIE`, and this file sets `ENABLE_CORS_HEADERS` to a false value.',
  ]);
  assert.deepStrictEqual(check('LMS_ROOT_URL: https://lms.test\nENABLE_CORS_HEADERS: true\nCORS_ORIGIN_WHITELIST: [a]\n'), []);
  // ENABLE_CORS_HEADERS not set here: its default (False) decides, and the message names the setting the file turns off.
  assert.deepStrictEqual(check('LMS_ROOT_URL: https://lms.test\nENABLE_CROSS_DOMAIN_CSRF_COOKIE: false\nCORS_ORIGIN_WHITELIST: [a]\n'), [
    '2:0-2:21 `CORS_ORIGIN_WHITELIST` has no effect: it is read only when `ENABLE_CORS_HEADERS or ENABLE_CROSS_DOMAIN_CSRF_COOKIE`, and this file sets `ENABLE_CROSS_DOMAIN_CSRF_COOKIE` to a false value.',
  ]);
  assert.deepStrictEqual(check('LMS_ROOT_URL: https://lms.test\nENABLE_THIRD_PARTY_AUTH: false\nTHIRD_PARTY_AUTH_BACKENDS: [a]\n'), [
    '2:0-2:25 `THIRD_PARTY_AUTH_BACKENDS` has no effect: it is read only when `ENABLE_THIRD_PARTY_AUTH`, and this file sets `ENABLE_THIRD_PARTY_AUTH` to a false value.',
  ]);
});
