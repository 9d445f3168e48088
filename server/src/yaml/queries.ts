/**
 * Read-only questions about a model: what is at an offset, which entries have a key, ranges as
 * LSP positions. Lookups are binary searches or memoised per model, so features never re-walk
 * the document.
 */
import type { Range } from 'vscode-languageserver-types';
import type { OffsetRange, Segment, TopLevelEntry, YamlModel } from './types';

/** Index of the segment containing `offset`. */
export function segmentIndexAt(model: YamlModel, offset: number): number {
  const starts = model.segmentStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/** The top-level entry whose segment contains `offset` (the last pair starting before it). */
export function entryAt(model: YamlModel, offset: number): TopLevelEntry | undefined {
  const index = segmentIndexAt(model, offset);
  let found: TopLevelEntry | undefined;
  for (const entry of entriesOfSegment(model, index)) {
    if (entry.range.start <= offset) found = entry;
  }
  return found;
}

/** The entries of one segment. */
export function entriesOfSegment(model: YamlModel, segmentIndex: number): readonly TopLevelEntry[] {
  const all = entryIndex(model).bySegment.get(segmentIndex);
  return all ?? [];
}

/** Every entry with `key`, in document order. */
export function entriesWithKey(model: YamlModel, key: string): readonly TopLevelEntry[] {
  return entryIndex(model).byKey.get(key) ?? [];
}

/** The set of top-level keys present. */
export function presentKeys(model: YamlModel): ReadonlySet<string> {
  return entryIndex(model).keys;
}

interface EntryIndex {
  byKey: Map<string, TopLevelEntry[]>;
  bySegment: Map<number, TopLevelEntry[]>;
  keys: Set<string>;
}

const entryIndexes = new WeakMap<YamlModel, EntryIndex>();

function entryIndex(model: YamlModel): EntryIndex {
  let index = entryIndexes.get(model);
  if (index === undefined) {
    index = { byKey: new Map(), bySegment: new Map(), keys: new Set() };
    for (const entry of model.entries) {
      push(index.byKey, entry.key, entry);
      push(index.bySegment, entry.segmentIndex, entry);
      index.keys.add(entry.key);
    }
    entryIndexes.set(model, index);
  }
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** LSP range of an absolute offset range. */
export function toRange(model: YamlModel, range: OffsetRange): Range {
  return { start: model.lines.positionAt(range.start), end: model.lines.positionAt(range.end) };
}

/** Absolute range of a node of `entry` (node ranges are segment-relative). */
export function absoluteNodeRange(base: number, node: { range?: [number, number, number] | null }): OffsetRange {
  const r = node.range;
  return r ? { start: base + r[0], end: base + r[1] } : { start: base, end: base };
}

/** The segment containing `offset` and its absolute start. */
export function segmentAt(model: YamlModel, offset: number): { segment: Segment; base: number; index: number } {
  const index = segmentIndexAt(model, offset);
  return { segment: model.segments[index], base: model.segmentStarts[index], index };
}
