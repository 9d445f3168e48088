/**
 * `check` and `check --schema` given what is not a regular file (a FIFO nobody writes to,
 * /dev/zero) or a config file past the read limit: a clear error and exit 2 at once, instead of a
 * blocked process or one that reads until the memory is gone.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_CHECKED_FILE_BYTES } from '../../../server/src/cli/checkEngine';
import { runCli } from '../../helpers/cli';

let dir: string;
let fifo: string;

before(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oxc-check-special-')));
  fifo = path.join(dir, 'lms.yml');
  execFileSync('mkfifo', [fifo]);
  fs.writeFileSync(path.join(dir, 'studio.yml'), 'PLATFORM_NAME: x\n');
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('check on a FIFO: "not a regular file" at once, exit 2', async () => {
  const r = await runCli('check', fifo);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `openedx-config: ${fifo}: cannot read: it is a named pipe, not a regular file\n0 of 1 file checked: 0 errors, 0 warnings, 0 infos\n`);
});

test('check on /dev/zero: refused as a device, nothing read', async () => {
  const r = await runCli('check', '--ida', 'lms', '/dev/zero');
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'openedx-config: /dev/zero: cannot read: it is a character device, not a regular file\n0 of 1 file checked: 0 errors, 0 warnings, 0 infos\n');
});

test('check --schema /dev/zero and --schema FIFO: the schema file refused, exit 2', async () => {
  const zero = await runCli('check', '--schema', '/dev/zero', path.join(dir, 'studio.yml'));
  assert.equal(zero.code, 2);
  assert.equal(zero.stderr, 'openedx-config: /dev/zero: cannot read the schema file: it is a character device, not a regular file\n');
  const pipe = await runCli('check', '--schema', fifo, path.join(dir, 'studio.yml'));
  assert.equal(pipe.code, 2);
  assert.equal(pipe.stderr, `openedx-config: ${fifo}: cannot read the schema file: it is a named pipe, not a regular file\n`);
});

test('a config file over the read limit (16 times the parse limit): not read, the sizes said', async () => {
  const big = path.join(dir, 'big.yml');
  // Sparse: the size is what is checked, before anything is read.
  fs.writeFileSync(big, '');
  fs.truncateSync(big, MAX_CHECKED_FILE_BYTES + 1);
  const r = await runCli('check', '--ida', 'lms', big);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `openedx-config: ${big}: cannot read: it is 16,777,217 bytes, over the 16 MB limit\n0 of 1 file checked: 0 errors, 0 warnings, 0 infos\n`);
});
