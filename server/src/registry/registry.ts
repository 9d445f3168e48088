/**
 * The schema registry: which IDA a document belongs to, and which schema applies to it.
 *
 * Schemas, strongest first: a schema file the user named (`openedxConfig.schemas`); a live schema
 * extracted from the IDA's settings sources (a folder configured in `openedxConfig.sources`, the
 * nearest one above the document, or one found in a workspace folder), with Django's built-ins
 * merged under it; the schema shipped with the extension (unless `openedxConfig.shippedSchemas`
 * is false). Workspace code is only ever read, never run; setting values are never logged.
 */
import * as path from 'node:path';
import type { Catalog } from '../catalog/types';
import type { DetectedIda } from '../extractor/api';
import { detectIdas } from '../extractor/detect';
import { fail, ok, type Result } from '../common/result';
import { describeError } from '../common/describeError';
import { filePathOf } from '../common/uris';
import type { DocumentSchemaInfo, Environment, IdaListing, LibrariesInfo, ReextractResult, SchemaSourceKind } from '../protocol/types';
import { composeSchema, DJANGO, LIVE_BUILD, reuseUnchangedProperties, type DjangoLayer } from '../schema/compose';
import type { IdaSchema, PinnedSource } from '../schema/format';
import { IncrementalSchemaBuilder } from '../schema/incrementalBuilder';
import { layLibraries } from '../schema/librariesLayer';
import { describeDocument } from '../service/documentInfo';
import { associate, documentEnvironment, type Association } from './association';
import { BurstCollector } from './burst';
import { CatalogCache, sourceKey, type CatalogResult, type Extract } from './catalogCache';
import { IDA_BY_FILE_STEM } from './fileNames';
import { aliasesOf, canonicalIda } from './idaAliases';
import { WorkerExtractor, type WorkerExtractorOptions } from './extractionWorker';
import { FolderDetector } from './folders';
import { InProcessExtractor, type LiveExtractor } from './liveExtractor';
import { resolveSettingPath } from './paths';
import { DEFAULT_SETTINGS, type OpenedxConfigSettings } from './settings';
import { ShippedSchemas, locateShippedSchemas } from './shipped';
import { DocumentedSchemas, type DocumentationCacheState } from './documentedSchemas';
import { UserSchemaFiles } from './userSchemas';
import { EnvironmentLibraries, type EnvironmentChoice, type EnvironmentSupport } from './environmentLibraries';

/** The schema that applies to a document, and where it comes from. */
export interface ResolvedSchema {
  ida: string;
  schema: IdaSchema;
  source: SchemaSourceKind;
  /** Live: the source root folder; shipped: `repo@commit (date)`; user: the schema file. */
  revision: string;
  /** Shipped schemas that pin their files: whether their documentation is downloaded (then `schema` carries it). */
  documentation?: DocumentationCacheState;
}

/** A file change reported by the client (`workspace/didChangeWatchedFiles`). */
export interface FileChange {
  /** Absolute file path. */
  path: string;
  kind: 'created' | 'changed' | 'deleted';
}

/** A document's IDA, its schema, and what the client is told about it (`resolveDocument`). */
export interface ResolvedDocument {
  association: Association;
  /** The schema that applies; undefined when none is known for the IDA. */
  schema: IdaSchema | undefined;
  /** Where the file runs (modeline `env=`, an association's `IDA:ENV`, else its name and folder). */
  environment: Environment;
  /** The document's info (IDA, reason, environment, the schema's source and revision), without problem counts: the session adds those it published. */
  info: DocumentSchemaInfo;
}

/** Construction options; everything has a production default. */
export interface RegistryOptions {
  /** The shipped `schemas/` folder: undefined → located from this module; null → none. */
  shippedDir?: string | null;
  /** Live extraction (tests pass fakes). Default: the extractor, reading unsaved buffers first. */
  extract?: Extract;
  /** Folder detection (tests pass fakes). Default: the extractor's `detectIdas`. */
  detect?: (folder: string) => DetectedIda[];
  /** Where problems go (names only, never setting values). Default: nowhere. */
  log?: (message: string) => void;
  /** Longest a steady stream of watched-file changes may defer telling listeners (`burst.ts`). Default 250 ms. */
  changeMaxWaitMs?: number;
  /** Open buffers of settings sources (absolute path → text), read instead of the disk by the default extractor. */
  buffers?: () => ReadonlyMap<string, string>;
  /**
   * Where the default extractor runs: in this process (the CLI, one-shot), or in a worker thread
   * with these options (the language server: `extractionWorker.ts`). Default: in this process.
   */
  worker?: WorkerExtractorOptions;
  /**
   * Longest a request waits for a live schema still being extracted when one was built from
   * these sources before: past it, the request is answered with that last one, and listeners are
   * told when the extraction ends. Default: no bound (the CLI, where nothing else waits).
   */
  liveWaitMs?: number;
  /** The same for the first live schema of a source (past it, the shipped schema answers). Default: {@link liveWaitMs}. */
  firstLiveWaitMs?: number;
  /**
   * Python environments: where a setting or a workspace folder points (`locate`), and how a
   * `site-packages` folder is scanned (`scan`: a worker thread in the language server). Without
   * it, no environment is scanned and the shipped libraries layer applies.
   */
  environments?: EnvironmentSupport;
}

interface LiveEntry {
  ida: string;
  /** The sources it is built from. */
  detected: DetectedIda;
  /** Catalog keys the schema was built from: dropping one of them drops the schema. */
  deps: string[];
  promise: Promise<Result<IdaSchema>>;
}

/** The registry. One per server (or CLI run). */
export class SchemaRegistry {
  private settings: OpenedxConfigSettings = DEFAULT_SETTINGS;
  private workspaceFolders: string[] = [];
  private readonly folders: FolderDetector;
  private readonly catalogs: CatalogCache;
  /** Runs live extractions, keeping parsed modules and snapshots of their reading between them (`extractor/extractionCache.ts`). */
  private readonly extractor: LiveExtractor;
  private readonly liveWaitMs: number | undefined;
  private readonly firstLiveWaitMs: number | undefined;
  /** Live schema builds a request stopped waiting for: listeners are told when each ends. */
  private readonly awaited = new WeakSet<Promise<Result<IdaSchema>>>();
  /** Schema builds that have ended: a request for one answers at once, with no wait timer (every keystroke asks). */
  private readonly settled = new WeakSet<Promise<Result<IdaSchema>>>();
  /** Schema builds whose end is recorded in {@link settled}. */
  private readonly tracked = new WeakSet<Promise<Result<IdaSchema>>>();
  private readonly shipped: ShippedSchemas;
  /** Shipped schemas with their downloaded documentation. */
  private readonly docs: DocumentedSchemas;
  private readonly userSchemas = new UserSchemaFiles();
  private readonly liveSchemas = new Map<string, LiveEntry>();
  /**
   * The last schema built for each live key, kept after it is dropped: its rebuild reuses its
   * unchanged property objects (`shareUnchangedProperties`). One per IDA source; `reextract` forgets them.
   */
  private readonly lastBuilt = new Map<string, IdaSchema>();
  /** Live schemas in use that changes on disk dropped since the last burst ended: rebuilt when it ends. */
  private readonly stale = new Map<string, DetectedIda>();
  /** Catalog → schema per live key, rebuilding only what changed (`schemaBuilder.ts`); `reextract` forgets them. */
  private readonly schemaBuilders = new Map<string, IncrementalSchemaBuilder>();
  private readonly session = new Map<string, string>();
  private readonly listeners = new Set<(idas: string[]) => void>();
  private readonly statusListeners = new Set<() => void>();
  private readonly changes: BurstCollector<ChangeItem>;
  /** Problems already logged, so a broken setting is reported once, not on every keystroke. */
  private readonly logged = new Set<string>();
  private readonly log: (message: string) => void;

  constructor(options: RegistryOptions = {}) {
    this.log = options.log ?? (() => undefined);
    this.folders = new FolderDetector(options.detect ?? detectIdas);
    const buffers = options.buffers;
    this.extractor = options.worker !== undefined ? new WorkerExtractor(options.worker) : new InProcessExtractor();
    this.liveWaitMs = options.liveWaitMs;
    this.firstLiveWaitMs = options.firstLiveWaitMs ?? options.liveWaitMs;
    this.catalogs = new CatalogCache(options.extract ?? ((d) => this.extractor.extract(d, buffers?.())));
    this.shipped = new ShippedSchemas(options.shippedDir === null ? undefined : options.shippedDir ?? locateShippedSchemas());
    this.docs = new DocumentedSchemas((d) => this.catalogs.get(d));
    this.changes = new BurstCollector((items) => this.flushChanges(items), options.changeMaxWaitMs);
    this.environments = options.environments;
    this.environmentLibraries =
      options.environments === undefined
        ? undefined
        : new EnvironmentLibraries(
            options.environments.scan,
            // Progress changes what the status shows, not any schema: no document is validated for it.
            (what) => (what === 'progress' ? this.emitLibrariesStatus() : this.emit(['*'])),
            (m) => this.logOnce(m),
          );
  }

  private readonly environments: EnvironmentSupport | undefined;
  /** The libraries layer of the chosen Python environment (see {@link librariesSchema}). */
  private readonly environmentLibraries: EnvironmentLibraries | undefined;

  /** Waits for the scan of the Python environment, if one runs, and tells how it ended (undefined: no environment). */
  async environmentScanned(): Promise<LibrariesInfo | undefined> {
    await this.environmentLibraries?.settled();
    return this.environmentLibraries?.info();
  }

  /** The shipped schemas folder in use (undefined when there is none). */
  get shippedDir(): string | undefined {
    return this.shipped.dir;
  }

  /**
   * Applies new settings and workspace folders. Cached extractions and live schemas stay valid:
   * they are keyed by their sources, so only what the new settings point at is built anew, and
   * the schema objects (with their compiled validators) of unchanged IDAs are kept.
   */
  configure(settings: OpenedxConfigSettings, workspaceFolders: readonly string[]): void {
    this.settings = settings;
    this.docs.configure(settings.documentationCache);
    this.workspaceFolders = workspaceFolders.map((f) => path.resolve(f));
    this.workspaceDetections = undefined;
    // Report broken settings again: the user may have just changed them.
    this.logged.clear();
    this.environmentLibraries?.choose(this.environmentChoice());
  }

  /** The Python environment to scan: the setting's (`off`: none), else a `.venv`/`venv` in a workspace folder. */
  private environmentChoice(): EnvironmentChoice | undefined {
    const support = this.environments;
    if (support === undefined) return undefined;
    const given = this.settings.pythonEnvironment;
    if (given.toLowerCase() === 'off') return undefined;
    let sitePackages: string | undefined;
    try {
      if (given !== '') {
        sitePackages = support.resolve(resolveSettingPath(given, this.workspaceFolders));
        if (sitePackages === undefined) this.logOnce('openedxConfig.pythonEnvironment: no site-packages folder found there (a virtualenv, a site-packages folder or a Python executable); using the shipped libraries layer');
      } else {
        for (const folder of this.workspaceFolders) {
          sitePackages = support.detect(folder);
          if (sitePackages !== undefined) break;
        }
      }
    } catch (e) {
      this.logOnce(`Python environment lookup failed: ${describeError(e)}`);
      return undefined;
    }
    return sitePackages === undefined ? undefined : { sitePackages, cacheFolder: this.settings.librariesCache };
  }

  /** Calls `listener` with the IDAs whose schema changed (sources edited on disk, re-extraction). */
  onDidChangeSchemas(listener: (idas: string[]) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Calls `listener` when the libraries status moves without any schema changing (a scan's progress): see {@link librariesStatus}. */
  onDidChangeLibrariesStatus(listener: () => void): { dispose(): void } {
    this.statusListeners.add(listener);
    return { dispose: () => this.statusListeners.delete(listener) };
  }

  /** Stops timers (server shutdown, end of a CLI run). */
  dispose(): void {
    this.changes.dispose();
    this.extractor.dispose();
    this.environmentLibraries?.dispose();
    this.listeners.clear();
    this.statusListeners.clear();
  }

  // ------------------------------------------------------------------ association

  /**
   * The IDA of a document, or undefined when it is not an IDA config file. Cheap (no schema is
   * loaded): the session asks it to pick the documents a schema change concerns.
   * @param uri the document URI (session choices are kept per URI; only `file:` URIs have a path)
   * @param text its text (only the first line is read)
   */
  associate(uri: string, text: string): Association | undefined {
    return this.associateAt(uri, filePathOf(uri), text);
  }

  /**
   * The one way from a document to its schema: its IDA (`override`, as the CLI's `--ida`, else
   * association), the schema for that IDA as seen from the document's folder, and the info the
   * client shows. Undefined when the document is not an IDA config file. Never rejects.
   */
  async resolveDocument(uri: string, text: string, override?: Association): Promise<ResolvedDocument | undefined> {
    const filePath = filePathOf(uri);
    const association = override !== undefined ? { ...override, ida: canonicalIda(override.ida) } : this.associateAt(uri, filePath, text);
    if (association === undefined) return undefined;
    const environment = this.environmentAt(filePath, text);
    const resolved = await this.schemaFor(association.ida, filePath);
    const libraries = this.librariesInfo(resolved);
    const info = describeDocument(uri, { ...association, environment }, resolved);
    return { association, schema: resolved?.schema, environment, info: libraries !== undefined ? { ...info, libraries } : info };
  }

  /** Where a document runs (modeline `env=`, an association's `IDA:ENV`, else its name and folder). Never throws. */
  environment(uri: string, text: string): Environment {
    return this.environmentAt(filePathOf(uri), text);
  }

  private environmentAt(filePath: string | undefined, text: string): Environment {
    try {
      return documentEnvironment({ filePath, text, associations: this.settings.associations, workspaceFolders: this.workspaceFolders });
    } catch (e) {
      this.logOnce(`environment failed: ${describeError(e)}`);
      return 'production';
    }
  }

  private associateAt(uri: string, filePath: string | undefined, text: string): Association | undefined {
    try {
      return associate({
        filePath,
        text,
        sessionIda: this.session.get(uri),
        associations: this.settings.associations,
        workspaceFolders: this.workspaceFolders,
        folders: this.folders,
      });
    } catch (e) {
      this.logOnce(`association failed: ${describeError(e)}`);
      return undefined;
    }
  }

  /** Sets (or with undefined, clears) the session's IDA choice for a document. */
  setSessionIda(uri: string, ida: string | undefined): void {
    if (ida === undefined || ida === '') this.session.delete(uri);
    else this.session.set(uri, canonicalIda(ida));
  }

  // ------------------------------------------------------------------ schemas

  /**
   * The schema for an IDA, as seen from a document (`filePath` finds the nearest live sources).
   * Undefined when no schema is known. Never rejects.
   */
  async schemaFor(name: string, filePath?: string): Promise<ResolvedSchema | undefined> {
    return this.withLibraries(await this.ownSchemaFor(canonicalIda(name), filePath));
  }

  /** {@link schemaFor} without the libraries layer. Never rejects. */
  private async ownSchemaFor(ida: string, filePath: string | undefined): Promise<ResolvedSchema | undefined> {
    try {
      const user = this.userSchema(ida);
      if (user !== undefined) return user;
      const detected = this.liveSource(ida, filePath);
      if (detected !== undefined) {
        const live = await this.liveSchemaWithin(detected);
        if (live === undefined) {
          // Still extracting: the last schema of these sources, else the shipped one, until it ends.
          const last = this.lastBuilt.get(this.liveKey(detected));
          if (last !== undefined) return { ida, schema: last, source: 'live', revision: detected.root };
        } else if (live.ok) return { ida, schema: live.value, source: 'live', revision: detected.root };
        else this.logOnce(`live schema of ${ida} unavailable, falling back: ${live.error}`);
      }
      return await this.shippedWithDocumentation(ida);
    } catch (e) {
      this.logOnce(`schema lookup for ${ida} failed: ${describeError(e)}`);
      return undefined;
    }
  }

  /**
   * The libraries layer laid under a live or shipped schema (`schema/librariesLayer.ts`); a user's
   * schema file is taken as it is, and Django's own schema is the base of the others, not an IDA.
   */
  private withLibraries(resolved: ResolvedSchema | undefined): ResolvedSchema | undefined {
    if (resolved === undefined || resolved.source === 'user' || resolved.ida === DJANGO) return resolved;
    const libraries = this.librariesSchema();
    return libraries === undefined ? resolved : { ...resolved, schema: layLibraries(resolved.schema, libraries) };
  }

  /** The libraries layer: the scanned Python environment's when there is one, else the shipped one (unless shipped schemas are off). */
  private librariesSchema(): IdaSchema | undefined {
    const scanned = this.environmentLibraries?.schema();
    if (scanned !== undefined) return scanned;
    if (!this.settings.shippedSchemas) return undefined;
    const shipped = this.shipped.libraries();
    if (shipped !== undefined && !shipped.ok) this.logOnce(`shipped libraries layer unusable: ${shipped.error}`);
    return shipped?.ok ? shipped.value.schema : undefined;
  }

  /** What the status shows of the libraries layer under a schema: the environment's scan, else the shipped layer. */
  private librariesInfo(resolved: ResolvedSchema | undefined): LibrariesInfo | undefined {
    if (resolved === undefined || resolved.source === 'user' || resolved.ida === DJANGO) return undefined;
    return this.librariesStatus();
  }

  /** Whose library keys the schemas of IDA documents hold now: the environment's once scanned, else the shipped layer's (with the scan's state). */
  librariesStatus(): LibrariesInfo | undefined {
    const environment = this.environmentLibraries?.info();
    if (environment?.state === 'ready') return environment;
    const shipped = this.settings.shippedSchemas ? this.shipped.libraries() : undefined;
    const layer = shipped?.ok ? shipped.value.schema : undefined;
    if (layer === undefined) return environment;
    // Scanning or failed: the shipped layer stands in, and the status says both.
    const packages = layer['x-openedx-schema'].packages?.length ?? 0;
    return { source: 'shipped', state: 'ready', packages, keys: Object.keys(layer.properties).length, ...(environment !== undefined ? { environment } : {}) };
  }

  /** Where the schema of an IDA would come from, without extracting anything (for listings). */
  describeSource(ida: string, filePath?: string): { source: SchemaSourceKind; revision: string } | undefined {
    const userFile = this.userSchemaPath(ida);
    if (userFile !== undefined && this.userSchemas.load(userFile, ida).ok) return { source: 'user', revision: userFile };
    const detected = this.liveSource(ida, filePath);
    if (detected !== undefined) return { source: 'live', revision: detected.root };
    const shipped = this.settings.shippedSchemas ? this.shipped.get(ida) : undefined;
    if (shipped?.ok) return { source: 'shipped', revision: shipped.value.revision };
    return undefined;
  }

  /** The IDAs a document can be associated with: user, live and shipped ones (Django, a base layer, only when configured). */
  listIdas(): IdaListing[] {
    const names = new Set<string>([
      ...Object.keys(this.settings.schemas),
      ...Object.keys(this.settings.sources),
      ...this.workspaceSources().map((d) => d.ida),
      ...(this.settings.shippedSchemas ? this.shipped.idas() : []),
    ]);
    const out: IdaListing[] = [];
    for (const ida of [...names].sort()) {
      if (ida === DJANGO && !Object.hasOwn(this.settings.schemas, ida) && !Object.hasOwn(this.settings.sources, ida)) continue;
      const where = this.describeSource(ida);
      const aliases = aliasesOf(ida);
      if (where !== undefined) out.push({ ida, ...(aliases.length > 0 ? { aliases } : {}), ...where });
    }
    return out;
  }

  // ------------------------------------------------------------------ changes

  /**
   * Settings sources or schema files changed on disk: drops what they invalidate at once (so the
   * next request re-extracts) and, once the burst is over (`burst.ts`: no fixed wait), rebuilds
   * the live schemas that were in use and tells listeners which IDAs changed.
   * @returns the IDAs affected.
   */
  filesChanged(changes: readonly FileChange[]): string[] {
    const paths = changes.map((c) => path.resolve(c.path));
    const affected = new Set<string>();
    if (changes.some(changesDetection)) {
      // A settings module appeared, vanished or may load its YAML differently: detect again
      // (lazily), and compare the workspace's IDAs once the burst is over.
      this.detectionSnapshot ??= this.workspaceSources();
      this.folders.clear();
      this.workspaceDetections = undefined;
      this.changes.add([DETECTION_CHANGED]);
    }
    for (const d of this.catalogs.invalidate(paths)) {
      affected.add(d.ida);
      this.dropLiveSchemasUsing(sourceKey(d), affected);
    }
    for (const [ida, file] of Object.entries(this.settings.schemas)) {
      const abs = resolveSettingPath(file, this.workspaceFolders);
      if (paths.includes(abs)) {
        this.userSchemas.forget([abs]);
        affected.add(ida);
      }
    }
    // Every change keeps the burst open, even one that dropped nothing (the catalogs it would
    // drop may not be extracted again yet): listeners are told once the changes stop.
    if (changes.length > 0) this.changes.add([FILES_CHANGED, ...affected]);
    return [...affected].sort();
  }

  /**
   * For clients without file watchers: the settings sources read by live extractions that changed
   * on disk since, handled as {@link filesChanged} would. Returns the IDAs affected.
   */
  pollSources(): string[] {
    const changed = this.catalogs.changedOnDisk();
    return changed.length === 0 ? [] : this.filesChanged(changed.map((p) => ({ path: p, kind: 'changed' })));
  }

  /**
   * Drops every cached schema and extraction (parsed modules, snapshots and schema builders too:
   * this is the full extraction from nothing that "live extraction" measures), extracts again what
   * was cached, and tells listeners.
   */
  async reextract(): Promise<ReextractResult> {
    const started = performance.now();
    const dropped = this.catalogs.clear();
    // A full extraction, from nothing: what the request is for (and what it measures).
    this.extractor.clear();
    this.lastBuilt.clear();
    this.schemaBuilders.clear();
    this.liveSchemas.clear();
    this.userSchemas.forget();
    this.folders.clear();
    this.workspaceDetections = undefined;
    this.logged.clear();
    this.environmentLibraries?.rescan();
    await Promise.all(dropped.map((d) => this.catalogs.get(d)));
    const idas = [...new Set(dropped.map((d) => d.ida))].sort();
    this.emit(idas.length > 0 ? idas : ['*']);
    return { idas, millis: Math.round(performance.now() - started) };
  }

  // ------------------------------------------------------------------ internals

  /** End of a burst of file changes: adds the IDAs whose detected sources changed, then tells listeners. */
  private flushChanges(items: ChangeItem[]): void {
    const idas = new Set(items.filter((i): i is string => typeof i === 'string'));
    if (items.includes(DETECTION_CHANGED) && this.detectionSnapshot !== undefined) {
      const before = new Map(this.detectionSnapshot.map((d) => [sourceKey(d), d.ida]));
      const after = new Map(this.workspaceSources().map((d) => [sourceKey(d), d.ida]));
      for (const [key, ida] of before) if (!after.has(key)) idas.add(ida);
      for (const [key, ida] of after) if (!before.has(key)) idas.add(ida);
      this.detectionSnapshot = undefined;
    }
    const stale = items.includes(DETECTION_CHANGED) ? [] : [...this.stale.values()];
    this.stale.clear();
    if (idas.size === 0) return;
    // Rebuild the schemas that were in use before telling listeners: a request arriving meanwhile
    // shares the work, and the re-validations that follow find the schemas ready.
    void Promise.all(stale.map((d) => this.liveSchema(d))).then(
      () => this.emit([...idas].sort()),
      () => this.emit([...idas].sort()),
    );
  }

  private emitLibrariesStatus(): void {
    for (const listener of this.statusListeners) {
      try {
        listener();
      } catch (e) {
        this.logOnce(`libraries status listener failed: ${describeError(e)}`);
      }
    }
  }

  private emit(idas: string[]): void {
    for (const listener of this.listeners) {
      try {
        listener(idas);
      } catch (e) {
        this.logOnce(`schema change listener failed: ${describeError(e)}`);
      }
    }
  }

  private userSchemaPath(ida: string): string | undefined {
    const file = Object.hasOwn(this.settings.schemas, ida) ? this.settings.schemas[ida] : undefined;
    return file === undefined ? undefined : resolveSettingPath(file, this.workspaceFolders);
  }

  private userSchema(ida: string): ResolvedSchema | undefined {
    const file = this.userSchemaPath(ida);
    if (file === undefined) return undefined;
    const { result: loaded, problems } = this.userSchemas.loadWithProblems(file, ida);
    if (!loaded.ok) {
      this.logOnce(`openedxConfig.schemas.${ida}: ${loaded.error}`);
      return undefined;
    }
    for (const problem of problems) this.logOnce(`openedxConfig.schemas.${ida}: ${file}: ${problem}`);
    return { ida, schema: loaded.value, source: 'user', revision: file };
  }

  /**
   * The shipped schema, with its documentation when the cache holds it (waiting for that as for a
   * live schema; past the wait, the plain shipped schema, and listeners are told when it is ready).
   */
  private async shippedWithDocumentation(ida: string): Promise<ResolvedSchema | undefined> {
    const plain = this.shippedSchema(ida);
    if (plain === undefined) return undefined;
    const state = this.docs.status(ida, plain.schema)?.state;
    const withState = state !== undefined ? { ...plain, documentation: state } : plain;
    const promise = this.docs.documented(ida, plain.schema);
    if (promise === undefined) return withState;
    const documented = await this.within(promise, this.firstLiveWaitMs, ida, 'documentation');
    if (documented?.ok) return { ...withState, schema: documented.value };
    if (documented !== undefined) this.logOnce(`documentation of ${ida} unavailable: ${documented.error}`);
    return withState;
  }

  /** What the documentation cache holds for the shipped schema of an IDA, and its files (`openedxConfig/documentationFiles`). */
  documentationFiles(ida: string): { files: PinnedSource[]; state: DocumentationCacheState; cacheFolder: string } | undefined {
    const plain = this.shippedSchema(ida);
    const cacheFolder = this.docs.folder;
    if (plain === undefined || cacheFolder === undefined) return undefined;
    const status = this.docs.status(ida, plain.schema);
    return status === undefined ? undefined : { files: status.files, state: status.state, cacheFolder };
  }

  /** The documentation cache changed (a download ended): read it again, and re-validate every document. */
  documentationChanged(): void {
    this.docs.invalidate();
    this.emit(['*']);
  }

  private shippedSchema(ida: string): ResolvedSchema | undefined {
    if (!this.settings.shippedSchemas) return undefined;
    const shipped = this.shipped.get(ida);
    if (shipped === undefined) return undefined;
    if (!shipped.ok) {
      this.logOnce(`shipped schema of ${ida} unusable: ${shipped.error}`);
      return undefined;
    }
    return { ida, schema: shipped.value.schema, source: 'shipped', revision: shipped.value.revision };
  }

  private workspaceDetections: DetectedIda[] | undefined;
  /** The workspace's detections before a burst of changes that may alter them. */
  private detectionSnapshot: DetectedIda[] | undefined;

  /** IDAs detected in the workspace folders (cached until a settings module appears or vanishes). */
  private workspaceSources(): DetectedIda[] {
    this.workspaceDetections ??= this.workspaceFolders.flatMap((f) => this.folders.detectedIn(f));
    return this.workspaceDetections;
  }

  /** A configured source folder's detection of an IDA (renamed to the configured name when it holds a single other IDA). */
  private configuredSource(ida: string): DetectedIda | undefined {
    const folder = Object.hasOwn(this.settings.sources, ida) ? this.settings.sources[ida] : undefined;
    if (folder === undefined) return undefined;
    const found = this.folders.detectedIn(resolveSettingPath(folder, this.workspaceFolders));
    const exact = found.find((d) => d.ida === ida);
    if (exact !== undefined) return exact;
    const others = found.filter((d) => d.ida !== DJANGO);
    if (others.length === 1 && ida !== DJANGO) return { ...others[0], ida };
    this.logOnce(`openedxConfig.sources.${ida}: no ${ida} settings sources found in that folder`);
    return undefined;
  }

  /**
   * The live sources of an IDA as seen from a document: configured, else the nearest above the
   * document, else in a workspace folder. Canonicalised to the workspace's detection of the same
   * modules, whose root (the checkout) resolves absolute imports best.
   */
  private liveSource(ida: string, filePath?: string): DetectedIda | undefined {
    const configured = this.configuredSource(ida);
    if (configured !== undefined) return configured;
    const workspace = this.workspaceSources();
    const near = filePath !== undefined ? this.folders.nearestSource(filePath, ida, this.workspaceFolders) : undefined;
    if (near !== undefined) return workspace.find((d) => sourceKey(d) === sourceKey(near)) ?? near;
    return workspace.find((d) => d.ida === ida);
  }

  /** The live Django sources: configured, else found in a workspace folder. */
  private djangoSource(): DetectedIda | undefined {
    return this.configuredSource(DJANGO) ?? this.workspaceSources().find((d) => d.ida === DJANGO);
  }

  /** The live schema, or undefined when it is still being built after the wait (listeners are told when it ends). */
  private liveSchemaWithin(detected: DetectedIda): Promise<Result<IdaSchema> | undefined> {
    const waitMs = this.lastBuilt.has(this.liveKey(detected)) ? this.liveWaitMs : this.firstLiveWaitMs;
    return this.within(this.liveSchema(detected), waitMs, detected.ida);
  }

  /** A schema build's result, or undefined when it is still running after `waitMs` (listeners are told when it ends). */
  private async within(promise: Promise<Result<IdaSchema>>, waitMs: number | undefined, ida: string, what = 'live schema'): Promise<Result<IdaSchema> | undefined> {
    if (!this.tracked.has(promise)) {
      this.tracked.add(promise);
      void promise.then(() => this.settled.add(promise));
    }
    if (waitMs === undefined || this.settled.has(promise)) return promise;
    // One request waited for it already: the others do not wait again.
    if (this.awaited.has(promise)) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), waitMs)));
    const result = await Promise.race([promise, late]).finally(() => clearTimeout(timer));
    if (result === undefined && !this.awaited.has(promise)) {
      this.awaited.add(promise);
      void promise.then((r) => {
        // Answered meanwhile with an older schema: re-validate with this one. A failure changes
        // nothing (the fallback was answered already) and would start the extraction again.
        if (r.ok) this.emit([ida]);
        else this.logOnce(`${what} of ${ida} unavailable, falling back: ${r.error}`);
      });
    }
    return result;
  }

  /** The key of a live schema: its sources and Django's. */
  private liveKey(detected: DetectedIda): string {
    return this.liveDeps(detected).deps.join('\u0001');
  }

  private liveDeps(detected: DetectedIda): { deps: string[]; django: DetectedIda | undefined } {
    const django = detected.ida === DJANGO ? undefined : this.djangoSource();
    return { deps: [sourceKey(detected), ...(django !== undefined ? [sourceKey(django)] : [])], django };
  }

  private liveSchema(detected: DetectedIda): Promise<Result<IdaSchema>> {
    const { deps, django } = this.liveDeps(detected);
    const key = deps.join('\u0001');
    let entry = this.liveSchemas.get(key);
    if (entry === undefined) {
      entry = { ida: detected.ida, detected, deps, promise: this.buildLive(key, detected, django) };
      this.liveSchemas.set(key, entry);
      const created = entry;
      // A failed build is not cached: the next request tries again.
      void created.promise.then((r) => {
        if (!r.ok && this.liveSchemas.get(key) === created) this.liveSchemas.delete(key);
      });
    }
    return entry.promise;
  }

  private async buildLive(key: string, detected: DetectedIda, django: DetectedIda | undefined): Promise<Result<IdaSchema>> {
    const [own, base] = await Promise.all([this.catalogs.get(detected), django !== undefined ? this.catalogs.get(django) : undefined]);
    if (!own.ok) return fail(`extraction of ${detected.ida} failed: ${own.error}`);
    if (own.value.catalog.settings.length === 0) return fail(`no settings found in the ${detected.ida} sources`);
    const overlay = this.shipped.overlay(detected.ida);
    if (overlay !== undefined && !overlay.ok) this.logOnce(`overlay of ${detected.ida} ignored: ${overlay.error}`);
    try {
      let builder = this.schemaBuilders.get(key);
      if (builder === undefined) this.schemaBuilders.set(key, (builder = new IncrementalSchemaBuilder(LIVE_BUILD)));
      const incremental = builder;
      const djangoLayer = this.djangoLayer(base);
      const composed = composeSchema({
        catalog: own.value.catalog,
        ...(djangoLayer !== undefined ? { django: djangoLayer } : {}),
        ...(overlay?.ok ? { overlay: overlay.value } : {}),
        build: (catalog) => incremental.build(catalog),
      });
      const schema = reuseUnchangedProperties(this.lastBuilt.get(key), composed);
      this.lastBuilt.set(key, schema);
      return ok(schema);
    } catch (e) {
      return fail(`building the ${detected.ida} schema failed: ${describeError(e)}`);
    }
  }

  /** Django's layer for a live schema: its live catalog when its sources were extracted, else the shipped `django.json`. */
  private djangoLayer(extracted: CatalogResult | undefined): DjangoLayer | undefined {
    const catalog = usableCatalog(extracted);
    if (catalog !== undefined) return { catalog };
    const shipped = this.shipped.get(DJANGO);
    return shipped?.ok ? { schema: shipped.value.schema } : undefined;
  }

  private dropLiveSchemasUsing(key: string, affected: Set<string>): void {
    for (const [k, entry] of this.liveSchemas) {
      if (!entry.deps.includes(key)) continue;
      this.liveSchemas.delete(k);
      affected.add(entry.ida);
      this.stale.set(sourceKey(entry.detected), entry.detected);
    }
  }

  private logOnce(message: string): void {
    if (this.logged.has(message)) return;
    if (this.logged.size > 500) this.logged.clear();
    this.logged.add(message);
    this.log(message);
  }
}

/** Python modules whose *content* decides detection (the `*_CFG` variable that names the IDA). */
const DETECTION_FILES: ReadonlySet<string> = new Set(['production.py', 'yaml_config.py', '__init__.py']);

/** The burst item that stands for "detection may have changed". */
const DETECTION_CHANGED: unique symbol = Symbol('detection may have changed');

/** The burst item that stands for "some file changed" (it keeps the burst open). */
const FILES_CHANGED: unique symbol = Symbol('files changed');

/** What a burst of file changes collects: the IDAs whose schemas changed, and the two events above. */
type ChangeItem = string | typeof DETECTION_CHANGED | typeof FILES_CHANGED;

/** Whether a file change may change what detection finds: a Python module created or deleted, or one of {@link DETECTION_FILES} edited. */
function changesDetection(change: FileChange): boolean {
  if (!change.path.endsWith('.py')) return false;
  return change.kind !== 'changed' || DETECTION_FILES.has(path.basename(change.path));
}

/** The catalog of a successful extraction that found settings (an empty one is no usable layer). */
function usableCatalog(result: CatalogResult | undefined): Catalog | undefined {
  return result?.ok && result.value.catalog.settings.length > 0 ? result.value.catalog : undefined;
}

/** The IDA identifiers the file-name table knows (for completion of `ida=` and the IDA picker). */
export const FILE_NAME_IDAS: readonly string[] = [...new Set(Object.values(IDA_BY_FILE_STEM))].sort();
