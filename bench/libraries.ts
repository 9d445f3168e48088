/**
 * The `libraries` case of the benchmark: the library scanner (server/src/libraries/) on Debian's
 * `/usr/lib/python3/dist-packages` with Django, Celery, DRF, social-auth, django-storages,
 * django-celery-beat and django-cors-headers installed (scripts/provision-system.sh). The first
 * scan (empty cache folder, every distribution scanned) and the cached scan (every distribution
 * from the cache) run in this process; the cached scan is also timed once in a fresh process, as
 * a server start would pay it. Each run's answer is checked: known keys present, every
 * distribution from the cache when it should be.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scanEnvironment, type EnvironmentScan } from '../server/src/libraries/scanEnvironment';
import { summarize, type Summary } from './stats';

/** The real environment measured. */
export const DEBIAN_DIST_PACKAGES = '/usr/lib/python3/dist-packages';

/** Keys the scan must find there (a wrong answer fails the run). */
const EXPECTED_KEYS = ['CORS_ALLOW_ALL_ORIGINS', 'REST_FRAMEWORK.DEFAULT_PAGINATION_CLASS', 'CELERY_BROKER_URL', 'AWS_STORAGE_BUCKET_NAME', 'SOCIAL_AUTH_USER_MODEL'];

/** What the case measured. */
export interface LibrariesResult {
  first: Summary;
  cached: Summary;
  /** The cached scan in a fresh process (module loading included, no wasm needed). */
  cachedFreshProcessMs: number;
  /** Modules read and parsed by a first scan, distributions, top-level keys, all keys. */
  modulesRead: number;
  modulesParsed: number;
  distributions: number;
  keys: number;
  allKeys: number;
}

/** Checks one scan's answer; throws when it is wrong. */
function check(scan: EnvironmentScan, cached: boolean): void {
  const paths = new Set(scan.catalog.settings.map((s) => s.path.join('.')));
  const missing = EXPECTED_KEYS.filter((k) => !paths.has(k));
  if (missing.length > 0) throw new Error(`bench libraries: ${missing.join(', ')} not found`);
  const { fromCache, distributions } = scan.stats;
  if (cached ? fromCache !== distributions : fromCache !== 0) throw new Error(`bench libraries: ${fromCache} of ${distributions} distributions from the cache`);
}

/** The cached scan timed in a fresh process. */
function freshProcessCachedScan(cacheDir: string): number {
  const module = path.join(__dirname, '..', 'server', 'src', 'libraries', 'scanEnvironment.js');
  const script = `const t=performance.now();require(${JSON.stringify(module)}).scanEnvironment(${JSON.stringify(DEBIAN_DIST_PACKAGES)},{cacheDir:${JSON.stringify(cacheDir)}}).then(r=>{if(r.stats.fromCache!==r.stats.distributions)process.exit(3);process.stdout.write(String(performance.now()-t))})`;
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

/**
 * Measures `firstRuns` first scans (each with an empty cache) and `runs` cached scans after
 * `warmup` ones. Undefined when Debian's folder is not there (the row is then skipped).
 */
export async function measureLibraries(firstRuns: number, warmup: number, runs: number): Promise<LibrariesResult | undefined> {
  if (!fs.existsSync(path.join(DEBIAN_DIST_PACKAGES, 'celery'))) return undefined;
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'openedx-bench-libraries-'));
  try {
    const first: number[] = [];
    let last: EnvironmentScan | undefined;
    let cacheDir = '';
    for (let i = 0; i < firstRuns; i++) {
      cacheDir = path.join(base, `cache-${i}`);
      const t0 = performance.now();
      last = await scanEnvironment(DEBIAN_DIST_PACKAGES, { cacheDir });
      first.push(performance.now() - t0);
      check(last, false);
    }
    if (last === undefined) throw new Error('bench libraries: no first scan');
    const cached: number[] = [];
    for (let i = 0; i < warmup + runs; i++) {
      const t0 = performance.now();
      const scan = await scanEnvironment(DEBIAN_DIST_PACKAGES, { cacheDir });
      const t = performance.now() - t0;
      check(scan, true);
      if (i >= warmup) cached.push(t);
    }
    const { stats } = last;
    return {
      first: summarize(first),
      cached: summarize(cached),
      cachedFreshProcessMs: freshProcessCachedScan(cacheDir),
      modulesRead: stats.modulesRead,
      modulesParsed: stats.modulesParsed,
      distributions: stats.distributions,
      keys: stats.keys,
      allKeys: last.catalog.settings.length,
    };
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}
