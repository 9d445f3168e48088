/**
 * The server's connection over the transport it was started with: `--stdio` reads through
 * {@link FramedMessageReader} (broken framing is skipped, not fatal), `--node-ipc` checks each
 * message's shape; any other transport (`--socket`, `--pipe`) is vscode-languageserver's own.
 */
import { format } from 'node:util';
import {
  createConnection,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageWriter,
  type Connection,
} from 'vscode-languageserver/node';
import { CheckedMessageReader, FramedMessageReader } from './messageReader';
import type { Log } from './safe';

/** A connection and whether the client asked for shutdown before the input ended. */
export interface ServerConnection {
  readonly connection: Connection;
  /** Call on `shutdown`: the exit code when the input ends is then 0, as vscode-languageserver does. */
  shutdownReceived(): void;
}

/** Creates the connection for `argv` (the process's arguments); `log` reports dropped input. */
export function createServerConnection(argv: readonly string[], log: Log): ServerConnection {
  let shutdown = false;
  const shutdownReceived = (): void => void (shutdown = true);
  if (argv.includes('--stdio')) {
    const connection = createConnection(ProposedFeatures.all, new FramedMessageReader(process.stdin, log), new StreamMessageWriter(process.stdout));
    // vscode-languageserver does these two for the stdio it sets up itself, not for a reader it is given.
    const exit = (): never => process.exit(shutdown ? 0 : 1);
    process.stdin.on('end', exit);
    process.stdin.on('close', exit);
    routeConsole(connection);
    return { connection, shutdownReceived };
  }
  if (argv.includes('--node-ipc')) {
    return { connection: createConnection(ProposedFeatures.all, new CheckedMessageReader(new IPCMessageReader(process), log), new IPCMessageWriter(process)), shutdownReceived };
  }
  return { connection: createConnection(ProposedFeatures.all), shutdownReceived };
}

/** Over stdio, a dependency's `console.log` would write into the protocol stream: send it to the client's log. */
function routeConsole(connection: Connection): void {
  const line = (args: unknown[]): string => format(...args);
  console.log = (...args: unknown[]) => connection.console.log(line(args));
  console.info = (...args: unknown[]) => connection.console.info(line(args));
  console.debug = (...args: unknown[]) => connection.console.log(line(args));
  console.warn = (...args: unknown[]) => connection.console.warn(line(args));
  console.error = (...args: unknown[]) => connection.console.error(line(args));
}
