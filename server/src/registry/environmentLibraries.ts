/**
 * The libraries layer of a Python environment (`openedxConfig.pythonEnvironment`, else a `.venv` or
 * `venv` in a workspace folder): which `site-packages` folder it is, its scan (run by the injected
 * scanner: a worker thread in the language server, in-process in the CLI), and the schema built
 * from the scan. While a scan runs, or when there is no environment, there is no schema here and
 * the registry lays the shipped libraries layer instead. Files are read, never run; the folder's
 * path is logged, setting values never.
 */
import type { Catalog } from '../catalog/types';
import { describeError } from '../common/describeError';
import type { LibrariesInfo } from '../protocol/types';
import { buildSchema } from '../schema/build';
import type { IdaSchema, LibraryPackage } from '../schema/format';
import { LIVE_BUILD } from '../schema/compose';

/** One scan's result: the catalog, and the packages it read settings from. */
export interface EnvironmentScanResult {
  catalog: Catalog;
  packages: LibraryPackage[];
  /** Distributions taken from the scan cache, and distributions read anew. */
  cache: { reused: number; scanned: number };
}

/**
 * Scans a `site-packages` folder. `progress` is called with files done and files to read;
 * `signal` aborts (the promise then rejects). Must never execute anything it reads.
 */
export type EnvironmentScanner = (
  request: { sitePackages: string; cacheFolder: string },
  progress: (done: number, total: number) => void,
  signal: AbortSignal,
) => Promise<EnvironmentScanResult>;

/** How the registry finds and scans Python environments (`environmentSupport.ts`). */
export interface EnvironmentSupport {
  /** The `site-packages` folder of what `openedxConfig.pythonEnvironment` names (a virtualenv, a `site-packages`, a Python executable); undefined when it is none of them. */
  resolve: (given: string) => string | undefined;
  /** The `site-packages` of a `.venv`/`venv` in a workspace folder, if any. */
  detect: (workspaceFolder: string) => string | undefined;
  scan: EnvironmentScanner;
}

/** Where the environment comes from, as resolved by the registry. */
export interface EnvironmentChoice {
  /** The `site-packages` folder to scan. */
  sitePackages: string;
  /** Where the scan cache goes. */
  cacheFolder: string;
}

interface Scan {
  choice: EnvironmentChoice;
  /** Settles when the scan ends, ready or failed (never rejects). */
  ended: Promise<void>;
  controller: AbortController;
  state: 'scanning' | 'ready' | 'failed';
  progress?: { done: number; total: number };
  schema?: IdaSchema;
  error?: string;
  keys: number;
  packages: number;
  cache?: { reused: number; scanned: number };
}

/** See the module comment. */
export class EnvironmentLibraries {
  private scan: Scan | undefined;
  /** Scans started, for tests. */
  started = 0;

  /**
   * @param scanner runs a scan.
   * @param changed called when a scan ends (ready or failed) and when its progress moves, so
   *   documents are validated again and the status is shown; never with setting values.
   * @param log problems, naming folders, never values.
   */
  constructor(
    private readonly scanner: EnvironmentScanner,
    private readonly changed: (what: 'ready' | 'failed' | 'progress') => void,
    private readonly log: (message: string) => void,
  ) {}

  /** Uses this environment from now on (undefined: none). The same choice again keeps its scan; another one cancels it. */
  choose(choice: EnvironmentChoice | undefined): void {
    const current = this.scan?.choice;
    if (choice?.sitePackages === current?.sitePackages && choice?.cacheFolder === current?.cacheFolder) return;
    this.cancel();
    if (choice !== undefined) this.start(choice);
  }

  /** Scans the same environment again (`Re-extract Settings Now`): the cache makes an unchanged one cheap. */
  rescan(): void {
    const choice = this.scan?.choice;
    this.cancel();
    if (choice !== undefined) this.start(choice);
  }

  /** Settles when the current scan (if any) has ended, ready or failed: the CLI checks files only then. */
  async settled(): Promise<void> {
    await this.scan?.ended;
  }

  /** The layer's schema once a scan is ready; undefined while scanning, after a failure, or with no environment. */
  schema(): IdaSchema | undefined {
    return this.scan?.state === 'ready' ? this.scan.schema : undefined;
  }

  /** What the status shows; undefined with no environment. */
  info(): LibrariesInfo | undefined {
    const scan = this.scan;
    if (scan === undefined) return undefined;
    return {
      source: 'environment',
      folder: scan.choice.sitePackages,
      state: scan.state,
      packages: scan.packages,
      keys: scan.keys,
      ...(scan.progress !== undefined && scan.state === 'scanning' ? { progress: scan.progress } : {}),
      ...(scan.cache !== undefined ? { cache: scan.cache } : {}),
      ...(scan.error !== undefined ? { error: scan.error } : {}),
    };
  }

  /** Stops any running scan; nothing is reported for it. */
  dispose(): void {
    this.cancel();
  }

  private cancel(): void {
    this.scan?.controller.abort();
    this.scan = undefined;
  }

  private start(choice: EnvironmentChoice): void {
    let ended: () => void = () => undefined;
    const scan: Scan = { choice, controller: new AbortController(), state: 'scanning', keys: 0, packages: 0, ended: new Promise<void>((resolve) => (ended = resolve)) };
    this.scan = scan;
    this.started++;
    let lastReported = 0;
    const progress = (done: number, total: number): void => {
      if (this.scan !== scan) return;
      scan.progress = { done, total };
      // A status worth redrawing: every tenth of the way, not every file.
      const step = Math.max(1, Math.floor(total / 10));
      if (done - lastReported >= step || done === total) {
        lastReported = done;
        this.changed('progress');
      }
    };
    void this.scanner(choice, progress, scan.controller.signal).then(
      (result) => {
        if (this.scan !== scan) return;
        scan.schema = librariesSchema(result, choice.sitePackages);
        scan.keys = Object.keys(scan.schema.properties).length;
        scan.packages = result.packages.length;
        scan.cache = result.cache;
        scan.state = 'ready';
        this.changed('ready');
      },
      (e: unknown) => {
        if (this.scan !== scan) return;
        scan.state = 'failed';
        scan.error = describeError(e);
        this.log(`scan of the Python environment ${choice.sitePackages} failed: ${scan.error}`);
        this.changed('failed');
      },
    ).finally(ended);
  }
}

/** The libraries schema of a scan: built as live schemas are, with the packages as facts. */
export function librariesSchema(result: EnvironmentScanResult, root: string): IdaSchema {
  const schema = buildSchema({ ...result.catalog, root }, LIVE_BUILD);
  const packages = [...result.packages].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { ...schema, 'x-openedx-schema': { ...schema['x-openedx-schema'], packages } };
}
