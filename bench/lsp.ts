/**
 * The benchmark's LSP client: spawns a language server process (ours or yaml-language-server),
 * talks JSON-RPC to it over stdio with vscode-languageserver-protocol's node connection exactly
 * as an editor does, answers its requests (configuration pulls, registrations), records every
 * publication of diagnostics with its arrival time, and reads the process's memory from
 * `/proc/<pid>/status`. Every wait is bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import {
  CompletionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';

/** Client capabilities of VS Code, reduced to what the benchmarked features read. */
export const EDITOR_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false, willSave: false },
    completion: {
      completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], labelDetailsSupport: true, deprecatedSupport: true },
      contextSupport: true,
      completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: { versionSupport: true, relatedInformation: false },
  },
};

/** One publication of diagnostics as the client received it. */
export interface Publication {
  /** The document version the server says the diagnostics are for (ours sends it; yaml-language-server does not). */
  version: number | undefined;
  diagnostics: Diagnostic[];
  /** `performance.now()` at arrival. */
  at: number;
}

/** How to start a server. */
export interface ServerSpec {
  /** Short name for messages and tables. */
  name: string;
  /** Script run with this process's node, and its arguments. */
  script: string;
  args: string[];
  /** Answers to `workspace/configuration`, by section (`openedxConfig`, `yaml`, `[yaml]`, …); other sections get `null`. */
  sections: Record<string, unknown>;
  /** Node flags (e.g. `--cpu-prof`). */
  nodeFlags?: readonly string[];
  /** Environment added to this process's. */
  env?: Readonly<Record<string, string>>;
  /** Publications kept per document (older ones are dropped but still counted); default: all. */
  keepPublications?: number;
  /** Working directory of the server process. */
  cwd?: string;
}

/** Memory of a process, from `/proc/<pid>/status`, in MB (1 MB = 1,048,576 bytes). */
export interface Memory {
  rssMb: number;
  hwmMb: number;
}

/** Reads VmRSS and VmHWM of a process. */
export function memoryOf(pid: number): Memory {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (m === null) throw new Error(`no ${field} in /proc/${pid}/status`);
    return Number(m[1]);
  };
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

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

/** Default bound on any single wait of the benchmark. */
export const WAIT_MS = 60_000;

/** A running server and the client side of its connection. */
export class BenchClient {
  /** Publications per document URI, in arrival order (the last {@link ServerSpec.keepPublications} of them). */
  readonly published = new Map<string, Publication[]>();
  /** Publications dropped from the front of each list in {@link published}. */
  private readonly dropped = new Map<string, number>();
  /** Log and stderr lines of the server (for error messages only; never printed otherwise). */
  readonly logs: string[] = [];
  /** `workspace/configuration` requests answered so far. */
  configurationPulls = 0;
  initializeResult: InitializeResult | undefined;
  private readonly versions = new Map<string, number>();
  private readonly waiters = new Set<() => void>();
  private exited = false;

  private constructor(
    readonly spec: ServerSpec,
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {}

  /** The server's process id. */
  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.spec.name}: no process id`);
    return this.child.pid;
  }

  /** Spawns the server and starts listening (no `initialize` yet: see {@link initialize}). */
  static spawn(spec: ServerSpec): BenchClient {
    const child = spawn(process.execPath, [...(spec.nodeFlags ?? []), spec.script, ...spec.args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...spec.env },
      ...(spec.cwd !== undefined ? { cwd: spec.cwd } : {}),
    });
    if (child.stdout === null || child.stdin === null || child.stderr === null) throw new Error(`${spec.name}: no stdio pipes`);
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new BenchClient(spec, child, connection);
    child.on('exit', () => {
      client.exited = true;
      client.notify();
    });
    child.stderr.on('data', (chunk: Buffer) => client.log(`[stderr] ${chunk.toString()}`));
    connection.onRequest(ConfigurationRequest.type, (params) => {
      client.configurationPulls++;
      setImmediate(() => client.notify());
      return params.items.map((item) => (item.section !== undefined && Object.hasOwn(spec.sections, item.section) ? spec.sections[item.section] : null));
    });
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(UnregistrationRequest.type, () => undefined);
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = client.published.get(params.uri) ?? [];
      list.push({ version: params.version, diagnostics: params.diagnostics, at: performance.now() });
      client.published.set(params.uri, list);
      const keep = spec.keepPublications;
      if (keep !== undefined && list.length > keep) {
        const drop = list.length - keep;
        list.splice(0, drop);
        client.dropped.set(params.uri, (client.dropped.get(params.uri) ?? 0) + drop);
      }
      client.notify();
    });
    connection.onNotification(LogMessageNotification.type, (params) => client.log(params.message));
    // Other notifications (our status-bar info, yaml-language-server's schema events) are ignored;
    // other requests get the JSON-RPC "method not found" answer.
    connection.listen();
    return client;
  }

  private log(line: string): void {
    if (this.logs.length < 200) this.logs.push(line);
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** `initialize` then `initialized`; resolves to the time `initialize` took at the client. */
  async initialize(rootUri: string | null, workspaceFolders: string[]): Promise<number> {
    const started = performance.now();
    this.initializeResult = await within(
      this.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        clientInfo: { name: 'openedx-config bench' },
        rootUri,
        workspaceFolders: workspaceFolders.map((uri, i) => ({ uri, name: `folder${i}` })),
        capabilities: EDITOR_CAPABILITIES,
        initializationOptions: {},
      }),
      WAIT_MS,
      `${this.spec.name}: initialize`,
    );
    const millis = performance.now() - started;
    await this.connection.sendNotification(InitializedNotification.type, {});
    return millis;
  }

  /** Tells the server its settings changed (it pulls them with `workspace/configuration`). */
  async settingsChanged(): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  /** Resolves when `check` returns a value; re-checked on every message from the server. */
  waitFor<T>(what: string, check: () => T | undefined, timeoutMs = WAIT_MS): Promise<T> {
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
          reject(new Error(`${this.spec.name} exited while waiting for ${what}; log:\n${this.logs.slice(-20).join('\n')}`));
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`${this.spec.name}: timed out after ${timeoutMs} ms waiting for ${what}; log:\n${this.logs.slice(-20).join('\n')}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
      if (this.exited) waiter();
    });
  }

  /** How many publications a document has had (dropped ones included). */
  publicationCount(uri: string): number {
    return (this.dropped.get(uri) ?? 0) + (this.published.get(uri)?.length ?? 0);
  }

  /** The first publication for `uri` after the first `after` ones that satisfies `accept` (among those kept). */
  publication(uri: string, after: number, accept: (p: Publication) => boolean, timeoutMs = WAIT_MS): Promise<Publication> {
    return this.waitFor(`diagnostics of ${uri}`, () => (this.published.get(uri) ?? []).slice(Math.max(0, after - (this.dropped.get(uri) ?? 0))).find(accept), timeoutMs);
  }

  /** The document's current version (as this client numbers it). */
  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  /** didOpen (version 1). */
  async open(uri: string, text: string, languageId = 'yaml'): Promise<void> {
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

  /** didChangeWatchedFiles: one file changed on disk. */
  async fileChanged(uri: string): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: 2 }] });
  }

  /** textDocument/completion; the items of the answer (an empty list for `null`). */
  async completion(uri: string, line: number, character: number): Promise<CompletionItem[]> {
    const result: CompletionList | CompletionItem[] | null = await within(
      this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character }, context: { triggerKind: 1 } }),
      WAIT_MS,
      `${this.spec.name}: completion`,
    );
    return result === null ? [] : Array.isArray(result) ? result : result.items;
  }

  /** textDocument/hover; the hover text (all contents joined), or undefined for no hover. */
  async hover(uri: string, line: number, character: number): Promise<string | undefined> {
    const result: Hover | null = await within(
      this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } }),
      WAIT_MS,
      `${this.spec.name}: hover`,
    );
    return result === null ? undefined : hoverText(result);
  }

  /** Any request, bounded. */
  request<R>(method: string, params: unknown): Promise<R> {
    return within(this.connection.sendRequest<R>(method, params), WAIT_MS, `${this.spec.name}: ${method}`);
  }

  /** Memory of the server process now. */
  memory(): Memory {
    return memoryOf(this.pid);
  }

  /** shutdown + exit; kills the process if it lingers. */
  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.exited) resolve();
      else this.child.once('exit', () => resolve());
    });
    try {
      await within(this.connection.sendRequest(ShutdownRequest.type), 5000, 'shutdown');
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // Gone already, or not answering: killed below.
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

/** The text of a hover, whatever shape its contents take. */
export function hoverText(hover: Hover): string {
  const parts = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
  return parts.map((p) => (typeof p === 'string' ? p : p.value)).join('\n');
}
