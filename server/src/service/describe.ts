/**
 * Words for types and values in messages: `expected integer or null, found string "ten"`.
 * YAML users think in mappings and lists, so JSON Schema's `object`/`array` are said that way.
 */
import { isAlias, isMap, isScalar, isSeq, Scalar, type Node } from 'yaml';
import { resolvePlain, resolveScalar } from '../yaml';

const TYPE_WORDS: Readonly<Record<string, string>> = {
  object: 'mapping',
  array: 'list',
  string: 'string',
  integer: 'integer',
  number: 'number',
  boolean: 'boolean',
  null: 'null',
};

/** `integer or null` from JSON Schema type names (an array or Ajv's comma-joined list). */
export function describeExpected(types: string | readonly string[]): string {
  const list = typeof types === 'string' ? types.split(',') : [...types];
  const words = list.map((t) => TYPE_WORDS[t] ?? t);
  if (words.length <= 1) return words[0] ?? 'nothing';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

const MAX_SHOWN = 40;

/**
 * `string "ten"`, `integer 10`, `boolean true`, `a mapping`, … as PyYAML would load the node;
 * with `hideValue` (a secret's value), only the kind: `string`, `integer`, … .
 */
export function describeFound(node: Node, hideValue = false): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isAlias(node)) return `an alias \`*${node.source}\``;
  if (!isScalar(node)) return 'a value';
  const r = resolveScalar(node);
  if (hideValue) return r.kind === 'binary' ? 'binary data' : r.kind;
  const source = typeof node.source === 'string' ? node.source : '';
  switch (r.kind) {
    case 'null':
      return 'null';
    case 'string':
      return `string ${JSON.stringify(truncate(String(r.value)))}`;
    case 'boolean':
      return `boolean ${r.value}${source !== String(r.value) ? ` (written \`${source}\`)` : ''}`;
    case 'integer':
      return `integer ${source !== String(r.value) ? `${r.value} (written \`${source}\`)` : r.value}`;
    case 'float':
      return `float ${source}`;
    case 'date':
      return `date ${source}`;
    case 'binary':
      return 'binary data';
  }
}

function truncate(s: string): string {
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s;
}

/** A quick fix for a type mismatch: replacement text and title. */
export interface TypeFix {
  readonly title: string;
  readonly newText: string;
  /** A short explanation appended to the message. */
  readonly hint?: string;
}

/**
 * How to fix a scalar of the wrong type, when the fix is obvious:
 * - a quoted `"true"`/`"10"` where a boolean/number is expected: unquote it;
 * - a plain value PyYAML reads as a boolean, number, date or null where a string is expected
 *   (`on`, `0777`, `2024-01-01`): quote it.
 */
export function typeFix(node: Node, expected: readonly string[], hideValue = false): TypeFix | undefined {
  if (!isScalar(node)) return undefined;
  const r = resolveScalar(node);
  const source = typeof node.source === 'string' ? node.source : '';
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
  if (quoted && r.kind === 'string' && !String(r.value).includes('\n')) {
    const unquoted = resolvePlain(String(r.value));
    if (unquoted.kind !== 'string' && unquoted.kind !== 'date' && accepts(expected, unquoted.kind)) {
      return { title: hideValue ? `Convert to ${unquoted.kind}` : `Convert to ${unquoted.kind} ${String(r.value)}`, newText: String(r.value) };
    }
  }
  if (node.type === Scalar.PLAIN && r.kind !== 'string' && r.kind !== 'null' && expected.includes('string') && !source.includes('\n')) {
    const article = r.kind === 'integer' ? 'an' : 'a';
    const hint = hideValue ? `PyYAML reads this value as ${article} ${r.kind}; quote it for a string` : `PyYAML reads \`${source}\` as ${article} ${r.kind}; quote it for a string`;
    return { title: hideValue ? 'Quote as a string' : `Quote as the string "${source}"`, newText: `'${source.replace(/'/g, "''")}'`, hint };
  }
  return undefined;
}

/** Whether JSON Schema types accept a scalar kind. */
function accepts(expected: readonly string[], kind: string): boolean {
  if (kind === 'integer') return expected.includes('integer') || expected.includes('number');
  if (kind === 'float') return expected.includes('number');
  return expected.includes(kind);
}
