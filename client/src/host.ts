/**
 * What the commands share: the language client, the output channel, the status bar and the
 * crash policy, plus two guards every command starts with.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { errorMessage } from '../../server/src/common/result';
import { Commands } from './commandIds';
import type { CrashPolicy } from './crashPolicy';
import type { StatusBar } from './statusBar';

/** The extension's long-lived parts, handed to every command. */
export interface Host {
  readonly client: LanguageClient;
  readonly output: vscode.LogOutputChannel;
  readonly status: StatusBar;
  readonly crashes: CrashPolicy;
  /** Where the extension is installed (its shipped `schemas/` live there). */
  readonly extensionUri: vscode.Uri;
}

/**
 * Whether the server can answer requests; if not, tells the user and offers a restart.
 * Commands call this first so that a dead server yields one clear message, not a stack trace.
 */
export async function serverReady(host: Host): Promise<boolean> {
  if (host.client.isRunning()) return true;
  const restart = 'Restart Server';
  const choice = await vscode.window.showErrorMessage('The Open edX Config language server is not running.', restart, 'Show Output');
  if (choice === restart) await vscode.commands.executeCommand(Commands.restartServer);
  else if (choice === 'Show Output') host.output.show(true);
  return false;
}

/**
 * The editor of the file the user works on: the active text editor, unless that is an Output
 * panel channel (focusing the panel makes it the active "editor"), then the first visible file.
 */
export function workingEditor(): vscode.TextEditor | undefined {
  const active = vscode.window.activeTextEditor;
  if (active !== undefined && active.document.uri.scheme !== 'output') return active;
  return vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme !== 'output');
}

/** The {@link workingEditor}, or `undefined` after telling the user a file must be open. */
export function activeEditor(what: string): vscode.TextEditor | undefined {
  const editor = workingEditor();
  if (editor === undefined) void vscode.window.showInformationMessage(`Open a YAML config file first: ${what} works on the active file.`);
  return editor;
}

/** Runs a command body, turning a failed request into an error message in the output channel and on screen. */
export async function reportFailure(host: Host, title: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const text = errorMessage(error);
    host.output.error(`${title} failed: ${text}`);
    void vscode.window.showErrorMessage(`Open edX: ${title} failed: ${text}`);
  }
}
