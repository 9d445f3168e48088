/**
 * How the registry finds and scans Python environments (`EnvironmentSupport`): in this process
 * (the CLI, one-shot), or in a worker thread per scan (the language server), both with the same
 * scanner (`libraries/`). A scan's cache goes in a folder per environment under the configured
 * cache folder.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describeError } from '../common/describeError';
import { detectWorkspaceEnvironment, resolveEnvironment } from '../libraries/environment';
import { readingPackages } from '../libraries/readingPackages';
import { scanEnvironment } from '../libraries/scanEnvironment';
import type { FromScanWorker, ScanRequest } from '../libraries/scanMessages';
import type { EnvironmentScanner, EnvironmentScanResult, EnvironmentSupport } from './environmentLibraries';

/** The cache folder of one environment: the environments of a machine share the configured folder. */
export function environmentCacheDir(cacheFolder: string, sitePackages: string): string {
  const id = crypto.createHash('sha256').update(path.resolve(sitePackages)).digest('hex').slice(0, 16);
  return path.join(cacheFolder, id);
}

/** Finding environments, whatever runs the scan. */
function finding(scan: EnvironmentScanner): EnvironmentSupport {
  const resolve = (given: string): string | undefined => {
    const found = resolveEnvironment(given);
    return found.ok ? found.value.sitePackages : undefined;
  };
  return {
    resolve,
    detect: (folder) => {
      const venv = detectWorkspaceEnvironment(folder);
      return venv === undefined ? undefined : resolve(venv);
    },
    scan,
  };
}

/** Scans in this process (the CLI). */
export function inProcessEnvironments(): EnvironmentSupport {
  return finding(async ({ sitePackages, cacheFolder }, progress, signal): Promise<EnvironmentScanResult> => {
    const scan = await scanEnvironment(sitePackages, { cacheDir: environmentCacheDir(cacheFolder, sitePackages), signal, onProgress: (p) => progress(p.done, p.total) });
    return { catalog: scan.catalog, packages: readingPackages(scan.catalog), cache: { reused: scan.stats.fromCache, scanned: scan.stats.scanned } };
  });
}

/** Options of {@link workerEnvironments}. */
export interface ScanWorkerOptions {
  /** The worker's script. Default: `scan-worker.js` beside the bundle, or the compiled `scanWorker.js`. */
  script?: string;
  /** Longest a scan may take before its worker is terminated. Default {@link DEFAULT_SCAN_BUDGET_MS}. */
  budgetMs?: number;
  /** Old-generation heap limit of the worker, in MB. Default 1024. */
  maxHeapMb?: number;
}

/** A scan of a big environment reads some ten thousand modules: a few seconds; a cold disk may take longer. */
export const DEFAULT_SCAN_BUDGET_MS = 120_000;

/** Scans in a worker thread per scan (the language server): aborting terminates it. */
export function workerEnvironments(options: ScanWorkerOptions = {}): EnvironmentSupport {
  const script = options.script ?? locateScanWorker();
  const budgetMs = options.budgetMs ?? DEFAULT_SCAN_BUDGET_MS;
  const maxHeapMb = options.maxHeapMb ?? 1024;
  return finding(
    ({ sitePackages, cacheFolder }, progress, signal) =>
      new Promise<EnvironmentScanResult>((resolve, reject) => {
        if (signal.aborted) {
          reject(new Error('the scan was cancelled'));
          return;
        }
        const request: ScanRequest = { type: 'scan', sitePackages, cacheDir: environmentCacheDir(cacheFolder, sitePackages) };
        // stdout/stderr piped and dropped: the server's stdout may be its LSP connection.
        const worker = new Worker(script, { workerData: request, stdout: true, stderr: true, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
        worker.stdout.resume();
        worker.stderr.resume();
        worker.unref();
        let settled = false;
        const finish = (outcome: () => void): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          void worker.terminate();
          outcome();
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`the scan took too long (over ${Math.round(budgetMs / 1000)} s); stopped`))), budgetMs);
        const onAbort = (): void => finish(() => reject(new Error('the scan was cancelled')));
        signal.addEventListener('abort', onAbort);
        worker.on('message', (message: FromScanWorker) => {
          if (message.type === 'progress') progress(message.done, message.total);
          else if (message.type === 'done') finish(() => resolve({ catalog: message.catalog, packages: message.packages, cache: message.cache }));
          else finish(() => reject(new Error(message.message)));
        });
        worker.on('error', (e) => finish(() => reject(new Error(`the scan worker failed: ${describeError(e)}`))));
        worker.on('exit', (code) => finish(() => reject(new Error(`the scan worker stopped (exit code ${code})`))));
      }),
  );
}

/** `scan-worker.js` beside the server bundle, else the compiled worker (tests running from `out/`). */
function locateScanWorker(): string {
  const bundled = path.join(__dirname, 'scan-worker.js');
  return fs.existsSync(bundled) ? bundled : path.join(__dirname, '..', 'scanWorker.js');
}
