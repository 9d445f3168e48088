/** "Re-extract settings now": drops the server's cached live schemas and extracts them again. */
import * as vscode from 'vscode';
import { ReextractRequest } from '../../../server/src/protocol/messages';
import { serverReady, type Host } from '../host';
import { reextractMessage } from '../reports';

/** Runs the command. */
export async function reextract(host: Host): Promise<void> {
  if (!(await serverReady(host))) return;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: '$(sync~spin) Re-extracting Open edX settings' },
    () => host.client.sendRequest(ReextractRequest, {}),
  );
  const message = reextractMessage(result);
  if (result.idas.length > 0) {
    void vscode.window.showInformationMessage(message);
    return;
  }
  const open = await vscode.window.showInformationMessage(message, 'Open Settings');
  if (open !== undefined) await vscode.commands.executeCommand('workbench.action.openSettings', 'openedxConfig.sources');
}
