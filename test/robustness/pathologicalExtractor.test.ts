/**
 * Pathological settings sources, each extracted by a fresh process (`extractWorker.js`) whose
 * wall time and peak resident set size must stay within 2 s and 300 MB, each with its exact
 * problems: a 40,000-line module, a package tangled in import cycles, binary modules, huge lines,
 * and the heavy inputs of issue 15 (50,000 appends, 240,000 broken lines, binary data after a page
 * of text), each stopped by a limit of extractor/limits.ts with a problem saying which.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { removeWorkspace, tempWorkspace } from '../protocol/workspace';
import { assertWithinBounds } from './bounds';
import type { ExtractionProblem } from '../../server/src/catalog/types';
import type { WorkerReport } from './extractWorker';
import { documentedModule, importTangle, randomBytes, writeSettingsPackage } from './pythonPackages';

const WORKER = path.join(__dirname, 'extractWorker.js');
const workspaces: string[] = [];

after(() => workspaces.forEach(removeWorkspace));

/** The problem of a module refused for its density (extractor/limits.ts, MAX_MODULE_TOKENS). */
function tooDense(file: string): ExtractionProblem {
  return {
    code: 'file-too-large',
    message: `${file} has over 100000 brackets, commas, colons, equals signs and line breaks, too many to parse in reasonable time; not parsed`,
    file,
    line: 1,
    column: 0,
  };
}

/** Writes a settings package of IDA `ida` and extracts it in a fresh process. */
async function extractFresh(ida: string, modules: Record<string, string | Buffer>, names: string[] = []): Promise<WorkerReport> {
  const root = tempWorkspace(`robust-${ida}`);
  workspaces.push(root);
  writeSettingsPackage(root, ida, modules);
  const { stdout } = await promisify(execFile)(process.execPath, [WORKER, root, ida, ...names], { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  return JSON.parse(stdout) as WorkerReport;
}

test('a 40,000-line settings module (twelve times the largest real one): every setting read, the last ones with their origin, type and documentation', async (t) => {
  // Written like the real ones: annotations, dict settings over several lines, blank lines (10,000
  // settings in 967 KB, under the 1 MB and 100,000-token limits of extractor/limits.ts).
  const report = await extractFresh('bigida', { 'base.py': documentedModule(40_000) }, ['SETTING_1', 'SETTING_5000', 'SETTING_5000_MAP']);
  assertWithinBounds(t, report);
  assert.deepEqual(report.problems, []);
  assert.equal(report.settingCount, 10_000);
  assert.deepEqual(report.settings.SETTING_5000, {
    types: { kind: 'json', types: ['string'], nullable: false, from: 'literal' },
    origin: 'bigida/settings/base.py:39997:0',
    defaultText: "'value 5000'",
    defaultLength: JSON.stringify('value 5000').length,
    description: 'The setting number 5000.',
  });
  assert.deepEqual(report.settings.SETTING_5000_MAP?.types.types, ['object']);
  assert.equal(report.settings.SETTING_5000_MAP?.origin, 'bigida/settings/base.py:39998:0');
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

test('huge single lines: a 900 KB string literal is read (its default text cut), a 700 KB list literal is refused as too dense, a 3.9 MB one as too large', async (t) => {
  const blob = `BEFORE = 1\nBLOB = "${'A'.repeat(900_000)}"\nAFTER = 2\n`;
  const dense = `DENSE_BEFORE = 1\nHUGE = [${Array.from({ length: 110_000 }, (_, i) => i).join(',')}]\n`;
  const huge = `HUGE_BEFORE = 1\nHUGER = [${Array.from({ length: 600_000 }, (_, i) => i).join(',')}]\n`;
  const report = await extractFresh(
    'lineida',
    { 'base.py': `from .blob import *\nfrom .dense import *\nfrom .huge import *\n`, 'blob.py': blob, 'dense.py': dense, 'huge.py': huge },
    ['BEFORE', 'BLOB', 'AFTER', 'HUGE'],
  );
  assertWithinBounds(t, report);
  const S = 'lineida/settings';
  assert.deepEqual(report.problems, [
    tooDense(`${S}/dense.py`),
    { code: 'file-too-large', message: `skipped ${S}/huge.py: it is 4,088,916 bytes, over the 1 MB limit`, file: `${S}/huge.py`, line: 1, column: 0 },
  ]);
  assert.deepEqual(Object.keys(report.settings).sort(), ['AFTER', 'BEFORE', 'BLOB']);
  assert.equal(report.settings.BLOB.defaultText?.length, 400);
  assert.ok(report.settings.BLOB.defaultText?.endsWith('…'));
  assert.equal(report.settings.BLOB.defaultLength, 900_002);
});

test('50,000 lines of `L += [1]`: refused as too dense to parse, at once', async (t) => {
  const report = await extractFresh('appida', { 'base.py': `L = []\n${'L += [1]\n'.repeat(50_000)}` }, ['L']);
  assertWithinBounds(t, report);
  const S = 'appida/settings';
  assert.deepEqual(report.problems, [
    tooDense(`${S}/base.py`),
  ]);
});

test('20,000 in-place appends to one list (under the density limit): followed for 1,000 edits, then its default dropped with one problem', async (t) => {
  const report = await extractFresh('editida', { 'base.py': `L = []\n${'L += [1]\nL.append(2)\n'.repeat(10_000)}` }, ['L']);
  assertWithinBounds(t, report);
  const S = 'editida/settings';
  assert.deepEqual(report.problems, [
    {
      code: 'limit-reached',
      message: 'L is edited in place more than 1,000 times; its default is not followed past the first 1,000 edits',
      file: `${S}/base.py`,
      line: 1,
      column: 0,
    },
  ]);
  assert.deepEqual(report.settings.L?.types.types, ['array']);
  assert.equal(report.settings.L?.defaultLength, undefined);
});

test('240,000 lines of syntax errors (4.8 MB): skipped by size before parsing', async (t) => {
  let text = '';
  for (let i = 0; i < 240_000; i++) text += `is not python ${String(i).padStart(6, '0')}\n`;
  const report = await extractFresh('synida', { 'base.py': `GOOD = 1\nfrom .broken import *\n`, 'broken.py': text }, ['GOOD']);
  assertWithinBounds(t, report);
  const S = 'synida/settings';
  assert.deepEqual(report.problems, [
    { code: 'file-too-large', message: `skipped ${S}/broken.py: it is 5,040,000 bytes, over the 1 MB limit`, file: `${S}/broken.py`, line: 1, column: 0 },
  ]);
  assert.deepEqual(Object.keys(report.settings), ['GOOD']);
});

test('a megabyte of syntax-error lines, just under the size limit: parsed within bounds, its problems bounded', async (t) => {
  let text = '';
  for (let i = 0; text.length < 1_000_000; i++) text += `is not python ${String(i).padStart(6, '0')}\n`;
  const report = await extractFresh('mbida', { 'base.py': `GOOD = 1\nfrom .broken import *\n`, 'broken.py': text }, ['GOOD']);
  assertWithinBounds(t, report);
  assert.deepEqual(
    report.problems.map((p) => [p.code, p.file]),
    [
      ['syntax-error', 'mbida/settings/broken.py'],
      ['syntax-error', 'mbida/settings/broken.py'],
    ],
  );
  assert.deepEqual(Object.keys(report.settings), ['GOOD']);
});

test('900 KB of random bytes after 9 KB of text (past a first-page check): refused as not text, the module before it read', async (t) => {
  let text = '';
  for (let i = 0; text.length < 9000; i++) text += `SETTING_${i} = 'value ${i}'\n`;
  const report = await extractFresh(
    'rndida',
    {
      'base.py': `GOOD = 1\nfrom .nul import *\nfrom .noise import *\n`,
      'nul.py': Buffer.concat([Buffer.from(text), randomBytes(900_000, 7)]),
      'noise.py': Buffer.concat([Buffer.from(text), randomBytes(900_000, 11, 1, 255)]),
    },
    ['GOOD', 'SETTING_0'],
  );
  assertWithinBounds(t, report);
  const S = 'rndida/settings';
  assert.deepEqual(report.problems, [
    { code: 'unreadable-file', message: `${S}/nul.py is not text (it contains NUL bytes); not parsed`, file: `${S}/nul.py`, line: 1, column: 0 },
    { code: 'unreadable-file', message: `${S}/noise.py is not text (it contains control characters); not parsed`, file: `${S}/noise.py`, line: 1, column: 0 },
  ]);
  assert.deepEqual(Object.keys(report.settings), ['GOOD']);
});

/** The problem of an expression nested past extractor/limits.ts's MAX_EXPRESSION_DEPTH. */
function tooDeep(file: string, line: number, column: number): ExtractionProblem {
  return { code: 'limit-reached', message: `expression nested deeper than 200 levels in ${file}:${line}; its value is unknown`, file, line, column };
}

const COMPUTED = { kind: 'computed', types: [], nullable: false, from: 'none' };

test('a sum of 1,800 terms: the module is read, the setting\'s value is unknown with one problem, the settings around it are intact', async (t) => {
  const sum = Array(1800).fill('1').join('+');
  const report = await extractFresh('sumida', { 'base.py': `BEFORE = 1\nDEEP = ${sum}\nALSO_DEEP = ${sum}\nAFTER = 2\n` }, ['BEFORE', 'DEEP', 'ALSO_DEEP', 'AFTER']);
  assertWithinBounds(t, report);
  // tree-sitter nests the sum to the left: the 201st level down starts where the sum does.
  assert.deepEqual(report.problems, [tooDeep('sumida/settings/base.py', 2, 7)]);
  assert.deepEqual(report.settings.DEEP?.types, COMPUTED);
  assert.deepEqual(report.settings.ALSO_DEEP?.types, COMPUTED);
  assert.equal(report.settings.DEEP?.defaultLength, undefined);
  assert.deepEqual([report.settings.BEFORE?.defaultText, report.settings.AFTER?.defaultText, report.settings.AFTER?.origin], ['1', '2', 'sumida/settings/base.py:4:0']);
});

test('3,000 nested parentheses: the module is read, the setting\'s value is unknown with one problem, the settings around it are intact', async (t) => {
  const nested = `${'('.repeat(3000)}1${')'.repeat(3000)}`;
  const report = await extractFresh(
    'parida',
    { 'base.py': `BEFORE = 1\nX = ${nested}\nif ${nested}:\n    INSIDE = 3\nAFTER = 2\n` },
    ['BEFORE', 'X', 'INSIDE', 'AFTER'],
  );
  assertWithinBounds(t, report);
  // The 201st parenthesis opens at column 4 + 200.
  assert.deepEqual(report.problems, [tooDeep('parida/settings/base.py', 2, 204)]);
  assert.deepEqual(report.settings.X?.types, COMPUTED);
  assert.deepEqual(report.settings.INSIDE?.defaultText, '3');
  assert.deepEqual([report.settings.BEFORE?.defaultText, report.settings.AFTER?.defaultText, report.settings.AFTER?.origin], ['1', '2', 'parida/settings/base.py:5:0']);
});

/** `count` comment lines, each some 40 characters, at `indent`. */
function commentLines(count: number, indent = ''): string {
  return Array.from({ length: count }, (_, i) => `${indent}# Line ${i} of a long explanation, kept.`).join('\n');
}

test('6,000 comment lines after a setting (tree-sitter-python rescans such runs: 46 s before): read in bounds, the comment above the next setting its documentation', async (t) => {
  const report = await extractFresh(
    'commentida',
    { 'base.py': `FIRST = 1\n${commentLines(6000)}\n#: The setting after the long comment.\nAFTER = 2\n\ndef helper():\n    x = 1\n${commentLines(3000, '    ')}\n    return x\nLAST = 3\n` },
    ['FIRST', 'AFTER', 'LAST'],
  );
  assertWithinBounds(t, report);
  assert.deepEqual(report.problems, []);
  assert.deepEqual(report.settings.AFTER, {
    types: { kind: 'json', types: ['integer'], nullable: false, from: 'literal' },
    origin: 'commentida/settings/base.py:6003:0',
    defaultText: '2',
    defaultLength: 1,
    description: 'The setting after the long comment.',
  });
  assert.equal(report.settings.LAST?.origin, 'commentida/settings/base.py:9008:0');
});

test('1,000 annotation blocks naming undefined settings, blank lines between them: read in bounds, each block one problem up to the cap', async (t) => {
  const blocks = Array.from(
    { length: 1000 },
    (_, i) => `# .. setting_name: UNDEFINED_${i}\n# .. setting_default: ${i}\n# .. setting_description: Setting number ${i}, only annotated.`,
  ).join('\n\n');
  const report = await extractFresh('annida', { 'base.py': `X = 1\n${blocks}\n` }, ['X', 'UNDEFINED_0', 'UNDEFINED_999']);
  assertWithinBounds(t, report);
  assert.deepEqual(report.settings.X?.defaultText, '1');
  assert.equal(report.settingCount, 1);
  // Each block names a setting no module defines: one problem each, up to the cap of 100 and one saying so.
  assert.equal(report.problems.length, 101);
  assert.deepEqual(report.problems[0], {
    code: 'annotation-unattached',
    message: 'annotation names `UNDEFINED_0`, which no module defines',
    file: 'annida/settings/base.py',
    line: 2,
    column: 0,
  });
  assert.equal(report.problems[99].message, 'annotation names `UNDEFINED_99`, which no module defines');
  assert.equal(report.problems[99].line, 2 + 99 * 4);
});
