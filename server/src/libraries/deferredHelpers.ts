/**
 * Name builders and re-exports in modules the text filter left unparsed. A module that mentions
 * `setting` but neither `django` nor a setting-like call reads nothing itself, yet may define the
 * builder another distribution calls (`getattr(settings, setting_name('X'))`) or re-export a getter
 * class (`edx_toggles/toggles/__init__.py`): such modules are listed in
 * their distribution's facts (`deferred`), and parsed only when a call names them, once every
 * distribution's facts are known. The helpers found are added to their distribution's facts
 * (which the caller caches again), so the next scan parses nothing.
 */
import type { Parser } from 'web-tree-sitter';
import type { HelperFact } from './facts';
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

/** The name a call ends at: its callee, re-exports followed (at most a few). */
function endOf(callee: string, helpers: ReadonlyMap<string, HelperFact>): string | undefined {
  let name = callee;
  for (let i = 0; i < 8; i++) {
    const h = helpers.get(name);
    if (h === undefined) return name;
    if (h.kind !== 'alias') return undefined;
    name = h.target;
  }
  return undefined;
}

/** The modules named by calls of builders, getters and classes not known yet (re-exports followed). */
function wantedModules(scanned: readonly ScannedDistribution[]): Set<string> {
  const helpers = new Map<string, HelperFact>();
  for (const { facts } of scanned) for (const h of facts.helpers) if (!helpers.has(h.name)) helpers.set(h.name, h);
  const out = new Set<string>();
  const callees = new Set(scanned.flatMap(({ facts }) => [...facts.builtNameReads.map((b) => b.callee), ...facts.getterCalls.map((c) => c.callee)]));
  for (const callee of callees) {
    const end = endOf(callee, helpers);
    if (end === undefined) continue;
    const module = end.slice(0, end.lastIndexOf('.')).split('.').join('/');
    out.add(`${module}.py`);
    out.add(`${module}/__init__.py`);
  }
  return out;
}

/** Rounds of parsing: a re-export parsed may name a module deferred too. */
const MAX_ROUNDS = 4;

/**
 * Parses the deferred modules that unknown builders' calls name, at most `maxResolvedModulesPerDistribution`
 * in all, and adds their helpers to their distributions' facts.
 * @param parser called only when a module is to be parsed (a scan from the cache may need none).
 */
export async function resolveDeferredHelpers(root: string, scanned: readonly ScannedDistribution[], limits: ScanLimits, parser: () => Promise<Parser>): Promise<DeferredResolution> {
  const result: DeferredResolution = { changed: [], parsed: 0 };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const wanted = wantedModules(scanned);
    const before = result.parsed;
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
      if (!result.changed.includes(index)) result.changed.push(index);
    }
    if (result.parsed === before) break;
  }
  result.changed.sort((a, b) => a - b);
  return result;
}
