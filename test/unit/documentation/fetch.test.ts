/**
 * `fetchBytes` against a local server: each bound (status, time, size, truncation, redirects,
 * retries, cancellation) gives its exact failure, and what may pass is retried, what may not is not.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchBytes } from '../../../server/src/documentation/fetch';
import { body, closedPort, huge, redirect, serve, silent, type Upstream } from './upstream';

let upstream: Upstream;
let flaky = 0;
/** Bytes the server wrote of each huge answer before the client hung up. */
const hugeWritten: Record<string, number> = {};
const HUGE = 64 * 1024 * 1024;
/** Called when the server has sent the first part of a body that then stalls. */
let onStalled: () => void = () => undefined;

before(async () => {
  upstream = await serve({
    '/ok': body('hello'),
    '/flaky': (_request, response) => {
      flaky++;
      if (flaky === 1) response.writeHead(500).end('oops');
      else body('second time')(_request, response);
    },
    '/down': (_request, response) => void response.writeHead(503).end(),
    '/silent': silent,
    '/stall': (_request, response) => {
      response.writeHead(200, { 'content-length': 100 });
      response.write('abc');
      onStalled();
    },
    '/trickle': (_request, response) => {
      response.writeHead(200, { 'content-length': 1000 });
      const timer = setInterval(() => response.write('x'), 20);
      response.on('close', () => clearInterval(timer));
    },
    '/short': (request, response) => {
      response.writeHead(200, { 'content-length': 300 });
      response.write(Buffer.alloc(120, 0x62), () => request.socket.destroy());
    },
    '/short-chunked': (request, response) => {
      response.writeHead(200);
      response.write(Buffer.alloc(50, 0x62), () => request.socket.destroy());
    },
    '/huge-length': huge(HUGE, true, (n) => (hugeWritten.length = n)),
    '/huge-chunked': huge(HUGE, false, (n) => (hugeWritten.chunked = n)),
    '/a': redirect('/b'),
    '/b': redirect('/c', 301),
    '/c': redirect('/final', 307),
    '/final': body('at the end'),
    '/loop-a': redirect('/loop-b'),
    '/loop-b': redirect('/loop-a'),
    '/rel/deep/start': redirect('../target.txt?v=1#part'),
    '/rel/target.txt': body('relative'),
    '/no-location': (_request, response) => void response.writeHead(302).end(),
    '/to-ftp': redirect('ftp://127.0.0.1/file'),
  });
});
after(() => upstream.close());

const quick = { maxBytes: 1024 * 1024, retries: 0, backoffMs: 1 };

test('a 200 gives its body', async () => {
  assert.deepEqual(await fetchBytes(`${upstream.base}/ok`, quick), { ok: true, value: Buffer.from('hello') });
});

test('a 404 is not retried', async () => {
  const result = await fetchBytes(`${upstream.base}/missing`, { ...quick, retries: 2 });
  assert.deepEqual(result, { ok: false, error: `HTTP 404 for ${upstream.base}/missing`, code: 'http-status' });
  assert.equal(upstream.count('/missing'), 1);
});

test('a 500 then a 200: retried once, and the second answer is the result', async () => {
  const result = await fetchBytes(`${upstream.base}/flaky`, { ...quick, retries: 2 });
  assert.deepEqual(result, { ok: true, value: Buffer.from('second time') });
  assert.equal(upstream.count('/flaky'), 2);
});

test('always 503: gives up after the retries, saying how many attempts were made', async () => {
  const result = await fetchBytes(`${upstream.base}/down`, { ...quick, retries: 2 });
  assert.deepEqual(result, { ok: false, error: `HTTP 503 for ${upstream.base}/down (gave up after 3 attempts)`, code: 'http-status' });
  assert.equal(upstream.count('/down'), 3);
});

test('a cancellation during the back-off ends the wait at once', { timeout: 5000 }, async () => {
  const controller = new AbortController();
  const before = upstream.count('/down');
  const pending = fetchBytes(`${upstream.base}/down`, { ...quick, retries: 3, backoffMs: 60_000, signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  assert.deepEqual(await pending, { ok: false, error: 'the download was cancelled', code: 'cancelled' });
  assert.equal(upstream.count('/down') - before, 1);
});

test('a server that never answers: a timeout, retried like one', { timeout: 5000 }, async () => {
  const result = await fetchBytes(`${upstream.base}/silent`, { ...quick, timeoutMs: 100, retries: 1 });
  assert.deepEqual(result, { ok: false, error: `no answer from 127.0.0.1:${upstream.port} within 100 ms (gave up after 2 attempts)`, code: 'timeout' });
  assert.equal(upstream.count('/silent'), 2);
});

test('a body that stalls: a timeout that says how much came', { timeout: 5000 }, async () => {
  const result = await fetchBytes(`${upstream.base}/stall`, { ...quick, timeoutMs: 300 });
  assert.deepEqual(result, { ok: false, error: `the answer from 127.0.0.1:${upstream.port} did not finish within 300 ms (3 bytes received)`, code: 'timeout' });
});

test('a body that trickles: the timeout covers the whole answer, not the gap between bytes', { timeout: 5000 }, async () => {
  const result = await fetchBytes(`${upstream.base}/trickle`, { ...quick, timeoutMs: 300 });
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.code, 'timeout');
  assert.match(!result.ok ? result.error : '', new RegExp(`^the answer from 127\\.0\\.0\\.1:${upstream.port} did not finish within 300 ms \\(\\d+ bytes received\\)$`));
});

test('a body shorter than its Content-Length: truncated, with both counts', async () => {
  const result = await fetchBytes(`${upstream.base}/short`, quick);
  assert.deepEqual(result, { ok: false, error: `the response from ${upstream.base}/short was cut short: 120 of 300 bytes`, code: 'truncated' });
});

test('a chunked body cut off: truncated, and retried', async () => {
  const result = await fetchBytes(`${upstream.base}/short-chunked`, { ...quick, retries: 1 });
  assert.deepEqual(result, { ok: false, error: `the response from ${upstream.base}/short-chunked was cut short: after 50 bytes (gave up after 2 attempts)`, code: 'truncated' });
  assert.equal(upstream.count('/short-chunked'), 2);
});

/** Waits until the server has seen its connection close (it reports the bytes it wrote then). */
async function writtenBeforeClose(key: string): Promise<number> {
  for (let i = 0; i < 500 && hugeWritten[key] === undefined; i++) await new Promise((r) => setTimeout(r, 10));
  return hugeWritten[key];
}

test('a Content-Length over the limit: refused before the body, the connection closed early', { timeout: 10_000 }, async () => {
  const result = await fetchBytes(`${upstream.base}/huge-length`, { ...quick, maxBytes: 100_000 });
  assert.deepEqual(result, { ok: false, error: `${upstream.base}/huge-length is 64 MB, over the 100,000 bytes limit`, code: 'too-large' });
  const written = await writtenBeforeClose('length');
  assert.ok(written < HUGE / 4, `the server wrote ${written} of ${HUGE} bytes before the client hung up`);
});

test('a body without Content-Length growing over the limit: stopped there, the connection closed early', { timeout: 10_000 }, async () => {
  const result = await fetchBytes(`${upstream.base}/huge-chunked`, { ...quick, maxBytes: 100_000 });
  assert.deepEqual(result, { ok: false, error: `${upstream.base}/huge-chunked is over the 100,000 bytes limit`, code: 'too-large' });
  const written = await writtenBeforeClose('chunked');
  assert.ok(written < HUGE / 4, `the server wrote ${written} of ${HUGE} bytes before the client hung up`);
});

test('a redirect chain A → B → C → 200 is followed (302, 301, 307)', async () => {
  assert.deepEqual(await fetchBytes(`${upstream.base}/a`, quick), { ok: true, value: Buffer.from('at the end') });
  assert.deepEqual(
    ['/a', '/b', '/c', '/final'].map((p) => upstream.count(p)),
    [1, 1, 1, 1],
  );
});

test('more redirects than allowed: refused', async () => {
  const result = await fetchBytes(`${upstream.base}/a`, { ...quick, maxRedirects: 2 });
  assert.deepEqual(result, { ok: false, error: `more than 2 redirects from ${upstream.base}/a`, code: 'redirect-loop' });
});

test('a redirect loop A → B → A: refused, with the chain', async () => {
  const result = await fetchBytes(`${upstream.base}/loop-a`, { ...quick, retries: 2 });
  assert.deepEqual(result, { ok: false, error: `a redirect loop: ${upstream.base}/loop-a → ${upstream.base}/loop-b → ${upstream.base}/loop-a`, code: 'redirect-loop' });
  assert.equal(upstream.count('/loop-a'), 1);
});

test('a relative Location is resolved against the URL that gave it (its fragment dropped)', async () => {
  assert.deepEqual(await fetchBytes(`${upstream.base}/rel/deep/start`, quick), { ok: true, value: Buffer.from('relative') });
  assert.equal(upstream.count('/rel/target.txt?v=1'), 1);
});

test('a redirect without Location, or to another scheme: refused', async () => {
  assert.deepEqual(await fetchBytes(`${upstream.base}/no-location`, quick), { ok: false, error: `HTTP 302 without a Location for ${upstream.base}/no-location`, code: 'http-status' });
  assert.deepEqual(await fetchBytes(`${upstream.base}/to-ftp`, quick), { ok: false, error: `${upstream.base}/to-ftp redirects to a ftp: URL; only http: and https: are fetched`, code: 'bad-url' });
});

test('cancelled mid-body: cancelled at once', { timeout: 5000 }, async () => {
  const controller = new AbortController();
  onStalled = () => setTimeout(() => controller.abort(), 20);
  const result = await fetchBytes(`${upstream.base}/stall`, { ...quick, timeoutMs: 60_000, signal: controller.signal });
  onStalled = () => undefined;
  assert.deepEqual(result, { ok: false, error: 'the download was cancelled', code: 'cancelled' });
});

test('an already aborted signal: nothing is requested', async () => {
  const before = upstream.requests.length;
  const result = await fetchBytes(`${upstream.base}/ok`, { ...quick, signal: AbortSignal.abort() });
  assert.deepEqual(result, { ok: false, error: 'the download was cancelled', code: 'cancelled' });
  assert.equal(upstream.requests.length, before);
});

test('a connection refused: offline, retried', async () => {
  const port = await closedPort();
  const result = await fetchBytes(`http://127.0.0.1:${port}/x`, { ...quick, retries: 1 });
  assert.deepEqual(result, { ok: false, error: `cannot connect to 127.0.0.1:${port} (ECONNREFUSED) (gave up after 2 attempts)`, code: 'offline' });
});

test('URLs other than http: and https:, and text that is no URL, are refused before any request', async () => {
  assert.deepEqual(await fetchBytes('ftp://127.0.0.1/file', quick), { ok: false, error: 'only http: and https: URLs are fetched, not ftp: (ftp://127.0.0.1/file)', code: 'bad-url' });
  assert.deepEqual(await fetchBytes('file:///etc/passwd', quick), { ok: false, error: 'only http: and https: URLs are fetched, not file: (file:///etc/passwd)', code: 'bad-url' });
  assert.deepEqual(await fetchBytes('not a url', quick), { ok: false, error: 'not a URL: "not a url"', code: 'bad-url' });
});

test('credentials in a URL never appear in a message', async () => {
  const result = await fetchBytes(`http://user:hunter2@127.0.0.1:${upstream.port}/missing`, quick);
  assert.deepEqual(result, { ok: false, error: `HTTP 404 for ${upstream.base}/missing`, code: 'http-status' });
});
