import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLanguageService } from '../../../server/src/service';
import { applyEdit, parseFromScratch } from '../../../server/src/yaml';
import { positionOf } from '../../helpers/caret';
import { corpusFiles } from '../../helpers/corpus';
import { demoSchema } from '../../helpers/demoSchema';

const schema = demoSchema();
const service = createLanguageService({ now: () => new Date('2025-06-01') });
const SCALE = Number(process.env.FUZZ_SCALE ?? '1');
const FRAGMENTS = ['\n', ' ', ':', ': ', '#', '- ', '---\n', 'PORT: x\n', 'YOUTUBE:\n  API: 1\n', '{{ x }}', '{% if a %}\n', '"', '[', '{', '&a ', '*a', 'yes', 'SECRET_KEY: dev key\n'];

const editArb = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  deleteLength: fc.integer({ min: 0, max: 40 }),
  insert: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 5 })),
  probe: fc.double({ min: 0, max: 1, noNaN: true }),
});

for (const [name, original] of corpusFiles().filter(([n]) => !n.includes('lms/mock'))) {
  test(`random edits of ${name}: every request answers, ranges stay inside, incremental diagnostics equal fresh ones`, () => {
    const initial = parseFromScratch(original, { uri: `file:///x/${name}` });
    service.validate(initial, schema);
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 6 }), (edits) => {
        let model = initial;
        let text = original;
        for (const e of edits) {
          const offBreak = (o: number): number => (o > 0 && text[o - 1] === '\r' && text[o] === '\n' ? o - 1 : o);
          const start = offBreak(Math.floor(e.at * (text.length + 1)));
          const end = offBreak(Math.min(text.length, start + e.deleteLength));
          model = applyEdit(model, [{ range: { start: positionOf(text, start), end: positionOf(text, end) }, text: e.insert }]);
          text = text.slice(0, start) + e.insert + text.slice(end);
          const diagnostics = service.validate(model, schema);
          const last = model.lines.positionAt(text.length);
          for (const d of diagnostics) {
            assert.ok(d.range.end.line < last.line || (d.range.end.line === last.line && d.range.end.character <= last.character));
          }
          const probe = model.lines.positionAt(Math.floor(e.probe * text.length));
          service.complete(model, probe, schema);
          service.hover(model, probe, schema);
          service.definition(model, probe, schema);
          service.codeActions(model, { start: probe, end: probe }, diagnostics, schema);
        }
        service.documentSymbols(model);
        const fresh = parseFromScratch(text, { uri: `file:///x/${name}` });
        assert.deepEqual(service.validate(model, schema), service.validate(fresh, schema));
      }),
      { numRuns: 60 * SCALE },
    );
  });
}
