/**
 * YAML nodes as the JSON values a schema validator checks, with PyYAML's typing (YAML 1.1
 * scalars, `<<` merge keys, aliases to anchors anywhere earlier in the document), and the way
 * back: from a validator's `instancePath` to the node to underline. Walks are bounded, so alias
 * bombs and deep nesting cost a fixed amount of work.
 */
import { isAlias, isMap, isNode, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { defineOwn } from '../schema/own';
import { keyText, resolveScalar } from '../yaml';
import { MAX_ALIAS_EXPANSIONS, MAX_WALK_DEPTH, MAX_WALK_NODES } from '../yaml/limits';
import { isMergeKey as isMergeKeyNode } from '../yaml/constructChecks';

/** Resolves an alias node to its anchored node (anywhere earlier in the document). */
export type ResolveAlias = (alias: Node) => Node | undefined;

/** A date or timestamp: PyYAML builds a `datetime`, which is neither a string nor a number. */
export class YamlDate {
  constructor(readonly text: string) {}
}

/** Work left for one conversion; shared by nested calls. */
interface Budget {
  aliases: number;
  nodes: number;
  exhausted: boolean;
}

/** Result of {@link toJsonValue}. */
export interface Converted {
  readonly value: unknown;
  /** Whether the walk stopped early (alias bomb, huge or too deep value): validate nothing then. */
  readonly truncated: boolean;
}

/** Converts a node (and everything under it) to a JSON-like value as PyYAML would load it. */
export function toJsonValue(node: Node | null, resolve: ResolveAlias): Converted {
  const budget: Budget = { aliases: MAX_ALIAS_EXPANSIONS, nodes: MAX_WALK_NODES, exhausted: false };
  const value = convert(node, resolve, budget, 0);
  return { value, truncated: budget.exhausted };
}

function convert(node: Node | null | undefined, resolve: ResolveAlias, budget: Budget, depth: number): unknown {
  if (node === null || node === undefined) return null;
  if (budget.exhausted) return null;
  if (--budget.nodes < 0 || depth > MAX_WALK_DEPTH) {
    budget.exhausted = true;
    return null;
  }
  if (isAlias(node)) {
    if (--budget.aliases < 0) {
      budget.exhausted = true;
      return null;
    }
    return convert(resolve(node), resolve, budget, depth + 1);
  }
  if (isScalar(node)) {
    const r = resolveScalar(node);
    return r.kind === 'date' ? new YamlDate(String(r.value)) : r.value;
  }
  if (isSeq(node)) return node.items.map((item) => convert(item as Node, resolve, budget, depth + 1));
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    const merges: Node[] = [];
    for (const pair of node.items) {
      if (isMergeKey(pair)) {
        if (pair.value !== null && pair.value !== undefined) merges.push(pair.value as Node);
        continue;
      }
      defineOwn(out, keyText(pair.key, ''), convert(pair.value as Node, resolve, budget, depth + 1));
    }
    for (const merge of merges) mergeInto(out, merge, resolve, budget, depth + 1);
    return out;
  }
  return null;
}

/** `<<: *base` (or a list of them): keys of the merged mappings that are not set explicitly. */
function mergeInto(out: Record<string, unknown>, source: Node, resolve: ResolveAlias, budget: Budget, depth: number): void {
  const target = isAlias(source) ? resolve(source) : source;
  if (target === undefined) return;
  if (isSeq(target)) {
    for (const item of target.items) mergeInto(out, item as Node, resolve, budget, depth + 1);
    return;
  }
  const value = convert(target, resolve, budget, depth);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value)) if (!Object.hasOwn(out, k)) defineOwn(out, k, v);
}

/** Whether a pair is a YAML 1.1 merge key (`<<`, plain). */
export function isMergeKey(pair: Pair<unknown, unknown>): boolean {
  return isNode(pair.key) && isMergeKeyNode(pair.key);
}

/** The node at a JSON Pointer, and the node of *this* segment to underline for it. */
export interface NodeAtPointer {
  /** The node the pointer designates (possibly in another segment, through an alias). */
  readonly node: Node;
  /** The node to report on: the designated node, or the alias in this segment that leads to it. */
  readonly location: Node;
  /** The key node of the last mapping step, if any (for errors about a whole entry). */
  readonly key?: Node;
}

/** Follows an Ajv `instancePath` (`/a/0/b`) from `root`. */
export function nodeAtPointer(root: Node, pointer: string, resolve: ResolveAlias): NodeAtPointer | undefined {
  let node: Node = root;
  let location: Node | undefined;
  let key: Node | undefined;
  const steps = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (let depth = 0; depth <= steps.length && depth < MAX_WALK_DEPTH; depth++) {
    let hops = 0;
    while (isAlias(node) && hops++ < 32) {
      location ??= node;
      const target = resolve(node);
      if (target === undefined) return undefined;
      node = target;
    }
    if (depth === steps.length) break;
    const step = steps[depth];
    if (isSeq(node)) {
      const item = node.items[Number(step)];
      if (item === undefined) return undefined;
      node = item as Node;
    } else if (isMap(node)) {
      const found = findPair(node.items, step, resolve);
      if (found === undefined) return undefined;
      if (location === undefined && found.via === undefined) key = found.pair.key as Node;
      if (found.via !== undefined && isAlias(found.via)) location ??= found.via;
      node = found.pair.value as Node;
      if (node === null || node === undefined) return undefined;
    } else {
      return undefined;
    }
  }
  return key === undefined ? { node, location: location ?? node } : { node, location: location ?? node, key };
}

function findPair(items: readonly Pair<unknown, unknown>[], key: string, resolve: ResolveAlias): { pair: Pair<unknown, unknown>; via?: Node } | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const pair = items[i];
    if (!isMergeKey(pair) && keyText(pair.key, '') === key) return { pair };
  }
  for (const pair of items) {
    if (!isMergeKey(pair)) continue;
    const via = pair.value as Node;
    const source = isAlias(via) ? resolve(via) : via;
    if (source !== undefined && isMap(source)) {
      const found = findPair(source.items, key, resolve);
      if (found !== undefined) return { pair: found.pair, via: found.via ?? via };
    }
  }
  return undefined;
}
