/**
 * Which proxy a download goes through, and how it is named in messages. A proxy URL may carry a
 * user name and password: they become a `Proxy-Authorization` header and nothing else, and every
 * message shows the proxy as `host:port`.
 */
import { failWith, ok, type Result } from '../common/result';

/** A parsed proxy: where to connect, the header that authenticates (if any), and its name for messages. */
export interface Proxy {
  host: string;
  port: number;
  /** `Basic …`, from the URL's user name and password. */
  authorization?: string;
  /** `host:port`: the one way a proxy appears in a message. */
  display: string;
}

/**
 * Parses `http://[user:pass@]host[:port]` (port 80 when absent). A failure's message never quotes
 * the setting: it may hold a password.
 */
export function parseProxy(proxy: string): Result<Proxy, 'proxy'> {
  let url: URL;
  try {
    url = new URL(proxy);
  } catch {
    return failWith('the proxy setting is not a URL (expected http://host:port)', 'proxy');
  }
  if (url.protocol !== 'http:') return failWith(`the proxy must be an http:// URL, not ${url.protocol}// (the proxy ${url.host})`, 'proxy');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port === '' ? 80 : Number(url.port);
  const display = `${url.hostname}:${port}`;
  if (url.username === '' && url.password === '') return ok({ host, port, display });
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return ok({ host, port, display, authorization: `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}` });
}

/**
 * The proxy from the environment for a URL: `https_proxy`/`HTTPS_PROXY` for https,
 * `http_proxy`/`HTTP_PROXY` for http (the lowercase name first, as curl and Python do; an empty
 * value counts as unset), unless `no_proxy`/`NO_PROXY` exempts the host. `NO_PROXY` is a list
 * separated by commas or spaces of `*` (every host), host names (the host or any host under it;
 * a leading `.` or `*.` means the same) and IP addresses, each optionally with `:port`.
 */
export function proxyFromEnv(url: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const names = parsed.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : parsed.protocol === 'http:' ? ['http_proxy', 'HTTP_PROXY'] : [];
  const proxy = firstSet(env, names);
  if (proxy === undefined) return undefined;
  const port = parsed.port === '' ? (parsed.protocol === 'https:' ? 443 : 80) : Number(parsed.port);
  const exempt = firstSet(env, ['no_proxy', 'NO_PROXY']);
  return exempt !== undefined && isExempt(parsed.hostname, port, exempt) ? undefined : proxy;
}

function firstSet(env: NodeJS.ProcessEnv, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/** Whether a `NO_PROXY` list exempts a host (URL-style: IPv6 in brackets) and port. */
function isExempt(hostname: string, port: number, list: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  for (const raw of list.split(/[\s,]+/)) {
    let entry = raw.toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    // `host:port`, `[v6]:port`; a bare IPv6 address has colons too but no brackets.
    const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
    if (withPort !== null) {
      if (Number(withPort[2]) !== port) continue;
      entry = withPort[1];
    }
    entry = entry.replace(/^\[(.*)\]$/, '$1').replace(/^\*?\./, '').replace(/\.$/, '');
    if (entry !== '' && (host === entry || host.endsWith(`.${entry}`))) return true;
  }
  return false;
}
