/**
 * `openedx-config schemas` pins every source file of a shipped schema: its own commit (a
 * `.source.json` beside a file copied alone) or the checkout's, its SHA-256 and its size.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pinFiles } from '../../../server/src/cli/schemasCommand';

/** SHA-256 of `X = 1\n`, computed with sha256sum. */
const X1 = '0abae1e0ae728216ee44993c5a3a755f8b1c387d947fc4c4f72cab0e4a84214b';

test('each file pinned to its own recorded commit, else the checkout\'s, with its hash and size', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oxc-pins-'));
  try {
    fs.mkdirSync(path.join(root, 'lms', 'envs'), { recursive: true });
    fs.writeFileSync(path.join(root, 'lms', 'envs', 'common.py'), 'X = 1\n');
    fs.writeFileSync(path.join(root, 'lms', 'envs', 'common.py.source.json'), JSON.stringify({ repo: 'o/r', commit: 'a'.repeat(40) }));
    fs.writeFileSync(path.join(root, 'lms', 'envs', 'production.py'), '');
    const pins = pinFiles(root, 'o/r', ['lms/envs/common.py', 'lms/envs/production.py'], { commit: 'b'.repeat(40) });
    assert.deepEqual(pins, [
      { repo: 'o/r', commit: 'a'.repeat(40), path: 'lms/envs/common.py', sha256: X1, bytes: 6 },
      { repo: 'o/r', commit: 'b'.repeat(40), path: 'lms/envs/production.py', sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', bytes: 0 },
    ]);
    assert.throws(() => pinFiles(root, 'o/r', ['lms/envs/production.py'], {}), {
      message: `no revision is known for lms/envs/production.py in ${root} (a git checkout, or a .source.json beside it)`,
    });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('the shipped schemas pin every file they were read from, Django\'s base included', () => {
  const schemas = path.resolve(__dirname, '..', '..', '..', '..', 'schemas');
  const lms = JSON.parse(fs.readFileSync(path.join(schemas, 'lms.json'), 'utf8')) as { 'x-openedx-schema': { source: { files: string[]; bases: { files: string[] }[]; pinned: { repo: string; path: string; sha256: string }[] } } };
  const source = lms['x-openedx-schema'].source;
  assert.deepEqual(
    source.pinned.map((p) => `${p.repo}:${p.path}`),
    [...source.files.map((f) => `openedx/openedx-platform:${f}`), ...source.bases[0].files.map((f) => `django/django:${f}`)],
  );
  for (const p of source.pinned) assert.match(p.sha256, /^[0-9a-f]{64}$/);
});
