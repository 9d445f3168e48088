/**
 * Diagnostics over the protocol, with the shipped LMS schema: exact ranges, messages and codes on
 * didOpen, updates on didChange, coalesced bursts, rule severities and known keys changed through
 * didChangeConfiguration, and the document-schema notification that follows each publication.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { IdaSchema } from '../../server/src/schema/format';
import { LspClient, REPO_ROOT, sleep } from './harness';
import { removeWorkspace, tempWorkspace } from './workspace';

const LMS_YML = [
  '# Deployment of the example site.',
  'PLATFORM_NAME: Example Learning',
  'GRADEBOOK_FREEZE_DAYS: ten',
  'ENABLE_MASQUERADE: "false"',
  'SESSION_COOKIE_DOMAN: .example.com',
  'MY_PLUGIN_FLAG: true',
  'TIME_ZONE: Europe/Paris',
  '',
].join('\n');

const shippedLms = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'lms.json'), 'utf8')) as IdaSchema;
const timeZoneOverwrite = shippedLms.properties.TIME_ZONE['x-openedx']?.roles?.find((r) => r.kind === 'overwritten');

/** The parts of a diagnostic the tests compare (everything but `data`). */
function brief(d: Diagnostic): [string, string, DiagnosticSeverity | undefined, string | number | undefined, string] {
  const r = d.range;
  return [`${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`, typeof d.message === 'string' ? d.message : d.message.value, d.severity, d.code, d.source ?? ''];
}

function briefs(p: PublishDiagnosticsParams): ReturnType<typeof brief>[] {
  return p.diagnostics.map(brief);
}

const E = DiagnosticSeverity.Error;
const W = DiagnosticSeverity.Warning;
const I = DiagnosticSeverity.Information;
const S = 'openedx-config';

function expected(shift: number, options: { typeFixed?: boolean; rootUrl?: boolean } = {}): ReturnType<typeof brief>[] {
  const at = (line: number, from: number, to: number): string => `${line + shift}:${from}-${line + shift}:${to}`;
  return [
    ...(options.rootUrl ? [] : [['0:0-0:33', 'Missing required setting: `LMS_ROOT_URL`.', E, 'missing-required', S] as ReturnType<typeof brief>]),
    // Both types are known from the platform's default literals only: warnings (docs/rules.md).
    ...(options.typeFixed ? [] : [[at(2, 23, 26), 'Expected integer, found string "ten".', W, 'type-mismatch', S] as ReturnType<typeof brief>]),
    [at(3, 19, 26), 'Expected boolean, found string "false".', W, 'type-mismatch', S],
    [at(4, 0, 20), 'Unknown setting `SESSION_COOKIE_DOMAN`: did you mean `SESSION_COOKIE_DOMAIN`?', W, 'unknown-key', S],
    [at(5, 0, 14), '`MY_PLUGIN_FLAG` is not defined by lms settings; only a plugin could read it.', I, 'unknown-key', S],
    [at(6, 0, 9), `\`TIME_ZONE\` has no effect: lms overwrites it after loading this file (${timeZoneOverwrite?.file}:${timeZoneOverwrite?.line}).`, W, 'overwritten-key', S],
  ];
}

let ws: string;
let client: LspClient;

before(async () => {
  ws = tempWorkspace('diagnostics');
  client = await LspClient.start({ workspaceFolders: [ws], settings: {} });
});

after(async () => {
  await client.stop();
  removeWorkspace(ws);
});

test('didOpen of an lms.yml publishes exact diagnostics, then the schema info with counts', async () => {
  assert.ok(timeZoneOverwrite, 'the shipped schema knows TIME_ZONE is overwritten');
  const uri = await client.open(path.join(ws, 'deploy', 'lms.yml'), LMS_YML);
  const published = await client.diagnosticsFor(uri, 1);
  assert.deepEqual(briefs(published), expected(0));
  const suggestion = published.diagnostics.find((d) => d.code === 'unknown-key');
  assert.deepEqual(suggestion?.data, { rule: 'unknown-key', key: 'SESSION_COOKIE_DOMAN', suggestion: 'SESSION_COOKIE_DOMAIN' });
  const info = await client.waitFor('the schema info', () => client.schemaInfos.find((i) => i.uri === uri));
  assert.equal(info.ida, 'lms');
  assert.equal(info.reason, 'file name');
  assert.equal(info.source, 'shipped');
  assert.match(info.revision ?? '', /^openedx\/openedx-platform@[0-9a-f]{10} \(\d{4}-\d{2}-\d{2}\)$/);
  assert.deepEqual(info.counts, { errors: 1, warnings: 4, infos: 1 });
});

test('CRLF line endings give the same diagnostics', async () => {
  const uri = await client.open(path.join(ws, 'crlf', 'lms.yml'), LMS_YML.replace(/\n/g, '\r\n'));
  assert.deepEqual(briefs(await client.diagnosticsFor(uri, 1)), expected(0));
});

test('didChange re-validates: a fixed value and an added line', async () => {
  const uri = (await client.open(path.join(ws, 'change', 'lms.yml'), LMS_YML));
  await client.diagnosticsFor(uri, 1);
  const v2 = await client.change(uri, [{ range: { start: { line: 2, character: 23 }, end: { line: 2, character: 26 } }, text: '10' }]);
  assert.deepEqual(briefs(await client.diagnosticsFor(uri, v2)), expected(0, { typeFixed: true }));
  const v3 = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'LMS_ROOT_URL: https://lms.example.com\n' }]);
  assert.deepEqual(briefs(await client.diagnosticsFor(uri, v3)), expected(1, { typeFixed: true, rootUrl: true }));
  // The only error was the missing LMS_ROOT_URL, now set.
  const info = await client.waitFor('counts after v3', () => client.schemaInfos.filter((i) => i.uri === uri && i.counts?.errors === 0).at(-1));
  assert.deepEqual(info.counts, { errors: 0, warnings: 3, infos: 1 });
});

test('a burst of changes is validated once it ends, for its last version', async () => {
  const uri = await client.open(path.join(ws, 'burst', 'lms.yml'), LMS_YML);
  await client.diagnosticsFor(uri, 1);
  const before = client.publicationCount(uri);
  let version = 1;
  const sends: Promise<number>[] = [];
  // Type `Example Learning` → `Example Learning!!!…` one character at a time, without waiting.
  for (let i = 0; i < 40; i++) sends.push(client.change(uri, [{ range: { start: { line: 1, character: 31 + i }, end: { line: 1, character: 31 + i } }, text: '!' }]));
  for (const s of sends) version = await s;
  const last = await client.diagnosticsFor(uri, version);
  assert.deepEqual(briefs(last), expected(0));
  assert.ok(client.publicationCount(uri) - before < 40, `coalesced: ${client.publicationCount(uri) - before} publications for 40 changes`);
  const versions = (client.published.get(uri) ?? []).slice(before).map((p) => p.version ?? 0);
  assert.deepEqual([...versions].sort((a, b) => a - b), versions, 'never an older version after a newer one');
});

test('didChangeConfiguration: rule severities and known keys take effect at once', async () => {
  const uri = await client.open(path.join(ws, 'config', 'lms.yml'), LMS_YML);
  await client.diagnosticsFor(uri, 1);
  let count = client.publicationCount(uri);
  await client.changeConfiguration({ rules: { 'unknown-key': 'off', 'overwritten-key': 'error', 'type-mismatch': 'hint' } });
  let published = await client.nextPublication(uri, count);
  const all = expected(0);
  assert.deepEqual(
    briefs(published),
    all
      .filter((d) => d[3] !== 'unknown-key')
      .map((d) => (d[3] === 'overwritten-key' ? [d[0], d[1], E, d[3], d[4]] : d[3] === 'type-mismatch' ? [d[0], d[1], DiagnosticSeverity.Hint, d[3], d[4]] : d)),
  );
  count = client.publicationCount(uri);
  await client.changeConfiguration({ knownKeys: ['MY_PLUGIN_*'] });
  published = await client.nextPublication(uri, count);
  assert.deepEqual(briefs(published), all.filter((d) => !d[1].startsWith('`MY_PLUGIN_FLAG`')));
  count = client.publicationCount(uri);
  await client.changeConfiguration({ rules: { 'no-such-rule': 'off', 'unknown-key': 'loud' } });
  published = await client.nextPublication(uri, count);
  assert.deepEqual(briefs(published), all, 'invalid entries are ignored');
  assert.ok(client.logs.includes('openedxConfig.rules.no-such-rule: no such rule; ignored'));
  assert.ok(client.logs.includes('openedxConfig.rules.unknown-key: expected one of error, warning, information, hint, off; ignored'));
  await client.changeConfiguration({});
});

test('closing a document clears its diagnostics', async () => {
  const uri = await client.open(path.join(ws, 'close', 'lms.yml'), LMS_YML);
  await client.diagnosticsFor(uri, 1);
  const count = client.publicationCount(uri);
  await client.close(uri);
  // A re-validation asked for earlier (the configuration test) may still publish first.
  const cleared = await client.waitFor('an empty publication', () => (client.published.get(uri) ?? []).slice(count).find((p) => p.diagnostics.length === 0));
  assert.deepEqual(cleared.diagnostics, []);
  await sleep(100);
  assert.deepEqual(client.published.get(uri)?.at(-1)?.diagnostics, [], 'nothing published after the close');
});

test('document values never reach the log', () => {
  for (const line of client.logs) {
    assert.ok(!line.includes('Example Learning') && !line.includes('example.com') && !line.includes('Europe/Paris'), line);
  }
});

test('a devstack.yml keeps its placeholder secret with no insecure-secret, where an lms.yml is warned; the info carries the environment', async () => {
  const text = 'LMS_ROOT_URL: http://localhost:18000\nENTERPRISE_BACKEND_SERVICE_EDX_OAUTH2_SECRET: enterprise-backend-service-secret\n';
  const production = await client.open(path.join(ws, 'secrets', 'lms.yml'), text);
  assert.deepEqual(briefs(await client.diagnosticsFor(production, 1)), [
    ['1:46-1:79', '`ENTERPRISE_BACKEND_SERVICE_EDX_OAUTH2_SECRET` is still the insecure default from the settings source; set a real secret.', W, 'insecure-secret', S],
  ]);
  const devstack = await client.open(path.join(ws, 'secrets', 'devstack.yml'), `# openedx-config: ida=lms\n${text}`);
  assert.deepEqual(briefs(await client.diagnosticsFor(devstack, 1)), []);
  const infoOf = (uri: string): Promise<{ environment?: string }> => client.waitFor('the schema info', () => client.schemaInfos.find((i) => i.uri === uri));
  assert.equal((await infoOf(production)).environment, 'production');
  assert.equal((await infoOf(devstack)).environment, 'devstack');
});
