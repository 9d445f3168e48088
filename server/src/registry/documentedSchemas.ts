/**
 * Shipped schemas with their documentation, once it is downloaded (docs/documentation.md).
 *
 * A shipped schema names the source files it was built from (`source.pinned`). When all of its own
 * files are in the documentation cache with their exact hashes (`documentation/cache.ts`), they
 * are copied into one tree per schema (files of one schema may come from different commits, so the
 * cache's per-commit folders are not one checkout), that tree is extracted like any live source,
 * and the shipped schema gets the documentation of each setting found at the same place
 * (`schema/documentationLayer.ts`). Files are data: read and parsed, never executed.
 *
 * The cache is checked once per schema until {@link DocumentedSchemas.invalidate} (a download
 * ended, the cache folder changed).
 */
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import type { DetectedIda } from '../extractor/api';
import { detectIdas } from '../extractor/detect';
import { cacheState, readCachedFile, writeAtomically } from '../documentation/cache';
import type { PinnedFile } from '../documentation/files';
import { readRegularFile } from '../common/files';
import { describeError } from '../common/describeError';
import { fail, ok, type Result } from '../common/result';
import { buildSchema } from '../schema/build';
import { LIVE_BUILD } from '../schema/compose';
import { withDocumentation, withReferenceDocumentation, type ReferenceDocumentation } from '../schema/documentationLayer';
import { DJANGO } from '../schema/compose';
import { djangoReferenceUrl } from '../schema/referenceLinks';
import { DJANGO_REFERENCE_FILE, parseDjangoSettingsReference, referenceMarkdown } from '../documentation/djangoReference';
import type { IdaSchema, PinnedSource } from '../schema/format';
import type { CatalogResult } from './catalogCache';

/** What the documentation cache holds for a shipped schema. */
export type DocumentationCacheState = 'downloaded' | 'missing' | 'corrupt';

/** A shipped schema's documentation: the files to download and whether the cache has them. */
export interface DocumentationStatus {
  state: DocumentationCacheState;
  /** The schema's own source files (its base layers' are documented by their own schemas). */
  files: PinnedSource[];
}

function isDjangoReference(file: PinnedSource): boolean {
  return file.path === DJANGO_REFERENCE_FILE.path && file.repo === DJANGO_REFERENCE_FILE.repo;
}

/**
 * The files that carry a shipped schema's documentation: its own repository's pins, and Django's
 * settings reference when the schema pins it (for the Django settings under an IDA).
 */
export function documentationFiles(schema: IdaSchema): PinnedSource[] {
  const source = schema['x-openedx-schema']?.source;
  return (source?.pinned ?? []).filter((p) => p.repo === source?.repo || isDjangoReference(p));
}

interface Entry {
  status: DocumentationStatus;
  documented?: Promise<Result<IdaSchema>>;
}

/** See the module comment. */
export class DocumentedSchemas {
  private cacheDir: string | undefined;
  private readonly entries = new Map<string, Entry>();

  /** @param extract the registry's extraction of a detected source (its worker, its cache). */
  constructor(private readonly extract: (detected: DetectedIda) => Promise<CatalogResult>) {}

  /** The cache folder in use; undefined when documentation is off. */
  get folder(): string | undefined {
    return this.cacheDir;
  }

  /** Sets the cache folder (forgets everything when it changes). */
  configure(cacheDir: string | undefined): void {
    const resolved = cacheDir === undefined ? undefined : path.resolve(cacheDir);
    if (resolved !== this.cacheDir) this.invalidate();
    this.cacheDir = resolved;
  }

  /** Forgets what was checked and built: the cache is read again on next use. */
  invalidate(): void {
    this.entries.clear();
  }

  /** The documentation status of a shipped schema; undefined when it pins no files or there is no cache folder. */
  status(ida: string, shipped: IdaSchema): DocumentationStatus | undefined {
    return this.entry(ida, shipped)?.status;
  }

  /**
   * The shipped schema with its documentation, when the cache holds it; undefined otherwise.
   * The same promise until {@link invalidate}.
   */
  documented(ida: string, shipped: IdaSchema): Promise<Result<IdaSchema>> | undefined {
    const entry = this.entry(ida, shipped);
    if (entry === undefined || entry.status.state !== 'downloaded' || this.cacheDir === undefined) return undefined;
    entry.documented ??= this.build(ida, shipped, entry.status.files, this.cacheDir);
    return entry.documented;
  }

  private entry(ida: string, shipped: IdaSchema): Entry | undefined {
    if (this.cacheDir === undefined) return undefined;
    let entry = this.entries.get(ida);
    if (entry === undefined) {
      const files = documentationFiles(shipped);
      if (files.length === 0) return undefined;
      const state = cacheState(this.cacheDir, files);
      entry = { status: { state: state.state === 'complete' ? 'downloaded' : state.state, files } };
      this.entries.set(ida, entry);
    }
    return entry;
  }

  private async build(ida: string, shipped: IdaSchema, files: PinnedSource[], cacheDir: string): Promise<Result<IdaSchema>> {
    try {
      const reference = files.find(isDjangoReference);
      const tree = this.materialize(ida, files.filter((f) => f !== reference), cacheDir);
      if (!tree.ok) return tree;
      const detected = detectIdas(tree.value).find((d) => d.ida === ida);
      if (detected === undefined) return fail(`the downloaded ${ida} sources hold no ${ida} settings package`);
      const extracted = await this.extract(detected);
      if (!extracted.ok) return fail(`reading the downloaded ${ida} documentation failed: ${extracted.error}`);
      const documented = withDocumentation(shipped, buildSchema(extracted.value.catalog, LIVE_BUILD));
      return reference === undefined ? ok(documented) : this.withDjangoReference(documented, reference, cacheDir);
    } catch (e) {
      return fail(`reading the downloaded ${ida} documentation failed: ${describeError(e)}`);
    }
  }

  /** Lays Django's settings reference (read from the cache, checked by hash) over the Django settings of a schema. */
  private withDjangoReference(schema: IdaSchema, file: PinnedSource, cacheDir: string): Result<IdaSchema> {
    const read = readCachedFile(cacheDir, file);
    if (!Buffer.isBuffer(read)) return fail(changedMessage(file));
    const version = referenceVersion(schema);
    const { entries } = parseDjangoSettingsReference(read.toString('utf8'), {
      settingUrl: (name) => djangoReferenceUrl(version, name),
      docBaseUrl: `https://docs.djangoproject.com/en/${version}/`,
    });
    const docs = new Map<string, ReferenceDocumentation>();
    for (const [name, entry] of entries) docs.set(name, referenceMarkdown(entry));
    return ok(withReferenceDocumentation(schema, docs, DJANGO));
  }

  /**
   * One folder holding the schema's files at their paths, copied from the cache (checked again
   * by hash while copying): `<cache>/trees/<ida>-<hash of the file list>/`.
   */
  private materialize(ida: string, files: readonly PinnedFile[], cacheDir: string): Result<string> {
    const id = crypto.createHash('sha256').update(JSON.stringify(files)).digest('hex').slice(0, 16);
    const root = path.join(cacheDir, 'trees', `${ida}-${id}`);
    for (const file of files) {
      const target = path.join(root, ...file.path.split('/'));
      const read = readCachedFile(cacheDir, file);
      if (!Buffer.isBuffer(read)) return fail(changedMessage(file));
      const existing = readRegularFile(target, file.bytes + 1);
      if (existing.ok && existing.value.equals(read)) continue;
      const written = writeAtomically(target, read);
      if (!written.ok) return fail(written.error);
    }
    return ok(root);
  }
}

/** The docs.djangoproject.com version the schema's reference links name (`dev` when none does). */
function referenceVersion(schema: IdaSchema): string {
  for (const prop of Object.values(schema.properties)) {
    const match = /^https:\/\/docs\.djangoproject\.com\/en\/([^/]+)\//.exec(prop['x-openedx']?.reference ?? '');
    if (match !== null) return decodeURIComponent(match[1]);
  }
  return 'dev';
}

function changedMessage(file: PinnedSource): string {
  return `the cached copy of ${file.path} changed; download the documentation again`;
}
