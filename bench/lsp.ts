/**
 * The benchmark's LSP client: the tests' client (test/helpers/lspClient.ts: a language server
 * process, ours or yaml-language-server, over stdio exactly as an editor talks to it, its
 * requests answered) plus what the benchmark needs: every publication of diagnostics with its
 * arrival time, bounded requests, and the process's memory from `/proc/<pid>/status`. Every
 * wait is bounded.
 */
import * as fs from 'node:fs';
import {
  CompletionRequest,
  HoverRequest,
  PublishDiagnosticsNotification,
  type ClientCapabilities,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
} from 'vscode-languageserver-protocol';
import { LspTestClient, within } from '../test/helpers/lspClient';

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

/** Default bound on any single wait of the benchmark. */
export const WAIT_MS = 60_000;

/** A running server and the client side of its connection. */
export class BenchClient extends LspTestClient {
  /** Publications per document URI, in arrival order (the last {@link ServerSpec.keepPublications} of them). */
  readonly published = new Map<string, Publication[]>();
  /** Publications dropped from the front of each list in {@link published}. */
  private readonly dropped = new Map<string, number>();

  private constructor(readonly spec: ServerSpec) {
    super({
      name: spec.name,
      argv: [...(spec.nodeFlags ?? []), spec.script, ...spec.args],
      env: { ...process.env, ...spec.env },
      ...(spec.cwd !== undefined ? { cwd: spec.cwd } : {}),
      waitMs: WAIT_MS,
      stopGraceMs: 5000,
      // Log lines serve error messages only (never printed otherwise): a bounded few.
      maxLogs: 200,
      quotedLogs: 20,
      unopenedVersion: 0,
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.published.get(params.uri) ?? [];
      list.push({ version: params.version, diagnostics: params.diagnostics, at: performance.now() });
      this.published.set(params.uri, list);
      const keep = spec.keepPublications;
      if (keep !== undefined && list.length > keep) {
        const drop = list.length - keep;
        list.splice(0, drop);
        this.dropped.set(params.uri, (this.dropped.get(params.uri) ?? 0) + drop);
      }
      this.notify();
    });
    // Other notifications (our status-bar info, yaml-language-server's schema events) are ignored.
    this.connection.listen();
  }

  /** Spawns the server and starts listening (no `initialize` yet: see {@link initialize}). */
  static spawn(spec: ServerSpec): BenchClient {
    return new BenchClient(spec);
  }

  protected override configurationSection(section: string | undefined): unknown {
    return section !== undefined && Object.hasOwn(this.spec.sections, section) ? this.spec.sections[section] : null;
  }

  /** `workspace/configuration` requests answered so far. */
  get configurationPulls(): number {
    return this.configurationRequests.length;
  }

  /** The server's process id. */
  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.spec.name}: no process id`);
    return this.child.pid;
  }

  /** `initialize` then `initialized`; resolves to the time `initialize` took at the client. */
  initialize(rootUri: string | null, workspaceFolders: string[]): Promise<number> {
    return this.handshake(
      {
        processId: process.pid,
        clientInfo: { name: 'openedx-config bench' },
        rootUri,
        workspaceFolders: workspaceFolders.map((uri, i) => ({ uri, name: `folder${i}` })),
        capabilities: EDITOR_CAPABILITIES,
        initializationOptions: {},
      },
      WAIT_MS,
    );
  }

  /** Tells the server its settings changed (it pulls them with `workspace/configuration`). */
  settingsChanged(): Promise<void> {
    return this.didChangeConfiguration(null);
  }

  /** How many publications a document has had (dropped ones included). */
  publicationCount(uri: string): number {
    return (this.dropped.get(uri) ?? 0) + (this.published.get(uri)?.length ?? 0);
  }

  /** The first publication for `uri` after the first `after` ones that satisfies `accept` (among those kept). */
  publication(uri: string, after: number, accept: (p: Publication) => boolean, timeoutMs = WAIT_MS): Promise<Publication> {
    return this.waitFor(`diagnostics of ${uri}`, () => (this.published.get(uri) ?? []).slice(Math.max(0, after - (this.dropped.get(uri) ?? 0))).find(accept), timeoutMs);
  }

  /** didOpen (version 1). */
  open(uri: string, text: string, languageId = 'yaml'): Promise<void> {
    return this.didOpen(uri, text, languageId);
  }

  /** didChangeWatchedFiles: one file changed on disk. */
  fileChanged(uri: string): Promise<void> {
    return this.didChangeWatchedFile(uri, 2);
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
}

/** The text of a hover, whatever shape its contents take. */
export function hoverText(hover: Hover): string {
  const parts = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
  return parts.map((p) => (typeof p === 'string' ? p : p.value)).join('\n');
}
