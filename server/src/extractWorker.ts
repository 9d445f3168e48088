/**
 * The extraction worker (`dist/extract-worker.js`): a `worker_threads` Worker of the language
 * server that runs live extractions, so that a settings module that makes the parser crawl never
 * blocks the server's answers. It keeps what extractions keep for the next one
 * (`extractor/extractionCache.ts`) for as long as it lives; the server terminates it when an
 * extraction runs over its time budget and starts a new one (`registry/extractionWorker.ts`).
 * Messages: `extractor/workerMessages.ts`. No code cache: the worker starts once, off the server's
 * thread, and its start-up delays no answer.
 */
import { parentPort } from 'node:worker_threads';
import { describeError } from './common/describeError';
import { sameJson } from './common/sameJson';
import { extractIda } from './extractor/extract';
import { ExtractionCache } from './extractor/extractionCache';
import { TEST_DELAY_ENV, type FromWorker, type ToWorker, type WireCatalog } from './extractor/workerMessages';
import type { Catalog, Setting } from './catalog/types';

const cache = new ExtractionCache();
/** The settings of the last catalog sent per source key (see {@link WireCatalog}). */
const lastSent = new Map<string, Setting[]>();
const port = parentPort;
const testDelayMs = Number(process.env[TEST_DELAY_ENV] ?? 0);

/** Blocks the thread, as a crawling parse does (test hook only). */
function blockFor(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

async function handle(message: ToWorker): Promise<FromWorker | undefined> {
  if (message.type === 'clear') {
    cache.clear();
    lastSent.clear();
    return undefined;
  }
  try {
    if (testDelayMs > 0) blockFor(testDelayMs);
    const overlay = new Map(message.overlay);
    const result = await extractIda(message.detected, { cache, ...(overlay.size > 0 ? { overlay } : {}) });
    return { type: 'done', id: message.id, catalog: toWire(message.key, result.catalog), millis: result.millis, postedAt: performance.timeOrigin + performance.now() };
  } catch (e) {
    return { type: 'failed', id: message.id, message: describeError(e) };
  }
}

/**
 * The catalog as sent: a setting sent last time for this key goes as its index then, also when
 * the extraction made it anew but equal (an edit re-runs every module after the edited one, which
 * rebuilds some 500 of the LMS's 880 settings unchanged: sent whole, they took 5 ms to hand over,
 * and the server would build their schemas again).
 */
function toWire(key: string, catalog: Catalog): WireCatalog {
  const before = lastSent.get(key) ?? [];
  const index = new Map<Setting, number>(before.map((s, i) => [s, i]));
  const byName = new Map<string, number>(before.map((s, i) => [settingKey(s), i]));
  const sent: Setting[] = [];
  const settings = catalog.settings.map((s) => {
    let i = index.get(s);
    if (i === undefined) {
      const same = byName.get(settingKey(s));
      if (same !== undefined && sameJson(before[same], s)) i = same;
    }
    sent.push(i === undefined ? s : before[i]);
    return i ?? s;
  });
  lastSent.set(key, sent);
  return { ...catalog, settings };
}

function settingKey(s: Setting): string {
  return [s.name, ...s.path].join('\0');
}

// Messages are handled one after the other: an extraction is synchronous once the parser is loaded.
let queue: Promise<void> = Promise.resolve();
port?.on('message', (message: ToWorker) => {
  queue = queue.then(async () => {
    const answer = await handle(message);
    if (answer !== undefined) port.postMessage(answer);
  });
});
