/**
 * Where a setting is defined: a file URI and position for live schemas, whose source root (or
 * base layer root) is an absolute path on this machine; for shipped ones, the upstream permalink
 * of the file at the commit it was read at (`source.pinned`, else the schema's commit).
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SettingReader } from '../catalog/types';
import type { IdaSchema, LibraryPackage, PinnedSource, PropertySchema } from '../schema/format';

/** A definition site: file URI, 0-based line and column, and the path shown to users. */
export interface OriginSite {
  readonly uri?: string;
  readonly line: number;
  readonly character: number;
  /** `lms/envs/common.py:157`. */
  readonly label: string;
  /** Shipped schemas: the file on the web at its commit, at the line (`https://github.com/<repo>/blob/<commit>/<path>#L<line>`). */
  readonly webUrl?: string;
  /** Shipped schemas: `owner/name@commit7` of that file. */
  readonly revision?: string;
}

/** The definition site of `prop`; `uri` is set when the schema names an absolute root for it. */
export function originOf(prop: PropertySchema, schema: IdaSchema): OriginSite | undefined {
  const origin = prop['x-openedx']?.origin;
  if (origin === undefined || typeof origin.file !== 'string') return undefined;
  const source = schema['x-openedx-schema']?.source;
  const root = origin.layer === undefined ? source?.root : source?.bases?.find((b) => b.ida === origin.layer)?.root;
  const line = Math.max(0, (origin.line ?? 1) - 1);
  const character = Math.max(0, origin.column ?? 0);
  const label = `${origin.file}:${origin.line}`;
  if (root === undefined || !isAbsolute(root)) {
    const pin = pinOf(schema, origin.file, origin.layer);
    if (pin === undefined) return { line, character, label };
    return { line, character, label, webUrl: `${githubBlobUrl(pin)}#L${line + 1}`, revision: `${pin.repo}@${pin.commit.slice(0, 7)}` };
  }
  const file = path.isAbsolute(origin.file) ? origin.file : path.join(root, origin.file);
  return { uri: pathToFileURL(file).href, line, character, label };
}

/**
 * The pinned file a shipped schema's origin names: among `source.pinned`, the file of that path
 * from the schema's own repository (or, for a base layer, from another); schemas built before
 * files were pinned: the schema's own repository and commit, for its own files.
 */
function pinOf(schema: IdaSchema, file: string, layer: string | undefined): Pick<PinnedSource, 'repo' | 'commit' | 'path'> | undefined {
  const source = schema['x-openedx-schema']?.source;
  if (source === undefined) return undefined;
  const own = (p: PinnedSource): boolean => p.repo === source.repo;
  const pins = (source.pinned ?? []).filter((p) => p.path === file);
  const pin = pins.find((p) => (layer === undefined ? own(p) : !own(p))) ?? pins[0];
  if (pin !== undefined) return pin;
  if (layer !== undefined || source.repo === undefined || source.commit === undefined) return undefined;
  return { repo: source.repo, commit: source.commit, path: file };
}

/** Builds `https://github.com/<owner>/<name>/blob/<commit>/<path>`, each path segment percent-encoded. */
export function githubBlobUrl(file: Pick<PinnedSource, 'repo' | 'commit' | 'path'>): string {
  const segments = file.path.split('/').map(encodeURIComponent).join('/');
  return `https://github.com/${file.repo.split('/').map(encodeURIComponent).join('/')}/blob/${encodeURIComponent(file.commit)}/${segments}`;
}

/** Where a reader's code is: a label (`celery/app/defaults.py:51`), a link when there is one, and its package's home page. */
export interface ReaderSite {
  readonly label: string;
  /** A file URI (the layer's root is on this machine) or an upstream permalink (the package is pinned). */
  readonly url?: string;
  /** The package's documentation home page, when the layer records one. */
  readonly home?: string;
}

/**
 * The site of a reader. Readers of a libraries layer are relative to its root (the `libraries`
 * base of `source.bases`); any other reader (a plugin app's module) to the schema's own root.
 */
export function readerSite(reader: SettingReader, schema: IdaSchema): ReaderSite {
  const label = `${reader.file}:${reader.line}`;
  const source = schema['x-openedx-schema']?.source;
  const layer = source?.bases?.find((b) => b.ida === 'libraries');
  const pkg = layer?.packages?.find((p) => p.name === reader.package);
  const home = pkg?.home !== undefined && /^https:\/\//.test(pkg.home) ? pkg.home : undefined;
  const own = reader.how === 'plugin' && pkg === undefined;
  const root = own ? source?.root : layer?.root;
  if (root !== undefined && isAbsolute(root)) {
    return { label, url: `${pathToFileURL(path.join(root, reader.file)).href}#L${reader.line}`, ...(home !== undefined ? { home } : {}) };
  }
  const url = permalink(reader, pkg, own ? schema : undefined, layer?.pinned);
  return { label, ...(url !== undefined ? { url } : {}), ...(home !== undefined ? { home } : {}) };
}

/** The upstream permalink of a reader's line: from its package's pinned checkout, or (a plugin app) the schema's own pins. */
function permalink(reader: SettingReader, pkg: LibraryPackage | undefined, schema: IdaSchema | undefined, pins: readonly PinnedSource[] | undefined): string | undefined {
  if (pkg?.repo !== undefined) {
    const prefix = pkg.folder !== undefined ? `${pkg.folder}/` : '';
    if (!reader.file.startsWith(prefix)) return undefined;
    const inRepo = reader.file.slice(prefix.length);
    // A file copied on its own was read at its own commit; the others at the checkout's.
    const commit = pins?.find((p) => p.repo === pkg.repo && p.path === inRepo)?.commit ?? pkg.commit;
    return commit === undefined ? undefined : `${githubBlobUrl({ repo: pkg.repo, commit, path: inRepo })}#L${reader.line}`;
  }
  if (schema === undefined) return undefined;
  const pin = pinOf(schema, reader.file, undefined);
  return pin !== undefined ? `${githubBlobUrl(pin)}#L${reader.line}` : undefined;
}

function isAbsolute(p: string): boolean {
  return path.isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p);
}

/** Where a key is overwritten: `file:line`, after the package when an installed plugin app does it (`edx-foo 1.2, foo/settings/production.py:12`). */
export function overwriteSite(role: { file: string; line: number; package?: string; version?: string }): string {
  const at = `${role.file}:${role.line}`;
  if (role.package === undefined) return at;
  return `${role.package}${role.version !== undefined ? ` ${role.version}` : ''}, ${at}`;
}
