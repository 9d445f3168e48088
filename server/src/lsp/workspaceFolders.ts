/**
 * The workspace folders of an `initialize` request, as file paths: `workspaceFolders` when the
 * client sends them, else the deprecated `rootUri`/`rootPath`. Non-file folders are skipped.
 */
import type { InitializeParams } from 'vscode-languageserver';
import { filePathOf } from '../common/uris';

/** The file-system paths of the workspace folders named in `initialize`. */
export function workspaceFoldersOf(params: InitializeParams): string[] {
  const folders = Array.isArray(params.workspaceFolders) ? params.workspaceFolders.flatMap((f) => filePathOf(f.uri) ?? []) : [];
  if (folders.length > 0) return folders;
  if (typeof params.rootUri === 'string') {
    const root = filePathOf(params.rootUri);
    if (root !== undefined) return [root];
  }
  return typeof params.rootPath === 'string' && params.rootPath !== '' ? [params.rootPath] : [];
}
