/**
 * Reading Python type hints (`NAME: str | None = None`) as JSON types.
 */
import type { JsonType, SettingType } from '../catalog/types';

const SIMPLE: Record<string, JsonType> = {
  str: 'string',
  int: 'integer',
  float: 'number',
  bool: 'boolean',
  list: 'array',
  tuple: 'array',
  set: 'array',
  frozenset: 'array',
  sequence: 'array',
  iterable: 'array',
  dict: 'object',
  mapping: 'object',
};

/** Splits `a, b[c, d], e` at top-level commas or pipes. */
function splitTopLevel(text: string, sep: ',' | '|'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/**
 * Deepest nesting of `Optional[…]`/`Union[…]` read: real hints nest two or three levels; a source
 * that nests thousands (which Python accepts) must not exhaust the stack, so past this the hint
 * says nothing usable.
 */
const MAX_HINT_DEPTH = 64;

/** Collects JSON types of a hint; returns false for anything it does not understand. */
function hintTypes(hint: string, out: { types: Set<JsonType>; nullable: boolean }, depth = 0): boolean {
  if (depth > MAX_HINT_DEPTH) return false;
  const union = splitTopLevel(hint, '|');
  if (union.length > 1) return union.every((u) => hintTypes(u, out, depth + 1));
  const m = /^(?:typing\.)?([A-Za-z_][A-Za-z0-9_]*)\s*(?:\[(.*)\])?$/s.exec(hint.trim().replace(/^['"]|['"]$/g, ''));
  if (!m) return false;
  const head = m[1];
  const args = m[2];
  if (head === 'None' || head === 'NoneType') {
    out.nullable = true;
    return true;
  }
  if (head === 'Optional' && args) {
    out.nullable = true;
    return hintTypes(args, out, depth + 1);
  }
  if (head === 'Union' && args) return splitTopLevel(args, ',').every((a) => hintTypes(a, out, depth + 1));
  if (head === 'Any') return false;
  const t = SIMPLE[head.toLowerCase()];
  if (!t) return false;
  out.types.add(t);
  // An int is acceptable where a float is hinted, as in Python.
  if (t === 'number') out.types.add('number');
  return true;
}

/** Converts a type hint's source text to a setting type, or undefined when the hint says nothing usable. */
export function typeFromHint(hint: string): SettingType | undefined {
  const out = { types: new Set<JsonType>(), nullable: false };
  if (!hintTypes(hint, out)) return undefined;
  if (out.types.size === 0) return undefined;
  return { kind: 'json', types: [...out.types], nullable: out.nullable, from: 'hint' };
}
