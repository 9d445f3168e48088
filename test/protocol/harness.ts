/**
 * A minimal LSP client for protocol tests: spawns the built server (`dist/server.js --stdio`),
 * answers its requests (configuration, registrations), records what it publishes, and offers
 * typed helpers for the requests the tests make.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../../server/src/launch';
import {
  CodeActionRequest,
  CompletionRequest,
  ConfigurationRequest,
  DefinitionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  LogTraceNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  TelemetryEventNotification,
  type ClientCapabilities,
  type Diagnostic,
  type Range,
  type InitializeResult,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { DocumentSchemaNotification, type DocumentSchemaInfo } from '../../server/src/protocol/messages';

/** The repository root (tests run from `out/test/protocol/`). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** The bundled server the tests drive. */
export const SERVER_BUNDLE = path.join(REPO_ROOT, 'dist', 'server.js');

/** Client capabilities of a capable editor (pull configuration, dynamic registration, relative watchers). */
export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: { versionSupport: true, relatedInformation: false },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
  },
};

/** `file:` URI of a path. */
export function uriOf(filePath: string): string {
  return URI.file(filePath).toString();
}

/** Options of {@link LspClient.start}. */
export interface StartOptions {
  workspaceFolders?: string[];
  /** The `openedxConfig` section the client answers `workspace/configuration` with. */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  /** Passed as `initializationOptions`. */
  initializationOptions?: unknown;
  /** Environment added to the server's (after the launch environment of server/src/launch.ts). */
  env?: Record<string, string>;
}

/** A running server and the client side of its connection. */
export class LspClient {
  /** The `openedxConfig` section; change it, then call {@link changeConfiguration}. */
  settings: Record<string, unknown>;
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  readonly schemaInfos: DocumentSchemaInfo[] = [];
  /** Everything the server logs: stderr, `window/logMessage`, `window/showMessage` and `$/logTrace`. */
  readonly logs: string[] = [];
  /** `telemetry/event` payloads. */
  readonly telemetry: unknown[] = [];
  readonly registrations: unknown[] = [];
  readonly configurationRequests: unknown[] = [];
  initializeResult: InitializeResult | undefined;
  private readonly waiters = new Set<() => void>();
  private versions = new Map<string, number>();

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  /** Spawns the server and runs `initialize` / `initialized`. */
  static async start(options: StartOptions = {}): Promise<LspClient> {
    if (!fs.existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run \`node esbuild.mjs\` first`);
    // Started as the VS Code client starts it (flags and environment of server/src/launch.ts).
    const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...SERVER_ENV, ...options.env } });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection, options.settings ?? {});
    child.stderr!.on('data', (chunk: Buffer) => client.logs.push(`[stderr] ${chunk.toString()}`));
    connection.onRequest(ConfigurationRequest.type, (params) => {
      client.configurationRequests.push(params);
      setImmediate(() => client.notify());
      return params.items.map((item) => (item.section === 'openedxConfig' ? client.settings : null));
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      client.registrations.push(...params.registrations);
      setImmediate(() => client.notify());
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = client.published.get(params.uri) ?? [];
      list.push(params);
      client.published.set(params.uri, list);
      client.notify();
    });
    connection.onNotification(DocumentSchemaNotification, (info) => {
      client.schemaInfos.push(info);
      client.notify();
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      client.logs.push(params.message);
      client.notify();
    });
    connection.onNotification(ShowMessageNotification.type, (params) => {
      client.logs.push(`[showMessage] ${params.message}`);
    });
    connection.onNotification(LogTraceNotification.type, (params) => {
      client.logs.push(`[logTrace] ${params.message} ${params.verbose ?? ''}`);
    });
    connection.onNotification(TelemetryEventNotification.type, (params: unknown) => {
      client.telemetry.push(params);
    });
    connection.listen();
    const folders = options.workspaceFolders ?? [];
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders.length > 0 ? uriOf(folders[0]) : null,
      workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      capabilities: options.capabilities ?? FULL_CAPABILITIES,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves when `check` returns a value (re-checked on every message from the server). */
  waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 20_000): Promise<T> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const waiter = (): void => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${what}; logs:\n${this.logs.join('\n')}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** The diagnostics published for `uri` for document version `version` (the latest such publication). */
  diagnosticsFor(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics of ${uri} v${version}`, () => {
      const list = this.published.get(uri) ?? [];
      return [...list].reverse().find((p) => p.version === version);
    });
  }

  /** The next publication for `uri` after `count` publications. */
  nextPublication(uri: string, count: number): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`publication #${count + 1} for ${uri}`, () => this.published.get(uri)?.[count]);
  }

  /** How many publications `uri` has had. */
  publicationCount(uri: string): number {
    return this.published.get(uri)?.length ?? 0;
  }

  /** didOpen. */
  async open(filePath: string, text: string, languageId = 'yaml'): Promise<string> {
    const uri = uriOf(filePath);
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** didChange; resolves to the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** didClose. */
  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** didChangeConfiguration (the server pulls the new section). */
  async changeConfiguration(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { openedxConfig: settings } });
  }

  /** didChangeWatchedFiles with one change (1 created, 2 changed, 3 deleted). */
  async fileChanged(filePath: string, type: 1 | 2 | 3 = 2): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(filePath), type }] });
  }

  completion(uri: string, line: number, character: number) {
    return this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  hover(uri: string, line: number, character: number) {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  definition(uri: string, line: number, character: number) {
    return this.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line, character } });
  }

  documentSymbols(uri: string) {
    return this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]) {
    return this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } });
  }

  /** shutdown + exit; kills the process if it lingers. Resolves to its exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), sleep(3000)]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // the process may already be gone
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    const code = await exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
