/**
 * How the registry runs live extractions: in this process (the CLI, one-shot) or in a worker
 * thread (the language server, `extractionWorker.ts`). Both keep what extractions keep for the
 * next one (`extractor/extractionCache.ts`), and both give exactly the catalog of a fresh extraction.
 */
import * as path from 'node:path';
import type { DetectedIda } from '../extractor/api';
import { extractIda } from '../extractor/extract';
import { ExtractionCache } from '../extractor/extractionCache';
import type { Extraction } from './catalogCache';
import { isInside } from './folders';

/** A live extractor: extracts, forgets what it kept, stops. */
export interface LiveExtractor {
  /**
   * Extracts a detected IDA. Rejects when extraction fails (or, in a worker, runs over its budget).
   * @param buffers open editor buffers (absolute path → text), read before the disk when below the root.
   */
  extract(detected: DetectedIda, buffers: ReadonlyMap<string, string> | undefined): Promise<Extraction>;
  /** Forgets every kept parse and snapshot: the next extraction starts from nothing. */
  clear(): void;
  /** Stops for good. */
  dispose(): void;
}

/** The buffers below the source root, by POSIX path relative to it. */
export function overlayOf(detected: DetectedIda, buffers: ReadonlyMap<string, string> | undefined): Map<string, string> {
  const overlay = new Map<string, string>();
  for (const [file, text] of buffers ?? []) {
    if (isInside(file, detected.root)) overlay.set(path.relative(detected.root, file).split(path.sep).join('/'), text);
  }
  return overlay;
}

/** Extraction in this process, with a cache kept between extractions. */
export class InProcessExtractor implements LiveExtractor {
  private readonly cache = new ExtractionCache();

  /** See {@link LiveExtractor.extract}. */
  async extract(detected: DetectedIda, buffers: ReadonlyMap<string, string> | undefined): Promise<Extraction> {
    const overlay = overlayOf(detected, buffers);
    const result = await extractIda(detected, { cache: this.cache, ...(overlay.size > 0 ? { overlay } : {}) });
    return { catalog: result.catalog, millis: result.millis };
  }

  /** See {@link LiveExtractor.clear}. */
  clear(): void {
    this.cache.clear();
  }

  /** See {@link LiveExtractor.dispose}. */
  dispose(): void {
    this.cache.dispose();
  }
}
