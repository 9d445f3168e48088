/**
 * Read-only questions about a model: what is at an offset, which entries have a key, ranges as
 * LSP positions. Lookups are binary searches or memoised per model, so features never re-walk
 * the document.
 */
import type { Range } from 'vscode-languageserver-types';
import { lastAtOrBefore } from '../common/search';
import { placeEntry } from './model';
import type { OffsetRange, Segment, TopLevelEntry, YamlModel } from './types';

/** Index of the segment containing `offset`. */
export function segmentIndexAt(model: YamlModel, offset: number): number {
  return Math.max(0, lastAtOrBefore(model.segmentStarts, offset));
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

/** The entries of one segment (built on demand: a few objects). */
export function entriesOfSegment(model: YamlModel, segmentIndex: number): readonly TopLevelEntry[] {
  const segment = model.segments[segmentIndex];
  return segment === undefined ? [] : segment.pairs.map((pair) => placeEntry(model, segmentIndex, pair));
}

/** Every entry with `key`, in document order. */
export function entriesWithKey(model: YamlModel, key: string): readonly TopLevelEntry[] {
  const index = keyIndex(model);
  const segments = index.repeated.get(key) ?? (index.first.has(key) ? [index.first.get(key) as number] : []);
  const out: TopLevelEntry[] = [];
  let previous = -1;
  for (const i of segments) {
    if (i === previous) continue;
    previous = i;
    for (const entry of entriesOfSegment(model, i)) if (entry.key === key) out.push(entry);
  }
  return out;
}

/** Top-level keys present in a document. */
export interface KeySet {
  has(key: string): boolean;
  readonly size: number;
}

/** The top-level keys present. */
export function presentKeys(model: YamlModel): KeySet {
  return keyIndex(model).first;
}

/** Keys that occur more than once, with the segments they occur in (in order, repeated per pair). */
export function repeatedKeys(model: YamlModel): ReadonlyMap<string, readonly number[]> {
  return keyIndex(model).repeated;
}

interface KeyIndex {
  /** Key → first segment index. */
  first: Map<string, number>;
  /** Keys seen more than once → every segment index they occur in. */
  repeated: Map<string, number[]>;
}

const keyIndexes = new WeakMap<YamlModel, KeyIndex>();

/** One map of keys per model: the only per-keystroke allocation proportional to the key count. */
function keyIndex(model: YamlModel): KeyIndex {
  let index = keyIndexes.get(model);
  if (index === undefined) {
    index = { first: new Map(), repeated: new Map() };
    const segments = model.segments;
    for (let i = 0; i < segments.length; i++) {
      for (const pair of segments[i].pairs) {
        const seen = index.first.get(pair.key);
        if (seen === undefined) index.first.set(pair.key, i);
        else {
          const list = index.repeated.get(pair.key);
          if (list === undefined) index.repeated.set(pair.key, [seen, i]);
          else list.push(i);
        }
      }
    }
    keyIndexes.set(model, index);
  }
  return index;
}

/**
 * LSP range of an absolute offset range. A range ending between the `\r` and the `\n` of a line
 * break (it covers the `\r`) ends after the whole break, as it would with a `\n` alone.
 */
export function toRange(model: YamlModel, range: OffsetRange): Range {
  const end = model.lines.splitsLineBreak(range.end) && range.end > range.start ? range.end + 1 : range.end;
  return { start: model.lines.positionAt(range.start), end: model.lines.positionAt(end) };
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
