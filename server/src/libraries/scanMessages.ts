/**
 * The messages between the language server and a library scan worker (`server/src/scanWorker.ts`,
 * bundled as `dist/scan-worker.js`): one worker per scan, given the folder and the cache, sending
 * progress and then the catalog. Plain data (structured clone).
 */
import type { Catalog } from '../catalog/types';

/** Scan this site-packages folder, caching per distribution in `cacheDir`. */
export interface ScanRequest {
  type: 'scan';
  sitePackages: string;
  cacheDir: string;
}

/** Modules read so far, of those to read. */
export interface ScanProgressMessage {
  type: 'progress';
  done: number;
  total: number;
}

/** The finished scan. */
export interface ScanDone {
  type: 'done';
  catalog: Catalog;
  /** The distributions that read settings: name and version. */
  packages: { name: string; version?: string }[];
  /** Distributions taken from the cache, and distributions scanned. */
  cache: { reused: number; scanned: number };
}

/** A failed scan (the message names no setting value). */
export interface ScanFailed {
  type: 'failed';
  message: string;
}

/** What the worker sends. */
export type FromScanWorker = ScanProgressMessage | ScanDone | ScanFailed;
