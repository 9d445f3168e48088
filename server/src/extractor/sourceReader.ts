/**
 * Reads settings sources below a root folder, with size limits and no following of
 * paths outside the root. Never throws: unreadable files become problems.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Default largest file parsed. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Default largest number of brackets, commas, colons, equals signs, semicolons and line breaks in
 * a file parsed: an estimate of its syntax nodes, which is what parsing costs in time and memory.
 * Real settings modules have about two per line, so this admits some 100,000 ordinary lines; a
 * generated list literal of a few MB, which would take seconds and most of a gigabyte, is refused.
 */
export const DEFAULT_MAX_FILE_TOKENS = 250_000;

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
 * Looks like binary data without NUL bytes: more than 1% of its first 8 KB are control characters
 * that Python source never holds outside string literals (all but tab, line breaks, form feed and
 * escape). Parsing such data, and recovering from its endless syntax errors, takes seconds per 100 KB.
 */
function hasControlCharacters(buf: Buffer): boolean {
  const sample = buf.subarray(0, 8192);
  let count = 0;
  for (const b of sample) if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f) count++;
  return count > sample.length / 100;
}

/** Whether `text` has more than `max` of the characters {@link DEFAULT_MAX_FILE_TOKENS} counts. */
function tooDense(text: string, max: number): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 10: // \n
      case 40: // (
      case 41: // )
      case 44: // ,
      case 58: // :
      case 59: // ;
      case 61: // =
      case 91: // [
      case 93: // ]
      case 123: // {
      case 125: // }
        if (++count > max) return true;
    }
  }
  return false;
}

/**
 * A reader over the real file system.
 * @param overlay in-memory texts that win over the disk (unsaved editor buffers, tests); the same limits apply to them.
 * @param maxTokens see {@link DEFAULT_MAX_FILE_TOKENS}.
 */
export function fileSystemReader(root: string, maxBytes = DEFAULT_MAX_FILE_BYTES, overlay?: ReadonlyMap<string, string>, maxTokens = DEFAULT_MAX_FILE_TOKENS): SourceReader {
  const checked = (rel: string, text: string, size: number): ReadResult => {
    if (size > maxBytes) return { error: `${rel} is ${size} bytes, over the ${maxBytes}-byte limit; not parsed`, code: 'file-too-large' };
    if (tooDense(text, maxTokens)) return { error: `${rel} has over ${maxTokens} brackets, commas, colons, equals signs and line breaks, too many to parse in reasonable time; not parsed`, code: 'file-too-large' };
    return { text };
  };
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
      if (o !== undefined) return checked(rel, o, Buffer.byteLength(o));
      const p = abs(rel);
      if (!p) return { error: `${rel} is outside ${root}`, code: 'unreadable-file' };
      try {
        const size = fs.statSync(p).size;
        if (size > maxBytes) return { error: `${rel} is ${size} bytes, over the ${maxBytes}-byte limit; not parsed`, code: 'file-too-large' };
        const buf = fs.readFileSync(p);
        if (isBinary(buf)) return { error: `${rel} is not text (it contains NUL bytes); not parsed`, code: 'unreadable-file' };
        if (hasControlCharacters(buf)) return { error: `${rel} is not text (it contains control characters); not parsed`, code: 'unreadable-file' };
        return checked(rel, buf.toString('utf8'), buf.length);
      } catch (e) {
        return { error: `cannot read ${rel}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, code: 'unreadable-file' };
      }
    },
  };
}
