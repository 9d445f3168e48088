/**
 * "Show schema source": which IDA the active file belongs to, why, and where its schema comes
 * from, with a button to the folder or file behind it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DocumentSchemaRequest } from '../../../server/src/protocol/messages';
import { Commands } from '../commandIds';
import { activeEditor, serverReady, type Host } from '../host';
import { schemaSourceReport, type Report } from '../reports';

/** Runs the command on the active editor. */
export async function showSchemaSource(host: Host): Promise<void> {
  const editor = activeEditor('showing the schema source');
  if (editor === undefined || !(await serverReady(host))) return;
  const document = editor.document;
  const info = await host.client.sendRequest(DocumentSchemaRequest, { uri: host.status.key(document.uri) });
  host.status.update(info);
  const report = schemaSourceReport(info, path.posix.basename(document.uri.path));
  const action = report.action;
  const choice = action === undefined
    ? await vscode.window.showInformationMessage(report.message)
    : await vscode.window.showInformationMessage(report.message, action.label);
  if (action !== undefined && choice === action.label) await runAction(host, document, action);
}

async function runAction(host: Host, document: vscode.TextDocument, action: NonNullable<Report['action']>): Promise<void> {
  switch (action.kind) {
    case 'chooseIda':
      await vscode.commands.executeCommand(Commands.chooseIda);
      return;
    case 'openSettings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'openedxConfig');
      return;
    case 'openShippedSchema':
      await openFile(vscode.Uri.joinPath(host.extensionUri, 'schemas', `${action.target ?? ''}.json`));
      return;
    case 'openFile':
      await openFile(resolve(document, action.target ?? ''));
      return;
    case 'revealFolder': {
      const folder = resolve(document, action.target ?? '');
      // The Explorer can only reveal what the workspace contains; other folders open in the OS.
      const inside = vscode.workspace.getWorkspaceFolder(folder) !== undefined;
      await vscode.commands.executeCommand(inside ? 'revealInExplorer' : 'revealFileInOS', folder);
      return;
    }
  }
}

/** A path from the server: absolute, or relative to the document's workspace folder (as settings are written). */
function resolve(document: vscode.TextDocument, target: string): vscode.Uri {
  if (path.isAbsolute(target)) return vscode.Uri.file(target);
  const folder = vscode.workspace.getWorkspaceFolder(document.uri) ?? vscode.workspace.workspaceFolders?.[0];
  return folder === undefined ? vscode.Uri.file(target) : vscode.Uri.joinPath(folder.uri, target);
}

async function openFile(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.window.showTextDocument(uri, { preview: true });
  } catch {
    void vscode.window.showErrorMessage(`Open edX: cannot open ${uri.fsPath}.`);
  }
}
