/**
 * A file with problems on every line: the server publishes the first 1,000 diagnostics and one
 * `too-many-problems` diagnostic counting the rest, so neither the first publication nor an edit's
 * carries 200,000 of them. Time and memory are printed; time is asserted only as a hang guard.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { brief } from '../helpers/diagnostics';
import { LspClient } from '../protocol/harness';
import { removeWorkspace, tempWorkspace } from '../protocol/workspace';
import { peakRssMb, timed } from './bounds';
import { answered } from './session';

/** Generous: the shared machines measured 5–10 s for the first publication under load. */
const HANG_MS = 60_000;

test('100,000 lines of `K: [` in an lms.yml: 1,000 diagnostics and one "and N more", on open and after an edit', async (t) => {
  const ws = tempWorkspace('robust-many');
  const client = await LspClient.start({ workspaceFolders: [ws] });
  try {
    const text = 'K: [\n'.repeat(100_000);
    const uri = await client.open(path.join(ws, 'many', 'lms.yml'), text);
    const first = await timed(() => answered(client, 'first diagnostics', client.diagnosticsFor(uri, 1), HANG_MS));
    t.diagnostic(`first diagnostics: wall ${Math.round(first.millis)} ms, peak RSS ${Math.round(peakRssMb(client.child.pid))} MB`);
    const diagnostics = first.result.diagnostics;
    assert.equal(diagnostics.length, 1001);
    assert.deepEqual(brief(diagnostics[1000]), ['too-many-problems', '449:0-449:1', 'information', 'And 199,101 more problems not shown (only the first 1,000 of a file are listed).']);
    assert.ok(diagnostics.slice(0, 1000).every((d) => d.code !== 'too-many-problems'));

    // An edit in the middle of the file, far past the listed problems.
    const at = { line: 50_000, character: 0 };
    const edit = await timed(async () => {
      const version = await client.change(uri, [{ range: { start: at, end: at }, text: 'Y' }]);
      return answered(client, 'diagnostics after an edit', client.diagnosticsFor(uri, version), HANG_MS);
    });
    t.diagnostic(`an edit: wall ${Math.round(edit.millis)} ms, peak RSS ${Math.round(peakRssMb(client.child.pid))} MB`);
    assert.equal(edit.result.diagnostics.length, 1001);
    // `YK` is no duplicate of `K`: one problem fewer, still hidden.
    assert.equal(edit.result.diagnostics[1000].message, 'And 199,100 more problems not shown (only the first 1,000 of a file are listed).');
    assert.ok(first.millis < HANG_MS && edit.millis < HANG_MS);
  } finally {
    await client.stop();
    removeWorkspace(ws);
  }
});
