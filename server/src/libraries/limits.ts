/**
 * The bounds of a library scan. A Python environment is not ours: it may hold symbolic-link loops,
 * generated modules of megabytes, thousands of packages, or a package written to hurt us. Each
 * bound is far above what real environments need (Debian's dist-packages with Django, Celery and
 * DRF: 4,400 modules in 230 entries, the deepest 6 folders below its top-level package, the largest
 * module that mentions Django's settings 113 KB), and each one reached is a problem saying so,
 * never a silent cut.
 */
import { MAX_MODULE_BYTES } from '../extractor/limits';

/** The bounds, all in one object so tests can lower them. */
export interface ScanLimits {
  /** Largest module read, in bytes (the extractor's bound: a megabyte of Python parses in under two seconds). */
  maxFileBytes: number;
  /** Folders walked below a distribution's top-level folder. */
  maxDepth: number;
  /** Python files walked per distribution; the rest are not read. */
  maxFilesPerDistribution: number;
  /** Reads (of settings, helper calls) kept per module. */
  maxReadsPerModule: number;
  /** Problems kept per distribution; past it one problem says how many more there were. */
  maxProblemsPerDistribution: number;
  /** Problems kept in the whole catalog; past it one problem says how many more there were. */
  maxProblems: number;
  /** Readers kept per setting (the first reader of each package first). */
  maxReadersPerSetting: number;
  /** Distributions (and folders of no distribution) scanned. */
  maxDistributions: number;
  /** Modules of a distribution parsed only to resolve a default imported from them. */
  maxResolvedModulesPerDistribution: number;
}

/** The bounds used unless a caller lowers them. */
export const DEFAULT_SCAN_LIMITS: Readonly<ScanLimits> = Object.freeze({
  maxFileBytes: MAX_MODULE_BYTES,
  maxDepth: 32,
  maxFilesPerDistribution: 20_000,
  maxReadsPerModule: 2_000,
  maxProblemsPerDistribution: 20,
  maxProblems: 100,
  maxReadersPerSetting: 5,
  maxDistributions: 5_000,
  maxResolvedModulesPerDistribution: 50,
});
