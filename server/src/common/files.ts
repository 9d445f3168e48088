/**
 * The one way to read a file that a user named or that was found in a workspace: only a regular
 * file, and only up to a size. A FIFO would block the reading thread forever, `/dev/zero` or a
 * growing file would fill the memory, and a directory or socket cannot be read; each is a
 * failed {@link Result} with a message naming the file instead.
 */
import * as fs from 'node:fs';
import { errorMessage, failWith, ok, type Result } from './result';

/** Why a file was not read. */
export type FileProblem = 'not-found' | 'not-a-file' | 'too-large' | 'unreadable';

/** Bytes read at once past the size `fstat` told: few calls, and never the whole cap allocated up front. */
const CHUNK = 1024 * 1024;

/**
 * What the file is, for messages about a file that is not a regular one.
 */
function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}

/**
 * The bytes of the regular file at `file`, at most `maxBytes` of them. The file is opened
 * without blocking (a FIFO's open waits for a writer otherwise), checked with `fstat` on the open
 * descriptor (so what is checked is what is read, even if the path is swapped meanwhile), and read
 * with a cap (a file that grows past `maxBytes` while read is refused too). Never throws.
 * A failure's message is the reason alone, to follow "cannot read FILE: " (`it is a named pipe, not
 * a regular file`, `ENOENT: no such file`): callers name the file as their messages do.
 */
export function readRegularFile(file: string, maxBytes: number): Result<Buffer, FileProblem> {
  let fd: number;
  try {
    // O_NONBLOCK is POSIX only (absent on Windows, where opening a pipe by path does not block).
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return failWith(`${code}: no such file`, 'not-found');
    if (code === 'EISDIR') return failWith('it is a directory, not a regular file', 'not-a-file');
    return failWith(code ?? errorMessage(e), 'unreadable');
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return failWith(`it is ${kindOf(st)}, not a regular file`, 'not-a-file');
    if (st.size > maxBytes) return failWith(`it is ${st.size.toLocaleString('en-US')} bytes, over the ${formatBytes(maxBytes)} limit`, 'too-large');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // Sized by fstat first (most files are read in one call); one byte past the cap tells a
      // file that grew beyond it, and files that report no size (in /proc) are read in chunks.
      // Once the size fstat told is read, one byte tells the end: a chunk allocated there for
      // nothing cost a megabyte per file read (seconds of garbage collection over thousands).
      const want = total === 0 && st.size > 0 ? st.size + 1 : total === st.size && st.size > 0 ? 1 : CHUNK;
      const chunk = Buffer.allocUnsafe(Math.min(want, maxBytes + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) return failWith(`it grew past the ${formatBytes(maxBytes)} limit while it was read`, 'too-large');
      // A regular file read short of the byte past its size is at its end: no probe for more (a
      // 1 MB buffer per file read, which the garbage collector counts as memory pressure).
      if (want === st.size + 1 && n < chunk.length) break;
    }
    return ok(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total));
  } catch (e) {
    return failWith((e as NodeJS.ErrnoException).code ?? errorMessage(e), 'unreadable');
  } finally {
    fs.closeSync(fd);
  }
}

/** {@link readRegularFile}, decoded as UTF-8 (invalid bytes become U+FFFD). Never throws. */
export function readRegularTextFile(file: string, maxBytes: number): Result<string, FileProblem> {
  const read = readRegularFile(file, maxBytes);
  return read.ok ? ok(read.value.toString('utf8')) : read;
}

/** A byte count for messages: `12,345 bytes` below a megabyte, else `1.5 MB` (MB of 2^20 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${bytes.toLocaleString('en-US')} bytes`;
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
