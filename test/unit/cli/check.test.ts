import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Checker } from '../../../server/src/cli/checkEngine';
import { runCli } from '../../helpers/cli';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
let dir: string;

before(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oxc-check-')));
  fs.writeFileSync(path.join(dir, 'lms.yml'), 'PLATFORM_NAME: x\nGRADEBOOK_FREEZE_DAYS: ten\n');
  fs.writeFileSync(path.join(dir, 'credentials.yml'), 'SECRET_KEY: a-real-secret\n');
  fs.writeFileSync(path.join(dir, 'notes.yml'), 'anything: goes\n');
  fs.writeFileSync(path.join(dir, 'moded.yml'), '# openedx-config: ida=credentials\nSECRET_KEY: a-real-secret\nSESSION_COOKIE_DOMAN: x\n');
  fs.writeFileSync(path.join(dir, 'schema.json'), JSON.stringify({ 'x-openedx-schema': { formatVersion: 1, ida: 'tiny' }, properties: { RETRIES: { type: 'integer' } } }));
  fs.writeFileSync(path.join(dir, 'bad-schema.json'), '{');
  fs.cpSync(path.join(REPO, 'examples', 'demo-ida'), path.join(dir, 'demo-ida'), { recursive: true });
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = runCli;

test('text output: file:line:col severity rule message; exit 1 on errors', async () => {
  const file = path.join(dir, 'lms.yml');
  const r = await run('check', file);
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout,
    [
      `${file}:1:1 error missing-required Missing required setting: \`LMS_ROOT_URL\`.`,
      // The platform's default literal is the type's only evidence: a warning (docs/rules.md).
      `${file}:2:24 warning type-mismatch Expected integer, found string "ten".`,
      '',
    ].join('\n'),
  );
  assert.equal(r.stderr, '1 of 1 file checked: 1 errors, 1 warnings, 0 infos\n');
});

test('json output: an array of { file, range, severity, rule, message, environment }', async () => {
  const file = path.join(dir, 'lms.yml');
  const r = await run('check', '--format', 'json', file);
  assert.equal(r.code, 1);
  assert.deepEqual(JSON.parse(r.stdout), [
    { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 16 } }, severity: 'error', rule: 'missing-required', message: 'Missing required setting: `LMS_ROOT_URL`.', environment: 'production' },
    { file, range: { start: { line: 1, character: 23 }, end: { line: 1, character: 26 } }, severity: 'warning', rule: 'type-mismatch', message: 'Expected integer, found string "ten".', environment: 'production' },
  ]);
});

test('exit 0 without errors; warnings and infos do not fail', async () => {
  const r = await run('check', path.join(dir, 'credentials.yml'), path.join(dir, 'moded.yml'));
  assert.equal(r.code, 0);
  assert.equal(r.stdout, `${path.join(dir, 'moded.yml')}:3:1 warning unknown-key Unknown setting \`SESSION_COOKIE_DOMAN\`: did you mean \`SESSION_COOKIE_DOMAIN\`?\n`);
});

test('--ida overrides association; files that are no config file are skipped with a note', async () => {
  const notes = path.join(dir, 'notes.yml');
  let r = await run('check', notes);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /notes\.yml: skipped: not an Open edX config file/);
  r = await run('check', '--ida', 'credentials', notes);
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stdout, /missing-required Missing required setting: `SECRET_KEY`\./);
});

test('--schema checks against a schema file', async () => {
  const file = path.join(dir, 'tiny.yml');
  fs.writeFileSync(file, 'RETRIES: many\n');
  const r = await run('check', '--schema', path.join(dir, 'schema.json'), file);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, `${file}:1:10 error type-mismatch Expected integer, found string "many".\n`);
});

test('exit 2 on usage and IO errors', async () => {
  assert.equal((await run('check')).code, 2);
  assert.equal((await run('check', '--bogus', 'x.yml')).code, 2);
  assert.equal((await run('check', '--format', 'xml', 'x.yml')).code, 2);
  const missing = await run('check', path.join(dir, 'missing.yml'));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /missing\.yml: cannot read: ENOENT/);
  assert.equal((await run('check', dir)).code, 2, 'a folder');
  const badSchema = await run('check', '--schema', path.join(dir, 'bad-schema.json'), path.join(dir, 'lms.yml'));
  assert.equal(badSchema.code, 2);
  assert.match(badSchema.stderr, /bad-schema\.json: not valid JSON/);
  const noSuchIda = await run('check', '--ida', 'no-such-ida', path.join(dir, 'lms.yml'));
  assert.equal(noSuchIda.code, 2);
  assert.match(noSuchIda.stderr, /no schema is known for IDA "no-such-ida"/);
  const both = await run('check', path.join(dir, 'lms.yml'), path.join(dir, 'missing.yml'));
  assert.equal(both.code, 2, 'IO errors win over diagnostics');
});

test('live sources are found by walking up from the file, as in the editor', async () => {
  const checker = new Checker();
  try {
    const report = await checker.checkFile(path.join(dir, 'demo-ida', 'demo', 'settings', 'devstack.yml'));
    assert.equal(report.ida, 'demo');
    assert.equal(report.reason, 'folder');
    assert.equal(report.source, 'live');
    assert.equal(report.revision, path.join(dir, 'demo-ida', 'demo', 'settings'));
  } finally {
    checker.dispose();
  }
});

test('bin/openedx-config.js passes the exit code through', () => {
  if (!fs.existsSync(path.join(REPO, 'dist', 'cli.js'))) return;
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'openedx-config.js'), 'check', path.join(dir, 'lms.yml')], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /lms\.yml:1:1 error missing-required/);
});

test('an operator types --ida cms (Studio\'s folder and file name): the same output and exit code as --ida studio', async () => {
  const file = path.join(dir, 'notes.yml');
  const cms = await run('check', '--ida', 'cms', file);
  const studio = await run('check', '--ida', 'studio', file);
  assert.equal(studio.code, 1);
  assert.deepEqual(cms, studio);
  assert.match(cms.stdout, /is not defined by studio settings/);
});

test('json output gives each file\'s environment: a devstack file\'s placeholder secret is no insecure-secret', async () => {
  const devstack = path.join(dir, 'devstack');
  fs.mkdirSync(devstack, { recursive: true });
  fs.writeFileSync(path.join(devstack, 'lms.yml'), 'GRADEBOOK_FREEZE_DAYS: ten\n');
  const r = await run('check', '--format', 'json', path.join(devstack, 'lms.yml'));
  assert.deepEqual(
    JSON.parse(r.stdout).map((d: { rule: string; environment: string }) => [d.rule, d.environment]),
    [['missing-required', 'devstack'], ['type-mismatch', 'devstack']],
  );
});

test('a plain draft-07 schema with --schema: the IDA from --ida, unknown keys by additionalProperties; without --ida, one message', async () => {
  const plain = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { RETRIES: { type: 'integer' } } };
  fs.writeFileSync(path.join(dir, 'plain.json'), JSON.stringify(plain));
  fs.writeFileSync(path.join(dir, 'closed.json'), JSON.stringify({ ...plain, additionalProperties: false }));
  const file = path.join(dir, 'plain-target.yml');
  fs.writeFileSync(file, 'RETRIES: many\nEXTRA: 1\n');
  const open = await run('check', '--ida', 'cms', '--schema', path.join(dir, 'plain.json'), file);
  assert.equal(open.stdout, `${file}:1:10 error type-mismatch Expected integer, found string "many".\n`);
  const closed = await run('check', '--ida', 'cms', '--schema', path.join(dir, 'closed.json'), file);
  assert.equal(
    closed.stdout,
    `${file}:1:10 error type-mismatch Expected integer, found string "many".\n${file}:2:1 information unknown-key \`EXTRA\` is not defined by studio settings; only a plugin could read it.\n`,
  );
  const noIda = await run('check', '--schema', path.join(dir, 'plain.json'), file);
  assert.equal(noIda.code, 2);
  assert.equal(noIda.stderr, `openedx-config: ${path.join(dir, 'plain.json')}: missing "x-openedx-schema" object: this is not an Open edX Config schema; a plain draft-07 schema needs --ida NAME\n`);
});

test('--help lists the IDA names with the aliases each accepts', async () => {
  const r = await run('--help');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /\n {2}studio \(cms\)\n/);
  assert.match(r.stdout, /\n {2}analytics-api \(analytics, analytics_api, edx-analytics-data-api\)\n/);
});
