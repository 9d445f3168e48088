/**
 * Reads settings sources below a root folder, with size limits and no following of
 * paths outside the root. Never throws: unreadable files become problems.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Default largest file parsed. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** A file's text, or why it could not be read. */
export type ReadResult = { text: string } | { error: string; code: 'unreadable-file' | 'file-too-large' };

/** Reads files by POSIX path relative to a root. */
export interface SourceReader {
  /** Whether a file exists (relative POSIX path). */
  exists(rel: string): boolean;
  read(rel: string): ReadResult;
}

/** Looks like a binary file: a NUL byte in its first 8 KB. */
function isBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8192).includes(0);
}

/**
 * A reader over the real file system.
 * @param overlay in-memory texts that win over the disk (unsaved editor buffers, tests).
 */
export function fileSystemReader(root: string, maxBytes = DEFAULT_MAX_FILE_BYTES, overlay?: ReadonlyMap<string, string>): SourceReader {
  const abs = (rel: string): string | undefined => {
    const p = path.resolve(root, rel);
    return p === root || p.startsWith(root + path.sep) ? p : undefined;
  };
  return {
    exists(rel) {
      if (overlay?.has(rel)) return true;
      const p = abs(rel);
      try {
        return p !== undefined && fs.statSync(p).isFile();
      } catch {
        return false;
      }
    },
    read(rel) {
      const o = overlay?.get(rel);
      if (o !== undefined) return { text: o };
      const p = abs(rel);
      if (!p) return { error: `${rel} is outside ${root}`, code: 'unreadable-file' };
      try {
        const size = fs.statSync(p).size;
        if (size > maxBytes) return { error: `${rel} is ${size} bytes, over the ${maxBytes}-byte limit; not parsed`, code: 'file-too-large' };
        const buf = fs.readFileSync(p);
        if (isBinary(buf)) return { error: `${rel} is not text (it contains NUL bytes); not parsed`, code: 'unreadable-file' };
        return { text: buf.toString('utf8') };
      } catch (e) {
        return { error: `cannot read ${rel}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, code: 'unreadable-file' };
      }
    },
  };
}
