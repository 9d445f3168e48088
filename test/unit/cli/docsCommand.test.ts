/**
 * `openedx-config docs fetch` through the real command, against a local HTTP server on 127.0.0.1
 * standing in for upstream (`test/helpers/demoUpstream.ts`): the demo IDA's schema, generated and
 * pinned to a commit of our own.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { DOCS_USAGE } from '../../../server/src/cli/docsCommand';
import { runCli } from '../../helpers/cli';
import { DEMO_COMMIT, DEMO_REPO, startDemoUpstream, type DemoUpstream } from '../../helpers/demoUpstream';

const BIN = path.resolve(__dirname, '..', '..', '..', '..', 'bin', 'openedx-config.js');
/** The demo schema's own files, in the order they are pinned (and downloaded). */
const FILES = ['demo/settings/required.py', 'demo/settings/defaults.py', 'demo/settings/__init__.py'];
/** Proxy variables: a developer's proxy must not carry the requests meant for 127.0.0.1. */
const PROXY_VARIABLES = ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY'];

let upstream: DemoUpstream;
/** Total size of the pinned files. */
let total: number;

before(async () => {
  for (const name of PROXY_VARIABLES) delete process.env[name];
  upstream = await startDemoUpstream();
  total = FILES.reduce((sum, f) => sum + fs.statSync(path.join(upstream.served, f)).size, 0);
});

after(async () => {
  await upstream?.close();
});

/** Runs `docs fetch --ida demo` against the stand-in upstream into `cache`. */
function fetchDocs(cache: string, ...extra: string[]): ReturnType<typeof runCli> {
  return runCli('docs', 'fetch', '--ida', 'demo', '--base-url', upstream.baseUrl, '--cache', cache, '--schemas', upstream.schemasDir, ...extra);
}

function cachedFile(cache: string, file: string): string {
  return path.join(cache, ...DEMO_REPO.split('/'), DEMO_COMMIT, ...file.split('/'));
}

/** `total` as the progress line says it. */
function size(): string {
  return `${total.toLocaleString('en-US')} bytes`;
}

test('a download writes the pinned files with mode 0600; a second run finds them all cached', async () => {
  const cache = path.join(upstream.root, 'cache-ok');
  const first = await fetchDocs(cache);
  assert.deepEqual(first, { code: 0, stdout: '', stderr: `demo: 3 files, ${size()} … 3 downloaded, 0 already cached\n` });
  for (const file of FILES) {
    assert.deepEqual(fs.readFileSync(cachedFile(cache, file)), fs.readFileSync(path.join(upstream.served, file)));
    assert.equal(fs.statSync(cachedFile(cache, file)).mode & 0o777, 0o600);
  }
  upstream.requests.length = 0;
  const second = await fetchDocs(cache);
  assert.deepEqual(second, { code: 0, stdout: '', stderr: `demo: 3 files, ${size()} … 0 downloaded, 3 already cached\n` });
  assert.deepEqual(upstream.requests, []);
});

test('a file upstream does not have (404): exit 1, one line naming the IDA and what failed', async () => {
  const cache = path.join(upstream.root, 'cache-404');
  const defaults = path.join(upstream.served, 'demo', 'settings', 'defaults.py');
  fs.renameSync(defaults, `${defaults}.away`);
  try {
    const run = await fetchDocs(cache);
    const url = `${upstream.baseUrl}/${DEMO_REPO}/${DEMO_COMMIT}/demo/settings/defaults.py`;
    assert.deepEqual(run, {
      code: 1,
      stdout: '',
      stderr: `demo: 3 files, ${size()} … failed\nopenedx-config: demo: demo/settings/defaults.py: HTTP 404 for ${url}\n`,
    });
    assert.equal(fs.existsSync(cachedFile(cache, 'demo/settings/defaults.py')), false);
  } finally {
    fs.renameSync(`${defaults}.away`, defaults);
  }
});

test('a file that differs from its pinned hash: exit 1, nothing of it written', async () => {
  const cache = path.join(upstream.root, 'cache-hash');
  const defaults = path.join(upstream.served, 'demo', 'settings', 'defaults.py');
  const original = fs.readFileSync(defaults);
  const changed = Buffer.concat([original.subarray(0, original.length - 1), Buffer.from('X')]);
  fs.writeFileSync(defaults, changed);
  try {
    const run = await fetchDocs(cache);
    const hash = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex').slice(0, 12);
    assert.deepEqual(run, {
      code: 1,
      stdout: '',
      stderr:
        `demo: 3 files, ${size()} … failed\n` +
        `openedx-config: demo: demo/settings/defaults.py does not match its pinned hash: expected ${hash(original)}…, got ${hash(changed)}…; nothing was written\n`,
    });
    assert.equal(fs.existsSync(cachedFile(cache, 'demo/settings/defaults.py')), false);
    assert.deepEqual(fs.readdirSync(path.dirname(cachedFile(cache, 'demo/settings/defaults.py'))), ['required.py']);
  } finally {
    fs.writeFileSync(defaults, original);
  }
});

test('usage errors: an IDA with no shipped schema, a subcommand that does not exist (exit 2)', async () => {
  const cache = path.join(upstream.root, 'cache-usage');
  assert.deepEqual(await runCli('docs', 'fetch', '--ida', 'nosuch', '--cache', cache, '--schemas', upstream.schemasDir), {
    code: 2,
    stdout: '',
    stderr: `openedx-config: no shipped schema is named "nosuch" (shipped: demo)\n${DOCS_USAGE}\n`,
  });
  assert.deepEqual(await runCli('docs', 'pull'), { code: 2, stdout: '', stderr: `openedx-config: unknown docs subcommand "pull"\n${DOCS_USAGE}\n` });
  assert.deepEqual(await runCli('docs', 'fetch', '--base-url', 'ftp://mirror.test', '--schemas', upstream.schemasDir), {
    code: 2,
    stdout: '',
    stderr: `openedx-config: --base-url must be an http or https URL (got "ftp://mirror.test")\n${DOCS_USAGE}\n`,
  });
  assert.equal(fs.existsSync(cache), false);
});

test('Ctrl-C (SIGINT) during a download cancels it: exit 130, "cancelled"', async () => {
  // An upstream that never answers: the download is in flight when the signal comes.
  const held: http.ServerResponse[] = [];
  let arrived: () => void = () => undefined;
  const requested = new Promise<void>((resolve) => (arrived = resolve));
  const silent = http.createServer((_req, res) => {
    held.push(res);
    arrived();
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const baseUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const env = { ...process.env };
    for (const name of PROXY_VARIABLES) delete env[name];
    const args = ['docs', 'fetch', '--ida', 'demo', '--base-url', baseUrl, '--cache', path.join(upstream.root, 'cache-sigint'), '--schemas', upstream.schemasDir];
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    await requested;
    child.kill('SIGINT');
    assert.deepEqual({ code: await exited, stdout, stderr }, { code: 130, stdout: '', stderr: `demo: 3 files, ${size()} … cancelled\n` });
  } finally {
    for (const res of held) res.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  }
});
