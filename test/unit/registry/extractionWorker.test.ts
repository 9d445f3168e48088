/**
 * Live extraction in a worker thread (server/src/registry/extractionWorker.ts), on the example
 * demo IDA: the same catalog as an extraction in this process, superseded requests answered with
 * the newer extraction, and an extraction over its budget stopped with a new worker for the next.
 * The worker's test-only delay hook (`OPENEDX_CONFIG_TEST_EXTRACT_DELAY_MS`) is read from the
 * environment when a worker starts.
 */
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectIdas } from '../../../server/src/extractor/detect';
import { TEST_DELAY_ENV } from '../../../server/src/extractor/workerMessages';
import { LastingExtractionError } from '../../../server/src/registry/catalogCache';
import { WorkerExtractor } from '../../../server/src/registry/extractionWorker';
import { InProcessExtractor } from '../../../server/src/registry/liveExtractor';
import { documentedModule, writeSettingsPackage } from '../../robustness/pythonPackages';

const DEMO = path.resolve(__dirname, '..', '..', '..', '..', 'examples', 'demo-ida');
const detected = detectIdas(DEMO).find((d) => d.ida === 'demo');
if (detected === undefined) throw new Error('no demo IDA in examples/demo-ida');
const demo = detected;

const extractors: { dispose(): void }[] = [];
afterEach(() => {
  extractors.splice(0).forEach((e) => e.dispose());
  delete process.env[TEST_DELAY_ENV];
});

function worker(budgetMs = 20_000): WorkerExtractor {
  const w = new WorkerExtractor({ budgetMs });
  extractors.push(w);
  return w;
}

test('a worker extracts the catalog an extraction in this process gives, unsaved buffers included', async () => {
  const defaults = path.join(DEMO, 'demo', 'settings', 'defaults.py');
  const buffers = new Map([[defaults, 'BUFFER_ONLY_SETTING = 1\n']]);
  const inProcess = new InProcessExtractor();
  extractors.push(inProcess);
  const w = worker();
  const [there, here] = [await w.extract(demo, buffers), await inProcess.extract(demo, buffers)];
  assert.deepEqual(there.catalog, here.catalog);
  assert.ok(there.catalog.settings.some((s) => s.name === 'BUFFER_ONLY_SETTING'));
  // Again, from what the worker kept: the same catalog.
  assert.deepEqual((await w.extract(demo, buffers)).catalog, here.catalog);
  assert.equal(w.stats.started, 1);
});

test('after an edit, the settings the worker kept or made anew but equal are sent as references to the last catalog: the very objects received then', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oxc-worker-'));
  try {
    // A module over the snapshot size, star-importing nothing: replayed, not read again, after an edit of base.py.
    writeSettingsPackage(root, 'wida', { 'base.py': 'from .big import *\nEDITED = 1\n', 'big.py': documentedModule(2_000) });
    const wida = detectIdas(root).find((d) => d.ida === 'wida');
    assert.ok(wida !== undefined);
    const w = worker();
    const before = await w.extract(wida, undefined);
    const edited = await w.extract(wida, new Map([[path.join(root, 'wida', 'settings', 'base.py'), 'from .big import *\nEDITED = 2\n']]));
    const inProcess = new InProcessExtractor();
    extractors.push(inProcess);
    assert.deepEqual(edited.catalog, (await inProcess.extract(wida, new Map([[path.join(root, 'wida', 'settings', 'base.py'), 'from .big import *\nEDITED = 2\n']]))).catalog);
    const byName = new Map(before.catalog.settings.map((s) => [`${s.name}.${s.path.join('.')}`, s]));
    const same = edited.catalog.settings.filter((s) => byName.get(`${s.name}.${s.path.join('.')}`) === s).length;
    // 500 of the 501: all but EDITED. The 250 documented ones are new objects in the worker (the
    // builder copies a documented setting to drop its doc's file, `catalogBuilder.ts`), sent as
    // references all the same because they are equal to the ones sent before.
    assert.equal(edited.catalog.settings.length, 501);
    assert.equal(same, 500);
    assert.equal(edited.catalog.settings.find((s) => byName.get(`${s.name}.${s.path.join('.')}`) !== s)?.name, 'EDITED');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('requests for the same sources while one runs: the waiting one is superseded, every caller gets the newest extraction', async () => {
  process.env[TEST_DELAY_ENV] = '300';
  const w = worker();
  const defaults = path.join(DEMO, 'demo', 'settings', 'defaults.py');
  const first = w.extract(demo, new Map([[defaults, 'FIRST = 1\n']]));
  const second = w.extract(demo, new Map([[defaults, 'SECOND = 1\n']]));
  const third = w.extract(demo, new Map([[defaults, 'THIRD = 1\n']]));
  const names = (await Promise.all([first, second, third])).map((e) => e.catalog.settings.filter((s) => ['FIRST', 'SECOND', 'THIRD'].includes(s.name)).map((s) => s.name));
  assert.deepEqual(names, [['THIRD'], ['THIRD'], ['THIRD']]);
  assert.equal(w.stats.superseded, 2);
});

test('an extraction over its budget: the worker is stopped, the callers told it took too long, and the next request gets a new worker', async () => {
  process.env[TEST_DELAY_ENV] = '6000';
  // Well above a cold worker's first extraction of the demo IDA, on a loaded machine.
  const w = worker(1500);
  await assert.rejects(w.extract(demo, undefined), (e: unknown) => {
    assert.ok(e instanceof LastingExtractionError);
    assert.equal(e.message, 'extraction of demo took too long (over 1500 ms); stopped');
    return true;
  });
  assert.equal(w.stats.overBudget, 1);
  delete process.env[TEST_DELAY_ENV];
  const next = await w.extract(demo, undefined);
  assert.ok(next.catalog.settings.length > 0);
  assert.equal(w.stats.started, 2);
});
