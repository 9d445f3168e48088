/**
 * The one LSP client of the protocol tests and the benchmark: spawns a language server process,
 * talks JSON-RPC to it over stdio with vscode-languageserver-protocol's node connection (the
 * framing an editor uses), answers the requests a server sends a client, keeps its log, and waits
 * on what it says with bounded waits. `test/protocol/harness.ts` and `bench/lsp.ts` extend it with
 * what each records of diagnostics and the requests each makes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  LogTraceNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  type ConfigurationParams,
  type InitializeParams,
  type InitializeResult,
  type Registration,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects after `ms` milliseconds with a message naming `what`, unless `promise` settles first. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** How to start a server process, and how the client around it behaves. */
export interface LaunchOptions {
  /** Short name for messages. */
  name: string;
  /** Node flags, then the script, then its arguments (run with this process's node). */
  argv: readonly string[];
  /** The whole environment of the server process. */
  env: NodeJS.ProcessEnv;
  /** Working directory of the server process. */
  cwd?: string;
  /** Bound of {@link LspTestClient.waitFor} when the caller gives none. */
  waitMs: number;
  /** How long `shutdown` may take, and then the process to exit, before it is killed. */
  stopGraceMs: number;
  /** Log lines kept (a long benchmark must not keep them all); default: all. */
  maxLogs?: number;
  /** The last log lines quoted in a failed wait's message; default: all kept. */
  quotedLogs?: number;
  /** The version {@link LspTestClient.change} counts from for a document it did not open. */
  unopenedVersion: number;
}

/** A running server and the client side of its connection. */
export abstract class LspTestClient {
  /** The server's stderr (`[stderr] …`), `window/logMessage`, `window/showMessage` and `$/logTrace`, in arrival order. */
  readonly logs: string[] = [];
  /** Dynamic registrations the server asked for. */
  readonly registrations: Registration[] = [];
  /** `workspace/configuration` requests, in order. */
  readonly configurationRequests: ConfigurationParams[] = [];
  initializeResult: InitializeResult | undefined;
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  /** Each open document's version as this client numbers it. */
  private readonly versions = new Map<string, number>();
  private readonly waiters = new Set<() => void>();
  private exited = false;

  /**
   * Spawns the server and answers its requests. A subclass adds its own handlers, then calls
   * `connection.listen()`: nothing arrives before that, so no message finds a handler missing.
   */
  protected constructor(readonly launch: LaunchOptions) {
    const child = spawn(process.execPath, [...launch.argv], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: launch.env,
      ...(launch.cwd !== undefined ? { cwd: launch.cwd } : {}),
    });
    if (child.stdout === null || child.stdin === null || child.stderr === null) throw new Error(`${launch.name}: no stdio pipes`);
    this.child = child;
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    child.on('exit', () => {
      this.exited = true;
      this.notify();
    });
    child.stderr.on('data', (chunk: Buffer) => this.log(`[stderr] ${chunk.toString()}`));
    const connection = this.connection;
    connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests.push(params);
      setImmediate(() => this.notify());
      return params.items.map((item) => this.configurationSection(item.section));
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      setImmediate(() => this.notify());
    });
    connection.onRequest(UnregistrationRequest.type, () => undefined);
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.log(params.message);
      this.notify();
    });
    connection.onNotification(ShowMessageNotification.type, (params) => this.log(`[showMessage] ${params.message}`));
    connection.onNotification(LogTraceNotification.type, (params) => this.log(`[logTrace] ${params.message} ${params.verbose ?? ''}`));
    // Other requests get the JSON-RPC "method not found" answer; other notifications are
    // ignored unless a subclass handles them.
  }

  /** The answer to `workspace/configuration` for one section. */
  protected abstract configurationSection(section: string | undefined): unknown;

  /** Keeps a log line (up to {@link LaunchOptions.maxLogs}). */
  protected log(line: string): void {
    if (this.logs.length < (this.launch.maxLogs ?? Infinity)) this.logs.push(line);
  }

  /** Re-runs every pending {@link waitFor} check: call it when something the checks read changed. */
  protected notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** `initialize` with `params`, then `initialized`; resolves to the time `initialize` took at the client. Bounded by `timeoutMs` when given. */
  protected async handshake(params: InitializeParams, timeoutMs?: number): Promise<number> {
    const started = performance.now();
    const request = this.connection.sendRequest(InitializeRequest.type, params);
    this.initializeResult = await (timeoutMs === undefined ? request : within(request, timeoutMs, `${this.launch.name}: initialize`));
    const millis = performance.now() - started;
    await this.connection.sendNotification(InitializedNotification.type, {});
    return millis;
  }

  /**
   * Resolves when `check` returns a value; re-checked on every message from the server. Rejects
   * when `check` throws, when the server exits first, or after `timeoutMs`, quoting the log.
   */
  waitFor<T>(what: string, check: () => T | undefined, timeoutMs = this.launch.waitMs): Promise<T> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const waiter = (): void => {
        let value: T | undefined;
        try {
          value = check();
        } catch (e) {
          finish();
          reject(e instanceof Error ? e : new Error(String(e)));
          return;
        }
        if (value !== undefined) {
          finish();
          resolve(value);
        } else if (this.exited) {
          finish();
          reject(new Error(`${this.launch.name} exited while waiting for ${what}; log:\n${this.quotedLog()}`));
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`${this.launch.name}: timed out after ${timeoutMs} ms waiting for ${what}; log:\n${this.quotedLog()}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
      if (this.exited) waiter();
    });
  }

  private quotedLog(): string {
    const quoted = this.launch.quotedLogs;
    return (quoted === undefined ? this.logs : this.logs.slice(-quoted)).join('\n');
  }

  /** The document's current version (as this client numbers it). */
  version(uri: string): number {
    return this.versions.get(uri) ?? this.launch.unopenedVersion;
  }

  /** didOpen (version 1). */
  async didOpen(uri: string, text: string, languageId: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** didChange with incremental changes; resolves to the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = this.version(uri) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** didClose. */
  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** didChangeConfiguration with `settings` (servers that pull configuration ignore them and ask). */
  async didChangeConfiguration(settings: unknown): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** didChangeWatchedFiles with one change (1 created, 2 changed, 3 deleted). */
  async didChangeWatchedFile(uri: string, type: 1 | 2 | 3): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type }] });
  }

  /**
   * shutdown + exit; kills the process if it lingers. Resolves to its exit code (null when it was
   * killed). `exit` is sent also when `shutdown` got no answer in time: a slow server then still
   * exits by itself.
   */
  async stop(): Promise<number | null> {
    const grace = this.launch.stopGraceMs;
    const exited = new Promise<number | null>((resolve) => {
      if (this.exited) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), sleep(grace)]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // Gone already: nothing to send to.
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), grace);
    const code = await exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }
}
