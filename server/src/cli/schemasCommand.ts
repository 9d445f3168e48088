/**
 * `openedx-config schemas --sources DIR`: regenerates the shipped schemas in `schemas/` from
 * upstream source checkouts. Facts only: no upstream prose is written.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../catalog/types';
import { readRegularTextFile } from '../common/files';
import { detectIdas } from '../extractor/detect';
import { extractIda } from '../extractor/extract';
import { buildSchema, type BuildOptions } from '../schema/build';
import { composeSchema, DJANGO } from '../schema/compose';
import type { IdaSchema, PinnedSource } from '../schema/format';
import { djangoReferenceUrl, withReferenceLinks } from '../schema/referenceLinks';
import { DJANGO_REFERENCE_FILE, documentedSettingNames } from '../documentation/djangoReference';
import { fail, ok, type Result } from '../common/result';
import { loadOverlay } from '../schema/overlay';
import { parseArgs, UsageError } from './args';
import { buildShippedLibraries, type LibrariesManifest } from './shippedLibraries';
import { LIBRARIES } from '../schema/librariesLayer';
import { gitHead } from './gitRevision';
import type { CliIO } from './extractCommand';

/** One shipped schema in `schemas/sources.json`. */
export interface ManifestEntry {
  /** IDA identifier; also the schema's file name. */
  ida: string;
  /** Upstream repository, `owner/name`. */
  repo: string;
  /** Folder of the checkout inside the `--sources` directory. */
  folder: string;
  /** Django only: the version of docs.djangoproject.com that matches these sources (`5.2`, `dev` for the main branch). */
  docsVersion?: string;
}

/** Where a checkout's revision is recorded. */
export interface Revision {
  commit?: string;
  date?: string;
}

/** Largest manifest or `.source.json` read: a few KB in practice. */
const MAX_JSON_BYTES = 1024 * 1024;

function readJson(file: string): unknown {
  const read = readRegularTextFile(file, MAX_JSON_BYTES);
  if (!read.ok) return undefined;
  try {
    return JSON.parse(read.value) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The revision of the sources read: the checkout's git HEAD when it is a work tree (read by
 * `gitHead`, which lets the checkout's git config run nothing); else a `.source.json` at its root
 * or beside the first file read (copies made without git).
 */
export function revisionOf(folder: string, files: string[]): Revision {
  if (fs.existsSync(path.join(folder, '.git'))) {
    // Else (no git, or git refused the repository): the recorded revisions below.
    const head = gitHead(folder);
    if (head !== undefined) return head;
  }
  for (const candidate of [path.join(folder, '.source.json'), ...files.map((f) => path.join(folder, `${f}.source.json`))]) {
    const j = readJson(candidate) as { commit?: unknown; date?: unknown } | undefined;
    if (j && typeof j.commit === 'string') return { commit: j.commit, ...(typeof j.date === 'string' ? { date: j.date } : {}) };
  }
  return {};
}

/**
 * Each file read, pinned: its own `.source.json` (files copied one by one, each from the commit
 * where the copy was found), else the checkout's revision; with the SHA-256 of its bytes.
 */
export function pinFiles(root: string, repo: string, files: readonly string[], checkout: Revision): PinnedSource[] {
  return files.map((file) => {
    const own = readJson(path.join(root, `${file}.source.json`)) as { commit?: unknown } | undefined;
    const commit = typeof own?.commit === 'string' ? own.commit : checkout.commit;
    if (commit === undefined) throw new UsageError(`no revision is known for ${file} in ${root} (a git checkout, or a .source.json beside it)`);
    const bytes = fs.readFileSync(path.join(root, file));
    return { repo, commit, path: file, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  });
}

async function extractEntry(sources: string, entry: ManifestEntry): Promise<{ catalog: Catalog; revision: Revision; pinned: PinnedSource[]; millis: number; root: string }> {
  const folder = path.join(sources, entry.folder);
  const detected = detectIdas(folder).find((d) => d.ida === entry.ida);
  if (!detected) throw new UsageError(`no ${entry.ida} settings sources found in ${folder}`);
  const { catalog, millis } = await extractIda(detected);
  // The main settings module's revision stands for the schema (files copied one by one may differ).
  const files = [...catalog.files].sort((a, b) => Number(b.endsWith('common.py')) - Number(a.endsWith('common.py')));
  const revision = revisionOf(detected.root, files);
  const checkout = fs.existsSync(path.join(detected.root, '.git')) ? revision : { ...revision, ...(readJson(path.join(detected.root, '.source.json')) as Revision | undefined) };
  // Django's settings reference, when the checkout has it: pinned with the sources, for the documentation download.
  const documentation = entry.ida === DJANGO && fs.existsSync(path.join(detected.root, DJANGO_REFERENCE_FILE.path)) ? [DJANGO_REFERENCE_FILE.path] : [];
  return { catalog, revision, pinned: pinFiles(detected.root, entry.repo, [...catalog.files, ...documentation], checkout), millis, root: detected.root };
}

/**
 * What links the Django settings of a schema to Django's reference: with `--django-reference
 * FILE` (the reference's reStructuredText source or its HTML build), the settings of Django's own
 * catalog that the reference documents, at the manifest's `docsVersion`; without it, nothing.
 */
function djangoLinker(reference: string | boolean | undefined, django: ManifestEntry | undefined, catalog: Catalog | undefined): Result<(schema: IdaSchema) => IdaSchema, never> {
  if (typeof reference !== 'string') return ok((schema) => schema);
  if (django?.docsVersion === undefined || catalog === undefined) return fail('--django-reference needs the django entry of the manifest, with its docsVersion');
  const read = readRegularTextFile(reference, 16 * 1024 * 1024);
  if (!read.ok) return fail(`cannot read the Django reference ${reference}: ${read.error}`);
  const documented = documentedSettingNames(read.value);
  const names = new Set(catalog.settings.filter((s) => s.path.length === 1 && documented.has(s.name)).map((s) => s.name));
  const version = django.docsVersion;
  return ok((schema) => withReferenceLinks(schema, names, (name) => djangoReferenceUrl(version, name)));
}

/** Runs the schemas command; returns the exit code. */
export async function runSchemas(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, { sources: { value: true }, out: { value: true }, only: { value: true }, retrieved: { value: true }, 'django-reference': { value: true } });
  const sources = args.flags.get('sources');
  if (typeof sources !== 'string') throw new UsageError('--sources DIR is required (a folder holding one checkout per manifest entry)');
  const outDir = path.resolve(String(args.flags.get('out') ?? 'schemas'));
  const manifestPath = path.join(outDir, 'sources.json');
  const manifest = readJson(manifestPath) as { schemas?: ManifestEntry[]; libraries?: LibrariesManifest } | undefined;
  if (!manifest?.schemas) {
    io.stderr(`openedx-config: cannot read the manifest ${manifestPath}\n`);
    return 2;
  }
  const only = typeof args.flags.get('only') === 'string' ? new Set(String(args.flags.get('only')).split(',')) : undefined;
  const retrieved = String(args.flags.get('retrieved') ?? new Date().toISOString().slice(0, 10));
  const django = manifest.schemas.find((e) => e.ida === DJANGO);
  const djangoExtraction = django ? await extractEntry(sources, django) : undefined;
  const djangoCatalog = djangoExtraction?.catalog;
  const checkoutReference = djangoExtraction !== undefined ? path.join(djangoExtraction.root, DJANGO_REFERENCE_FILE.path) : undefined;
  const reference = args.flags.get('django-reference') ?? (checkoutReference !== undefined && fs.existsSync(checkoutReference) ? checkoutReference : undefined);
  const linkDjango = djangoLinker(reference, django, djangoCatalog);
  if (!linkDjango.ok) {
    io.stderr(`openedx-config: ${linkDjango.error}\n`);
    return 2;
  }

  for (const entry of manifest.schemas) {
    if (only && !only.has(entry.ida)) continue;
    const { catalog, revision, pinned, millis } = await extractEntry(sources, entry);
    const basePins = entry.ida !== DJANGO && djangoExtraction !== undefined ? djangoExtraction.pinned : [];
    const overlay = loadOverlay(path.join(outDir, 'overlays'), entry.ida);
    if (overlay !== undefined && !overlay.ok) {
      io.stderr(`openedx-config: ${overlay.error}\n`);
      return 2;
    }
    // The same composition as live schemas (`schema/compose.ts`), facts only.
    const options: BuildOptions = {
      factsOnly: true,
      source: { repo: entry.repo, ...(revision.commit ? { commit: revision.commit } : {}), date: revision.date ?? retrieved, pinned: [...pinned, ...basePins] },
      generator: 'openedx-config schemas',
    };
    // Links are facts of the build: the overlay then applies to the linked schema, as to any.
    const schema = composeSchema({
      catalog,
      ...(djangoCatalog !== undefined ? { django: { catalog: djangoCatalog } } : {}),
      ...(overlay?.ok ? { overlay: overlay.value } : {}),
      build: (merged) => linkDjango.value(buildSchema(merged, options)),
    });
    fs.writeFileSync(path.join(outDir, `${entry.ida}.json`), JSON.stringify(schema, null, 1) + '\n');
    const c = schema['x-openedx-schema'].counts;
    io.stderr(`${entry.ida}: ${Object.keys(schema.properties).length} settings (${c.documented} documented, ${c.typed} typed, ${c.required} required), ${c.problems} problems, ${entry.repo}@${(revision.commit ?? '?').slice(0, 10)}, ${millis.toFixed(0)} ms\n`);
  }
  if (manifest.libraries !== undefined && (only === undefined || only.has(LIBRARIES))) {
    const started = performance.now();
    const libraries = await buildShippedLibraries(sources, manifest.libraries, retrieved);
    fs.writeFileSync(path.join(outDir, `${LIBRARIES}.json`), JSON.stringify(libraries, null, 1) + '\n');
    const facts = libraries['x-openedx-schema'];
    io.stderr(`${LIBRARIES}: ${Object.keys(libraries.properties).length} settings read by ${facts.packages?.length ?? 0} packages, ${facts.problems.length} problems, ${(performance.now() - started).toFixed(0)} ms\n`);
  }
  return 0;
}
