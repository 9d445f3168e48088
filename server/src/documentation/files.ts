/**
 * The pinned source files that documentation is downloaded as, and where each lives upstream. A
 * pinned file comes from a shipped schema, but it is checked as untrusted input all the same: its
 * repository, commit and path become a URL and, above all, a path in the cache folder, so a `..`
 * or an absolute path must never get that far.
 */
import { failWith, ok, type Result } from '../common/result';

/** One source file a shipped schema was built from, pinned. */
export interface PinnedFile {
  /** `owner/name` on GitHub. */
  repo: string;
  /** The commit, 40 lowercase hex digits. */
  commit: string;
  /** POSIX path relative to the repository root. */
  path: string;
  /** SHA-256 of the file's bytes, 64 lowercase hex digits. */
  sha256: string;
  /** The file's size in bytes. */
  bytes: number;
}

/** Where pinned files are downloaded from unless the user names a mirror. */
export const DEFAULT_BASE_URL = 'https://raw.githubusercontent.com';

/** How much of a bad value a message quotes: enough to recognise it, never a screenful. */
const QUOTE_LIMIT = 200;

const REPO_PART = /^[A-Za-z0-9._-]+$/;
const COMMIT = /^[0-9a-f]{40}$/;
const SHA256 = /^[0-9a-f]{64}$/;
/** `C:` and the like: on Windows a path starting so is absolute, whatever follows. */
const DRIVE = /^[A-Za-z]:/;

/**
 * The URL of a pinned file: `<baseUrl>/<owner>/<name>/<commit>/<path>`, each path segment
 * percent-encoded (a `#` or `?` in a file name is part of the name, not a fragment or a query).
 * Trailing slashes of `baseUrl` are dropped. The file is expected to have passed
 * {@link checkPinnedFile}.
 */
export function fileUrl(baseUrl: string, file: PinnedFile): string {
  const [owner, name] = file.repo.split('/');
  const segments = [owner, name, file.commit, ...file.path.split('/')].map(encodeURIComponent);
  return `${baseUrl.replace(/\/+$/, '')}/${segments.join('/')}`;
}

/** A value for a message: JSON-quoted (control characters visible), cut to {@link QUOTE_LIMIT} characters. */
function quote(value: string): string {
  const cut = value.length > QUOTE_LIMIT ? `${value.slice(0, QUOTE_LIMIT)}…` : value;
  return JSON.stringify(cut);
}

/**
 * Checks a pinned file's fields, as read from a schema (any JSON value). The value returned is a
 * fresh object with the five fields alone. A failure names the field and quotes at most
 * 200 characters of its value.
 */
export function checkPinnedFile(file: unknown): Result<PinnedFile, 'bad-file'> {
  if (typeof file !== 'object' || file === null || Array.isArray(file)) return failWith('a pinned file must be an object with repo, commit, path, sha256 and bytes', 'bad-file');
  const { repo, commit, path, sha256, bytes } = file as Record<string, unknown>;
  if (typeof repo !== 'string') return failWith('a pinned file has no repo (a string owner/name)', 'bad-file');
  const repoParts = repo.split('/');
  if (repoParts.length !== 2 || !repoParts.every((p) => REPO_PART.test(p) && p !== '.' && p !== '..')) {
    return failWith(`the repo of a pinned file must be owner/name (letters, digits, '.', '_', '-'): got ${quote(repo)}`, 'bad-file');
  }
  if (typeof commit !== 'string' || !COMMIT.test(commit)) return failWith(`the commit of a pinned file of ${repo} must be 40 lowercase hex digits: got ${typeof commit === 'string' ? quote(commit) : typeof commit}`, 'bad-file');
  if (typeof path !== 'string') return failWith(`a pinned file of ${repo} has no path (a string)`, 'bad-file');
  const pathProblem = problemOfPath(path);
  if (pathProblem !== undefined) return failWith(`the path of a pinned file of ${repo} ${pathProblem}: got ${quote(path)}`, 'bad-file');
  if (typeof sha256 !== 'string' || !SHA256.test(sha256)) return failWith(`the sha256 of ${path} must be 64 lowercase hex digits: got ${typeof sha256 === 'string' ? quote(sha256) : typeof sha256}`, 'bad-file');
  if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0) return failWith(`the bytes of ${path} must be a whole number of bytes, 0 or more: got ${typeof bytes === 'number' ? String(bytes) : typeof bytes}`, 'bad-file');
  return ok({ repo, commit, path, sha256, bytes });
}

/**
 * Why a path is not a plain relative POSIX path that stays inside its folder, or undefined.
 * Each case is one way to land elsewhere on some system: `..` climbs, a leading `/` or a drive
 * letter is absolute, a backslash is a separator on Windows, an empty or `.` segment makes two
 * spellings of one file, and a NUL cuts the path short in the OS.
 */
function problemOfPath(path: string): string | undefined {
  if (path === '') return 'is empty';
  if (path.includes('\0')) return 'contains a NUL character';
  if (path.includes('\\')) return 'contains a backslash';
  if (path.startsWith('/')) return 'must be relative, not start with /';
  if (DRIVE.test(path)) return 'must be relative, not start with a drive letter';
  for (const segment of path.split('/')) {
    if (segment === '') return 'has an empty segment';
    if (segment === '.' || segment === '..') return `has a '${segment}' segment`;
  }
  return undefined;
}
