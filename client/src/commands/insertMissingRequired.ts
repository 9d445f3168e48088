/**
 * "Insert missing required settings": asks our server (not every code action provider, so other
 * extensions' fixes cannot be picked by mistake) for the quick fixes of the whole document and
 * applies its "Insert the missing required …" fix.
 */
import * as vscode from 'vscode';
import { CodeActionRequest, CodeActionResolveRequest, type CodeActionParams } from 'vscode-languageclient/node';
import { needsResolve, pickInsertRequired } from '../codeActions';
import { activeEditor, serverReady, type Host } from '../host';

/** Runs the command on the active editor. */
export async function insertMissingRequired(host: Host): Promise<void> {
  const editor = activeEditor('inserting missing required settings');
  if (editor === undefined || !(await serverReady(host))) return;
  const { client } = host;
  const document = editor.document;
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  // The server's fix hangs off its `missing-required` diagnostics, so they go in the context.
  const context = await client.code2ProtocolConverter.asCodeActionContext({
    diagnostics: [...(client.diagnostics?.get(document.uri) ?? [])],
    only: vscode.CodeActionKind.QuickFix,
    triggerKind: vscode.CodeActionTriggerKind.Invoke,
  });
  const params: CodeActionParams = {
    textDocument: client.code2ProtocolConverter.asTextDocumentIdentifier(document),
    range: client.code2ProtocolConverter.asRange(whole),
    context,
  };
  let action = pickInsertRequired(await client.sendRequest(CodeActionRequest.type, params));
  if (action === undefined) {
    void vscode.window.showInformationMessage('No required settings are missing in this file.');
    return;
  }
  if (needsResolve(action)) action = await client.sendRequest(CodeActionResolveRequest.type, action);
  const fix = await client.protocol2CodeConverter.asCodeAction(action);
  if (fix.edit !== undefined && !(await vscode.workspace.applyEdit(fix.edit))) {
    void vscode.window.showErrorMessage('Open edX: the missing settings could not be inserted (the file changed meanwhile, or is read-only).');
    return;
  }
  if (fix.command !== undefined) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
}
