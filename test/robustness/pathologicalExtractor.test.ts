/**
 * Pathological settings sources, each extracted by a fresh process (`extractWorker.js`) whose
 * wall time and peak resident set size must stay within 2 s and 300 MB, each with its exact
 * problems: a 50,000-line module, a package tangled in import cycles, binary modules, huge lines.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { removeWorkspace, tempWorkspace } from '../protocol/workspace';
import { assertWithinBounds } from './bounds';
import type { WorkerReport } from './extractWorker';
import { documentedModule, importTangle, randomBytes, writeSettingsPackage } from './pythonPackages';

const WORKER = path.join(__dirname, 'extractWorker.js');
const workspaces: string[] = [];

after(() => workspaces.forEach(removeWorkspace));

/** Writes a settings package of IDA `ida` and extracts it in a fresh process. */
async function extractFresh(ida: string, modules: Record<string, string | Buffer>, names: string[] = []): Promise<WorkerReport> {
  const root = tempWorkspace(`robust-${ida}`);
  workspaces.push(root);
  writeSettingsPackage(root, ida, modules);
  const { stdout } = await promisify(execFile)(process.execPath, [WORKER, root, ida, ...names], { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  return JSON.parse(stdout) as WorkerReport;
}

test('a 50,000-line settings module: every setting read, the last ones with their origin, type and documentation', async (t) => {
  // Written like the real ones: annotations, dict settings over several lines, blank lines (12,500 settings).
  const report = await extractFresh('bigida', { 'base.py': documentedModule(50_000) }, ['SETTING_1', 'SETTING_6250', 'SETTING_6250_MAP']);
  assertWithinBounds(t, report);
  assert.deepEqual(report.problems, []);
  assert.equal(report.settingCount, 12_500);
  assert.deepEqual(report.settings.SETTING_6250, {
    types: { kind: 'json', types: ['string'], nullable: false, from: 'literal' },
    origin: 'bigida/settings/base.py:49997:0',
    defaultText: "'value 6250'",
    defaultLength: JSON.stringify('value 6250').length,
    description: 'The setting number 6250.',
  });
  assert.deepEqual(report.settings.SETTING_6250_MAP?.types.types, ['object']);
  assert.equal(report.settings.SETTING_6250_MAP?.origin, 'bigida/settings/base.py:49998:0');
});

test('a settings package tangled in import cycles: each cycle a problem where it closes, every module read once', async (t) => {
  const report = await extractFresh(
    'cyc',
    {
      'base.py': 'from cyc.settings.a import *\nBASE = 1\n',
      'a.py': 'from cyc.settings.b import *\nA = 1\n',
      'b.py': 'from cyc.settings.a import *\nfrom .base import *\nfrom .tangle import *\nB = 2\n',
      'tangle.py': 'from cyc.settings.m0 import *\n',
      ...importTangle('cyc', 30),
    },
    ['BASE', 'A', 'B', 'SETTING_M0', 'SETTING_M29'],
  );
  assertWithinBounds(t, report);
  const S = 'cyc/settings';
  const cycles = report.problems.filter((p) => p.code === 'import-cycle');
  assert.equal(cycles.length, report.problems.length, 'only import cycles are reported');
  assert.deepEqual(cycles.slice(0, 2), [
    {
      code: 'import-cycle',
      message: `import cycle: ${S}/production.py → ${S}/base.py → ${S}/a.py → ${S}/b.py → ${S}/a.py; \`from cyc.settings.a import *\` sees only what that module defined so far`,
      file: `${S}/b.py`,
      line: 1,
      column: 0,
    },
    {
      code: 'import-cycle',
      message: `import cycle: ${S}/production.py → ${S}/base.py → ${S}/a.py → ${S}/b.py → ${S}/base.py; \`from .base import *\` sees only what that module defined so far`,
      file: `${S}/b.py`,
      line: 2,
      column: 0,
    },
  ]);
  // In the tangle, module i imports m0…m(i-1) while they are still running: i(i-1)/2 cycles for 30 modules.
  assert.equal(cycles.length - 2, (30 * 29) / 2);
  assert.deepEqual(Object.keys(report.settings).sort(), ['A', 'B', 'BASE', 'SETTING_M0', 'SETTING_M29']);
  assert.equal(report.files.length, 5 + 30, 'production, base, a, b, tangle and the 30 tangled modules, each read once');
});

test('binary modules: refused with a problem saying why, the other modules read', async (t) => {
  const report = await extractFresh(
    'binida',
    {
      'base.py': 'from .compiled import *\nfrom .noise import *\nfrom .latin import *\nAFTER = 2\n',
      // A compiled module saved as .py: NUL bytes.
      'compiled.py': Buffer.concat([Buffer.from([0x6f, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0]), randomBytes(50_000, 3)]),
      // Noise without a single NUL byte.
      'noise.py': randomBytes(200_000, 5, 1, 255),
      // Text in another encoding: a few invalid UTF-8 bytes are read as U+FFFD, the rest as it is.
      'latin.py': Buffer.concat([Buffer.from("NAME = 'caf"), Buffer.from([0xe9]), Buffer.from("'\nLATIN_AFTER = 3\n")]),
    },
    ['AFTER', 'NAME', 'LATIN_AFTER'],
  );
  assertWithinBounds(t, report);
  const S = 'binida/settings';
  assert.deepEqual(report.problems, [
    { code: 'unreadable-file', message: `${S}/compiled.py is not text (it contains NUL bytes); not parsed`, file: `${S}/compiled.py`, line: 1, column: 0 },
    { code: 'unreadable-file', message: `${S}/noise.py is not text (it contains control characters); not parsed`, file: `${S}/noise.py`, line: 1, column: 0 },
  ]);
  assert.deepEqual(Object.keys(report.settings).sort(), ['AFTER', 'LATIN_AFTER', 'NAME']);
  assert.equal(report.settings.NAME.defaultText, "'caf\uFFFD'");
});

test('200 KB of pasted garbage in a module: bounded recovery, the settings above it kept', async (t) => {
  let garbage = '';
  for (const [i, byte] of randomBytes(200_000, 9, 32, 126).entries()) garbage += String.fromCharCode(byte) + (i % 70 === 69 ? '\n' : '');
  const report = await extractFresh('gida', { 'base.py': `BEFORE = 1\n${garbage}\nAFTER = 2\n` }, ['BEFORE']);
  assertWithinBounds(t, report);
  assert.deepEqual(report.problems.map((p) => [p.code, p.file]), [['syntax-error', 'gida/settings/base.py']]);
  assert.match(report.problems[0].message, /^Python syntax error/);
  assert.equal(report.settings.BEFORE?.origin, 'gida/settings/base.py:1:0');
});

test('huge single lines: a 4 MB string literal is read (its default text cut), a 2 MB list literal is refused as too dense', async (t) => {
  const blob = `BEFORE = 1\nBLOB = "${'A'.repeat(4_000_000)}"\nAFTER = 2\n`;
  const dense = `DENSE_BEFORE = 1\nHUGE = [${Array.from({ length: 300_000 }, (_, i) => i).join(',')}]\n`;
  const report = await extractFresh('lineida', { 'base.py': `from .blob import *\nfrom .dense import *\n`, 'blob.py': blob, 'dense.py': dense }, ['BEFORE', 'BLOB', 'AFTER', 'HUGE']);
  assertWithinBounds(t, report);
  const S = 'lineida/settings';
  assert.deepEqual(report.problems, [
    {
      code: 'file-too-large',
      message: `${S}/dense.py has over 250000 brackets, commas, colons, equals signs and line breaks, too many to parse in reasonable time; not parsed`,
      file: `${S}/dense.py`,
      line: 1,
      column: 0,
    },
  ]);
  assert.deepEqual(Object.keys(report.settings).sort(), ['AFTER', 'BEFORE', 'BLOB']);
  assert.equal(report.settings.BLOB.defaultText?.length, 400);
  assert.ok(report.settings.BLOB.defaultText?.endsWith('…'));
  assert.equal(report.settings.BLOB.defaultLength, 4_000_002);
});
