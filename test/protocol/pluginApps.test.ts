/**
 * The platform's plugin apps in a live schema, over the protocol: a copy of the platform-legacy
 * fixture (its `setup.py` declares plugin apps whose `plugin_settings` the settings run). A key a
 * plugin's production module overwrites after the YAML is loaded is reported with that module's
 * line; editing the plugin module on disk re-extracts and re-validates.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient, REPO_ROOT } from './harness';
import { removeWorkspace, tempWorkspace } from './workspace';

const LMS_YML = ['PLATFORM_NAME: Plugins Test', 'NOTES_API_URL: https://notes.example.com', 'NOTES_PAGE_SIZE: 10', 'BADGING_BACKEND: badges.backends.Other', ''].join('\n');

let ws: string;
let client: LspClient;
let uri: string;

before(async () => {
  ws = tempWorkspace('plugins');
  fs.cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'extractor', 'platform-legacy'), ws, { recursive: true });
  client = await LspClient.start({ workspaceFolders: [ws] });
  uri = await client.open(path.join(ws, 'lms.yml'), LMS_YML);
  await client.diagnosticsFor(uri, 1);
});

after(async () => {
  await client.stop();
  removeWorkspace(ws);
});

function diagnostics(): string[] {
  const last = (client.published.get(uri) ?? []).at(-1);
  return (last?.diagnostics ?? []).map((d) => `${d.range.start.line}:${String(d.code)}: ${d.message}`);
}

test('keys the plugin apps set are known; one the production plugin module overwrites is reported with its line', async () => {
  const info = await client.waitFor('schema info', () => client.schemaInfos.find((i) => i.uri === uri));
  assert.equal(info.source, 'live');
  assert.deepEqual(diagnostics(), [
    '2:overwritten-key: `NOTES_PAGE_SIZE` has no effect: lms overwrites it after loading this file (lms/djangoapps/notes/settings/aws.py:13).',
  ]);
});

test('editing the plugin module on disk: extracted again, the document re-validated', async () => {
  const aws = path.join(ws, 'lms', 'djangoapps', 'notes', 'settings', 'aws.py');
  const before = client.publicationCount(uri);
  fs.writeFileSync(aws, fs.readFileSync(aws, 'utf8').replace('    settings.NOTES_PAGE_SIZE = 50\n', '    settings.NOTES_PAGE_SIZE = settings.ENV_TOKENS.get(\'NOTES_PAGE_SIZE\', 50)\n'));
  await client.fileChanged(aws);
  const republished = await client.nextPublication(uri, before);
  assert.equal(republished.version, 1, 're-validated with no edit of the document');
  assert.deepEqual(diagnostics(), []);
});
