/**
 * One pathological document on a fresh server process: open it, wait for its diagnostics, ask
 * every feature about its start, middle and end, edit it and undo the edit, and measure the wall
 * time of all that and the peak resident set size of the server. The diagnostics are handed to
 * the test for exact assertions, with the still running server for more requests.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, uriOf } from '../protocol/harness';
import { removeWorkspace, tempWorkspace } from '../protocol/workspace';
import { assertWithinBounds, peakRssMb, timed } from './bounds';
import { TextBounds, assertDiagnosticsInside } from './ranges';
import { answered, askEverything, assertHealthy } from './session';
import { positionOf } from '../helpers/caret';

/** What {@link withPathological} found. */
export interface PathologicalResult {
  diagnostics: Diagnostic[];
  /** Diagnostics after an edit and its undo (they must equal the first ones). */
  afterUndo: Diagnostic[];
  client: LspClient;
  uri: string;
}

/** Options of {@link withPathological}. */
export interface PathologicalOptions {
  /** Files written into the workspace before the server starts (path relative to it → content). */
  files?: Record<string, string | Buffer>;
  /** Where the document is, relative to the workspace (`text` undefined: the file written there is opened). */
  document: string;
  /** Sends the didOpen itself (raw bytes, for instance) and returns the text the server should see. */
  open?: (client: LspClient, uri: string) => Promise<string>;
}

/**
 * Runs the pathological scenario for `text` on a fresh server, asserts it stays within the
 * bounds, and hands the result to `check` before the server stops.
 */
export async function withPathological(t: TestContext, text: string | undefined, options: PathologicalOptions, check: (r: PathologicalResult) => Promise<void> | void): Promise<void> {
  const ws = tempWorkspace('robust-patho');
  for (const [rel, content] of Object.entries(options.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    fs.writeFileSync(path.join(ws, rel), content);
  }
  const client = await LspClient.start({ workspaceFolders: [ws] });
  try {
    const file = path.join(ws, options.document);
    const { result, millis } = await timed(async () => {
      let content: string;
      let uri: string;
      if (options.open !== undefined) {
        uri = uriOf(file);
        content = await options.open(client, uri);
      } else {
        content = text ?? fs.readFileSync(file, 'utf8');
        uri = await client.open(file, content);
      }
      const published = await answered(client, 'diagnostics', client.diagnosticsFor(uri, 1), 20_000);
      const bounds = new TextBounds(content);
      assertDiagnosticsInside(published.diagnostics, bounds, 'pathological');
      for (const at of [0, Math.floor(content.length / 2), content.length]) {
        await askEverything(client, uri, bounds, positionOf(content, at), published.diagnostics);
      }
      const end = positionOf(content, content.length);
      await client.change(uri, [{ range: { start: end, end }, text: ' ' }]);
      const undone = await client.change(uri, [{ range: { start: end, end: { line: end.line, character: end.character + 1 } }, text: '' }]);
      const afterUndo = await answered(client, 'diagnostics after an edit', client.diagnosticsFor(uri, undone), 20_000);
      return { diagnostics: published.diagnostics, afterUndo: afterUndo.diagnostics, client, uri };
    });
    assertWithinBounds(t, { millis, peakMb: peakRssMb(client.child.pid) });
    assert.deepEqual(result.afterUndo, result.diagnostics, 'an edit and its undo changed the diagnostics');
    assertHealthy(client, 'after the pathological input');
    await check(result);
  } finally {
    await client.stop();
    removeWorkspace(ws);
  }
}
