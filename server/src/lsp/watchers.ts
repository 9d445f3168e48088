/**
 * File watchers the server asks the client for: Python settings sources (and `pyproject.toml`,
 * where openedx-platform declares its plugin apps) anywhere in the workspace, the folders
 * configured in `openedxConfig.sources` (also outside the workspace, when the client supports
 * watchers with a base folder) and the schema files of `openedxConfig.schemas`.
 */
import * as path from 'node:path';
import { DidChangeWatchedFilesNotification, FileChangeType, type Connection, type Disposable, type FileEvent, type FileSystemWatcher } from 'vscode-languageserver';
import type { FileChange } from '../registry/registry';
import type { ClientSupport } from './capabilities';
import { filePathOf, fileUri } from '../common/uris';

/** What settings sources are made of: Python modules, and the packaging that declares plugin apps. */
const SOURCE_PATTERNS = ['**/*.py', '**/pyproject.toml'];

/** The watchers for the given resolved folders and files. */
export function watchersFor(sourceFolders: readonly string[], schemaFiles: readonly string[], support: ClientSupport): FileSystemWatcher[] {
  const watchers: FileSystemWatcher[] = SOURCE_PATTERNS.map((globPattern) => ({ globPattern }));
  for (const file of schemaFiles) {
    watchers.push(
      support.relativePatterns
        ? { globPattern: { baseUri: fileUri(path.dirname(file)), pattern: path.basename(file) } }
        : { globPattern: `**/${path.basename(file)}` },
    );
  }
  if (support.relativePatterns) {
    for (const folder of sourceFolders) for (const pattern of SOURCE_PATTERNS) watchers.push({ globPattern: { baseUri: fileUri(folder), pattern } });
  }
  return watchers;
}

/** Keeps one dynamic registration of the watchers, replaced when the settings change. */
export class WatcherRegistration {
  private current: Promise<Disposable> | undefined;

  constructor(private readonly connection: Connection, private readonly support: ClientSupport) {}

  /** Registers (again) the watchers; does nothing when the client cannot register them. */
  update(sourceFolders: readonly string[], schemaFiles: readonly string[]): void {
    if (!this.support.watchers) return;
    const previous = this.current;
    this.current = this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: watchersFor(sourceFolders, schemaFiles, this.support) });
    void previous?.then((d) => d.dispose()).catch(() => undefined);
    this.current.catch(() => undefined);
  }
}

/** LSP file events as registry changes (non-file URIs are dropped). */
export function toFileChanges(events: readonly FileEvent[]): FileChange[] {
  const out: FileChange[] = [];
  for (const e of events) {
    const p = filePathOf(e.uri);
    if (p === undefined) continue;
    out.push({ path: p, kind: e.type === FileChangeType.Created ? 'created' : e.type === FileChangeType.Deleted ? 'deleted' : 'changed' });
  }
  return out;
}
