/**
 * The on-disk cache of distribution scans: one JSON file per distribution in a folder the caller
 * gives (one folder per environment), named after the distribution, holding its facts and the key
 * they were made for. The key is the scanner's format, the version and the stamp of the metadata
 * files (a reinstall under the same version changes it); a distribution without version (a folder
 * of no distribution, metadata that states none) is keyed by the sizes and modification times of
 * its modules. An upgrade writes the new version's facts over
 * the old ones; a file that does not parse, or was made for another key, is scanned again and
 * replaced. Writes go through a temporary file and a rename, so a reader never sees half a file.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRegularTextFile } from '../common/files';
import { normalizeName, type Distribution } from './distributions';
import type { DistributionFacts } from './facts';

/**
 * The format of the facts and of how they are found: bumped whenever scanning finds something
 * else in the same module, so caches of an older scanner are not trusted.
 */
export const SCANNER_FORMAT = 5;

/** Largest cache file read (Django's facts take some 600 KB). */
const MAX_CACHE_FILE_BYTES = 64 * 1024 * 1024;

/** What a cache file holds. */
interface CacheFile {
  format: number;
  name: string;
  key: string;
  facts: DistributionFacts;
}

/** A stamp of modules: their paths, sizes and modification times, hashed. */
export function modulesStamp(root: string, modules: readonly string[]): string {
  const hash = createHash('sha256');
  for (const m of modules) {
    let stat = '-';
    try {
      const st = fs.statSync(path.join(root, m));
      stat = `${st.size}:${Math.trunc(st.mtimeMs)}`;
    } catch {
      // Gone or unreadable: stamped as such, so its return changes the key.
    }
    hash.update(`${m}\0${stat}\n`);
  }
  return hash.digest('hex').slice(0, 32);
}

/** Whether a distribution's cache key needs its modules' stamp: it has no version (a folder of no distribution, metadata without `Version:`). */
export function keyedByModules(dist: Distribution): boolean {
  return dist.version === undefined;
}

/** The key a distribution's facts are cached under: the scanner's format, the version and the metadata's stamp, or the modules' stamp without a version. */
export function cacheKey(dist: Distribution, modules?: string): string {
  return `${SCANNER_FORMAT}|${dist.version ?? ''}|${keyedByModules(dist) ? `modules:${modules ?? ''}` : dist.stamp}`;
}

/** The cache file of a distribution (a folder of no distribution is kept apart from a distribution of the same name). */
export function cacheFile(cacheDir: string, dist: Distribution): string {
  const safe = normalizeName(dist.name).replace(/[^a-z0-9._-]/g, '_');
  return path.join(cacheDir, `${safe}${dist.kind === 'none' ? '.folder' : ''}.json`);
}

/** Whether parsed JSON has the shape of facts (a corrupt or foreign file must not reach the catalog). */
function isFacts(v: unknown): v is DistributionFacts {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return ['reads', 'getterCalls', 'builtNameReads', 'helpers', 'deferred', 'problems'].every((k) => Array.isArray(f[k])) && typeof f.walked === 'number' && typeof f.parsed === 'number';
}

/** The cached facts of a distribution for `key`, or undefined (none, another key, or a file that does not parse). Never throws. */
export function readCachedFacts(cacheDir: string, dist: Distribution, key: string): DistributionFacts | undefined {
  const read = readRegularTextFile(cacheFile(cacheDir, dist), MAX_CACHE_FILE_BYTES);
  if (!read.ok) return undefined;
  try {
    const parsed = JSON.parse(read.value) as Partial<CacheFile>;
    if (parsed.format !== SCANNER_FORMAT || parsed.key !== key || parsed.name !== dist.name || !isFacts(parsed.facts)) return undefined;
    return parsed.facts;
  } catch {
    return undefined;
  }
}

/** Writes a distribution's facts for `key`; false when the folder cannot be written (the scan still counts). Never throws. */
export function writeCachedFacts(cacheDir: string, dist: Distribution, key: string, facts: DistributionFacts): boolean {
  const file = cacheFile(cacheDir, dist);
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  const content: CacheFile = { format: SCANNER_FORMAT, name: dist.name, key, facts };
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(temporary, JSON.stringify(content));
    fs.renameSync(temporary, file);
    return true;
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // Nothing more to do: the cache is an optimisation.
    }
    return false;
  }
}
