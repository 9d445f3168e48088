/**
 * What extractions keep for the next one, in a long-lived process (the language server): the
 * files read (`sourceReader.ts`), parsed modules (`python/parseCache.ts`) and snapshots of the
 * modules' effects (`moduleSnapshots.ts`).
 * Neither changes a catalog: an extraction with a cache gives exactly the catalog of one without.
 */
import { DEFAULT_PARSE_CACHE_LIMITS, ParseCache, type ParseCacheLimits } from '../python/parseCache';
import { MIN_SNAPSHOT_CHARS, ModuleSnapshots } from './moduleSnapshots';
import { ReadCache } from './sourceReader';

/** See the module comment. */
export class ExtractionCache {
  readonly reads = new ReadCache();
  readonly parses: ParseCache;
  readonly snapshots: ModuleSnapshots;

  /** Options for tests: smaller bounds, snapshots of small modules. */
  constructor(options: { parseLimits?: ParseCacheLimits; minSnapshotChars?: number } = {}) {
    this.parses = new ParseCache(options.parseLimits ?? DEFAULT_PARSE_CACHE_LIMITS);
    this.snapshots = new ModuleSnapshots(options.minSnapshotChars ?? MIN_SNAPSHOT_CHARS);
  }

  /** Forgets everything (the next extraction starts from nothing). */
  clear(): void {
    this.reads.clear();
    this.parses.clear();
    this.snapshots.clear();
  }

  /** Clears for good: an extraction still running keeps nothing. */
  dispose(): void {
    this.reads.clear();
    this.parses.dispose();
    this.snapshots.clear();
  }
}
