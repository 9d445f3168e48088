/**
 * One GET, bounded: one timer for the whole answer, a byte cap checked against `Content-Length`
 * before the body and against every chunk while it arrives (the connection is closed at once past
 * it, so memory never holds more than the cap), a body shorter than announced told apart from a
 * complete one, and cancellation. Redirects and retries are the caller's (`fetch.ts`).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { formatBytes } from '../common/files';
import type { Proxy } from './proxy';
import { codeOf, openTunnel } from './tunnel';

/** Why a download failed. */
export type FetchFailureCode = 'offline' | 'timeout' | 'http-status' | 'redirect-loop' | 'too-large' | 'truncated' | 'cancelled' | 'bad-url' | 'proxy';

/** The bounds and route of one attempt, with every default already applied. */
export interface AttemptSettings {
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
  proxy?: Proxy;
  strictSSL: boolean;
  /** PEM certificates trusted besides Node's own. */
  ca?: string;
}

/** What one GET came to: a body, a redirect to follow, or a failure (and whether trying again may help). */
export type Attempt =
  | { kind: 'body'; bytes: Buffer }
  | { kind: 'redirect'; location: string }
  | { kind: 'failure'; code: FetchFailureCode; message: string; retry: boolean };

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
/** Pinned files are compared byte for byte: a compressed answer would never match. */
const HEADERS: Readonly<http.OutgoingHttpHeaders> = { 'accept-encoding': 'identity', 'user-agent': 'openedx-config' };
/** How much of a URL a message shows. */
const URL_LIMIT = 200;

/**
 * GETs `url` once (direct, through `proxy` in absolute form for http, or through a CONNECT
 * tunnel for https). Never rejects.
 */
export function getOnce(url: URL, settings: AttemptSettings): Promise<Attempt> {
  return new Promise((resolve) => {
    const cleanups: (() => void)[] = [];
    let settled = false;
    let answered = false;
    let received = 0;
    const finish = (attempt: Attempt): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      settings.signal?.removeEventListener('abort', cancel);
      for (const cleanup of cleanups) cleanup();
      resolve(attempt);
    };
    const timer = setTimeout(() => {
      const within = `within ${duration(settings.timeoutMs)}`;
      finish(failure('timeout', answered ? `the answer from ${url.host} did not finish ${within} (${formatBytes(received)} received)` : `no answer from ${url.host} ${within}`, true));
    }, settings.timeoutMs);
    const cancel = (): void => finish(failure('cancelled', 'the download was cancelled', false));
    if (settings.signal?.aborted === true) return cancel();
    settings.signal?.addEventListener('abort', cancel, { once: true });

    /** Set while a body is being read: what a lost connection means then. */
    let cut: (() => void) | undefined;
    const onResponse = (response: http.IncomingMessage): void => {
      answered = true;
      cleanups.push(() => response.destroy());
      const status = response.statusCode ?? 0;
      if (REDIRECT_STATUSES.has(status)) {
        const location = response.headers.location;
        return finish(location !== undefined && location !== '' ? { kind: 'redirect', location } : failure('http-status', `HTTP ${status} without a Location for ${showUrl(url)}`, false));
      }
      if (status === 407 && settings.proxy !== undefined) return finish(failure('proxy', `the proxy ${settings.proxy.display} asks for credentials (HTTP 407)`, false));
      if (status !== 200) return finish(failure('http-status', `HTTP ${status} for ${showUrl(url)}`, status >= 500));
      const declared = contentLength(response.headers['content-length']);
      const limit = `the ${formatBytes(settings.maxBytes)} limit`;
      if (declared !== undefined && declared > settings.maxBytes) return finish(failure('too-large', `${showUrl(url)} is ${formatBytes(declared)}, over ${limit}`, false));
      const chunks: Buffer[] = [];
      const cutShort = (): void => {
        cut = undefined;
        const got = declared === undefined ? `after ${formatBytes(received)}` : `${received.toLocaleString('en-US')} of ${formatBytes(declared)}`;
        finish(failure('truncated', `the response from ${showUrl(url)} was cut short: ${got}`, true));
      };
      cut = cutShort;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > settings.maxBytes) return finish(failure('too-large', `${showUrl(url)} is over ${limit}`, false));
        chunks.push(chunk);
      });
      response.on('end', () => (response.complete && (declared === undefined || received === declared) ? finish({ kind: 'body', bytes: Buffer.concat(chunks, received) }) : cutShort()));
      // A connection closed before the announced end: Node reports it as an error ('aborted'), or only closes.
      response.on('error', cutShort);
      response.on('close', cutShort);
    };
    const send = (request: http.ClientRequest): void => {
      cleanups.push(() => request.destroy());
      request.on('response', onResponse);
      // A connection reset once the body has begun is a cut body, not a failure to connect.
      request.on('error', (e) => (cut !== undefined ? cut() : finish(connectionFailure(e, url, settings.proxy !== undefined && url.protocol === 'http:' ? settings.proxy : undefined))));
      request.end();
    };

    try {
      if (settings.proxy === undefined) send(directRequest(url, settings));
      else if (url.protocol === 'http:') send(absoluteFormRequest(url, settings.proxy));
      else {
        const target = `${url.hostname}:${url.port === '' ? 443 : url.port}`;
        void openTunnel(settings.proxy, target, (connect) => cleanups.push(() => connect.destroy())).then((tunnel) => {
          if (!tunnel.ok) return finish(failure('proxy', tunnel.error, false));
          if (settled) return tunnel.value.destroy();
          const secure = tls.connect({ socket: tunnel.value, ...tlsOptions(url, settings) });
          cleanups.push(() => secure.destroy());
          // No agent: the request takes the tunnelled TLS socket as its connection.
          send(https.request(url, { headers: HEADERS, createConnection: () => secure }));
        });
      }
    } catch (e) {
      // http.request throws at once on what it cannot send (a bad header or host).
      finish(failure('bad-url', `cannot request ${showUrl(url)} (${codeOf(e)})`, false));
    }
  });
}

/** A direct request. No `agent` option: in VS Code the extension host's patched agents add the user's proxy. */
function directRequest(url: URL, settings: AttemptSettings): http.ClientRequest {
  if (url.protocol === 'http:') return http.request(url, { headers: HEADERS });
  const { rejectUnauthorized, ca } = tlsOptions(url, settings);
  return https.request(url, { headers: HEADERS, rejectUnauthorized, ...(ca !== undefined ? { ca } : {}) });
}

/** An http request through a proxy: the whole URL as the request target. */
function absoluteFormRequest(url: URL, proxy: Proxy): http.ClientRequest {
  const headers: http.OutgoingHttpHeaders = { ...HEADERS, host: url.host };
  if (proxy.authorization !== undefined) headers['proxy-authorization'] = proxy.authorization;
  return http.request({ host: proxy.host, port: proxy.port, path: showUrl(url, Infinity), headers, agent: false });
}

function tlsOptions(url: URL, settings: AttemptSettings): tls.ConnectionOptions {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    host,
    // SNI takes host names only.
    ...(net.isIP(host) === 0 ? { servername: host } : {}),
    rejectUnauthorized: settings.strictSSL,
    // `ca` alone would replace Node's trusted roots; the extra ones are added to them.
    ...(settings.ca !== undefined ? { ca: [...tls.rootCertificates, settings.ca] } : {}),
  };
}

/** A failed connection, told apart: the proxy, a certificate (no retry: it will not change), or the network. */
function connectionFailure(e: unknown, url: URL, proxy: Proxy | undefined): Attempt {
  const code = codeOf(e);
  if (proxy !== undefined) return failure('proxy', `cannot connect to the proxy ${proxy.display} (${code})`, false);
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code)) return failure('offline', `the TLS certificate of ${url.host} is not trusted (${code})`, false);
  return failure('offline', `cannot connect to ${url.host} (${code})`, true);
}

function failure(code: FetchFailureCode, message: string, retry: boolean): Attempt {
  return { kind: 'failure', code, message, retry };
}

/** A `Content-Length` as a number, or undefined when absent or not a plain count. */
function contentLength(header: string | undefined): number | undefined {
  if (header === undefined || !/^\d{1,15}$/.test(header)) return undefined;
  return Number(header);
}

/** A URL for a message: without user name, password or fragment, cut to `limit` characters. */
export function showUrl(url: URL, limit = URL_LIMIT): string {
  const shown = `${url.protocol}//${url.host}${url.pathname}${url.search}`;
  return shown.length > limit ? `${shown.slice(0, limit)}…` : shown;
}

/** `200 ms`, `1.5 s`, `30 s`. */
export function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}
