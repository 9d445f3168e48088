/**
 * "Choose the IDA for this file": pick an IDA (or automatic), tell the server for this session,
 * then optionally remember it in the file (a first-line modeline) or in the settings (an
 * `openedxConfig.associations` entry).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DocumentSchemaRequest, ListIdasRequest, SetDocumentIdaRequest } from '../../../server/src/protocol/messages';
import { associationTarget, withAssociation, type AssociationTarget } from '../association';
import { activeEditor, serverReady, type Host } from '../host';
import { idaPickItems, persistenceItems } from '../idaChoice';
import { isModelineIda, modelineEdit } from '../modeline';

/** Runs the command on the active editor. */
export async function chooseIda(host: Host): Promise<void> {
  const editor = activeEditor('choosing the IDA');
  if (editor === undefined || !(await serverReady(host))) return;
  const document = editor.document;
  const uri = host.status.key(document.uri);
  const [listing, current] = await Promise.all([
    host.client.sendRequest(ListIdasRequest, {}),
    host.client.sendRequest(DocumentSchemaRequest, { uri }),
  ]);
  const fileName = path.posix.basename(document.uri.path);
  const picked = await vscode.window.showQuickPick(idaPickItems(listing, current), {
    title: `Open edX: IDA of ${fileName}`,
    placeHolder: listing.length === 0 ? 'No schemas available: set openedxConfig.sources or turn openedxConfig.shippedSchemas on' : 'The IDA whose settings this file configures',
    matchOnDescription: true,
  });
  if (picked === undefined) return;
  host.status.update(await host.client.sendRequest(SetDocumentIdaRequest, { uri, ida: picked.ida }));
  if (picked.ida === undefined) return;

  const target = targetOf(document.uri);
  const how = await vscode.window.showQuickPick(persistenceItems(picked.ida, target?.glob, isModelineIda(picked.ida)), {
    title: `Open edX: remember ${picked.ida} for ${fileName}?`,
    placeHolder: 'The choice already applies now; how long should it last?',
  });
  if (how?.persistence === 'modeline') await insertModeline(document, picked.ida);
  else if (how?.persistence === 'association' && target !== undefined) await addAssociation(document.uri, target, picked.ida);
}

/** Where an association for the file would go; only `file:` documents have the path the server matches globs against. */
function targetOf(uri: vscode.Uri): AssociationTarget | undefined {
  if (uri.scheme !== 'file') return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const relative = folder === undefined ? undefined : path.relative(folder.uri.fsPath, uri.fsPath);
  return associationTarget(relative, uri.fsPath);
}

async function insertModeline(document: vscode.TextDocument, ida: string): Promise<void> {
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const firstLine = document.lineCount === 0 ? '' : document.lineAt(0).text;
  const edit = modelineEdit(firstLine, ida, eol);
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.replace(document.uri, new vscode.Range(edit.line, edit.start, edit.line, edit.end), edit.text);
  // Left unsaved, like any edit: the user sees it and saves it with the rest.
  if (!(await vscode.workspace.applyEdit(workspaceEdit))) void vscode.window.showErrorMessage('Open edX: could not insert the modeline (is the file read-only?).');
}

async function addAssociation(uri: vscode.Uri, target: AssociationTarget, ida: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('openedxConfig', uri);
  const inspected = config.inspect<Record<string, string>>('associations');
  // A single-folder window keeps folder settings in the workspace settings file.
  const current = target.scope === 'global'
    ? inspected?.globalValue
    : inspected?.workspaceFolderValue ?? (vscode.workspace.workspaceFile === undefined ? inspected?.workspaceValue : undefined);
  const scope = target.scope === 'global' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.WorkspaceFolder;
  await config.update('associations', withAssociation(current, target.glob, ida), scope);
  const where = target.scope === 'global' ? 'your user settings' : 'the workspace folder settings';
  void vscode.window.showInformationMessage(`Added "${target.glob}": "${ida}" to openedxConfig.associations in ${where}.`);
}
