/**
 * Settings sources that are not what they seem: symbolic links out of the sources folder (to a
 * file made outside it, standing for /etc/passwd), a FIFO, binary data after a page of text, and
 * symbolic-link cycles and escapes seen by detection. Each is refused with a problem naming it,
 * and nothing from outside the folder reaches the catalog (so no hover can show it).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectIdas } from '../../../server/src/extractor/detect';
import { extractFrom } from './helpers';

const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oxc-special-')));
after(() => fs.rmSync(base, { recursive: true, force: true }));

/** A file outside every sources folder, holding what must never be read (a stand-in for /etc/passwd). */
const SECRET = path.join(base, 'outside', 'secret.py');
fs.mkdirSync(path.dirname(SECRET), { recursive: true });
fs.writeFileSync(SECRET, "LEAKED_SETTING = 'root:x:0:0:root:/root:/bin/bash'\n");

/**
 * An OEP-45 package `<name>/app/settings/` whose `required.py` star-imports `modules` (name →
 * content, or a function that makes the file itself); returns the sources folder.
 */
function oep45(name: string, modules: Record<string, string | ((file: string) => void)>): string {
  const root = path.join(base, name);
  const settings = path.join(root, 'app', 'settings');
  fs.mkdirSync(settings, { recursive: true });
  const imports = Object.keys(modules).filter((m) => m !== 'defaults.py').map((m) => `from .${m.replace(/\.py$/, '').replace(/\//g, '.')} import *\n`);
  fs.writeFileSync(path.join(settings, 'required.py'), `${imports.join('')}REQUIRED_ONE = 1\n`);
  fs.writeFileSync(path.join(settings, '__init__.py'), '');
  for (const [file, content] of Object.entries(modules)) {
    const p = path.join(settings, file);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (typeof content === 'string') fs.writeFileSync(p, content);
    else content(p);
  }
  return root;
}

const S = 'app/settings';

test('a symlinked settings module and a symlinked defaults.py pointing outside the sources folder: not read, a problem each', async () => {
  const root = oep45('escape', {
    'outside.py': (p) => fs.symlinkSync(SECRET, p),
    'defaults.py': (p) => fs.symlinkSync(SECRET, p),
    'inside.py': "INSIDE = 'kept'\n",
  });
  const { catalog } = await extractFrom(root, 'app');
  assert.deepEqual(
    catalog.problems.map((p) => [p.code, p.message, p.file, p.line]),
    [
      ['unreadable-file', `${S}/outside.py resolves outside the sources folder; not read`, `${S}/outside.py`, 1],
      ['unreadable-file', `${S}/defaults.py resolves outside the sources folder; not read`, `${S}/defaults.py`, 1],
    ],
  );
  assert.deepEqual(catalog.settings.map((s) => s.name).sort(), ['INSIDE', 'REQUIRED_ONE']);
  assert.ok(!JSON.stringify(catalog).includes('root:x:0'), 'nothing of the outside file is in the catalog');
});

test('a symlinked folder in the package pointing outside: its modules are not read', async () => {
  const root = oep45('escape-dir', { 'inside.py': 'INSIDE = 1\n' });
  fs.symlinkSync(path.dirname(SECRET), path.join(root, S, 'linked'));
  fs.appendFileSync(path.join(root, S, 'required.py'), 'from .linked.secret import *\n');
  const { catalog } = await extractFrom(root, 'app');
  assert.deepEqual(
    catalog.problems.map((p) => [p.code, p.message]),
    [['unreadable-file', `${S}/linked/secret.py resolves outside the sources folder; not read`]],
  );
  assert.deepEqual(catalog.settings.map((s) => s.name).sort(), ['INSIDE', 'REQUIRED_ONE']);
});

test('a symbolic link that stays inside the sources folder is followed, as Python would', async () => {
  const root = oep45('inner-link', { 'real.py': "SHARED = 'yes'\n", 'alias.py': (p) => fs.symlinkSync('real.py', p) });
  const { catalog } = await extractFrom(root, 'app');
  assert.deepEqual(catalog.problems, []);
  assert.deepEqual(catalog.settings.map((s) => s.name).sort(), ['REQUIRED_ONE', 'SHARED']);
});

test('a FIFO as a settings module: skipped at once with a problem, the rest read', async () => {
  const root = oep45('fifo', { 'pipe.py': (p) => execFileSync('mkfifo', [p]), 'after.py': 'AFTER = 2\n' });
  const started = performance.now();
  const { catalog } = await extractFrom(root, 'app');
  assert.ok(performance.now() - started < 10_000, 'the FIFO did not block the reading');
  assert.deepEqual(
    catalog.problems.map((p) => [p.code, p.message, p.file]),
    [['unreadable-file', `skipped ${S}/pipe.py: it is a named pipe, not a regular file`, `${S}/pipe.py`]],
  );
  assert.deepEqual(catalog.settings.map((s) => s.name).sort(), ['AFTER', 'REQUIRED_ONE']);
});

test('binary data after 9 KB of text (past a first-page check): refused as not text, with NUL bytes or without', async () => {
  let text = '';
  for (let i = 0; text.length < 9000; i++) text += `SETTING_${i} = 'value ${i}'\n`;
  const noise = Buffer.alloc(20_000);
  for (let i = 0; i < noise.length; i++) noise[i] = 1 + ((i * 7919) % 255);
  const root = oep45('late-binary', {
    'nul.py': (p) => fs.writeFileSync(p, Buffer.concat([Buffer.from(text), Buffer.from([0]), noise])),
    'noise.py': (p) => fs.writeFileSync(p, Buffer.concat([Buffer.from(text), noise])),
  });
  const { catalog } = await extractFrom(root, 'app');
  assert.deepEqual(
    catalog.problems.map((p) => p.message),
    [`${S}/nul.py is not text (it contains NUL bytes); not parsed`, `${S}/noise.py is not text (it contains control characters); not parsed`],
  );
  assert.deepEqual(catalog.settings.map((s) => s.name), ['REQUIRED_ONE']);
});

test('detection in a folder with a symlink cycle and a symlinked folder to a package outside: ends, and finds only the package inside', () => {
  const root = oep45('cycle', { 'inside.py': 'INSIDE = 1\n' });
  fs.symlinkSync(root, path.join(root, 'app', 'loop'));
  fs.symlinkSync('.', path.join(root, 'self'));
  const elsewhere = oep45('elsewhere', { 'other.py': 'OTHER = 1\n' });
  fs.symlinkSync(path.join(elsewhere, 'app'), path.join(root, 'linked-app'));
  const found = detectIdas(root);
  assert.deepEqual(
    found.map((d) => [d.ida, d.root, d.entryFiles]),
    [['app', root, [`${S}/required.py`, `${S}/__init__.py`]]],
  );
});
