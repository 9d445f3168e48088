/**
 * The folder downloaded files are kept in, one file per pinned path: `<cacheDir>/<owner>/<name>/
 * <commit>/<path>`. A file counts as cached only if it is a regular file (never a link: a link
 * planted in the cache would make the parser read any file the user can) with its pinned size
 * and SHA-256, so a half-written, edited or swapped file is seen and downloaded again. Files are
 * written atomically into private folders: a reader sees the old file or the whole new one.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRegularFile } from '../common/files';
import { failWith, ok, type Result } from '../common/result';
import type { PinnedFile } from './files';

/**
 * What {@link cacheState} found: every file verified (with `root`, the folder of a commit's tree,
 * which throws a RangeError like {@link cachedPath} for a repo that would leave the cache), or the
 * files to download.
 */
export type CacheState =
  | { state: 'complete'; root: (repo: string, commit: string) => string }
  | { state: 'missing'; missing: PinnedFile[] }
  | { state: 'corrupt'; corrupt: PinnedFile[]; missing: PinnedFile[] };

/** A cached file's state alone. */
export type CachedFileState = 'verified' | 'missing' | 'corrupt';

/**
 * Where a pinned file lives in a cache folder: `<cacheDir>/<owner>/<name>/<commit>/<path>`.
 * @throws RangeError if the result would leave `cacheDir` (a file that did not pass
 * `checkPinnedFile`): a programming error, not a condition to handle.
 */
export function cachedPath(cacheDir: string, file: PinnedFile): string {
  const [owner = '', name = ''] = file.repo.split('/');
  return inside(cacheDir, [owner, name, file.commit, ...file.path.split('/')]);
}

/** `segments` joined under `cacheDir`, checked to stay inside it after `path.resolve`. */
function inside(cacheDir: string, segments: readonly string[]): string {
  const root = path.resolve(cacheDir);
  const target = path.resolve(root, ...segments);
  if (!target.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) throw new RangeError('a pinned file would be cached outside the cache folder');
  return target;
}

/**
 * Checks that every file is in the cache with its exact SHA-256 and size. Reads with
 * `readRegularFile` (regular files only, capped at the pinned size + 1); a link anywhere below
 * `cacheDir` makes the file corrupt, never followed.
 */
export function cacheState(cacheDir: string, files: readonly PinnedFile[]): CacheState {
  const missing: PinnedFile[] = [];
  const corrupt: PinnedFile[] = [];
  for (const file of files) {
    const state = cachedFileState(cacheDir, file);
    if (state === 'missing') missing.push(file);
    else if (state === 'corrupt') corrupt.push(file);
  }
  if (corrupt.length > 0) return { state: 'corrupt', corrupt, missing };
  if (missing.length > 0) return { state: 'missing', missing };
  return { state: 'complete', root: (repo, commit) => inside(cacheDir, [...repo.split('/'), commit]) };
}

/** One file's state in the cache (see {@link cacheState}). */
export function cachedFileState(cacheDir: string, file: PinnedFile): CachedFileState {
  const read = readCachedFile(cacheDir, file);
  return Buffer.isBuffer(read) ? 'verified' : read;
}

/**
 * A cached file's bytes when they are the pinned ones (reached through no link, of the pinned
 * size and SHA-256); else why not. What reads the cache reads it through this, so a file changed
 * since it was checked is never used.
 */
export function readCachedFile(cacheDir: string, file: PinnedFile): Buffer | 'missing' | 'corrupt' {
  const target = cachedPath(cacheDir, file);
  const links = linkBelow(path.resolve(cacheDir), target);
  if (links !== 'none') return links;
  const read = readRegularFile(target, file.bytes + 1);
  if (!read.ok) return read.code === 'not-found' ? 'missing' : 'corrupt';
  if (read.value.length !== file.bytes) return 'corrupt';
  return createHash('sha256').update(read.value).digest('hex') === file.sha256 ? read.value : 'corrupt';
}

/**
 * Whether a path below `root` goes through a link: each part is checked with `lstat`, from the
 * first folder under `root` to the file. (`root` itself may be a link: it is the user's choice.)
 */
function linkBelow(root: string, target: string): 'none' | 'missing' | 'corrupt' {
  const link = firstLink(root, target);
  return link === undefined ? 'none' : link === 'missing' ? 'missing' : 'corrupt';
}

/** The first part of `target` below `root` that is a link, 'missing' when a part does not exist first, or undefined. */
function firstLink(root: string, target: string): string | undefined {
  let current = root;
  for (const part of path.relative(root, target).split(path.sep)) {
    current = path.join(current, part);
    try {
      if (fs.lstatSync(current).isSymbolicLink()) return current;
    } catch {
      return 'missing';
    }
  }
  return undefined;
}

/**
 * Removes the link (the link itself, never what it points to) that a pinned file's cache path goes
 * through, if any, so that writing the file cannot land outside the cache folder.
 */
export function removeLinkBelow(cacheDir: string, file: PinnedFile): Result<void, 'disk'> {
  const link = firstLink(path.resolve(cacheDir), cachedPath(cacheDir, file));
  if (link === undefined || link === 'missing') return ok(undefined);
  try {
    fs.unlinkSync(link);
    return ok(undefined);
  } catch (e) {
    return failWith(`cannot remove the link ${link} from the cache: ${diskMessage((e as NodeJS.ErrnoException).code ?? 'EUNKNOWN')}`, 'disk');
  }
}

/**
 * Writes bytes atomically: a temporary file in the same folder (random name, mode 0o600, created
 * exclusively), flushed to the disk, then renamed over `target` (a link there is replaced, not
 * followed). Missing folders are created with mode 0o700. A failure's message names the target
 * and says what the OS error means, with its code.
 */
export function writeAtomically(target: string, bytes: Buffer): Result<void, 'disk'> {
  const folder = path.dirname(target);
  const temporary = path.join(folder, `.${path.basename(target)}.${randomBytes(8).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    fd = fs.openSync(temporary, 'wx', 0o600);
    for (let written = 0; written < bytes.length; ) written += fs.writeSync(fd, bytes, written, bytes.length - written);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temporary, target);
    return ok(undefined);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
    if (fd !== undefined) quietly(() => fs.closeSync(fd as number));
    quietly(() => fs.rmSync(temporary, { force: true }));
    return failWith(`cannot write ${target}: ${diskMessage(code)}`, 'disk');
  }
}

/**
 * Tidying after a failed write: the failure already reported is the one that matters, and the
 * temporary file may never have existed (the folder could not be made).
 */
function quietly(step: () => void): void {
  try {
    step();
  } catch {
    // See above: a second error would hide the first.
  }
}

const DISK_MESSAGES: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'a file is in the way',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many files are open',
  EIO: 'the disk reported an input/output error',
};

/** What an OS error code means for a write, with the code: `the disk is full (ENOSPC)`. */
export function diskMessage(code: string): string {
  const meaning = DISK_MESSAGES[code];
  return meaning === undefined ? code : `${meaning} (${code})`;
}
