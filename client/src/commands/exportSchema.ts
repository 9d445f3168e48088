/**
 * "Export JSON Schema…": writes the JSON Schema of the active file's IDA (or of one picked from
 * the list) to a file of the user's choice, for other editors, Red Hat's YAML extension or CI.
 */
import * as vscode from 'vscode';
import { DocumentSchemaRequest, ExportSchemaRequest, ListIdasRequest } from '../../../server/src/protocol/messages';
import { serverReady, workingEditor, type Host } from '../host';
import { idaPickItems } from '../idaChoice';
import { schemaFileName, serializeSchema } from '../reports';

/** Runs the command: the active file's IDA, else a picked one. */
export async function exportSchema(host: Host): Promise<void> {
  if (!(await serverReady(host))) return;
  const editor = workingEditor();
  const ida = (editor === undefined ? undefined : await idaOf(host, editor.document)) ?? (await pickIda(host));
  if (ida === undefined) return;
  const result = await host.client.sendRequest(ExportSchemaRequest, { ida });
  if (!('schema' in result)) {
    void vscode.window.showErrorMessage(`Open edX: the ${ida} schema could not be exported: ${result.error}.`);
    return;
  }
  const folder = (editor === undefined ? undefined : vscode.workspace.getWorkspaceFolder(editor.document.uri)) ?? vscode.workspace.workspaceFolders?.[0];
  const target = await vscode.window.showSaveDialog({
    title: `Export the ${ida} JSON Schema`,
    saveLabel: 'Export',
    filters: { 'JSON Schema': ['json'] },
    ...(folder === undefined ? {} : { defaultUri: vscode.Uri.joinPath(folder.uri, schemaFileName(ida)) }),
  });
  if (target === undefined) return;
  // workspace.fs rather than node:fs, so virtual workspaces can be written to as well.
  await vscode.workspace.fs.writeFile(target, Buffer.from(serializeSchema(result.schema), 'utf8'));
  const open = await vscode.window.showInformationMessage(`Exported the ${ida} JSON Schema to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
  if (open !== undefined) await vscode.window.showTextDocument(target);
}

async function idaOf(host: Host, document: vscode.TextDocument): Promise<string | undefined> {
  const known = host.status.info(document.uri);
  if (known !== undefined) return known.ida;
  return (await host.client.sendRequest(DocumentSchemaRequest, { uri: host.status.key(document.uri) })).ida;
}

async function pickIda(host: Host): Promise<string | undefined> {
  const listing = await host.client.sendRequest(ListIdasRequest, {});
  if (listing.length === 0) {
    void vscode.window.showInformationMessage('No IDA schemas are available: set openedxConfig.sources, or turn openedxConfig.shippedSchemas on.');
    return undefined;
  }
  // The first item is "Automatic", which means nothing for an export.
  const items = idaPickItems(listing, undefined).filter((i) => i.ida !== undefined);
  return (await vscode.window.showQuickPick(items, { title: 'Open edX: export the JSON Schema of…', matchOnDescription: true }))?.ida;
}
