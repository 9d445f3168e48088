/**
 * Live extraction in a `worker_threads` Worker (`server/src/extractWorker.ts`): the language
 * server's thread only posts a request and receives the catalog, so a settings module that makes
 * the parser crawl delays that IDA's live schema, never the server's answers.
 *
 * - One request at a time is in the worker; the others wait here. A request for the same sources
 *   as a waiting one supersedes it (both callers get the newer extraction); one for the same
 *   sources as the running one supersedes that too: its callers get the newer one's answer.
 * - Each extraction has a time budget: past it the worker is terminated (with everything it kept),
 *   the callers get "extraction of X took too long", and the next request starts a new worker.
 * - The worker's heap is capped, and its stdout and stderr never reach the server's (which may be
 *   the LSP connection).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DetectedIda } from '../extractor/api';
import type { Catalog, Setting } from '../catalog/types';
import type { FromWorker, ToWorker, WireCatalog } from '../extractor/workerMessages';
import { describeError, ServerError } from '../common/describeError';
import { LastingExtractionError, sourceKey, type Extraction } from './catalogCache';
import { overlayOf, type LiveExtractor } from './liveExtractor';

/** Options; everything has a production default. */
export interface WorkerExtractorOptions {
  /** Longest one extraction may run before the worker is terminated. Default {@link DEFAULT_EXTRACTION_BUDGET_MS}. */
  budgetMs?: number;
  /** The worker's script. Default: `extract-worker.js` beside the bundle, or the compiled `extractWorker.js`. */
  script?: string;
  /** Old-generation heap limit of the worker, in MB. Default 1024. */
  maxHeapMb?: number;
}

/** The environment variable that sets the server's extraction budget in milliseconds (tests set it low). */
export const EXTRACT_BUDGET_ENV = 'OPENEDX_CONFIG_EXTRACT_BUDGET_MS';

/** Default time budget of one live extraction: Open edX's largest chain takes well under a second. */
export const DEFAULT_EXTRACTION_BUDGET_MS = 5_000;

interface Waiter {
  resolve: (extraction: Extraction) => void;
  reject: (error: Error) => void;
}

interface Job {
  id: number;
  key: string;
  detected: DetectedIda;
  overlay: [string, string][];
  waiters: Waiter[];
  /** A newer request for the same sources, made while this one ran: this one's callers get its answer. */
  supersededBy?: Job;
}

/** Counts, for tests and measurements. */
export interface WorkerStats {
  /** Workers started. */
  started: number;
  /** Workers terminated because an extraction ran over its budget. */
  overBudget: number;
  /** Requests superseded by a newer one for the same sources. */
  superseded: number;
  /** Milliseconds from the worker posting the last catalog to the server receiving it (structured clone both ways). */
  lastTransferMillis: number;
}

/** See the module comment. */
export class WorkerExtractor implements LiveExtractor {
  private worker: Worker | undefined;
  private running: { job: Job; timer: NodeJS.Timeout } | undefined;
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private disposed = false;
  private readonly budgetMs: number;
  private readonly script: string;
  private readonly maxHeapMb: number;
  /** The settings of the last catalog received per source key, as the worker sent them (see {@link WireCatalog}). */
  private readonly lastReceived = new Map<string, Setting[]>();
  readonly stats: WorkerStats = { started: 0, overBudget: 0, superseded: 0, lastTransferMillis: 0 };

  constructor(options: WorkerExtractorOptions = {}) {
    this.budgetMs = options.budgetMs ?? DEFAULT_EXTRACTION_BUDGET_MS;
    this.script = options.script ?? locateWorkerScript();
    this.maxHeapMb = options.maxHeapMb ?? 1024;
  }

  /** See {@link LiveExtractor.extract}. */
  extract(detected: DetectedIda, buffers: ReadonlyMap<string, string> | undefined): Promise<Extraction> {
    if (this.disposed) return Promise.reject(new Error('the extraction worker is stopped'));
    const key = sourceKey(detected);
    const overlay = [...overlayOf(detected, buffers)];
    return new Promise<Extraction>((resolve, reject) => {
      const waiter = { resolve, reject };
      const queued = this.waiting.find((j) => j.key === key);
      if (queued !== undefined) {
        // Not started yet: it extracts the newest sources for both callers.
        queued.detected = detected;
        queued.overlay = overlay;
        queued.waiters.push(waiter);
        this.stats.superseded++;
        return;
      }
      const job: Job = { id: this.nextId++, key, detected, overlay, waiters: [waiter] };
      if (this.running?.job.key === key && this.running.job.supersededBy === undefined) {
        this.running.job.supersededBy = job;
        this.stats.superseded++;
      }
      this.waiting.push(job);
      this.pump();
    });
  }

  /** See {@link LiveExtractor.clear}. A worker not started yet has nothing to forget. */
  clear(): void {
    this.worker?.postMessage({ type: 'clear' } satisfies ToWorker);
    this.lastReceived.clear();
  }

  /** See {@link LiveExtractor.dispose}. */
  dispose(): void {
    this.disposed = true;
    const jobs = [...(this.running !== undefined ? [this.running.job] : []), ...this.waiting.splice(0)];
    if (this.running !== undefined) clearTimeout(this.running.timer);
    this.running = undefined;
    this.stopWorker();
    for (const job of jobs) for (const w of job.waiters) w.reject(new Error('the extraction worker is stopped'));
  }

  /** Starts the next waiting request when the worker is free. */
  private pump(): void {
    if (this.disposed || this.running !== undefined) return;
    const job = this.waiting.shift();
    if (job === undefined) return;
    const worker = this.ensureWorker();
    const timer = setTimeout(() => this.overBudget(job), this.budgetMs);
    this.running = { job, timer };
    worker.postMessage({ type: 'extract', id: job.id, key: job.key, detected: job.detected, overlay: job.overlay } satisfies ToWorker);
  }

  private ensureWorker(): Worker {
    if (this.worker !== undefined) return this.worker;
    // stdout/stderr piped here and dropped: the server's stdout may be its LSP connection.
    const worker = new Worker(this.script, { stdout: true, stderr: true, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb } });
    worker.stdout.resume();
    worker.stderr.resume();
    // A waiting server must still exit when its connection ends.
    worker.unref();
    worker.on('message', (message: FromWorker) => this.answered(worker, message));
    worker.on('error', (e) => this.failed(worker, `the extraction worker failed: ${describeError(e)}`));
    worker.on('exit', (code) => this.failed(worker, `the extraction worker stopped (exit code ${code})`));
    this.worker = worker;
    // A new worker has sent nothing yet.
    this.lastReceived.clear();
    this.stats.started++;
    return worker;
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }

  private answered(worker: Worker, message: FromWorker): void {
    const running = this.running;
    if (worker !== this.worker || running === undefined || running.job.id !== message.id) return;
    clearTimeout(running.timer);
    this.running = undefined;
    const { job } = running;
    // Decoded even when superseded: the worker counts it as sent.
    const catalog = message.type === 'done' ? this.fromWire(job.key, message.catalog) : undefined;
    if (job.supersededBy !== undefined) {
      // Its sources changed while it ran: its callers wait for the newer extraction.
      job.supersededBy.waiters.push(...job.waiters);
    } else if (message.type === 'done' && catalog !== undefined) {
      this.stats.lastTransferMillis = performance.timeOrigin + performance.now() - message.postedAt;
      for (const w of job.waiters) w.resolve({ catalog, millis: message.millis });
    } else if (message.type === 'done') {
      for (const w of job.waiters) w.reject(new ServerError('the extraction worker sent a catalog that refers to one never received'));
      // Out of step: a new worker starts from nothing sent.
      this.stopWorker();
    } else {
      // The worker described its error by describeError's rule already.
      for (const w of job.waiters) w.reject(new ServerError(message.message));
    }
    this.pump();
  }

  /** The catalog a {@link WireCatalog} stands for; undefined when it refers to settings never received. */
  private fromWire(key: string, wire: WireCatalog): Catalog | undefined {
    const before = this.lastReceived.get(key) ?? [];
    const settings: Setting[] = [];
    for (const s of wire.settings) {
      const setting = typeof s === 'number' ? before[s] : s;
      if (setting === undefined) {
        this.lastReceived.delete(key);
        return undefined;
      }
      settings.push(setting);
    }
    this.lastReceived.set(key, settings);
    return { ...wire, settings };
  }

  /** The running extraction took too long: the worker goes, with everything it kept. */
  private overBudget(job: Job): void {
    if (this.running?.job !== job) return;
    this.stats.overBudget++;
    this.finishRunning(new LastingExtractionError(`extraction of ${job.detected.ida} took too long (over ${formatSeconds(this.budgetMs)}); stopped`));
  }

  private failed(worker: Worker, message: string): void {
    if (worker !== this.worker) return;
    // A worker that crashed (out of memory, most likely) would crash again on the same sources.
    this.finishRunning(new LastingExtractionError(message));
  }

  private finishRunning(error: Error): void {
    const running = this.running;
    this.running = undefined;
    this.stopWorker();
    if (running !== undefined) {
      clearTimeout(running.timer);
      for (const w of running.job.waiters) w.reject(error);
    }
    this.pump();
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** `extract-worker.js` beside the server bundle, else the compiled worker (tests running from `out/`). */
function locateWorkerScript(): string {
  const bundled = path.join(__dirname, 'extract-worker.js');
  return fs.existsSync(bundled) ? bundled : path.join(__dirname, '..', 'extractWorker.js');
}
