import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lastAtOrBefore } from '../../../server/src/common/search';

test('an empty table has no element at or before any target', () => {
  assert.equal(lastAtOrBefore([], 0), -1);
  assert.equal(lastAtOrBefore([], -5), -1);
  assert.equal(lastAtOrBefore(new Int32Array(0), 7), -1);
});

test('a target before the first element gives -1', () => {
  assert.equal(lastAtOrBefore([3], 2), -1);
  assert.equal(lastAtOrBefore([3, 5, 9], 2), -1);
  assert.equal(lastAtOrBefore([0, 4, 8], -1), -1);
});

test('a target equal to an element gives that element, between two the lower one', () => {
  const table = [0, 4, 8, 12];
  assert.deepEqual(
    [0, 1, 3, 4, 5, 7, 8, 11, 12].map((t) => lastAtOrBefore(table, t)),
    [0, 0, 0, 1, 1, 1, 2, 2, 3],
  );
  assert.equal(lastAtOrBefore([3], 3), 0);
});

test('a target after the last element gives the last index', () => {
  assert.equal(lastAtOrBefore([3], 4), 0);
  assert.equal(lastAtOrBefore([0, 4, 8, 12], 13), 3);
  assert.equal(lastAtOrBefore([0, 4, 8, 12], Number.MAX_SAFE_INTEGER), 3);
});

test('in a run of equal elements the last of the run is found', () => {
  const table = [1, 2, 2, 2, 5, 5, 7];
  assert.equal(lastAtOrBefore(table, 2), 3);
  assert.equal(lastAtOrBefore(table, 3), 3);
  assert.equal(lastAtOrBefore(table, 5), 5);
  assert.equal(lastAtOrBefore(table, 1), 0);
  assert.equal(lastAtOrBefore([4, 4, 4], 4), 2);
  assert.equal(lastAtOrBefore([4, 4, 4], 3), -1);
});

test('typed arrays give the same answers as plain arrays', () => {
  const plain = [0, 10, 10, 25, 40];
  const typed = Int32Array.from(plain);
  for (const t of [-1, 0, 9, 10, 11, 25, 39, 40, 41]) assert.equal(lastAtOrBefore(typed, t), lastAtOrBefore(plain, t), `target ${t}`);
});

test('agrees with a linear scan on random sorted tables', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 40 }), fc.integer({ min: -60, max: 60 }), (values, target) => {
      const table = [...values].sort((a, b) => a - b);
      let expected = -1;
      for (let i = 0; i < table.length; i++) if (table[i] <= target) expected = i;
      assert.equal(lastAtOrBefore(table, target), expected);
    }),
    { numRuns: 500 },
  );
});
