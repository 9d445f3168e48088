/**
 * From what a user names to the site-packages folder to scan, by looking at folders only (Python
 * is never run): a virtualenv (`lib/python3.X/site-packages`, Windows' `Lib/site-packages`), a
 * Python executable (`<prefix>/bin/python3`, `<venv>\Scripts\python.exe`: its prefix, the link not
 * followed, since a virtualenv's `python3` links to the system's), a prefix such as `/usr`
 * (Debian's `lib/python3/dist-packages`), or a site-packages folder itself.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fail, ok, type Result } from '../common/result';
import { statOf } from './paths';

/** A Python environment's site-packages folder, and how it was found. */
export interface PythonEnvironment {
  /** The folder to scan: the first of {@link candidates}. */
  sitePackages: string;
  /** Every site-packages folder of the environment, best first (the newest Python's, then Debian's `dist-packages`). */
  candidates: string[];
  /** What was named: a virtualenv (it has `pyvenv.cfg`), another prefix, or a site-packages folder. */
  kind: 'virtualenv' | 'prefix' | 'site-packages';
  /** The virtualenv or prefix folder, when one was named (directly or by its executable). */
  prefix?: string;
}

/** A Python executable's name: `python`, `python3`, `python3.11`, `python.exe`. */
const EXECUTABLE = /^python(\d+(\.\d+)*)?(\.exe)?$/i;

/** The folders of workspace virtualenvs looked for, in order. */
const WORKSPACE_VENVS = ['.venv', 'venv'];

function subfolders(dir: string): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() || (d.isSymbolicLink() && statOf(path.join(dir, d.name))?.isDirectory())).map((d) => d.name);
  } catch {
    return [];
  }
}

/** `python3.11` → [3, 11]; compared newest first. */
function versionOf(folder: string): number[] {
  return (/^python(\d+(?:\.\d+)*)$/.exec(folder)?.[1] ?? '0').split('.').map(Number);
}

function newestFirst(a: string, b: string): number {
  const va = versionOf(a);
  const vb = versionOf(b);
  for (let i = 0; i < Math.max(va.length, vb.length); i++) if ((va[i] ?? 0) !== (vb[i] ?? 0)) return (vb[i] ?? 0) - (va[i] ?? 0);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether a folder looks like a site-packages folder: so named, or holding distribution metadata. */
function isSitePackages(dir: string): boolean {
  const base = path.basename(dir);
  if (base === 'site-packages' || base === 'dist-packages') return true;
  try {
    return fs.readdirSync(dir).some((e) => /\.(dist-info|egg-info)$/.test(e));
  } catch {
    return false;
  }
}

/** The site-packages folders of a prefix, best first, each once (`lib64` often links to `lib`). */
export function prefixSitePackages(prefix: string): string[] {
  const found: string[] = [];
  for (const lib of ['lib', 'lib64']) {
    const pythons = subfolders(path.join(prefix, lib)).filter((f) => /^python\d+(\.\d+)*$/.test(f)).sort(newestFirst);
    for (const py of pythons) found.push(path.join(prefix, lib, py, 'site-packages'));
  }
  found.push(path.join(prefix, 'Lib', 'site-packages'));
  // Debian: its packages in `lib/python3/dist-packages`, pip's system installs in `local/lib/python3.X/dist-packages`.
  found.push(path.join(prefix, 'lib', 'python3', 'dist-packages'));
  for (const py of subfolders(path.join(prefix, 'lib')).filter((f) => /^python\d+\.\d+$/.test(f)).sort(newestFirst)) found.push(path.join(prefix, 'lib', py, 'dist-packages'));
  for (const py of subfolders(path.join(prefix, 'local', 'lib')).filter((f) => /^python\d+\.\d+$/.test(f)).sort(newestFirst)) found.push(path.join(prefix, 'local', 'lib', py, 'dist-packages'));
  const seen = new Set<string>();
  return found.filter((dir) => {
    if (statOf(dir)?.isDirectory() !== true) return false;
    let real = dir;
    try {
      real = fs.realpathSync(dir);
    } catch {
      // Kept as named.
    }
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}

/** The environment of a prefix folder. */
function fromPrefix(prefix: string, named: string): Result<PythonEnvironment> {
  const candidates = prefixSitePackages(prefix);
  if (candidates.length === 0) return fail(`${named}: no site-packages folder found in ${prefix} (looked for lib/python3.*/site-packages, Lib/site-packages and lib/python3/dist-packages)`);
  const kind = statOf(path.join(prefix, 'pyvenv.cfg'))?.isFile() === true ? 'virtualenv' : 'prefix';
  return ok({ sitePackages: candidates[0], candidates, kind, prefix });
}

/**
 * The site-packages folder of what a user named: a virtualenv or prefix folder, a Python
 * executable, or a site-packages folder. A failure says what was looked for. Never throws.
 */
export function resolveEnvironment(given: string): Result<PythonEnvironment> {
  const named = path.resolve(given);
  const st = statOf(named);
  if (st === undefined) return fail(`${given}: no such file or folder`);
  if (!st.isDirectory()) {
    if (!EXECUTABLE.test(path.basename(named))) return fail(`${given}: not a Python executable, a virtualenv or a site-packages folder`);
    // The link is not followed: a virtualenv's `bin/python3` links to the system's Python.
    const binDir = path.dirname(named);
    const prefix = ['bin', 'scripts'].includes(path.basename(binDir).toLowerCase()) ? path.dirname(binDir) : binDir;
    return fromPrefix(prefix, given);
  }
  if (isSitePackages(named)) return ok({ sitePackages: named, candidates: [named], kind: 'site-packages' });
  return fromPrefix(named, given);
}

/** The virtualenv of a workspace folder (`.venv`, then `venv`), as its folder, or undefined. */
export function detectWorkspaceEnvironment(folder: string): string | undefined {
  for (const name of WORKSPACE_VENVS) {
    const venv = path.join(folder, name);
    if (statOf(path.join(venv, 'pyvenv.cfg'))?.isFile() === true && prefixSitePackages(venv).length > 0) return venv;
  }
  return undefined;
}
