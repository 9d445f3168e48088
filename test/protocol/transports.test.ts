/**
 * `openedx-config lsp` over the transports other than stdio, as editors use them: `--socket=PORT`
 * (the server connects to the editor's port) and `--node-ipc` (the editor forks the command with
 * an IPC channel). Each answers initialize, publishes the example's diagnostics and exits after
 * shutdown.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import {
  createProtocolConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  SocketMessageReader,
  SocketMessageWriter,
  DidOpenTextDocumentNotification,
  type MessageReader,
  type MessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { REPO_ROOT, uriOf } from './harness';
import { copyExample, removeWorkspace, tempWorkspace } from './workspace';

const CLI = path.join(REPO_ROOT, 'bin', 'openedx-config.js');

/** initialize, didOpen of the lite platform's lms.yml, the first publication, shutdown, exit. */
async function session(reader: MessageReader, writer: MessageWriter): Promise<{ serverName: string | undefined; diagnostics: PublishDiagnosticsParams }> {
  const ws = tempWorkspace('transport');
  try {
    const lite = copyExample('openedx-platform-lite', ws);
    const file = path.join(lite, 'lms.yml');
    const connection = createProtocolConnection(reader, writer);
    const published = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification(PublishDiagnosticsNotification.type, resolve));
    connection.listen();
    const init = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: uriOf(ws), workspaceFolders: [{ uri: uriOf(ws), name: 'ws' }], capabilities: {} });
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uriOf(file), languageId: 'yaml', version: 1, text: fs.readFileSync(file, 'utf8') } });
    const diagnostics = await published;
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    connection.dispose();
    return { serverName: init.serverInfo?.name, diagnostics };
  } finally {
    removeWorkspace(ws);
  }
}

/** The example lms.yml's diagnostics, as `line:code`. */
function codes(p: PublishDiagnosticsParams): string[] {
  return p.diagnostics.map((d) => `${d.range.start.line}:${String(d.code)}`);
}

/** The example lms.yml's problems, as over stdio (its mistakes are listed at its top). */
const EXPECTED_CODES = ['0:missing-required', '10:unknown-key', '12:overwritten-key', '19:type-mismatch', '25:deprecated', '26:deprecated'];

test('lsp --socket=PORT: the server connects to the editor\'s port and answers there', { timeout: 60_000 }, async () => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const accepted = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
  const child = spawn(process.execPath, [CLI, 'lsp', `--socket=${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  try {
    const socket = await accepted;
    const { serverName, diagnostics } = await session(new SocketMessageReader(socket), new SocketMessageWriter(socket));
    assert.equal(serverName, 'openedx-config');
    assert.deepEqual(codes(diagnostics), EXPECTED_CODES);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 0);
    assert.equal(output, '', 'nothing on standard output with a socket');
  } finally {
    child.kill();
    server.close();
  }
});

test('lsp --node-ipc: the editor forks the command, messages go over the IPC channel', { timeout: 60_000 }, async () => {
  const child = fork(CLI, ['lsp', '--node-ipc'], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  try {
    const { serverName, diagnostics } = await session(new IPCMessageReader(child), new IPCMessageWriter(child));
    assert.equal(serverName, 'openedx-config');
    assert.deepEqual(codes(diagnostics), EXPECTED_CODES);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 0);
  } finally {
    child.kill();
  }
});
