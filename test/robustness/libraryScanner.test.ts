/**
 * The library scanner fed a hostile site-packages folder, on a fresh process measured against
 * the robustness bounds: links in loops (folders and modules), a named pipe named like a module
 * and as a metadata file (nothing may block), a module we may not read, a 3 MB module, a module
 * too dense to parse, binary modules by the dozen, broken and deeply nested Python, folders 40
 * levels deep, metadata that is binary or lists paths outside the folder. Each problem is
 * exact; every read that can be read is.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { ExtractionProblem } from '../../server/src/catalog/types';
import { assertWithinBounds } from './bounds';
import type { LibraryScanReport } from './libraryScanWorker';
import { removeAll, tempFolder, writeFiles } from '../unit/libraries/sitePackages';

const WORKER = path.join(__dirname, 'libraryScanWorker.js');
const folders: string[] = [];
after(() => {
  for (const f of folders) fs.chmodSync(path.join(f, 'hostile', 'locked.py'), 0o644);
  removeAll(folders);
});

/** A problem about a whole file. */
function problem(code: ExtractionProblem['code'], message: string, file: string): ExtractionProblem {
  return { code, message, file, line: 1, column: 0 };
}

/** Whether this process may read a file (root may read a file whose mode says nobody may). */
function readable(file: string): boolean {
  try {
    fs.closeSync(fs.openSync(file, 'r'));
    return true;
  } catch {
    return false;
  }
}

test('a hostile site-packages folder: every bound holds, each problem is reported exactly, every good read is kept', async (t) => {
  const root = tempFolder('hostile-env');
  folders.push(root);
  const deepFolder = Array.from({ length: 40 }, (_, i) => `d${i}`).join('/');
  writeFiles(root, {
    'hostile-1.0.egg-info/PKG-INFO': 'Name: hostile\nVersion: 1.0\n',
    'hostile-1.0.egg-info/top_level.txt': 'hostile\n',
    'hostile/__init__.py': 'from django.conf import settings\nGOOD = settings.GOOD_BEFORE\n',
    'hostile/locked.py': 'from django.conf import settings\nX = settings.LOCKED_READ\n',
    'hostile/huge.py': `from django.conf import settings\n${'# padding padding padding padding padding padding\n'.repeat(64 * 1024)}`,
    'hostile/dense.py': `from django.conf import settings\nX = [${'1,'.repeat(120_000)}]\n`,
    'hostile/binary.py': Buffer.concat([Buffer.from('from django.conf import settings\n'), Buffer.alloc(64, 0)]),
    'hostile/broken.py': "from django.conf import settings\ndef f(:\n    return settings.AFTER_BROKEN\nclass\n",
    'hostile/nested.py': `from django.conf import settings\nX = ${'('.repeat(3000)}settings.DEEP_READ${')'.repeat(3000)}\n`,
    'hostile/chain.py': `from django.conf import settings\nX = settings.CHAIN_READ${'.a'.repeat(20_000)}\n`,
    'hostile/tests/test_hostile.py': 'from django.conf import settings\nX = settings.FROM_A_TEST\n',
    [`hostile/${deepFolder}/m.py`]: 'from django.conf import settings\nX = settings.TOO_DEEP\n',
    'noisy-1.0.egg-info/PKG-INFO': 'Name: noisy\nVersion: 1.0\n',
    'noisy-1.0.egg-info/top_level.txt': 'noisy\n',
    ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`noisy/b${String(i).padStart(2, '0')}.py`, Buffer.concat([Buffer.from('from django.conf import settings\n'), Buffer.alloc(8, 0)])])),
    'weird-1.0.dist-info/METADATA': Buffer.from([0, 1, 2, 255, 254, 10, 10]),
    'weird-1.0.dist-info/RECORD': '../../../etc/passwd.py,,\n/etc/absolute.py,,\nweird/ok.py,,\n"unterminated\n',
    'weird/ok.py': 'from django.conf import settings\nX = settings.WEIRD_OK\n',
    'fifometa-1.0.egg-info/top_level.txt': 'fifometa\n',
    'fifometa/x.py': 'from django.conf import settings\nX = settings.BESIDE_A_PIPE\n',
  });
  const hostile = path.join(root, 'hostile');
  fs.symlinkSync('.', path.join(hostile, 'loop'));
  fs.symlinkSync('b', path.join(hostile, 'a'));
  fs.symlinkSync('a', path.join(hostile, 'b'));
  fs.symlinkSync('self.py', path.join(hostile, 'self.py'));
  execFileSync('mkfifo', [path.join(hostile, 'pipe.py'), path.join(root, 'fifometa-1.0.egg-info', 'PKG-INFO')]);
  fs.chmodSync(path.join(hostile, 'locked.py'), 0o000);
  const lockedReadable = readable(path.join(hostile, 'locked.py'));

  const { stdout } = await promisify(execFile)(process.execPath, [WORKER, root], { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  const report = JSON.parse(stdout) as LibraryScanReport;
  assertWithinBounds(t, report);

  const deep = `hostile/${deepFolder.split('/').slice(0, 33).join('/')}`;
  const notText = (file: string): ExtractionProblem => problem('unreadable-file', `${file} is not text (it contains NUL bytes); not parsed`, file);
  assert.deepEqual(report.problems, [
    // hostile: the walk's bound first, then the modules' problems in file order.
    problem('limit-reached', `folders nested more than 32 levels deep; ${deep} and deeper ones were not read`, deep),
    notText('hostile/binary.py'),
    { code: 'syntax-error', message: 'Python syntax error at line 2, column 7; reads in the damaged part may be missed', file: 'hostile/broken.py', line: 2, column: 6 },
    problem('file-too-large', 'hostile/dense.py has over 100000 brackets, commas, colons, equals signs and line breaks, too many to parse in reasonable time; not parsed', 'hostile/dense.py'),
    problem('file-too-large', `skipped hostile/huge.py: it is ${fs.statSync(path.join(hostile, 'huge.py')).size.toLocaleString('en-US')} bytes, over the 1 MB limit`, 'hostile/huge.py'),
    // Root reads a file whose mode says nobody may; anyone else is refused.
    ...(lockedReadable ? [] : [problem('unreadable-file', 'cannot read hostile/locked.py: EACCES', 'hostile/locked.py')]),
    problem('unreadable-file', 'cannot read hostile/pipe.py: it is a named pipe, not a regular file', 'hostile/pipe.py'),
    problem('unreadable-file', 'cannot read hostile/self.py: ELOOP', 'hostile/self.py'),
    // noisy: 20 problems, then one saying how many more.
    ...Array.from({ length: 20 }, (_, i) => notText(`noisy/b${String(i).padStart(2, '0')}.py`)),
    problem('limit-reached', '10 more problems in this distribution were not listed', 'noisy/b19.py'),
  ]);
  // The test module, the module 40 folders deep and the paths outside the folder are never read.
  assert.deepEqual(report.settings, ['BESIDE_A_PIPE', 'GOOD_BEFORE', 'AFTER_BROKEN', 'CHAIN_READ', ...(lockedReadable ? ['LOCKED_READ'] : []), 'DEEP_READ', 'WEIRD_OK']);
  assert.deepEqual(report.stats, { distributions: 4, fromCache: 0, scanned: 4, modulesRead: 42, modulesParsed: lockedReadable ? 7 : 6, cacheWrites: 0, keys: lockedReadable ? 7 : 6 });
});
