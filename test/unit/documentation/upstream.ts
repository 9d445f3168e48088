/**
 * A stand-in for upstream on 127.0.0.1: an HTTP (or HTTPS) server with one handler per path that
 * records every request it gets, so tests assert what was asked and how often. Nothing leaves the
 * machine.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** What a route does with a request. */
export type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

/** A running stand-in server. */
export interface Upstream {
  /** `http://127.0.0.1:PORT` (or https). */
  base: string;
  port: number;
  server: http.Server;
  /** Every request's target as received (`/path`, or `http://host/path` through a proxy), in order. */
  requests: string[];
  /** Every request's headers, in order. */
  headers: http.IncomingHttpHeaders[];
  /** How many requests asked for `target`. */
  count(target: string): number;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1, port 0: the handler of each request's path, or a 404. */
export async function serve(routes: Readonly<Record<string, Handler>>, tlsOptions?: https.ServerOptions): Promise<Upstream> {
  const requests: string[] = [];
  const headers: http.IncomingHttpHeaders[] = [];
  const listener = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    requests.push(request.url ?? '');
    headers.push(request.headers);
    const route = routes[new URL(request.url ?? '/', 'http://x').pathname];
    if (route !== undefined) route(request, response);
    else response.writeHead(404).end('not here');
  };
  const server = tlsOptions === undefined ? http.createServer(listener) : https.createServer(tlsOptions, listener);
  return started(server, tlsOptions === undefined ? 'http' : 'https', requests, headers);
}

/** A server already made (a proxy's, with its own handlers), listening and recorded like {@link serve}'s. */
export async function started(server: http.Server, scheme: 'http' | 'https', requests: string[] = [], headers: http.IncomingHttpHeaders[] = []): Promise<Upstream> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `${scheme}://127.0.0.1:${port}`,
    port,
    server,
    requests,
    headers,
    count: (target) => requests.filter((r) => r === target).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: one just opened and closed. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A 200 with a body and its Content-Length. */
export function body(text: string | Buffer): Handler {
  return (_request, response) => {
    response.writeHead(200, { 'content-length': Buffer.byteLength(text) }).end(text);
  };
}

/** A redirect to `location`. */
export function redirect(location: string, status = 302): Handler {
  return (_request, response) => {
    response.writeHead(status, { location }).end();
  };
}

/** A handler that answers nothing, ever (until the connection is closed). */
export const silent: Handler = () => undefined;

/**
 * A 200 whose body is `total` bytes in 64 KiB writes, each waiting for the last to drain, so the
 * count of bytes written stops where the client stopped reading. `written` gets the count when
 * the connection closes.
 */
export function huge(total: number, withLength: boolean, written: (bytes: number) => void): Handler {
  return (_request, response) => {
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    response.on('close', () => written(sent));
    response.writeHead(200, withLength ? { 'content-length': total } : {});
    const pump = (): void => {
      while (sent < total && !response.destroyed) {
        sent += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      if (!response.destroyed) response.end();
    };
    pump();
  };
}

/** SHA-256 in hex. */
export function sha256(bytes: string | Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A fresh temporary folder, removed by the returned function. */
export function temporaryFolder(prefix: string): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A self-signed certificate for 127.0.0.1 (as its own authority), made with openssl in `dir`. */
export function selfSignedCertificate(dir: string): { key: string; cert: string } {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert, '-days', '1'], { stdio: 'ignore' });
  return { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
}
