/**
 * The extension's entry point: starts the language server and wires the status bar and the
 * commands to it. No language logic lives in the client; it all runs in the server.
 */
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, type LanguageClient } from 'vscode-languageclient/node';
import { errorMessage } from '../../server/src/common/result';
import { DocumentSchemaNotification, type DocumentSchemaInfo } from '../../server/src/protocol/messages';
import { registerCommands } from './commands/register';
import { Commands } from './commandIds';
import { DocumentationDownloads, downloadDocumentation } from './documentationDownloads';
import { reportFailure } from './host';
import { CrashPolicy } from './crashPolicy';
import { DiagnosticsFilter } from './diagnosticsFilter';
import { CLIENT_NAME, createLanguageClient } from './languageClient';
import { onPythonInterpreterChange } from './pythonInterpreter';
import { StatusBar } from './statusBar';
import { TraceChannel } from './traceChannel';

/** The context key set once the extension is active; palette entries of the commands depend on it. */
export const ACTIVE_CONTEXT = 'openedxConfig.active';

/** What `activate` returns, for other extensions and the end-to-end tests (`extension.exports`). */
export interface OpenedxConfigApi {
  /** Resolves when the language server has started; rejects if it could not. */
  readonly ready: Promise<void>;
  /** What the server last said about a document, if anything. */
  documentInfo(uri: vscode.Uri): DocumentSchemaInfo | undefined;
}

let client: LanguageClient | undefined;

/** Activates the extension (on YAML files, on Open edX config files in the workspace, or on a command). */
export function activate(context: vscode.ExtensionContext): OpenedxConfigApi {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  const trace = new TraceChannel();
  const filter = new DiagnosticsFilter();
  const crashes = new CrashPolicy();
  const languageClient = createLanguageClient({ context, output, trace, filter, crashes });
  client = languageClient;
  const status = new StatusBar(languageClient, filter);
  // Registered before start, so that no notification sent during initialisation is lost.
  const host = { client: languageClient, output, status, crashes, extensionUri: context.extensionUri };
  const downloads = new DocumentationDownloads(host);
  languageClient.onNotification(DocumentSchemaNotification, (info) => {
    status.update(info);
    downloads.onInfo(info);
  });
  context.subscriptions.push(
    output,
    trace,
    filter,
    status,
    ...registerCommands(host),
    vscode.commands.registerCommand(Commands.downloadDocumentation, () => reportFailure(host, 'Downloading setting documentation', () => downloadDocumentation(host, downloads))),
    // Another interpreter selected: the server pulls its settings again, and with them the interpreter.
    onPythonInterpreterChange(() => {
      if (languageClient.isRunning()) void languageClient.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    }),
  );
  void vscode.commands.executeCommand('setContext', ACTIVE_CONTEXT, true);

  // Not awaited: activation must not wait for the server, whose schemas may take a moment to load.
  const ready = languageClient.start().catch((error: unknown) => {
    const text = errorMessage(error);
    output.error(`The language server did not start: ${text}`);
    void vscode.window.showErrorMessage(`Open edX Config: the language server did not start: ${text}`, 'Show Output').then((choice) => {
      if (choice !== undefined) output.show(true);
    });
    throw error;
  });
  // `ready` is for callers of the API; an unobserved rejection must not surface as a second error.
  ready.catch(() => undefined);
  return { ready, documentInfo: (uri) => status.info(uri) };
}

/** Stops the server (VS Code waits for the returned promise). */
export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined && running.needsStop()) await running.stop();
}
