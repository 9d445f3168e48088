/**
 * Type decisions of the schema builder: the JSON Schema `type` of a catalog setting,
 * subschemas inferred from a literal dict default, and the free-form-keys rule.
 * All rules are described in docs/schema-format.md.
 */
import type { JsonType, JsonValue, SettingType } from '../catalog/types';
import type { PropertySchema } from './format';
import { defineOwn } from './own';

/** The `type` keyword's value as the builder emits it. */
export type SchemaType = NonNullable<PropertySchema['type']>;

/** Canonical order of types inside a `type` array; `null` always comes last. */
const TYPE_ORDER: readonly JsonType[] = ['string', 'integer', 'number', 'boolean', 'array', 'object'];

/** Dict settings whose keys are names chosen by the operator (aliases, handler names), whatever their default says. */
export const KNOWN_FREE_FORM_SETTINGS: ReadonlySet<string> = new Set([
  'CACHES',
  'CHANNEL_LAYERS',
  'DATABASES',
  'EVENT_TRACKING_BACKENDS',
  'LOGGING',
  'STORAGES',
  'TRACKING_BACKENDS',
]);

/** A key that looks like a setting name: the sign of a dict with a fixed set of keys. */
const FIXED_KEY = /^[A-Z][A-Z0-9_]*$/;

/** A Python float literal: `1.0`, `.5`, `1.`, `1e3`, `1_000.5`, with an optional sign. */
const FLOAT_LITERAL = /^[-+]?(?:\d[\d_]*\.[\d_]*|\.\d[\d_]*|\d[\d_]*(?=[eE]))(?:[eE][-+]?\d+)?$/;

/** Anything in Python source text that may be a float literal (used to distrust integral JSON numbers). */
const FLOAT_TOKEN = /\d\.|\.\d|\d[eE][-+]?\d/;

/**
 * The `type` for a catalog type: only `json` kinds get one. `null` is appended when nullable.
 * `integer` becomes `number` when the default is a float (`0.5`, or `1.0` written in the source),
 * and is dropped when `number` is present anyway.
 */
export function schemaTypeOf(type: SettingType, defaultValue?: JsonValue, defaultText?: string): SchemaType | undefined {
  if (type.kind !== 'json' || type.types.length === 0) return undefined;
  const types = new Set<JsonType>(type.types);
  if (types.has('integer') && isFloatDefault(defaultValue, defaultText)) {
    types.delete('integer');
    types.add('number');
  }
  return toSchemaType(types, type.nullable);
}

/** Builds a canonical `type` value: a single string, or an array in canonical order. */
export function toSchemaType(types: Iterable<JsonType>, nullable: boolean): SchemaType {
  const set = new Set(types);
  if (set.has('number')) set.delete('integer');
  const out: Array<JsonType | 'null'> = TYPE_ORDER.filter((t) => set.has(t));
  if (nullable) out.push('null');
  return out.length === 1 ? out[0] : out;
}

/** The JSON types listed by a `type` value, without `null`. */
export function typesIn(type: SchemaType | undefined): JsonType[] {
  if (type === undefined) return [];
  const list = Array.isArray(type) ? type : [type];
  return list.filter((t): t is JsonType => t !== 'null');
}

/** Whether a `type` value accepts `null`. */
export function acceptsNull(type: SchemaType | undefined): boolean {
  return type === 'null' || (Array.isArray(type) && type.includes('null'));
}

/** Whether a default is a float: a non-integral JSON number, or source text that is a float literal. */
export function isFloatDefault(defaultValue: JsonValue | undefined, defaultText: string | undefined): boolean {
  if (typeof defaultValue === 'number' && !Number.isInteger(defaultValue)) return true;
  return defaultText !== undefined && FLOAT_LITERAL.test(defaultText.trim());
}

/**
 * Whether integral numbers inside a literal default may be typed `integer`: only when the source text
 * is known in full (not abbreviated) and shows no float literal; otherwise `1.0` could hide as `1`.
 */
export function integralMeansInteger(defaultText: string | undefined): boolean {
  return defaultText !== undefined && !defaultText.includes('…') && !FLOAT_TOKEN.test(defaultText);
}

/** A JSON object (a Python dict), as opposed to an array or a scalar. */
export function isJsonObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How {@link inferValueSchema} treats nested values. */
export interface InferOptions {
  /** Describe the keys of nested dicts too (false: only the JSON type of each value). */
  deep: boolean;
  /** See {@link integralMeansInteger}. */
  integralIsInteger: boolean;
}

/**
 * The subschema inferred from one value inside a literal dict default: its JSON type
 * (never `null`-only: a `None` value gives an empty schema), and for dicts, when `deep`, their keys.
 */
export function inferValueSchema(value: JsonValue, options: InferOptions): PropertySchema {
  if (value === null) return {};
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (typeof value === 'string') return { type: 'string' };
  if (typeof value === 'number') return { type: Number.isInteger(value) && options.integralIsInteger ? 'integer' : 'number' };
  if (Array.isArray(value)) return { type: 'array' };
  const schema: PropertySchema = { type: 'object' };
  if (options.deep && Object.keys(value).length > 0) schema.properties = inferProperties(value, options);
  return schema;
}

/** Subschemas for each key of a literal dict. */
export function inferProperties(dict: { [key: string]: JsonValue }, options: InferOptions): Record<string, PropertySchema> {
  const properties: Record<string, PropertySchema> = {};
  for (const [key, value] of Object.entries(dict)) defineOwn(properties, key, inferValueSchema(value, options));
  return properties;
}

/** What the free-form rule looks at for one dict-like setting. */
export interface FreeFormInput {
  /** The top-level name, for the list of known free-form settings; absent for nested keys. */
  name?: string;
  /** The literal default, if any. */
  defaultValue?: JsonValue;
  /** Paths of documented keys below this setting, relative to it. */
  documentedKeyPaths: readonly (readonly string[])[];
}

/**
 * The free-form rule, for a setting that may be a dict: its keys are free-form unless it is not a
 * known free-form setting, has a non-empty literal dict default whose keys at every depth are
 * UPPERCASE identifiers, and every documented key below it is an UPPERCASE identifier too.
 */
export function hasFreeFormKeys(input: FreeFormInput): boolean {
  if (input.name !== undefined && KNOWN_FREE_FORM_SETTINGS.has(input.name)) return true;
  if (input.documentedKeyPaths.some((p) => p.some((key) => !FIXED_KEY.test(key)))) return true;
  if (!isJsonObject(input.defaultValue) || Object.keys(input.defaultValue).length === 0) return true;
  return !hasFixedKeys(input.defaultValue);
}

/** Whether every key of a dict, and of the dicts inside it (not inside lists), is an UPPERCASE identifier. */
function hasFixedKeys(dict: { [key: string]: JsonValue }): boolean {
  return Object.entries(dict).every(([key, value]) => FIXED_KEY.test(key) && (!isJsonObject(value) || hasFixedKeys(value)));
}
