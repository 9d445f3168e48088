/**
 * The server's message readers: stdio through {@link FrameDecoder} (broken framing is skipped, not
 * fatal), and any transport's messages checked for the JSON-RPC shape before vscode-jsonrpc sees
 * them, because vscode-jsonrpc logs a message of the wrong shape whole (with whatever secrets its
 * parameters hold). What is dropped is logged by size and reason only, never by content.
 */
import { AbstractMessageReader, type DataCallback, type Disposable, type Message, type MessageReader } from 'vscode-languageserver/node';
import { FrameDecoder } from './framing';
import type { Log } from './safe';

/** Why `value` is no JSON-RPC message the connection can handle, or undefined when it is one. */
export function messageProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
  const m = value as Record<string, unknown>;
  const id = m.id;
  const validId = typeof id === 'string' || typeof id === 'number';
  if (typeof m.method === 'string') return id === undefined || validId ? undefined : 'a request whose id is neither a number nor a string';
  if (m.result === undefined && m.error === undefined) return 'neither a request, a notification nor a response';
  // The server never sends a request without an id: an answer to none is noise (logged whole by vscode-jsonrpc).
  return validId ? undefined : 'a response without an id';
}

/** Reads LSP messages from a byte stream (stdin), recovering from broken framing. */
export class FramedMessageReader extends AbstractMessageReader implements MessageReader {
  private readonly decoder = new FrameDecoder();

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly log: Log,
  ) {
    super();
  }

  /** Starts reading; `callback` gets each well-formed message, in order. */
  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer | string): void => this.onData(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk, callback);
    const onError = (error: Error): void => this.fireError(error);
    const onClose = (): void => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('end', onClose);
    this.input.on('close', onClose);
    return {
      dispose: () => {
        this.input.off('data', onData);
        this.input.off('error', onError);
        this.input.off('end', onClose);
        this.input.off('close', onClose);
      },
    };
  }

  private onData(chunk: Buffer, callback: DataCallback): void {
    let skipped = 0;
    const reasons = new Set<string>();
    for (const event of this.decoder.push(chunk)) {
      if (event.kind === 'skipped') {
        skipped += event.bytes;
        reasons.add(event.reason);
        continue;
      }
      const message = decode(event.body);
      if (typeof message === 'string') this.log(`dropped a message of ${event.body.length} bytes: ${message}`);
      else callback(message);
    }
    if (skipped > 0) this.log(`skipped ${skipped} bytes of input with broken framing (${[...reasons].join('; ')}); reading on from the next Content-Length header`);
  }
}

/** Filters another reader's messages (Node IPC delivers them parsed) through {@link messageProblem}. */
export class CheckedMessageReader extends AbstractMessageReader implements MessageReader {
  constructor(
    private readonly inner: MessageReader,
    private readonly log: Log,
  ) {
    super();
    inner.onError((e) => this.fireError(e));
    inner.onClose(() => this.fireClose());
    inner.onPartialMessage((info) => this.firePartialMessage(info));
  }

  /** Starts reading; `callback` gets each message of the JSON-RPC shape. */
  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message) => {
      const problem = messageProblem(message);
      if (problem === undefined) callback(message);
      else this.log(`dropped a message: ${problem}`);
    });
  }
}

/** The message in a body, or why there is none (JSON.parse's own text quotes the input: not used). */
function decode(body: Buffer): Message | string {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8').decode(body));
  } catch {
    return 'not JSON';
  }
  return messageProblem(value) ?? (value as Message);
}
