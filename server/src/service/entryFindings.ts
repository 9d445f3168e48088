/**
 * Findings for the top-level entries of one segment, cached per (segment object, schema): an
 * edit re-parses one segment, so re-validation after a keystroke recomputes only that segment.
 * Segments that use aliases are not cached (their values depend on other segments).
 */
import { isAlias, isMap, isSeq, type Node } from 'yaml';
import type { PropertySchema } from '../schema/format';
import type { Segment, SegmentPair, YamlModel } from '../yaml';
import { aliasLookup, keyText } from '../yaml';
import { checkNestedKeys, checkSecrets, checkTypes, DEPRECATED_TAGS, type CheckContext } from './checkValue';
import { overwriteSite } from './origin';
import { RULES } from './rules';
import { isFeaturesProxy, roleOf, type SchemaIndex } from './schemaIndex';
import type { Finding } from './types';
import { isMergeKey as isMergeKeyNode } from '../yaml/constructChecks';
import { isMergeKey, type ResolveAlias } from './yamlValue';

interface Cached {
  readonly index: SchemaIndex;
  readonly findings: readonly Finding[];
}

const cache = new WeakMap<Segment, Cached>();

/** Segment-relative findings of segment `segmentIndex` against the schema of `index`. */
export function segmentFindings(model: YamlModel, segmentIndex: number, index: SchemaIndex): readonly Finding[] {
  const segment = model.segments[segmentIndex];
  if (segment.pairs.length === 0 || segment.unparsed) return [];
  const cached = cache.get(segment);
  if (cached !== undefined && cached.index === index) return cached.findings;
  const lookup = aliasLookup(model);
  const resolve: ResolveAlias = (alias) => (isAlias(alias) ? lookup(alias.source, segmentIndex, alias.range?.[0] ?? 0) : undefined);
  const out: Finding[] = [];
  const ctx: CheckContext = { index, resolve, templateSpans: segment.templateSpans, out, siblings: new Set(segment.pairs.map((p) => p.key)) };
  // Values of a segment with a syntax error are whatever the parser recovered: checking them
  // would pile type errors on the syntax error. Keys are still checked.
  const broken = segment.problems.some((p) => p.rule === 'yaml-syntax');
  // Pairs after the first one of a broken segment are the parser's recovery, not the author's keys.
  const pairs = broken ? segment.pairs.slice(0, 1) : segment.pairs;
  for (const pair of pairs) checkPair(ctx, pair, broken);
  if (segment.aliases.length === 0) cache.set(segment, { index, findings: out });
  return out;
}

function checkPair(ctx: CheckContext, pair: SegmentPair, keysOnly: boolean): void {
  // A list or mapping as a key is a syntax error of its own (PyYAML cannot hash it), not a setting name.
  if (pair.templatedKey || pair.incomplete || isMap(pair.keyNode) || isSeq(pair.keyNode)) return;
  // A top-level merge key (`<<: *base`) is no setting: PyYAML merges the mapping's keys into the
  // file's (a value that is no mapping is a yaml-syntax error of its own, `yaml/constructChecks.ts`).
  if (isMergeKeyNode(pair.keyNode)) return;
  const { index } = ctx;
  const key = pair.key;
  const prop = index.property(key);
  if (prop === undefined) {
    if (!index.reportsUnknownKeys) return;
    const near = index.suggest(key);
    // The file sets the suggested key too: both are meant (`CELERYBEAT_SCHEDULE` and `CELERYBEAT_SCHEDULER`).
    const suggestion = near !== undefined && ctx.siblings?.has(near) !== true ? near : undefined;
    ctx.out.push({
      rule: 'unknown-key',
      start: pair.keyRange.start,
      end: pair.keyRange.end,
      message: RULES['unknown-key'].message({ key, ida: index.ida, ...(suggestion === undefined ? {} : { suggestion }) }),
      ...(suggestion === undefined ? { severity: 'information' as const } : {}),
      data: { key, ...(suggestion === undefined ? {} : { suggestion }) },
    });
    return;
  }
  const at = pair.keyRange;
  roleFindings(ctx, key, prop, at.start, at.end);
  if (pair.value !== null && !keysOnly) {
    checkTypes(ctx, key, prop, pair.value, pair.keyNode, key);
    checkNestedKeys(ctx, prop, pair.value, key);
    checkSecrets(ctx, key, pair.value, prop.default, key);
  }
  if (isFeaturesProxy(key, prop)) {
    const mapped = checkFeatureEntries(ctx, prop, keysOnly ? null : pair.value);
    if (mapped === 0) deprecation(ctx, key, prop, at.start, at.end);
  } else {
    deprecation(ctx, key, prop, at.start, at.end);
  }
}

/** Overwritten, conditional and removal-date facts of a key. */
function roleFindings(ctx: CheckContext, key: string, prop: PropertySchema, start: number, end: number): void {
  const overwritten = roleOf(prop, 'overwritten');
  if (overwritten !== undefined) {
    ctx.out.push({
      rule: 'overwritten-key',
      start,
      end,
      message: RULES['overwritten-key'].message({ key, ida: ctx.index.ida, where: overwriteSite(overwritten) }),
      data: { key },
    });
  }
  const conditional = roleOf(prop, 'conditional');
  if (conditional !== undefined) {
    ctx.out.push({ rule: 'conditional-key', start, end, message: '', data: { key }, pending: { kind: 'condition', condition: conditional.condition } });
  }
  const date = prop['x-openedx']?.doc?.fields?.target_removal_date?.trim();
  if (date !== undefined && /^\d{4}-\d{2}(-\d{2})?$/.test(date)) {
    ctx.out.push({
      rule: 'removal-date-passed',
      start,
      end,
      message: RULES['removal-date-passed'].message({ key, date }),
      data: { key },
      pending: { kind: 'date', date },
    });
  }
}

function deprecation(ctx: CheckContext, key: string, prop: PropertySchema, start: number, end: number): void {
  const role = roleOf(prop, 'deprecated');
  if (role === undefined && prop.deprecated !== true) return;
  ctx.out.push({
    rule: 'deprecated',
    start,
    end,
    message: RULES.deprecated.message({ key, ...(role?.reason === undefined ? {} : { reason: role.reason }), ...(role?.replacement === undefined ? {} : { replacement: role.replacement }) }),
    tags: DEPRECATED_TAGS,
    data: { key },
  });
}

/**
 * Entries of the FEATURES proxy: each one that names a top-level setting is deprecated usage and
 * is checked against that setting's type. Returns how many entries named a setting.
 */
function checkFeatureEntries(ctx: CheckContext, features: PropertySchema, value: Node | null): number {
  if (value === null || !isMap(value)) return 0;
  let mapped = 0;
  for (const pair of value.items) {
    if (isMergeKey(pair)) continue;
    const keyNode = pair.key as Node | null;
    const r = keyNode?.range;
    if (keyNode === null || !r) continue;
    const name = keyText(keyNode, '');
    const target = ctx.index.property(name);
    if (target === undefined) {
      if (features['x-openedx']?.freeFormKeys !== true) unknownFeature(ctx, name, r[0], r[1]);
      continue;
    }
    mapped++;
    ctx.out.push({ rule: 'deprecated', start: r[0], end: r[1], message: RULES.deprecated.message({ key: name, features: true }), tags: DEPRECATED_TAGS, data: { key: `FEATURES.${name}` } });
    const entryValue = (pair.value as Node | null) ?? null;
    if (entryValue !== null) checkTypes(ctx, name, target, entryValue, keyNode, `FEATURES.${name}`);
    const date = target['x-openedx']?.doc?.fields?.target_removal_date?.trim();
    if (date !== undefined && /^\d{4}-\d{2}(-\d{2})?$/.test(date)) {
      ctx.out.push({ rule: 'removal-date-passed', start: r[0], end: r[1], message: RULES['removal-date-passed'].message({ key: name, date }), data: { key: name }, pending: { kind: 'date', date } });
    }
  }
  return mapped;
}

function unknownFeature(ctx: CheckContext, name: string, start: number, end: number): void {
  if (!ctx.index.reportsUnknownKeys) return;
  const suggestion = ctx.index.suggest(name);
  ctx.out.push({
    rule: 'unknown-key',
    start,
    end,
    message: RULES['unknown-key'].message({ key: name, ida: ctx.index.ida, ...(suggestion === undefined ? {} : { suggestion }) }),
    ...(suggestion === undefined ? { severity: 'information' as const } : {}),
    data: { key: `FEATURES.${name}`, ...(suggestion === undefined ? {} : { suggestion }) },
  });
}
