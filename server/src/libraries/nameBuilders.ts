/**
 * Functions that build a setting's name from their arguments, read symbolically: social-auth's
 * `setting_name('USER_MODEL')` is `SOCIAL_AUTH_USER_MODEL` because `setting_name(*names)` returns
 * `to_setting_name(*((SETTING_PREFIX,) + names))` and that one joins its upper-cased arguments
 * with `_`. A builder's returned expression is evaluated over its parameters into a template of
 * literal text and argument pieces; a call with literal arguments then fills it. Understood:
 * string literals and module-level string constants, `+` of strings, lists and tuples,
 * `list()`/`tuple()`, `SEP.join(...)`, `.upper()` (and `.replace`/`.strip`, taken as no change),
 * comprehensions mapping those over a list, f-strings, `'%s' %` and `'{}'.format`, and calls of
 * other builders of the module (`g(*args)`). Anything else is not a builder.
 */
import type { PyNode } from '../python/syntaxTree';
import { decodeStringLiteral } from '../python/strings';
import type { NamePart } from './facts';

/** An item of a list of name pieces: a string, or the arguments from `argument` on (a `*names` parameter). */
export type NameItem = { kind: 'str'; parts: NamePart[] } | { kind: 'spread'; argument: number; upper: boolean };

/** What an expression of a builder stands for: a string, or a list of strings. */
type Sym = { kind: 'str'; parts: NamePart[] } | { kind: 'list'; items: NameItem[] };

/** What the evaluation sees of the function and its module. */
export interface NameScope {
  /** The function's parameters: positional index, and whether it is the `*rest` one. */
  parameters: ReadonlyMap<string, { index: number; star: boolean }>;
  /** A module-level string constant. */
  constant(name: string): string | undefined;
  /** Another builder of the module (evaluated on demand). */
  builder(name: string): NamePart[] | undefined;
}

/** Deepest expression evaluated (builders are one-liners). */
const MAX_DEPTH = 30;

/** Methods of `str` taken as leaving a name's pieces as they are (`.replace('-', '_')` of names without dashes). */
const NEUTRAL_METHODS = new Set(['replace', 'strip', 'lstrip', 'rstrip']);

function str(parts: NamePart[]): Sym {
  return { kind: 'str', parts };
}

/** Pieces upper-cased (an argument's piece is marked, a literal's text is changed). */
function upper(parts: readonly NamePart[]): NamePart[] {
  return parts.map((p) => ('text' in p ? { text: p.text.toUpperCase() } : { ...p, upper: true }));
}

/** The value of a plain string literal, or undefined. */
function literalString(node: PyNode): string | undefined {
  if (node.type !== 'string') return undefined;
  const decoded = decodeStringLiteral(node.text);
  return decoded?.value;
}

/** A list's items joined by `separator` into a string's pieces. */
function join(items: readonly NameItem[], separator: string): NamePart[] {
  const out: NamePart[] = [];
  items.forEach((item, i) => {
    if (i > 0 && separator !== '') out.push({ text: separator });
    if (item.kind === 'str') out.push(...item.parts);
    else out.push({ argument: item.argument, rest: true, separator, upper: item.upper });
  });
  return out;
}

/** `%s` and `{}` templates filled with string pieces. */
function format(template: string, values: readonly Sym[], placeholder: RegExp): Sym | undefined {
  const pieces = template.split(placeholder);
  if (pieces.length - 1 !== values.length || values.some((v) => v.kind !== 'str')) return undefined;
  const out: NamePart[] = [];
  pieces.forEach((text, i) => {
    if (text !== '') out.push({ text });
    const v = values[i];
    if (v !== undefined && v.kind === 'str') out.push(...v.parts);
  });
  return str(out);
}

/** The items of a call's argument list, `*x` spread. */
function argumentItems(args: PyNode, scope: NameScope, depth: number): NameItem[] | undefined {
  const items: NameItem[] = [];
  for (const a of args.namedChildren) {
    if (a.type === 'comment') continue;
    if (a.type === 'list_splat') {
      const inner = a.namedChildren[0];
      const v = inner === undefined ? undefined : evaluate(inner, scope, depth + 1);
      if (v?.kind !== 'list') return undefined;
      items.push(...v.items);
      continue;
    }
    const v = evaluate(a, scope, depth + 1);
    if (v?.kind !== 'str') return undefined;
    items.push(v);
  }
  return items;
}

/** A comprehension `[f(n) for n in L if …]` where `f` upper-cases or leaves `n` as it is. */
function comprehension(node: PyNode, scope: NameScope, depth: number): Sym | undefined {
  const body = node.childForFieldName('body');
  const clauses = node.namedChildren.filter((c) => c.type === 'for_in_clause');
  if (body === null || clauses.length !== 1) return undefined;
  const variable = clauses[0].childForFieldName('left');
  const iterated = clauses[0].childForFieldName('right');
  if (variable?.type !== 'identifier' || iterated === null) return undefined;
  let toUpper = false;
  let at: PyNode = body;
  while (at.type === 'call') {
    const fn = at.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    const object = fn?.childForFieldName('object');
    if (method === undefined || object === null || object === undefined) return undefined;
    if (method === 'upper') toUpper = true;
    else if (!NEUTRAL_METHODS.has(method)) return undefined;
    at = object;
  }
  if (at.type !== 'identifier' || at.text !== variable.text) return undefined;
  const list = evaluate(iterated, scope, depth + 1);
  if (list?.kind !== 'list') return undefined;
  if (!toUpper) return list;
  return { kind: 'list', items: list.items.map((i) => (i.kind === 'str' ? { kind: 'str', parts: upper(i.parts) } : { ...i, upper: true })) };
}

/** A call: `SEP.join`, `.upper()`, `list()`/`tuple()`, `'…'.format(…)`, or another builder. */
function call(node: PyNode, scope: NameScope, depth: number): Sym | undefined {
  const fn = node.childForFieldName('function');
  const args = node.childForFieldName('arguments');
  if (fn === null || args === null) return undefined;
  // `f(x for x in y)`: the generator is the call's whole argument list.
  const positional = args.type === 'generator_expression' ? [args] : args.namedChildren.filter((a) => a.type !== 'comment');
  if (fn.type === 'identifier') {
    if ((fn.text === 'list' || fn.text === 'tuple') && positional.length === 1) {
      const v = evaluate(positional[0], scope, depth + 1);
      return v?.kind === 'list' ? v : undefined;
    }
    const parts = scope.builder(fn.text);
    const items = parts === undefined || args.type !== 'argument_list' ? undefined : argumentItems(args, scope, depth);
    if (parts === undefined || items === undefined) return undefined;
    const applied = applyTemplate(parts, items);
    return applied === undefined ? undefined : str(applied);
  }
  if (fn.type !== 'attribute') return undefined;
  const object = fn.childForFieldName('object');
  const method = fn.childForFieldName('attribute')?.text;
  if (object === null || method === undefined) return undefined;
  const separator = literalString(object);
  if (method === 'join' && separator !== undefined && positional.length === 1) {
    const list = evaluate(positional[0], scope, depth + 1);
    return list?.kind === 'list' ? str(join(list.items, separator)) : undefined;
  }
  if (method === 'format' && separator !== undefined) {
    const values = positional.map((p) => evaluate(p, scope, depth + 1));
    return values.every((v): v is Sym => v !== undefined) ? format(separator, values, /\{\}/) : undefined;
  }
  const v = evaluate(object, scope, depth + 1);
  if (v?.kind !== 'str') return undefined;
  if (method === 'upper' && positional.length === 0) return str(upper(v.parts));
  return NEUTRAL_METHODS.has(method) ? v : undefined;
}

/** An f-string's pieces: its literal text and its interpolated strings. */
function fString(node: PyNode, scope: NameScope, depth: number): Sym | undefined {
  const parts: NamePart[] = [];
  for (const c of node.namedChildren) {
    if (c.type === 'string_start' || c.type === 'string_end') continue;
    if (c.type === 'string_content') parts.push({ text: c.text.replace(/\{\{/g, '{').replace(/\}\}/g, '}') });
    else if (c.type === 'interpolation') {
      const e = c.childForFieldName('expression');
      const v = e === null ? undefined : evaluate(e, scope, depth + 1);
      if (v?.kind !== 'str' || c.namedChildren.length !== 1) return undefined;
      parts.push(...v.parts);
    } else return undefined;
  }
  return str(parts);
}

/** Evaluates an expression of a builder; undefined when it is not a name built from strings. */
function evaluate(node: PyNode, scope: NameScope, depth: number): Sym | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (node.type) {
    case 'string': {
      const value = literalString(node);
      if (value !== undefined) return str(value === '' ? [] : [{ text: value }]);
      return /^[rR]?[fF]|^[fF][rR]?/.test(node.text) ? fString(node, scope, depth) : undefined;
    }
    case 'identifier': {
      const p = scope.parameters.get(node.text);
      if (p !== undefined) return p.star ? { kind: 'list', items: [{ kind: 'spread', argument: p.index, upper: false }] } : str([{ argument: p.index, rest: false, separator: '', upper: false }]);
      const c = scope.constant(node.text);
      return c === undefined ? undefined : str([{ text: c }]);
    }
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((c) => c.type !== 'comment');
      return inner === undefined ? undefined : evaluate(inner, scope, depth + 1);
    }
    case 'tuple':
    case 'list': {
      const items = argumentItems(node, scope, depth);
      return items === undefined ? undefined : { kind: 'list', items };
    }
    case 'binary_operator': {
      const op = node.childForFieldName('operator')?.text;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left === null || right === null) return undefined;
      const a = evaluate(left, scope, depth + 1);
      if (op === '%' && a?.kind === 'str' && a.parts.length === 1 && 'text' in a.parts[0]) {
        const b = right.type === 'tuple' ? right.namedChildren.map((r) => evaluate(r, scope, depth + 1)) : [evaluate(right, scope, depth + 1)];
        return b.every((v): v is Sym => v !== undefined) ? format(a.parts[0].text, b, /%s/) : undefined;
      }
      const b = evaluate(right, scope, depth + 1);
      if (op !== '+' || a === undefined || b === undefined || a.kind !== b.kind) return undefined;
      return a.kind === 'str' && b.kind === 'str' ? str([...a.parts, ...b.parts]) : { kind: 'list', items: [...(a as { items: NameItem[] }).items, ...(b as { items: NameItem[] }).items] };
    }
    case 'call':
      return call(node, scope, depth);
    case 'list_comprehension':
    case 'generator_expression':
      return comprehension(node, scope, depth);
    default:
      return undefined;
  }
}

/** The template a builder's returned expression makes: pieces of text and arguments; undefined when it is not one or uses no argument. */
export function nameTemplate(returned: PyNode, scope: NameScope): NamePart[] | undefined {
  const v = evaluate(returned, scope, 0);
  if (v?.kind !== 'str' || !v.parts.some((p) => !('text' in p))) return undefined;
  return v.parts;
}

/** A template filled with items (which may still hold arguments of an enclosing builder). */
export function applyTemplate(parts: readonly NamePart[], items: readonly NameItem[]): NamePart[] | undefined {
  const out: NamePart[] = [];
  for (const p of parts) {
    if ('text' in p) {
      out.push(p);
      continue;
    }
    if (p.rest) {
      const rest = items.slice(p.argument);
      const joined = join(rest, p.separator);
      out.push(...(p.upper ? upper(joined) : joined));
      continue;
    }
    // A single argument after a spread is not known by position.
    if (items.slice(0, p.argument + 1).some((i) => i.kind === 'spread')) return undefined;
    const item = items[p.argument];
    if (item === undefined || item.kind !== 'str') return undefined;
    out.push(...(p.upper ? upper(item.parts) : item.parts));
  }
  return out;
}

/** The name a builder makes of literal arguments (`['USER_MODEL']` → `SOCIAL_AUTH_USER_MODEL`), or undefined. */
export function buildName(parts: readonly NamePart[], args: readonly string[]): string | undefined {
  const filled = applyTemplate(
    parts,
    args.map((a) => ({ kind: 'str', parts: [{ text: a }] })),
  );
  if (filled === undefined || filled.some((p) => !('text' in p))) return undefined;
  return filled.map((p) => ('text' in p ? p.text : '')).join('');
}
