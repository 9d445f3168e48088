/**
 * Ajv set-up for our schemas: strict mode, with our extension keywords declared, and lazily
 * compiled, cached validators per top-level property (the language server validates entry by entry).
 */
import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { errorMessage, fail, ok, type Result } from '../common/result';
import type { IdaSchema } from './format';
import { defineOwn, getOwn } from './own';
import { safeRegExp } from './regex';
import { unsupportedReason } from './unsupported';

/** Keywords of ours that strict mode must accept (they carry data, never validate). */
export const CUSTOM_KEYWORDS = [
  { keyword: 'x-openedx', schemaType: 'object' },
  { keyword: 'x-openedx-schema', schemaType: 'object' },
  { keyword: 'markdownDescription', schemaType: 'string' },
] as const;

/**
 * A new Ajv instance: strict mode (unknown keywords, type-specific keywords without their `type`, `required` names not in
 * `properties` all fail compilation), union types allowed, all errors reported, our keywords declared, and
 * patterns run on RE2 (linear time, whatever a schema file's patterns are: `regex.ts`).
 */
export function createAjv(): Ajv {
  // Loaded on first use: most documents never need a compiled validator (values that conform are
  // recognised without one, and shipped schemas are not meta-validated), and loading Ajv at start-up
  // costs the language server tens of milliseconds and megabytes before its first diagnostics.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deferred load has to be a require() call
  const AjvClass = (require('ajv') as typeof import('ajv')).default;
  const ajv = new AjvClass({ strict: true, allowUnionTypes: true, allErrors: true, code: { regExp: safeRegExp } });
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

interface ValidatorCache {
  ajv: Ajv;
  /** A compiled validator, or why the property's subschema does not compile (cached too: it will not compile next time either). */
  byName: Map<string, Result<ValidateFunction>>;
  /** Validators by the validating part of a subschema: properties of the same shape share one. */
  byShape: Map<string, Result<ValidateFunction>>;
}

/** One Ajv and its validators per schema object: all released with the schema. */
const caches = new WeakMap<IdaSchema, ValidatorCache>();

/** Keywords that never affect validation: dropped before compiling, so that equal shapes compile once. */
const ANNOTATIONS: ReadonlySet<string> = new Set(['default', 'description', 'markdownDescription', 'deprecated', 'title', 'examples', '$comment', 'x-openedx']);

/**
 * The validator of one top-level property's subschema, compiled on first use and cached per schema
 * object (properties whose subschemas differ only in annotations share one validator). Undefined
 * when the schema has no such property. Never throws: a subschema that does not compile gives
 * a failed {@link Result}. Error `instancePath`s are relative to the property's value.
 */
export function getPropertyValidator(schema: IdaSchema, name: string): Result<ValidateFunction> | undefined {
  const subschema = getOwn(schema.properties, name);
  if (subschema === undefined) return undefined;
  let cache = caches.get(schema);
  if (cache === undefined) {
    cache = { ajv: createAjv(), byName: new Map(), byShape: new Map() };
    caches.set(schema, cache);
  }
  let validator = cache.byName.get(name);
  if (validator === undefined) {
    const shape = withoutAnnotations(subschema);
    const key = JSON.stringify(shape);
    validator = cache.byShape.get(key) ?? compileShape(cache.ajv, shape, name);
    cache.byShape.set(key, validator);
    cache.byName.set(name, validator);
  }
  return validator;
}

function compileShape(ajv: Ajv, shape: unknown, name: string): Result<ValidateFunction> {
  const unsupported = unsupportedReason(shape);
  if (unsupported !== undefined) return fail(`Schema of "${name}" is not used: ${unsupported}`);
  try {
    // Ajv's compile() takes a schema object; `shape` is a plain JSON copy of a property subschema.
    return ok(ajv.compile(shape as object));
  } catch (e) {
    return fail(`Schema of "${name}" does not compile: ${errorMessage(e)}`);
  }
}

/**
 * A copy of a subschema without annotation keywords, at every depth. The maps of names under
 * `properties` (and similar keywords) are kept whole: their keys are data, not keywords.
 */
function withoutAnnotations(value: unknown, isNameMap = false): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutAnnotations(v));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!isNameMap && ANNOTATIONS.has(key)) continue;
    if (!isNameMap && DATA_KEYWORDS.has(key)) {
      defineOwn(out, key, v);
      continue;
    }
    const childIsNameMap = !isNameMap && NAME_MAPS.has(key);
    defineOwn(out, key, isNameMap ? withoutAnnotations(v) : withoutAnnotations(v, childIsNameMap));
  }
  return out;
}

/** Keywords whose value is instance data, copied untouched. */
const DATA_KEYWORDS: ReadonlySet<string> = new Set(['enum', 'const']);

/** Keywords whose value maps names to subschemas. */
const NAME_MAPS: ReadonlySet<string> = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependencies']);

/** Ajv's error type, re-exported so callers need no direct Ajv import. */
export type { ErrorObject, ValidateFunction };
