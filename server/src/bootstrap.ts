/**
 * The language server's entry point (`dist/server.js`): runs the server bundle
 * (`dist/server-main.js`) with a V8 code cache (see codeCache.ts). The cache is written when the
 * process exits, or after a minute, when there was none to use.
 * Environment: `OPENEDX_CONFIG_CACHE_DIR` is the folder for the cache (the VS Code client passes
 * the extension's global storage; otherwise a private folder in the temporary directory);
 * `OPENEDX_CONFIG_NO_CODE_CACHE=1` turns the cache off.
 */
import * as path from 'node:path';
import { cacheFileName, privateCacheDir, runBundle } from './codeCache';

/** A hash of `server-main.js`, defined by esbuild.mjs when it builds this file. */
declare const SERVER_BUNDLE_ID: string | undefined;

/** When a long-running server writes its cache if it has not exited by then. */
const SAVE_AFTER_MS = 60_000;

const bundleId = typeof SERVER_BUNDLE_ID === 'string' ? SERVER_BUNDLE_ID : undefined;
const dir = bundleId === undefined || process.env.OPENEDX_CONFIG_NO_CODE_CACHE === '1' ? undefined : privateCacheDir(process.env.OPENEDX_CONFIG_CACHE_DIR || undefined);
const run = runBundle(path.join(__dirname, 'server-main.js'), dir !== undefined && bundleId !== undefined ? path.join(dir, cacheFileName(bundleId)) : undefined);
if (dir !== undefined && !run.cacheUsed) {
  process.once('exit', () => run.save());
  setTimeout(() => run.save(), SAVE_AFTER_MS).unref();
}
