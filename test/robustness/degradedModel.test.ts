/**
 * Property: in the degraded mode (a document too large to parse, held as runs of up to 256 lines),
 * random edits applied incrementally give the same model as a from-scratch parse of the same
 * text, including edits right at the boundaries of those runs and edits that cross the size limit.
 * (test/unit/yaml/incremental.test.ts covers the parsed mode.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdit, parseFromScratch, type YamlModel } from '../../server/src/yaml';
import { MAX_UNPARSED_SEGMENT_LINES } from '../../server/src/yaml/limits';
import { modelSnapshot } from '../helpers/modelSnapshot';
import { positionOf } from '../helpers/caret';
import { fractionArb } from './edits';

const SCALE = Number(process.env.FUZZ_SCALE ?? '1');
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** Lines of a config file, including the ones that start or interrupt a run. */
const LINES = ['KEY: value', 'OTHER: 1', '  nested: 2', '- item', '', '# comment', '# openedx-config: disable=unknown-key', '---', '...', '{% if X %}', '{{ patch("x") }}', '"Q K": [', 'bad\u0001key: 1', '\uFEFFBOM: 1'];
const INSERTS = ['\n', '\r\n', '\r', 'K: 1\n', '---\n', ' ', '  ', 'x', '', '{% if a\n', '%}\n', '\u0007', '- a\n'];

const documentArb = fc.array(fc.constantFrom(...LINES), { minLength: MAX_UNPARSED_SEGMENT_LINES - 20, maxLength: 3 * MAX_UNPARSED_SEGMENT_LINES });
const editArb = fc.record({
  /** Near a run boundary (a multiple of the run length) or anywhere. */
  line: fc.oneof(fc.integer({ min: -3, max: 3 }).chain((d) => fc.constantFrom(1, 2).map((k) => k * MAX_UNPARSED_SEGMENT_LINES + d)), fractionArb.map((f) => Math.floor(f * 3 * MAX_UNPARSED_SEGMENT_LINES))),
  column: fc.integer({ min: 0, max: 6 }),
  deleteLength: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })),
  insert: fc.constantFrom(...INSERTS),
});

function assertSameAsScratch(model: YamlModel, text: string): void {
  assert.equal(model.text, text);
  assert.deepEqual(modelSnapshot(model), modelSnapshot(parseFromScratch(text, model.options)));
}

test('degraded mode: incremental edits equal a from-scratch parse, at run boundaries too', () => {
  fc.assert(
    fc.property(documentArb, fc.array(editArb, { minLength: 1, maxLength: 10 }), (lines, edits) => {
      let text = lines.join('\n');
      const options = { maxParsedLength: 0 };
      let model = parseFromScratch(text, options);
      assert.ok(model.degraded !== undefined);
      for (const edit of edits) {
        const starts = [0];
        for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
        let start = Math.min(text.length, (starts[Math.min(Math.max(0, edit.line), starts.length - 1)] ?? 0) + edit.column);
        if (start > 0 && text[start - 1] === '\r' && text[start] === '\n') start--;
        let end = Math.min(text.length, start + edit.deleteLength);
        if (end > 0 && text[end - 1] === '\r' && text[end] === '\n') end--;
        model = applyEdit(model, [{ range: { start: positionOf(text, start), end: positionOf(text, end) }, text: edit.insert }]);
        text = text.slice(0, start) + edit.insert + text.slice(end);
        assertSameAsScratch(model, text);
      }
    }),
    { numRuns: Math.round(150 * SCALE), includeErrorInReport: true, ...(SEED === undefined ? {} : { seed: SEED }) },
  );
});

test('crossing the size limit both ways keeps the model equal to a from-scratch parse', () => {
  fc.assert(
    fc.property(documentArb, fc.integer({ min: 100, max: 20_000 }), fractionArb, (lines, limit, at) => {
      const text = lines.join('\n');
      const options = { maxParsedLength: limit };
      const offset = Math.floor(at * text.length);
      const half = text.slice(0, offset);
      let model = parseFromScratch(half, options);
      model = applyEdit(model, [{ range: { start: positionOf(half, half.length), end: positionOf(half, half.length) }, text: text.slice(offset) }]);
      assertSameAsScratch(model, text);
      model = applyEdit(model, [{ range: { start: positionOf(text, offset), end: positionOf(text, text.length) }, text: '' }]);
      assertSameAsScratch(model, half);
    }),
    { numRuns: Math.round(60 * SCALE), includeErrorInReport: true, ...(SEED === undefined ? {} : { seed: SEED }) },
  );
});
