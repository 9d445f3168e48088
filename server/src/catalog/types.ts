/**
 * The setting catalog: what the extractor learns about an IDA's settings,
 * before it is turned into a JSON Schema. Everything here is plain data
 * (JSON-serialisable) so catalogs can be cached, diffed and tested exactly.
 */

/** A JSON value, as found in a literal Python default. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The JSON types a YAML value may take. `null` is tracked separately in {@link SettingType.nullable}. */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';

/**
 * What we know of a setting's type.
 * - `json`: the literal default (or a type hint) tells the JSON types.
 * - `computed`: the default is computed (`Derived(...)`, a call, an f-string reading other settings, …).
 * - `unknown`: nothing tells (a bare `None` default without a hint, a bare declaration).
 */
export interface SettingType {
  kind: 'json' | 'computed' | 'unknown';
  /** Allowed JSON types when `kind` is `json`; empty otherwise. Never contains `null`. */
  types: JsonType[];
  /** Whether `null` is accepted: a `None` default or an `Optional`/`| None` hint. */
  nullable: boolean;
  /** Where the type came from, for hover text and debugging. */
  from: 'literal' | 'hint' | 'annotation' | 'yaml-usage' | 'none';
}

/**
 * A position in a settings source. `file` is POSIX-relative to the catalog's source root,
 * or, when `layer` is set, to the root of that base layer (see {@link Catalog.bases}).
 */
export interface Origin {
  file: string;
  /** 1-based line. */
  line: number;
  /** 0-based column. */
  column: number;
  /**
   * Set only on settings taken from a base catalog by `mergeCatalogs` (server/src/schema/merge.ts):
   * that catalog's `ida` (e.g. `django` for Django's built-in settings). Absent for the IDA's own settings.
   */
  layer?: string;
}

/** Which comment convention documented a setting. */
export type DocSource = 'annotation' | 'oep45' | 'comment';

/**
 * Documentation of one setting. `fields` keeps every annotation token as written,
 * without its `setting_`/`toggle_` prefix (`description`, `default`, `warning`,
 * `use_cases`, `creation_date`, `target_removal_date`, `implementation`, `tickets`, …).
 */
export interface Documentation {
  source: DocSource;
  /** Main text: `setting_description`/`toggle_description`, the `#:` text or the plain comment. */
  description: string;
  /** `setting` or `toggle` for code-annotations; absent otherwise. */
  annotationKind?: 'setting' | 'toggle';
  fields: Record<string, string>;
  /** Line (1-based) of the first comment line of the block. */
  line: number;
  /**
   * File (POSIX-relative to the root) holding the comment block, when it is not the setting's
   * origin file: documentation found in one module is kept when another module reassigns the value.
   */
  file?: string;
}

/**
 * A condition read from the Python source, as data: an `if` test built from settings, `not`,
 * `and`, `or` and literals. A `name` is a setting however the code reads it: `X`,
 * `FEATURES['X']`, `FEATURES.get('X', …)` and `settings.X` are all `{ kind: 'name', name: 'X' }`,
 * since a YAML file sets each of them as `X` (at the top level or in its `FEATURES` mapping).
 * Conditions nothing here can express (comparisons, calls, attributes of other objects) have no
 * structure at all. `and`/`or` hold two or more operands, flattened (`A or B or C` is one `or`).
 */
export type Condition =
  | { kind: 'name'; name: string }
  | { kind: 'not'; operand: Condition }
  | { kind: 'and' | 'or'; operands: Condition[] }
  | { kind: 'literal'; value: boolean | number | string | null };

/** What the service does with this key when it appears in the YAML file. */
export type YamlRole =
  /** Merged into the Python default instead of replacing it. */
  | { kind: 'merged'; depth: 'shallow' | 'one-level' | 'deep'; line: number; file: string }
  /** Read only from YAML and appended to another list setting. */
  | { kind: 'appended'; target: string; line: number; file: string }
  /** Read only from YAML and stored under another setting's name. */
  | { kind: 'renamed'; target: string; line: number; file: string }
  /** Read explicitly from the YAML (`_YAML_TOKENS.get('X')`, `config.pop('X')`), not through `vars().update`. */
  | { kind: 'yaml-only'; line: number; file: string; note?: string }
  /**
   * Assigned unconditionally after the YAML is loaded: a value in the YAML file has no effect.
   * `package` (and its `version`) is set when an installed plugin app does it: `file` is then
   * relative to the libraries layer's root.
   */
  | { kind: 'overwritten'; line: number; file: string; package?: string; version?: string }
  /** Read from the YAML only when a condition on other settings holds (`if ENABLE_X or ENABLE_Y:`). */
  | { kind: 'conditional'; condition: Condition; line: number; file: string }
  /** Keys of this dict become top-level settings (`FILE_STORAGE_BACKEND`). */
  | { kind: 'spread'; line: number; file: string }
  /** Still accepted, but superseded. */
  | { kind: 'deprecated'; replacement?: string; reason: string };

/** Why a setting must be present in the YAML file. */
export interface Requirement {
  /** `required.py` (OEP-45) or a project overlay in `schemas/`. */
  source: 'required-module' | 'overlay';
  reason: string;
}

/** One setting (or one documented key inside a dict setting). */
export interface Setting {
  /** Top-level setting name. */
  name: string;
  /** `[name]` for a top-level setting; `[name, key, …]` for a documented key inside a dict setting. */
  path: string[];
  type: SettingType;
  /** The default as JSON, present only when the default is a literal. */
  default?: JsonValue;
  /** Source text of the default expression, as written (possibly abbreviated). */
  defaultText?: string;
  doc?: Documentation;
  required?: Requirement;
  origin: Origin;
  roles: YamlRole[];
  /** Names of other settings this default reads (`Derived`, f-strings, BinOps): for hover. */
  computedFrom?: string[];
  /**
   * Code outside the IDA's settings modules that reads or sets this key: installed libraries and
   * plugin apps. Set by the libraries layer and by plugin extraction; absent for plain settings.
   */
  readers?: SettingReader[];
}

/**
 * One place in a package's code that reads (or, for a plugin app, sets) a setting. Facts only:
 * the package, where, and how; never the code itself.
 */
export interface SettingReader {
  /** Distribution name as installed or published (`celery`, `edx-drf-extensions`, `openedx-platform`). */
  package: string;
  /** The distribution's version, when known (`5.2.6`); a commit for a checkout. */
  version?: string;
  /** POSIX path of the module, relative to the layer's root (a `site-packages` folder or a checkout). */
  file: string;
  /** 1-based. */
  line: number;
  /**
   * - `getattr`: `getattr(settings, 'X', default)` (or `hasattr`);
   * - `attribute`: `settings.X`;
   * - `defaults`: a nested key of a package's defaults dict merged with the setting (`JWT_AUTH`);
   * - `plugin`: assigned by a plugin app's `plugin_settings(settings)`;
   * - `overwrite`: assigned by an installed plugin app's production `plugin_settings(settings)`,
   *   which runs after the YAML file is loaded, ignoring the key's value in the file.
   */
  how: 'getattr' | 'attribute' | 'defaults' | 'plugin' | 'overwrite';
  /** For `overwrite`: the project types (entry point groups, `lms.djangoapp`) whose production settings run the assignment. */
  projects?: string[];
}

/** Something the extractor could not fully understand. Never fatal. */
export interface ExtractionProblem {
  code:
    | 'syntax-error'
    | 'unreadable-file'
    | 'import-not-found'
    | 'import-cycle'
    | 'annotation-name-mismatch'
    | 'annotation-unattached'
    | 'annotation-malformed'
    | 'layout-unknown'
    | 'file-too-large'
    /** A bound of extraction was reached (edits of one setting, problems of one module): what is past it is not followed or not listed. */
    | 'limit-reached'
    /** A project overlay (schemas/overlays/<ida>.json) names a key the catalog does not have; `file` is the overlay's path. */
    | 'overlay-unknown-key';
  message: string;
  file: string;
  /** As in {@link Origin.layer}: set on problems taken from a base catalog by `mergeCatalogs`. */
  layer?: string;
  /** 1-based. */
  line: number;
  /** 0-based. */
  column: number;
}

/** The source layouts the extractor recognises; `library` is the layer of settings read by installed packages (`libraries/`). */
export type Layout = 'oep45' | 'platform' | 'ida' | 'django' | 'library';

/** How the service finds and applies its YAML file (read from `production.py`). */
export interface YamlLoading {
  /** Environment variable naming the YAML file (`LMS_CFG`, `CREDENTIALS_CFG`, …). */
  envVar?: string;
  /** Fixed file name, when the service uses one (`edx_notes_api.yml`). */
  fileName?: string;
  /** Module (POSIX path) that loads the YAML. */
  module?: string;
  /** 1-based line of the YAML load. */
  line?: number;
}

/** A base catalog merged under an IDA's own catalog by `mergeCatalogs` (e.g. Django's built-ins). */
export interface CatalogLayer {
  /** The base catalog's `ida`; settings and problems taken from it carry it as `layer`. */
  ida: string;
  layout: Layout;
  /** Absolute path of the base catalog's source root: files of its settings are relative to it. */
  root: string;
  /** Source files it read, POSIX-relative to `root`. */
  files: string[];
}

/** Every setting of one IDA, with the facts about its sources. */
export interface Catalog {
  /** IDA identifier: `lms`, `studio`, `credentials`, `django`, … */
  ida: string;
  layout: Layout;
  /** Absolute path of the folder extraction started from (for live schemas and links). */
  root: string;
  /** Settings in source order; nested documented keys follow their parent. */
  settings: Setting[];
  problems: ExtractionProblem[];
  /** Source files read, POSIX-relative to `root`, in reading order. */
  files: string[];
  yaml: YamlLoading;
  /** Base catalogs merged under this one, outermost first; absent when nothing was merged. */
  bases?: CatalogLayer[];
}
