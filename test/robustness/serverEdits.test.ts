/**
 * Property: random edit sequences applied to the real corpus files through the real server, over
 * stdio. After each batch of edits (one `didChange`), completion, hover, document symbols,
 * definition and code actions are all answered, with ranges inside the document; every published
 * diagnostic lies inside the text of the version it was published for; and in the end the server's
 * diagnostics, outline, completion and hover equal those of another server that only ever opened
 * the final text (a from-scratch parse). One server pair per corpus file; a failure prints the
 * fast-check seed (replay with `FUZZ_SEED=<seed>`; `FUZZ_SCALE=10` runs ten times as many).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { LspClient } from '../protocol/harness';
import { removeWorkspace, tempWorkspace } from '../protocol/workspace';
import { corpusDocuments } from './corpusDocuments';
import { batchArb, fractionArb, probeAt, toChange } from './edits';
import { assertDiagnosticsInside, TextBounds } from './ranges';
import { answered, askEverything, assertHealthy } from './session';

const SCALE = Number(process.env.FUZZ_SCALE ?? '1');
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** Runs per corpus file: fewer for the two large mock files, whose answers are larger. */
function runsFor(rel: string): number {
  return Math.max(1, Math.round((rel.endsWith('mock.yml') ? 20 : 35) * SCALE));
}

const scenarioArb = fc.record({
  batches: fc.array(batchArb, { minLength: 1, maxLength: 4 }),
  probes: fc.array(fractionArb, { minLength: 5, maxLength: 5 }),
});

for (const doc of corpusDocuments()) {
  test(`random edits of ${doc.rel} through the server: answers, ranges, and the same diagnostics as a fresh parse`, { timeout: 180_000 }, async (t) => {
    const ws = tempWorkspace('robust-edits');
    const server = await LspClient.start({ workspaceFolders: [ws] });
    const reference = await LspClient.start({ workspaceFolders: [ws] });
    let run = 0;
    const started = performance.now();
    try {
      await fc.assert(
        fc.asyncProperty(scenarioArb, async ({ batches, probes }) => {
          run++;
          const file = path.join(ws, `run-${run}`, doc.fileName);
          const uri = await server.open(file, doc.text);
          const texts = new Map<number, TextBounds>([[1, new TextBounds(doc.text)]]);
          let text = doc.text;
          let version = 1;
          for (const [i, batch] of batches.entries()) {
            const changes = batch.map((edit) => {
              const { change, next } = toChange(text, edit);
              text = next;
              return change;
            });
            version = await server.change(uri, changes);
            const bounds = new TextBounds(text);
            texts.set(version, bounds);
            const markers = server.published.get(uri)?.at(-1)?.diagnostics ?? [];
            await askEverything(server, uri, bounds, probeAt(text, probes[i]), markers);
          }
          const final = await answered(server, 'final diagnostics', server.diagnosticsFor(uri, version));
          const publications = server.published.get(uri) ?? [];
          for (const p of publications) {
            const published = texts.get(p.version ?? -1);
            assert.ok(published !== undefined, `diagnostics published for an unknown version ${p.version}`);
            assertDiagnosticsInside(p.diagnostics, published, `v${p.version}`);
          }
          const versions = publications.map((p) => p.version ?? 0);
          assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'a publication for an older version after a newer one');

          const refUri = await reference.open(path.join(ws, `fresh-${run}`, doc.fileName), text);
          const fresh = await answered(reference, 'fresh diagnostics', reference.diagnosticsFor(refUri, 1));
          assert.deepEqual(final.diagnostics, fresh.diagnostics, 'incremental diagnostics differ from a fresh parse of the same text');
          const probe = probeAt(text, probes[4]);
          const bounds = texts.get(version) ?? new TextBounds(text);
          const [mine, theirs] = await Promise.all([askEverything(server, uri, bounds, probe, final.diagnostics), askEverything(reference, refUri, bounds, probe, fresh.diagnostics)]);
          assert.deepEqual(mine, theirs, 'incremental outline, completion or hover differ from a fresh parse');
          await server.close(uri);
          await reference.close(refUri);
        }),
        { numRuns: runsFor(doc.rel), endOnFailure: true, includeErrorInReport: true, ...(SEED === undefined ? {} : { seed: SEED }) },
      );
      assertHealthy(server, 'edited server');
      assertHealthy(reference, 'reference server');
    } finally {
      t.diagnostic(`${run} edit sequences in ${Math.round(performance.now() - started)} ms`);
      await server.stop();
      await reference.stop();
      removeWorkspace(ws);
    }
  });
}
