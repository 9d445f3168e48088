/**
 * The data of the custom messages between the client and the server (`messages.ts`), defined
 * once: the registry and the session produce them, the client reads them. Plain types, no
 * imports, so any floor of the server may use them (the message objects stay in `lsp/`'s reach).
 */

/** Where the schema applied to a document comes from. */
export type SchemaSourceKind = 'live' | 'shipped' | 'user';

/** Problem counts of one document, as the status bar shows them (hints count as infos). */
export interface ProblemCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** Where a config file runs: rules meant for production (`insecure-secret`) stay quiet elsewhere. */
export type Environment = 'production' | 'devstack' | 'test' | 'local';

/** What the server decided for one document. */
export interface DocumentSchemaInfo {
  uri: string;
  /** The IDA the document belongs to; absent when the document is not an IDA config file. */
  ida?: string;
  /** Why that IDA: `file name`, `folder`, `modeline`, `setting`, `user choice`. */
  reason?: string;
  source?: SchemaSourceKind;
  /** Live: the settings folder; shipped: `repo@commit (date)`; user: the schema file. */
  revision?: string;
  /** Where the file runs (`production` unless its name, folder, modeline or association says otherwise). */
  environment?: Environment;
  /** Problem counts currently published for the document. */
  counts?: ProblemCounts;
  /** A shipped schema that pins its source files: whether their documentation is downloaded. */
  documentation?: DocumentationState;
  /** The libraries layer under the schema: settings read by installed packages. */
  libraries?: LibrariesInfo;
}

/** The libraries layer of a document's schema (`schema/librariesLayer.ts`). */
export interface LibrariesInfo {
  /** `environment`: scanned from a Python environment; `shipped`: the layer shipped with the extension. */
  source: 'environment' | 'shipped';
  /** The scanned `site-packages` folder (environment only). */
  folder?: string;
  /** `scanning` (the shipped layer applies meanwhile), `ready`, or `failed` (the shipped layer applies). */
  state: 'scanning' | 'ready' | 'failed';
  /** Packages that read settings, and the top-level keys they read (0 while scanning). */
  packages: number;
  keys: number;
  /** While scanning: files read and files to read. */
  progress?: { done: number; total: number };
  /** A finished scan: distributions taken from the scan cache, and distributions read anew. */
  cache?: { reused: number; scanned: number };
  /** Why the scan failed. */
  error?: string;
  /** The shipped layer standing in while the environment is scanned (or after its scan failed): that scan. */
  environment?: LibrariesInfo;
}

/** What the documentation cache holds for a shipped schema. */
export type DocumentationState = 'downloaded' | 'missing' | 'corrupt';

/** One pinned source file of a shipped schema (the schema's `source.pinned` entry). */
export interface PinnedFileInfo {
  repo: string;
  commit: string;
  path: string;
  sha256: string;
  bytes: number;
}

/** `openedxConfig/documentationFiles`: what to download for an IDA's shipped schema, and where to. */
export type DocumentationFilesResult =
  | { ida: string; state: DocumentationState; cacheFolder: string; files: PinnedFileInfo[] }
  | { ida: string; error: string };

/** One IDA a document can be associated with, and where its schema comes from. */
export interface IdaListing {
  ida: string;
  /** Other names that stand for this IDA (`cms` for `studio`), accepted wherever an IDA is named. */
  aliases?: string[];
  source: SchemaSourceKind;
  revision: string;
}

/** The answer to an export: the schema as applied now, or why there is none. */
export type ExportSchemaResult = { schema: unknown } | { error: string };

/** The answer to a re-extraction: the IDAs extracted again, and how long it took. */
export interface ReextractResult {
  idas: string[];
  millis: number;
}
