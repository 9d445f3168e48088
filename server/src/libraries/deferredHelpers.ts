/**
 * Name builders in modules the text filter left unparsed. A module that mentions `setting` but
 * neither `django` nor a setting-like call reads nothing itself, yet may define the builder
 * another distribution calls (`getattr(settings, setting_name('X'))`): such modules are listed in
 * their distribution's facts (`deferred`), and parsed only when a call names them, once every
 * distribution's facts are known. The helpers found are added to their distribution's facts
 * (which the caller caches again), so the next scan parses nothing.
 */
import type { Parser } from 'web-tree-sitter';
import type { ScannedDistribution } from './libraryCatalog';
import type { ScanLimits } from './limits';
import { ModuleReader } from './moduleReader';
import { scanModule } from './scanModule';

/** What resolving deferred modules did. */
export interface DeferredResolution {
  /** Indices (in `scanned`) of the distributions whose facts changed. */
  changed: number[];
  /** Modules parsed. */
  parsed: number;
}

/** The modules named by name-builder calls whose builder is not known yet. */
function wantedModules(scanned: readonly ScannedDistribution[]): Set<string> {
  const known = new Set(scanned.flatMap(({ facts }) => facts.helpers.map((h) => h.name)));
  const out = new Set<string>();
  for (const { facts } of scanned) {
    for (const b of facts.builtNameReads) {
      if (known.has(b.callee)) continue;
      const module = b.callee.slice(0, b.callee.lastIndexOf('.')).split('.').join('/');
      out.add(`${module}.py`);
      out.add(`${module}/__init__.py`);
    }
  }
  return out;
}

/**
 * Parses the deferred modules that unknown builders' calls name, at most `maxResolvedModulesPerDistribution`
 * in all, and adds their helpers to their distributions' facts.
 * @param parser called only when a module is to be parsed (a scan from the cache may need none).
 */
export async function resolveDeferredHelpers(root: string, scanned: readonly ScannedDistribution[], limits: ScanLimits, parser: () => Promise<Parser>): Promise<DeferredResolution> {
  const wanted = wantedModules(scanned);
  const result: DeferredResolution = { changed: [], parsed: 0 };
  if (wanted.size === 0) return result;
  for (const [index, { facts }] of scanned.entries()) {
    const files = facts.deferred.filter((f) => wanted.has(f));
    if (files.length === 0) continue;
    const reader = new ModuleReader(root, limits.maxFileBytes, await parser(), facts.problems);
    for (const file of files) {
      if (result.parsed >= limits.maxResolvedModulesPerDistribution) break;
      const parsed = reader.parse(file);
      result.parsed++;
      if (parsed !== undefined) facts.helpers.push(...scanModule(parsed.root, file, limits.maxReadsPerModule).helpers);
      facts.deferred = facts.deferred.filter((f) => f !== file);
    }
    result.changed.push(index);
  }
  return result;
}
