/**
 * Small helpers over `yaml` nodes: ranges, keys, bounded walks, and finding what is at an offset.
 * Every walk is iterative or depth-bounded, so deeply nested input never overflows the stack.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { MAX_WALK_DEPTH, MAX_WALK_NODES } from './limits';
import type { OffsetRange } from './types';

/** The node's value range `[start, valueEnd)` (comments after it excluded). */
export function nodeRange(node: Node): OffsetRange {
  const r = node.range;
  if (r === undefined || r === null) return { start: 0, end: 0 };
  return { start: r[0], end: r[1] };
}

/** A mapping key as PyYAML would name it: a scalar's value, or the source text otherwise. */
export function keyText(key: unknown, source: string): string {
  if (key === null || key === undefined) return '';
  if (isScalar(key)) {
    const v = key.value;
    if (typeof v === 'string') return v;
    if (typeof key.source === 'string') return key.source;
    return String(v);
  }
  if (isAlias(key)) return `*${key.source}`;
  const n = key as Node;
  return n.range ? source.slice(n.range[0], n.range[1]) : '';
}

/** The pairs of a mapping node (empty for anything else). */
export function mapPairs(node: Node | null | undefined): readonly Pair<unknown, unknown>[] {
  return node !== null && node !== undefined && isMap(node) ? node.items : [];
}

/** Visits every node under `root` (pre-order, bounded in depth and count). */
export function walkNodes(root: Node, visit: (node: Node, depth: number) => void): void {
  const stack: Array<[Node, number]> = [[root, 0]];
  let count = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [Node, number];
    visit(node, depth);
    if (++count >= MAX_WALK_NODES || depth >= MAX_WALK_DEPTH) continue;
    if (isMap(node) || isSeq(node)) {
      const items = node.items as unknown[];
      for (let i = items.length - 1; i >= 0; i--) {
        const item = items[i];
        if (isPair(item)) {
          if (isNode(item.value)) stack.push([item.value, depth + 1]);
          if (isNode(item.key)) stack.push([item.key, depth + 1]);
        } else if (isNode(item)) stack.push([item, depth + 1]);
      }
    }
  }
}

/** Whether `x` is a `yaml` node. */
export function isNode(x: unknown): x is Node {
  return isScalar(x) || isMap(x) || isSeq(x) || isAlias(x);
}

/** One step of a path into a value: a mapping key, or a sequence index. */
export type PathStep = { readonly key: string; readonly keyNode: Node } | { readonly index: number };

/** What is at an offset inside a value: the path from the value to it, and whether it is a key. */
export interface NodeAtOffset {
  readonly path: readonly PathStep[];
  /** The innermost node containing the offset. */
  readonly node: Node | null;
  /** Set when the offset is on a mapping key: that key node. */
  readonly onKey?: Node;
}

/**
 * Descends from `root` to the innermost node that contains `offset` (relative, like the node's
 * ranges). A key counts as containing the offset right after its last character, so a hover or
 * completion at the end of a word still finds it.
 */
export function nodeAtOffset(root: Node | null, offset: number): NodeAtOffset {
  const path: PathStep[] = [];
  let node: Node | null = root;
  for (let depth = 0; node !== null && depth < MAX_WALK_DEPTH; depth++) {
    if (isMap(node)) {
      let next: Node | null = null;
      for (const pair of node.items) {
        const key = isNode(pair.key) ? pair.key : null;
        const kr = key?.range;
        if (key !== null && kr && offset >= kr[0] && offset <= kr[1]) {
          path.push({ key: keyText(key, ''), keyNode: key });
          return { path, node: key, onKey: key };
        }
        const value = isNode(pair.value) ? pair.value : null;
        const vr = value?.range;
        if (key !== null && value !== null && vr && offset >= vr[0] && offset <= vr[1]) {
          path.push({ key: keyText(key, ''), keyNode: key });
          next = value;
          break;
        }
      }
      if (next === null) return { path, node };
      node = next;
    } else if (isSeq(node)) {
      let next: Node | null = null;
      node.items.forEach((item, index) => {
        const r = isNode(item) ? item.range : undefined;
        if (next === null && r && offset >= r[0] && offset <= r[1]) {
          path.push({ index });
          next = item as Node;
        }
      });
      if (next === null) return { path, node };
      node = next;
    } else {
      return { path, node };
    }
  }
  return { path, node };
}
