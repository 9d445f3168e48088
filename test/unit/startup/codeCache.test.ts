import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { cacheFileName, privateCacheDir, runBundle } from '../../../server/src/codeCache';

let root: string;

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'openedx-code-cache-'));
});

after(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

/** A bundle that records, in a global, what Node's module wrapper gave it. */
function writeBundle(name: string, marker: string): string {
  const file = path.join(root, name);
  const body = [
    `const seen = { marker: ${JSON.stringify(marker)}, filename: __filename, dirname: __dirname, sep: require('node:path').sep, sameExports: exports === module.exports };`,
    'function helper(n) { return n * 2; }',
    'seen.helper = helper(21);',
    'globalThis.__codeCacheTest = seen;',
  ].join('\n');
  fs.writeFileSync(file, body);
  return file;
}

interface Seen {
  marker: string;
  filename: string;
  dirname: string;
  sep: string;
  sameExports: boolean;
  helper: number;
}

/**
 * Runs a bundle in a new process, as the server starts (V8 would otherwise find the script in this
 * process's in-memory compilation cache and never look at the cache file), saving the cache when
 * asked; returns what the run reported.
 */
function runInChild(bundle: string, cacheFile: string, save: boolean): { cacheUsed: boolean; cacheRejected: boolean; saved: boolean; seen: Seen } {
  const script = [
    `const { runBundle } = require(${JSON.stringify(require.resolve('../../../server/src/codeCache'))});`,
    `const run = runBundle(${JSON.stringify(bundle)}, ${JSON.stringify(cacheFile)});`,
    `const saved = ${save ? 'run.save()' : 'false'};`,
    'process.stdout.write(JSON.stringify({ cacheUsed: run.cacheUsed, cacheRejected: run.cacheRejected, saved, seen: globalThis.__codeCacheTest }));',
  ].join('\n');
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { cacheUsed: boolean; cacheRejected: boolean; saved: boolean; seen: Seen };
}

function lastSeen(): Seen {
  return (globalThis as unknown as { __codeCacheTest: Seen }).__codeCacheTest;
}

describe('codeCache', () => {
  it('names a cache after the bundle id', () => {
    assert.equal(cacheFileName('0123abcd'), 'server-0123abcd.v8cache');
  });

  it('runs a bundle as Node would, without a cache', () => {
    const bundle = writeBundle('plain.js', 'plain');
    const run = runBundle(bundle, undefined);
    assert.deepEqual(lastSeen(), { marker: 'plain', filename: bundle, dirname: root, sep: path.sep, sameExports: true, helper: 42 });
    assert.equal(run.cacheUsed, false);
    assert.equal(run.cacheRejected, false);
    assert.equal(run.save(), false, 'nothing to save to');
  });

  it('writes a cache once, uses it next time, and replaces a rejected one', () => {
    const dir = fs.mkdtempSync(path.join(root, 'dir-'));
    const bundle = writeBundle('cached.js', 'cached');
    const cacheFile = path.join(dir, cacheFileName('feed'));
    const stale = path.join(dir, cacheFileName('0a1d'));
    fs.writeFileSync(stale, 'an older build');
    fs.writeFileSync(path.join(dir, 'unrelated.txt'), 'kept');

    const first = runInChild(bundle, cacheFile, true);
    assert.deepEqual([first.cacheUsed, first.cacheRejected, first.saved], [false, false, true]);
    assert.ok(fs.statSync(cacheFile).size > 0);
    assert.deepEqual(fs.readdirSync(dir).sort(), [cacheFileName('feed'), 'unrelated.txt'], 'other builds\' caches are removed, other files kept');

    const second = runInChild(bundle, cacheFile, true);
    assert.deepEqual([second.cacheUsed, second.cacheRejected, second.saved], [true, false, false], 'a used cache is not rewritten');
    assert.deepEqual(second.seen, { marker: 'cached', filename: bundle, dirname: root, sep: path.sep, sameExports: true, helper: 42 });

    fs.writeFileSync(cacheFile, Buffer.alloc(4096, 7));
    const third = runInChild(bundle, cacheFile, true);
    assert.deepEqual([third.cacheUsed, third.cacheRejected, third.saved], [false, true, true], 'garbage is rejected and replaced');
    assert.equal(third.seen.helper, 42);
    assert.deepEqual([runInChild(bundle, cacheFile, false).cacheUsed], [true]);

    // In this process: saved once only.
    const here = runBundle(bundle, path.join(dir, cacheFileName('beef')));
    assert.equal(here.save(), true);
    assert.equal(here.save(), false);
  });

  it('keeps the cache only in a folder that only this user can write', () => {
    const made = path.join(root, 'made', 'here');
    assert.equal(privateCacheDir(made), made);
    assert.equal(fs.statSync(made).mode & 0o777, 0o700);

    const shared = path.join(root, 'shared');
    fs.mkdirSync(shared);
    fs.chmodSync(shared, 0o777);
    assert.equal(privateCacheDir(shared), undefined, 'writable by others');

    const link = path.join(root, 'link');
    fs.symlinkSync(made, link);
    assert.equal(privateCacheDir(link), undefined, 'a symbolic link');

    const file = path.join(root, 'a-file');
    fs.writeFileSync(file, '');
    assert.equal(privateCacheDir(file), undefined, 'not a folder');

    const fallback = privateCacheDir();
    assert.ok(fallback !== undefined && fallback.startsWith(os.tmpdir()), `default folder ${String(fallback)}`);
  });
});
