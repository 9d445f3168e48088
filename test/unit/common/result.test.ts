import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorMessage, fail, failWith, ok, type Result } from '../../../server/src/common/result';

test('ok and fail build the two shapes, and nothing else', () => {
  assert.deepStrictEqual(ok(3), { ok: true, value: 3 });
  assert.deepStrictEqual(ok(undefined), { ok: true, value: undefined });
  assert.deepStrictEqual(fail('no schema'), { ok: false, error: 'no schema' });
});

test('a Result narrows on ok', () => {
  const results: Result<number>[] = [ok(2), fail('bad')];
  const seen = results.map((r) => (r.ok ? `value ${r.value * 2}` : `error ${r.error}`));
  assert.deepStrictEqual(seen, ['value 4', 'error bad']);
});

test('fail is assignable to any Result, so a failure passes through unchanged', () => {
  const failed = fail('x.json: not valid JSON');
  const asString: Result<string> = failed;
  const asNumber: Result<number> = failed;
  assert.strictEqual(asString, asNumber);
});

test('failWith carries a code, which a coded Result requires and narrows to', () => {
  type Kind = 'unreadable-file' | 'file-too-large';
  const results: Result<string, Kind>[] = [ok('A = 1\n'), failWith('big.py is too large', 'file-too-large')];
  assert.deepStrictEqual(results[1], { ok: false, error: 'big.py is too large', code: 'file-too-large' });
  const codes = results.map((r) => (r.ok ? 'read' : r.code));
  assert.deepStrictEqual(codes, ['read', 'file-too-large']);
});

test('errorMessage: an Error gives its message, anything else its string form', () => {
  assert.equal(errorMessage(new Error('boom')), 'boom');
  assert.equal(errorMessage(new TypeError('wrong type')), 'wrong type');
  assert.equal(errorMessage('plain'), 'plain');
  assert.equal(errorMessage(42), '42');
  assert.equal(errorMessage(undefined), 'undefined');
  assert.equal(errorMessage(null), 'null');
  assert.equal(errorMessage({ code: 1 }), '[object Object]');
});
