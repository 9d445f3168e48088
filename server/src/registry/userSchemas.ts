/**
 * Schema files named by the user (`openedxConfig.schemas`: IDA → file): loaded with the shape
 * checks of `loadSchemaFile`, and re-read only when the file's modification time or size changes
 * (one `stat` per use keeps them current even outside the watched workspace).
 */
import * as fs from 'node:fs';
import type { Result } from '../common/result';
import type { IdaSchema } from '../schema/format';
import { loadSchemaFile } from '../schema/load';

interface Entry {
  stamp: string;
  /** The schema, or why it cannot be used (the message names the file, never its content). */
  result: Result<IdaSchema>;
}

/** Cache of user schema files by absolute path. */
export class UserSchemaFiles {
  private readonly entries = new Map<string, Entry>();

  /** The schema in `file` (absolute), re-read when it changed on disk. Never throws. */
  load(file: string): Result<IdaSchema> {
    const stamp = statStamp(file);
    const cached = this.entries.get(file);
    if (cached !== undefined && cached.stamp === stamp) return cached.result;
    const result = loadSchemaFile(file);
    this.entries.set(file, { stamp, result });
    return result;
  }

  /** Forgets cached files (all, or those named). */
  forget(files?: readonly string[]): void {
    if (files === undefined) this.entries.clear();
    else for (const f of files) this.entries.delete(f);
  }
}

/** `mtime:size`, or `missing` when the file cannot be stat'ed. */
function statStamp(file: string): string {
  try {
    const st = fs.statSync(file);
    return `${st.mtimeMs}:${st.size}`;
  } catch {
    return 'missing';
  }
}
