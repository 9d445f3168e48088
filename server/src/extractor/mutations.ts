/**
 * In-place edits of existing settings: `X += [...]`, `X.append(...)`, `X['k'] = v`.
 * Simple literal edits are applied to the known default; anything else makes the default
 * unknown (its type stays), because we must never show a default the service doesn't have.
 * A setting edited more than `MAX_EDITS_PER_SETTING` times (limits.ts) is not followed further.
 */
import type { PyNode as Node } from '../python/syntaxTree';
import type { Documentation, JsonValue, Origin } from '../catalog/types';
import type { CatalogBuilder } from './catalogBuilder';
import type { EvaluatedValue } from './values';
import type { Branch } from './conditions';
import { decodeStringLiteral } from '../python/strings';

type Evaluate = (node: Node) => EvaluatedValue;

const SETTING_NAME = /^[A-Z][A-Z0-9_]*$/;

function isObject(v: JsonValue | undefined): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone(v: JsonValue): JsonValue {
  return JSON.parse(JSON.stringify(v)) as JsonValue;
}

/** Splits `A['b']["c"]` into its base identifier and literal string keys; undefined when a key is not a literal. */
export function subscriptPath(node: Node): { base: string; keys: string[] } | undefined {
  const keys: string[] = [];
  let cur: Node | null = node;
  while (cur && cur.type === 'subscript') {
    const sub = cur.childForFieldName('subscript');
    if (!sub || sub.type !== 'string') return undefined;
    const d = decodeStringLiteral(sub.text);
    if (d?.value === undefined) return undefined;
    keys.unshift(d.value);
    cur = cur.childForFieldName('value');
  }
  if (!cur || cur.type !== 'identifier') return undefined;
  return { base: cur.text, keys };
}

/** The identifier a subscript chain starts from (`A` in `A[x][y]`), whatever the keys are. */
function subscriptBase(node: Node): string | undefined {
  let cur: Node | null = node;
  while (cur && (cur.type === 'subscript' || cur.type === 'attribute')) cur = cur.childForFieldName(cur.type === 'subscript' ? 'value' : 'object');
  return cur?.type === 'identifier' ? cur.text : undefined;
}

function setPath(root: JsonValue | undefined, keys: string[], value: JsonValue): JsonValue | undefined {
  if (!isObject(root)) return undefined;
  const out = clone(root) as { [key: string]: JsonValue };
  let cur: { [key: string]: JsonValue } = out;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = cur[keys[i]];
    if (!isObject(next)) return undefined;
    cur = next;
  }
  cur[keys[keys.length - 1]] = value;
  return out;
}

function literalMethod(method: string, current: JsonValue | undefined, args: EvaluatedValue[]): JsonValue | undefined {
  const a = args[0]?.value;
  if (Array.isArray(current)) {
    if (method === 'append' && args.length === 1 && a !== undefined) return [...current, a];
    if (method === 'extend' && args.length === 1 && Array.isArray(a)) return [...current, ...a];
    if (method === 'insert' && args.length === 2 && typeof a === 'number' && args[1].value !== undefined) {
      const out = [...current];
      out.splice(a, 0, args[1].value);
      return out;
    }
    if (method === 'remove' && args.length === 1 && a !== undefined) {
      const i = current.findIndex((x) => JSON.stringify(x) === JSON.stringify(a));
      return i < 0 ? current : [...current.slice(0, i), ...current.slice(i + 1)];
    }
  }
  if (isObject(current) && method === 'update' && args.length === 1 && isObject(a)) return { ...current, ...a };
  return undefined;
}

/** Extra facts for subscript assignments. */
export interface SubscriptContext {
  origin: Origin;
  doc: Documentation | undefined;
}

/** How to apply an edit. */
export interface MutationOptions {
  /** When true, `FEATURES['X'] = v` sets the top-level setting `X` (newer openedx-platform). */
  featuresProxy: boolean;
  /**
   * Whether the edit surely runs (absent), surely does not (`skipped`: nothing changes) or may
   * (`unknown`: the default is no longer a known literal).
   */
  branch?: Branch;
  /** Origin and documentation, for subscript assignments. */
  sub?: SubscriptContext;
  /** Where a node is, and the comment that documents the line it starts: for the keys of `FEATURES.update({...})`. */
  at?: (node: Node) => { origin: Origin; doc: Documentation | undefined };
}

/** `FEATURES.update({'X': v})` (or `FEATURES.update(X=v)`): the entries, as key and value nodes. */
function featuresUpdateEntries(call: Node): { key: Node; name: string; value: Node }[] | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'update') return undefined;
  const object = fn.childForFieldName('object');
  if (object?.type !== 'identifier' || object.text !== 'FEATURES') return undefined;
  const out: { key: Node; name: string; value: Node }[] = [];
  for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (arg.type === 'keyword_argument') {
      const key = arg.childForFieldName('name');
      const value = arg.childForFieldName('value');
      if (key && value) out.push({ key, name: key.text, value });
    } else if (arg.type === 'dictionary') {
      for (const pair of arg.namedChildren) {
        const key = pair.type === 'pair' ? pair.childForFieldName('key') : null;
        const value = pair.childForFieldName('value');
        const name = key?.type === 'string' ? decodeStringLiteral(key.text)?.value : undefined;
        if (key && value && name !== undefined) out.push({ key, name, value });
      }
    }
  }
  return out;
}

/**
 * `list[a:b] = items` on a literal list, with Python's slice bounds (negative, omitted, clamped).
 * Returns undefined for slices with a step or non-literal bounds.
 */
export function assignSlice(list: JsonValue[], sliceText: string, items: JsonValue[]): JsonValue[] | undefined {
  const m = /^\s*([+-]?\d+)?\s*:\s*([+-]?\d+)?\s*$/.exec(sliceText);
  if (!m) return undefined;
  const bound = (text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const n = Number(text);
    return Math.min(Math.max(n < 0 ? n + list.length : n, 0), list.length);
  };
  const start = bound(m[1], 0);
  const stop = Math.max(bound(m[2], list.length), start);
  return [...list.slice(0, start), ...items, ...list.slice(stop)];
}

/** Applies an in-place edit (augmented assignment, method call, subscript assignment) to the catalog. */
export function applyMutation(expr: Node, builder: CatalogBuilder, evaluate: Evaluate, options: MutationOptions): void {
  const { featuresProxy, branch, sub, at } = options;
  const featureEntries = featuresProxy && at !== undefined && expr.type === 'call' ? featuresUpdateEntries(expr) : undefined;
  if (featureEntries !== undefined && at !== undefined) {
    // The proxy's `update` sets each key through the namespace: top-level settings, as `FEATURES['X'] = v` does.
    for (const { key, name, value } of featureEntries) {
      const where = at(key);
      if (branch !== 'skipped' || !builder.has(name)) builder.assign(name, evaluate(value), where.origin, value.text, where.doc);
    }
    return;
  }
  if (branch === 'skipped' && !(expr.type === 'assignment' && featuresProxy)) return;
  // An edit that may or may not run leaves no known literal default.
  const fold = <T>(next: T | undefined): T | undefined => (branch === 'unknown' ? undefined : next);
  if (expr.type === 'augmented_assignment') {
    const left = expr.childForFieldName('left');
    const right = expr.childForFieldName('right');
    const op = expr.childForFieldName('operator')?.text;
    if (!left || !right) return;
    const name = left.type === 'identifier' ? left.text : subscriptBase(left);
    // Past the edit limit the default is unknown already: the edit is not even evaluated.
    if (!name || !SETTING_NAME.test(name) || !builder.followsEdits(name)) return;
    const current = builder.get(name)?.default;
    const r = evaluate(right).value;
    let next: JsonValue | undefined;
    if (left.type === 'identifier' && op === '+=' && Array.isArray(current) && Array.isArray(r)) next = [...current, ...r];
    else if (left.type === 'identifier' && op === '|=' && isObject(current) && isObject(r)) next = { ...current, ...r };
    builder.mutateDefault(name, fold(next), expr.text);
    return;
  }
  if (expr.type === 'call') {
    const fn = expr.childForFieldName('function');
    if (!fn || fn.type !== 'attribute') return;
    const obj = fn.childForFieldName('object');
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const name = obj ? (obj.type === 'identifier' ? obj.text : subscriptBase(obj)) : undefined;
    if (!obj || !name || !SETTING_NAME.test(name) || !builder.followsEdits(name)) return;
    if (!['append', 'extend', 'insert', 'remove', 'update', 'pop', 'setdefault', 'clear', 'add', 'discard'].includes(method)) return;
    const args = (expr.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is Node => c !== null && c.type !== 'comment').map(evaluate);
    const next = obj.type === 'identifier' ? literalMethod(method, builder.get(name)?.default, args) : undefined;
    builder.mutateDefault(name, fold(next), expr.text);
    return;
  }
  if (expr.type === 'assignment') {
    const left = expr.childForFieldName('left');
    const right = expr.childForFieldName('right');
    if (!left || !right || left.type !== 'subscript') return;
    const p = subscriptPath(left);
    const value = evaluate(right);
    if (p && p.base === 'FEATURES' && featuresProxy && p.keys.length === 1 && sub) {
      // The proxy writes through to the module namespace: this defines a top-level setting.
      // In a branch that does not run it only tells that the setting exists.
      if (branch !== 'skipped' || !builder.has(p.keys[0])) builder.assign(p.keys[0], value, sub.origin, right.text, sub.doc);
      return;
    }
    if (branch === 'skipped') return;
    const name = p?.base ?? subscriptBase(left);
    if (!name || !SETTING_NAME.test(name) || !builder.followsEdits(name)) return;
    const current = builder.get(name)?.default;
    const index = left.childForFieldName('subscript');
    const onName = left.childForFieldName('value')?.type === 'identifier';
    let next: JsonValue | undefined;
    if (p && value.value !== undefined) next = setPath(current, p.keys, value.value);
    else if (index?.type === 'slice' && onName && Array.isArray(current) && Array.isArray(value.value)) {
      next = assignSlice(current, index.text, value.value);
    } else if (onName && Array.isArray(current) && value.value !== undefined && /^-?\d+$/.test(index?.text ?? '')) {
      // `X[0] = v` on a literal list; an index out of range is an error in Python, so nothing is known.
      const i = Number(index?.text);
      const at = i < 0 ? i + current.length : i;
      if (at >= 0 && at < current.length) next = current.map((item, k) => (k === at ? (value.value as JsonValue) : item));
    }
    builder.mutateDefault(name, fold(next), expr.text);
  }
}
