/**
 * The JSON Schema documents this project produces and ships: one per IDA.
 * Standard keywords carry what JSON Schema can say (types, defaults, required);
 * the custom `x-openedx` keyword carries the rest. Documented in docs/schema-format.md.
 */
import type { Documentation, ExtractionProblem, JsonType, JsonValue, Layout, Origin, Requirement, YamlLoading, YamlRole } from '../catalog/types';

/** Version of the format; bump when a consumer would misread older documents. */
export const SCHEMA_FORMAT_VERSION = 1;

/** Facts per property that JSON Schema has no keyword for. */
export interface PropertyFacts {
  /** Where the setting is defined. `file` is relative to the source root named in {@link SchemaFacts.source}. */
  origin: Origin;
  /** `json`, `computed` or `unknown`, as in the catalog. */
  typeKind: 'json' | 'computed' | 'unknown';
  /** Where the type came from. */
  typeFrom: 'literal' | 'hint' | 'annotation' | 'yaml-usage' | 'none';
  /** Source text of the default expression, when it is worth showing. */
  defaultText?: string;
  /** What the service does with the key in YAML. */
  roles?: YamlRole[];
  /** Documentation: present in live schemas; in shipped (facts-only) schemas only `source`, `annotationKind`, `line` and the factual fields (dates, use cases, implementation) remain. */
  doc?: Documentation;
  required?: Requirement;
  /** Other settings a computed default reads. */
  computedFrom?: string[];
  /** Whether the keys of this dict setting are free-form (aliases, names): unknown nested keys are then never reported. */
  freeFormKeys?: boolean;
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
  };
  /** Whether documentation prose was stripped (shipped schemas). */
  factsOnly: boolean;
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
}

/** A property subschema with our extension keyword. */
export interface PropertySchema {
  type?: Array<JsonType | 'null'> | JsonType | 'null';
  default?: JsonValue;
  description?: string;
  markdownDescription?: string;
  deprecated?: boolean;
  properties?: Record<string, PropertySchema>;
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
