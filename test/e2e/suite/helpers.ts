/**
 * Helpers for scenarios in the extension host: polling with a deadline (never a fixed sleep), finding
 * text positions, and opening the example workspace's files.
 */
import * as assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';

/** The extension's id (publisher.name in package.json). */
export const EXTENSION_ID = 'openedx-config.openedx-config';

/** What the extension's `activate` returns (client/src/extension.ts), as far as these tests use it. */
export interface ExtensionApi {
  ready: Promise<void>;
  documentInfo(uri: vscode.Uri): { ida?: string; reason?: string; source?: string; revision?: string } | undefined;
}

/** The activated extension's API, once its language server is ready. */
export async function api(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  const exported = await extension.activate();
  await exported.ready;
  return exported;
}

/** The folder the workbench opened: a fresh copy of examples/. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the workbench opened no folder');
  return folder.uri.fsPath;
}

/** An absolute path inside the opened example workspace. */
export function examplePath(...segments: string[]): string {
  return path.join(workspaceRoot(), ...segments);
}

export interface PollOptions {
  /** Give up after this many ms (default 20 s). */
  timeoutMs?: number;
  /** Poll every this many ms (default 50). */
  intervalMs?: number;
}

/**
 * Calls `probe` until it returns something other than undefined, and returns that. On timeout, fails
 * with `what` and the last value `describe` gives (so a failure says what was seen instead).
 */
export async function poll<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  options: PollOptions & { describe?: () => unknown } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = options.describe ? `\nlast seen: ${JSON.stringify(options.describe(), null, 2)}` : '';
      const why = lastError ? `\nlast error: ${lastError instanceof Error ? lastError.message : String(lastError)}` : '';
      throw new Error(`timed out after ${options.timeoutMs ?? 20_000} ms waiting for ${what}${why}${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}

/** Opens a file of the example workspace in an editor and returns the editor. */
export async function openEditor(file: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Discards unsaved changes of `document` (File: Revert), so the next scenario starts from the file on disk. */
export async function revert(document: vscode.TextDocument): Promise<void> {
  if (!document.isDirty) return;
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await poll(`${document.uri.fsPath} to be reverted`, () => (document.isDirty ? undefined : true));
}

/** The position of the `occurrence`-th (0-based) `needle` in the document, plus `delta` characters. */
export function positionOf(document: vscode.TextDocument, needle: string, delta = 0, occurrence = 0): vscode.Position {
  const text = document.getText();
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    assert.notEqual(index, -1, `"${needle}" (occurrence ${occurrence}) not found in ${document.uri.fsPath}`);
  }
  return document.positionAt(index + delta);
}

/** The range of `needle`'s `occurrence`-th match. */
export function rangeOf(document: vscode.TextDocument, needle: string, occurrence = 0): vscode.Range {
  const start = positionOf(document, needle, 0, occurrence);
  return new vscode.Range(start, start.translate(0, needle.length));
}

/** The 0-based number of the first line of `document` whose text satisfies `match`. */
export function lineOf(document: vscode.TextDocument, match: (line: string) => boolean): number {
  for (let i = 0; i < document.lineCount; i++) if (match(document.lineAt(i).text)) return i;
  assert.fail(`no matching line in ${document.uri.fsPath}`);
}

/** A compact, comparable view of a diagnostic: [message, startLine, startChar, endLine, endChar]. */
export function diagnosticTuple(d: vscode.Diagnostic): [string, number, number, number, number] {
  return [d.message, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];
}

/** The `source` of the language server's diagnostics. */
export const DIAGNOSTIC_SOURCE = 'openedx-config';

/** Our diagnostics on a document (source is the server's), in document order. */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === DIAGNOSTIC_SOURCE)
    .sort((a, b) => a.range.start.compareTo(b.range.start) || a.message.localeCompare(b.message));
}

/** The label text of a completion item. */
export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Plain text of hover contents (markdown or strings). */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** Text of a completion item's documentation. */
export function documentationText(item: vscode.CompletionItem): string {
  const doc = item.documentation;
  return doc === undefined ? '' : typeof doc === 'string' ? doc : doc.value;
}
