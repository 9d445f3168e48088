/**
 * The extractor's public surface, used by the schema registry, the CLI and the tests.
 * Implementations live beside this file; callers import only from here.
 */
import type { Layout } from '../catalog/types';
import type { ExtractionCache } from './extractionCache';

/** An IDA whose settings sources were found in a folder. */
export interface DetectedIda {
  /** `lms`, `studio`, `credentials`, `ecommerce`, `discovery`, …, `django`, or the OEP-45 package's IDA name. */
  ida: string;
  layout: Layout;
  /** Absolute path of the source root (repository root or the folder given). */
  root: string;
  /** Entry modules, POSIX-relative to `root` (e.g. `lms/envs/common.py`, `demo/settings/defaults.py`). */
  entryFiles: string[];
  /** The module that loads the YAML file, if any (e.g. `lms/envs/production.py`). */
  yamlModule?: string;
}

/** Options for extraction. */
export interface ExtractOptions {
  /** Files larger than this are not parsed (a problem is reported instead). Default 5 MB. */
  maxFileBytes?: number;
  /**
   * What earlier extractions kept (the language server's): a module whose text did not change is
   * not parsed again, a changed one only around the edit, and a module after which nothing it
   * depends on changed is not read again. Without it, everything is parsed and read afresh.
   */
  cache?: ExtractionCache;
  /** Texts that win over the disk, by POSIX path relative to the root (unsaved editor buffers). */
  overlay?: ReadonlyMap<string, string>;
}
