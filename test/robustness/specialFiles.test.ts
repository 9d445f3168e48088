/**
 * `openedxConfig.schemas` naming what is not a schema file a server can read: a FIFO nobody writes
 * to (it blocked the server for good), `/dev/zero` (the server grew to gigabytes), a file past the
 * 20 MB schema limit. Each on a fresh server: the document still gets its diagnostics (from the
 * shipped schema), every feature answers, the cost stays within the bounds, and the log says
 * exactly why the user's schema was not used.
 */
import { after, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient } from '../protocol/harness';
import { removeWorkspace, tempWorkspace } from '../protocol/workspace';
import { positionOf } from '../helpers/caret';
import { assertWithinBounds, peakRssMb, timed } from './bounds';
import { TextBounds } from './ranges';
import { answered, askEverything, assertHealthy } from './session';

const workspaces: string[] = [];
after(() => workspaces.forEach(removeWorkspace));

const TEXT = 'PLATFORM_NAME: My Open edX\nGRADEBOOK_FREEZE_DAYS: ten\n';

/** Opens lms.yml with `openedxConfig.schemas.lms` at `schema` (made by `make` in the workspace). */
async function withUserSchema(t: TestContext, make: (ws: string) => string, reason: (schema: string) => string): Promise<void> {
  const ws = tempWorkspace('robust-special');
  workspaces.push(ws);
  const schema = make(ws);
  const client = await LspClient.start({ workspaceFolders: [ws], settings: { schemas: { lms: schema } } });
  try {
    const { result, millis } = await timed(async () => {
      const uri = await client.open(path.join(ws, 'lms.yml'), TEXT);
      const published = await answered(client, 'diagnostics', client.diagnosticsFor(uri, 1), 20_000);
      const bounds = new TextBounds(TEXT);
      await askEverything(client, uri, bounds, positionOf(TEXT, 2), published.diagnostics);
      return published.diagnostics;
    });
    assertWithinBounds(t, { millis, peakMb: peakRssMb(client.child.pid) });
    assertHealthy(client, 'after a special schema file');
    // The shipped schema applies instead: the wrong type is still reported.
    assert.deepEqual(
      result.map((d) => [d.code, d.range.start.line]),
      [
        ['missing-required', 0],
        ['type-mismatch', 1],
      ],
    );
    assert.ok(
      client.logs.some((l) => l.includes(`openedxConfig.schemas.lms: ${schema}: cannot read the schema file: ${reason(schema)}`)),
      client.logs.join('\n'),
    );
  } finally {
    await client.stop();
  }
}

test('a user schema that is a FIFO nobody writes to: the server keeps answering, the schema refused as a named pipe', async (t) => {
  await withUserSchema(
    t,
    (ws) => {
      const fifo = path.join(ws, 'schema.json');
      execFileSync('mkfifo', [fifo]);
      return fifo;
    },
    () => 'it is a named pipe, not a regular file',
  );
});

test('a user schema at /dev/zero: the server stays small and answers, the schema refused as a device', async (t) => {
  await withUserSchema(t, () => '/dev/zero', () => 'it is a character device, not a regular file');
});

test('a user schema of 30 MB: refused by its size before it is read', async (t) => {
  await withUserSchema(
    t,
    (ws) => {
      const big = path.join(ws, 'big.json');
      fs.writeFileSync(big, '');
      fs.truncateSync(big, 30 * 1024 * 1024);
      return big;
    },
    () => 'it is 31,457,280 bytes, over the 20 MB limit',
  );
});
