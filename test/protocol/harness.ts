/**
 * The protocol tests' LSP client: the shared test client (test/helpers/lspClient.ts) on the built
 * server (`dist/server.js --stdio`), started as VS Code starts it; records what the server
 * publishes and offers typed helpers for the requests the tests make.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../../server/src/launch';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  PublishDiagnosticsNotification,
  TelemetryEventNotification,
  type ClientCapabilities,
  type Diagnostic,
  type Range,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { DocumentSchemaNotification, type DocumentSchemaInfo, type LibrariesInfo } from '../../server/src/protocol/messages';
import type { IdaSchema } from '../../server/src/schema/format';
import { LspTestClient, sleep } from '../helpers/lspClient';

export { sleep };

/** The repository root (tests run from `out/test/protocol/`). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** The bundled server the tests drive. */
export const SERVER_BUNDLE = path.join(REPO_ROOT, 'dist', 'server.js');

/** What the document info says of the shipped libraries layer (`schemas/libraries.json`), read from the file. */
export function shippedLibrariesInfo(): LibrariesInfo {
  const layer = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'libraries.json'), 'utf8')) as IdaSchema;
  return { source: 'shipped', state: 'ready', packages: layer['x-openedx-schema'].packages?.length ?? 0, keys: Object.keys(layer.properties).length };
}

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
  /** Another copy of the bundled server (an installed extension with its own `schemas/` beside `dist/`). */
  serverBundle?: string;
}

/** A running server and the client side of its connection. */
export class LspClient extends LspTestClient {
  /** The `openedxConfig` section; change it, then call {@link changeConfiguration}. */
  settings: Record<string, unknown>;
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  readonly schemaInfos: DocumentSchemaInfo[] = [];
  /** `telemetry/event` payloads. */
  readonly telemetry: unknown[] = [];

  private constructor(options: StartOptions) {
    // Started as the VS Code client starts it (flags and environment of server/src/launch.ts).
    super({
      name: 'the server',
      argv: [...SERVER_EXEC_ARGV, options.serverBundle ?? SERVER_BUNDLE, '--stdio'],
      env: { ...process.env, ...SERVER_ENV, ...options.env },
      waitMs: 20_000,
      stopGraceMs: 3000,
      unopenedVersion: 1,
    });
    this.settings = options.settings ?? {};
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.published.get(params.uri) ?? [];
      list.push(params);
      this.published.set(params.uri, list);
      this.notify();
    });
    this.connection.onNotification(DocumentSchemaNotification, (info) => {
      this.schemaInfos.push(info);
      this.notify();
    });
    this.connection.onNotification(TelemetryEventNotification.type, (params: unknown) => {
      this.telemetry.push(params);
    });
    this.connection.listen();
  }

  /** Spawns the server and runs `initialize` / `initialized`. */
  static async start(options: StartOptions = {}): Promise<LspClient> {
    if (!fs.existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run \`node esbuild.mjs\` first`);
    const client = new LspClient(options);
    const folders = options.workspaceFolders ?? [];
    await client.handshake({
      processId: process.pid,
      rootUri: folders.length > 0 ? uriOf(folders[0]) : null,
      workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      capabilities: options.capabilities ?? FULL_CAPABILITIES,
      initializationOptions: options.initializationOptions,
    });
    return client;
  }

  protected override configurationSection(section: string | undefined): unknown {
    return section === 'openedxConfig' ? this.settings : null;
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

  /** didOpen; resolves to the document's URI. */
  async open(filePath: string, text: string, languageId = 'yaml'): Promise<string> {
    const uri = uriOf(filePath);
    await this.didOpen(uri, text, languageId);
    return uri;
  }

  /** didChangeConfiguration (the server pulls the new section). */
  async changeConfiguration(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.didChangeConfiguration({ openedxConfig: settings });
  }

  /** didChangeWatchedFiles with one change (1 created, 2 changed, 3 deleted). */
  fileChanged(filePath: string, type: 1 | 2 | 3 = 2): Promise<void> {
    return this.didChangeWatchedFile(uriOf(filePath), type);
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
}
