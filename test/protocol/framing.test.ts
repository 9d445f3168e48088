/**
 * Broken framing and malformed messages written raw to the real server's stdin: each is skipped
 * (logged by size and reason, never by content) and the next well-formed request is answered.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { DocumentSchemaRequest } from '../../server/src/protocol/messages';
import { LspClient, uriOf } from './harness';
import { removeWorkspace, tempWorkspace } from './workspace';

let ws: string;
let client: LspClient;

before(async () => {
  ws = tempWorkspace('framing');
  client = await LspClient.start({ workspaceFolders: [ws] });
});

after(async () => {
  await client.stop();
  removeWorkspace(ws);
});

/** A value that must never reach the log. */
const SECRET = 'hunter2-AKIAIOSFODNN7EXAMPLE';
const NOTIFICATION = `{"jsonrpc":"2.0","method":"x/secret","params":{"password":"${SECRET}"}}`;

/** Writes raw bytes to the server's stdin, then asks a well-formed request and expects its answer within 5 s. */
async function afterRawBytes(raw: string): Promise<void> {
  const stdin = client.child.stdin;
  assert.ok(stdin !== null);
  await new Promise<void>((resolve, reject) => stdin.write(raw, (e) => (e ? reject(e) : resolve())));
  const uri = uriOf(path.join(ws, 'nothing', 'lms.yml'));
  const answer = client.connection.sendRequest(DocumentSchemaRequest, { uri });
  const timeout = new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('no answer after 5 s: the server stopped reading')), 5000).unref());
  assert.deepEqual(await Promise.race([answer, timeout]), { uri });
}

for (const [situation, raw, reason] of [
  ['a header without Content-Length', `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${NOTIFICATION}`, 'a header without Content-Length'],
  ['a negative Content-Length', `Content-Length: -5\r\n\r\n${NOTIFICATION}`, 'a Content-Length that is not a number of bytes'],
  ['a Content-Length that is not a number', `Content-Length: NaN\r\n\r\n${NOTIFICATION}`, 'a Content-Length that is not a number of bytes'],
  ['a Content-Length too small', `Content-Length: 5\r\n\r\n${NOTIFICATION}`, 'a header line that is not `Name: value`'],
  ['a Content-Length too large', `Content-Length: 5000\r\n\r\n${NOTIFICATION}`, 'a body shorter than its Content-Length'],
  ['a header line without a colon', `garbage ${SECRET}\r\n\r\n`, ''],
] as const) {
  test(`${situation}: the bytes are skipped, logged without their content, and the next request is answered`, async () => {
    const logged = client.logs.length;
    await afterRawBytes(raw);
    const lines = client.logs.slice(logged);
    assert.ok(lines.some((l) => l.startsWith('skipped ') && l.includes('bytes of input with broken framing') && l.includes(reason)), lines.join('\n'));
    assert.ok(!lines.some((l) => l.includes(SECRET) || l.includes('x/secret')), lines.join('\n'));
  });
}

test('a body that is not JSON, or JSON that is no JSON-RPC message: dropped, logged by size only, the next request answered', async () => {
  const logged = client.logs.length;
  const notJson = `{"password": "${SECRET}"`;
  const noMessage = `{"jsonrpc":"2.0","password":"${SECRET}"}`;
  const noId = `{"jsonrpc":"2.0","id":null,"error":{"code":1,"message":"${SECRET}"}}`;
  for (const body of [notJson, noMessage, noId]) await afterRawBytes(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  const lines = client.logs.slice(logged);
  assert.deepEqual(lines.filter((l) => l.startsWith('dropped')), [
    `dropped a message of ${notJson.length} bytes: not JSON`,
    `dropped a message of ${noMessage.length} bytes: neither a request, a notification nor a response`,
    `dropped a message of ${noId.length} bytes: a response without an id`,
  ]);
  assert.ok(!lines.some((l) => l.includes(SECRET)), lines.join('\n'));
});

test('after all that, documents still get diagnostics', async () => {
  const uri = await client.open(path.join(ws, 'after', 'lms.yml'), 'PLATFORM_NAME: x\n');
  const published = await client.diagnosticsFor(uri, 1);
  assert.equal(published.diagnostics.length, 1, 'the missing LMS_ROOT_URL');
});
