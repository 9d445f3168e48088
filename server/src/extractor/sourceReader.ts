/**
 * Reads settings sources below a root folder, with size limits, regular files only, and nothing
 * whose real path (symbolic links resolved) is outside the root. Never throws: unreadable files
 * become problems.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { changedRange } from '../python/parseCache';
import { formatBytes, readRegularFile } from '../common/files';
import { failWith, ok, type Result } from '../common/result';
import { MAX_CONTROL_CHARACTER_SHARE, MAX_MODULE_BYTES, MAX_MODULE_TOKENS } from './limits';

/** Default largest file parsed: {@link MAX_MODULE_BYTES}. */
export const DEFAULT_MAX_FILE_BYTES = MAX_MODULE_BYTES;

/** Default largest number of brackets, commas, … in a file parsed: {@link MAX_MODULE_TOKENS}. */
export const DEFAULT_MAX_FILE_TOKENS = MAX_MODULE_TOKENS;

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
  /** The file's identity and times when it was read, and the reader's bounds (see {@link statSignature}). */
  signature?: string;
}

/** Paths remembered at most (a workspace's settings chains and their plugin apps' files, with room to spare). */
const READ_CACHE_FILES = 160;

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

  /** The text read last at `file`, if the file has the same signature as then (the same file, not written since). */
  unchanged(file: string, signature: string): string | undefined {
    const last = this.byPath.get(file);
    return last?.signature === signature ? last.text : undefined;
  }

  /** Remembers what passed every check at `file`. */
  remember(file: string, text: string, dense: number, bytes?: Uint8Array, signature?: string): void {
    this.byPath.delete(file);
    this.byPath.set(file, { text, dense, ...(bytes !== undefined ? { bytes } : {}), ...(signature !== undefined ? { signature } : {}) });
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
  /** Whether a file (or anything but a folder) exists (relative POSIX path). */
  exists(rel: string): boolean;
  read(rel: string): ReadResult;
}

/** Looks like a binary file: a NUL byte anywhere (binary data after a page of text is still binary). */
function isBinary(buf: Buffer): boolean {
  return buf.includes(0);
}

/**
 * Looks like binary data without NUL bytes: over the whole file, more than
 * {@link MAX_CONTROL_CHARACTER_SHARE} of its bytes are control characters that Python source never
 * holds outside string literals (all but tab, line breaks, form feed and escape).
 */
function hasControlCharacters(buf: Buffer): boolean {
  let count = 0;
  // Indexed: a `for…of` over a Buffer allocates an iterator result per byte until optimised.
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f) count++;
  }
  return count > buf.length * MAX_CONTROL_CHARACTER_SHARE;
}

/** Whether `p` is `folder` or below it (both real paths). */
function isInside(p: string, folder: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
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
  const tooLarge = (rel: string, size: number): ReadResult => failWith(`skipped ${rel}: it is ${size.toLocaleString('en-US')} bytes, over the ${formatBytes(maxBytes)} limit`, 'file-too-large');
  const checked = (rel: string, file: string | undefined, text: string, size: number, bytes?: Uint8Array, signature?: string): ReadResult => {
    if (size > maxBytes) return tooLarge(rel, size);
    const dense = cache !== undefined && file !== undefined ? cache.dense(file, text) : countDense(text, 0, text.length);
    if (dense > maxTokens) return failWith(`${rel} has over ${maxTokens} brackets, commas, colons, equals signs and line breaks, too many to parse in reasonable time; not parsed`, 'file-too-large');
    if (file !== undefined) cache?.remember(file, text, dense, bytes, signature);
    return ok(text);
  };
  const abs = (rel: string): string | undefined => {
    const p = path.resolve(root, rel);
    return p === root || p.startsWith(root + path.sep) ? p : undefined;
  };
  // Resolved once: the root may itself be reached through a link (a workspace folder, /tmp on macOS).
  let realRoot: string | undefined;
  const realRootOf = (): string => (realRoot ??= realpathOr(root));
  return {
    exists(rel) {
      if (overlay?.has(rel)) return true;
      const p = abs(rel);
      // Anything but a folder: a FIFO or device named like a module is then refused by `read` with
      // a problem saying what it is, not taken for a missing module.
      try {
        return p !== undefined && !fs.statSync(p).isDirectory();
      } catch {
        return false;
      }
    },
    read(rel) {
      const p = abs(rel);
      const o = overlay?.get(rel);
      if (o !== undefined) return checked(rel, p, o, Buffer.byteLength(o));
      if (!p) return failWith(`${rel} is outside ${root}`, 'unreadable-file');
      // The same file, not written since it passed every check here: its text as then, for one
      // stat(2) instead of realpath, open, read and close (a live re-extraction reads some eighty
      // unchanged files). A link re-pointed since names another file, so another signature.
      const signature = cache !== undefined ? statSignature(p, `${realRootOf()}\u0000${maxBytes}\u0000${maxTokens}`) : undefined;
      if (signature !== undefined) {
        const same = cache?.unchanged(p, signature);
        if (same !== undefined) return ok(same);
      }
      // A link in the package (the file, or a folder on its path) must not take the reading
      // elsewhere: what a hover shows must come from the sources the user pointed at.
      let real: string;
      try {
        // One realpath(3) call: the JavaScript version lstat()s every folder on the path, for
        // each of the forty-odd files a platform extraction reads.
        real = fs.realpathSync.native(p);
      } catch (e) {
        return failWith(`cannot read ${rel}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, 'unreadable-file');
      }
      if (!isInside(real, realRootOf())) return failWith(`${rel} resolves outside the sources folder; not read`, 'unreadable-file');
      const read = readRegularFile(real, maxBytes);
      if (!read.ok) {
        if (read.code === 'too-large') return failWith(`skipped ${rel}: ${read.error}`, 'file-too-large');
        if (read.code === 'not-a-file') return failWith(`skipped ${rel}: ${read.error}`, 'unreadable-file');
        return failWith(`cannot read ${rel}: ${read.error}`, 'unreadable-file');
      }
      const buf = read.value;
      const known = cache?.decoded(p, buf);
      if (known !== undefined) {
        // Touched, not changed: the new signature stands for the same text.
        if (signature !== undefined) cache?.remember(p, known, cache.dense(p, known), buf, signature);
        return ok(known);
      }
      if (isBinary(buf)) return failWith(`${rel} is not text (it contains NUL bytes); not parsed`, 'unreadable-file');
      if (hasControlCharacters(buf)) return failWith(`${rel} is not text (it contains control characters); not parsed`, 'unreadable-file');
      return checked(rel, p, buf.toString('utf8'), buf.length, buf, signature);
    },
  };
}

/**
 * A regular file's identity (device, inode), size and modification and change times in
 * nanoseconds, with `context` (the reader's real root and bounds); undefined for anything else or
 * when it cannot be had. Any write changes the change time, so an equal signature means the same,
 * unwritten file.
 */
function statSignature(file: string, context: string): string | undefined {
  try {
    const st = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
    if (st === undefined || !st.isFile()) return undefined;
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}\u0000${context}`;
  } catch {
    return undefined;
  }
}

/** The real path of a folder, or the folder as given when it cannot be resolved (then nothing in it can be read either). */
function realpathOr(folder: string): string {
  try {
    return fs.realpathSync(folder);
  } catch {
    return folder;
  }
}
