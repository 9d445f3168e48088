/**
 * The messages between the language server and its extraction worker (`server/src/extractWorker.ts`,
 * bundled as `dist/extract-worker.js`). The server sends one request at a time and waits for its
 * answer; everything is plain data (structured clone), so a catalog crosses as it is.
 */
import type { Catalog, Setting } from '../catalog/types';
import type { DetectedIda } from './api';

/** Extract one detected IDA, reading `overlay` (unsaved buffers, by POSIX path relative to the root) before the disk. */
export interface ExtractRequest {
  type: 'extract';
  id: number;
  /** The sources' identity: the catalogs of one key are sent as changes to the last one ({@link WireCatalog}). */
  key: string;
  detected: DetectedIda;
  overlay: [string, string][];
}

/** Forget every kept parse, read, snapshot and catalog sent: the next extraction starts from nothing (`openedxConfig/reextract`). */
export interface ClearRequest {
  type: 'clear';
}

/** What the server sends. */
export type ToWorker = ExtractRequest | ClearRequest;

/**
 * A catalog as sent: each setting that is the very object sent in the last catalog of the same
 * key is sent as its index there. An edit changes a few settings and the extractor shares the
 * others between extractions, so little crosses the thread, and the server's schema builder sees
 * the unchanged settings as the same objects (compared at once, not deeply).
 */
export type WireCatalog = Omit<Catalog, 'settings'> & { settings: (number | Setting)[] };

/** A finished extraction: the catalog, the extraction's own time, and how long the worker took to hand it over. */
export interface ExtractDone {
  type: 'done';
  id: number;
  catalog: WireCatalog;
  millis: number;
  /** When the worker posted it (`performance.timeOrigin + performance.now()`): the server measures the hand-over. */
  postedAt: number;
}

/** A failed extraction (the message names no setting value). */
export interface ExtractFailed {
  type: 'failed';
  id: number;
  message: string;
}

/** What the worker sends. */
export type FromWorker = ExtractDone | ExtractFailed;

/**
 * Test-only: milliseconds the worker blocks before each extraction, standing for a module that
 * makes the parser crawl. Read from the worker's environment; only tests set it.
 */
export const TEST_DELAY_ENV = 'OPENEDX_CONFIG_TEST_EXTRACT_DELAY_MS';
