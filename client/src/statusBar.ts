/**
 * The status bar item on IDA config files: `$(settings-gear) lms · live  $(error) 1 $(warning) 2`.
 * It also keeps the last {@link DocumentSchemaInfo} per document (from the server's
 * notifications), which the commands reuse, and the `openedxConfig.isIdaFile` context key.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { DocumentSchemaRequest, type DocumentSchemaInfo } from '../../server/src/protocol/messages';
import type { DiagnosticsFilter } from './diagnosticsFilter';
import { DOCUMENT_SELECTOR } from './documentSelector';
import { statusView, type ServerState } from './statusView';

/** The context key telling `when` clauses that the active editor holds an IDA config file. */
export const IS_IDA_FILE_CONTEXT = 'openedxConfig.isIdaFile';

// The protocol's selector type and VS Code's differ only nominally (`pattern` is a string here).
const SELECTOR = DOCUMENT_SELECTOR as vscode.DocumentSelector;

/** The status bar item and the per-document schema info behind it. */
export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly infos = new Map<string, DocumentSchemaInfo>();
  private readonly disposables: vscode.Disposable[] = [];
  private server: ServerState = 'starting';
  private isIdaFile: boolean | undefined;
  /** The document of the active editor, ignoring output channels. */
  private document: vscode.TextDocument | undefined = vscode.window.activeTextEditor?.document;

  constructor(
    private readonly client: LanguageClient,
    private readonly filter: DiagnosticsFilter,
  ) {
    this.item = vscode.window.createStatusBarItem('openedxConfig.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Open edX Config';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        // Focusing the Output panel makes its channel the active "editor"; the file the user
        // works on is still the one on screen, so the item stays as it was.
        if (editor?.document.uri.scheme === 'output') return;
        this.document = editor?.document;
        void this.refresh(true);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.infos.delete(this.key(d.uri))),
      filter.onDidChange((uri) => {
        if (uri === this.activeKey()) void this.refresh(false);
      }),
      client.onDidChangeState((e) => {
        this.server = e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped';
        // After a (re)start the server sends fresh infos as documents re-open; ask for the active one now.
        void this.refresh(this.server === 'running');
      }),
    );
  }

  /** Records what the server said about a document and redraws if it is the active one. */
  update(info: DocumentSchemaInfo): void {
    this.infos.set(info.uri, info);
    if (info.uri === this.activeKey()) void this.refresh(false);
  }

  /** The last info for a document, if the server sent one. */
  info(uri: vscode.Uri): DocumentSchemaInfo | undefined {
    return this.infos.get(this.key(uri));
  }

  /** The key of a document: its URI as the client sends it to the server (and the server echoes). */
  key(uri: vscode.Uri): string {
    return this.client.code2ProtocolConverter.asUri(uri);
  }

  private activeKey(): string | undefined {
    return this.document === undefined ? undefined : this.key(this.document.uri);
  }

  /**
   * Redraws the item for the active editor. With `query`, a document the server has said
   * nothing about yet is asked for (its notification may have been sent before a restart).
   */
  private async refresh(query: boolean): Promise<void> {
    const uri = this.activeKey();
    let info = uri === undefined ? undefined : this.infos.get(uri);
    const document = this.document;
    const served = document !== undefined && vscode.languages.match(SELECTOR, document) > 0;
    if (query && served && uri !== undefined && info === undefined && this.server === 'running') {
      try {
        const answer = await this.client.sendRequest(DocumentSchemaRequest, { uri });
        // A notification that arrived while we asked is newer (it carries the counts): keep it.
        info = this.infos.get(uri) ?? answer;
        this.infos.set(uri, info);
      } catch {
        // Not a document the server knows (yet): nothing to show.
      }
      if (uri !== this.activeKey()) return; // the user moved on while we asked
    }
    const view = statusView(info, this.server, uri === undefined ? undefined : this.filter.hiddenCounts(uri));
    this.setIsIdaFile(info?.ida !== undefined);
    if (view === undefined) {
      this.item.hide();
      return;
    }
    this.item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip);
    tooltip.supportThemeIcons = true;
    this.item.tooltip = tooltip;
    this.item.command = view.command;
    this.item.backgroundColor = view.alarming ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  private setIsIdaFile(value: boolean): void {
    if (this.isIdaFile === value) return;
    this.isIdaFile = value;
    void vscode.commands.executeCommand('setContext', IS_IDA_FILE_CONTEXT, value);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
