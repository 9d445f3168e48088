/**
 * The cache folder: paths inside it, files verified by size and SHA-256 (a link never followed),
 * atomic writes into private folders, and write failures named by what the OS said.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cachedPath, cacheState, diskMessage, writeAtomically } from '../../../server/src/documentation/cache';
import type { PinnedFile } from '../../../server/src/documentation/files';
import { sha256, temporaryFolder } from './upstream';

const folder = temporaryFolder('oxc-cache-');
after(folder.remove);

const COMMIT = 'fedcba9876543210fedcba9876543210fedcba98';
const pinned = (p: string, text: string): PinnedFile => ({ repo: 'openedx/credentials', commit: COMMIT, path: p, sha256: sha256(text), bytes: Buffer.byteLength(text) });
const mode = (p: string): number => fs.statSync(p).mode & 0o777;

test('cachedPath: <cacheDir>/<owner>/<name>/<commit>/<path>, and never outside', () => {
  const cache = path.join(folder.dir, 'paths');
  assert.equal(cachedPath(cache, pinned('credentials/settings/base.py', '')), path.join(cache, 'openedx', 'credentials', COMMIT, 'credentials', 'settings', 'base.py'));
  assert.equal(cachedPath(`${cache}/`, pinned('a.py', '')), path.join(cache, 'openedx', 'credentials', COMMIT, 'a.py'));
  assert.throws(() => cachedPath(cache, { ...pinned('x', ''), path: '../../../../../x' }), new RangeError('a pinned file would be cached outside the cache folder'));
  assert.throws(() => cachedPath(cache, { ...pinned('x', ''), repo: '../..' }), new RangeError('a pinned file would be cached outside the cache folder'));
});

test('writeAtomically: folders 0700, the file 0600, no temporary file left', () => {
  const cache = path.join(folder.dir, 'modes');
  const target = path.join(cache, 'a', 'b', 'file.txt');
  assert.deepEqual(writeAtomically(target, Buffer.from('one')), { ok: true, value: undefined });
  assert.equal(fs.readFileSync(target, 'utf8'), 'one');
  assert.deepEqual([mode(cache), mode(path.join(cache, 'a')), mode(path.join(cache, 'a', 'b')), mode(target)], [0o700, 0o700, 0o700, 0o600]);
  assert.deepEqual(writeAtomically(target, Buffer.from('two')), { ok: true, value: undefined });
  assert.equal(fs.readFileSync(target, 'utf8'), 'two');
  assert.deepEqual(fs.readdirSync(path.join(cache, 'a', 'b')), ['file.txt']);
});

test('writeAtomically: a link at the target is replaced, what it points to untouched', () => {
  const outside = path.join(folder.dir, 'outside.txt');
  fs.writeFileSync(outside, 'keep me');
  const target = path.join(folder.dir, 'linked', 'file.txt');
  fs.mkdirSync(path.dirname(target));
  fs.symlinkSync(outside, target);
  assert.deepEqual(writeAtomically(target, Buffer.from('new')), { ok: true, value: undefined });
  assert.equal(fs.lstatSync(target).isFile(), true);
  assert.equal(fs.readFileSync(target, 'utf8'), 'new');
  assert.equal(fs.readFileSync(outside, 'utf8'), 'keep me');
});

test('writeAtomically: a folder that cannot be made is a disk failure with the OS code', () => {
  const file = path.join(folder.dir, 'a-file');
  fs.writeFileSync(file, 'x');
  const target = path.join(file, 'sub', 'x.txt');
  assert.deepEqual(writeAtomically(target, Buffer.from('x')), { ok: false, error: `cannot write ${target}: a part of the path is a file, not a folder (ENOTDIR)`, code: 'disk' });
});

test('diskMessage: what each code means, with the code', () => {
  assert.equal(diskMessage('ENOSPC'), 'the disk is full (ENOSPC)');
  assert.equal(diskMessage('EDQUOT'), 'the disk quota is used up (EDQUOT)');
  assert.equal(diskMessage('EROFS'), 'the file system is read-only (EROFS)');
  assert.equal(diskMessage('EWEIRD'), 'EWEIRD');
});

test('cacheState: missing, then complete with the root of each commit', () => {
  const cache = path.join(folder.dir, 'state');
  const files = [pinned('a.py', 'alpha'), pinned('pkg/b.py', 'beta')];
  assert.deepEqual(cacheState(cache, files), { state: 'missing', missing: files });
  for (const f of files) writeAtomically(cachedPath(cache, f), Buffer.from(f.path === 'a.py' ? 'alpha' : 'beta'));
  const state = cacheState(cache, files);
  assert.equal(state.state, 'complete');
  assert.equal(state.state === 'complete' && state.root('openedx/credentials', COMMIT), path.join(cache, 'openedx', 'credentials', COMMIT));
  assert.deepEqual(cacheState(cache, []).state, 'complete');
});

test('cacheState: a changed byte, a longer or shorter file, or a folder in its place is corrupt', () => {
  const cache = path.join(folder.dir, 'corrupt');
  const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((n) => pinned(`${n}.txt`, `content ${n}`));
  fs.mkdirSync(path.dirname(cachedPath(cache, a)), { recursive: true });
  fs.writeFileSync(cachedPath(cache, a), 'content A');
  fs.writeFileSync(cachedPath(cache, b), 'content b and more');
  fs.writeFileSync(cachedPath(cache, c), 'content');
  fs.mkdirSync(cachedPath(cache, d));
  assert.deepEqual(cacheState(cache, [a, b, c, d, e]), { state: 'corrupt', corrupt: [a, b, c, d], missing: [e] });
});

test('cacheState: a link is never followed, at the file or at a folder', () => {
  const cache = path.join(folder.dir, 'links');
  const file = pinned('docs/x.rst', 'the text');
  const real = path.join(folder.dir, 'real-x.rst');
  fs.writeFileSync(real, 'the text');
  fs.mkdirSync(path.dirname(cachedPath(cache, file)), { recursive: true });
  fs.symlinkSync(real, cachedPath(cache, file));
  assert.deepEqual(cacheState(cache, [file]), { state: 'corrupt', corrupt: [file], missing: [] });

  const cache2 = path.join(folder.dir, 'folder-link');
  const realTree = path.join(folder.dir, 'real-tree');
  fs.mkdirSync(path.join(realTree, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(realTree, 'docs', 'x.rst'), 'the text');
  fs.mkdirSync(path.join(cache2, 'openedx', 'credentials'), { recursive: true });
  fs.symlinkSync(realTree, path.join(cache2, 'openedx', 'credentials', COMMIT));
  assert.deepEqual(cacheState(cache2, [file]), { state: 'corrupt', corrupt: [file], missing: [] });
});

test('cacheState: a cache folder that is itself a link is the user\'s choice, and followed', () => {
  const real = path.join(folder.dir, 'real-cache');
  const file = pinned('a.txt', 'via link');
  writeAtomically(cachedPath(real, file), Buffer.from('via link'));
  const link = path.join(folder.dir, 'cache-link');
  fs.symlinkSync(real, link);
  assert.equal(cacheState(link, [file]).state, 'complete');
});
