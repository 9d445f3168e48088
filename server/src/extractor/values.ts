/**
 * Static evaluation of a Python default value: its JSON value when it is a literal,
 * otherwise the JSON type(s) it must have, or `computed`/`unknown`. Never runs code.
 */
import { SyntaxNode, type PyNode as Node } from '../python/syntaxTree';
import type { JsonType, JsonValue, SettingType } from '../catalog/types';
import { decodeStringLiteral } from '../python/strings';
import { MAX_EXPRESSION_DEPTH } from './limits';

/** What evaluating an expression told us. */
export interface EvaluatedValue {
  type: SettingType;
  /** Present only when the expression is a literal (or folds to one). */
  value?: JsonValue;
  /** Setting names (UPPERCASE) the expression reads. */
  reads: string[];
}

/** Looks up a setting assigned earlier, so `A = B` can take B's type. */
export type ValueEnv = (name: string) => EvaluatedValue | undefined;

const SETTING_NAME = /^[A-Z][A-Z0-9_]*$/;

/** Calls that produce a string: lazy translations and friends. */
const STRING_CALLS = new Set(['_', 'gettext', 'gettext_lazy', 'ugettext', 'ugettext_lazy', 'gettext_noop', 'ugettext_noop', '_lazy', 'str', 'format_lazy']);
const ARRAY_CALLS = new Set(['list', 'tuple', 'set', 'frozenset', 'sorted']);
const SCALAR_CALLS: Record<string, JsonType> = { int: 'integer', float: 'number', bool: 'boolean' };

function json(types: JsonType[], nullable = false): SettingType {
  return { kind: 'json', types, nullable, from: 'literal' };
}

const COMPUTED: SettingType = { kind: 'computed', types: [], nullable: false, from: 'none' };
const UNKNOWN_NULL: SettingType = { kind: 'unknown', types: [], nullable: true, from: 'none' };

function typeOfJson(value: JsonValue): JsonType | 'null' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    default:
      return 'object';
  }
}

/** The setting type of a literal JSON value. */
export function typeOfLiteral(value: JsonValue): SettingType {
  const t = typeOfJson(value);
  return t === 'null' ? UNKNOWN_NULL : json([t]);
}

function literal(value: JsonValue, reads: string[] = []): EvaluatedValue {
  return { type: typeOfLiteral(value), value, reads };
}

function computed(reads: string[], type: SettingType = COMPUTED): EvaluatedValue {
  return { type, reads };
}

/** The named children but comments (the node's own list when it holds none: no copy). */
export function namedChildren(node: Node): readonly Node[] {
  const kids = node.namedChildren;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i];
    if (c === null || c.type === 'comment') return kids.filter((k): k is Node => k !== null && k.type !== 'comment');
  }
  return kids;
}

/** String literals (any prefix and quote style), removed before scanning code for names. */
const STRING_LITERAL = /[rRbBuUfF]{0,2}("""[\s\S]*?"""|'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/g;
const NAME_TOKEN = /(?<![\w.])(?:settings\.)?([A-Z][A-Z0-9_]*)\b(?!\s*=(?!=))/g;

/**
 * Collects UPPERCASE names (and `settings.X` attributes) read anywhere inside a node. Scans the
 * source text rather than walking the tree: every node crossing the wasm boundary costs, and this
 * runs for every computed default.
 */
export function collectReads(node: Node): string[] {
  // An f-string's `{expressions}` are code: keep them, drop the rest of the literal.
  const code = node.text.replace(STRING_LITERAL, (literalText) =>
    /^[rRbBuU]?[fF]/.test(literalText) ? ` ${(literalText.replace(/\{\{|\}\}/g, '').match(/\{[^{}]*\}/g) ?? []).join(' ').replace(STRING_LITERAL, '""')} ` : '""',
  );
  const found = new Set<string>();
  for (const m of code.matchAll(NAME_TOKEN)) found.add(m[1]);
  return [...found];
}

function isJsonObject(v: JsonValue | undefined): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseNumber(text: string): number | undefined {
  const clean = text.replace(/_/g, '');
  if (/[jJ]$/.test(clean)) return undefined; // complex numbers have no JSON form
  const n = /^0[oObBxX]/.test(clean) ? Number(clean) : Number(clean.replace(/^0+(?=\d)/, ''));
  return Number.isFinite(n) ? n : undefined;
}

function mergeTypes(a: SettingType, b: SettingType): SettingType {
  if (a.kind !== 'json' || b.kind !== 'json') {
    if (a.kind === 'unknown' && a.nullable && b.kind === 'json') return { ...b, nullable: true };
    if (b.kind === 'unknown' && b.nullable && a.kind === 'json') return { ...a, nullable: true };
    return COMPUTED;
  }
  const types = [...new Set([...a.types, ...b.types])];
  return { kind: 'json', types, nullable: a.nullable || b.nullable, from: 'literal' };
}

function callName(node: Node): string {
  const fn = node.childForFieldName('function');
  if (!fn) return '';
  if (fn.type === 'identifier') return fn.text;
  if (fn.type === 'attribute') return fn.childForFieldName('attribute')?.text ?? '';
  return '';
}

function fullCallName(node: Node): string {
  return node.childForFieldName('function')?.text ?? '';
}

function evalSequence(node: Node, env: Walk): EvaluatedValue {
  const items = namedChildren(node).map((c) => evaluateIn(c, env));
  const reads = items.flatMap((i) => i.reads);
  if (items.every((i) => i.value !== undefined) && namedChildren(node).every((c) => c.type !== 'list_splat')) {
    return { type: json(['array']), value: items.map((i) => i.value as JsonValue), reads };
  }
  return { type: json(['array']), reads };
}

function keyText(node: Node): string | undefined {
  if (node.type === 'string' || node.type === 'concatenated_string') {
    const v = evaluateString(node);
    return typeof v.value === 'string' ? v.value : undefined;
  }
  if (node.type === 'integer' || node.type === 'float') return String(parseNumber(node.text));
  if (node.type === 'true') return 'True';
  if (node.type === 'false') return 'False';
  return undefined;
}

function evalDict(node: Node, env: Walk): EvaluatedValue {
  const out: Record<string, JsonValue> = {};
  const reads: string[] = [];
  let literalSoFar = true;
  for (const child of namedChildren(node)) {
    if (child.type !== 'pair') {
      literalSoFar = false; // `**OTHER` or a comprehension part
      reads.push(...collectReads(child));
      continue;
    }
    const k = child.childForFieldName('key');
    const v = child.childForFieldName('value');
    const key = k ? keyText(k) : undefined;
    const val = v ? evaluateIn(v, env) : undefined;
    if (val) reads.push(...val.reads);
    if (key === undefined || val?.value === undefined) {
      literalSoFar = false;
      continue;
    }
    out[key] = val.value;
  }
  return literalSoFar ? { type: json(['object']), value: out, reads } : { type: json(['object']), reads };
}

function evalDictCall(args: Node, env: Walk): EvaluatedValue {
  const out: Record<string, JsonValue> = {};
  const reads: string[] = [];
  let isLiteral = true;
  for (const arg of namedChildren(args)) {
    if (arg.type !== 'keyword_argument') {
      isLiteral = false;
      reads.push(...collectReads(arg));
      continue;
    }
    const name = arg.childForFieldName('name')?.text;
    const valueNode = arg.childForFieldName('value');
    const v = valueNode ? evaluateIn(valueNode, env) : undefined;
    if (v) reads.push(...v.reads);
    if (!name || v?.value === undefined) isLiteral = false;
    else out[name] = v.value;
  }
  return isLiteral ? { type: json(['object']), value: out, reads } : { type: json(['object']), reads };
}

function evaluateString(node: Node): EvaluatedValue {
  const pieces = node.type === 'concatenated_string' ? namedChildren(node) : [node];
  let value = '';
  for (const piece of pieces) {
    const decoded = decodeStringLiteral(piece.text);
    if (!decoded) return computed(collectReads(node));
    if (decoded.interpolated || decoded.value === undefined) {
      return computed(collectReads(node), json(['string']));
    }
    value += decoded.value;
  }
  return literal(value);
}

function evalCall(node: Node, env: Walk): EvaluatedValue {
  const name = callName(node);
  const full = fullCallName(node);
  const args = node.childForFieldName('arguments');
  const argNodes = args ? namedChildren(args) : [];
  const reads = collectReads(node);
  if (name === 'Derived') return computed(reads);
  if (STRING_CALLS.has(name) && full === name) {
    const first = argNodes[0];
    if (first && (first.type === 'string' || first.type === 'concatenated_string') && name !== 'str') {
      const s = evaluateString(first);
      if (typeof s.value === 'string') return literal(s.value);
    }
    return computed(reads, json(['string']));
  }
  if (name === 'dict' && full === 'dict' && args) return evalDictCall(args, env);
  if (ARRAY_CALLS.has(name) && full === name) {
    const first = argNodes[0];
    if (!first) return literal([]);
    if (first.type === 'list' || first.type === 'tuple' || first.type === 'set') {
      return name === 'sorted' ? { type: json(['array']), reads } : evalSequence(first, env);
    }
    return computed(reads, json(['array']));
  }
  if (name in SCALAR_CALLS && full === name) return computed(reads, json([SCALAR_CALLS[name]]));
  // os.environ.get('X', default) / environ.get / os.getenv: the default, or None; environment values are strings.
  if ((/(^|\.)environ\.get$/.test(full) || /(^|\.)getenv$/.test(full)) && argNodes.length >= 1) {
    const fallback = argNodes[1] && argNodes[1].type !== 'keyword_argument' ? evaluateIn(argNodes[1], env) : undefined;
    if (!fallback) return { type: { kind: 'json', types: ['string'], nullable: true, from: 'literal' }, reads };
    const t = mergeTypes(fallback.type, json(['string']));
    return fallback.value !== undefined ? { type: t, value: fallback.value, reads } : { type: t, reads };
  }
  return computed(reads);
}

const ARITH: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '//': (a, b) => Math.floor(a / b),
  // Python's `%` takes the sign of the divisor.
  '%': (a, b) => a - b * Math.floor(a / b),
  '**': (a, b) => a ** b,
};

function evalBinary(node: Node, env: Walk): EvaluatedValue {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const op = node.childForFieldName('operator')?.text ?? '';
  if (!left || !right) return computed(collectReads(node));
  const a = evaluateIn(left, env);
  const b = evaluateIn(right, env);
  const reads = [...a.reads, ...b.reads];
  if (typeof a.value === 'number' && typeof b.value === 'number' && op in ARITH) {
    const v = ARITH[op](a.value, b.value);
    if (Number.isFinite(v)) {
      // Python's `/` always yields a float, even when the result is whole.
      if (op === '/') return { type: json(['number']), value: v, reads };
      return { ...literal(v), reads };
    }
  }
  if (op === '+' && typeof a.value === 'string' && typeof b.value === 'string') return { ...literal(a.value + b.value), reads };
  if (op === '+' && Array.isArray(a.value) && Array.isArray(b.value)) return { ...literal([...a.value, ...b.value]), reads };
  const ta = a.type.kind === 'json' ? a.type.types : [];
  const tb = b.type.kind === 'json' ? b.type.types : [];
  // A string or list on either side of `+` fixes the result's type even when the other side is computed.
  if (op === '+' && (ta.length === 1 && ta[0] === 'string' || tb.length === 1 && tb[0] === 'string')) return computed(reads, json(['string']));
  if (op === '+' && (ta.length === 1 && ta[0] === 'array' || tb.length === 1 && tb[0] === 'array')) return computed(reads, json(['array']));
  if (op === '%' && ta.length === 1 && ta[0] === 'string') return computed(reads, json(['string']));
  if (op === '|' && (ta[0] === 'object' || tb[0] === 'object')) return computed(reads, json(['object']));
  return computed(reads);
}

/** Bumped by every question to `env`: an evaluation that did not bump it depends on its node alone. */
let envQuestions = 0;

/** One evaluation's walk down an expression: how deep it is, and where it stopped for depth. */
interface Walk {
  readonly env: ValueEnv;
  depth: number;
  /** The first node left unevaluated for its depth. */
  tooDeep: Node | undefined;
  /** Bumped each time the depth bound is reached: an evaluation that reached it is not kept (its result depends on where it started). */
  cuts: number;
}

/**
 * Evaluates a Python expression node statically.
 *
 * The result of an expression whose evaluation asked `env` nothing is kept with its node
 * (`SyntaxNode.memo`): syntax nodes are kept with their file's version (`python/parseCache.ts`),
 * so a re-extraction evaluates again only the expressions that read other settings and those of
 * edited statements. The results are shared by the catalogs of successive extractions; like
 * every default, they are never modified (edits build new values).
 *
 * The walk goes {@link MAX_EXPRESSION_DEPTH} levels down at most: `1+1+…` with thousands of terms
 * (which CPython compiles) would otherwise exhaust the stack. A part nested deeper is computed,
 * so the whole expression has no literal value.
 * @param env resolves names assigned earlier, so aliases (`A = B`) keep B's type.
 * @param onTooDeep called once, with the first node left unevaluated, when the bound was reached.
 */
export function evaluate(node: Node, env: ValueEnv, onTooDeep?: (node: Node) => void): EvaluatedValue {
  const walk: Walk = { env, depth: 0, tooDeep: undefined, cuts: 0 };
  const result = evaluateIn(node, walk);
  if (walk.tooDeep !== undefined) onTooDeep?.(walk.tooDeep);
  return result;
}

function evaluateIn(node: Node, walk: Walk): EvaluatedValue {
  if (walk.depth >= MAX_EXPRESSION_DEPTH) {
    walk.tooDeep ??= node;
    walk.cuts++;
    return computed(collectReads(node));
  }
  const copy = node instanceof SyntaxNode ? node : undefined;
  if (copy?.memo !== undefined) return copy.memo as EvaluatedValue;
  const before = envQuestions;
  const cutsBefore = walk.cuts;
  walk.depth++;
  try {
    const result = evaluateNode(node, walk);
    if (copy !== undefined && envQuestions === before && walk.cuts === cutsBefore) copy.memo = result;
    return result;
  } finally {
    walk.depth--;
  }
}

function evaluateNode(node: Node, env: Walk): EvaluatedValue {
  switch (node.type) {
    case 'integer':
    case 'float': {
      const n = parseNumber(node.text);
      if (n === undefined) return computed([]);
      return node.type === 'float' ? { type: json(['number']), value: n, reads: [] } : literal(n);
    }
    case 'true':
      return literal(true);
    case 'false':
      return literal(false);
    case 'none':
      return { type: UNKNOWN_NULL, value: null, reads: [] };
    case 'string':
    case 'concatenated_string':
      return evaluateString(node);
    case 'list':
    case 'tuple':
    case 'set':
      return evalSequence(node, env);
    case 'list_comprehension':
    case 'set_comprehension':
    case 'generator_expression':
      return computed(collectReads(node), json(['array']));
    case 'dictionary':
      return evalDict(node, env);
    case 'dictionary_comprehension':
      return computed(collectReads(node), json(['object']));
    case 'parenthesized_expression': {
      const inner = namedChildren(node)[0];
      return inner ? evaluateIn(inner, env) : computed([]);
    }
    case 'unary_operator': {
      const arg = node.childForFieldName('argument');
      const op = node.childForFieldName('operator')?.text;
      const v = arg ? evaluateIn(arg, env) : undefined;
      if (v && typeof v.value === 'number' && (op === '-' || op === '+')) {
        const n = op === '-' ? -v.value : v.value;
        return { type: v.type, value: n, reads: v.reads };
      }
      return computed(v?.reads ?? []);
    }
    case 'not_operator':
    case 'comparison_operator':
      return computed(collectReads(node), json(['boolean']));
    case 'binary_operator':
      return evalBinary(node, env);
    case 'conditional_expression': {
      const parts = namedChildren(node);
      if (parts.length === 3) {
        const a = evaluateIn(parts[0], env);
        const b = evaluateIn(parts[2], env);
        return computed(collectReads(node), mergeTypes(a.type, b.type));
      }
      return computed(collectReads(node));
    }
    case 'call':
      return evalCall(node, env);
    case 'subscript': {
      // `FEATURES['X']`, `LANGUAGES[0]`: an element of a literal setting.
      const container = node.childForFieldName('value');
      const sub = node.childForFieldName('subscript');
      const whole = container ? evaluateIn(container, env) : undefined;
      const key = sub?.type === 'string' ? decodeStringLiteral(sub.text)?.value : sub?.type === 'integer' ? parseNumber(sub.text) : undefined;
      let element: JsonValue | undefined;
      if (typeof key === 'string' && isJsonObject(whole?.value) && Object.hasOwn(whole.value, key)) element = whole.value[key];
      else if (typeof key === 'number' && Array.isArray(whole?.value)) element = whole.value[key];
      return element !== undefined ? literal(element, whole?.reads ?? []) : computed(collectReads(node));
    }
    case 'identifier': {
      if (!SETTING_NAME.test(node.text)) return computed([]);
      envQuestions++;
      const known = env.env(node.text);
      if (known) return { type: known.type, ...(known.value !== undefined ? { value: known.value } : {}), reads: [node.text] };
      return computed([node.text]);
    }
    default:
      return computed(collectReads(node));
  }
}
