/**
 * A client that cannot watch files (no `didChangeWatchedFiles`, as Neovim 0.7 and eglot
 * without a watcher library): saving a config file makes the server look at the modification
 * times of the settings sources it read, and a changed one is extracted again as a watcher
 * event would have it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DidSaveTextDocumentNotification, type ClientCapabilities } from 'vscode-languageserver-protocol';
import { FULL_CAPABILITIES, LspClient } from './harness';
import { copyExample, removeWorkspace, tempWorkspace } from './workspace';

/** The capable editor's capabilities without file watching. */
const NO_WATCHERS: ClientCapabilities = { ...FULL_CAPABILITIES, workspace: { ...FULL_CAPABILITIES.workspace, didChangeWatchedFiles: undefined } };

let ws: string;
let defaults: string;
let client: LspClient;
let uri: string;

before(async () => {
  ws = tempWorkspace('poll');
  const demoRoot = copyExample('demo-ida', ws);
  defaults = path.join(demoRoot, 'demo', 'settings', 'defaults.py');
  client = await LspClient.start({ workspaceFolders: [ws], capabilities: NO_WATCHERS });
  uri = await client.open(path.join(demoRoot, 'demo', 'settings', 'production.yml'), 'POLLED_NEW_SETTING: 5\n');
  await client.diagnosticsFor(uri, 1);
});

after(async () => {
  await client.stop();
  removeWorkspace(ws);
});

function codes(): string[] {
  const last = (client.published.get(uri) ?? []).at(-1);
  return (last?.diagnostics ?? []).filter((d) => d.code === 'unknown-key').map((d) => `${d.range.start.line}:${String(d.code)}`);
}

test('without file watchers: a settings source changed on disk is read again when a config file is saved', async () => {
  assert.deepEqual(codes(), ['0:unknown-key']);
  fs.appendFileSync(defaults, '\n#: Invented for the polling test.\nPOLLED_NEW_SETTING = 1\n');
  // Pushes the modification time past the file system's resolution, whatever it is.
  const later = new Date(Date.now() + 5_000);
  fs.utimesSync(defaults, later, later);
  const before = client.publicationCount(uri);
  await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  await client.waitFor('a publication without the unknown key', () => {
    const list = client.published.get(uri) ?? [];
    return list.length > before && codes().length === 0 ? true : undefined;
  });
  assert.deepEqual(codes(), []);
});

test('without file watchers: a save with no source changed extracts nothing again', async () => {
  const before = client.publicationCount(uri);
  await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  // The server answers in order: once this hover is answered, the save has been handled.
  await client.hover(uri, 0, 2);
  assert.equal(client.publicationCount(uri), before);
});
