/**
 * `openedx-config lsp`: the extension's language server for any editor. The server bundle
 * (`server.js`, next to the CLI bundle) runs in a child process started exactly as the VS Code
 * client starts it (the V8 flags and environment of `launch.ts`): the CLI process itself was
 * started without them, and V8's pool size cannot change once a process runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../launch';
import { UsageError } from './args';
import type { CliIO } from './extractCommand';

export const LSP_USAGE = `usage: openedx-config lsp --stdio | --socket=PORT | --node-ipc | --pipe=NAME [--clientProcessId=PID]
  Run the language server (the same as the VS Code extension's) for another editor; see
  docs/editors.md. With --stdio, standard output carries only protocol messages.`;

/** The transports of vscode-languageserver, as the server reads them from its arguments. */
const TRANSPORT = /^(--stdio|--node-ipc|--socket=\d+|--pipe=.+)$/;
const CLIENT_PID = /^--clientProcessId=\d+$/;

/** The server's arguments for the CLI's: exactly one transport, optionally the client's process id. */
export function serverArguments(args: readonly string[]): string[] {
  const transports = args.filter((a) => TRANSPORT.test(a));
  const unknown = args.filter((a) => !TRANSPORT.test(a) && !CLIENT_PID.test(a));
  if (unknown.length > 0) throw new UsageError(`unknown argument "${unknown[0]}"`);
  if (transports.length !== 1) throw new UsageError(transports.length === 0 ? 'name a transport: --stdio, --socket=PORT, --node-ipc or --pipe=NAME' : 'name only one transport');
  return [...args];
}

/**
 * Runs the server until it exits; resolves to its exit code. `serverBundle` defaults to
 * `server.js` beside the running CLI bundle (`dist/`).
 */
export async function runLsp(args: readonly string[], io: CliIO, serverBundle = path.join(__dirname, 'server.js')): Promise<number> {
  const serverArgs = serverArguments(args);
  if (!fs.existsSync(serverBundle)) {
    io.stderr(`openedx-config: the server bundle ${serverBundle} is missing; run \`npm run build\` first\n`);
    return 2;
  }
  const ipc = serverArgs.includes('--node-ipc');
  if (ipc && typeof process.send !== 'function') throw new UsageError('--node-ipc needs a parent process that opened an IPC channel');
  // Inherited descriptors: the server reads and writes the editor's pipes itself, so nothing of
  // the CLI's can get between the protocol messages.
  const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, serverBundle, ...serverArgs], {
    stdio: ipc ? ['inherit', 'inherit', 'inherit', 'ipc'] : 'inherit',
    env: { ...process.env, ...SERVER_ENV },
  });
  if (ipc) relayIpc(child);
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, forward);
  return new Promise<number>((resolve) => {
    child.once('error', (e) => {
      io.stderr(`openedx-config: could not start the language server: ${e.message}\n`);
      resolve(2);
    });
    child.once('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? (signal !== null ? 128 + signalNumber(signal) : 1));
    });
  });
}

/** Passes messages between the editor's IPC channel and the server's, both ways; ends with either. */
function relayIpc(child: ChildProcess): void {
  const toChild = (message: unknown): void => void child.send(message as object);
  process.on('message', toChild);
  child.on('message', (message) => process.send?.(message));
  process.once('disconnect', () => child.connected && child.disconnect());
  child.once('exit', () => {
    process.off('message', toChild);
    if (process.connected) process.disconnect();
  });
}

/** The number of a signal that ended the server, for the conventional exit code 128 + n. */
function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 } as Partial<Record<NodeJS.Signals, number>>)[signal] ?? 0;
}
