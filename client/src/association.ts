/**
 * Building an `openedxConfig.associations` entry (glob → IDA) for one file, as "Choose the IDA
 * for this file" does when asked to remember the choice in the settings. Pure (no `vscode` import).
 *
 * The server matches a glob containing `/` against the path relative to each workspace folder
 * and against the absolute path, and a glob without `/` against the base name (see
 * server/src/registry/globs.ts); these functions produce globs for exactly that matcher.
 */

/** Glob metacharacters of the server's matcher, each written as a one-character class. */
const GLOB_SPECIAL = /[*?[{}]/g;

/** `path` as a glob matching only itself: `*`, `?`, `[`, `{`, `}` become `[*]`, `[?]`, … */
export function escapeGlob(path: string): string {
  return path.replace(GLOB_SPECIAL, (c) => `[${c}]`);
}

/** Where an association is written. */
export interface AssociationTarget {
  /** The glob. */
  glob: string;
  /**
   * `folder`: the workspace folder's settings (the glob is relative to it, so the setting can be
   * committed with the project); `global`: the user settings (the file is outside every folder,
   * so only its absolute path identifies it).
   */
  scope: 'folder' | 'global';
}

/**
 * The association glob for a file.
 *
 * @param relativePath - the file's path relative to its workspace folder, or `undefined` when
 *   it is in none.
 * @param absolutePath - the file's absolute path.
 */
export function associationTarget(relativePath: string | undefined, absolutePath: string): AssociationTarget {
  if (relativePath !== undefined && relativePath !== '') {
    // A file at the folder's root gets a `/`-less glob, which the server matches against base
    // names anywhere in the workspace; that is what `files.associations` users expect too.
    return { glob: escapeGlob(relativePath.replace(/\\/g, '/')), scope: 'folder' };
  }
  return { glob: escapeGlob(absolutePath.replace(/\\/g, '/')), scope: 'global' };
}

/**
 * The setting's new value with `glob → ida` first. The server takes the first matching entry
 * in the setting's order, so the new, precise entry must come before broader globs.
 */
export function withAssociation(current: Readonly<Record<string, string>> | undefined, glob: string, ida: string): Record<string, string> {
  const next: Record<string, string> = { [glob]: ida };
  for (const [g, i] of Object.entries(current ?? {})) if (g !== glob) next[g] = i;
  return next;
}
