import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import type { Diagnostic } from 'vscode-languageserver-types';
import { escapeData, escapeProperty } from '../../../server/src/cli/githubFormat';
import { codeQualityReport } from '../../../server/src/cli/gitlabFormat';
import { RULE_IDS } from '../../../server/src/service/rules';
import { runCli, runCliWithInput } from '../../helpers/cli';

const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const BIN = path.join(REPO, 'bin', 'openedx-config.js');
// The official SARIF 2.1.0 schema (rtm.5, JSON Schema draft-04), as Microsoft's SARIF test matchers ship it on npm.
const SARIF_SCHEMA = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * An error with a fix (missing LMS_ROOT_URL), a type mismatch (a warning: the platform's default
 * literal is its only evidence), a typo with a fix, and a line with an emoji before its problems.
 */
const LMS = ['PLATFORM_NAME: x', 'GRADEBOOK_FREEZE_DAYS: ten', 'SESSION_COOKIE_DOMAN: x', 'FEATURES: {"😀": 1, ENABLE_DISCUSSION_SERVICE: "yes"}', ''].join('\n');
const WARNINGS_ONLY = 'LMS_ROOT_URL: https://lms.example\nSESSION_COOKIE_DOMAN: x\nCSRF_COOKIE_SECURE_X: true\n';

let dir: string;
let cwd: string;

/**
 * The schema's validator. Its language-tag pattern is not valid with the `u` flag Ajv uses by
 * default, and its two string formats are checked with Node's own URL parser.
 */
function sarifValidator(): ReturnType<Ajv['compile']> {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8')) as object);
}

before(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oxc-ci-')));
  fs.mkdirSync(path.join(dir, 'conf'));
  fs.writeFileSync(path.join(dir, 'conf', 'lms.yml'), LMS);
  fs.mkdirSync(path.join(dir, 'warn'));
  fs.writeFileSync(path.join(dir, 'warn', 'lms.yml'), WARNINGS_ONLY);
  // Report paths are relative to the working directory, as in a CI job at the repository root.
  cwd = process.cwd();
  process.chdir(dir);
});

after(() => {
  process.chdir(cwd);
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifResultShape {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: Region } }[];
  fixes?: { description: { text: string }; artifactChanges: { replacements: { deletedRegion: Region; insertedContent: { text: string } }[] }[] }[];
}
interface SarifShape {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; defaultConfiguration: { level: string } }[] } };
    columnKind: string;
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResultShape[];
  }[];
}

test('SARIF for a file with errors, a warning and an unknown key with a fix: valid against the SARIF 2.1.0 schema, with every rule', async () => {
  const r = await runCli('check', '--format', 'sarif', 'conf/lms.yml');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, '');
  const log = JSON.parse(r.stdout) as SarifShape;
  const validate = sarifValidator();
  assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
  // The schema does check what we write: a 0-based line is refused.
  assert.equal(validate(JSON.parse(r.stdout.replace('"startLine": 1,', '"startLine": 0,')) as object), false);

  const run = log.runs[0];
  assert.equal(log.runs.length, 1);
  assert.deepEqual({ ...run.tool.driver, rules: undefined }, { name: 'openedx-config', version: VERSION, informationUri: 'https://github.com/openedx-config/openedx-config#readme', rules: undefined });
  assert.deepEqual(run.tool.driver.rules.map((rule) => rule.id), RULE_IDS);
  assert.deepEqual(run.tool.driver.rules.find((rule) => rule.id === 'unknown-key'), {
    id: 'unknown-key',
    shortDescription: { text: 'A key no settings module defines.' },
    fullDescription: { text: 'A key no settings module defines: a warning when it looks like a typo of exactly one known setting the file does not set, otherwise information (always, inside a mapping).' },
    defaultConfiguration: { level: 'warning' },
  });
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `file://${dir}/` } });
  assert.deepEqual(
    run.results.map((res) => [res.ruleId, res.level, res.locations[0].physicalLocation.region.startLine, res.locations[0].physicalLocation.region.startColumn, res.fixes?.[0]?.description.text]),
    [
      ['missing-required', 'error', 1, 1, 'Insert the missing required setting `LMS_ROOT_URL`'],
      ['type-mismatch', 'warning', 2, 24, undefined],
      ['unknown-key', 'warning', 3, 1, 'Change to `SESSION_COOKIE_DOMAIN`'],
      // After the emoji (two UTF-16 code units, one code point): column 21, not 20.
      ['deprecated', 'note', 4, 21, undefined],
      ['type-mismatch', 'warning', 4, 48, 'Convert to boolean yes'],
    ],
  );
  assert.deepEqual(run.results[2], {
    ruleId: 'unknown-key',
    ruleIndex: RULE_IDS.indexOf('unknown-key'),
    level: 'warning',
    message: { text: 'Unknown setting `SESSION_COOKIE_DOMAN`: did you mean `SESSION_COOKIE_DOMAIN`?' },
    locations: [{ physicalLocation: { artifactLocation: { uri: 'conf/lms.yml', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 21 } } }],
    fixes: [
      {
        description: { text: 'Change to `SESSION_COOKIE_DOMAIN`' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'conf/lms.yml', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 21 }, insertedContent: { text: 'SESSION_COOKIE_DOMAIN' } }],
          },
        ],
      },
    ],
  });
  // The missing key is inserted at the end: an empty region after the last line.
  assert.deepEqual(run.results[0].fixes?.[0].artifactChanges[0].replacements, [{ deletedRegion: { startLine: 5, startColumn: 1, endLine: 5, endColumn: 1 }, insertedContent: { text: 'LMS_ROOT_URL: ""\n' } }]);
});

test('SARIF of a run without problems is a valid log with no results', async () => {
  fs.writeFileSync(path.join(dir, 'credentials.yml'), 'SECRET_KEY: a-real-secret\n');
  const r = await runCli('check', '--format', 'sarif', 'credentials.yml');
  assert.equal(r.code, 0);
  const log = JSON.parse(r.stdout) as SarifShape;
  const validate = sarifValidator();
  assert.equal(validate(log), true, JSON.stringify(validate.errors));
  assert.deepEqual(log.runs[0].results, []);
});

test('github format: one workflow command per problem, notices for information, columns in UTF-16 code units', async () => {
  const r = await runCli('check', '--format', 'github', 'conf/lms.yml');
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout,
    [
      '::error file=conf/lms.yml,line=1,col=1,endLine=1,endColumn=17,title=missing-required::Missing required setting: `LMS_ROOT_URL`.',
      '::warning file=conf/lms.yml,line=2,col=24,endLine=2,endColumn=27,title=type-mismatch::Expected integer, found string "ten".',
      '::warning file=conf/lms.yml,line=3,col=1,endLine=3,endColumn=21,title=unknown-key::Unknown setting `SESSION_COOKIE_DOMAN`: did you mean `SESSION_COOKIE_DOMAIN`?',
      '::notice file=conf/lms.yml,line=4,col=21,endLine=4,endColumn=46,title=deprecated::`FEATURES: ENABLE_DISCUSSION_SERVICE` is deprecated: `ENABLE_DISCUSSION_SERVICE` is now a top-level setting; set it at the top level.',
      '::warning file=conf/lms.yml,line=4,col=48,endLine=4,endColumn=53,title=type-mismatch::Expected boolean, found string "yes".',
      '',
    ].join('\n'),
  );
  assert.equal(r.stderr, '1 of 1 file checked: 1 errors, 3 warnings, 1 infos\n');
});

test('github format escapes %, line breaks, : and , in properties, and % and line breaks in the message', async () => {
  assert.equal(escapeProperty('a%b\r\nc:d,e'), 'a%25b%0D%0Ac%3Ad%2Ce');
  assert.equal(escapeData('a%b\r\nc:d,e'), 'a%25b%0D%0Ac:d,e');
  fs.mkdirSync(path.join(dir, 'a:b,c%'));
  fs.writeFileSync(path.join(dir, 'a:b,c%', 'lms.yml'), 'LMS_ROOT_URL: https://lms.example\n"A%B\\nC": 1\n');
  const r = await runCli('check', '--format', 'github', 'a:b,c%/lms.yml');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '::notice file=a%3Ab%2Cc%25/lms.yml,line=2,col=1,endLine=2,endColumn=9,title=unknown-key::`A%25B C` is not defined by lms settings; only a plugin could read it.\n');
});

test('gitlab format: a Code Quality report, one issue per problem, fingerprints without the line', async () => {
  const r = await runCli('check', '--format', 'gitlab', 'conf/lms.yml');
  assert.equal(r.code, 1);
  const issues = JSON.parse(r.stdout) as { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number; end: number } } }[];
  assert.deepEqual(
    issues.map(({ fingerprint: _f, ...rest }) => rest),
    [
      { description: 'Missing required setting: `LMS_ROOT_URL`.', check_name: 'missing-required', severity: 'major', location: { path: 'conf/lms.yml', lines: { begin: 1, end: 1 } } },
      { description: 'Expected integer, found string "ten".', check_name: 'type-mismatch', severity: 'minor', location: { path: 'conf/lms.yml', lines: { begin: 2, end: 2 } } },
      { description: 'Unknown setting `SESSION_COOKIE_DOMAN`: did you mean `SESSION_COOKIE_DOMAIN`?', check_name: 'unknown-key', severity: 'minor', location: { path: 'conf/lms.yml', lines: { begin: 3, end: 3 } } },
      {
        description: '`FEATURES: ENABLE_DISCUSSION_SERVICE` is deprecated: `ENABLE_DISCUSSION_SERVICE` is now a top-level setting; set it at the top level.',
        check_name: 'deprecated',
        severity: 'info',
        location: { path: 'conf/lms.yml', lines: { begin: 4, end: 4 } },
      },
      { description: 'Expected boolean, found string "yes".', check_name: 'type-mismatch', severity: 'minor', location: { path: 'conf/lms.yml', lines: { begin: 4, end: 4 } } },
    ],
  );
  const fingerprints = issues.map((i) => i.fingerprint);
  assert.ok(fingerprints.every((f) => /^[0-9a-f]{32}$/.test(f)));
  assert.equal(new Set(fingerprints).size, fingerprints.length, 'unique');
  // Lines added above the problems: the same fingerprints (GitLab sees no new problem).
  const shifted = await runCliWithInput(`# a comment\n# another\n${LMS}`, 'check', '--format', 'gitlab', '--stdin-filename', 'conf/lms.yml', '-');
  const again = JSON.parse(shifted.stdout) as typeof issues;
  // The missing key is reported at the start of the document, the others move with their lines.
  assert.deepEqual(again.map((i) => i.location.lines.begin), [1, 4, 5, 6, 6]);
  assert.deepEqual(again.map((i) => i.fingerprint), fingerprints);
});

test('gitlab format: equal problems of one file get different fingerprints, the same problem in two files too; a clean file is an empty array', async () => {
  const problem = (line: number): Diagnostic => ({ range: { start: { line, character: 0 }, end: { line, character: 3 } }, severity: 2, code: 'unknown-key', source: 'openedx-config', message: 'Unknown setting `X`.' });
  const report = codeQualityReport(
    [
      { file: path.join(dir, 'a', 'lms.yml'), diagnostics: [problem(0), problem(4)] },
      { file: path.join(dir, 'b', 'lms.yml'), diagnostics: [problem(0)] },
    ],
    dir,
  );
  assert.deepEqual(report.map((i) => [i.location.path, i.location.lines.begin, i.severity, i.check_name]), [
    ['a/lms.yml', 1, 'minor', 'unknown-key'],
    ['a/lms.yml', 5, 'minor', 'unknown-key'],
    ['b/lms.yml', 1, 'minor', 'unknown-key'],
  ]);
  assert.equal(new Set(report.map((i) => i.fingerprint)).size, 3);
  const clean = await runCliWithInput('LMS_ROOT_URL: https://lms.example\n', 'check', '--format', 'gitlab', '--stdin-filename', 'lms.yml', '-');
  assert.equal(clean.code, 0);
  assert.equal(clean.stdout, '[]\n');
});

test('--max-warnings N: exit 1 when the warnings exceed N, without errors; 0 at N; errors fail whatever N', async () => {
  let r = await runCli('check', 'warn/lms.yml');
  assert.equal(r.code, 0);
  assert.match(r.stderr, /0 errors, 2 warnings, 0 infos\n$/);
  r = await runCli('check', '--max-warnings', '2', 'warn/lms.yml');
  assert.equal(r.code, 0);
  r = await runCli('check', '--max-warnings', '1', 'warn/lms.yml');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, '1 of 1 file checked: 0 errors, 2 warnings, 0 infos\nopenedx-config: 2 warnings, more than --max-warnings 1\n');
  r = await runCli('check', '--max-warnings=0', '--format', 'sarif', 'warn/lms.yml');
  assert.equal(r.code, 1);
  r = await runCli('check', '--max-warnings', '100', 'conf/lms.yml');
  assert.equal(r.code, 1);
  for (const bad of ['-1', 'many', '1.5']) {
    r = await runCli('check', `--max-warnings=${bad}`, 'warn/lms.yml');
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`^openedx-config: --max-warnings needs a whole number of warnings, 0 or more \\(got "${bad.replace('.', '\\.')}"\\)\n`));
  }
});

test('stdin with --stdin-filename lms.yml reports exactly what the file run reports, under that name', async () => {
  for (const format of ['text', 'json', 'sarif', 'github']) {
    const fromFile = await runCli('check', '--format', format, 'lms.yml');
    fs.writeFileSync(path.join(dir, 'lms.yml'), LMS);
    const file = await runCli('check', '--format', format, 'lms.yml');
    const stdin = await runCliWithInput(LMS, 'check', '--format', format, '--stdin-filename', 'lms.yml', '-');
    fs.rmSync(path.join(dir, 'lms.yml'));
    assert.equal(fromFile.code, 2, 'no lms.yml before it was written');
    assert.deepEqual(stdin, file, format);
  }
});

test('stdin: the name chooses the schema; without one the input is skipped unless --ida names the IDA', async () => {
  let r = await runCliWithInput('SECRET_KEY: a-real-secret\nSESSION_COOKIE_DOMAN: x\n', 'check', '--stdin-filename', 'deploy/credentials.yml', '-');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'deploy/credentials.yml:2:1 warning unknown-key Unknown setting `SESSION_COOKIE_DOMAN`: did you mean `SESSION_COOKIE_DOMAIN`?\n');
  r = await runCliWithInput('SECRET_KEY: x\n', 'check', '-');
  assert.equal(r.code, 0);
  assert.equal(r.stderr, 'openedx-config: <stdin>: skipped: not an Open edX config file (no IDA by modeline, folder or file name); use --ida NAME\n0 of 1 file checked: 0 errors, 0 warnings, 0 infos\n');
  r = await runCliWithInput('PLATFORM_NAME: x\n', 'check', '--ida', 'lms', '-');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '<stdin>:1:1 error missing-required Missing required setting: `LMS_ROOT_URL`.\n');
});

test('stdin usage errors: - twice, --stdin-filename without -', async () => {
  let r = await runCliWithInput('', 'check', '-', '-');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^openedx-config: standard input \(-\) given more than once\n/);
  r = await runCliWithInput('', 'check', '--stdin-filename', 'lms.yml', 'conf/lms.yml');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^openedx-config: --stdin-filename names standard input: give - as the FILE\n/);
});

test('the installed command reads the process standard input (`cat lms.yml | openedx-config check --stdin-filename lms.yml -`)', () => {
  const viaStdin = spawnSync(process.execPath, [BIN, 'check', '--stdin-filename', 'conf/lms.yml', '-'], { input: LMS, encoding: 'utf8', cwd: dir });
  const viaFile = spawnSync(process.execPath, [BIN, 'check', 'conf/lms.yml'], { encoding: 'utf8', cwd: dir });
  assert.equal(viaStdin.status, 1);
  assert.equal(viaStdin.stdout, viaFile.stdout);
  assert.equal(viaStdin.stdout.split('\n').length, 6);
  assert.equal(viaStdin.stderr, viaFile.stderr);
});
