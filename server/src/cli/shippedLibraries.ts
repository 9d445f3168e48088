/**
 * The libraries layer shipped with the extension (`schemas/libraries.json`), built by
 * `openedx-config schemas` from upstream checkouts of the packages every Open edX service loads
 * (`libraries` in `schemas/sources.json`): facts only (names, nested keys, types, defaults, the
 * package and version, and where each key is read, pinned to its commit). See docs/libraries.md.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanCheckouts } from '../libraries/scanCheckouts';
import { buildSchema } from '../schema/build';
import type { IdaSchema, LibraryPackage, PinnedSource } from '../schema/format';
import { UsageError } from './args';

/** One package of the shipped layer, as `schemas/sources.json` lists it. */
export interface LibraryManifestEntry {
  /** Distribution name, as published. */
  name: string;
  version?: string;
  /** Upstream repository, `owner/name`. */
  repo: string;
  /** The commit of the checkout; files copied one by one carry their own in a `.source.json` beside them. */
  commit?: string;
  /** The checkout's folder under the libraries folder. */
  folder: string;
  /** The package's documentation about its settings. */
  home?: string;
  /** The IDAs that install it; absent: all. */
  idas?: string[];
}

/** The `libraries` section of `schemas/sources.json`. */
export interface LibrariesManifest {
  /** Folder of the checkouts, inside the `--sources` directory. */
  folder: string;
  packages: LibraryManifestEntry[];
}

/** Builds the shipped libraries layer from the checkouts under `<sources>/<manifest.folder>`. */
export async function buildShippedLibraries(sources: string, manifest: LibrariesManifest, retrieved: string): Promise<IdaSchema> {
  const root = path.resolve(sources, manifest.folder);
  for (const p of manifest.packages) {
    if (!fs.existsSync(path.join(root, p.folder))) throw new UsageError(`the checkout of ${p.name} is missing: ${path.join(root, p.folder)}`);
  }
  const catalog = await scanCheckouts(
    root,
    manifest.packages.map((p) => ({ name: p.name, folder: p.folder, ...(p.version !== undefined ? { version: p.version } : {}) })),
  );
  const pinned = catalog.files.map((file) => pinOf(root, file, manifest.packages));
  const schema = buildSchema({ ...catalog, root }, { factsOnly: true, source: { date: retrieved, pinned }, generator: 'openedx-config schemas' });
  const packages: LibraryPackage[] = [...manifest.packages]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((p) => ({
      name: p.name,
      ...(p.version !== undefined ? { version: p.version } : {}),
      ...(p.home !== undefined ? { home: p.home } : {}),
      repo: p.repo,
      ...(p.commit !== undefined ? { commit: p.commit } : {}),
      folder: p.folder,
      ...(p.idas !== undefined ? { idas: [...p.idas] } : {}),
    }));
  return { ...schema, 'x-openedx-schema': { ...schema['x-openedx-schema'], packages } };
}

/** A scanned file pinned: its package's repository, the commit of its own `.source.json` or its package's, and its hash. */
function pinOf(root: string, file: string, packages: readonly LibraryManifestEntry[]): PinnedSource {
  const owner = packages.find((p) => file.startsWith(`${p.folder}/`));
  if (owner === undefined) throw new UsageError(`${file} belongs to no package of the manifest`);
  const inRepo = file.slice(owner.folder.length + 1);
  const abs = path.join(root, file);
  let commit = owner.commit;
  try {
    const own = JSON.parse(fs.readFileSync(`${abs}.source.json`, 'utf8')) as { commit?: unknown };
    if (typeof own.commit === 'string') commit = own.commit;
  } catch {
    // No `.source.json`: the file is from the checkout's commit.
  }
  if (commit === undefined) throw new UsageError(`no commit is known for ${file} (the package's "commit", or a .source.json beside it)`);
  const bytes = fs.readFileSync(abs);
  return { repo: owner.repo, commit, path: inRepo, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}
