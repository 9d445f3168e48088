/**
 * The Open edX Config language server: LSP wiring only. The transport (stdio, IPC or socket) is
 * the one the process was started with (`--stdio`, `--node-ipc`, `--socket=N`); every handler
 * routes one message to the session (`lsp/session.ts`), which calls the pure language service.
 * Every request is answered, with an empty result when something fails inside.
 */
import { TextDocuments, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { DidChangeConfigurationNotification, ErrorCodes, ResponseError } from 'vscode-languageserver';
import {
  DocumentSchemaNotification,
  DocumentSchemaRequest,
  ExportSchemaRequest,
  ListIdasRequest,
  ReextractRequest,
  DocumentationFilesRequest,
  DocumentationChangedNotification,
  SetDocumentIdaRequest,
} from './protocol/messages';
import { DEFAULT_EXTRACTION_BUDGET_MS, EXTRACT_BUDGET_ENV } from './registry/extractionWorker';
import { workerEnvironments } from './registry/environmentSupport';
import { SchemaRegistry } from './registry/registry';
import { resolveSettingPath } from './registry/paths';
import { createLanguageService } from './service';
import { clientSupport, serverCapabilities, type ClientSupport } from './lsp/capabilities';
import { configDocuments, type ConfigDocument } from './lsp/configDocument';
import { answer, describeError, guard } from './lsp/safe';
import { Session } from './lsp/session';
import { filePathOf } from './common/uris';
import { toFileChanges, WatcherRegistration } from './lsp/watchers';
import { workspaceFoldersOf } from './lsp/workspaceFolders';
import { createServerConnection } from './lsp/transport';

/**
 * Longest a request waits for a live schema being re-extracted before it is answered with the
 * last one: a re-extraction after an edit takes some 20 ms.
 */
const LIVE_WAIT_MS = 1000;

/** The time budget of one live extraction: `OPENEDX_CONFIG_EXTRACT_BUDGET_MS` (tests set it), else the default. */
function extractionBudgetMs(): number | undefined {
  const value = Number(process.env[EXTRACT_BUDGET_ENV]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

// Dropped input is logged through the connection, once it exists (input arrives after `listen`).
const { connection, shutdownReceived } = createServerConnection(process.argv.slice(2), (message) => log(message));
const log = (message: string): void => connection.console.log(message);
const documents = new TextDocuments<ConfigDocument>(configDocuments);
const budgetMs = extractionBudgetMs() ?? DEFAULT_EXTRACTION_BUDGET_MS;
// A first extraction is waited for up to its budget: until it ends there is no live schema of
// those sources to answer with, and answering with the shipped one would publish twice.
const registry = new SchemaRegistry({ log, buffers: () => openPythonBuffers(), worker: { budgetMs }, liveWaitMs: LIVE_WAIT_MS, firstLiveWaitMs: budgetMs + 500, environments: workerEnvironments() });
const session = new Session(documents, registry, createLanguageService({ completionItemDefaults: () => support.completionItemDefaults }), {
  publishDiagnostics: (uri, diagnostics, version) => void connection.sendDiagnostics({ uri, diagnostics, ...(version !== undefined ? { version } : {}) }),
  documentSchema: (info) => void connection.sendNotification(DocumentSchemaNotification, info),
  log,
});

let support: ClientSupport = clientSupport({});
let initParams: InitializeParams | undefined;
let folders: string[] = [];
let watchers: WatcherRegistration | undefined;
/** Resolves once the settings have been read: no document is validated with guessed settings. */
let settingsRead: () => void = () => undefined;
const ready = new Promise<void>((resolve) => (settingsRead = resolve));

// Not `answer`: initialize has no empty result; a failure is answered without its message, which vscode-jsonrpc would send.
connection.onInitialize((params): InitializeResult => {
  try {
    return initialize(params);
  } catch (e) {
    log(`initialize failed: ${describeError(e)}`);
    throw new ResponseError(ErrorCodes.InternalError, 'initialize failed (see the server log)');
  }
});

function initialize(params: InitializeParams): InitializeResult {
  initParams = params;
  support = clientSupport(params.capabilities);
  folders = workspaceFoldersOf(params);
  return { capabilities: serverCapabilities(), serverInfo: { name: 'openedx-config', version: '0.1.0' } };
}

connection.onInitialized(() => guard(log, 'initialized', async () => {
  watchers = new WatcherRegistration(connection, support);
  if (support.configurationChange) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'openedxConfig' }).catch(() => undefined);
  if (support.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders((e) => guard(log, 'workspace folders', () => {
    const removed = new Set(e.removed.map((f) => filePathOf(f.uri)));
    folders = [...folders.filter((f) => !removed.has(f)), ...e.added.flatMap((f) => filePathOf(f.uri) ?? [])];
    return readSettings();
  }));
  await readSettings();
}));

connection.onDidChangeConfiguration((change) => guard(log, 'configuration', () => readSettings(change.settings)));

/** The `openedxConfig` section of the last `workspace/didChangeConfiguration` that had one. */
let pushedSettings: unknown;

/**
 * Pulls the `openedxConfig` section and applies it. Precedence (docs/editors.md): the client's
 * answer to `workspace/configuration` when it is an object, else the section last pushed with
 * `workspace/didChangeConfiguration`, else `initializationOptions`. Clients such as Neovim and
 * eglot support the request but answer `null` for a section they were not given.
 */
async function readSettings(pushed?: unknown): Promise<void> {
  if (pushed !== undefined && pushed !== null && typeof pushed === 'object' && 'openedxConfig' in pushed) pushedSettings = pushed.openedxConfig;
  const fallback = (): unknown => pushedSettings ?? initializationSettings();
  let raw: unknown;
  // A client that never answers must not leave every request waiting: after a while, go on without.
  if (support.configuration) raw = await withTimeout(connection.workspace.getConfiguration({ section: 'openedxConfig' }), CONFIGURATION_TIMEOUT_MS).catch(() => undefined);
  if (raw === null || typeof raw !== 'object') raw = fallback();
  try {
    session.configure(raw, folders);
    const settings = session.currentSettings;
    watchers?.update(Object.values(settings.sources).map((p) => resolveSettingPath(p, folders)), Object.values(settings.schemas).map((p) => resolveSettingPath(p, folders)));
  } finally {
    settingsRead();
  }
}

/** How long the server waits for the client's answer to `workspace/configuration`. */
const CONFIGURATION_TIMEOUT_MS = 5000;

/** `promise`, or a rejection after `ms` milliseconds. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Settings passed in `initializationOptions` (clients without `workspace/configuration`). */
function initializationSettings(): unknown {
  const options: unknown = initParams?.initializationOptions;
  return options !== null && typeof options === 'object' && 'openedxConfig' in options ? options.openedxConfig : options;
}

/** Open Python buffers (when the client syncs them): live extraction reads unsaved edits. */
function openPythonBuffers(): Map<string, string> {
  const out = new Map<string, string>();
  for (const doc of documents.all()) {
    const p = doc.uri.endsWith('.py') ? filePathOf(doc.uri) : undefined;
    if (p !== undefined) out.set(p, doc.getText());
  }
  return out;
}

documents.onDidChangeContent((e) => guard(log, 'didChange', () => ready.then(() => session.changed(e.document))));
// Without file watchers, a saved config file is the moment to look for edited settings sources.
documents.onDidSave(() => guard(log, 'didSave', () => {
  if (!support.watchers) registry.pollSources();
}));
documents.onDidClose((e) => guard(log, 'didClose', () => session.closed(e.document.uri)));
connection.onDidChangeWatchedFiles((p) => guard(log, 'watched files', () => session.filesChanged(toFileChanges(p.changes))));

connection.onCompletion((p, token) => answer(log, 'completion', token, null, () => ready.then(() => session.complete(p))));
connection.onCompletionResolve((item, token) => answer(log, 'completion resolve', token, item, () => session.resolveCompletion(item)));
connection.onHover((p, token) => answer(log, 'hover', token, null, () => ready.then(() => session.hover(p))));
connection.onCodeAction((p, token) => answer(log, 'code action', token, [], () => ready.then(() => session.codeActions(p))));
connection.onDefinition((p, token) => answer(log, 'definition', token, [], () => ready.then(() => session.definition(p))));
connection.onDocumentSymbol((p, token) => answer(log, 'document symbols', token, [], () => ready.then(() => session.documentSymbols(p))));

connection.onRequest(DocumentSchemaRequest, (p, token) => answer(log, 'documentSchemaInfo', token, { uri: p?.uri ?? '' }, () => ready.then(() => session.documentInfo(p.uri))));
connection.onRequest(SetDocumentIdaRequest, (p, token) => answer(log, 'setDocumentIda', token, { uri: p?.uri ?? '' }, () => ready.then(() => session.setDocumentIda(p.uri, p.ida))));
connection.onRequest(ListIdasRequest, (_p, token) => answer(log, 'listIdas', token, [], () => ready.then(() => session.listIdas())));
connection.onRequest(ExportSchemaRequest, (p, token) => answer(log, 'exportSchema', token, { error: 'internal error' }, () => ready.then(() => session.exportSchema(p.ida))));
connection.onRequest(ReextractRequest, (_p, token) => answer(log, 'reextract', token, { idas: [], millis: 0 }, () => ready.then(() => session.reextract())));
connection.onRequest(DocumentationFilesRequest, (p, token) => answer(log, 'documentationFiles', token, { ida: p.ida, error: 'internal error' }, () => ready.then(() => session.documentationFiles(p.ida))));
connection.onNotification(DocumentationChangedNotification, () => guard(log, 'documentation changed', () => ready.then(() => session.documentationChanged())));

connection.onShutdown(() => {
  shutdownReceived();
  registry.dispose();
});

// A bug in one handler must not take the editor's language features down with it: log and go on.
process.on('unhandledRejection', (e) => log(`unhandled rejection: ${describeError(e)}`));
process.on('uncaughtException', (e) => log(`uncaught exception: ${describeError(e)}`));

documents.listen(connection);
connection.listen();
