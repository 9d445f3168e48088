/**
 * Scans the modules of one distribution: each is read (regular files only, with a size cap),
 * kept only when its bytes may hold a read ({@link mayReadSettings}, before any decoding or
 * parsing), checked as text (binary, control characters, density: the extractor's reader), parsed
 * with tree-sitter, and scanned (`scanModule.ts`, or `celeryDefaults.ts` for Celery's table).
 * Defaults imported from another module of the distribution are then looked up there. Nothing
 * here throws for a bad file: each is a problem, and the scan goes on.
 */
import * as path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import type { ExtractionProblem } from '../catalog/types';
import { readRegularFile } from '../common/files';
import { moduleFile, type DiscoveryFiles, type EntryPointSource } from '../extractor/plugins/discovery';
import { fileSystemReader } from '../extractor/sourceReader';
import type { ParsedFile } from '../python/parseCache';
import type { PyNode } from '../python/syntaxTree';
import { isCeleryDefaults, scanCeleryDefaults } from './celeryDefaults';
import type { DefaultFact, DistributionFacts, GetterClass } from './facts';
import type { ScanLimits } from './limits';
import { ModuleReader } from './moduleReader';
import { installedOverwrites } from './pluginOverwrites';
import { classFactIn, constantDefault, scanModule, SETTING_NAME, type ModuleScan } from './scanModule';

/** The bytes every module worth parsing holds: `setting`, or `Setting` (a call of a getter class, `SettingToggle('NAME')`, may say nothing else). */
const FILTER = Buffer.from('setting');
const FILTER_CAPITAL = Buffer.from('Setting');

/** Whether a module's bytes mention `setting` or `Setting`. */
function mentionsSetting(bytes: Buffer): boolean {
  return bytes.includes(FILTER) || bytes.includes(FILTER_CAPITAL);
}

/** Bytes of a module that binds Django's settings object (it imports `django.conf`). */
const DJANGO = Buffer.from('django');

/** A call whose first argument is a setting-like string (`setting('AWS_LOCATION'`): maybe a getter helper's. */
const SETTING_CALL = /\w\s*\(\s*['"][A-Z][A-Z0-9_]*['"]/;

/**
 * Whether a module's bytes may hold a read: they mention `setting` (`settings`, `setting(`,
 * `setting_name(`) or `Setting` (`SettingToggle(`), and `django` (a read of the settings object, a getter helper), a plugin app's
 * `def plugin_settings(`, or a call with a
 * setting-like first argument (a call of a helper). Most modules are left here, before any
 * decoding or parsing (half of what Debian's dist-packages would parse); one left out that
 * mentions `setting` may still define a name builder, and is listed as deferred.
 */
export function mayReadSettings(bytes: Buffer): boolean {
  return mentionsSetting(bytes) && (bytes.includes(DJANGO) || bytes.includes(PLUGIN_SETTINGS) || SETTING_CALL.test(bytes.toString('latin1')));
}

/** A plugin app's settings module (the edx-django-utils framework) needs no import of Django: its function is given the settings object. */
const PLUGIN_SETTINGS = Buffer.from('def plugin_settings(');

/** Work done between two yields to the event loop (so cancellation and other work get a turn). */
const SLICE_MILLIS = 20;

/** How a distribution is scanned. */
export interface DistributionScanOptions {
  parser: Parser;
  limits: ScanLimits;
  signal?: AbortSignal;
  /** Called after each module is read (parsed or not). */
  onModule?: () => void;
  /**
   * The distribution's entry points (`lms.djangoapp`, …): from its installed metadata, or as a
   * checkout's packaging declares them. With them, what its plugin apps' production settings
   * overwrite after the YAML file is loaded is marked (`pluginOverwrites.ts`).
   */
  entryPoints?: (files: DiscoveryFiles) => EntryPointSource | undefined;
}

/** Gives the event loop a turn. */
function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The module file a dotted name names, if it is one of `modules` (`a.b` → `a/b.py` or `a/b/__init__.py`). */
function moduleFileIn(dotted: string, modules: ReadonlySet<string>): string | undefined {
  return moduleFile(dotted, { exists: (f) => modules.has(f) });
}

/** Every default of the facts (of reads, helper calls, helpers), to resolve references in place. */
function* defaultsOf(facts: DistributionFacts): Generator<DefaultFact> {
  for (const r of facts.reads) if (r.default !== undefined) yield r.default;
  for (const c of facts.getterCalls) {
    for (const a of c.args) yield a.value;
    for (const a of Object.values(c.keywords)) yield a.value;
  }
  for (const b of facts.builtNameReads) if (b.default !== undefined) yield b.default;
  for (const h of facts.helpers) {
    if (h.kind === 'class') yield* classDefaults(h);
    if (h.kind !== 'getter') continue;
    if (h.defaultParameter?.default !== undefined) yield h.defaultParameter.default;
    if (h.fixedDefault !== undefined) yield h.fixedDefault;
  }
}

/** The defaults a getter class states: its constructor's parameters', the values it passes to its base's, its reader's. */
function* classDefaults(h: GetterClass): Generator<DefaultFact> {
  for (const p of h.init?.parameters ?? []) if (p.default !== undefined) yield p.default;
  for (const a of [...(h.init?.base?.args ?? []), ...Object.values(h.init?.base?.keywords ?? {})]) if (a !== null && 'value' in a) yield a.value.value;
  for (const d of [h.reader?.default, h.reader?.key?.default]) if (d !== undefined && 'value' in d) yield d.value;
}

/** Base classes looked up per class, through other modules (`SettingToggle` → `BaseToggle` → …). */
const MAX_BASE_DEPTH = 8;

/**
 * Base classes of getter classes defined in another module of the distribution (`from .base
 * import BaseToggle`): that module is parsed (once; it need not pass the text filter) and the
 * base's constructor added to the facts, and so on up the bases, within `maxModules` modules.
 */
function resolveBaseClasses(facts: DistributionFacts, modules: ReadonlySet<string>, parse: (file: string) => { root: PyNode } | undefined, maxModules: number): void {
  const known = new Set(facts.helpers.map((h) => h.name));
  let pending = facts.helpers.flatMap((h) => (h.kind === 'class' ? h.bases : []));
  let parsedModules = 0;
  for (let depth = 0; depth < MAX_BASE_DEPTH && pending.length > 0; depth++) {
    const next: string[] = [];
    for (const base of pending) {
      if (known.has(base)) continue;
      known.add(base);
      const module = base.slice(0, base.lastIndexOf('.'));
      const file = moduleFileIn(module, modules);
      if (file === undefined || parsedModules >= maxModules) continue;
      parsedModules++;
      const parsed = parse(file);
      const found = parsed === undefined ? undefined : classFactIn(parsed.root, file, base.slice(module.length + 1));
      if (found === undefined) continue;
      facts.helpers.push(found);
      next.push(...found.bases);
    }
    pending = next;
  }
}

/**
 * Reads naming their setting with a constant imported from another module of the distribution
 * (`from .names import KEY_SETTING`): the constant is looked up there; a read whose name is not a
 * setting-like string there is dropped.
 */
function resolveNames(facts: DistributionFacts, pending: ModuleScan['namedByReference'], modules: ReadonlySet<string>, parse: (file: string) => { root: PyNode } | undefined, maxModules: number): void {
  const parsedModules = new Map<string, { file: string; root: PyNode } | undefined>();
  for (const { ref, read } of pending) {
    const module = ref.slice(0, ref.lastIndexOf('.'));
    if (!parsedModules.has(module) && parsedModules.size < maxModules) {
      const file = moduleFileIn(module, modules);
      const parsed = file === undefined ? undefined : parse(file);
      parsedModules.set(module, file === undefined || parsed === undefined ? undefined : { file, root: parsed.root });
    }
    const at = parsedModules.get(module);
    const name = at === undefined ? undefined : constantDefault(at.root, at.file, ref.slice(module.length + 1))?.value;
    if (typeof name === 'string' && SETTING_NAME.test(name)) facts.reads.push({ ...read, path: [name] });
  }
}

/**
 * Scans one distribution's modules (`modules`: POSIX-relative to `root`, from `walk.ts`). Its
 * problems are not bounded here: the caller bounds them with the walk's (`problems.ts`).
 */
export async function scanDistribution(root: string, modules: readonly string[], options: DistributionScanOptions): Promise<DistributionFacts> {
  const { parser, limits, signal } = options;
  const facts: DistributionFacts = { reads: [], getterCalls: [], builtNameReads: [], helpers: [], deferred: [], problems: [], walked: 0, parsed: 0 };
  const reader = new ModuleReader(root, limits.maxFileBytes, parser, facts.problems);
  const problem = (code: ExtractionProblem['code'], message: string, file: string): void => {
    facts.problems.push({ code, message, file, line: 1, column: 0 });
  };
  const namedByReference: ModuleScan['namedByReference'] = [];
  let sliceStart = performance.now();
  for (const file of modules) {
    signal?.throwIfAborted();
    if (performance.now() - sliceStart > SLICE_MILLIS) {
      await yieldTurn();
      signal?.throwIfAborted();
      sliceStart = performance.now();
    }
    facts.walked++;
    const bytes = readRegularFile(path.join(root, file), limits.maxFileBytes);
    options.onModule?.();
    if (!bytes.ok) {
      // A module listed but gone is not a problem of the environment's code (RECORD lists what was installed).
      if (bytes.code === 'too-large') problem('file-too-large', `skipped ${file}: ${bytes.error}`, file);
      else if (bytes.code !== 'not-found') problem('unreadable-file', `cannot read ${file}: ${bytes.error}`, file);
      continue;
    }
    const celery = isCeleryDefaults(file);
    if (!celery && !mayReadSettings(bytes.value)) {
      // It may still define a name builder another module calls: parsed when one does (`deferredHelpers.ts`).
      if (mentionsSetting(bytes.value)) facts.deferred.push(file);
      continue;
    }
    const parsed = reader.parse(file);
    if (parsed === undefined) continue;
    const scan: ModuleScan = celery ? { reads: scanCeleryDefaults(parsed.root, file), getterCalls: [], builtNameReads: [], helpers: [], problems: [], namedByReference: [] } : scanModule(parsed.root, file, limits.maxReadsPerModule);
    facts.reads.push(...scan.reads);
    facts.getterCalls.push(...scan.getterCalls);
    facts.builtNameReads.push(...scan.builtNameReads);
    facts.helpers.push(...scan.helpers);
    facts.problems.push(...scan.problems);
    namedByReference.push(...scan.namedByReference);
  }
  // Modules looked up by the steps below are parsed once for all of them.
  const looked = new Map<string, ParsedFile | undefined>();
  const parse = (file: string): ParsedFile | undefined => {
    if (!looked.has(file)) looked.set(file, reader.parse(file));
    return looked.get(file);
  };
  const moduleSet = new Set(modules);
  resolveBaseClasses(facts, moduleSet, parse, limits.maxResolvedModulesPerDistribution);
  resolveNames(facts, namedByReference, moduleSet, parse, limits.maxResolvedModulesPerDistribution);
  resolveReferences(facts, moduleSet, parse, limits.maxResolvedModulesPerDistribution);
  if (options.entryPoints !== undefined) {
    // Packaging files (`pyproject.toml`, `setup.py`) are not modules: asked of the folder itself.
    const onDisk = fileSystemReader(root, limits.maxFileBytes);
    const files: DiscoveryFiles = { exists: (rel) => moduleSet.has(rel) || onDisk.exists(rel), parse };
    const source = options.entryPoints(files);
    if (source !== undefined) markOverwrites(facts, source, files);
  }
  facts.parsed = reader.parsed;
  return facts;
}

/**
 * Marks the reads that are overwrites of the distribution's production plugin settings
 * (`how: 'overwrite'`, with the project types that run them); an overwrite the scan did not keep
 * as a read (its module past a bound) is added.
 */
function markOverwrites(facts: DistributionFacts, source: EntryPointSource, files: DiscoveryFiles): void {
  const found = installedOverwrites(source, files);
  facts.problems.push(...found.problems);
  for (const o of found.overwrites) {
    let read = facts.reads.find((r) => r.file === o.file && r.line === o.line && r.path.length === 1 && r.path[0] === o.name && (r.how === 'plugin' || r.how === 'overwrite'));
    if (read === undefined) facts.reads.push((read = { path: [o.name], file: o.file, line: o.line, column: o.column, how: 'overwrite' }));
    read.how = 'overwrite';
    const projects = new Set([...(read.projects ?? []), o.project]);
    read.projects = [...projects].sort();
  }
}

/**
 * Looks up defaults imported from other modules of the distribution (`from .defaults import
 * default_headers`): each such module is parsed once, at most `maxModules` of them. A reference
 * that cannot be followed stays a computed default, with its text.
 */
function resolveReferences(facts: DistributionFacts, modules: ReadonlySet<string>, parse: (file: string) => { root: PyNode } | undefined, maxModules: number): void {
  const pending = [...defaultsOf(facts)].filter((d) => d.ref !== undefined);
  if (pending.length === 0) return;
  const byModule = new Map<string, DefaultFact[]>();
  for (const d of pending) {
    const ref = d.ref as string;
    const module = ref.slice(0, ref.lastIndexOf('.'));
    const list = byModule.get(module);
    if (list === undefined) byModule.set(module, [d]);
    else list.push(d);
  }
  let parsedModules = 0;
  for (const [module, defaults] of byModule) {
    const file = moduleFileIn(module, modules);
    const parsed = file !== undefined && parsedModules < maxModules ? parse(file) : undefined;
    if (file !== undefined) parsedModules++;
    for (const d of defaults) {
      const name = (d.ref as string).slice(module.length + 1);
      const found = parsed === undefined || file === undefined ? undefined : constantDefault(parsed.root, file, name);
      delete d.ref;
      if (found === undefined || found.ref !== undefined) continue;
      d.type = found.type;
      if (found.value !== undefined) d.value = found.value;
    }
  }
}
