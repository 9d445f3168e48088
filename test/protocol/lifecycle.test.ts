/**
 * The server's life cycle over stdio: initialize, settings pull and registrations, documents that
 * are not IDA config files, garbage input, and shutdown.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as path from 'node:path';
import {
  CodeActionKind,
  ConfigurationRequest,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  TextDocumentSyncKind,
} from 'vscode-languageserver-protocol';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver-protocol/node';
import { DocumentSchemaRequest, ExportSchemaRequest, SetDocumentIdaRequest } from '../../server/src/protocol/messages';
import { LspClient, SERVER_BUNDLE, sleep, uriOf } from './harness';
import { removeWorkspace, tempWorkspace } from './workspace';

let ws: string;
let client: LspClient;

before(async () => {
  ws = tempWorkspace('lifecycle');
  client = await LspClient.start({ workspaceFolders: [ws] });
});

after(async () => {
  await client.stop();
  removeWorkspace(ws);
});

test('initialize announces incremental sync and every feature', () => {
  const caps = client.initializeResult?.capabilities;
  assert.deepEqual(caps?.textDocumentSync, { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } });
  assert.deepEqual(caps?.completionProvider, { resolveProvider: true });
  assert.equal(caps?.hoverProvider, true);
  assert.deepEqual(caps?.codeActionProvider, { codeActionKinds: [CodeActionKind.QuickFix] });
  assert.equal(caps?.definitionProvider, true);
  assert.equal(caps?.documentSymbolProvider, true);
  assert.deepEqual(caps?.workspace, { workspaceFolders: { supported: true, changeNotifications: true } });
  assert.equal(client.initializeResult?.serverInfo?.name, 'openedx-config');
});

test('the server pulls the openedxConfig section and registers its watchers', async () => {
  await client.waitFor('the watcher registration', () => (client.registrations.length >= 2 ? true : undefined));
  assert.deepEqual(client.configurationRequests[0], { items: [{ section: 'openedxConfig' }] });
  const methods = client.registrations.map((r) => (r as { method: string }).method).sort();
  assert.deepEqual(methods, ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
  const watchers = client.registrations.find((r) => (r as { method: string }).method === 'workspace/didChangeWatchedFiles') as { registerOptions: { watchers: unknown[] } };
  assert.deepEqual(watchers.registerOptions.watchers, [{ globPattern: '**/*.py' }, { globPattern: '**/pyproject.toml' }]);
});

test('a YAML file that is no IDA config file gets nothing at all', async () => {
  const unrelated = await client.open(path.join(ws, 'docker-compose.yml'), 'services:\n  web:\n    image: nginx\n    ports: [80\n');
  // A config file opened afterwards is validated after it: by then the first was handled too.
  const lms = await client.open(path.join(ws, 'first', 'lms.yml'), 'LMS_ROOT_URL: https://x\n');
  await client.diagnosticsFor(lms, 1);
  await sleep(100);
  assert.equal(client.publicationCount(unrelated), 0);
  assert.equal(client.schemaInfos.filter((i) => i.uri === unrelated).length, 0);
  assert.equal(await client.completion(unrelated, 0, 0), null);
  assert.equal(await client.hover(unrelated, 0, 2), null);
  assert.deepEqual(await client.documentSymbols(unrelated), []);
  assert.deepEqual(await client.definition(unrelated, 0, 2), []);
  assert.deepEqual(await client.connection.sendRequest(DocumentSchemaRequest, { uri: unrelated }), { uri: unrelated });
});

test('binary garbage in an lms.yml gets answers, not a crash', async () => {
  let garbage = '';
  for (let i = 0; i < 5000; i++) garbage += String.fromCharCode((i * 7919) % 0xd7ff);
  const uri = await client.open(path.join(ws, 'garbage', 'lms.yml'), `\u0000\u0001${garbage}\n: : :\n  - [\n{{ }}\n`);
  const published = await client.diagnosticsFor(uri, 1);
  assert.ok(Array.isArray(published.diagnostics));
  assert.notEqual(await client.completion(uri, 1, 0), undefined);
  await client.hover(uri, 0, 3);
  await client.documentSymbols(uri);
  await client.definition(uri, 0, 1);
  await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, published.diagnostics);
  const version = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }, text: '\uFFFF\uD800' }]);
  await client.diagnosticsFor(uri, version);
});

test('a 100,000-line lms.yml gets diagnostics and every request an answer', async () => {
  const lines = ['LMS_ROOT_URL: https://lms.example.com'];
  for (let i = 0; i < 100_000; i++) lines.push(`PLUGIN_SETTING_${i}: value ${i}`);
  const uri = await client.open(path.join(ws, 'huge', 'lms.yml'), `${lines.join('\n')}\n`);
  const published = await client.diagnosticsFor(uri, 1);
  assert.ok(published.diagnostics.length > 0, 'at least the too-large notice');
  const completion = await client.completion(uri, 100_001, 0);
  assert.notEqual(completion, undefined);
  await client.hover(uri, 50_000, 3);
  await client.documentSymbols(uri);
  const version = await client.change(uri, [{ range: { start: { line: 100_001, character: 0 }, end: { line: 100_001, character: 0 } }, text: 'X: 1\n' }]);
  await client.diagnosticsFor(uri, version);
});

test('requests about unknown documents or with broken parameters are answered', async () => {
  const missing = 'file:///nowhere/lms.yml';
  assert.equal(await client.completion(missing, 0, 0), null);
  assert.equal(await client.hover(missing, 0, 0), null);
  assert.deepEqual(await client.connection.sendRequest(DocumentSchemaRequest, { uri: missing }), { uri: missing });
  assert.deepEqual(await client.connection.sendRequest(ExportSchemaRequest, { ida: 'no-such-ida' }), { error: 'No schema is known for no-such-ida.' });
  // A malformed request (no parameters at all) still gets a response.
  const answer: unknown = await client.connection.sendRequest(SetDocumentIdaRequest.method, null);
  assert.deepEqual(answer, { uri: '' });
  assert.ok(client.logs.some((l) => l.startsWith('setDocumentIda failed')), 'the failure is logged');
});

test('the same server speaks LSP over Node IPC when started with --node-ipc', async () => {
  const child = fork(SERVER_BUNDLE, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
  connection.listen();
  try {
    const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: { workspace: { configuration: true } } });
    assert.equal(result.capabilities.hoverProvider, true);
    await connection.sendNotification(InitializedNotification.type, {});
    const published = new Promise<unknown[]>((resolve) => connection.onNotification(PublishDiagnosticsNotification.type, (p) => resolve(p.diagnostics)));
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uriOf(path.join(ws, 'ipc', 'lms.yml')), languageId: 'yaml', version: 1, text: 'PLATFORM_NAME: x\n' } });
    assert.equal((await published).length, 1, 'the missing LMS_ROOT_URL');
    await connection.sendRequest(ShutdownRequest.type);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0);
  } finally {
    connection.dispose();
    if (child.exitCode === null) child.kill();
  }
});

test('shutdown and exit end the process with code 0', async () => {
  const other = await LspClient.start({ workspaceFolders: [ws] });
  assert.equal(await other.stop(), 0);
});
