import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, type Scalar } from 'yaml';
import { isTruthy, resolvePlain, resolveScalar } from '../../../server/src/yaml';

// Expected values checked against PyYAML 6 `yaml.safe_load`.
const PYYAML: Array<[string, string, unknown]> = [
  ['yes', 'boolean', true],
  ['Off', 'boolean', false],
  ['y', 'string', 'y'],
  ['1e5', 'string', '1e5'],
  ['1.0e+5', 'float', 100000],
  ['1.', 'float', 1],
  ['.5', 'float', 0.5],
  ['0777', 'integer', 511],
  ['09', 'string', '09'],
  ['1:30', 'integer', 90],
  ['1_000', 'integer', 1000],
  ['0x1F', 'integer', 31],
  ['0b11', 'integer', 3],
  ['-.Inf', 'float', -Infinity],
  ['0o7', 'string', '0o7'],
  ['~', 'null', null],
  ['', 'null', null],
  ['Null', 'null', null],
  ['2020-01-01', 'date', '2020-01-01'],
  ['2020-1-1 1:02:03', 'date', '2020-1-1 1:02:03'],
  ['1:30.5', 'float', 90.5],
  ['+1', 'integer', 1],
  ['hello', 'string', 'hello'],
];

for (const [source, kind, value] of PYYAML) {
  test(`plain ${JSON.stringify(source)} is a ${kind} as in PyYAML`, () => {
    assert.deepEqual(resolvePlain(source), { kind, value });
  });
}

test('.nan is a float NaN', () => {
  const r = resolvePlain('.NaN');
  assert.equal(r.kind, 'float');
  assert.ok(Number.isNaN(r.value));
});

function scalar(text: string): Scalar {
  return parseDocument(`v: ${text}`, { version: '1.1' }).get('v', true) as Scalar;
}

test('quoted and block scalars are strings; explicit tags win', () => {
  assert.deepEqual(resolveScalar(scalar('"yes"')), { kind: 'string', value: 'yes' });
  assert.deepEqual(resolveScalar(scalar("'10'")), { kind: 'string', value: '10' });
  assert.deepEqual(resolveScalar(scalar('!!str 10')), { kind: 'string', value: '10' });
  assert.deepEqual(resolveScalar(scalar('!!int "10"')), { kind: 'integer', value: 10 });
});

test('truthiness follows Python', () => {
  assert.equal(isTruthy(resolvePlain('off')), false);
  assert.equal(isTruthy(resolvePlain('0')), false);
  assert.equal(isTruthy(resolvePlain('""')), true);
  assert.equal(isTruthy({ kind: 'string', value: '' }), false);
  assert.equal(isTruthy(resolvePlain('~')), false);
  assert.equal(isTruthy(resolvePlain('yes')), true);
});
