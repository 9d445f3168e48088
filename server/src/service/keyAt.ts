/**
 * The key at a position, as a path from the top level, using the entry's parsed nodes (no
 * parse). On a value, the key that owns it.
 */
import { isScalar } from 'yaml';
import { entryAt, nodeAtOffset, type OffsetRange, type YamlModel } from '../yaml';
import type { ValuePath } from './schemaIndex';

/** A key found at a position. */
export interface KeyAtPosition {
  /** Path from the top-level key (`['JWT_AUTH', 'JWT_ISSUER']`, list items as indexes). */
  readonly path: ValuePath;
  /** Absolute range of what is under the cursor (the key, or the scalar value). */
  readonly range: OffsetRange;
}

/** The key at `offset`, or on a scalar value the key owning it. */
export function keyAt(model: YamlModel, offset: number): KeyAtPosition | undefined {
  const entry = entryAt(model, offset);
  if (entry === undefined || entry.pair.templatedKey) return undefined;
  if (offset >= entry.keyRange.start && offset <= entry.keyRange.end) return { path: [entry.key], range: entry.keyRange };
  if (entry.value === null || offset > entry.range.end) return undefined;
  const found = nodeAtOffset(entry.value, offset - entry.base);
  const path: Array<string | number> = [entry.key];
  for (const step of found.path) path.push('key' in step ? step.key : step.index);
  const node = found.onKey ?? found.node;
  if (node === null || node.range === undefined || node.range === null) return undefined;
  if (found.onKey === undefined && !isScalar(node)) return undefined;
  return { path, range: { start: entry.base + node.range[0], end: entry.base + node.range[1] } };
}
