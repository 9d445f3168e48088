/**
 * Glob matching for the `openedxConfig.associations` setting, with the syntax VS Code users know
 * from `files.associations`: `*`, `?`, `**`, `{a,b}` and `[…]`. A pattern without `/` matches the
 * file's base name; one with `/` matches the path relative to a workspace folder, or the absolute path.
 */
import * as path from 'node:path';
import { compileGlob, type GlobMatcher } from './globMatcher';

/**
 * The longest glob used. Matching is linear in the glob's length, but a longer glob is no one's
 * intent: `readSettings` drops it with a problem naming the setting, and it never matches here.
 */
export const MAX_GLOB_LENGTH = 1000;

/** Compiled patterns, so a document open costs no compilation. */
const compiled = new Map<string, GlobMatcher | null>();

/**
 * Compiles a glob (see `globMatcher.ts` for its syntax) to a matcher that runs in linear time;
 * null when the glob is malformed or longer than {@link MAX_GLOB_LENGTH}. Never throws.
 */
export function globMatcher(glob: string): GlobMatcher | null {
  const cached = compiled.get(glob);
  if (cached !== undefined) return cached;
  const matcher = glob.length > MAX_GLOB_LENGTH ? null : compileGlob(glob, process.platform === 'win32');
  if (compiled.size > 1000) compiled.clear();
  compiled.set(glob, matcher);
  return matcher;
}

/** Forward slashes, so patterns are written the same way on every platform. */
function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * Whether `filePath` (absolute) matches `glob`, tried against the base name (patterns without `/`),
 * the path relative to each workspace folder containing it, and the absolute path.
 */
export function matchesGlob(glob: string, filePath: string, workspaceFolders: readonly string[]): boolean {
  const matcher = globMatcher(glob.replace(/\\/g, '/'));
  if (matcher === null) return false;
  const posix = toPosix(filePath);
  if (!glob.includes('/')) return matcher.test(path.posix.basename(posix));
  if (matcher.test(posix)) return true;
  for (const folder of workspaceFolders) {
    const rel = path.relative(folder, filePath);
    if (rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel) && matcher.test(toPosix(rel))) return true;
  }
  return false;
}

/** The IDA of the first association (in the setting's order) whose glob matches, or undefined. */
export function idaFromAssociations(associations: Readonly<Record<string, string>>, filePath: string, workspaceFolders: readonly string[]): string | undefined {
  for (const [glob, ida] of Object.entries(associations)) {
    if (matchesGlob(glob, filePath, workspaceFolders)) return ida;
  }
  return undefined;
}
