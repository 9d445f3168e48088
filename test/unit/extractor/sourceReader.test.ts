/**
 * The reader's cache between extractions: the same bytes are not decoded again, and the density
 * of an edited text is counted over the edit only, to the same count.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { fileSystemReader, ReadCache } from '../../../server/src/extractor/sourceReader';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oxc-reader-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** Density as the reader counts it, the slow way. */
function dense(text: string): number {
  return [...text].filter((c) => '\n(),:;=[]{}'.includes(c)).length;
}

test('the same bytes are not decoded again; other bytes are', () => {
  const cache = new ReadCache();
  const file = path.join(root, 'a.py');
  fs.writeFileSync(file, 'A = "é"\n');
  const reader = fileSystemReader(root, undefined, undefined, undefined, cache);
  assert.deepStrictEqual(reader.read('a.py'), { ok: true, value: 'A = "é"\n' });
  const bytes = fs.readFileSync(file);
  assert.equal(cache.decoded(file, bytes), 'A = "é"\n');
  assert.equal(cache.decoded(file, Buffer.from('A = "è"\n')), undefined);
  assert.equal(cache.decoded(path.join(root, 'b.py'), bytes), undefined);
  fs.writeFileSync(file, 'A = "è"\n');
  assert.deepStrictEqual(reader.read('a.py'), { ok: true, value: 'A = "è"\n' });
});

test('the density of an edited text, counted from the last one, is its count; too dense is still refused', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', ' ', '\n', '(', ')', ',', ':', ';', '=', '[', ']', '{', '}', 'é', '😀') }), { minLength: 2, maxLength: 6 }), (texts) => {
      const cache = new ReadCache();
      for (const text of texts) {
        const count = cache.dense('/x.py', text);
        assert.equal(count, dense(text));
        cache.remember('/x.py', text, count);
      }
    }),
  );
  const file = path.join(root, 'dense.py');
  const cache = new ReadCache();
  const reader = fileSystemReader(root, undefined, undefined, 10, cache);
  fs.writeFileSync(file, 'A = [1, 2]\n');
  assert.deepStrictEqual(reader.read('dense.py'), { ok: true, value: 'A = [1, 2]\n' });
  fs.writeFileSync(file, 'A = [1, 2, 3, 4, 5, 6, 7, 8]\n');
  assert.deepStrictEqual(reader.read('dense.py'), {
    ok: false,
    error: 'dense.py has over 10 brackets, commas, colons, equals signs and line breaks, too many to parse in reasonable time; not parsed',
    code: 'file-too-large',
  });
});

test('an unwritten file is taken from the cache by its signature; a rewrite of the same size, a re-pointed link and a link out of the folder are read again', () => {
  const cache = new ReadCache();
  const reader = fileSystemReader(root, undefined, undefined, undefined, cache);
  const file = path.join(root, 'sig.py');
  fs.writeFileSync(file, 'A = 1\n');
  assert.deepStrictEqual(reader.read('sig.py'), { ok: true, value: 'A = 1\n' });
  // Read again unchanged: the file is not opened.
  const opened: string[] = [];
  // The module object itself (the namespace import only has getters onto it).
  const real = createRequire(__filename)('node:fs') as { openSync: typeof fs.openSync };
  const open = real.openSync;
  real.openSync = ((p: fs.PathLike, flags: fs.OpenMode, mode?: fs.Mode | null) => {
    opened.push(String(p));
    return open(p, flags, mode);
  }) as typeof fs.openSync;
  try {
    assert.deepStrictEqual(reader.read('sig.py'), { ok: true, value: 'A = 1\n' });
  } finally {
    real.openSync = open;
  }
  assert.deepStrictEqual(opened, []);
  // Same size, written again: the change time moves even within one tick of the modification time.
  const stamp = fs.statSync(file).mtime;
  fs.writeFileSync(file, 'A = 2\n');
  fs.utimesSync(file, stamp, stamp);
  assert.deepStrictEqual(reader.read('sig.py'), { ok: true, value: 'A = 2\n' });
  // Read through a link, which is then pointed at another file of the same size.
  fs.writeFileSync(path.join(root, 'one.py'), 'B = 1\n');
  fs.writeFileSync(path.join(root, 'two.py'), 'B = 2\n');
  fs.symlinkSync('one.py', path.join(root, 'link.py'));
  assert.deepStrictEqual(reader.read('link.py'), { ok: true, value: 'B = 1\n' });
  fs.rmSync(path.join(root, 'link.py'));
  fs.symlinkSync('two.py', path.join(root, 'link.py'));
  assert.deepStrictEqual(reader.read('link.py'), { ok: true, value: 'B = 2\n' });
  // Pointed out of the folder: refused, though a file of the same text was read there before.
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'oxc-outside-'));
  try {
    fs.writeFileSync(path.join(outside, 'two.py'), 'B = 2\n');
    fs.rmSync(path.join(root, 'link.py'));
    fs.symlinkSync(path.join(outside, 'two.py'), path.join(root, 'link.py'));
    assert.deepStrictEqual(reader.read('link.py'), { ok: false, error: 'link.py resolves outside the sources folder; not read', code: 'unreadable-file' });
  } finally {
    fs.rmSync(outside, { recursive: true, force: true });
  }
});
