/**
 * The Python modules of one distribution: the `.py` files its `RECORD` (or `installed-files.txt`)
 * lists, or, without such a list, those found by walking its top-level folders. The walk is
 * bounded: symbolic links are followed only inside the site-packages folder and each folder is
 * entered once (a link loop ends there), folders deeper than a bound and files past a count are
 * not walked (one problem says so), and a folder that cannot be listed is a problem. Test
 * modules are left out: they run under a test runner, not in the service.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExtractionProblem } from '../catalog/types';
import { listedFiles, type Distribution } from './distributions';
import type { ScanLimits } from './limits';
import { isDirectory, isInside, isLink } from './paths';

/** The modules of a distribution, POSIX-relative to the site-packages folder, sorted. */
export interface DistributionModules {
  files: string[];
  problems: ExtractionProblem[];
}

/** What can be imported: a folder or module name that is a Python identifier. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Test modules and folders of tests: never run by the service. */
function isTestPath(rel: string): boolean {
  const parts = rel.split('/');
  const file = parts[parts.length - 1];
  return parts.slice(0, -1).includes('tests') || /^(test_.*|.*_tests?|tests|conftest)\.py$/.test(file);
}

/** Whether a listed path is a module of the folder that may be scanned. */
function isScannableListed(rel: string): boolean {
  if (!rel.endsWith('.py') || rel.startsWith('../') || rel === '..' || path.posix.isAbsolute(rel)) return false;
  const parts = rel.split('/');
  return parts.slice(0, -1).every((p) => IDENTIFIER.test(p)) && IDENTIFIER.test(parts[parts.length - 1].slice(0, -3)) && !isTestPath(rel);
}

/** A problem about a path of the folder (line 1: it concerns the whole file or folder). */
function problem(code: ExtractionProblem['code'], message: string, file: string): ExtractionProblem {
  return { code, message, file, line: 1, column: 0 };
}

/** One walk's state. */
class Walker {
  readonly files: string[] = [];
  readonly problems: ExtractionProblem[] = [];
  private readonly visited = new Set<string>();
  private full = false;
  private tooDeep = false;
  private realRoot: string | undefined;

  constructor(
    private readonly root: string,
    private readonly limits: ScanLimits,
  ) {}

  /** Adds a module; false once the bound on files is reached. */
  add(rel: string): boolean {
    if (this.files.length >= this.limits.maxFilesPerDistribution) {
      if (!this.full) this.problems.push(problem('limit-reached', `more than ${this.limits.maxFilesPerDistribution.toLocaleString('en-US')} Python files in this distribution; the others were not read`, rel));
      this.full = true;
      return false;
    }
    this.files.push(rel);
    return true;
  }

  /** Walks a top-level folder (explicit stack: depth is bounded, not the call stack). */
  walk(top: string): void {
    const topAbs = path.join(this.root, top);
    if (isLink(topAbs) && this.linkKind(topAbs) !== 'folder') return;
    const stack: { rel: string; depth: number }[] = [{ rel: top, depth: 0 }];
    while (stack.length > 0 && !this.full) {
      const { rel, depth } = stack.pop() as { rel: string; depth: number };
      const abs = path.join(this.root, rel);
      if (!this.enter(abs, rel)) continue;
      let dirents: fs.Dirent[];
      try {
        dirents = fs.readdirSync(abs, { withFileTypes: true });
      } catch (e) {
        this.problems.push(problem('unreadable-file', `cannot list ${rel}: ${(e as NodeJS.ErrnoException).code ?? 'unknown error'}`, rel));
        continue;
      }
      dirents.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
      const modules: string[] = [];
      for (const d of dirents) {
        const child = `${rel}/${d.name}`;
        const isLink = d.isSymbolicLink();
        const kind = isLink ? this.linkKind(path.join(abs, d.name)) : d.isDirectory() ? 'folder' : d.isFile() ? 'file' : 'other';
        if (kind === 'folder' && IDENTIFIER.test(d.name) && d.name !== '__pycache__' && d.name !== 'tests') {
          if (depth + 1 > this.limits.maxDepth) {
            if (!this.tooDeep) this.problems.push(problem('limit-reached', `folders nested more than ${this.limits.maxDepth} levels deep; ${child} and deeper ones were not read`, child));
            this.tooDeep = true;
          } else stack.push({ rel: child, depth: depth + 1 });
        } else if (kind !== 'folder' && kind !== 'outside' && d.name.endsWith('.py') && IDENTIFIER.test(d.name.slice(0, -3)) && !isTestPath(child)) {
          // Anything named like a module but a folder: a FIFO or a device is refused when read, with a problem.
          modules.push(child);
        }
      }
      for (const m of modules.reverse()) if (!this.add(m)) break;
    }
  }

  /** Marks a folder as walked; false when it was already (a link loop, or two links to one folder). */
  private enter(abs: string, rel: string): boolean {
    try {
      const st = fs.statSync(abs);
      const id = `${st.dev}:${st.ino}`;
      if (this.visited.has(id)) return false;
      this.visited.add(id);
      return true;
    } catch (e) {
      this.problems.push(problem('unreadable-file', `cannot read ${rel}: ${(e as NodeJS.ErrnoException).code ?? 'unknown error'}`, rel));
      return false;
    }
  }

  /** What a symbolic link leads to; a link out of the folder is not followed, not even read (what is shown must be the environment's code). */
  private linkKind(abs: string): 'folder' | 'file' | 'outside' {
    try {
      this.realRoot ??= fs.realpathSync(this.root);
      const real = fs.realpathSync(abs);
      if (!isInside(real, this.realRoot)) return 'outside';
      const st = fs.statSync(real);
      return st.isDirectory() ? 'folder' : 'file';
    } catch {
      // A dangling link or a loop of links (ELOOP): nothing to walk; a module name is still reported when read.
      return 'file';
    }
  }
}

/**
 * The modules of `dist` to scan: the ones its file list names (when it has one), else those found
 * below its top-level folders and its top-level modules.
 */
export function distributionModules(root: string, dist: Distribution, limits: ScanLimits): DistributionModules {
  const walker = new Walker(root, limits);
  const listed = listedFiles(root, dist);
  if (listed !== undefined) {
    for (const rel of [...new Set(listed.filter(isScannableListed))].sort()) if (!walker.add(rel)) break;
    return { files: walker.files, problems: walker.problems };
  }
  for (const top of [...dist.topLevel].sort()) {
    if (isDirectory(path.join(root, top))) walker.walk(top);
    else if (fs.existsSync(path.join(root, `${top}.py`)) || isLink(path.join(root, `${top}.py`))) walker.add(`${top}.py`);
  }
  return { files: walker.files.sort(), problems: walker.problems };
}
