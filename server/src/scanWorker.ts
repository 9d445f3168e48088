/**
 * A library scan worker (`dist/scan-worker.js`): one `worker_threads` Worker per scan of a Python
 * environment (`libraries/scanEnvironment.ts`), so the thousands of modules of a `site-packages`
 * are read and parsed off the language server's thread. The server terminates it to cancel.
 * Messages: `libraries/scanMessages.ts`. Files are read, never run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from './common/describeError';
import { readingPackages } from './libraries/readingPackages';
import { scanEnvironment } from './libraries/scanEnvironment';
import type { FromScanWorker, ScanRequest } from './libraries/scanMessages';

async function run(request: ScanRequest): Promise<FromScanWorker> {
  try {
    const scan = await scanEnvironment(request.sitePackages, {
      cacheDir: request.cacheDir,
      onProgress: (p) => parentPort?.postMessage({ type: 'progress', done: p.done, total: p.total } satisfies FromScanWorker),
    });
    return { type: 'done', catalog: scan.catalog, packages: readingPackages(scan.catalog), cache: { reused: scan.stats.fromCache, scanned: scan.stats.scanned } };
  } catch (e) {
    return { type: 'failed', message: describeError(e) };
  }
}

const request = workerData as ScanRequest;
void run(request).then((answer) => parentPort?.postMessage(answer));
