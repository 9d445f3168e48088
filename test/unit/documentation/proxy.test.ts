/**
 * Proxies: which one the environment names for a URL, http through a proxy in absolute form,
 * https through a CONNECT tunnel (to a local TLS server with a certificate made by openssl), and
 * proxy credentials that become a header and never a word of a message.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { fetchBytes, proxyFromEnv } from '../../../server/src/documentation/fetch';
import { body, closedPort, redirect, selfSignedCertificate, serve, started, temporaryFolder, type Upstream } from './upstream';

const folder = temporaryFolder('oxc-proxy-');
let certificate: { key: string; cert: string };
/** A TLS server with the self-signed certificate. */
let secure: Upstream;
/** A plain server, for a downgrade from https. */
let plain: Upstream;
/** A proxy: absolute-form requests answered itself, CONNECT tunnels piped to 127.0.0.1 ports (or refused with 403 for port 1). */
let proxy: Upstream;
const connects: { target: string; authorization: string | undefined }[] = [];

before(async () => {
  certificate = selfSignedCertificate(folder.dir);
  plain = await serve({ '/plain.txt': body('plain') });
  secure = await serve({ '/doc.txt': body('secret documentation'), '/downgrade': redirect(`${plain.base}/plain.txt`) }, certificate);
  const proxyServer = http.createServer((request, response) => {
    proxy.requests.push(request.url ?? '');
    proxy.headers.push(request.headers);
    if (request.url?.endsWith('/needs-auth') === true) response.writeHead(407).end();
    else response.writeHead(200, { 'content-length': 9 }).end('via proxy');
  });
  proxyServer.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = request.url ?? '';
    connects.push({ target, authorization: request.headers['proxy-authorization'] });
    const [host, port] = target.split(':');
    if (port === '1') return void client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    const upstreamSocket = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection established\r\n\r\n');
      upstreamSocket.write(head);
      upstreamSocket.pipe(client);
      client.pipe(upstreamSocket);
    });
    upstreamSocket.on('error', () => client.destroy());
    client.on('error', () => upstreamSocket.destroy());
  });
  proxy = await started(proxyServer, 'http');
});
after(async () => {
  await Promise.all([secure.close(), plain.close(), proxy.close()]);
  folder.remove();
});

const quick = { maxBytes: 1024 * 1024, retries: 0, backoffMs: 1 };

test('proxyFromEnv: the variable for the scheme, lowercase first, empty values unset', () => {
  const env = { HTTPS_PROXY: 'http://upper:3128', https_proxy: 'http://lower:3128', HTTP_PROXY: 'http://plain:8080' };
  assert.equal(proxyFromEnv('https://raw.githubusercontent.com/a', env), 'http://lower:3128');
  assert.equal(proxyFromEnv('https://raw.githubusercontent.com/a', { HTTPS_PROXY: 'http://upper:3128', https_proxy: ' ' }), 'http://upper:3128');
  assert.equal(proxyFromEnv('http://mirror.example/a', env), 'http://plain:8080');
  assert.equal(proxyFromEnv('http://mirror.example/a', { https_proxy: 'http://lower:3128' }), undefined);
  assert.equal(proxyFromEnv('ftp://mirror.example/a', env), undefined);
  assert.equal(proxyFromEnv('not a url', env), undefined);
  assert.equal(proxyFromEnv('https://a.example/', {}), undefined);
});

test('proxyFromEnv: NO_PROXY by host suffix, *, IP, port, and with a leading dot', () => {
  const withNoProxy = (noProxy: string, url: string): string | undefined => proxyFromEnv(url, { HTTPS_PROXY: 'http://p:1', NO_PROXY: noProxy });
  assert.equal(withNoProxy('*', 'https://raw.githubusercontent.com/'), undefined);
  assert.equal(withNoProxy('githubusercontent.com', 'https://raw.githubusercontent.com/'), undefined);
  assert.equal(withNoProxy('.githubusercontent.com', 'https://raw.githubusercontent.com/'), undefined);
  assert.equal(withNoProxy('*.githubusercontent.com', 'https://raw.githubusercontent.com/'), undefined);
  assert.equal(withNoProxy('usercontent.com', 'https://raw.githubusercontent.com/'), 'http://p:1');
  assert.equal(withNoProxy('example.org, RAW.GITHUBUSERCONTENT.COM', 'https://raw.githubusercontent.com/'), undefined);
  assert.equal(withNoProxy('127.0.0.1', 'https://127.0.0.1:8443/'), undefined);
  assert.equal(withNoProxy('127.0.0.1:8443', 'https://127.0.0.1:8443/'), undefined);
  assert.equal(withNoProxy('127.0.0.1:9999', 'https://127.0.0.1:8443/'), 'http://p:1');
  assert.equal(withNoProxy('mirror.example:443', 'https://mirror.example/'), undefined);
  assert.equal(withNoProxy('[::1]', 'https://[::1]:8443/'), undefined);
  assert.equal(withNoProxy('', 'https://raw.githubusercontent.com/'), 'http://p:1');
  assert.equal(proxyFromEnv('https://a.example/', { HTTPS_PROXY: 'http://p:1', no_proxy: 'a.example' }), undefined);
});

test('http through a proxy: an absolute-form request, credentials as Proxy-Authorization', async () => {
  const result = await fetchBytes('http://127.0.0.1:9/docs/file.txt', { ...quick, proxy: `http://user:p%40ss@127.0.0.1:${proxy.port}` });
  assert.deepEqual(result, { ok: true, value: Buffer.from('via proxy') });
  assert.equal(proxy.requests.at(-1), 'http://127.0.0.1:9/docs/file.txt');
  assert.equal(proxy.headers.at(-1)?.['proxy-authorization'], `Basic ${Buffer.from('user:p@ss').toString('base64')}`);
  assert.equal(proxy.headers.at(-1)?.host, '127.0.0.1:9');
});

test('a proxy asking for credentials, or not answering: a proxy failure named host:port, without the credentials', async () => {
  const proxyUrl = `http://user:hunter2@127.0.0.1:${proxy.port}`;
  assert.deepEqual(await fetchBytes('http://127.0.0.1:9/needs-auth', { ...quick, proxy: proxyUrl }), { ok: false, error: `the proxy 127.0.0.1:${proxy.port} asks for credentials (HTTP 407)`, code: 'proxy' });
  const port = await closedPort();
  for (const url of ['http://127.0.0.1:9/x', 'https://127.0.0.1:9/x']) {
    assert.deepEqual(await fetchBytes(url, { ...quick, retries: 2, proxy: `http://user:hunter2@127.0.0.1:${port}` }), { ok: false, error: `cannot connect to the proxy 127.0.0.1:${port} (ECONNREFUSED)`, code: 'proxy' });
  }
});

test('a proxy setting that is not an http URL: refused without quoting it', async () => {
  assert.deepEqual(await fetchBytes('http://127.0.0.1:9/x', { ...quick, proxy: 'socks5://user:hunter2@proxy.example:1080' }), { ok: false, error: 'the proxy must be an http:// URL, not socks5:// (the proxy proxy.example:1080)', code: 'proxy' });
  assert.deepEqual(await fetchBytes('http://127.0.0.1:9/x', { ...quick, proxy: 'hunter2' }), { ok: false, error: 'the proxy setting is not a URL (expected http://host:port)', code: 'proxy' });
});

test('https through a proxy: a CONNECT tunnel with Proxy-Authorization, TLS checked end to end', async () => {
  const result = await fetchBytes(`${secure.base}/doc.txt`, { ...quick, proxy: `http://user:pass@127.0.0.1:${proxy.port}`, ca: certificate.cert });
  assert.deepEqual(result, { ok: true, value: Buffer.from('secret documentation') });
  assert.deepEqual(connects.at(-1), { target: `127.0.0.1:${secure.port}`, authorization: `Basic ${Buffer.from('user:pass').toString('base64')}` });
  assert.equal(secure.requests.at(-1), '/doc.txt');
});

test('https through a proxy to an untrusted certificate: refused unless strictSSL is off', async () => {
  const proxyUrl = `http://127.0.0.1:${proxy.port}`;
  assert.deepEqual(await fetchBytes(`${secure.base}/doc.txt`, { ...quick, retries: 2, proxy: proxyUrl }), { ok: false, error: `the TLS certificate of 127.0.0.1:${secure.port} is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)`, code: 'offline' });
  assert.deepEqual(await fetchBytes(`${secure.base}/doc.txt`, { ...quick, proxy: proxyUrl, strictSSL: false }), { ok: true, value: Buffer.from('secret documentation') });
});

test('a tunnel the proxy refuses: a proxy failure', async () => {
  assert.deepEqual(await fetchBytes('https://127.0.0.1:1/x', { ...quick, proxy: `http://127.0.0.1:${proxy.port}` }), { ok: false, error: `the proxy 127.0.0.1:${proxy.port} refused a tunnel to 127.0.0.1:1 (HTTP 403)`, code: 'proxy' });
});

test('https direct: a trusted certificate is accepted, an untrusted one refused (not retried), unless strictSSL is off', async () => {
  assert.deepEqual(await fetchBytes(`${secure.base}/doc.txt`, { ...quick, ca: certificate.cert }), { ok: true, value: Buffer.from('secret documentation') });
  const before = secure.requests.length;
  assert.deepEqual(await fetchBytes(`${secure.base}/doc.txt`, { ...quick, retries: 2 }), { ok: false, error: `the TLS certificate of 127.0.0.1:${secure.port} is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)`, code: 'offline' });
  assert.equal(secure.requests.length, before);
  assert.deepEqual(await fetchBytes(`${secure.base}/doc.txt`, { ...quick, strictSSL: false }), { ok: true, value: Buffer.from('secret documentation') });
});

test('a redirect from https to http is refused', async () => {
  const result = await fetchBytes(`${secure.base}/downgrade`, { ...quick, ca: certificate.cert });
  assert.deepEqual(result, { ok: false, error: `${secure.base}/downgrade redirects from https to http (${plain.base}/plain.txt); refused`, code: 'bad-url' });
  assert.equal(plain.requests.length, 0);
});
