// Bundles the client, the server, its extraction worker and the CLI into dist/, one file each, and copies the wasm they load.
// The server is two files: server-main.js, and server.js, which runs it with a code cache (server/src/bootstrap.ts).
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const entries = [
  { in: 'server/src/cli/main.ts', out: 'cli' },
  { in: 'server/src/server.ts', out: 'server-main' },
  // Live extraction runs in a worker thread of the server (server/src/registry/extractionWorker.ts).
  { in: 'server/src/extractWorker.ts', out: 'extract-worker' },
  // Scans of Python environments run in a worker thread each (server/src/registry/environmentSupport.ts).
  { in: 'server/src/scanWorker.ts', out: 'scan-worker' },
  { in: 'client/src/extension.ts', out: 'client' },
].filter((e) => existsSync(e.in));

mkdirSync('dist', { recursive: true });
for (const wasm of ['tree-sitter-python/tree-sitter-python.wasm', 'web-tree-sitter/web-tree-sitter.wasm']) {
  copyFileSync(require.resolve(wasm), `dist/${wasm.split('/')[1]}`);
}

/**
 * Node built-ins that vscode-languageserver and vscode-jsonrpc load when the server starts, but use
 * only in functions the server never or rarely calls (`fork`/`spawnSync` to find global npm
 * modules, `randomUUID`, `randomBytes` for pipe names). Node compiles such a built-in on its first
 * `require`, about 12 ms for `child_process` and 6 ms for `crypto`, before the first diagnostics:
 * these are given a stand-in that loads the real module on first property access.
 */
const LAZY_BUILTINS = /^(child_process|crypto)$/;
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: LAZY_BUILTINS }, (args) =>
      /node_modules[\\/](vscode-languageserver|vscode-jsonrpc)[\\/]/.test(args.importer) ? { path: args.path, namespace: 'lazy-builtin' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let real;\nmodule.exports = new Proxy({}, { get(_target, key) { real ??= require('node:${args.path}'); return real[key]; } });\n`,
      loader: 'js',
    }));
  },
};

/**
 * web-tree-sitter loads two Node built-ins with `import()`. The server bundle runs from a V8 code
 * cache (server/src/bootstrap.ts), and a script restored from a code cache cannot call `import()`
 * ("A dynamic import callback was not specified"): these become `require()`, which gives the
 * same built-in module. A bundle with any other `import(` fails the build (see below).
 */
const BUILTIN_IMPORT = /\bimport\((["'])(fs\/promises|module)\1\)/g;
const builtinImportsAsRequire = {
  name: 'builtin-imports-as-require',
  setup(build) {
    build.onLoad({ filter: /[\\/]web-tree-sitter[\\/][^\\/]+\.c?js$/ }, (args) => ({
      // Under another name: the module declares its own `var require` in the same function.
      contents: readFileSync(args.path, 'utf8').replace(BUILTIN_IMPORT, '__builtinRequire($1$2$1)'),
      loader: 'js',
    }));
  },
};

const options = {
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  external: ['vscode'],
  // web-tree-sitter locates its wasm through import.meta.url, which CommonJS bundles lack.
  // `__builtinRequire`: see builtinImportsAsRequire.
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href; const __builtinRequire = require;" },
  define: { 'import.meta.url': '__importMetaUrl' },
  logLevel: 'warning',
  plugins: [lazyBuiltins, builtinImportsAsRequire],
};

const BOOTSTRAP = { in: 'server/src/bootstrap.ts', out: 'server' };

if (watch) {
  // No bundle id while watching: the server then runs without a code cache, which a rebuilt bundle
  // of the same length could otherwise be given.
  const ctx = await esbuild.context({ ...options, entryPoints: [...entries, BOOTSTRAP] });
  await ctx.watch();
} else {
  await esbuild.build(options);
  for (const e of entries) asciiOnly(`dist/${e.out}.js`);
  // `{import('…').T}` is a JSDoc type that esbuild keeps in comments (re2js has some), not a call.
  const dynamicImport = /(?<!\{)\bimport\s*\(\s*["'`]/.exec(readFileSync('dist/server-main.js', 'utf8'));
  if (dynamicImport) throw new Error('dist/server-main.js calls import(), which fails when it runs from its code cache: make it a require() in esbuild.mjs');
  // The bootstrap names its code cache after the server bundle's content.
  const id = createHash('sha256').update(readFileSync('dist/server-main.js')).digest('hex').slice(0, 16);
  await esbuild.build({ ...options, entryPoints: [BOOTSTRAP], define: { ...options.define, SERVER_BUNDLE_ID: JSON.stringify(id) }, plugins: [] });
  asciiOnly('dist/server.js');
}

/**
 * Escapes the non-ASCII characters esbuild leaves in comments it keeps. V8 holds a script's source
 * in memory for as long as the script lives, and one non-Latin-1 character anywhere makes it store
 * all of it as two-byte: the server's 1.4 MB bundle would then take 2.9 MB of its resident memory.
 * `\uXXXX` means the same character in every place JavaScript allows one (esbuild's default `ascii`
 * charset already escapes strings, regular expressions and identifiers this way).
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  if (!/[^\x00-\x7f]/.test(text)) return;
  writeFileSync(file, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
