/**
 * Pathological settings sources extracted live by the server, from a workspace folder, within
 * 2 s and 300 MB from opening a config file of the IDA to the last answer: the 40,000-line module,
 * and one package holding an import cycle, a binary module, a 900 KB line and a too dense module.
 * What the user sees is exact: the diagnostics the extracted schema gives, and a hover that shows
 * a 900 KB default cut to a few KB.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { brief } from '../helpers/diagnostics';
import { withPathological } from './freshServer';
import { documentedModule, importTangle, productionModule, randomBytes } from './pythonPackages';

function briefs(diagnostics: readonly Diagnostic[]): Array<[string, string, string, string]> {
  return diagnostics.map(brief);
}

/** The files of settings package `<ida>/settings/` (see `writeSettingsPackage`), for a workspace. */
function packageFiles(ida: string, modules: Record<string, string | Buffer>): Record<string, string | Buffer> {
  const files: Record<string, string | Buffer> = { [`${ida}/__init__.py`]: '', [`${ida}/settings/__init__.py`]: '', [`${ida}/settings/production.py`]: productionModule(ida) };
  for (const [name, content] of Object.entries(modules)) files[`${ida}/settings/${name}`] = content;
  return files;
}

test('live: a 40,000-line settings module written like the real ones, extracted when a config file of its IDA opens', async (t) => {
  // 5,000 documented settings and as many dict settings, in 967 KB: under the 1 MB limit of a
  // settings module (the densest case is extractIda's own test).
  const files = packageFiles('bigida', { 'base.py': documentedModule(40_000) });
  const text = 'SETTING_5000: 5\nNOPE_KEY: 1\nSETTING_5000_MAP: {key: x, other: 1}\n';
  await withPathological(t, text, { files, document: 'bigida/settings/devstack.yml' }, async ({ diagnostics, client, uri }) => {
    assert.deepEqual(briefs(diagnostics), [
      ['type-mismatch', '0:14-0:15', 'warning', 'Expected string, found integer 5 (PyYAML reads `5` as an integer; quote it for a string).'],
      ['unknown-key', '1:0-1:8', 'information', '`NOPE_KEY` is not defined by bigida settings; only a plugin could read it.'],
    ]);
    const info = client.schemaInfos.filter((i) => i.uri === uri).at(-1);
    assert.deepEqual([info?.ida, info?.reason, info?.source], ['bigida', 'folder', 'live']);
    // The last setting of the module, with the documentation written above it.
    const hover = await client.hover(uri, 0, 2);
    const markdown = hover !== null && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(markdown, /^\*\*`SETTING_5000`\*\* · `string`\n\nThe setting number 5000\.\n/);
    assert.match(markdown, /Defined in \[bigida\/settings\/base\.py:39997\]/);
    // 10,000 settings: completion sends the first 100, says the list is incomplete, and narrows as the user types.
    const all = await client.completion(uri, 3, 0);
    assert.ok(all !== null && !Array.isArray(all));
    assert.deepEqual([all.items.length, all.isIncomplete], [100, true]);
    // After `SETTING_500` (on the line of SETTING_5000, which is offered again): every match fits, so
    // the list is complete; the names starting with it come first (SETTING_5000_MAP is set on line 3).
    const typed = await client.completion(uri, 0, 11);
    assert.ok(typed !== null && !Array.isArray(typed));
    assert.deepEqual([typed.items.slice(0, 4).map((i) => i.label), typed.items.length, typed.isIncomplete], [['SETTING_500', 'SETTING_5000', 'SETTING_500_MAP', 'SETTING_1500'], 11, false]);
  });
});

test('live: an import cycle, a binary module, a 900 KB line and a too dense module in one package', async (t) => {
  const files = packageFiles('brkida', {
    'base.py': 'from brkida.settings.a import *\nfrom .binary import *\nfrom .blob import *\nfrom .dense import *\nBASE = 1\n',
    'a.py': 'from brkida.settings.b import *\nA = 1\n',
    'b.py': 'from brkida.settings.a import *\nfrom .tangle import *\nB = 2\n',
    'tangle.py': 'from brkida.settings.m0 import *\n',
    ...importTangle('brkida', 20),
    'binary.py': Buffer.concat([Buffer.from('BINARY_SETTING = 1\n'), Buffer.from([0, 1, 2, 3]), randomBytes(10_000, 11)]),
    'blob.py': `BLOB = "${'A'.repeat(900_000)}"\n`,
    'dense.py': `HUGE = [${Array.from({ length: 110_000 }, (_, i) => i).join(',')}]\n`,
  });
  const text = ['A: one', 'B: 2', 'SETTING_M19: 19', 'BLOB: 1', 'BINARY_SETTING: 1', 'HUGE: []', ''].join('\n');
  await withPathological(t, text, { files, document: 'brkida/settings/devstack.yml' }, async ({ diagnostics, client, uri }) => {
    assert.deepEqual(briefs(diagnostics), [
      ['type-mismatch', '0:3-0:6', 'warning', 'Expected integer, found string "one".'],
      ['type-mismatch', '3:6-3:7', 'warning', 'Expected string, found integer 1 (PyYAML reads `1` as an integer; quote it for a string).'],
      // The binary and the too dense module are not read: their settings are unknown.
      ['unknown-key', '4:0-4:14', 'information', '`BINARY_SETTING` is not defined by brkida settings; only a plugin could read it.'],
      ['unknown-key', '5:0-5:4', 'information', '`HUGE` is not defined by brkida settings; only a plugin could read it.'],
    ]);
    // The 900 KB default is shown cut, with what was left out.
    const hover = await client.hover(uri, 3, 1);
    const markdown = JSON.stringify(hover?.contents);
    assert.ok(markdown.length < 10_000, `a hover of ${markdown.length} characters`);
    assert.match(markdown, /A…\\n# … 896006 more characters\\n```/);
  });
});

test('live: a settings module with a sum of 1,800 terms and 3,000 nested parentheses, extracted when a config file of its IDA opens', async (t) => {
  const nested = `${'('.repeat(3000)}1${')'.repeat(3000)}`;
  const files = packageFiles('deepida', { 'base.py': `BEFORE = 1\nDEEP = ${Array(1800).fill('1').join('+')}\nX = ${nested}\nAFTER = 2\n` });
  const text = ['BEFORE: one', 'DEEP: whatever', 'AFTER: 2', 'NOPE_KEY: 1', ''].join('\n');
  await withPathological(t, text, { files, document: 'deepida/settings/devstack.yml' }, async ({ diagnostics, client, uri }) => {
    assert.deepEqual(briefs(diagnostics), [
      ['type-mismatch', '0:8-0:11', 'warning', 'Expected integer, found string "one".'],
      ['unknown-key', '3:0-3:8', 'information', '`NOPE_KEY` is not defined by deepida settings; only a plugin could read it.'],
    ]);
    const info = client.schemaInfos.filter((i) => i.uri === uri).at(-1);
    assert.deepEqual([info?.ida, info?.source], ['deepida', 'live']);
  });
});
