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
  const made = connectionFor(argv, log);
  withoutErrorDetails(made.connection);
  return made;
}

function connectionFor(argv: readonly string[], log: Log): ServerConnection {
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

/**
 * vscode-jsonrpc logs its failures through the connection's console as `what failed: details`,
 * the details being an error's message (a handler's, which may quote a document) or a whole
 * message it could not handle: only the part before the first colon is logged. The server's own
 * lines go through `console.log`, untouched.
 */
function withoutErrorDetails(connection: Connection): void {
  const error = connection.console.error.bind(connection.console);
  connection.console.error = (message: string) => error(errorWithoutDetails(message));
}

/** `message` up to its first colon, the rest replaced by a note that it was not logged. */
export function errorWithoutDetails(message: string): string {
  const colon = message.indexOf(':');
  return colon < 0 ? message.slice(0, 200) : `${message.slice(0, Math.min(colon, 200))}: (details not logged)`;
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
