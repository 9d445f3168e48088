/**
 * From what a user names to the site-packages folder to scan, on folder layouts we make: POSIX
 * and Windows virtualenvs, Python executables (links not followed), Debian's prefix, a
 * site-packages folder itself, and the virtualenvs of a workspace.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectWorkspaceEnvironment, resolveEnvironment } from '../../../server/src/libraries/environment';
import { removeAll, tempFolder, writeFiles } from './sitePackages';

const folders: string[] = [];
after(() => removeAll(folders));

function folder(prefix: string): string {
  const f = tempFolder(prefix);
  folders.push(f);
  return f;
}

/** A POSIX virtualenv with site-packages for the given Python versions. */
function posixVenv(root: string, versions: string[]): string {
  writeFiles(root, { 'pyvenv.cfg': 'home = /usr/bin\n', 'bin/activate': '' });
  for (const v of versions) fs.mkdirSync(path.join(root, 'lib', `python${v}`, 'site-packages'), { recursive: true });
  return root;
}

test('a virtualenv: the newest Python\'s site-packages first; lib64 linking to lib counted once', () => {
  const venv = posixVenv(folder('venv'), ['3.8', '3.11', '3.9']);
  fs.symlinkSync('lib', path.join(venv, 'lib64'));
  const site = (v: string): string => path.join(venv, 'lib', `python${v}`, 'site-packages');
  assert.deepEqual(resolveEnvironment(venv), { ok: true, value: { sitePackages: site('3.11'), candidates: [site('3.11'), site('3.9'), site('3.8')], kind: 'virtualenv', prefix: venv } });
});

test('a Python executable: its prefix, without following the link to the system Python', () => {
  const venv = posixVenv(folder('venv-exe'), ['3.11']);
  const system = folder('system-python');
  writeFiles(system, { 'bin/python3.11': '#!fake' });
  fs.symlinkSync(path.join(system, 'bin', 'python3.11'), path.join(venv, 'bin', 'python3'));
  const site = path.join(venv, 'lib', 'python3.11', 'site-packages');
  assert.deepEqual(resolveEnvironment(path.join(venv, 'bin', 'python3')), { ok: true, value: { sitePackages: site, candidates: [site], kind: 'virtualenv', prefix: venv } });
});

test('a Windows virtualenv, named by its folder or by Scripts\\python.exe', () => {
  const venv = folder('winvenv');
  writeFiles(venv, { 'pyvenv.cfg': '', 'Scripts/python.exe': 'MZ', 'Lib/site-packages/x.py': '' });
  const site = path.join(venv, 'Lib', 'site-packages');
  const expected = { ok: true, value: { sitePackages: site, candidates: [site], kind: 'virtualenv', prefix: venv } };
  assert.deepEqual(resolveEnvironment(venv), expected);
  assert.deepEqual(resolveEnvironment(path.join(venv, 'Scripts', 'python.exe')), expected);
});

test('a prefix as Debian lays it out: dist-packages of Debian, then pip\'s system installs', () => {
  const usr = folder('usr');
  fs.mkdirSync(path.join(usr, 'lib', 'python3', 'dist-packages'), { recursive: true });
  fs.mkdirSync(path.join(usr, 'lib', 'python3.11'), { recursive: true });
  fs.mkdirSync(path.join(usr, 'local', 'lib', 'python3.11', 'dist-packages'), { recursive: true });
  writeFiles(usr, { 'bin/python3': '' });
  const debian = path.join(usr, 'lib', 'python3', 'dist-packages');
  const local = path.join(usr, 'local', 'lib', 'python3.11', 'dist-packages');
  assert.deepEqual(resolveEnvironment(path.join(usr, 'bin', 'python3')), { ok: true, value: { sitePackages: debian, candidates: [debian, local], kind: 'prefix', prefix: usr } });
});

test('a site-packages folder itself, by its name or by the metadata it holds', () => {
  const named = path.join(folder('site'), 'site-packages');
  fs.mkdirSync(named);
  const target = folder('target');
  writeFiles(target, { 'pkg-1.0.dist-info/METADATA': 'Name: pkg\n' });
  assert.deepEqual(resolveEnvironment(named), { ok: true, value: { sitePackages: named, candidates: [named], kind: 'site-packages' } });
  assert.deepEqual(resolveEnvironment(target), { ok: true, value: { sitePackages: target, candidates: [target], kind: 'site-packages' } });
});

test('what is not an environment fails with a message saying what was looked for', () => {
  const empty = folder('empty');
  writeFiles(empty, { 'notes.txt': '' });
  const missing = path.join(empty, 'missing');
  assert.deepEqual(resolveEnvironment(missing), { ok: false, error: `${missing}: no such file or folder` });
  assert.deepEqual(resolveEnvironment(path.join(empty, 'notes.txt')), { ok: false, error: `${path.join(empty, 'notes.txt')}: not a Python executable, a virtualenv or a site-packages folder` });
  assert.deepEqual(resolveEnvironment(empty), { ok: false, error: `${empty}: no site-packages folder found in ${empty} (looked for lib/python3.*/site-packages, Lib/site-packages and lib/python3/dist-packages)` });
});

test('the workspace virtualenv: .venv before venv, only with pyvenv.cfg and site-packages', () => {
  const ws = folder('ws');
  assert.equal(detectWorkspaceEnvironment(ws), undefined);
  fs.mkdirSync(path.join(ws, '.venv', 'lib', 'python3.11', 'site-packages'), { recursive: true });
  posixVenv(path.join(ws, 'venv'), ['3.11']);
  assert.equal(detectWorkspaceEnvironment(ws), path.join(ws, 'venv'));
  writeFiles(ws, { '.venv/pyvenv.cfg': '' });
  assert.equal(detectWorkspaceEnvironment(ws), path.join(ws, '.venv'));
});
