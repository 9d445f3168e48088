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
import { cacheState, cachedPath, writeAtomically } from '../documentation/cache';
import type { PinnedFile } from '../documentation/files';
import { readRegularFile } from '../common/files';
import { describeError } from '../common/describeError';
import { fail, ok, type Result } from '../common/result';
import { buildSchema } from '../schema/build';
import { LIVE_BUILD } from '../schema/compose';
import { withDocumentation } from '../schema/documentationLayer';
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

/** The files of a shipped schema that carry its own documentation: its own repository's pins. */
export function documentationFiles(schema: IdaSchema): PinnedSource[] {
  const source = schema['x-openedx-schema']?.source;
  return (source?.pinned ?? []).filter((p) => p.repo === source?.repo);
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
      const tree = this.materialize(ida, files, cacheDir);
      if (!tree.ok) return tree;
      const detected = detectIdas(tree.value).find((d) => d.ida === ida);
      if (detected === undefined) return fail(`the downloaded ${ida} sources hold no ${ida} settings package`);
      const extracted = await this.extract(detected);
      if (!extracted.ok) return fail(`reading the downloaded ${ida} documentation failed: ${extracted.error}`);
      return ok(withDocumentation(shipped, buildSchema(extracted.value.catalog, LIVE_BUILD)));
    } catch (e) {
      return fail(`reading the downloaded ${ida} documentation failed: ${describeError(e)}`);
    }
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
      const existing = readRegularFile(target, file.bytes + 1);
      if (existing.ok && sha256(existing.value) === file.sha256) continue;
      const read = readRegularFile(cachedPath(cacheDir, file), file.bytes + 1);
      if (!read.ok || sha256(read.value) !== file.sha256) return fail(`the cached copy of ${file.path} changed; download the documentation again`);
      const written = writeAtomically(target, read.value);
      if (!written.ok) return fail(written.error);
    }
    return ok(root);
  }
}

function sha256(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}
