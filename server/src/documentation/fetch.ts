/**
 * Downloads one URL into memory with every bound a download from the network needs: size, time
 * per attempt, redirects (counted, loops caught, no https → http downgrade), retries with
 * back-off for what may pass (the network, a timeout, a 5xx, a cut-short body), cancellation and
 * an optional explicit proxy. Used by the CLI directly and by the VS Code client, whose extension
 * host adds the user's proxy to node's own requests.
 */
import { failWith, ok, type Result } from '../common/result';
import { parseProxy, type Proxy } from './proxy';
import { getOnce, showUrl, type AttemptSettings, type FetchFailureCode } from './request';

export type { FetchFailureCode } from './request';
export { proxyFromEnv } from './proxy';

/** The bounds of {@link fetchBytes}. */
export interface FetchOptions {
  signal?: AbortSignal;
  /** Per attempt, whole response (default 30 s). */
  timeoutMs?: number;
  maxBytes: number;
  /** Retries after offline/timeout/5xx/truncated, with exponential back-off from `backoffMs` (default 2 retries, 500 ms then 1 s). */
  retries?: number;
  backoffMs?: number;
  /** Explicit proxy `http://[user:pass@]host:port`: https through it by a CONNECT tunnel, http by absolute-form requests. */
  proxy?: string;
  /** Default true; false only when the user set http.proxyStrictSSL=false. */
  strictSSL?: boolean;
  /** Max redirects followed (default 5). */
  maxRedirects?: number;
  /** PEM certificates trusted besides Node's own (a company's TLS-inspecting proxy; tests' own certificate authority). */
  ca?: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRIES = 2;
const DEFAULT_BACKOFF_MS = 500;
const DEFAULT_MAX_REDIRECTS = 5;

type Failed = { kind: 'failure'; code: FetchFailureCode; message: string; retry: boolean };

/**
 * GETs a URL (http: or https: only) into memory with all the bounds of {@link FetchOptions}.
 * Never throws; a failure's message says what happened in one line, names URLs without
 * credentials and a proxy as `host:port` only.
 */
export async function fetchBytes(url: string, options: FetchOptions): Promise<Result<Buffer, FetchFailureCode>> {
  const start = checkUrl(url);
  if (!start.ok) return start;
  let proxy: Proxy | undefined;
  if (options.proxy !== undefined) {
    const parsed = parseProxy(options.proxy);
    if (!parsed.ok) return parsed;
    proxy = parsed.value;
  }
  const settings: AttemptSettings = {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes: options.maxBytes,
    strictSSL: options.strictSSL ?? true,
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(proxy !== undefined ? { proxy } : {}),
    ...(options.ca !== undefined ? { ca: options.ca } : {}),
  };
  const retries = options.retries ?? DEFAULT_RETRIES;
  const backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  for (let attempt = 0; ; attempt++) {
    const result = await followRedirects(start.value, settings, options.maxRedirects ?? DEFAULT_MAX_REDIRECTS);
    if (result.kind === 'body') return ok(result.bytes);
    if (!result.retry || attempt >= retries) {
      return failWith(attempt > 0 ? `${result.message} (gave up after ${attempt + 1} attempts)` : result.message, result.code);
    }
    if (!(await sleep(backoffMs * 2 ** attempt, options.signal))) return failWith('the download was cancelled', 'cancelled');
  }
}

/** Follows redirects from `url`, each one checked; a URL seen before in the chain is a loop. */
async function followRedirects(url: URL, settings: AttemptSettings, maxRedirects: number): Promise<{ kind: 'body'; bytes: Buffer } | Failed> {
  const chain = [url];
  for (;;) {
    const current = chain[chain.length - 1];
    const attempt = await getOnce(current, settings);
    if (attempt.kind !== 'redirect') return attempt;
    let next: URL;
    try {
      next = new URL(attempt.location, current);
    } catch {
      return refused('bad-url', `${showUrl(current)} redirects to something that is not a URL`);
    }
    next.hash = '';
    if (next.protocol !== 'http:' && next.protocol !== 'https:') return refused('bad-url', `${showUrl(current)} redirects to a ${next.protocol} URL; only http: and https: are fetched`);
    if (current.protocol === 'https:' && next.protocol === 'http:') return refused('bad-url', `${showUrl(current)} redirects from https to http (${showUrl(next)}); refused`);
    if (chain.some((seen) => seen.href === next.href)) return refused('redirect-loop', `a redirect loop: ${chain.concat(next).map((u) => showUrl(u)).join(' → ')}`);
    if (chain.length > maxRedirects) return refused('redirect-loop', `more than ${maxRedirects} redirects from ${showUrl(url)}`);
    chain.push(next);
  }
}

/** The URL to start from, or why it is not fetched. */
function checkUrl(url: string): Result<URL, 'bad-url'> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return failWith(`not a URL: ${JSON.stringify(url.length > 200 ? `${url.slice(0, 200)}…` : url)}`, 'bad-url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return failWith(`only http: and https: URLs are fetched, not ${parsed.protocol} (${showUrl(parsed)})`, 'bad-url');
  parsed.hash = '';
  return ok(parsed);
}

function refused(code: FetchFailureCode, message: string): Failed {
  return { kind: 'failure', code, message, retry: false };
}

/** Waits `ms`; false when `signal` aborts first (at once if it already has). */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted === true) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (waited: boolean): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      resolve(waited);
    };
    const abort = (): void => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}
