/**
 * The catalog of the settings installed libraries read, from the facts of every distribution:
 * helper calls are resolved against the helpers of all of them (a call of another distribution's
 * getter or name builder is a read by the caller), then reads are merged by name, distributions
 * in name order, each one's reads by file and line. One setting per top-level name, followed by
 * its nested keys (`[NAME, KEY]`); its origin is its first reader; its readers are the first of
 * each package, then the others, up to a bound; its default and type are the first informative
 * default any reader states (a literal, then a typed value, then `None`).
 */
import type { Catalog, ExtractionProblem, JsonType, Setting, SettingReader, SettingType } from '../catalog/types';
import type { Distribution } from './distributions';
import type { CommentDoc, DefaultFact, DistributionFacts, GetterHelper, HelperFact, ReadFact } from './facts';
import { classReads, resolveHelper } from './helperResolution';
import type { ScanLimits } from './limits';
import { buildName } from './nameBuilders';
import { boundProblems } from './problems';
import { SETTING_NAME } from './scanModule';

/** A distribution with the facts its scan found. */
export interface ScannedDistribution {
  dist: Distribution;
  facts: DistributionFacts;
}

/** What nothing tells: a setting read without a default. */
const UNKNOWN: SettingType = { kind: 'unknown', types: [], nullable: false, from: 'none' };

/** A setting being merged. */
interface Entry {
  name: string;
  path: string[];
  reads: { reader: SettingReader; column: number; default?: DefaultFact; doc?: CommentDoc }[];
  nested: Map<string, Entry>;
}

/** The default given to a getter helper's call: its argument, else the helper's parameter default, else the helper's own. */
function getterDefault(helper: GetterHelper, args: DistributionFacts['getterCalls'][number]): DefaultFact | undefined {
  if (helper.fixedDefault !== undefined) return helper.fixedDefault;
  const p = helper.defaultParameter;
  if (p === undefined) return undefined;
  return args.args[p.index]?.value ?? args.keywords[p.name]?.value ?? p.default;
}

/** The reads of one distribution, helper calls resolved, in file and line order. */
function readsOf(facts: DistributionFacts, helpers: ReadonlyMap<string, HelperFact>): ReadFact[] {
  const out = [...facts.reads];
  for (const call of facts.getterCalls) {
    const helper = resolveHelper(call.callee, helpers);
    if (helper?.kind === 'class') {
      out.push(...classReads(helper, call, helpers));
      continue;
    }
    if (helper?.kind !== 'getter') continue;
    const name = call.args[helper.nameParameter]?.string;
    if (name === undefined || !SETTING_NAME.test(name)) continue;
    const read: ReadFact = { path: [name], file: call.file, line: call.line, column: call.column, how: 'getattr' };
    const fallback = getterDefault(helper, call);
    if (fallback !== undefined) read.default = fallback;
    out.push(read);
  }
  for (const built of facts.builtNameReads) {
    const helper = resolveHelper(built.callee, helpers);
    const name = helper?.kind === 'name' ? buildName(helper.parts, built.args) : undefined;
    if (name === undefined || !SETTING_NAME.test(name)) continue;
    const read: ReadFact = { path: [name], file: built.file, line: built.line, column: built.column, how: 'getattr' };
    if (built.default !== undefined) read.default = built.default;
    out.push(read);
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

/** The readers kept: overwrites (a diagnostic rests on them), the first of each package, then the others in order, up to `max`. */
function keptReaders(entry: Entry, max: number): SettingReader[] {
  const firsts = new Set<number>();
  const packages = new Set<string>();
  entry.reads.forEach((r, i) => {
    if (r.reader.how !== 'overwrite') return;
    firsts.add(i);
    packages.add(r.reader.package);
  });
  entry.reads.forEach((r, i) => {
    if (packages.has(r.reader.package)) return;
    packages.add(r.reader.package);
    firsts.add(i);
  });
  const order = [...firsts, ...entry.reads.map((_, i) => i).filter((i) => !firsts.has(i))].slice(0, max).sort((a, b) => a - b);
  return order.map((i) => entry.reads[i].reader);
}

/** The default a setting shows: a literal first, then a typed value, then `None`, then any. */
function chosenDefault(entry: Entry): DefaultFact | undefined {
  const defaults = entry.reads.map((r) => r.default).filter((d): d is DefaultFact => d !== undefined);
  return (
    defaults.find((d) => d.value !== undefined && d.value !== null) ??
    defaults.find((d) => d.type.kind === 'json') ??
    defaults.find((d) => d.value === null) ??
    defaults[0]
  );
}

/** The catalog setting of a merged entry. */
function toSetting(entry: Entry, maxReaders: number): Setting {
  // A setting known only by its keys (never the case for the reads found: a key is read through the setting) is placed at its first key.
  if (entry.reads.length === 0) entry.reads.push(...[...entry.nested.values()][0].reads.slice(0, 1).map((r) => ({ reader: r.reader, column: r.column })));
  const first = entry.reads[0];
  const chosen = chosenDefault(entry);
  let type: SettingType = chosen?.type ?? UNKNOWN;
  const someNone = entry.reads.some((r) => r.default?.value === null);
  if (type.kind === 'json' && someNone && !type.nullable) type = { ...type, nullable: true };
  // Keys read inside it, or a defaults dict merged with it: it is a mapping.
  if (entry.nested.size > 0 && type.kind !== 'json') type = { kind: 'json', types: ['object' as JsonType], nullable: type.nullable || someNone, from: 'hint' };
  const setting: Setting = {
    name: entry.name,
    path: entry.path,
    type,
    origin: { file: first.reader.file, line: first.reader.line, column: first.column },
    roles: [],
    readers: keptReaders(entry, maxReaders),
  };
  if (chosen?.value !== undefined) setting.default = chosen.value;
  if (chosen !== undefined) setting.defaultText = chosen.text;
  // The first reader that comments the read documents the setting (the shipped layer keeps only where it is).
  const documented = entry.reads.find((r) => r.doc !== undefined);
  if (documented?.doc !== undefined) setting.doc = { source: 'comment', description: documented.doc.text, fields: {}, line: documented.doc.line, file: documented.reader.file };
  return setting;
}

/**
 * Builds the `libraries` catalog of a site-packages folder from the scanned distributions (in
 * name order), with `problems` (listing problems first) bounded.
 */
export function buildLibraryCatalog(root: string, scanned: readonly ScannedDistribution[], limits: ScanLimits, problems: readonly ExtractionProblem[] = []): Catalog {
  const helpers = new Map<string, HelperFact>();
  for (const { facts } of scanned) for (const h of facts.helpers) if (!helpers.has(h.name)) helpers.set(h.name, h);
  const entries = new Map<string, Entry>();
  const files = new Set<string>();
  const allProblems = [...problems];
  for (const { dist, facts } of scanned) {
    allProblems.push(...facts.problems);
    for (const read of readsOf(facts, helpers)) {
      files.add(read.file);
      const [name, key] = read.path;
      let top = entries.get(name);
      if (top === undefined) entries.set(name, (top = { name, path: [name], reads: [], nested: new Map() }));
      let entry = top;
      if (key !== undefined) {
        const nested = top.nested.get(key);
        entry = nested ?? { name, path: [name, key], reads: [], nested: new Map() };
        if (nested === undefined) top.nested.set(key, entry);
      }
      entry.reads.push({ reader: reader(dist, read), column: read.column, ...(read.default !== undefined ? { default: read.default } : {}), ...(read.doc !== undefined ? { doc: read.doc } : {}) });
    }
  }
  const settings: Setting[] = [];
  for (const top of entries.values()) {
    settings.push(toSetting(top, limits.maxReadersPerSetting));
    for (const nested of top.nested.values()) settings.push(toSetting(nested, limits.maxReadersPerSetting));
  }
  return {
    ida: 'libraries',
    layout: 'library',
    root,
    settings,
    problems: boundProblems(allProblems, limits.maxProblems, 'in the environment were'),
    files: [...files],
    yaml: {},
  };
}

/** The reader of one read. */
function reader(dist: Distribution, read: ReadFact): SettingReader {
  const out: SettingReader = { package: dist.name, file: read.file, line: read.line, how: read.how };
  if (dist.version !== undefined) out.version = dist.version;
  if (read.projects !== undefined) out.projects = [...read.projects];
  return out;
}
