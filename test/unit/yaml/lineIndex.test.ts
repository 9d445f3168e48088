import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../../server/src/yaml';

test('maps offsets and positions with \\n, \\r\\n and lone \\r line breaks', () => {
  const index = LineIndex.of('a\nbc\r\nd\re');
  assert.equal(index.lineCount, 4);
  assert.deepEqual([0, 1, 2, 3].map((l) => index.lineText(l)), ['a', 'bc', 'd', 'e']);
  assert.deepEqual(index.positionAt(4), { line: 1, character: 2 });
  assert.equal(index.offsetAt({ line: 2, character: 0 }), 6);
  assert.equal(index.offsetAt({ line: 3, character: 1 }), 9);
});

test('clamps positions past a line end or the text end', () => {
  const index = LineIndex.of('ab\r\ncd');
  assert.equal(index.offsetAt({ line: 0, character: 10 }), 2);
  assert.equal(index.offsetAt({ line: 9, character: 0 }), 6);
  assert.deepEqual(index.positionAt(99), { line: 1, character: 2 });
});

test('a text ending with a line break has a final empty line', () => {
  const index = LineIndex.of('A: 1\n');
  assert.equal(index.lineCount, 2);
  assert.equal(index.lineText(1), '');
});

test('withEdit gives the same index as building one from the new text', () => {
  const chars = fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n');
  fc.assert(
    fc.property(fc.array(chars, { maxLength: 30 }), fc.nat(), fc.nat(4), fc.array(chars, { maxLength: 6 }), (textParts, at, del, insParts) => {
      const text = textParts.join('');
      const inserted = insParts.join('');
      const start = at % (text.length + 1);
      const end = Math.min(text.length, start + del);
      const next = text.slice(0, start) + inserted + text.slice(end);
      const incremental = LineIndex.of(text).withEdit(start, end, inserted, next);
      const fresh = LineIndex.of(next);
      assert.equal(incremental.lineCount, fresh.lineCount);
      for (let o = 0; o <= next.length; o++) assert.deepEqual(incremental.positionAt(o), fresh.positionAt(o));
    }),
    { numRuns: 500 },
  );
});
