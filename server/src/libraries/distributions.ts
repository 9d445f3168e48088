/**
 * The distributions installed in a site-packages folder, read from their metadata as pip and
 * `importlib.metadata` write it, without running Python: `*.dist-info` folders (`METADATA`,
 * `RECORD`, `top_level.txt`, `entry_points.txt`) and `*.egg-info` folders or files (`PKG-INFO`,
 * `top_level.txt`, `installed-files.txt`, `SOURCES.txt`, `entry_points.txt`; Debian's packages
 * install these). Every top-level package or module of the folder belongs to the first
 * distribution (by name) that names it; one that none names is a distribution of its own, named
 * after it, without version (`kind: 'none'`), still scanned.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExtractionProblem } from '../catalog/types';
import { readRegularTextFile } from '../common/files';
import { isDirectory } from './paths';

/** One entry point: `name = value` of a group of `entry_points.txt`. */
export interface EntryPoint {
  name: string;
  /** `module:attribute [extras]`, as written. */
  value: string;
}

/** One installed distribution, or a top-level folder of no distribution. */
export interface Distribution {
  /** As its metadata spells it (`Django`, `django-cors-headers`); for a folder of no distribution, the folder's name. */
  name: string;
  /** As its metadata states it; absent for a folder of no distribution (and metadata that states none). */
  version?: string;
  kind: 'dist-info' | 'egg-info' | 'none';
  /** The metadata folder or file (`celery-5.2.6.egg-info`), relative to the site-packages folder. */
  metadata?: string;
  /** The metadata file listing the distribution's files (`RECORD`, `installed-files.txt`), when there is one. */
  fileList?: string;
  /**
   * The top-level packages and modules it owns and that exist in the folder (`celery`, `six`):
   * what is scanned when it has no file list. A top-level name two distributions claim is the
   * first one's (by name); the other still scans the files its own list names.
   */
  topLevel: string[];
  /** `entry_points.txt` by group (`lms.djangoapp` → its entry points, in file order). */
  entryPoints: Record<string, EntryPoint[]>;
  /**
   * Sizes and modification times of its metadata files: they change when a distribution is
   * reinstalled under the same version (a Debian security update), so a cache keyed by version
   * alone would go stale. Empty for a folder of no distribution (its files are stamped instead).
   */
  stamp: string;
}

/** The distributions of a site-packages folder, sorted by normalised name. */
export interface DistributionListing {
  root: string;
  distributions: Distribution[];
  problems: ExtractionProblem[];
}

/** Largest metadata file read: a `METADATA` holds the whole README; past this its folder name tells name and version. */
const MAX_METADATA_BYTES = 1024 * 1024;

/** What an importable top-level package or module is named (`six`, `_yaml`). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A distribution name as PEP 503 compares them: `Django` and `django`, `django_cors_headers` and `django-cors-headers` are one. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** `Name:` and `Version:` of a `METADATA` or `PKG-INFO` file: RFC 822 headers, up to the first blank line. */
export function parseMetadataHeaders(text: string): { name?: string; version?: string } {
  const out: { name?: string; version?: string } = {};
  // Only the headers: a METADATA file holds the whole README after them.
  const end = text.search(/\r?\n[ \t]*\r?\n/);
  for (const line of (end < 0 ? text : text.slice(0, end)).split(/\r?\n/)) {
    if (line.trim() === '') break;
    const m = /^(Name|Version):\s*(.*?)\s*$/i.exec(line);
    if (m === null || m[2] === '') continue;
    if (m[1].toLowerCase() === 'name') out.name ??= m[2];
    else out.version ??= m[2];
  }
  return out;
}

/** The groups of an `entry_points.txt` (INI): `[group]` then `name = value` lines; comments and malformed lines are skipped. */
export function parseEntryPoints(text: string): Record<string, EntryPoint[]> {
  const groups: Record<string, EntryPoint[]> = {};
  let current: EntryPoint[] | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[([^\]]+)\]$/.exec(line);
    if (section !== null) {
      const group = section[1].trim();
      current = Object.hasOwn(groups, group) ? groups[group] : (groups[group] = []);
      continue;
    }
    const eq = line.indexOf('=');
    if (current === undefined || eq <= 0) continue;
    const name = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (name !== '' && value !== '') current.push({ name, value });
  }
  return groups;
}

/** The paths of a `RECORD` file (CSV: `path,hash,size`; a path holding a comma is quoted). */
export function parseRecordPaths(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    if (!line.startsWith('"')) {
      const comma = line.indexOf(',');
      out.push(comma < 0 ? line : line.slice(0, comma));
      continue;
    }
    // A quoted field: `""` inside it is one quote.
    let value = '';
    let i = 1;
    for (; i < line.length; i++) {
      if (line[i] !== '"') value += line[i];
      else if (line[i + 1] === '"') {
        value += '"';
        i++;
      } else break;
    }
    out.push(value);
  }
  return out;
}

/** The text of a metadata file, or undefined when it is missing, not a regular file or too large. */
function readMetadataFile(file: string): string | undefined {
  const read = readRegularTextFile(file, MAX_METADATA_BYTES);
  return read.ok ? read.value : undefined;
}

/** `size:mtime` of a file, or `-` when it cannot be read. */
function stampOf(file: string): string {
  try {
    const st = fs.statSync(file);
    return `${st.size}:${Math.trunc(st.mtimeMs)}`;
  } catch {
    return '-';
  }
}

/** Name and version from a metadata folder's name: `django_cors_headers-3.14.0.dist-info`, `Django-3.2.25.egg-info`, `cupshelpers-1.0-py3.10.egg-info`. */
function nameFromFolder(entry: string): { name: string; version?: string } {
  const stem = entry.replace(/\.(dist-info|egg-info)$/, '');
  const dash = stem.indexOf('-');
  if (dash < 0) return { name: stem };
  const version = stem.slice(dash + 1).replace(/-py\d+(\.\d+)*$/, '');
  return version === '' ? { name: stem.slice(0, dash) } : { name: stem.slice(0, dash), version };
}

/** Lines of a text file, trimmed, without blank ones. */
function lines(text: string | undefined): string[] {
  return text === undefined ? [] : text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
}

/** The first folder (or module) of each of `paths` that is a top-level entry of the folder. */
function topLevelOfPaths(paths: readonly string[], entries: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    for (const part of p.split('/')) {
      const name = part.endsWith('.py') ? part.slice(0, -3) : part;
      if (entries.has(name)) {
        out.add(name);
        break;
      }
    }
  }
  return [...out];
}

/** The paths listed by a distribution's file list, relative to the site-packages folder (`installed-files.txt` is relative to the metadata folder). */
export function listedFiles(root: string, dist: Distribution): string[] | undefined {
  if (dist.metadata === undefined || dist.fileList === undefined) return undefined;
  const text = readMetadataFile(path.join(root, dist.metadata, dist.fileList));
  if (text === undefined) return undefined;
  if (dist.fileList === 'RECORD') return parseRecordPaths(text).map((p) => path.posix.normalize(p.replace(/\\/g, '/')));
  return lines(text).map((p) => path.posix.normalize(path.posix.join(dist.metadata as string, p.replace(/\\/g, '/'))));
}

/** A metadata folder or file, read. */
interface MetadataEntry {
  entry: string;
  kind: 'dist-info' | 'egg-info';
  dist: Distribution;
  /** Top-level names its metadata gives, before ownership is settled. */
  claims: string[];
}

/** Reads one metadata folder (or an egg-info file). */
function readMetadata(root: string, entry: string, isDirectory: boolean, entries: ReadonlySet<string>): MetadataEntry {
  const kind = entry.endsWith('.dist-info') ? 'dist-info' : 'egg-info';
  const dir = path.join(root, entry);
  const headerFile = !isDirectory ? dir : path.join(dir, kind === 'dist-info' ? 'METADATA' : 'PKG-INFO');
  const headers = parseMetadataHeaders(readMetadataFile(headerFile) ?? '');
  const fromFolder = nameFromFolder(entry);
  const name = headers.name ?? fromFolder.name;
  const version = headers.version ?? fromFolder.version;
  let fileList: string | undefined;
  let claims: string[] = [];
  let entryPoints: Record<string, EntryPoint[]> = {};
  const stamps = [stampOf(headerFile)];
  if (isDirectory) {
    let names: Set<string>;
    try {
      names = new Set(fs.readdirSync(dir));
    } catch {
      names = new Set();
    }
    fileList = kind === 'dist-info' ? (names.has('RECORD') ? 'RECORD' : undefined) : names.has('installed-files.txt') ? 'installed-files.txt' : undefined;
    if (fileList !== undefined) stamps.push(stampOf(path.join(dir, fileList)));
    if (names.has('entry_points.txt')) entryPoints = parseEntryPoints(readMetadataFile(path.join(dir, 'entry_points.txt')) ?? '');
    claims = names.has('top_level.txt') ? lines(readMetadataFile(path.join(dir, 'top_level.txt'))).map((l) => l.split('/')[0]) : [];
    if (claims.length === 0 && names.has('SOURCES.txt')) claims = topLevelOfPaths(lines(readMetadataFile(path.join(dir, 'SOURCES.txt'))), entries);
  }
  const dist: Distribution = { name, kind, metadata: entry, topLevel: [], entryPoints, stamp: stamps.join(';') };
  if (version !== undefined) dist.version = version;
  if (fileList !== undefined) dist.fileList = fileList;
  if (claims.length === 0 && fileList !== undefined) claims = topLevelOfPaths(listedFiles(root, dist) ?? [], entries);
  if (claims.length === 0) claims = [name.replace(/[-.]/g, '_'), name.toLowerCase().replace(/[-.]/g, '_')];
  return { entry, kind, dist, claims: [...new Set(claims)].filter((c) => entries.has(c)) };
}

/** Which of two metadata entries of one distribution is kept: a `dist-info` over an `egg-info`, one with a version, then the first by name. */
function preferred(a: MetadataEntry, b: MetadataEntry): MetadataEntry {
  if (a.kind !== b.kind) return a.kind === 'dist-info' ? a : b;
  if ((a.dist.version === undefined) !== (b.dist.version === undefined)) return a.dist.version !== undefined ? a : b;
  return a.entry <= b.entry ? a : b;
}

/**
 * Lists the distributions of a site-packages folder: each with its name, version, entry points
 * and the top-level packages it owns, and each top-level package of no distribution as one of
 * its own. Reads metadata files only (no module); never throws: a folder that cannot be listed
 * gives a problem and no distribution.
 */
export function listDistributions(root: string): DistributionListing {
  let dirents: fs.Dirent[];
  try {
    dirents = fs.readdirSync(root, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unknown error';
    return { root, distributions: [], problems: [{ code: 'unreadable-file', message: `cannot list ${root}: ${code}`, file: '.', line: 1, column: 0 }] };
  }
  dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Importable top-level entries: packages (folders, followed through links) and modules.
  const entries = new Set<string>();
  const metadata: { entry: string; isDirectory: boolean }[] = [];
  for (const d of dirents) {
    const isFolder = d.isDirectory() || (d.isSymbolicLink() && isDirectory(path.join(root, d.name)));
    if (/\.(dist-info|egg-info)$/.test(d.name)) metadata.push({ entry: d.name, isDirectory: isFolder });
    else if (isFolder && IDENTIFIER.test(d.name) && d.name !== '__pycache__') entries.add(d.name);
    else if (!isFolder && d.name.endsWith('.py') && IDENTIFIER.test(d.name.slice(0, -3))) entries.add(d.name.slice(0, -3));
  }
  const byName = new Map<string, MetadataEntry>();
  for (const m of metadata) {
    const read = readMetadata(root, m.entry, m.isDirectory, entries);
    const key = normalizeName(read.dist.name);
    const other = byName.get(key);
    byName.set(key, other === undefined ? read : preferred(other, read));
  }
  const kept = [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, m]) => m);
  const owner = new Map<string, Distribution>();
  for (const m of kept) {
    for (const c of m.claims) {
      if (owner.has(c)) continue;
      owner.set(c, m.dist);
      m.dist.topLevel.push(c);
    }
  }
  const distributions = kept.map((m) => m.dist);
  for (const entry of entries) {
    if (owner.has(entry)) continue;
    distributions.push({ name: entry, kind: 'none', topLevel: [entry], entryPoints: {}, stamp: '' });
  }
  distributions.sort((a, b) => {
    const na = normalizeName(a.name);
    const nb = normalizeName(b.name);
    return na < nb ? -1 : na > nb ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
  });
  return { root, distributions, problems: [] };
}
