/**
 * Scans a site-packages folder for the settings its libraries read: lists the distributions,
 * takes each one's facts from the cache when its key matches (`cache.ts`), scans the others
 * (`walk.ts`, `scanDistribution.ts`) and caches them, parses the deferred modules that calls name
 * (`deferredHelpers.ts`), then builds the catalog (`libraryCatalog.ts`). Cancellable between modules, with progress in modules read.
 */
import * as path from 'node:path';
import type { Catalog, ExtractionProblem } from '../catalog/types';
import type { EntryPointSource } from '../extractor/plugins/discovery';
import { getPythonParser } from '../python/parser';
import { cacheKey, keyedByModules, modulesStamp, readCachedFacts, writeCachedFacts } from './cache';
import { resolveDeferredHelpers } from './deferredHelpers';
import { listDistributions, type Distribution } from './distributions';
import type { DistributionFacts } from './facts';
import { buildLibraryCatalog, type ScannedDistribution } from './libraryCatalog';
import { DEFAULT_SCAN_LIMITS, type ScanLimits } from './limits';
import { boundProblems } from './problems';
import { scanDistribution } from './scanDistribution';
import { distributionModules, type DistributionModules } from './walk';

/** Modules read so far, of those to read (distributions not in the cache). */
export interface ScanProgress {
  done: number;
  total: number;
}

/** How an environment is scanned. */
export interface EnvironmentScanOptions {
  /** Folder of the cache (one per environment); without it nothing is cached. */
  cacheDir?: string;
  /** Stops the scan between two modules: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called with the first and last counts, and every 100 ms between. */
  onProgress?: (progress: ScanProgress) => void;
  /** Lower bounds (tests). */
  limits?: Partial<ScanLimits>;
}

/** What a scan did, for status lines, tests and the benchmark. */
export interface ScanStats {
  /** Distributions (and folders of no distribution) of the folder. */
  distributions: number;
  /** Those whose facts came from the cache. */
  fromCache: number;
  /** Those scanned by this call. */
  scanned: number;
  /** Modules read by this call (for the text filter). */
  modulesRead: number;
  /** Modules parsed by this call. */
  modulesParsed: number;
  /** Cache files written by this call (one written twice counts once). */
  cacheWrites: number;
  /** Top-level settings in the catalog. */
  keys: number;
}

/** A scanned environment. */
export interface EnvironmentScan {
  /** `ida: 'libraries'`, `layout: 'library'`, rooted at the site-packages folder. */
  catalog: Catalog;
  /** The distributions, sorted by name, with their entry points. */
  distributions: Distribution[];
  stats: ScanStats;
}

/** A distribution's entry points as its metadata lists them (`entry_points.txt`), for plugin discovery; undefined without any. */
export function installedEntryPoints(dist: Distribution): EntryPointSource | undefined {
  const entryPoints = Object.entries(dist.entryPoints).flatMap(([group, list]) => list.map((ep) => ({ group, name: ep.name, value: ep.value })));
  if (entryPoints.length === 0) return undefined;
  return {
    package: dist.name,
    ...(dist.version !== undefined ? { version: dist.version } : {}),
    ...(dist.metadata !== undefined && dist.kind !== 'none' ? { file: `${dist.metadata}/entry_points.txt` } : {}),
    entryPoints,
  };
}

/** Progress is reported at most this often (plus the first and the last counts). */
const PROGRESS_MILLIS = 100;

/** A distribution to scan now. */
interface Pending {
  index: number;
  dist: Distribution;
  modules: DistributionModules;
  key: string;
}

/**
 * Scans the site-packages folder `sitePackages` (see `environment.ts` to find it). Never throws
 * for what the folder holds (problems say what could not be read); rejects only when `signal`
 * aborts. Distributions scanned before an abort stay cached.
 */
export async function scanEnvironment(given: string, options: EnvironmentScanOptions = {}): Promise<EnvironmentScan> {
  // Absolute: every module's path is checked to lie inside it.
  const sitePackages = path.resolve(given);
  const limits: ScanLimits = { ...DEFAULT_SCAN_LIMITS, ...options.limits };
  const { cacheDir, signal } = options;
  signal?.throwIfAborted();
  const listing = listDistributions(sitePackages);
  const listingProblems: ExtractionProblem[] = [...listing.problems];
  let distributions = listing.distributions;
  if (distributions.length > limits.maxDistributions) {
    listingProblems.push({ code: 'limit-reached', message: `more than ${limits.maxDistributions.toLocaleString('en-US')} distributions; the others were not scanned`, file: '.', line: 1, column: 0 });
    distributions = distributions.slice(0, limits.maxDistributions);
  }
  const stats: ScanStats = { distributions: distributions.length, fromCache: 0, scanned: 0, modulesRead: 0, modulesParsed: 0, cacheWrites: 0, keys: 0 };
  const results: (DistributionFacts | undefined)[] = distributions.map(() => undefined);
  const keys: string[] = [];
  const written = new Set<number>();
  const pending: Pending[] = [];
  distributions.forEach((dist, index) => {
    // Without a version (a folder of no distribution), its modules are walked to key it.
    const walked = keyedByModules(dist) ? distributionModules(sitePackages, dist, limits) : undefined;
    const key = cacheKey(dist, walked === undefined ? undefined : modulesStamp(sitePackages, walked.files));
    keys.push(key);
    const cached = cacheDir === undefined ? undefined : readCachedFacts(cacheDir, dist, key);
    if (cached !== undefined) {
      results[index] = cached;
      stats.fromCache++;
    } else pending.push({ index, dist, modules: walked ?? distributionModules(sitePackages, dist, limits), key });
  });
  const total = pending.reduce((n, p) => n + p.modules.files.length, 0);
  let done = 0;
  let reported = 0;
  const report = (force: boolean): void => {
    const now = performance.now();
    if (!force && now - reported < PROGRESS_MILLIS) return;
    reported = now;
    options.onProgress?.({ done, total });
  };
  report(true);
  if (pending.length > 0) {
    const parser = await getPythonParser();
    for (const p of pending) {
      const facts = await scanDistribution(sitePackages, p.modules.files, {
        parser,
        limits,
        ...(signal !== undefined ? { signal } : {}),
        entryPoints: () => installedEntryPoints(p.dist),
        onModule: () => {
          done++;
          report(false);
        },
      });
      facts.problems = boundProblems([...p.modules.problems, ...facts.problems], limits.maxProblemsPerDistribution, 'in this distribution were');
      results[p.index] = facts;
      stats.scanned++;
      stats.modulesRead += facts.walked;
      stats.modulesParsed += facts.parsed;
      if (cacheDir !== undefined && writeCachedFacts(cacheDir, p.dist, p.key, facts)) written.add(p.index);
    }
  }
  report(true);
  const scanned: ScannedDistribution[] = distributions.map((dist, i) => ({ dist, facts: results[i] as DistributionFacts }));
  const deferred = await resolveDeferredHelpers(sitePackages, scanned, limits, getPythonParser);
  stats.modulesParsed += deferred.parsed;
  for (const i of deferred.changed) if (cacheDir !== undefined && writeCachedFacts(cacheDir, distributions[i], keys[i], scanned[i].facts)) written.add(i);
  stats.cacheWrites = written.size;
  const catalog = buildLibraryCatalog(sitePackages, scanned, limits, listingProblems);
  stats.keys = catalog.settings.filter((s) => s.path.length === 1).length;
  return { catalog, distributions, stats };
}
