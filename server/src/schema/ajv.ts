/**
 * Ajv set-up for our schemas: strict mode, with our extension keywords declared, and lazily
 * compiled, cached validators per top-level property (the language server validates entry by entry).
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { IdaSchema } from './format';
import { getOwn } from './own';

/** Keywords of ours that strict mode must accept (they carry data, never validate). */
export const CUSTOM_KEYWORDS = [
  { keyword: 'x-openedx', schemaType: 'object' },
  { keyword: 'x-openedx-schema', schemaType: 'object' },
  { keyword: 'markdownDescription', schemaType: 'string' },
] as const;

/**
 * A new Ajv instance: strict mode (unknown keywords, types without `type`, `required` names not in
 * `properties` all fail compilation), union types allowed, all errors reported, our keywords declared.
 */
export function createAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
  for (const k of CUSTOM_KEYWORDS) ajv.addKeyword({ keyword: k.keyword, schemaType: k.schemaType });
  return ajv;
}

/**
 * Compiles a whole IDA schema. Throws Ajv's error when the schema is invalid in strict mode.
 * Uses a fresh Ajv unless one is given: an Ajv instance accepts one schema object per `$id`.
 */
export function compileSchema(schema: IdaSchema, ajv: Ajv = createAjv()): ValidateFunction {
  return ajv.compile(schema);
}

/** A compiled property validator, or why the property's subschema does not compile. */
export type PropertyValidator = { ok: true; validate: ValidateFunction } | { ok: false; error: string };

interface ValidatorCache {
  ajv: Ajv;
  byName: Map<string, PropertyValidator>;
}

/** One Ajv and its validators per schema object: all released with the schema. */
const caches = new WeakMap<IdaSchema, ValidatorCache>();

/**
 * The validator of one top-level property's subschema, compiled on first use and cached per schema
 * object. Undefined when the schema has no such property. Never throws: a subschema that does not
 * compile gives `{ ok: false, error }`. Error `instancePath`s are relative to the property's value.
 */
export function getPropertyValidator(schema: IdaSchema, name: string): PropertyValidator | undefined {
  const subschema = getOwn(schema.properties, name);
  if (subschema === undefined) return undefined;
  let cache = caches.get(schema);
  if (cache === undefined) {
    cache = { ajv: createAjv(), byName: new Map() };
    caches.set(schema, cache);
  }
  let validator = cache.byName.get(name);
  if (validator === undefined) {
    try {
      validator = { ok: true, validate: cache.ajv.compile(subschema) };
    } catch (e) {
      validator = { ok: false, error: `Schema of "${name}" does not compile: ${e instanceof Error ? e.message : String(e)}` };
    }
    cache.byName.set(name, validator);
  }
  return validator;
}

/** Ajv's error type, re-exported so callers need no direct Ajv import. */
export type { ErrorObject, ValidateFunction };
