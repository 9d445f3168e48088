/**
 * Resolution of `from x import *` to a file inside the source tree.
 */
import * as path from 'node:path';
import type { SourceReader } from './sourceReader';

/**
 * Resolves a star-import's module to a POSIX path relative to the source root, or undefined
 * when it lies outside the tree (a third-party package).
 * @param moduleText the module as written: `openedx.envs.common`, `.common`, `..base`.
 * @param fromFile the importing file, POSIX-relative to the root.
 */
export function resolveStarImport(moduleText: string, fromFile: string, reader: SourceReader): string | undefined {
  const m = /^(\.*)(.*)$/.exec(moduleText.replace(/\s+/g, ''));
  if (!m) return undefined;
  const dots = m[1].length;
  const parts = m[2] ? m[2].split('.') : [];
  const candidates: string[] = [];
  if (dots > 0) {
    let dir = path.posix.dirname(fromFile);
    for (let i = 1; i < dots; i++) dir = path.posix.dirname(dir);
    const base = path.posix.join(dir, ...parts);
    candidates.push(`${base}.py`, `${base}/__init__.py`);
  } else {
    const base = parts.join('/');
    candidates.push(`${base}.py`, `${base}/__init__.py`);
    // Repositories sometimes keep the package one level down (src layouts); try relative to the importer's top folder too.
    const top = fromFile.split('/')[0];
    if (top && !base.startsWith(`${top}/`)) candidates.push(`${top}/${base}.py`);
  }
  return candidates.map((c) => path.posix.normalize(c)).find((c) => !c.startsWith('..') && reader.exists(c));
}
