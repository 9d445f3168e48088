import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdit, parseFromScratch, type TextChange, type YamlModel } from '../../../server/src/yaml';
import { corpusFiles } from '../../helpers/corpus';
import { modelSnapshot } from '../../helpers/modelSnapshot';
import { positionOf } from '../../helpers/caret';

/** Fragments that stress segmentation: line breaks, column-0 keys, markers, templates, quotes, flows. */
const FRAGMENTS = [
  '\n', '\r\n', '\r', ' ', '  ', '\t', ':', ': ', '#', '# openedx-config: disable=unknown-key\n', '- ', '-', '---\n', '...\n', '%YAML 1.1\n',
  'KEY: value\n', 'K', 'x', 'NEW_SETTING: 3\n', '  nested: true\n', '{{ patch("x") }}\n', '{% if a %}\n', '{{', '}}', '{#', '#}',
  '"', "'", '[', ']', '{', '}', ',', '&a ', '*a', '|\n', '>-\n', 'yes', '0777', '\uFEFF', '\u0000', '? ', 'é',
];

/** Multiplies the number of runs (`FUZZ_SCALE=20` for a long local run). */
const SCALE = Number(process.env.FUZZ_SCALE ?? '1');

const editArb = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  deleteLength: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 80 })),
  insert: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 }), fc.constant('')),
});

/** Turns a relative edit into an LSP change against `text`, and applies it to the text too. */
function toChange(text: string, edit: { at: number; deleteLength: number; insert: string }): { change: TextChange; next: string } {
  // LSP positions cannot point between the `\r` and `\n` of a line break; keep offsets off it.
  const offBreak = (o: number): number => (o > 0 && text[o - 1] === '\r' && text[o] === '\n' ? o - 1 : o);
  const start = offBreak(Math.min(text.length, Math.floor(edit.at * (text.length + 1))));
  const end = offBreak(Math.min(text.length, start + edit.deleteLength));
  const change: TextChange = { range: { start: positionOf(text, start), end: positionOf(text, end) }, text: edit.insert };
  return { change, next: text.slice(0, start) + edit.insert + text.slice(end) };
}

function assertSameAsScratch(model: YamlModel, expectedText: string): void {
  assert.equal(model.text, expectedText);
  assert.deepEqual(modelSnapshot(model), modelSnapshot(parseFromScratch(expectedText, model.options)));
}

for (const [name, original] of corpusFiles()) {
  test(`incremental edits of ${name} equal a from-scratch parse`, () => {
    const initial = parseFromScratch(original);
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 8 }), (edits) => {
        let model = initial;
        let text = original;
        for (const edit of edits) {
          const { change, next } = toChange(text, edit);
          model = applyEdit(model, [change]);
          text = next;
        }
        assertSameAsScratch(model, text);
      }),
      { numRuns: (name.includes('mock') ? 40 : 150) * SCALE },
    );
  });
}

test('each step of an edit sequence on a small document equals a from-scratch parse', () => {
  const start = 'A: 1\nB:\n  c: 2\n# note\nD: [1,\n  2]\nE: |\n  text\n\nF: x\n';
  fc.assert(
    fc.property(fc.array(editArb, { minLength: 1, maxLength: 20 }), (edits) => {
      let model = parseFromScratch(start);
      let text = start;
      for (const edit of edits) {
        const { change, next } = toChange(text, edit);
        model = applyEdit(model, [change]);
        text = next;
        assertSameAsScratch(model, text);
      }
    }),
    { numRuns: 300 * SCALE },
  );
});

test('several changes in one event apply in order', () => {
  const model = parseFromScratch('A: 1\nB: 2\n');
  const next = applyEdit(model, [
    { range: { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } }, text: '10' },
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: 'BB' },
  ]);
  assertSameAsScratch(next, 'A: 10\nBB: 2\n');
});

test('a change without a range replaces the whole text', () => {
  const next = applyEdit(parseFromScratch('A: 1\n'), [{ text: 'Z: 2\n' }]);
  assertSameAsScratch(next, 'Z: 2\n');
});

test('an edit re-parses only the segment it touched and reuses the others', () => {
  const model = parseFromScratch('A: 1\nB: 22222\nC: 3\n');
  const next = applyEdit(model, [{ range: { start: { line: 1, character: 6 }, end: { line: 1, character: 7 } }, text: '99' }]);
  assert.equal(next.segments[0], model.segments[0]);
  assert.notEqual(next.segments[1], model.segments[1]);
  assert.equal(next.segments[2], model.segments[2]);
  assert.equal(next.entries[2].keyRange.start, 15);
  assert.equal(next.entries[1].value?.toString(), '222992');
});

test('crossing the size limit switches between parsed and degraded modes', () => {
  const options = { maxParsedLength: 20 };
  let model = parseFromScratch('A: 1\n', options);
  assert.equal(model.degraded, undefined);
  model = applyEdit(model, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'BBBBBBBBBBBBBBBBBB: 2\n' }]);
  assert.equal(model.degraded?.reason, 'too-large');
  assertSameAsScratch(model, 'A: 1\nBBBBBBBBBBBBBBBBBB: 2\n');
  model = applyEdit(model, [{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: '' }]);
  assert.equal(model.degraded, undefined);
});
