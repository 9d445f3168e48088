/**
 * Scans upstream checkouts of packages (one folder each, under one root) as the libraries layer
 * shipped with the extension (`openedx-config schemas`): each checkout is one distribution of a
 * given name and version, scanned at its own root (so its module names are its imports), and
 * its facts are then placed under its folder, so the catalog's files are relative to the common
 * root and helpers are resolved across all checkouts, as across an environment's distributions.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../catalog/types';
import { declaredEntryPoints } from '../extractor/plugins/discovery';
import { getPythonParser } from '../python/parser';
import type { Distribution } from './distributions';
import type { DistributionFacts } from './facts';
import { resolveDeferredHelpers } from './deferredHelpers';
import { buildLibraryCatalog, type ScannedDistribution } from './libraryCatalog';
import { DEFAULT_SCAN_LIMITS } from './limits';
import { scanDistribution } from './scanDistribution';
import { distributionModules } from './walk';

/** One checkout to scan. */
export interface Checkout {
  /** Distribution name, as published (`celery`, `edx-drf-extensions`). */
  name: string;
  version?: string;
  /** Its folder under the common root. */
  folder: string;
}

/** What an importable top-level name is (a package folder or a module), and files that are not the package (`setup.py`). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NOT_PACKAGE = new Set(['setup', 'conftest', 'manage', 'docs', 'test', 'tests', 'testing', 'requirements', 'scripts']);

/** The top-level packages and modules of a checkout: its folders and `.py` files named like imports, but for build and test files. */
export function checkoutTopLevel(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const name = entry.isDirectory() ? entry.name : entry.name.endsWith('.py') ? entry.name.slice(0, -3) : undefined;
    if (name === undefined || !IDENTIFIER.test(name) || NOT_PACKAGE.has(name)) continue;
    out.push(name);
  }
  return out.sort();
}

/** Scans every checkout under `root`; the catalog's files (and its readers') are relative to `root`. */
export async function scanCheckouts(root: string, checkouts: readonly Checkout[]): Promise<Catalog> {
  const parser = await getPythonParser();
  const limits = DEFAULT_SCAN_LIMITS;
  const scanned: ScannedDistribution[] = [];
  const sorted = [...checkouts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const checkout of sorted) {
    const dir = path.join(root, checkout.folder);
    const dist: Distribution = {
      name: checkout.name,
      ...(checkout.version !== undefined ? { version: checkout.version } : {}),
      kind: 'none',
      topLevel: checkoutTopLevel(dir),
      entryPoints: {},
      stamp: '',
    };
    const modules = distributionModules(dir, dist, limits);
    const facts = await scanDistribution(dir, modules.files, { parser, limits, entryPoints: (files) => declaredEntryPoints(files, checkout.name) });
    facts.problems.push(...modules.problems);
    scanned.push({ dist, facts });
  }
  // Modules set aside are parsed when a call of any checkout names them, each at its own root:
  // the others' are hidden meanwhile (their paths are not relative to that root).
  for (const [i, checkout] of sorted.entries()) {
    const alone = scanned.map((s, j) => (j === i ? s : { dist: s.dist, facts: { ...s.facts, deferred: [] } }));
    await resolveDeferredHelpers(path.join(root, checkout.folder), alone, limits, getPythonParser);
  }
  return buildLibraryCatalog(
    root,
    scanned.map((s, i) => ({ dist: s.dist, facts: underFolder(s.facts, sorted[i].folder) })),
    limits,
  );
}

/** The facts with every file placed under `folder`. */
function underFolder(facts: DistributionFacts, folder: string): DistributionFacts {
  const at = (file: string): string => `${folder}/${file}`;
  return {
    ...facts,
    reads: facts.reads.map((r) => ({ ...r, file: at(r.file) })),
    getterCalls: facts.getterCalls.map((c) => ({ ...c, file: at(c.file) })),
    builtNameReads: facts.builtNameReads.map((b) => ({ ...b, file: at(b.file) })),
    deferred: [],
    problems: facts.problems.map((p) => ({ ...p, file: at(p.file) })),
  };
}
