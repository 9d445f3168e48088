#!/usr/bin/env node
// `npm start`: builds the extension, writes the example workspace's .venv (test/e2e/exampleVenv.ts), then opens
// the example workspace (examples/) with it loaded:
//  - in desktop VS Code when `code` is on the PATH (`code --extensionDevelopmentPath=<repo> examples`);
//  - otherwise in code-server on 127.0.0.1 (installed by scripts/provision-e2e.sh), printing the URL to
//    open in a browser, until Ctrl+C.
// Options (environment): PORT=<n> for code-server's port (default: a free one); OPENEDX_START_CODE_SERVER=1
// to use code-server even when `code` is on the PATH.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const examples = path.join(root, 'examples');

function step(label, cmd, args) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`npm start: ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  console.log(`== ${label} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The absolute path of `name` on the PATH, or undefined. */
function which(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

const code = process.env.OPENEDX_START_CODE_SERVER === '1' ? undefined : which('code');
step('build (esbuild)', process.execPath, ['esbuild.mjs']);

// Reuse the e2e layer's helpers (the example's .venv; test/e2e/launcher/ for code-server), bundled on the fly by
// esbuild (~0.1 s; compiling the whole project with tsc would take far longer).
const helpers = path.join(root, '.cache', 'start');
const esbuild = await import('esbuild');
await esbuild.build({
  entryPoints: ['test/e2e/exampleVenv.ts', 'test/e2e/launcher/codeServer.ts', 'test/e2e/launcher/toolchain.ts'],
  outdir: helpers,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
});
const require = createRequire(import.meta.url);
const { missingToolchain } = require(path.join(helpers, 'toolchain.js'));
const { startCodeServer, workbenchUrl, remoteUri } = require(path.join(helpers, 'codeServer.js'));

// The example workspace's .venv is written from examples/lite-packages (it is git-ignored).
require(path.join(helpers, 'exampleVenv.js')).writeExampleVenv(examples);

if (code) {
  console.log(`== opening ${examples} in ${code} with the extension from ${root}`);
  const r = spawnSync(code, [`--extensionDevelopmentPath=${root}`, examples], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const missing = missingToolchain().filter((m) => !/Chromium/.test(m)); // a browser of your own will do
if (missing.length > 0) {
  console.error(`npm start: \`code\` is not on the PATH and code-server cannot start:\n  - ${missing.join('\n  - ')}`);
  process.exit(1);
}

const server = await startCodeServer({
  port: process.env.PORT ? Number(process.env.PORT) : undefined,
  userDataDir: path.join(root, '.cache', 'e2e', 'start-profile', 'user-data'),
  extensionsDir: path.join(root, '.cache', 'e2e', 'start-profile', 'extensions'),
  onLine: (line) => {
    if (/error/i.test(line) && !/ENOTFOUND|open-vsx/.test(line)) console.error(`[code-server] ${line}`);
  },
});
const url = workbenchUrl(server.origin, examples, [['extensionDevelopmentPath', remoteUri(server.origin, root)]]);
console.log(`\n== code-server is serving the example workspace with the extension loaded. Open:\n\n  ${url}\n\n(Ctrl+C stops it.)`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\n== stopping code-server');
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.process.once('exit', (status) => {
  if (!stopping) {
    console.error(`code-server exited (${status}):\n${server.output().slice(-2000)}`);
    process.exit(1);
  }
});
