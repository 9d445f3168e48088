/**
 * Brings a set of pinned files into the cache folder: each file not already there with its pinned
 * hash is downloaded, checked against its size and SHA-256 in memory, and only then written
 * (atomically). What lands in the cache is exactly the pinned bytes or nothing.
 */
import { createHash } from 'node:crypto';
import { formatBytes } from '../common/files';
import { failWith, ok, type Result } from '../common/result';
import { cachedFileState, cachedPath, removeLinkBelow, writeAtomically } from './cache';
import { fetchBytes, type FetchFailureCode, type FetchOptions } from './fetch';
import { checkPinnedFile, fileUrl, type PinnedFile } from './files';

// What the client needs besides downloadFiles, from the modules it may import (layers.test.ts).
export { DEFAULT_BASE_URL, type PinnedFile } from './files';

/** Why a download of pinned files failed. */
export type DownloadFailureCode = FetchFailureCode | 'hash-mismatch' | 'disk' | 'bad-file' | 'too-large';

/** Where from, where to, and the bounds of {@link downloadFiles}. */
export interface DownloadOptions extends Omit<FetchOptions, 'maxBytes'> {
  baseUrl: string;
  cacheDir: string;
  /** Per file cap (default 5 MB) and total cap (default 50 MB); a PinnedFile whose `bytes` exceed them is refused before any request. */
  maxFileBytes?: number;
  maxTotalBytes?: number;
  /** Called as each file starts (`done` files finished of `total` to download), and once at the end with `done === total`. */
  onProgress?: (progress: { done: number; total: number; file: string }) => void;
}

/** What {@link downloadFiles} did. */
export interface DownloadSummary {
  downloaded: number;
  alreadyCached: number;
  /** Bytes downloaded (cached files not counted). */
  bytes: number;
}

const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_TOTAL_BYTES = 50 * 1024 * 1024;
/** Hex digits of a hash shown in a message: enough to tell two apart. */
const HASH_SHOWN = 12;

/**
 * Downloads the files not already verified in the cache, checks each one's size and SHA-256
 * before writing (a wrong one: nothing written, 'hash-mismatch' naming the path and both hashes'
 * first 12 hex digits), writes atomically, replaces corrupt cached files. Stops at the first
 * failure (files already written stay: each is complete and verified). Every PinnedFile is
 * checked first: a bad one, or one over a size cap, fails the whole call before any request.
 * Never throws (but for what `onProgress` throws).
 */
export async function downloadFiles(files: readonly PinnedFile[], options: DownloadOptions): Promise<Result<DownloadSummary, DownloadFailureCode>> {
  const checked = checkAll(files, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES);
  if (!checked.ok) return checked;
  const wanted = checked.value.filter((file) => cachedFileState(options.cacheDir, file) !== 'verified');
  const summary: DownloadSummary = { downloaded: 0, alreadyCached: checked.value.length - wanted.length, bytes: 0 };
  const { baseUrl, cacheDir, maxFileBytes: _perFile, maxTotalBytes: _total, onProgress, ...fetchOptions } = options;
  for (const [done, file] of wanted.entries()) {
    onProgress?.({ done, total: wanted.length, file: file.path });
    // Capped at the pinned size: a larger answer is not the pinned file, whatever it is.
    const fetched = await fetchBytes(fileUrl(baseUrl, file), { ...fetchOptions, maxBytes: file.bytes });
    if (!fetched.ok) return failWith(`${file.path}: ${fetched.error}`, fetched.code);
    const mismatch = hashMismatch(file, fetched.value);
    if (mismatch !== undefined) return failWith(mismatch, 'hash-mismatch');
    const unlinked = removeLinkBelow(cacheDir, file);
    if (!unlinked.ok) return unlinked;
    const written = writeAtomically(cachedPath(cacheDir, file), fetched.value);
    if (!written.ok) return written;
    summary.downloaded++;
    summary.bytes += fetched.value.length;
  }
  if (wanted.length > 0) onProgress?.({ done: wanted.length, total: wanted.length, file: wanted[wanted.length - 1].path });
  return ok(summary);
}

/**
 * The files, each checked, with duplicates (one path of one commit listed twice alike) dropped;
 * or the first problem: a bad field, a file over the per-file cap, all of them over the total
 * cap, or one path listed twice with different contents.
 */
function checkAll(files: readonly PinnedFile[], maxFileBytes: number, maxTotalBytes: number): Result<PinnedFile[], 'bad-file' | 'too-large'> {
  const byKey = new Map<string, PinnedFile>();
  let total = 0;
  for (const raw of files as readonly unknown[]) {
    const checked = checkPinnedFile(raw);
    if (!checked.ok) return checked;
    const file = checked.value;
    if (file.bytes > maxFileBytes) return failWith(`${file.path} is ${formatBytes(file.bytes)}, over the ${formatBytes(maxFileBytes)} limit for one file`, 'too-large');
    const key = `${file.repo}/${file.commit}/${file.path}`;
    const seen = byKey.get(key);
    if (seen !== undefined) {
      if (seen.sha256 !== file.sha256 || seen.bytes !== file.bytes) return failWith(`${file.path} of ${file.repo} is listed twice with different hashes`, 'bad-file');
      continue;
    }
    byKey.set(key, file);
    total += file.bytes;
    if (total > maxTotalBytes) return failWith(`the files come to more than the ${formatBytes(maxTotalBytes)} limit for one download`, 'too-large');
  }
  return ok([...byKey.values()]);
}

/** Why `bytes` are not the pinned file, or undefined when they are. */
function hashMismatch(file: PinnedFile, bytes: Buffer): string | undefined {
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual === file.sha256 && bytes.length === file.bytes) return undefined;
  const sizes = bytes.length === file.bytes ? '' : ` (${formatBytes(bytes.length)} instead of ${formatBytes(file.bytes)})`;
  return `${file.path} does not match its pinned hash: expected ${file.sha256.slice(0, HASH_SHOWN)}…, got ${actual.slice(0, HASH_SHOWN)}…${sizes}; nothing was written`;
}
