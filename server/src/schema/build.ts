/**
 * Builds an IDA's JSON Schema document (draft-07, see docs/schema-format.md) from its setting catalog.
 * Pure and deterministic: the same catalog always gives byte-identical `JSON.stringify` output,
 * whatever the order of its settings, so regenerated shipped schemas diff cleanly.
 */
import type { Catalog, ExtractionProblem, JsonValue, Setting, YamlLoading } from '../catalog/types';
import { copyOrigin, propertyFacts } from './facts';
import { SCHEMA_FORMAT_VERSION, type IdaSchema, type PinnedSource, type PropertySchema, type SchemaFacts, type SchemaSourceLayer } from './format';
import {
  acceptsNull,
  hasFreeFormKeys,
  inferProperties,
  integralMeansInteger,
  isJsonObject,
  schemaTypeOf,
  toSchemaType,
  typesIn,
} from './infer';
import { renderSettingMarkdown } from './markdown';
import { compareCodePoints, defineOwn, getOwn } from './own';

/** The `$schema` of every document we build. */
export const JSON_SCHEMA_DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/** Default for {@link BuildOptions.generator}. */
export const DEFAULT_GENERATOR = 'openedx-config';

/** Options of {@link buildSchema}. */
export interface BuildOptions {
  /** Strip documentation prose (shipped schemas). See docs/schema-format.md, "Facts-only schemas". */
  factsOnly: boolean;
  /** Where the sources came from, for shipped schemas. When given, the local `root` paths are left out. */
  source?: { repo?: string; commit?: string; date?: string; pinned?: PinnedSource[] };
  /** Name (and version) of the tool that built the schema. Default {@link DEFAULT_GENERATOR}. */
  generator?: string;
}

/** The `$id` of an IDA's schema. */
export function schemaId(ida: string): string {
  return `openedx-config:${ida}`;
}

/** Builds the schema document of one catalog. */
export function buildSchema(catalog: Catalog, options: BuildOptions): IdaSchema {
  const settings = lastDefinitionOfEachPath(catalog.settings);
  const children = documentedChildren(settings);
  const properties: Record<string, PropertySchema> = {};
  const nested: Setting[] = [];
  for (const setting of settings) {
    if (setting.path.length > 1) nested.push(setting);
    else defineOwn(properties, setting.name, settingSchema(setting, options.factsOnly, children));
  }
  nested.sort((a, b) => a.path.length - b.path.length);
  for (const setting of nested) insertNested(properties, setting, options.factsOnly, children);

  const required = settings.filter((s) => s.path.length === 1 && s.required).map((s) => s.name);
  return {
    $schema: JSON_SCHEMA_DRAFT_07,
    $id: schemaId(catalog.ida),
    title: `Open edX configuration: ${catalog.ida}`,
    'x-openedx-schema': schemaFacts(catalog, settings, options),
    type: 'object',
    additionalProperties: true,
    required: sortedUnique(required),
    properties: canonicalProperties(properties),
  };
}

/** Settings keyed by path; a later definition of the same path replaces an earlier one (as in Python). */
function lastDefinitionOfEachPath(settings: readonly Setting[]): Setting[] {
  const byPath = new Map<string, Setting>();
  for (const s of settings) {
    const path = s.path.length > 0 ? s.path : [s.name];
    const key = pathKey(path);
    byPath.delete(key);
    byPath.set(key, path === s.path ? s : { ...s, path });
  }
  return [...byPath.values()];
}

/** For each path prefix, the paths (relative to it) of documented keys below it. */
function documentedChildren(settings: readonly Setting[]): Map<string, string[][]> {
  const children = new Map<string, string[][]>();
  for (const s of settings) {
    for (let i = 1; i < s.path.length; i++) {
      const key = pathKey(s.path.slice(0, i));
      const list = children.get(key) ?? [];
      list.push(s.path.slice(i));
      children.set(key, list);
    }
  }
  return children;
}

function pathKey(path: readonly string[]): string {
  return JSON.stringify(path);
}

/** The subschema of one catalog setting (its documented keys are inserted later). */
function settingSchema(setting: Setting, factsOnly: boolean, children: Map<string, string[][]>): PropertySchema {
  const schema: PropertySchema = {};
  const type = schemaTypeOf(setting.type, setting.default, setting.defaultText);
  if (type !== undefined) schema.type = type;
  // Long texts in defaults (email templates, prompts) are upstream prose, not facts to ship.
  const omitDefault = factsOnly && hasLongText(setting.default);
  const defaultValue = omitDefault ? undefined : setting.default;
  if (defaultValue !== undefined) schema.default = defaultValue;
  if (!factsOnly) {
    const description = setting.doc?.description.trim();
    if (description) schema.description = description;
    const markdown = renderSettingMarkdown({ description, fields: setting.doc?.fields, roles: setting.roles });
    if (markdown) schema.markdownDescription = markdown;
  }
  if (setting.roles.some((r) => r.kind === 'deprecated')) schema.deprecated = true;

  const documentedKeyPaths = children.get(pathKey(setting.path)) ?? [];
  if (documentedKeyPaths.length > 0) ensureObject(schema, setting.type.nullable);
  const isDict = typesIn(schema.type).includes('object');
  const freeForm = isDict && hasFreeFormKeys({ name: setting.path.length === 1 ? setting.name : undefined, defaultValue: setting.default, documentedKeyPaths });
  if (isDict && isJsonObject(defaultValue) && Object.keys(defaultValue).length > 0) {
    schema.properties = inferProperties(defaultValue, { deep: !freeForm, integralIsInteger: integralMeansInteger(setting.defaultText) });
  }
  schema['x-openedx'] = propertyFacts(setting, factsOnly, freeForm);
  if (omitDefault) schema['x-openedx'].defaultOmitted = true;
  return schema;
}

/** Longest string kept inside a default in facts-only schemas. */
export const FACTS_ONLY_MAX_DEFAULT_STRING = 160;

/** Whether a default holds a string longer than {@link FACTS_ONLY_MAX_DEFAULT_STRING} anywhere inside it. */
export function hasLongText(value: JsonValue | undefined): boolean {
  if (typeof value === 'string') return value.length > FACTS_ONLY_MAX_DEFAULT_STRING;
  if (Array.isArray(value)) return value.some(hasLongText);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasLongText);
  return false;
}

/** Makes a subschema describe a dict: adds `object` to its type (or sets it) and gives it `properties`. */
function ensureObject(schema: PropertySchema, nullable: boolean): Record<string, PropertySchema> {
  if (schema.type === undefined) schema.type = toSchemaType(['object'], nullable);
  else if (!typesIn(schema.type).includes('object')) schema.type = toSchemaType([...typesIn(schema.type), 'object'], acceptsNull(schema.type));
  schema.properties ??= {};
  return schema.properties;
}

/** Inserts a documented key (path length > 1) under its parent, creating missing parents. */
function insertNested(properties: Record<string, PropertySchema>, setting: Setting, factsOnly: boolean, children: Map<string, string[][]>): void {
  const [name, ...keys] = setting.path;
  let parent = getOwn(properties, name);
  if (parent === undefined) {
    parent = syntheticParent(setting);
    defineOwn(properties, name, parent);
  }
  // A parent without a type here is synthetic, or was inferred from a `None` inside a dict default: it may be null.
  for (const key of keys.slice(0, -1)) {
    const container = ensureObject(parent, true);
    let next = getOwn(container, key);
    if (next === undefined) {
      next = { type: 'object' };
      defineOwn(container, key, next);
    }
    parent = next;
  }
  const leaf = keys[keys.length - 1];
  const container = ensureObject(parent, true);
  const built = settingSchema(setting, factsOnly, children);
  const inferred = getOwn(container, leaf);
  defineOwn(container, leaf, inferred === undefined ? built : mergeSchemas(inferred, built));
  if (setting.required) parent.required = [...(parent.required ?? []), leaf];
}

/** A top-level property for a documented key whose setting is not in the catalog: a dict we know little of. */
function syntheticParent(child: Setting): PropertySchema {
  return {
    'x-openedx': { origin: copyOrigin(child.origin), typeKind: 'unknown', typeFrom: 'none', freeFormKeys: true },
  };
}

/** A documented key's subschema over the one inferred from its parent's default: documented fields win, properties merge. */
function mergeSchemas(inferred: PropertySchema, documented: PropertySchema): PropertySchema {
  const merged: PropertySchema = { ...inferred, ...documented };
  if (inferred.properties && documented.properties) {
    const properties: Record<string, PropertySchema> = { ...inferred.properties };
    for (const [key, value] of Object.entries(documented.properties)) {
      const base = getOwn(properties, key);
      defineOwn(properties, key, base === undefined ? value : mergeSchemas(base, value));
    }
    merged.properties = properties;
  }
  if (merged.properties && !typesIn(merged.type).includes('object')) ensureObject(merged, false);
  return merged;
}

/** Whole-schema facts, in canonical key order. */
function schemaFacts(catalog: Catalog, settings: readonly Setting[], options: BuildOptions): SchemaFacts {
  const live = options.source === undefined;
  return {
    formatVersion: SCHEMA_FORMAT_VERSION,
    ida: catalog.ida,
    layout: catalog.layout,
    source: {
      ...(live ? { root: catalog.root } : {}),
      ...definedOnly({ repo: options.source?.repo, commit: options.source?.commit, date: options.source?.date }),
      files: [...catalog.files],
      ...(catalog.bases && catalog.bases.length > 0 ? { bases: catalog.bases.map((b): SchemaSourceLayer => ({ ida: b.ida, ...(live ? { root: b.root } : {}), files: [...b.files] })) } : {}),
      ...(options.source?.pinned !== undefined ? { pinned: options.source.pinned.map((p) => ({ ...p })) } : {}),
    },
    factsOnly: options.factsOnly,
    yaml: copyYaml(catalog.yaml),
    generator: options.generator ?? DEFAULT_GENERATOR,
    counts: {
      settings: settings.length,
      documented: settings.filter((s) => s.doc !== undefined).length,
      typed: settings.filter((s) => s.type.kind === 'json').length,
      computed: settings.filter((s) => s.type.kind === 'computed').length,
      required: settings.filter((s) => s.required !== undefined).length,
      problems: catalog.problems.length,
    },
    problems: catalog.problems.map(copyProblem),
  };
}

function copyYaml(yaml: YamlLoading): YamlLoading {
  return definedOnly({ envVar: yaml.envVar, fileName: yaml.fileName, module: yaml.module, line: yaml.line });
}

function copyProblem(p: ExtractionProblem): ExtractionProblem {
  return { code: p.code, message: p.message, file: p.file, line: p.line, column: p.column, ...(p.layer !== undefined ? { layer: p.layer } : {}) };
}

/** Drops keys whose value is undefined, keeping the order of the others. */
function definedOnly<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compareCodePoints);
}

/** A properties map sorted by name, each subschema in canonical key order. */
function canonicalProperties(properties: Record<string, PropertySchema>): Record<string, PropertySchema> {
  const out: Record<string, PropertySchema> = {};
  for (const key of Object.keys(properties).sort(compareCodePoints)) defineOwn(out, key, canonicalSchema(properties[key]));
  return out;
}

/** Rebuilds a subschema in canonical key order. */
function canonicalSchema(schema: PropertySchema): PropertySchema {
  const out: PropertySchema = {};
  if (schema.type !== undefined) out.type = schema.type;
  if (schema.default !== undefined) out.default = schema.default;
  if (schema.enum !== undefined) out.enum = schema.enum;
  if (schema.description !== undefined) out.description = schema.description;
  if (schema.markdownDescription !== undefined) out.markdownDescription = schema.markdownDescription;
  if (schema.deprecated !== undefined) out.deprecated = schema.deprecated;
  if (schema.required !== undefined && schema.required.length > 0) out.required = sortedUnique(schema.required);
  if (schema.properties !== undefined && Object.keys(schema.properties).length > 0) out.properties = canonicalProperties(schema.properties);
  if (schema.items !== undefined) out.items = canonicalSchema(schema.items);
  if (schema['x-openedx'] !== undefined) out['x-openedx'] = schema['x-openedx'];
  return out;
}
