/**
 * Questions about paths of an environment that never throw: a Python environment may hold
 * dangling links, loops of links and folders we may not read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What `stat` says of a path (links followed), or undefined when it cannot be told. */
export function statOf(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

/** Whether a path is a folder (a link to one counts). */
export function isDirectory(p: string): boolean {
  return statOf(p)?.isDirectory() === true;
}

/** Whether a path is a symbolic link (even a dangling one). */
export function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Whether `p` is `folder` or below it (both absolute). */
export function isInside(p: string, folder: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}
