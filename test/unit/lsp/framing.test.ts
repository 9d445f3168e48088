import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameDecoder, MAX_HEADER_BYTES, type FrameEvent } from '../../../server/src/lsp/framing';
import { messageProblem } from '../../../server/src/lsp/messageReader';

const BODY = '{"jsonrpc":"2.0","id":2,"method":"shutdown"}';
const frame = (body: string): string => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

/** Events as `body:<text>` and `skipped:<bytes>:<reason>`. */
function decode(decoder: FrameDecoder, ...chunks: string[]): string[] {
  const out: FrameEvent[] = [];
  for (const chunk of chunks) out.push(...decoder.push(Buffer.from(chunk, 'utf8')));
  return out.map((e) => (e.kind === 'body' ? `body:${e.body.toString('utf8')}` : `skipped:${e.bytes}:${e.reason}`));
}

test('well-formed frames, whole, split byte by byte, or with a Content-Type: each body once, in order', () => {
  const two = frame('{"a":1}') + `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 7\r\n\r\n{"b":2}`;
  assert.deepEqual(decode(new FrameDecoder(), two), ['body:{"a":1}', 'body:{"b":2}']);
  assert.deepEqual(decode(new FrameDecoder(), ...two.split('')), ['body:{"a":1}', 'body:{"b":2}']);
  const unicode = '{"t":"é…\u{1F600}"}';
  assert.deepEqual(decode(new FrameDecoder(), frame(unicode)), [`body:${unicode}`]);
});

test('a header without Content-Length: skipped with its body, the next frame decoded', () => {
  const broken = 'Content-Type: application/vscode-jsonrpc\r\n\r\n{"jsonrpc":"2.0","method":"x"}';
  assert.deepEqual(decode(new FrameDecoder(), broken + frame(BODY)), [`skipped:${broken.length}:a header without Content-Length`, `body:${BODY}`]);
});

/** Bytes skipped in all, and the bodies, of {@link decode}'s events. */
function summary(events: string[]): { skipped: number; bodies: string[] } {
  const skipped = events.filter((e) => e.startsWith('skipped:')).reduce((sum, e) => sum + Number(e.split(':')[1]), 0);
  return { skipped, bodies: events.filter((e) => e.startsWith('body:')).map((e) => e.slice(5)) };
}

test('a negative, non-numeric or fractional Content-Length: skipped up to the next header', () => {
  for (const value of ['-5', 'abc', 'NaN', '1.5', '', '99999999999']) {
    const broken = `Content-Length: ${value}\r\n\r\n{"jsonrpc":"2.0","method":"x"}`;
    // In two chunks: the tail of the first is kept until the second shows it is no header.
    const events = decode(new FrameDecoder(), broken, frame(BODY));
    assert.equal(events[0], `skipped:${broken.length - 14}:a Content-Length that is not a number of bytes`, value);
    assert.deepEqual(summary(events), { skipped: broken.length, bodies: [BODY] }, value);
  }
  const decoder = new FrameDecoder();
  assert.deepEqual(decode(decoder, 'Content-Length: -5\r\n\r\n{}' + frame(BODY)), ['skipped:24:a Content-Length that is not a number of bytes', `body:${BODY}`]);
});

test('a Content-Length too small: the cut body, then the rest skipped, then the next frame', () => {
  const rest = '"jsonrpc":"2.0","method":"x"}';
  assert.deepEqual(decode(new FrameDecoder(), `Content-Length: 1\r\n\r\n{${rest}${frame(BODY)}`), [
    'body:{',
    `skipped:${rest.length}:a header line that is not \`Name: value\``,
    `body:${BODY}`,
  ]);
});

test('a Content-Length too large: the body holding the next header is dropped at once, not waited for', () => {
  const short = '{"jsonrpc":"2.0","method":"x"}';
  assert.deepEqual(decode(new FrameDecoder(), `Content-Length: 500\r\n\r\n${short}`, frame(BODY)), [`skipped:${short.length}:a body shorter than its Content-Length`, `body:${BODY}`]);
  // The next header split between chunks is found too.
  const next = frame(BODY);
  assert.deepEqual(decode(new FrameDecoder(), `Content-Length: 500\r\n\r\n${short}${next.slice(0, 10)}`, next.slice(10)), [`skipped:${short.length}:a body shorter than its Content-Length`, `body:${BODY}`]);
});

test('garbage without any header: dropped, a long header-like line dropped past the header limit, the next frame decoded', () => {
  assert.deepEqual(decode(new FrameDecoder(), '{"no":"header"}\r\n\r\n' + frame(BODY)), ['skipped:19:a header line that is not `Name: value`', `body:${BODY}`]);
  const decoder = new FrameDecoder();
  const events = decode(decoder, 'X'.repeat(MAX_HEADER_BYTES + 1), frame(BODY));
  assert.equal(events.at(-1), `body:${BODY}`);
  assert.ok(events.slice(0, -1).every((e) => e.startsWith('skipped:')));
  assert.equal(decoder.bufferedBytes, 0);
  assert.deepEqual(summary(decode(new FrameDecoder(), '\u0000\u0001binary', frame(BODY))), { skipped: 8, bodies: [BODY] });
});

test('messageProblem: requests, notifications and responses pass; anything else is named, never quoted', () => {
  assert.equal(messageProblem({ jsonrpc: '2.0', id: 1, method: 'm' }), undefined);
  assert.equal(messageProblem({ jsonrpc: '2.0', method: 'm', params: {} }), undefined);
  assert.equal(messageProblem({ jsonrpc: '2.0', id: 'a', result: null }), undefined);
  assert.equal(messageProblem({ jsonrpc: '2.0', id: 3, error: { code: 1, message: 'x' } }), undefined);
  assert.equal(messageProblem([{ method: 'm' }]), 'not a JSON object');
  assert.equal(messageProblem(null), 'not a JSON object');
  assert.equal(messageProblem({ secret: 'hunter2' }), 'neither a request, a notification nor a response');
  assert.equal(messageProblem({ id: null, error: { message: 'hunter2' } }), 'a response without an id');
  assert.equal(messageProblem({ id: {}, method: 'm' }), 'a request whose id is neither a number nor a string');
});
