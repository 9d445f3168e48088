/**
 * `openedx-config extract`: output formats, the summary line, and clear failures with exit code 2.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../helpers/cli';
import type { IdaSchema } from '../../../server/src/schema/format';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const DEMO = path.join(REPO, 'examples', 'demo-ida');
let dir: string;

before(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oxc-extract-')));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = runCli;

const SUMMARY = /^demo \(oep45\): 31 settings, 0 nested keys, 31 documented, 28 typed, 1 computed, 5 required, 0 problems; extracted in \d+\.\d ms \(\+\d+\.\d ms loading the Python grammar\)\n$/;

test('prints the schema as JSON, with live documentation, and a summary on stderr', async () => {
  const r = await run('extract', DEMO);
  assert.equal(r.code, 0);
  const schema = JSON.parse(r.stdout) as IdaSchema;
  assert.equal(schema.$id, 'openedx-config:demo');
  assert.deepStrictEqual(schema['x-openedx-schema'].yaml, { envVar: 'DEMO_CFG', module: 'demo/settings/__init__.py', line: schema['x-openedx-schema'].yaml.line });
  assert.equal(schema.required.length, 5);
  assert.equal(typeof schema.properties.SECRET_KEY.description, 'string');
  assert.match(r.stderr, SUMMARY);
});

test('--facts-only leaves out documentation prose', async () => {
  const r = await run('extract', DEMO, '--facts-only');
  assert.equal(r.code, 0);
  const schema = JSON.parse(r.stdout) as IdaSchema;
  assert.equal(schema['x-openedx-schema'].factsOnly, true);
  assert.equal(Object.values(schema.properties).some((p) => p.description !== undefined), false);
});

test('--format text lists one setting per line, and --out writes to a file', async () => {
  const out = path.join(dir, 'demo.txt');
  const r = await run('extract', DEMO, '--format', 'text', '--out', out);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '');
  const lines = fs.readFileSync(out, 'utf8').split('\n');
  assert.equal(lines[0], `# demo (oep45) from ${DEMO}`);
  assert.ok(lines.some((l) => /^SECRET_KEY\tstring(\|null)?\tdemo\/settings\/required\.py:\d+\trequired$/.test(l)), lines.slice(0, 8).join('\n'));
});

test('--ida picks one IDA of a folder that holds several', async () => {
  const r = await run('extract', path.join(REPO, 'examples'), '--ida', 'lms', '--format', 'text');
  assert.equal(r.code, 0);
  assert.match(r.stdout.split('\n')[0], /^# lms \(platform\) from .*openedx-platform-lite$/);
  const missing = await run('extract', path.join(REPO, 'examples'), '--ida', 'nope');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no IDA "nope" there; found: /);
});

test('usage errors and unreadable folders exit with code 2 and a clear message', async () => {
  const cases: [string[], RegExp][] = [
    [['extract'], /^openedx-config: missing <folder>\nusage: openedx-config extract/],
    [['extract', DEMO, DEMO], /one folder expected, got 2/],
    [['extract', DEMO, '--bogus'], /unknown option --bogus/],
    [['extract', DEMO, '--format', 'xml'], /--format must be one of: json, text \(got "xml"\)/],
    [['extract', DEMO, '--out'], /--out needs a value/],
    [['extract', path.join(dir, 'does-not-exist')], /cannot read folder .*does-not-exist/],
    [['extract', dir], /no Open edX settings sources found there/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ];
  for (const [argv, message] of cases) {
    const r = await run(...argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.stderr, message, argv.join(' '));
    assert.equal(r.stdout, '');
  }
});

test('an unwritable --out file exits with code 2', async () => {
  const r = await run('extract', DEMO, '--out', path.join(dir, 'no', 'such', 'folder', 'x.json'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot write .*x\.json: ENOENT/);
});

test('a settings module with a sum of 1,800 terms and 3,000 nested parentheses: exit 0, one problem listed for it', async () => {
  const root = path.join(dir, 'deep');
  const settings = path.join(root, 'demo', 'settings');
  fs.mkdirSync(settings, { recursive: true });
  fs.writeFileSync(path.join(root, 'demo', '__init__.py'), '');
  fs.writeFileSync(path.join(settings, '__init__.py'), '');
  fs.writeFileSync(
    path.join(settings, 'production.py'),
    "import os\nimport yaml\nfrom demo.settings.base import *\nwith open(os.environ['DEMO_CFG']) as f:\n    config_from_yaml = yaml.safe_load(f)\n    vars().update(config_from_yaml)\n",
  );
  const nested = `${'('.repeat(3000)}1${')'.repeat(3000)}`;
  fs.writeFileSync(path.join(settings, 'base.py'), `BEFORE = 1\nDEEP = ${Array(1800).fill('1').join('+')}\nX = ${nested}\nAFTER = 2\n`);
  const r = await run('extract', root);
  assert.equal(r.code, 0, r.stderr);
  const schema = JSON.parse(r.stdout) as IdaSchema;
  assert.deepEqual(schema['x-openedx-schema'].problems, [
    { code: 'limit-reached', message: 'expression nested deeper than 200 levels in demo/settings/base.py:2; its value is unknown', file: 'demo/settings/base.py', line: 2, column: 7 },
  ]);
  assert.deepEqual(Object.keys(schema.properties).sort(), ['AFTER', 'BEFORE', 'DEEP', 'X']);
  assert.match(r.stderr, /^demo \(ida\): 4 settings, .* 1 problems;/);
});
