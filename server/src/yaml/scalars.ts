/**
 * Scalar typing exactly as PyYAML's `SafeLoader` does it (YAML 1.1 implicit resolvers), because
 * that is how the services read their config files. `yaml`'s own 1.1 schema differs in places
 * (it reads `y` and `1e5` as a boolean and a number; PyYAML reads both as strings), so plain
 * scalars are resolved here from their source text.
 */
import { isScalar, Scalar, type Node } from 'yaml';

/** The Python type PyYAML produces, in YAML words. */
export type ScalarKind = 'null' | 'boolean' | 'integer' | 'float' | 'string' | 'date' | 'binary';

/** A resolved scalar: its kind and a JSON-compatible value (dates and binaries stay text). */
export interface ResolvedScalar {
  readonly kind: ScalarKind;
  readonly value: null | boolean | number | string;
}

const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const TRUE_WORDS = new Set(['yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const TIMESTAMP =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;

const NUMERIC_FIRST = '-+0123456789.';

/** Resolves a plain (unquoted, untagged) scalar's text the way PyYAML does. */
export function resolvePlain(text: string): ResolvedScalar {
  const first = text.length > 0 ? text[0] : '';
  // PyYAML picks resolvers by first character and tries them in this order: bool, float, int, null, timestamp.
  if ('yYnNtTfFoO'.includes(first) && first !== '' && BOOL.test(text)) return { kind: 'boolean', value: TRUE_WORDS.has(text) };
  if (first === '' || NUMERIC_FIRST.includes(first)) {
    if (FLOAT.test(text)) return { kind: 'float', value: parseYamlFloat(text) };
    if (INT.test(text)) return { kind: 'integer', value: parseYamlInt(text) };
  }
  if ((first === '' || '~nN'.includes(first)) && NULL.test(text)) return { kind: 'null', value: null };
  if (first >= '0' && first <= '9' && TIMESTAMP.test(text)) return { kind: 'date', value: text };
  return { kind: 'string', value: text };
}

function sexagesimal(text: string, parse: (s: string) => number): number {
  let sign = 1;
  let body = text;
  if (body[0] === '-' || body[0] === '+') {
    if (body[0] === '-') sign = -1;
    body = body.slice(1);
  }
  let value = 0;
  for (const part of body.split(':')) value = value * 60 + parse(part);
  return sign * value;
}

function parseYamlInt(raw: string): number {
  const text = raw.replace(/_/g, '');
  if (text.includes(':')) return sexagesimal(text, (s) => parseInt(s, 10));
  let sign = 1;
  let body = text;
  if (body[0] === '-' || body[0] === '+') {
    if (body[0] === '-') sign = -1;
    body = body.slice(1);
  }
  if (body.startsWith('0b')) return sign * parseInt(body.slice(2), 2);
  if (body.startsWith('0x')) return sign * parseInt(body.slice(2), 16);
  if (body.length > 1 && body[0] === '0') return sign * parseInt(body, 8);
  return sign * parseInt(body, 10);
}

function parseYamlFloat(raw: string): number {
  const text = raw.replace(/_/g, '').toLowerCase();
  if (text.endsWith('.nan')) return Number.NaN;
  if (text.endsWith('.inf')) return text.startsWith('-') ? -Infinity : Infinity;
  if (text.includes(':')) return sexagesimal(text, (s) => parseFloat(s));
  return parseFloat(text);
}

const TAG_KINDS: Readonly<Record<string, ScalarKind>> = {
  'tag:yaml.org,2002:str': 'string',
  'tag:yaml.org,2002:int': 'integer',
  'tag:yaml.org,2002:float': 'float',
  'tag:yaml.org,2002:bool': 'boolean',
  'tag:yaml.org,2002:null': 'null',
  'tag:yaml.org,2002:timestamp': 'date',
  'tag:yaml.org,2002:binary': 'binary',
};

/** Whether a tag is one PyYAML's safe loader can construct. */
export function isSafeTag(tag: string): boolean {
  return tag in TAG_KINDS || tag === 'tag:yaml.org,2002:map' || tag === 'tag:yaml.org,2002:seq' || tag === 'tag:yaml.org,2002:set' || tag === 'tag:yaml.org,2002:omap' || tag === 'tag:yaml.org,2002:pairs';
}

/** Resolves a scalar node: quoted and block scalars are strings; plain ones follow PyYAML; explicit tags win. */
export function resolveScalar(node: Scalar): ResolvedScalar {
  const source = typeof node.source === 'string' ? node.source : String(node.value ?? '');
  const tagged = node.tag !== undefined ? TAG_KINDS[node.tag] : undefined;
  if (tagged !== undefined) return resolveTagged(tagged, source);
  if (node.type === Scalar.PLAIN || node.type === undefined) return resolvePlain(source);
  return { kind: 'string', value: typeof node.value === 'string' ? node.value : source };
}

function resolveTagged(kind: ScalarKind, source: string): ResolvedScalar {
  switch (kind) {
    case 'integer': {
      const r = resolvePlain(source);
      return r.kind === 'integer' ? r : { kind: 'integer', value: Number.parseInt(source, 10) };
    }
    case 'float': {
      const r = resolvePlain(source);
      return r.kind === 'float' || r.kind === 'integer' ? { kind: 'float', value: r.value } : { kind: 'float', value: Number.parseFloat(source) };
    }
    case 'boolean':
      return { kind: 'boolean', value: TRUE_WORDS.has(source) };
    case 'null':
      return { kind: 'null', value: null };
    default:
      return { kind, value: source };
  }
}

/** Resolves a node if it is a scalar. */
export function scalarOf(node: Node | null | undefined): ResolvedScalar | undefined {
  return node !== null && node !== undefined && isScalar(node) ? resolveScalar(node) : undefined;
}

/** Python truthiness of a resolved scalar (as `if SETTING:` would see it). */
export function isTruthy(value: ResolvedScalar): boolean {
  switch (value.kind) {
    case 'null':
      return false;
    case 'boolean':
      return value.value === true;
    case 'integer':
    case 'float':
      return value.value !== 0;
    default:
      return value.value !== '';
  }
}
