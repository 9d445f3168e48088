/**
 * The `openedxConfig` settings over the protocol: from `initializationOptions` for clients that
 * cannot be asked, then pushed changes; associations, the modeline, user schema files, source
 * folders outside the workspace (and their watchers), and turning the shipped schemas off.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DocumentSchemaRequest } from '../../server/src/protocol/messages';
import { LspClient, uriOf } from './harness';
import { copyExample, removeWorkspace, tempWorkspace, writeFile } from './workspace';

let ws: string;
let outside: string;

before(() => {
  ws = tempWorkspace('settings');
  outside = tempWorkspace('settings-sources');
  copyExample('demo-ida', outside);
});

after(() => {
  removeWorkspace(ws);
  removeWorkspace(outside);
});

function codes(client: LspClient, uri: string): string[] {
  return ((client.published.get(uri) ?? []).at(-1)?.diagnostics ?? []).map((d) => String(d.code));
}

test('a client without workspace/configuration: initializationOptions, then pushed changes', async () => {
  const client = await LspClient.start({
    workspaceFolders: [ws],
    capabilities: {},
    initializationOptions: { openedxConfig: { rules: { 'unknown-key': 'off' } } },
  });
  try {
    const uri = await client.open(path.join(ws, 'plain', 'lms.yml'), 'LMS_ROOT_URL: https://x\nSESSION_COOKIE_DOMAN: x\n');
    assert.deepEqual((await client.diagnosticsFor(uri, 1)).diagnostics, []);
    assert.deepEqual(client.configurationRequests, [], 'never asked');
    assert.deepEqual(client.registrations, [], 'nothing registered dynamically');
    const count = client.publicationCount(uri);
    await client.changeConfiguration({ rules: {} });
    await client.nextPublication(uri, count);
    assert.deepEqual(codes(client, uri), ['unknown-key']);
  } finally {
    await client.stop();
  }
});

test('associations, the modeline, user schema files and shippedSchemas', async () => {
  const userSchema = writeFile(
    path.join(ws, 'schemas', 'private.json'),
    JSON.stringify({ 'x-openedx-schema': { formatVersion: 1, ida: 'private' }, required: ['PRIVATE_URL'], properties: { PRIVATE_URL: { type: 'string' }, RETRIES: { type: 'integer' } } }),
  );
  const client = await LspClient.start({
    workspaceFolders: [ws],
    settings: { associations: { 'deploy/*.yaml': 'credentials', 'private-*.yml': 'private' }, schemas: { private: 'schemas/private.json' } },
  });
  try {
    const byGlob = await client.open(path.join(ws, 'deploy', 'app.yaml'), 'SECRET_KEY: a-real-secret\n');
    await client.diagnosticsFor(byGlob, 1);
    let info = await client.connection.sendRequest(DocumentSchemaRequest, { uri: byGlob });
    assert.deepEqual([info.ida, info.reason, info.source], ['credentials', 'setting', 'shipped']);

    const byModeline = await client.open(path.join(ws, 'notes', 'anything.yml'), '# openedx-config: ida=studio\nLMS_ROOT_URL: https://x\n');
    await client.diagnosticsFor(byModeline, 1);
    info = await client.connection.sendRequest(DocumentSchemaRequest, { uri: byModeline });
    assert.deepEqual([info.ida, info.reason, info.source], ['studio', 'modeline', 'shipped']);

    // Without its modeline the file is nobody's again: what was published is taken back.
    const noLonger = await client.change(byModeline, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }]);
    assert.deepEqual((await client.diagnosticsFor(byModeline, noLonger)).diagnostics, []);
    assert.deepEqual(await client.waitFor('an empty schema info', () => client.schemaInfos.filter((i) => i.uri === byModeline).at(-1)?.ida === undefined ? client.schemaInfos.filter((i) => i.uri === byModeline).at(-1) : undefined), { uri: byModeline });

    const byUserSchema = await client.open(path.join(ws, 'private-prod.yml'), 'RETRIES: many\n');
    const published = await client.diagnosticsFor(byUserSchema, 1);
    assert.deepEqual(published.diagnostics.map((d) => String(d.code)), ['missing-required', 'type-mismatch']);
    info = await client.connection.sendRequest(DocumentSchemaRequest, { uri: byUserSchema });
    assert.deepEqual([info.ida, info.source, info.revision], ['private', 'user', userSchema]);

    const lms = await client.open(path.join(ws, 'lms.yml'), 'PLATFORM_NAME: [not, a, string]\n');
    await client.diagnosticsFor(lms, 1);
    assert.deepEqual(codes(client, lms), ['missing-required', 'type-mismatch']);
    const count = client.publicationCount(lms);
    await client.changeConfiguration({ ...client.settings, shippedSchemas: false });
    await client.nextPublication(lms, count);
    assert.deepEqual(codes(client, lms), [], 'no schema: syntax checks only');
    info = await client.connection.sendRequest(DocumentSchemaRequest, { uri: lms });
    assert.deepEqual([info.ida, info.reason, info.source], ['lms', 'file name', undefined]);
  } finally {
    await client.stop();
  }
});

test('a source folder outside the workspace: live schema, and its files are watched', async () => {
  const demo = path.join(outside, 'demo-ida');
  const client = await LspClient.start({ workspaceFolders: [ws], settings: { sources: { demo }, associations: { 'demo-*.yml': 'demo' } } });
  try {
    const uri = await client.open(path.join(ws, 'demo-prod.yml'), 'SECRET_KEY: s\nMAX_UPLOAD_BYTES: lots\n');
    await client.diagnosticsFor(uri, 1);
    const info = await client.connection.sendRequest(DocumentSchemaRequest, { uri });
    assert.deepEqual([info.ida, info.reason, info.source, info.revision], ['demo', 'setting', 'live', demo]);
    assert.ok(codes(client, uri).includes('type-mismatch'));
    const registration = await client.waitFor('watchers', () =>
      client.registrations.find((r) => JSON.stringify(r).includes(uriOf(demo))) as { registerOptions: { watchers: unknown[] } } | undefined,
    );
    assert.deepEqual(registration.registerOptions.watchers, [
      { globPattern: '**/*.py' },
      { globPattern: '**/pyproject.toml' },
      { globPattern: { baseUri: uriOf(demo), pattern: '**/*.py' } },
      { globPattern: { baseUri: uriOf(demo), pattern: '**/pyproject.toml' } },
    ]);
    // The source changes outside the workspace: MAX_UPLOAD_BYTES becomes a string setting.
    const defaults = path.join(demo, 'demo', 'settings', 'defaults.py');
    fs.writeFileSync(defaults, fs.readFileSync(defaults, 'utf8').replace(/^MAX_UPLOAD_BYTES = .*$/m, "MAX_UPLOAD_BYTES = '100 kB'"));
    const count = client.publicationCount(uri);
    await client.fileChanged(defaults);
    await client.nextPublication(uri, count);
    assert.ok(!codes(client, uri).includes('type-mismatch'), JSON.stringify(codes(client, uri)));
  } finally {
    await client.stop();
  }
});

test('a client that answers workspace/configuration with null (Neovim, eglot): initializationOptions, then the last push', async () => {
  const client = await LspClient.start({
    workspaceFolders: [ws],
    capabilities: { workspace: { configuration: true } },
    initializationOptions: { openedxConfig: { rules: { 'unknown-key': 'off' } } },
  });
  // No section for openedxConfig: the harness answers null, as those clients do.
  client.settings = null as unknown as Record<string, unknown>;
  try {
    const uri = await client.open(path.join(ws, 'plain', 'lms.yml'), 'LMS_ROOT_URL: https://x\nSESSION_COOKIE_DOMAN: x\n');
    assert.deepEqual((await client.diagnosticsFor(uri, 1)).diagnostics, []);
    assert.ok(client.configurationRequests.length > 0, 'asked');
    let count = client.publicationCount(uri);
    await client.didChangeConfiguration({ openedxConfig: { rules: { 'unknown-key': 'error' } } });
    await client.nextPublication(uri, count);
    assert.deepEqual((client.published.get(uri) ?? []).at(-1)?.diagnostics.map((d) => [d.code, d.severity]), [['unknown-key', 1]]);
    // A notification without the section keeps the last pushed one.
    count = client.publicationCount(uri);
    await client.didChangeConfiguration({});
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }]);
    await client.nextPublication(uri, count);
    assert.deepEqual((client.published.get(uri) ?? []).at(-1)?.diagnostics.map((d) => [d.code, d.severity]), [['unknown-key', 1]]);
  } finally {
    await client.stop();
  }
});
