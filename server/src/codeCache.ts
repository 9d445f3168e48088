/**
 * Runs the language server's bundle with a V8 code cache: the bytecode V8 compiled for it in an
 * earlier run, kept in a private folder. Node 22 has this built in (`module.enableCompileCache`);
 * VS Code ships Node 20 to extensions, and compiling the 1.4 MB bundle and the functions the first
 * validation runs is about a fifth of the time from spawning the server to its first diagnostics.
 *
 * Safety: V8 runs the bytecode of a cache it accepts, and accepts any cache made by the same V8
 * for a source of the same length. So a cache is only read from a folder that only this user can
 * write, under a file name that holds a hash of the bundle's content (a new build never reads an
 * old build's cache), and a cache V8 rejects is replaced.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** Name of the cache file of a bundle build; `id` is a hash of the bundle's content. */
export function cacheFileName(id: string): string {
  return `server-${id}.v8cache`;
}

const CACHE_FILE = /^server-[0-9a-f]+\.v8cache$/;

/**
 * A folder for the code cache that only this user can write: `base` (the editor's storage for
 * the extension) or a per-user folder in the temporary directory, created if missing. Undefined
 * when it cannot be created or is not safe (a symbolic link, another owner, writable by others).
 */
export function privateCacheDir(base?: string): string | undefined {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const dir = base ?? path.join(os.tmpdir(), `openedx-config-${uid ?? os.userInfo().username}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    if (!st.isDirectory()) return undefined;
    // POSIX only: Windows reports neither owners nor meaningful permission bits here.
    if (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** How a bundle was loaded, and how to save its code cache. */
export interface BundleRun {
  /** Whether a code cache was given to V8 and accepted. */
  readonly cacheUsed: boolean;
  /** Whether a code cache was found but rejected by V8 (another V8 version or other flags). */
  readonly cacheRejected: boolean;
  /**
   * Writes the code cache of everything compiled so far, once, when none was used; removes the
   * caches of other builds in the folder. Returns whether it wrote one. Never throws.
   */
  save(): boolean;
}

/**
 * Compiles and runs a CommonJS bundle as Node would (same wrapper, `require` resolving from the
 * bundle's folder), with the code cache in `cacheFile` when there is a valid one.
 * @param cacheFile undefined: no cache is read or written.
 */
export function runBundle(bundlePath: string, cacheFile: string | undefined): BundleRun {
  const { script, cacheUsed, cacheRejected } = compile(bundlePath, cacheFile);
  let saved = false;
  const run: BundleRun = {
    cacheUsed,
    cacheRejected,
    save(): boolean {
      if (saved || cacheFile === undefined || cacheUsed) return false;
      saved = true;
      return writeCache(cacheFile, script.createCachedData());
    },
  };
  const fn = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;
  const mod = { exports: {} };
  fn.call(mod.exports, mod.exports, createRequire(bundlePath), mod, bundlePath, path.dirname(bundlePath));
  return run;
}

/**
 * Compiles the bundle, with its code cache when there is one. Apart from {@link runBundle} so that
 * nothing holds the cache's buffer (about 1 MB) while the bundle runs: the first young-generation
 * collection then frees it, instead of promoting it to live until a full collection.
 */
function compile(bundlePath: string, cacheFile: string | undefined): { script: vm.Script; cacheUsed: boolean; cacheRejected: boolean } {
  const source = fs.readFileSync(bundlePath, 'utf8');
  let cachedData: Buffer | undefined;
  if (cacheFile !== undefined) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
  const script = new vm.Script(wrapped, {
    filename: bundlePath,
    // No `importModuleDynamically`: a script restored from a code cache loses it on Node 20, so the
    // bundle must not call `import()` at all (esbuild.mjs turns web-tree-sitter's into `require()`).
    ...(cachedData !== undefined ? { cachedData } : {}),
  });
  const cacheRejected = cachedData !== undefined && script.cachedDataRejected === true;
  return { script, cacheUsed: cachedData !== undefined && !cacheRejected, cacheRejected };
}

/** Writes atomically (a half-written cache would be rejected, but never read half-written). */
function writeCache(cacheFile: string, data: Buffer): boolean {
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, cacheFile);
  } catch {
    fs.rmSync(tmp, { force: true });
    return false;
  }
  const dir = path.dirname(cacheFile);
  try {
    for (const name of fs.readdirSync(dir)) if (CACHE_FILE.test(name) && name !== path.basename(cacheFile)) fs.rmSync(path.join(dir, name), { force: true });
  } catch {
    // Old caches are only clutter.
  }
  return true;
}
