/**
 * Document symbols: the top-level keys, with the keys of nested mappings as children (bounded,
 * so neither a huge value nor a huge document can flood the outline).
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import { entriesOfSegment, keyText, resolveScalar, toRange, type TopLevelEntry, type YamlModel } from '../yaml';

const MAX_CHILD_SYMBOLS = 5_000;
/** Top-level symbols listed at most (a 10 MB file has hundreds of thousands of keys). */
const MAX_TOP_LEVEL_SYMBOLS = 10_000;
const MAX_DEPTH = 8;

/** The outline of `model`. */
export function documentSymbolsOf(model: YamlModel): DocumentSymbol[] {
  const budget = { left: MAX_CHILD_SYMBOLS };
  return topLevelEntries(model, MAX_TOP_LEVEL_SYMBOLS).map((entry) => {
    const symbol: DocumentSymbol = {
      name: entry.key === '' ? '""' : entry.key,
      kind: kindOf(entry.value),
      range: toRange(model, entry.range),
      selectionRange: toRange(model, entry.keyRange),
    };
    const detail = detailOf(entry.value);
    if (detail !== undefined) symbol.detail = detail;
    const children = childrenOf(model, entry.value, entry.base, 1, budget);
    if (children.length > 0) symbol.children = children;
    return symbol;
  });
}

/** The first `limit` top-level entries, placed one segment at a time (never all of a huge document's). */
function topLevelEntries(model: YamlModel, limit: number): TopLevelEntry[] {
  const out: TopLevelEntry[] = [];
  for (let i = 0; i < model.segments.length && out.length < limit; i++) out.push(...entriesOfSegment(model, i));
  return out.slice(0, limit);
}

function childrenOf(model: YamlModel, node: Node | null, base: number, depth: number, budget: { left: number }): DocumentSymbol[] {
  if (node === null || depth > MAX_DEPTH || !isMap(node)) return [];
  const out: DocumentSymbol[] = [];
  for (const pair of node.items) {
    if (budget.left-- <= 0) break;
    const key = pair.key as Node | null;
    if (key === null || !key.range) continue;
    const value = (pair.value as Node | null) ?? null;
    const end = value?.range ? value.range[1] : key.range[1];
    const symbol: DocumentSymbol = {
      name: keyText(key, '') || '""',
      kind: kindOf(value),
      range: toRange(model, { start: base + key.range[0], end: base + Math.max(end, key.range[1]) }),
      selectionRange: toRange(model, { start: base + key.range[0], end: base + key.range[1] }),
    };
    const children = childrenOf(model, value, base, depth + 1, budget);
    if (children.length > 0) symbol.children = children;
    out.push(symbol);
  }
  return out;
}

function kindOf(node: Node | null): SymbolKind {
  if (node === null) return SymbolKind.Null;
  if (isMap(node)) return SymbolKind.Module;
  if (isSeq(node)) return SymbolKind.Array;
  if (isAlias(node)) return SymbolKind.Variable;
  if (!isScalar(node)) return SymbolKind.Property;
  switch (resolveScalar(node).kind) {
    case 'boolean':
      return SymbolKind.Boolean;
    case 'integer':
    case 'float':
      return SymbolKind.Number;
    case 'null':
      return SymbolKind.Null;
    default:
      return SymbolKind.String;
  }
}

function detailOf(node: Node | null): string | undefined {
  if (node === null || !isScalar(node)) return undefined;
  // The value itself is not shown: outlines end up in screenshots, and values may be secrets.
  return resolveScalar(node).kind;
}
