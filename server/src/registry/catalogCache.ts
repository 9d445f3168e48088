/**
 * Live extraction results, cached per settings source (an IDA's entry modules in a folder).
 * Extraction is static (the extractor parses Python, never runs it) and is started at most once
 * per source until a file it read changes on disk.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../catalog/types';
import { fail, ok, type Result } from '../common/result';
import { describeError, ServerError } from '../common/describeError';
import type { DetectedIda } from '../extractor/api';
import { isInside } from './folders';

/** A finished extraction: the catalog and how long it took. */
export interface Extraction {
  catalog: Catalog;
  millis: number;
}

/**
 * A failure that trying again cannot mend until the sources change (an extraction over its time
 * budget): it stays cached, so requests do not start the same doomed extraction one after another.
 */
export class LastingExtractionError extends ServerError {}

/** A live extraction's outcome. */
export type CatalogResult = Result<Extraction>;

/**
 * Extracts one detected IDA's catalog (the registry passes the extractor; tests pass fakes).
 * Failure is a rejection, not a {@link Result}: the extractor throws, and the cache has to
 * catch anyway (a fake or an extractor bug may throw synchronously); the cache turns it into one.
 */
export type Extract = (detected: DetectedIda) => Promise<Extraction>;

interface Entry {
  detected: DetectedIda;
  promise: Promise<CatalogResult>;
  /** Absolute paths of the files the extraction read; filled when it finishes. */
  files: Set<string>;
  /** Absolute folders of the entry modules: a new `.py` file there may be imported next time. */
  packages: string[];
  /** Modification time of each file read, when the extraction finished (-1: missing). */
  stamps: Map<string, number>;
}

/** Most files {@link CatalogCache.changedOnDisk} looks at in one call: a poll stays cheap. */
const MAX_POLLED_FILES = 5000;

/** A file's modification time in milliseconds, or -1 when it cannot be read. */
function modifiedAt(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** The identity of a settings source: same IDA and same entry modules means same catalog. */
export function sourceKey(detected: DetectedIda): string {
  const entries = detected.entryFiles.map((f) => path.resolve(detected.root, f)).sort();
  return `${detected.ida}\u0000${entries.join('\u0000')}`;
}

/** Extractions done again in a row because the sources changed while they ran (then the result is answered as it is). */
const MAX_REDOS = 3;

/** Cache of live catalogs by {@link sourceKey}. */
export class CatalogCache {
  private readonly entries = new Map<string, Entry>();
  /** Extractions done again because their sources changed while they ran (for tests). */
  redone = 0;

  constructor(private readonly extract: Extract) {}

  /**
   * The catalog of a detected IDA: from the cache, or extracted now (concurrent callers share one
   * extraction). Never rejects: a failed extraction gives a failed {@link Result} (and is retried next time).
   * When the sources change while an extraction runs, its result is dropped and the extraction
   * done again (at most {@link MAX_REDOS} times in a row, then the last result is answered): a
   * caller never gets a catalog of files that changed before it was answered.
   */
  get(detected: DetectedIda): Promise<CatalogResult> {
    return this.getOrRedo(detected, 0);
  }

  private getOrRedo(detected: DetectedIda, redos: number): Promise<CatalogResult> {
    const key = sourceKey(detected);
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached.promise;
    const files = new Set<string>();
    const entry: Entry = {
      detected,
      files,
      packages: detected.entryFiles.map((f) => path.dirname(path.resolve(detected.root, f))),
      stamps: new Map(),
      promise: Promise.resolve(fail('not started')),
    };
    entry.promise = this.run(key, entry, redos);
    this.entries.set(key, entry);
    return entry.promise;
  }

  private async run(key: string, entry: Entry, redos: number): Promise<CatalogResult> {
    let result: CatalogResult;
    try {
      // Started after a tick, so a synchronous throw still finds its entry in the cache to forget.
      const { catalog, millis } = await Promise.resolve().then(() => this.extract(entry.detected));
      for (const f of catalog.files) entry.files.add(path.resolve(catalog.root, f));
      for (const base of catalog.bases ?? []) for (const f of base.files) entry.files.add(path.resolve(base.root, f));
      for (const f of entry.files) entry.stamps.set(f, modifiedAt(f));
      result = ok({ catalog, millis });
    } catch (e) {
      // Forget failures so the next request tries again (the sources may be mid-save), unless
      // only a change of the sources can mend them.
      if (this.entries.get(key) === entry && !(e instanceof LastingExtractionError)) this.entries.delete(key);
      result = fail(describeError(e));
    }
    // Invalidated while it ran: what it read may be out of date. Read again (or share the
    // extraction a newer caller started meanwhile).
    if (this.entries.get(key) !== entry && result.ok && redos < MAX_REDOS) {
      this.redone++;
      return this.getOrRedo(entry.detected, redos + 1);
    }
    return result;
  }
  /** Whether a source is cached (extracted or being extracted). */
  has(detected: DetectedIda): boolean {
    return this.entries.has(sourceKey(detected));
  }

  /**
   * Drops the cached catalogs a change to these files may affect: a file an extraction read, a
   * `.py` file in an entry module's folder, a platform plugin app's settings module or `apps.py`
   * below the source (one created since is read from then on), or any `.py` file below a source
   * whose extraction has not finished yet. Returns the detected sources dropped.
   */
  invalidate(paths: readonly string[]): DetectedIda[] {
    const dropped: DetectedIda[] = [];
    for (const [key, entry] of this.entries) {
      if (paths.some((p) => affects(entry, path.resolve(p)))) {
        this.entries.delete(key);
        dropped.push(entry.detected);
      }
    }
    return dropped;
  }

  /**
   * Files read by finished extractions whose modification time changed since (for clients that
   * cannot watch files: the server polls when a config file is saved). At most
   * {@link MAX_POLLED_FILES} files are looked at.
   */
  changedOnDisk(): string[] {
    const changed = new Set<string>();
    let looked = 0;
    for (const entry of this.entries.values()) {
      for (const [file, stamp] of entry.stamps) {
        if (++looked > MAX_POLLED_FILES) return [...changed];
        if (modifiedAt(file) !== stamp) changed.add(file);
      }
    }
    return [...changed];
  }

  /** Drops every cached catalog; returns the sources dropped. */
  clear(): DetectedIda[] {
    const dropped = [...this.entries.values()].map((e) => e.detected);
    this.entries.clear();
    return dropped;
  }
}

function affects(entry: Entry, file: string): boolean {
  if (entry.files.has(file)) return true;
  if (!file.endsWith('.py')) return false;
  if (entry.packages.some((pkg) => path.dirname(file) === pkg)) return true;
  if (entry.detected.layout === 'platform' && isPluginFile(file) && isInside(file, entry.detected.root)) return true;
  return entry.files.size === 0 && isInside(file, entry.detected.root);
}

/** Settings modules a plugin app may gain (`<app>/settings/common.py`, …), and an app's `apps.py`: the platform reads them at `add_plugins`. */
const PLUGIN_SETTINGS_FILES: ReadonlySet<string> = new Set(['common.py', 'production.py', 'devstack.py', 'test.py', '__init__.py']);

/**
 * Whether a file not read yet could be a platform plugin app's module: a new plugin settings
 * module (the framework imports it from then on) or a new app's `apps.py`.
 */
function isPluginFile(file: string): boolean {
  const name = path.basename(file);
  return name === 'apps.py' || (path.basename(path.dirname(file)) === 'settings' && PLUGIN_SETTINGS_FILES.has(name));
}
