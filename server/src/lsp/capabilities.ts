/**
 * What the server tells the client it can do (`initialize` result), and what it reads of the
 * client's capabilities.
 */
import { CodeActionKind, TextDocumentSyncKind, type ClientCapabilities, type ServerCapabilities } from 'vscode-languageserver';

/** The server's capabilities: incremental sync and every feature of the language service. */
export function serverCapabilities(): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
    completionProvider: { resolveProvider: true },
    hoverProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    definitionProvider: true,
    documentSymbolProvider: true,
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}

/** The client features the server adapts to. */
export interface ClientSupport {
  /** `workspace/configuration`: settings are pulled (else taken from initializationOptions and didChangeConfiguration). */
  configuration: boolean;
  /** Dynamic registration for `workspace/didChangeConfiguration` (to be told of changes at all). */
  configurationChange: boolean;
  /** Dynamic registration of file watchers (settings sources). */
  watchers: boolean;
  /** Watchers with a base folder (sources configured outside the workspace). */
  relativePatterns: boolean;
  /** Workspace folders and their change notifications. */
  workspaceFolders: boolean;
  /** `CompletionList.itemDefaults` with `editRange` and `data` (LSP 3.17): smaller completion answers. */
  completionItemDefaults: boolean;
}

/** Reads {@link ClientSupport} from the client's capabilities. */
export function clientSupport(capabilities: ClientCapabilities): ClientSupport {
  const ws = capabilities.workspace;
  return {
    configuration: ws?.configuration === true,
    configurationChange: ws?.didChangeConfiguration?.dynamicRegistration === true,
    watchers: ws?.didChangeWatchedFiles?.dynamicRegistration === true,
    relativePatterns: ws?.didChangeWatchedFiles?.relativePatternSupport === true,
    workspaceFolders: ws?.workspaceFolders === true,
    completionItemDefaults: ['editRange', 'data'].every((d) => capabilities.textDocument?.completion?.completionList?.itemDefaults?.includes(d) === true),
  };
}
