/**
 * Schema files named by the user (`openedxConfig.schemas`: IDA → file): loaded with the shape
 * checks of `loadSchemaFile`, and re-read only when the file's modification time or size changes
 * (one `stat` per use keeps them current even outside the watched workspace).
 */
import * as fs from 'node:fs';
import type { Result } from '../common/result';
import type { IdaSchema } from '../schema/format';
import { loadSchemaFile } from '../schema/load';
import { schemaProblems } from '../schema/unsupported';

interface Entry {
  stamp: string;
  /** The IDA the file was loaded for (a plain schema takes it as its own). */
  ida: string;
  /** The schema, or why it cannot be used (the message names the file, never its content). */
  result: Result<IdaSchema>;
  /** Properties of a usable schema that are left unchecked, and why (`schemaProblems`). */
  problems: readonly string[];
}

/** Cache of user schema files by absolute path. */
export class UserSchemaFiles {
  private readonly entries = new Map<string, Entry>();

  /**
   * The schema in `file` (absolute), re-read when it changed on disk. Never throws.
   * @param ida the IDA it is mapped to, which a plain draft-07 schema (no `x-openedx-schema`) stands for.
   */
  load(file: string, ida: string): Result<IdaSchema> {
    return this.entry(file, ida).result;
  }

  /** What {@link load} gives, and which properties of that schema go unchecked (checked once per read). */
  loadWithProblems(file: string, ida: string): { result: Result<IdaSchema>; problems: readonly string[] } {
    return this.entry(file, ida);
  }

  private entry(file: string, ida: string): Entry {
    const stamp = statStamp(file);
    const cached = this.entries.get(file);
    if (cached !== undefined && cached.stamp === stamp && cached.ida === ida) return cached;
    const result = loadSchemaFile(file, { ida });
    const entry = { stamp, ida, result, problems: result.ok ? schemaProblems(result.value) : [] };
    this.entries.set(file, entry);
    return entry;
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
