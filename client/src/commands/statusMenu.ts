/** The quick pick opened by a click on the status bar item: the commands that apply to the active file. */
import * as vscode from 'vscode';
import { menuCommands } from '../commandIds';
import { workingEditor, type Host } from '../host';

/** Shows the menu and runs the chosen command. */
export async function statusMenu(host: Host): Promise<void> {
  const document = workingEditor()?.document;
  const isIdaFile = document !== undefined && host.status.info(document.uri)?.ida !== undefined;
  const items = menuCommands(isIdaFile).map((c) => ({ label: `$(${c.icon}) ${c.title}`, id: c.id }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Open edX Config', placeHolder: 'Run a command' });
  if (picked !== undefined) await vscode.commands.executeCommand(picked.id);
}
