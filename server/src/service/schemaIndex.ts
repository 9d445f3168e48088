/**
 * What the language service needs from a schema, computed once per schema object and cached:
 * property lookup (own properties only), required keys, name suggestions, and path resolution
 * through nested properties, list items and the `FEATURES` proxy.
 */
import type { IdaSchema, PropertyFacts, PropertySchema } from '../schema/format';
import { getOwn } from '../schema/own';
import { roleOf, rolesOf } from '../schema/roles';
import { SuggestionIndex } from './suggest';

/** A step into a value: a mapping key or a list index. */
export type ValuePath = ReadonlyArray<string | number>;

/** A required top-level key and why. */
export interface RequiredKey {
  readonly name: string;
  readonly reason?: string;
}

/** A property found for a path. */
export interface ResolvedProperty {
  /** The property subschema. */
  readonly prop: PropertySchema;
  /** Dotted display name (`JWT_AUTH.JWT_ISSUER`, `AUTH_PASSWORD_VALIDATORS[].NAME`). */
  readonly name: string;
  /** The top-level setting the path starts at. */
  readonly topLevel: string;
  /** Set when the path is a `FEATURES` entry that stands for the top-level setting of this name. */
  readonly viaFeatures?: string;
}

/** Cached per-schema facts. */
export class SchemaIndex {
  readonly ida: string;
  readonly names: readonly string[];
  readonly required: readonly RequiredKey[];
  /** False for a plain JSON Schema whose top level allows additional properties (`SchemaFacts.unknownKeys`). */
  readonly reportsUnknownKeys: boolean;
  private suggestionIndex?: SuggestionIndex;
  private readonly nested = new WeakMap<PropertySchema, SuggestionIndex>();

  constructor(readonly schema: IdaSchema) {
    this.ida = schema['x-openedx-schema']?.ida ?? 'this service';
    this.names = Object.keys(schema.properties ?? {});
    this.reportsUnknownKeys = schema['x-openedx-schema']?.unknownKeys !== 'ignored';
    const required = new Map<string, RequiredKey>();
    for (const name of schema.required ?? []) required.set(name, { name, reason: this.facts(name)?.required?.reason });
    for (const name of this.names) {
      const reason = this.facts(name)?.required?.reason;
      if (reason !== undefined && !required.has(name)) required.set(name, { name, reason });
    }
    this.required = [...required.values()];
  }

  /** The top-level property `name` (own properties only: `constructor` is not a setting). */
  property(name: string): PropertySchema | undefined {
    return getOwn(this.schema.properties ?? {}, name);
  }

  /** The `x-openedx` facts of top-level property `name`. */
  facts(name: string): PropertyFacts | undefined {
    return this.property(name)?.['x-openedx'];
  }

  /** Whether `name` is a required top-level key. */
  isRequired(name: string): boolean {
    return this.required.some((r) => r.name === name);
  }

  /** Closest top-level setting name to a misspelled `name`. */
  suggest(name: string): string | undefined {
    this.suggestionIndex ??= new SuggestionIndex(this.names);
    return this.suggestionIndex.suggest(name);
  }

  /** Closest nested key of `prop` to a misspelled `key`. */
  suggestNested(prop: PropertySchema, key: string): string | undefined {
    let index = this.nested.get(prop);
    if (index === undefined) {
      index = new SuggestionIndex(Object.keys(prop.properties ?? {}));
      this.nested.set(prop, index);
    }
    return index.suggest(key);
  }

  /** Resolves a path of keys and list indexes to a property. */
  resolve(path: ValuePath): ResolvedProperty | undefined {
    const [head, ...rest] = path;
    if (typeof head !== 'string') return undefined;
    const top = this.property(head);
    if (top === undefined) return undefined;
    let prop: PropertySchema = top;
    let name = head;
    let viaFeatures: string | undefined;
    for (let i = 0; i < rest.length; i++) {
      const step = rest[i];
      if (typeof step === 'number') {
        if (prop.items === undefined) return undefined;
        prop = prop.items;
        name += '[]';
        continue;
      }
      const child = prop.properties !== undefined ? getOwn(prop.properties, step) : undefined;
      if (child !== undefined) {
        prop = child;
        name += `.${step}`;
        continue;
      }
      if (i === 0 && isFeaturesProxy(head, top)) {
        const target = this.property(step);
        if (target === undefined) return undefined;
        prop = target;
        name = step;
        viaFeatures = step;
        continue;
      }
      return undefined;
    }
    return viaFeatures === undefined ? { prop, name, topLevel: head } : { prop, name, topLevel: head, viaFeatures };
  }
}

const indexes = new WeakMap<IdaSchema, SchemaIndex>();

/** The (cached) index of `schema`. */
export function schemaIndex(schema: IdaSchema): SchemaIndex {
  let index = indexes.get(schema);
  if (index === undefined) {
    index = new SchemaIndex(schema);
    indexes.set(schema, index);
  }
  return index;
}

export { roleOf, rolesOf };

/**
 * Whether a dict setting's entries stand for top-level settings of the same names. `FEATURES`
 * became such a proxy (`FeaturesProxy(globals())`) and its YAML entries set top-level settings;
 * a `spread` role says the same of other dicts. A `FEATURES` with documented nested keys is the
 * older plain dict.
 */
export function isFeaturesProxy(name: string, prop: PropertySchema): boolean {
  if (roleOf(prop, 'spread') !== undefined) return true;
  return name === 'FEATURES' && prop.properties === undefined;
}

/** Whether unknown keys below `prop` are reported (never in free-form dicts). */
export function checksNestedKeys(prop: PropertySchema): boolean {
  return prop['x-openedx']?.freeFormKeys !== true && prop.properties !== undefined && Object.keys(prop.properties).length > 0;
}

/** Whether the type of a property is known (`computed`/`unknown` types are never checked). */
export function hasKnownType(prop: PropertySchema): boolean {
  const kind = prop['x-openedx']?.typeKind;
  return kind === undefined || kind === 'json';
}

const SECRET_NAME = /SECRET|PASSWORD|PASSWD|PRIVATE|TOKEN|_KEY$|^KEY$/i;

/**
 * Names ending in `_KEY` that hold no secret: Celery routing keys (queue names:
 * `ACE_ROUTING_KEY = 'edx.lms.core.default'`), public keys, cookie names
 * (`AFFILIATE_COOKIE_KEY`), experiment keys. A real tutor `lms.env.yml` keeps
 * `ACE_ROUTING_KEY` at its default, rightly.
 */
const NOT_SECRET_KEY = /(ROUTING|PUBLIC|COOKIE|EXPERIMENT)_KEY$/i;

/** Names whose values never appear in a message: broader than {@link isSecretName}, since hiding costs little. */
const VALUE_HIDING_NAME = /SECRET|PASSW|PRIVATE|TOKEN|KEY|CREDENTIAL|SALT|DSN/i;

/**
 * Whether a setting's value must stay out of messages: some part of its path (`JWT_AUTH.JWT_SECRET_KEY`,
 * `DATABASES.default.PASSWORD`) says secret, password, key, token or the like.
 */
export function hidesValue(path: string): boolean {
  return VALUE_HIDING_NAME.test(path);
}

/** Whether a key names a secret (its source default is a placeholder, never a value to offer). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET_KEY.test(name);
}
