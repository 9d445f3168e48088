/**
 * `downloadFiles` against a local mirror: what is verified in the cache is not asked for again,
 * what is corrupt or a link is replaced, a wrong hash writes nothing, bad pinned files and size
 * caps fail before any request, and the first failure stops the rest.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cachedPath, cacheState } from '../../../server/src/documentation/cache';
import { downloadFiles, type DownloadOptions } from '../../../server/src/documentation/download';
import type { PinnedFile } from '../../../server/src/documentation/files';
import { body, closedPort, serve, sha256, temporaryFolder, type Upstream } from './upstream';

const COMMIT = '00112233445566778899aabbccddeeff00112233';
const REPO = 'openedx/edx-platform';
const folder = temporaryFolder('oxc-download-');
let mirror: Upstream;
/** Called when the mirror has sent the first bytes of the file that then stalls. */
let onStalled: () => void = () => undefined;

const TEXTS: Record<string, string> = {
  'lms/envs/common.py': 'FEATURES = {}\n',
  'docs/settings.rst': 'Settings\n========\n',
  'docs/with space.rst': 'spaced\n',
  'third.py': 'third\n',
};
const pinned = (p: string, text = TEXTS[p]): PinnedFile => ({ repo: REPO, commit: COMMIT, path: p, sha256: sha256(text), bytes: Buffer.byteLength(text) });
const route = (p: string): string => `/${REPO}/${COMMIT}/${p.split('/').map(encodeURIComponent).join('/')}`;

before(async () => {
  const routes: Record<string, ReturnType<typeof body>> = {};
  for (const [p, text] of Object.entries(TEXTS)) routes[route(p)] = body(text);
  routes[route('wrong.py')] = body('not what was pinned');
  routes[route('bigger.py')] = body('far more than the pinned bytes');
  routes[route('stall.py')] = (_request, response) => {
    response.writeHead(200, { 'content-length': 100 });
    response.write('abc');
    onStalled();
  };
  for (const [p, text] of Object.entries(TEXTS)) routes[`/mirror${route(p)}`] = body(text);
  mirror = await serve(routes);
});
after(async () => {
  await mirror.close();
  folder.remove();
});

let cacheCount = 0;
/** A fresh cache folder (not created yet) and options for the mirror. */
function setup(extra: Partial<DownloadOptions> = {}): DownloadOptions {
  cacheCount++;
  return { baseUrl: mirror.base, cacheDir: path.join(folder.dir, `cache-${cacheCount}`), retries: 0, backoffMs: 1, ...extra };
}
const mode = (p: string): number => fs.statSync(p).mode & 0o777;
/** Every file below a folder, relative (empty when the folder does not exist). */
function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.lstatSync(path.join(dir, f)).isFile()).sort();
}

test('files are downloaded, verified and written into private folders; progress is told', async () => {
  const files = [pinned('lms/envs/common.py'), pinned('docs/with space.rst')];
  const progress: unknown[] = [];
  const options = setup({ onProgress: (p) => progress.push(p) });
  const before = mirror.requests.length;
  const result = await downloadFiles(files, options);
  assert.deepEqual(result, { ok: true, value: { downloaded: 2, alreadyCached: 0, bytes: 21 } });
  assert.deepEqual(mirror.requests.slice(before), [route('lms/envs/common.py'), route('docs/with space.rst')]);
  assert.deepEqual(progress, [
    { done: 0, total: 2, file: 'lms/envs/common.py' },
    { done: 1, total: 2, file: 'docs/with space.rst' },
    { done: 2, total: 2, file: 'docs/with space.rst' },
  ]);
  for (const f of files) {
    assert.equal(fs.readFileSync(cachedPath(options.cacheDir, f), 'utf8'), TEXTS[f.path]);
    assert.equal(mode(cachedPath(options.cacheDir, f)), 0o600);
  }
  const commitDir = path.join(options.cacheDir, 'openedx', 'edx-platform', COMMIT);
  for (const dir of [options.cacheDir, path.join(options.cacheDir, 'openedx'), path.dirname(commitDir), commitDir, path.join(commitDir, 'lms'), path.join(commitDir, 'lms', 'envs')]) assert.equal(mode(dir), 0o700, dir);
  assert.deepEqual(filesBelow(options.cacheDir), [`openedx/edx-platform/${COMMIT}/docs/with space.rst`, `openedx/edx-platform/${COMMIT}/lms/envs/common.py`]);
});

test('files already verified in the cache are not requested again', async () => {
  const files = [pinned('lms/envs/common.py'), pinned('docs/settings.rst')];
  const options = setup();
  await downloadFiles(files, options);
  const before = mirror.requests.length;
  const progress: unknown[] = [];
  assert.deepEqual(await downloadFiles(files, { ...options, onProgress: (p) => progress.push(p) }), { ok: true, value: { downloaded: 0, alreadyCached: 2, bytes: 0 } });
  assert.equal(mirror.requests.length - before, 0);
  assert.deepEqual(progress, []);
});

test('a corrupt cached file is downloaded again, and only it', async () => {
  const files = [pinned('lms/envs/common.py'), pinned('docs/settings.rst')];
  const options = setup();
  await downloadFiles(files, options);
  fs.writeFileSync(cachedPath(options.cacheDir, files[1]), 'Settings\n=====X==\n');
  assert.deepEqual(cacheState(options.cacheDir, files), { state: 'corrupt', corrupt: [files[1]], missing: [] });
  const before = mirror.requests.length;
  assert.deepEqual(await downloadFiles(files, options), { ok: true, value: { downloaded: 1, alreadyCached: 1, bytes: 18 } });
  assert.deepEqual(mirror.requests.slice(before), [route('docs/settings.rst')]);
  assert.equal(cacheState(options.cacheDir, files).state, 'complete');
});

test('a link in the cache is replaced by the real file; what it pointed to is untouched', async () => {
  const file = pinned('docs/settings.rst');
  const options = setup();
  const elsewhere = path.join(folder.dir, 'elsewhere');
  fs.mkdirSync(path.join(elsewhere, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(elsewhere, 'docs', 'settings.rst'), 'other');
  // The commit folder is a link to another tree.
  fs.mkdirSync(path.join(options.cacheDir, 'openedx', 'edx-platform'), { recursive: true });
  fs.symlinkSync(elsewhere, path.join(options.cacheDir, 'openedx', 'edx-platform', COMMIT));
  assert.deepEqual(await downloadFiles([file], options), { ok: true, value: { downloaded: 1, alreadyCached: 0, bytes: 18 } });
  assert.equal(fs.lstatSync(path.join(options.cacheDir, 'openedx', 'edx-platform', COMMIT)).isDirectory(), true);
  assert.equal(fs.readFileSync(path.join(elsewhere, 'docs', 'settings.rst'), 'utf8'), 'other');
  // Now the file itself is a link.
  fs.rmSync(cachedPath(options.cacheDir, file));
  fs.symlinkSync(path.join(elsewhere, 'docs', 'settings.rst'), cachedPath(options.cacheDir, file));
  assert.deepEqual(await downloadFiles([file], options), { ok: true, value: { downloaded: 1, alreadyCached: 0, bytes: 18 } });
  assert.equal(fs.lstatSync(cachedPath(options.cacheDir, file)).isFile(), true);
  assert.equal(fs.readFileSync(path.join(elsewhere, 'docs', 'settings.rst'), 'utf8'), 'other');
});

test('a wrong hash: nothing written, both hashes named by their first 12 hex digits', async () => {
  const expected = 'what was pinned here';
  const file = pinned('wrong.py', expected);
  const options = setup();
  const actual = sha256('not what was pinned');
  assert.deepEqual(await downloadFiles([file], options), {
    ok: false,
    error: `wrong.py does not match its pinned hash: expected ${sha256(expected).slice(0, 12)}…, got ${actual.slice(0, 12)}… (19 bytes instead of 20 bytes); nothing was written`,
    code: 'hash-mismatch',
  });
  assert.deepEqual(filesBelow(options.cacheDir), []);
});

test('a same-size wrong file: a hash mismatch without sizes', async () => {
  const pinnedText = 'x'.repeat(19);
  const file = pinned('wrong.py', pinnedText);
  assert.deepEqual(await downloadFiles([file], setup()), {
    ok: false,
    error: `wrong.py does not match its pinned hash: expected ${sha256(pinnedText).slice(0, 12)}…, got ${sha256('not what was pinned').slice(0, 12)}…; nothing was written`,
    code: 'hash-mismatch',
  });
});

test('an answer longer than the pinned size is cut off there: too large, nothing written', async () => {
  const file = pinned('bigger.py', 'short');
  const options = setup();
  assert.deepEqual(await downloadFiles([file], options), { ok: false, error: `bigger.py: ${mirror.base}${route('bigger.py')} is 30 bytes, over the 5 bytes limit`, code: 'too-large' });
  assert.deepEqual(filesBelow(options.cacheDir), []);
});

test('bad pinned files fail the whole call before any request', async () => {
  const good = pinned('lms/envs/common.py');
  const before = mirror.requests.length;
  const cases: [string, string][] = [
    ['../x', `has a '..' segment: got "../x"`],
    ['/etc/passwd', 'must be relative, not start with /: got "/etc/passwd"'],
    ['a//b', 'has an empty segment: got "a//b"'],
    ['a\\b', 'contains a backslash: got "a\\\\b"'],
    ['C:/x', 'must be relative, not start with a drive letter: got "C:/x"'],
    ['a\0b', 'contains a NUL character: got "a\\u0000b"'],
  ];
  for (const [p, reason] of cases) {
    const options = setup();
    assert.deepEqual(await downloadFiles([good, { ...good, path: p }], options), { ok: false, error: `the path of a pinned file of ${REPO} ${reason}`, code: 'bad-file' }, p);
    assert.equal(fs.existsSync(options.cacheDir), false);
  }
  assert.deepEqual(await downloadFiles([good, { ...good, sha256: 'nope' }], setup()), { ok: false, error: 'the sha256 of lms/envs/common.py must be 64 lowercase hex digits: got "nope"', code: 'bad-file' });
  assert.deepEqual(await downloadFiles([good, { ...good, sha256: sha256('other') }], setup()), { ok: false, error: `lms/envs/common.py of ${REPO} is listed twice with different hashes`, code: 'bad-file' });
  assert.equal(mirror.requests.length, before);
});

test('size caps: a file over the per-file cap, or files over the total, fail before any request', async () => {
  const before = mirror.requests.length;
  const big = { ...pinned('lms/envs/common.py'), bytes: 6 * 1024 * 1024 };
  assert.deepEqual(await downloadFiles([big], setup()), { ok: false, error: 'lms/envs/common.py is 6 MB, over the 5 MB limit for one file', code: 'too-large' });
  const files = [pinned('lms/envs/common.py'), pinned('docs/settings.rst')];
  assert.deepEqual(await downloadFiles(files, setup({ maxTotalBytes: 20 })), { ok: false, error: 'the files come to more than the 20 bytes limit for one download', code: 'too-large' });
  assert.deepEqual(await downloadFiles(files, setup({ maxFileBytes: 15 })), { ok: false, error: 'docs/settings.rst is 18 bytes, over the 15 bytes limit for one file', code: 'too-large' });
  assert.equal(mirror.requests.length, before);
});

test('the first failure stops the rest; files written before it stay', async () => {
  const files = [pinned('lms/envs/common.py'), pinned('missing.py', 'x'), pinned('third.py')];
  const options = setup();
  assert.deepEqual(await downloadFiles(files, options), { ok: false, error: `missing.py: HTTP 404 for ${mirror.base}${route('missing.py')}`, code: 'http-status' });
  assert.equal(mirror.count(route('third.py')), 0);
  assert.deepEqual(cacheState(options.cacheDir, files), { state: 'missing', missing: [files[1], files[2]] });
});

test('cancelled mid-body: cancelled, and no file written', { timeout: 5000 }, async () => {
  const controller = new AbortController();
  onStalled = () => setTimeout(() => controller.abort(), 20);
  const options = setup({ signal: controller.signal });
  const result = await downloadFiles([pinned('stall.py', 'x'.repeat(100))], options);
  onStalled = () => undefined;
  assert.deepEqual(result, { ok: false, error: 'stall.py: the download was cancelled', code: 'cancelled' });
  assert.deepEqual(filesBelow(options.cacheDir), []);
});

test('an unreachable mirror: offline', async () => {
  const port = await closedPort();
  const options = setup({ baseUrl: `http://127.0.0.1:${port}` });
  assert.deepEqual(await downloadFiles([pinned('third.py')], options), { ok: false, error: `third.py: cannot connect to 127.0.0.1:${port} (ECONNREFUSED)`, code: 'offline' });
});

test('a mirror base URL with a path and trailing slashes', async () => {
  const options = setup({ baseUrl: `${mirror.base}/mirror//` });
  assert.deepEqual(await downloadFiles([pinned('third.py')], options), { ok: true, value: { downloaded: 1, alreadyCached: 0, bytes: 6 } });
  assert.equal(mirror.count(`/mirror${route('third.py')}`), 1);
});

test('a cache folder that cannot be written: a disk failure with the OS code', async () => {
  const file = path.join(folder.dir, 'not-a-folder');
  fs.writeFileSync(file, '');
  const target = path.join(file, 'openedx', 'edx-platform', COMMIT, 'third.py');
  assert.deepEqual(await downloadFiles([pinned('third.py')], setup({ cacheDir: file })), { ok: false, error: `cannot write ${target}: a part of the path is a file, not a folder (ENOTDIR)`, code: 'disk' });
});
