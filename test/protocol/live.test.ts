/**
 * Live schemas over the protocol: a workspace holding the example IDAs' settings sources (copied
 * to a temporary folder, so the test may edit them). Covers the schema info the client shows,
 * live documentation in hover, go to definition, re-extraction when a source changes on disk,
 * and every custom request.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MarkupKind } from 'vscode-languageserver-protocol';
import {
  DocumentSchemaRequest,
  ExportSchemaRequest,
  ListIdasRequest,
  ReextractRequest,
  SetDocumentIdaRequest,
} from '../../server/src/protocol/messages';
import { LspClient, shippedLibrariesInfo, uriOf } from './harness';
import { copyExample, lineOf, removeWorkspace, tempWorkspace } from './workspace';

/** The shipped libraries layer, as the document info reports it. */
const SHIPPED_LIBRARIES = shippedLibrariesInfo();

/**
 * A production config of the demo IDA, with two mistakes and a key no module defines yet. The
 * type of MAX_UPLOAD_BYTES is known from its default's literal only: a warning (docs/rules.md).
 */
const DEMO_YML = [
  'SECRET_KEY: a-long-random-production-secret',
  'DATABASES:',
  '  default:',
  '    ENGINE: django.db.backends.postgresql',
  'DEMO_ROOT_URL: https://demo.example.com',
  'OAUTH2_CLIENT_ID: demo',
  'OAUTH2_CLIENT_SECRET: not-the-default',
  'MAX_UPLOAD_BYTES: "ten megabytes"',
  'SUPORT_URL: https://help.example.com',
  'NEW_SETTING_FOR_TEST: 5',
  '',
  '',
].join('\n');

let ws: string;
let demoRoot: string;
let settingsDir: string;
let client: LspClient;
let uri: string;

before(async () => {
  ws = tempWorkspace('live');
  demoRoot = copyExample('demo-ida', ws);
  copyExample('openedx-platform-lite', ws);
  settingsDir = path.join(demoRoot, 'demo', 'settings');
  client = await LspClient.start({ workspaceFolders: [ws] });
  uri = await client.open(path.join(settingsDir, 'production.yml'), DEMO_YML);
  await client.diagnosticsFor(uri, 1);
});

after(async () => {
  await client.stop();
  removeWorkspace(ws);
});

function codes(uriToCheck: string): string[] {
  const last = (client.published.get(uriToCheck) ?? []).at(-1);
  return (last?.diagnostics ?? []).map((d) => `${d.range.start.line}:${String(d.code)}:${d.severity}`);
}

test('a YAML file in the settings package gets the live schema of its IDA', async () => {
  const info = await client.waitFor('schema info', () => client.schemaInfos.find((i) => i.uri === uri));
  assert.deepEqual({ ...info, counts: undefined }, { uri, ida: 'demo', reason: 'folder', environment: 'production', source: 'live', revision: ws, counts: undefined, libraries: SHIPPED_LIBRARIES });
  assert.deepEqual(codes(uri), ['7:type-mismatch:2', '8:unknown-key:2', '9:unknown-key:3']);
  const last = (client.published.get(uri) ?? []).at(-1)!;
  assert.equal(last.diagnostics[1].message, 'Unknown setting `SUPORT_URL`: did you mean `SUPPORT_URL`?');
});

test('hover shows the documentation written in the sources', async () => {
  const defaults = path.join(settingsDir, 'defaults.py');
  const docLine = fs.readFileSync(defaults, 'utf8').split('\n')[lineOf(defaults, 'MAX_UPLOAD_BYTES =') - 2];
  assert.match(docLine, /^#: /);
  const hover = await client.hover(uri, 7, 3);
  const contents = hover?.contents;
  assert.ok(contents !== undefined && typeof contents === 'object' && 'kind' in contents && contents.kind === MarkupKind.Markdown);
  assert.ok(contents.value.includes('**`MAX_UPLOAD_BYTES`** · `integer`'), contents.value);
  assert.ok(contents.value.includes(docLine.slice(3)), contents.value);
});

test('go to definition: the Python line that defines the key', async () => {
  const defaults = path.join(settingsDir, 'defaults.py');
  const line = lineOf(defaults, 'MAX_UPLOAD_BYTES =') - 1;
  const locations = (await client.definition(uri, 7, 3)) as { uri: string; range: { start: { line: number } } }[];
  assert.equal(locations.length, 1);
  const [location] = locations;
  assert.equal(location.uri, uriOf(defaults));
  assert.equal(location.range.start.line, line);
  const required = path.join(settingsDir, 'required.py');
  const [secret] = (await client.definition(uri, 0, 3)) as { uri: string; range: { start: { line: number } } }[];
  assert.equal(secret.uri, uriOf(required));
  assert.equal(secret.range.start.line, lineOf(required, 'SECRET_KEY') - 1);
});

test('an edited settings source is extracted again and open documents re-validated, without a restart', async () => {
  const defaults = path.join(settingsDir, 'defaults.py');
  const before = client.publicationCount(uri);
  fs.appendFileSync(defaults, "\n#: Invented for the re-extraction test.\nNEW_SETTING_FOR_TEST = 1\n\n#: Another one.\nANOTHER_NEW_SETTING = 'x'\n");
  await client.fileChanged(defaults);
  const completion = await client.completion(uri, 10, 0);
  const names = (completion === null ? [] : Array.isArray(completion) ? completion : completion.items).map((i) => i.label);
  assert.ok(names.includes('ANOTHER_NEW_SETTING'), 'a new completion at once');
  const republished = await client.nextPublication(uri, before);
  assert.equal(republished.version, 1, 're-validated with no edit of the document');
  assert.deepEqual(codes(uri), ['7:type-mismatch:2', '8:unknown-key:2'], 'NEW_SETTING_FOR_TEST is known now');
});

test('documentSchemaInfo, listIdas and exportSchema', async () => {
  const info = await client.connection.sendRequest(DocumentSchemaRequest, { uri });
  assert.deepEqual(info, { uri, ida: 'demo', reason: 'folder', environment: 'production', source: 'live', revision: ws, counts: { errors: 0, warnings: 2, infos: 0 }, libraries: SHIPPED_LIBRARIES });
  const idas = await client.connection.sendRequest(ListIdasRequest, {});
  assert.deepEqual(idas.find((i) => i.ida === 'demo'), { ida: 'demo', source: 'live', revision: ws });
  assert.deepEqual(idas.find((i) => i.ida === 'lms'), { ida: 'lms', source: 'live', revision: path.join(ws, 'openedx-platform-lite') });
  assert.equal(idas.find((i) => i.ida === 'credentials')?.source, 'shipped');
  assert.equal(idas.find((i) => i.ida === 'django'), undefined);
  const exported = await client.connection.sendRequest(ExportSchemaRequest, { ida: 'demo' });
  assert.ok('schema' in exported);
  const schema = exported.schema as { properties: Record<string, unknown>; 'x-openedx-schema': { factsOnly: boolean } };
  assert.ok(schema.properties.MAX_UPLOAD_BYTES && schema.properties.ANOTHER_NEW_SETTING);
  assert.equal(schema['x-openedx-schema'].factsOnly, false);
});

test('setDocumentIda: a session choice wins, and undefined restores the automatic one', async () => {
  const before = client.publicationCount(uri);
  const chosen = await client.connection.sendRequest(SetDocumentIdaRequest, { uri, ida: 'credentials' });
  assert.equal(chosen.ida, 'credentials');
  assert.equal(chosen.reason, 'user choice');
  assert.equal(chosen.source, 'shipped');
  await client.nextPublication(uri, before);
  assert.ok(codes(uri).some((c) => c.endsWith(':unknown-key:3')), 'demo keys are unknown to credentials');
  const count = client.publicationCount(uri);
  const restored = await client.connection.sendRequest(SetDocumentIdaRequest, { uri });
  assert.equal(restored.ida, 'demo');
  assert.equal(restored.reason, 'folder');
  await client.nextPublication(uri, count);
  assert.deepEqual(codes(uri), ['7:type-mismatch:2', '8:unknown-key:2']);
});

test('a devstack.yml of the lite platform gets its live LMS schema', async () => {
  const devstack = await client.open(path.join(ws, 'openedx-platform-lite', 'lms', 'envs', 'devstack.yml'), 'LMS_ROOT_URL: http://localhost:18000\nENABLE_COURSE_NOTES: true\n');
  await client.diagnosticsFor(devstack, 1);
  const info = await client.connection.sendRequest(DocumentSchemaRequest, { uri: devstack });
  assert.equal(info.ida, 'lms');
  assert.equal(info.source, 'live');
  assert.equal(info.revision, path.join(ws, 'openedx-platform-lite'));
  const [location] = (await client.definition(devstack, 1, 3)) as { uri: string; range: { start: { line: number } } }[];
  const common = path.join(ws, 'openedx-platform-lite', 'lms', 'envs', 'common.py');
  assert.equal(location.uri, uriOf(common));
  assert.equal(location.range.start.line, lineOf(common, 'ENABLE_COURSE_NOTES =') - 1);
});

test('reextract drops the caches and extracts again', async () => {
  const result = await client.connection.sendRequest(ReextractRequest, {});
  assert.ok(result.idas.includes('demo') && result.idas.includes('lms'), JSON.stringify(result));
  assert.ok(result.millis >= 0);
});
