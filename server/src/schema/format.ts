/**
 * The JSON Schema documents this project produces and ships: one per IDA.
 * Standard keywords carry what JSON Schema can say (types, defaults, required);
 * the custom `x-openedx` keyword carries the rest. Documented in docs/schema-format.md.
 */
import type { Documentation, ExtractionProblem, JsonType, JsonValue, Layout, Origin, Requirement, SettingReader, YamlLoading, YamlRole } from '../catalog/types';

/**
 * Documentation as stored in `x-openedx.doc`. Live schemas keep the whole {@link Documentation};
 * facts-only (shipped) schemas drop `description` and every non-factual field (see docs/schema-format.md).
 */
export type DocumentationFacts = Omit<Documentation, 'description'> & {
  /** The main text; absent in facts-only schemas. */
  description?: string;
};

/**
 * Version of the format; bump when a consumer would misread older documents.
 * 2: a `conditional` role's `condition` is a structure (`Condition` in catalog/types.ts), no longer source text
 * (`load.ts` upgrades the text of version 1 files).
 */
export const SCHEMA_FORMAT_VERSION = 2;

/** Facts per property that JSON Schema has no keyword for. */
export interface PropertyFacts {
  /** Where the setting is defined. `file` is relative to the source root named in {@link SchemaFacts.source}, or, when `origin.layer` is set, to that base's root (`source.bases`). */
  origin: Origin;
  /** `json`, `computed` or `unknown`, as in the catalog. */
  typeKind: 'json' | 'computed' | 'unknown';
  /** Where the type came from. */
  typeFrom: 'literal' | 'hint' | 'annotation' | 'yaml-usage' | 'none';
  /** Source text of the default expression, when it is worth showing. */
  defaultText?: string;
  /** What the service does with the key in YAML. */
  roles?: YamlRole[];
  /** Documentation: complete in live schemas; in shipped (facts-only) schemas only `source`, `annotationKind`, `line` and the factual fields (default, implementation, use cases, dates, tickets) remain. */
  doc?: DocumentationFacts;
  /** Code outside the settings modules that reads or sets the key: installed libraries, plugin apps (files relative to the layer's root). */
  readers?: SettingReader[];
  required?: Requirement;
  /** Other settings a computed default reads. */
  computedFrom?: string[];
  /**
   * Present (and `true`) when the keys of this dict setting are free-form (aliases, names):
   * unknown keys anywhere below this property are then never reported. The rule is in docs/schema-format.md.
   */
  freeFormKeys?: boolean;
  /** Facts-only schemas leave out defaults that hold long texts (templates, prompts): they are prose, not facts. */
  defaultOmitted?: boolean;
  /** The setting in its framework's reference documentation (Django's settings reference), only for settings that reference documents. */
  reference?: string;
}

/** Facts about the whole schema. */
export interface SchemaFacts {
  formatVersion: number;
  ida: string;
  layout: Layout;
  /** Where the sources came from. For live schemas `root` is an absolute path; for shipped ones `repo`/`commit`/`date`. */
  source: {
    root?: string;
    repo?: string;
    commit?: string;
    date?: string;
    files: string[];
    /** Base catalogs merged under this one (e.g. Django's built-ins), outermost first. */
    bases?: SchemaSourceLayer[];
    /**
     * Shipped schemas: every source file read (the schema's own and its bases'), each pinned to
     * the commit it was taken from and its SHA-256, so that the documentation the schema leaves
     * out can be downloaded and verified (`documentation/`).
     */
    pinned?: PinnedSource[];
  };
  /** Whether documentation prose was stripped (shipped schemas). */
  factsOnly: boolean;
  /** A libraries schema (layout `library`): the packages scanned, sorted by name. */
  packages?: LibraryPackage[];
  yaml: YamlLoading;
  generator: string;
  counts: {
    settings: number;
    documented: number;
    typed: number;
    computed: number;
    required: number;
    problems: number;
  };
  problems: ExtractionProblem[];
  /**
   * `ignored` for a plain draft-07 schema whose top level allows additional properties: keys it
   * does not list are not reported (`schema/load.ts`). Absent: reported, as in our own schemas.
   */
  unknownKeys?: 'ignored';
  /** While loading a plain schema only: its own top-level `additionalProperties`. */
  plainAdditionalProperties?: unknown;
}

/** One source file of a shipped schema, pinned (see {@link SchemaFacts.source}). */
export interface PinnedSource {
  /** Upstream repository, `owner/name`. */
  repo: string;
  /** The commit the file was taken from (files of one schema may come from different commits). */
  commit: string;
  /** POSIX path inside the repository. */
  path: string;
  /** SHA-256 of the file's bytes, lowercase hex. */
  sha256: string;
  /** Size in bytes. */
  bytes: number;
}

/** One base catalog a schema's settings were partly taken from (see `mergeCatalogs`). */
export interface SchemaSourceLayer {
  /** The base catalog's IDA identifier, as used in {@link Origin.layer} (e.g. `django`). */
  ida: string;
  /** Absolute path of that catalog's source root; live schemas only. */
  root?: string;
  /** Source files read, POSIX-relative to that root. */
  files: string[];
  /** The libraries layer: the packages it was scanned from (see {@link SchemaFacts.packages}). */
  packages?: LibraryPackage[];
  /** The libraries layer, shipped: each file read, pinned (paths inside each package's repository). */
  pinned?: PinnedSource[];
}

/** A package the libraries layer was scanned from: facts about it, for hover links. */
export interface LibraryPackage {
  /** Distribution name (`celery`, `edx-drf-extensions`). */
  name: string;
  version?: string;
  /** The package's documentation home page, when known. */
  home?: string;
  /** Shipped layers: the upstream repository (`owner/name`) and commit the files were read at, for permalinks (files are then relative to the checkout). */
  repo?: string;
  commit?: string;
  /** Where the package's files are, relative to the layer's root (a checkout's folder; absent: the root itself, a site-packages). */
  folder?: string;
  /**
   * Shipped layers: the IDAs that install the package (`["lms", "studio"]` for the platform's
   * plugins); absent: every IDA. A scanned environment's packages are all installed, so absent.
   */
  idas?: string[];
}

/** A property subschema with our extension keyword. */
export interface PropertySchema {
  type?: Array<JsonType | 'null'> | JsonType | 'null';
  default?: JsonValue;
  description?: string;
  markdownDescription?: string;
  deprecated?: boolean;
  properties?: Record<string, PropertySchema>;
  /** Nested keys that must be present when this dict is given (only from a nested key's {@link Requirement}). */
  required?: string[];
  items?: PropertySchema;
  enum?: JsonValue[];
  'x-openedx'?: PropertyFacts;
}

/** A whole IDA schema document. */
export interface IdaSchema {
  $schema: string;
  $id: string;
  title: string;
  type: 'object';
  properties: Record<string, PropertySchema>;
  required: string[];
  additionalProperties: true;
  'x-openedx-schema': SchemaFacts;
}
