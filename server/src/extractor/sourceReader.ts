/**
 * Reads settings sources below a root folder, with size limits and no following of
 * paths outside the root. Never throws: unreadable files become problems.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { changedRange } from '../python/parseCache';
import { failWith, ok, type Result } from '../common/result';

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
export type ReadResult = Result<string, ReadProblem>;

/** Why a file was not read: the code of the extraction problem reported for it. */
export type ReadProblem = 'unreadable-file' | 'file-too-large';

/** What was read last at one path and passed every check. */
interface LastRead {
  /** The bytes, when read from disk (not for an editor buffer). */
  bytes?: Uint8Array;
  text: string;
  /** Its count of the characters {@link DEFAULT_MAX_FILE_TOKENS} counts. */
  dense: number;
}

/** Paths remembered at most (a workspace's settings chains, with room to spare). */
const READ_CACHE_FILES = 64;

/**
 * What readers remember between extractions (the language server keeps one): the bytes and text
 * read last at each path, and their density count. The same bytes are not decoded again (decoding
 * a 100 KB module costs more than comparing it), and the density of an edited text is counted
 * from the last one's, over the edited range only.
 */
export class ReadCache {
  private readonly byPath = new Map<string, LastRead>();

  /** The text of these bytes, if they are the ones read last at `file` (they passed every check then). */
  decoded(file: string, bytes: Uint8Array): string | undefined {
    const last = this.byPath.get(file);
    return last?.bytes !== undefined && Buffer.compare(last.bytes, bytes) === 0 ? last.text : undefined;
  }

  /** The density count of `text` read at `file`: from the last text's count when there is one. */
  dense(file: string, text: string): number {
    const last = this.byPath.get(file);
    if (last === undefined) return countDense(text, 0, text.length);
    if (last.text === text) return last.dense;
    const { start, oldEnd, newEnd } = changedRange(last.text, text);
    return last.dense - countDense(last.text, start, oldEnd) + countDense(text, start, newEnd);
  }

  /** Remembers what passed every check at `file`. */
  remember(file: string, text: string, dense: number, bytes?: Uint8Array): void {
    this.byPath.delete(file);
    this.byPath.set(file, { text, dense, ...(bytes !== undefined ? { bytes } : {}) });
    for (const oldest of this.byPath.keys()) {
      if (this.byPath.size <= READ_CACHE_FILES) break;
      this.byPath.delete(oldest);
    }
  }

  /** Forgets everything. */
  clear(): void {
    this.byPath.clear();
  }
}

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
  // Indexed: a `for…of` over a Buffer allocates an iterator result per byte until optimised.
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i];
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f) count++;
  }
  return count > sample.length / 100;
}

/** How many of the characters {@link DEFAULT_MAX_FILE_TOKENS} counts are in `text` from `from` to `to`. */
function countDense(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
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
        count++;
    }
  }
  return count;
}

/**
 * A reader over the real file system.
 * @param overlay in-memory texts that win over the disk (unsaved editor buffers, tests); the same limits apply to them.
 * @param maxTokens see {@link DEFAULT_MAX_FILE_TOKENS}.
 * @param cache what earlier extractions read (see {@link ReadCache}).
 */
export function fileSystemReader(
  root: string,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
  overlay?: ReadonlyMap<string, string>,
  maxTokens = DEFAULT_MAX_FILE_TOKENS,
  cache?: ReadCache,
): SourceReader {
  const checked = (rel: string, file: string | undefined, text: string, size: number, bytes?: Uint8Array): ReadResult => {
    if (size > maxBytes) return failWith(`${rel} is ${size} bytes, over the ${maxBytes}-byte limit; not parsed`, 'file-too-large');
    const dense = cache !== undefined && file !== undefined ? cache.dense(file, text) : countDense(text, 0, text.length);
    if (dense > maxTokens) return failWith(`${rel} has over ${maxTokens} brackets, commas, colons, equals signs and line breaks, too many to parse in reasonable time; not parsed`, 'file-too-large');
    if (file !== undefined) cache?.remember(file, text, dense, bytes);
    return ok(text);
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
      const p = abs(rel);
      const o = overlay?.get(rel);
      if (o !== undefined) return checked(rel, p, o, Buffer.byteLength(o));
      if (!p) return failWith(`${rel} is outside ${root}`, 'unreadable-file');
      try {
        const size = fs.statSync(p).size;
        if (size > maxBytes) return failWith(`${rel} is ${size} bytes, over the ${maxBytes}-byte limit; not parsed`, 'file-too-large');
        const buf = fs.readFileSync(p);
        const known = cache?.decoded(p, buf);
        if (known !== undefined) return ok(known);
        if (isBinary(buf)) return failWith(`${rel} is not text (it contains NUL bytes); not parsed`, 'unreadable-file');
        if (hasControlCharacters(buf)) return failWith(`${rel} is not text (it contains control characters); not parsed`, 'unreadable-file');
        return checked(rel, p, buf.toString('utf8'), buf.length, buf);
      } catch (e) {
        return failWith(`cannot read ${rel}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, 'unreadable-file');
      }
    },
  };
}
