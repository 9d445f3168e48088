/**
 * A CONNECT tunnel through an HTTP proxy, for https downloads: the proxy relays bytes and never
 * sees the request, so TLS (and its certificate check) runs end to end with the real host.
 */
import * as http from 'node:http';
import type * as net from 'node:net';
import { failWith, ok, type Result } from '../common/result';
import type { Proxy } from './proxy';

/**
 * Asks `proxy` for a tunnel to `target` (`host:port`) and resolves with the raw socket. `track`
 * gets the CONNECT request at once, so that a caller's timeout or cancellation can destroy it.
 * Never rejects; a failure names the proxy by `host:port` only.
 */
export function openTunnel(proxy: Proxy, target: string, track: (request: http.ClientRequest) => void): Promise<Result<net.Socket, 'proxy'>> {
  return new Promise((resolve) => {
    const headers: http.OutgoingHttpHeaders = { host: target };
    if (proxy.authorization !== undefined) headers['proxy-authorization'] = proxy.authorization;
    let request: http.ClientRequest;
    try {
      request = http.request({ host: proxy.host, port: proxy.port, method: 'CONNECT', path: target, headers, agent: false });
    } catch (e) {
      resolve(failWith(`cannot ask the proxy ${proxy.display} for a tunnel (${codeOf(e)})`, 'proxy'));
      return;
    }
    track(request);
    // Node answers every reply to a CONNECT with this event, whatever its status.
    request.once('connect', (response, socket, head) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        resolve(failWith(`the proxy ${proxy.display} refused a tunnel to ${target} (HTTP ${response.statusCode ?? 0})`, 'proxy'));
        return;
      }
      // Bytes the proxy sent past its answer already belong to the tunnel.
      if (head.length > 0) socket.unshift(head);
      resolve(ok(socket));
    });
    request.once('error', (e) => resolve(failWith(`cannot connect to the proxy ${proxy.display} (${codeOf(e)})`, 'proxy')));
    request.once('close', () => resolve(failWith(`the proxy ${proxy.display} closed the connection before answering`, 'proxy')));
    request.end();
  });
}

/** An error's code for a message (`ECONNREFUSED`); its text is not used, it may quote anything. */
export function codeOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,60}$/.test(code) ? code : 'an error without a code';
}
