/**
 * URIs and file paths: only `file:` documents have a path (association by name and folder);
 * anything else (untitled buffers, virtual documents) is associated by modeline or user choice only.
 */
import { URI } from 'vscode-uri';

/** The file-system path of a `file:` URI; undefined for other schemes or malformed URIs. */
export function filePathOf(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : undefined;
  } catch {
    return undefined;
  }
}

/** The `file:` URI of a path. */
export function fileUri(filePath: string): string {
  return URI.file(filePath).toString();
}
