/**
 * Association by folder: a YAML file inside or beside an IDA's settings package belongs to that
 * IDA, whatever its name (`devstack.yml`, `test.yml`, `minimal.yml`). A checkout's root is not
 * enough: it also holds `docker-compose.yml`, CI and docs files that are not IDA configuration. Found with the extractor's `detectIdas` on the file's folder and its
 * ancestors; detection reads file names and a few small files, never runs anything, and is cached
 * per folder.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { DetectedIda } from '../extractor/api';
import { detectIdas } from '../extractor/detect';

/** Ancestors looked at above the file's own folder when it is in no workspace folder (the CLI, loose files). */
export const MAX_LEVELS_OUTSIDE_WORKSPACE = 3;

/** The IDA a folder search found for a file, and the detection that decided it. */
export interface FolderMatch {
  ida: string;
  detected: DetectedIda;
}

/** Detection with a per-folder cache. */
export class FolderDetector {
  private readonly cache = new Map<string, DetectedIda[]>();

  /** @param detect the detector (injectable for tests). */
  constructor(private readonly detect: (folder: string) => DetectedIda[] = detectIdas) {}

  /**
   * The IDAs whose sources are in `folder` (cached; an unreadable folder gives []). The file-system
   * root, the home folder and the temporary folder are never scanned: what is below them is not
   * one project. Never throws.
   */
  detectedIn(folder: string): DetectedIda[] {
    const key = path.resolve(folder);
    let found = this.cache.get(key);
    if (found === undefined) {
      try {
        found = isTooBroad(key) ? [] : this.detect(key);
      } catch {
        found = [];
      }
      this.cache.set(key, found);
    }
    return found;
  }

  /** Forgets every detection (settings files were created, deleted or renamed). */
  clear(): void {
    this.cache.clear();
  }

  /**
   * The folders searched for a file, nearest first: its own folder, then each ancestor up to the
   * deepest workspace folder holding it, or {@link MAX_LEVELS_OUTSIDE_WORKSPACE} ancestors when none does.
   */
  searchedFolders(filePath: string, workspaceFolders: readonly string[]): string[] {
    const start = path.dirname(path.resolve(filePath));
    const stop = deepestContaining(start, workspaceFolders);
    const out: string[] = [];
    let dir = start;
    for (;;) {
      out.push(dir);
      if (stop !== undefined ? dir === stop : out.length > MAX_LEVELS_OUTSIDE_WORKSPACE) break;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return out;
  }

  /**
   * The IDA whose settings package holds or sits beside the file's folder. The nearest folder with a match decides; two different IDAs matching there
   * (openedx-platform's root holds both `lms` and `studio`) decide nothing. Django is never a match.
   */
  idaForFile(filePath: string, workspaceFolders: readonly string[]): FolderMatch | undefined {
    const fileDir = path.dirname(path.resolve(filePath));
    for (const folder of this.searchedFolders(filePath, workspaceFolders)) {
      const matches = this.detectedIn(folder).filter((d) => d.ida !== 'django' && ownsFolder(d, fileDir));
      const idas = new Set(matches.map((d) => d.ida));
      if (idas.size === 1) return { ida: matches[0].ida, detected: matches[0] };
      if (idas.size > 1) return undefined;
    }
    return undefined;
  }

  /**
   * The nearest detection of `ida` whose checkout holds the file (its live sources), if any: found
   * in the file's folder or an ancestor, with the file below the folder that holds the settings
   * package's parent (the repository). Sources in a sibling checkout are not the file's.
   */
  nearestSource(filePath: string, ida: string, workspaceFolders: readonly string[]): DetectedIda | undefined {
    const fileDir = path.dirname(path.resolve(filePath));
    for (const folder of this.searchedFolders(filePath, workspaceFolders)) {
      const found = this.detectedIn(folder).find((d) => d.ida === ida && inCheckout(d, fileDir));
      if (found !== undefined) return found;
    }
    return undefined;
  }
}

/** Whether a YAML file in `dir` belongs to the detected IDA: inside or beside its settings package. */
export function ownsFolder(detected: DetectedIda, dir: string): boolean {
  for (const entry of detected.entryFiles) {
    const pkg = path.dirname(path.resolve(detected.root, entry));
    if (isInside(dir, pkg) || samePath(dir, path.dirname(pkg))) return true;
  }
  return false;
}

/** Whether `dir` is in the checkout holding the detected sources: below the parent of a settings package's parent. */
export function inCheckout(detected: DetectedIda, dir: string): boolean {
  return detected.entryFiles.some((entry) => isInside(dir, path.dirname(path.dirname(path.dirname(path.resolve(detected.root, entry))))));
}

/** Folders never scanned for settings sources. */
function isTooBroad(folder: string): boolean {
  return path.dirname(folder) === folder || samePath(folder, os.homedir()) || samePath(folder, os.tmpdir());
}

/** The deepest of `folders` that contains `dir` (or is it). */
function deepestContaining(dir: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const f of folders) {
    const folder = path.resolve(f);
    if (isInside(dir, folder) && (best === undefined || folder.length > best.length)) best = folder;
  }
  return best;
}

/** Whether `p` is `folder` or below it. */
export function isInside(p: string, folder: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function samePath(a: string, b: string): boolean {
  return path.relative(a, b) === '';
}
