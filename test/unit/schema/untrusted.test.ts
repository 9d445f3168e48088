/**
 * What a hostile or careless schema file can do to validation: patterns that backtrack
 * catastrophically, patterns RE2 cannot run, `$ref`, and nesting deep enough to overflow the stack.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getPropertyValidator } from '../../../server/src/schema/ajv';
import type { IdaSchema } from '../../../server/src/schema/format';
import { parseSchemaText } from '../../../server/src/schema/load';
import { MAX_SCHEMA_DEPTH, nestingProblem } from '../../../server/src/schema/nesting';
import { compilePattern } from '../../../server/src/schema/regex';
import { schemaProblems, unsupportedReason } from '../../../server/src/schema/unsupported';

const EVIL_VALUE = `${'a'.repeat(40)}!`;
const RE2_REASON = 'patterns run on RE2, which has no backreferences or lookaround, so that none can take exponential time';

function userSchema(properties: Record<string, unknown>): IdaSchema {
  const parsed = parseSchemaText(JSON.stringify({ 'x-openedx-schema': { formatVersion: 2, ida: 'demo' }, properties }));
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
  return parsed.value;
}

function validate(schema: IdaSchema, name: string, value: unknown): { valid: boolean; ms: number } {
  const validator = getPropertyValidator(schema, name);
  assert.ok(validator?.ok, validator?.ok === false ? validator.error : 'no validator');
  const started = performance.now();
  const valid = validator.value(value);
  return { valid, ms: performance.now() - started };
}

test('a user schema whose pattern backtracks catastrophically: its validator answers at once', (t) => {
  const schema = userSchema({
    NAME: { type: 'string', pattern: '^(a+)+$' },
    MAP: { type: 'object', patternProperties: { '^(a|aa)+$': { type: 'integer' } } },
    KEYS: { type: 'object', propertyNames: { pattern: '^(a*)*$' } },
  });
  for (const [name, value, expected] of [
    ['NAME', EVIL_VALUE, false],
    ['NAME', 'a'.repeat(100_000), true],
    ['MAP', { [EVIL_VALUE]: 'x', aaaa: 'not an integer' }, false],
    ['MAP', { [EVIL_VALUE]: 'x', aaaa: 4 }, true],
    ['KEYS', { [EVIL_VALUE]: 1 }, false],
  ] as const) {
    const { valid, ms } = validate(schema, name, value);
    t.diagnostic(`${name}: ${ms.toFixed(2)} ms`);
    assert.equal(valid, expected, name);
    // A hang guard: a backtracking engine takes hours on these.
    assert.ok(ms < 1000, `${name}: ${ms} ms`);
  }
});

test('ordinary patterns still validate as JavaScript patterns do, \\u escapes included', () => {
  const schema = userSchema({
    HOST: { type: 'string', pattern: '^[a-z0-9.-]+\\.example\\.com$' },
    CODE: { type: 'string', pattern: '^\\d{3}-\\w+$' },
    ACCENT: { type: 'string', pattern: '^caf\\u00e9|\\u{1F600}$' },
    SLASHED: { type: 'string', pattern: '^\\\\u00e9$' },
  });
  assert.equal(validate(schema, 'HOST', 'lms.example.com').valid, true);
  assert.equal(validate(schema, 'HOST', 'lms.example.org').valid, false);
  assert.equal(validate(schema, 'CODE', '123-abc').valid, true);
  assert.equal(validate(schema, 'CODE', '12-abc').valid, false);
  assert.equal(validate(schema, 'ACCENT', 'café').valid, true);
  assert.equal(validate(schema, 'ACCENT', 'x😀').valid, true);
  assert.equal(validate(schema, 'ACCENT', 'cafe').valid, false);
  // An escaped backslash followed by `u00e9` is those characters, not an escape.
  assert.equal(validate(schema, 'SLASHED', '\\u00e9').valid, true);
  assert.equal(validate(schema, 'SLASHED', 'é').valid, false);
});

test('a pattern RE2 cannot run (backreference, lookahead): that property is reported and unchecked, the others still work', () => {
  const schema = userSchema({
    BACKREF: { type: 'string', pattern: '^(a)\\1$' },
    LOOKAHEAD: { type: 'object', patternProperties: { '^(?=x)': { type: 'string' } } },
    FINE: { type: 'integer' },
  });
  assert.deepEqual(schemaProblems(schema), [
    `"properties.BACKREF": a pattern is not supported (invalid escape sequence): ${RE2_REASON}; values of BACKREF are not checked`,
    `"properties.LOOKAHEAD": a pattern is not supported (invalid or unsupported Perl syntax): ${RE2_REASON}; values of LOOKAHEAD are not checked`,
  ]);
  const backref = getPropertyValidator(schema, 'BACKREF');
  assert.deepEqual(backref, { ok: false, error: `Schema of "BACKREF" is not used: a pattern is not supported (invalid escape sequence): ${RE2_REASON}` });
  assert.equal(validate(schema, 'FINE', 'x').valid, false);
  assert.equal(validate(schema, 'FINE', 3).valid, true);
});

test('a user schema with "$ref": "#" is refused for that property, not run into a stack overflow', () => {
  const schema = userSchema({ LOOP: { $ref: '#' }, NESTED: { type: 'object', properties: { a: { anyOf: [{ $ref: '#/definitions/x' }] } } }, FINE: { type: 'string' } });
  const reason = '"$ref" is not supported (an Open edX Config schema describes each setting in place)';
  assert.deepEqual(schemaProblems(schema), [`"properties.LOOP": ${reason}; values of LOOP are not checked`, `"properties.NESTED": ${reason}; values of NESTED are not checked`]);
  assert.deepEqual(getPropertyValidator(schema, 'LOOP'), { ok: false, error: `Schema of "LOOP" is not used: ${reason}` });
  assert.equal(validate(schema, 'FINE', 1).valid, false);
});

test('data named like keywords is not mistaken for them: a property called "$ref", a default holding a pattern', () => {
  assert.equal(unsupportedReason({ type: 'object', properties: { $ref: { type: 'string' }, pattern: { type: 'string' } } }), undefined);
  assert.equal(unsupportedReason({ type: 'object', default: { $ref: '#', pattern: '(a)\\1' }, enum: [{ $ref: '#' }], examples: [{ pattern: '(?=' }] }), undefined);
});

test('compiled patterns are cached, failures too, and a failure never quotes the pattern', () => {
  assert.strictEqual(compilePattern('^a+$'), compilePattern('^a+$'));
  const failed = compilePattern('(?<!secret)x');
  assert.ok(!failed.ok);
  assert.strictEqual(compilePattern('(?<!secret)x'), failed);
  assert.doesNotMatch(failed.error, /secret/);
});

test(`a user schema nested deeper than ${MAX_SCHEMA_DEPTH} levels is refused when loaded, naming the property`, (t) => {
  // Written as text: JSON.stringify itself recurses once per level.
  const nested = (levels: number): string => `${'{"type":"object","properties":{"A":'.repeat(levels)}{"type":"string"}${'}}'.repeat(levels)}`;
  const text = (levels: number): string => `{"x-openedx-schema":{"formatVersion":2,"ida":"demo"},"properties":{"DEEP":${nested(levels)},"FINE":{"type":"string"}}}`;
  // The document is level 1, `properties` 2, DEEP 3, and each nested property two more.
  assert.ok(parseSchemaText(text(30)).ok);
  assert.deepEqual(parseSchemaText(text(31)), { ok: false, error: `"properties.DEEP" is nested deeper than ${MAX_SCHEMA_DEPTH} levels; the schema is not used` });
  for (const levels of [20_000]) {
    const started = performance.now();
    const parsed = parseSchemaText(text(levels));
    t.diagnostic(`${levels} levels: refused in ${(performance.now() - started).toFixed(0)} ms`);
    assert.deepEqual(parsed, { ok: false, error: `"properties.DEEP" is nested deeper than ${MAX_SCHEMA_DEPTH} levels; the schema is not used` });
  }
});

test('the nesting bound names the top-level part, arrays count as levels, and the document itself when that is all there is', () => {
  assert.equal(nestingProblem({ a: [[[1]]] }, 3), '"a" is nested deeper than 3 levels; the schema is not used');
  assert.equal(nestingProblem({ a: [[1]] }, 3), undefined);
  assert.equal(nestingProblem([[[]]], 2), '"0" is nested deeper than 2 levels; the schema is not used');
  assert.equal(nestingProblem({ x: {} }, 1), '"x" is nested deeper than 1 levels; the schema is not used');
  assert.equal(nestingProblem({}, 0), 'the document is nested deeper than 0 levels; the schema is not used');
});
