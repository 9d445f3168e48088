/**
 * `readRegularFile`: only regular files, only up to a size; a FIFO, a device or a directory is a
 * failed result at once (never a blocked thread or a full memory), each with its reason.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatBytes, readRegularFile, readRegularTextFile } from '../../../server/src/common/files';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oxc-files-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A FIFO made with mkfifo(1): nothing ever writes to it, so a blocking open or read never returns. */
function fifo(name: string): string {
  const p = path.join(dir, name);
  execFileSync('mkfifo', [p]);
  return p;
}

test('a regular file is read whole, up to and including the limit', () => {
  const file = path.join(dir, 'ten.txt');
  fs.writeFileSync(file, '0123456789');
  assert.deepEqual(readRegularTextFile(file, 10), { ok: true, value: '0123456789' });
  assert.deepEqual(readRegularFile(file, 100), { ok: true, value: Buffer.from('0123456789') });
  fs.writeFileSync(path.join(dir, 'empty.txt'), '');
  assert.deepEqual(readRegularTextFile(path.join(dir, 'empty.txt'), 10), { ok: true, value: '' });
});

test('a file over the limit is refused before it is read, with its size and the limit', () => {
  const file = path.join(dir, 'eleven.txt');
  fs.writeFileSync(file, '0123456789A');
  assert.deepEqual(readRegularFile(file, 10), { ok: false, error: 'it is 11 bytes, over the 10 bytes limit', code: 'too-large' });
  fs.writeFileSync(file, Buffer.alloc(3 * 1024 * 1024 + 512 * 1024));
  assert.deepEqual(readRegularFile(file, 1024 * 1024), { ok: false, error: 'it is 3,670,016 bytes, over the 1 MB limit', code: 'too-large' });
});

test('a FIFO nobody writes to: refused at once, the open does not block', () => {
  const started = performance.now();
  assert.deepEqual(readRegularFile(fifo('pipe'), 1024), { ok: false, error: 'it is a named pipe, not a regular file', code: 'not-a-file' });
  assert.ok(performance.now() - started < 1000);
});

test('/dev/zero: refused as a device, nothing read', () => {
  assert.deepEqual(readRegularFile('/dev/zero', 20 * 1024 * 1024), { ok: false, error: 'it is a character device, not a regular file', code: 'not-a-file' });
});

test('a directory, a missing file and a path through a file: each its reason', () => {
  assert.deepEqual(readRegularFile(dir, 1024), { ok: false, error: 'it is a directory, not a regular file', code: 'not-a-file' });
  assert.deepEqual(readRegularFile(path.join(dir, 'missing.txt'), 1024), { ok: false, error: 'ENOENT: no such file', code: 'not-found' });
  assert.deepEqual(readRegularFile(path.join(dir, 'ten.txt', 'below-a-file'), 1024), { ok: false, error: 'ENOTDIR: no such file', code: 'not-found' });
});

test('a symbolic link to a regular file is read (a user may name a linked schema); one to a FIFO is refused', () => {
  const target = path.join(dir, 'target.json');
  fs.writeFileSync(target, '{}');
  fs.symlinkSync(target, path.join(dir, 'link.json'));
  assert.deepEqual(readRegularTextFile(path.join(dir, 'link.json'), 10), { ok: true, value: '{}' });
  fs.symlinkSync(fifo('pipe2'), path.join(dir, 'pipe-link.json'));
  assert.deepEqual(readRegularFile(path.join(dir, 'pipe-link.json'), 10), { ok: false, error: 'it is a named pipe, not a regular file', code: 'not-a-file' });
});

test('a file whose size the file system does not tell (/proc) is still read, in chunks up to the limit', () => {
  const status = readRegularTextFile('/proc/self/status', 1024 * 1024);
  assert.ok(status.ok && status.value.includes('VmRSS'), 'read whole');
  assert.deepEqual(readRegularFile('/proc/self/status', 16), { ok: false, error: 'it grew past the 16 bytes limit while it was read', code: 'too-large' });
});

test('formatBytes: bytes below a megabyte, MB above', () => {
  assert.equal(formatBytes(0), '0 bytes');
  assert.equal(formatBytes(12_345), '12,345 bytes');
  assert.equal(formatBytes(20 * 1024 * 1024), '20 MB');
  assert.equal(formatBytes(1.25 * 1024 * 1024), '1.3 MB');
});
