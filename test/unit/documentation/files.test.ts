/**
 * Pinned files: their URLs (each path segment encoded, the base URL's trailing slashes dropped) and
 * the check of their fields, which refuses every path that could leave its folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPinnedFile, DEFAULT_BASE_URL, fileUrl, type PinnedFile } from '../../../server/src/documentation/files';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const SHA = 'a'.repeat(64);
const file = (path: string): PinnedFile => ({ repo: 'openedx/edx-platform', commit: COMMIT, path, sha256: SHA, bytes: 10 });

test('fileUrl: base/owner/name/commit/path, each segment percent-encoded', () => {
  assert.equal(DEFAULT_BASE_URL, 'https://raw.githubusercontent.com');
  assert.equal(fileUrl(DEFAULT_BASE_URL, file('lms/envs/common.py')), `https://raw.githubusercontent.com/openedx/edx-platform/${COMMIT}/lms/envs/common.py`);
  assert.equal(fileUrl(DEFAULT_BASE_URL, file('docs/a b#c?d.rst')), `https://raw.githubusercontent.com/openedx/edx-platform/${COMMIT}/docs/a%20b%23c%3Fd.rst`);
  assert.equal(fileUrl(DEFAULT_BASE_URL, file('docs/café/ü.rst')), `https://raw.githubusercontent.com/openedx/edx-platform/${COMMIT}/docs/caf%C3%A9/%C3%BC.rst`);
  assert.equal(fileUrl(DEFAULT_BASE_URL, file('50%.txt')), `https://raw.githubusercontent.com/openedx/edx-platform/${COMMIT}/50%25.txt`);
});

test('fileUrl: a base URL with a path and trailing slashes', () => {
  assert.equal(fileUrl('https://mirror.example/raw///', file('a.py')), `https://mirror.example/raw/openedx/edx-platform/${COMMIT}/a.py`);
  assert.equal(fileUrl('http://127.0.0.1:8080/', file('a.py')), `http://127.0.0.1:8080/openedx/edx-platform/${COMMIT}/a.py`);
});

test('checkPinnedFile: a good file comes back as a fresh object with its five fields alone', () => {
  const input = { ...file('lms/envs/common.py'), extra: 'dropped' };
  assert.deepEqual(checkPinnedFile(input), { ok: true, value: file('lms/envs/common.py') });
  assert.deepEqual(checkPinnedFile({ ...file('.github/x.yml'), bytes: 0 }), { ok: true, value: { ...file('.github/x.yml'), bytes: 0 } });
});

test('checkPinnedFile: paths that could leave the folder are refused, each with its reason', () => {
  const cases: [string, string][] = [
    ['../x', `has a '..' segment: got "../x"`],
    ['a/../../x', `has a '..' segment: got "a/../../x"`],
    ['a/./b', `has a '.' segment: got "a/./b"`],
    ['/etc/passwd', 'must be relative, not start with /: got "/etc/passwd"'],
    ['a//b', 'has an empty segment: got "a//b"'],
    ['a/', 'has an empty segment: got "a/"'],
    ['a\\b', 'contains a backslash: got "a\\\\b"'],
    ['C:/x', 'must be relative, not start with a drive letter: got "C:/x"'],
    ['c:x', 'must be relative, not start with a drive letter: got "c:x"'],
    ['a\0b', 'contains a NUL character: got "a\\u0000b"'],
    ['', 'is empty: got ""'],
  ];
  for (const [path, reason] of cases) {
    assert.deepEqual(checkPinnedFile(file(path)), { ok: false, error: `the path of a pinned file of openedx/edx-platform ${reason}`, code: 'bad-file' }, path);
  }
});

test('checkPinnedFile: an absurdly long value is quoted cut to 200 characters', () => {
  const long = `../${'x'.repeat(10_000)}`;
  assert.deepEqual(checkPinnedFile(file(long)), { ok: false, error: `the path of a pinned file of openedx/edx-platform has a '..' segment: got "${long.slice(0, 200)}…"`, code: 'bad-file' });
});

test('checkPinnedFile: each other field, named in the message', () => {
  const bad = (change: Record<string, unknown>): unknown => checkPinnedFile({ ...file('a.py'), ...change });
  const refused = (error: string): unknown => ({ ok: false, error, code: 'bad-file' });
  assert.deepEqual(checkPinnedFile(null), refused('a pinned file must be an object with repo, commit, path, sha256 and bytes'));
  assert.deepEqual(checkPinnedFile(['a']), refused('a pinned file must be an object with repo, commit, path, sha256 and bytes'));
  assert.deepEqual(bad({ repo: 3 }), refused('a pinned file has no repo (a string owner/name)'));
  for (const repo of ['openedx', 'a/b/c', '../x', 'a/..', 'a b/c', '/x']) {
    assert.deepEqual(bad({ repo }), refused(`the repo of a pinned file must be owner/name (letters, digits, '.', '_', '-'): got ${JSON.stringify(repo)}`), repo);
  }
  assert.deepEqual(bad({ commit: 'main' }), refused('the commit of a pinned file of openedx/edx-platform must be 40 lowercase hex digits: got "main"'));
  assert.deepEqual(bad({ commit: COMMIT.toUpperCase() }), refused(`the commit of a pinned file of openedx/edx-platform must be 40 lowercase hex digits: got "${COMMIT.toUpperCase()}"`));
  assert.deepEqual(bad({ commit: undefined }), refused('the commit of a pinned file of openedx/edx-platform must be 40 lowercase hex digits: got undefined'));
  assert.deepEqual(bad({ path: 7 }), refused('a pinned file of openedx/edx-platform has no path (a string)'));
  assert.deepEqual(bad({ sha256: 'abc' }), refused('the sha256 of a.py must be 64 lowercase hex digits: got "abc"'));
  for (const bytes of [-1, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN]) {
    assert.deepEqual(bad({ bytes }), refused(`the bytes of a.py must be a whole number of bytes, 0 or more: got ${String(bytes)}`), String(bytes));
  }
  assert.deepEqual(bad({ bytes: '10' }), refused('the bytes of a.py must be a whole number of bytes, 0 or more: got string'));
});
