/**
 * Reads a schema document from disk (a shipped one, or one a user points the extension at)
 * and checks its shape, so a wrong or corrupt file gives one clear message instead of odd behaviour later.
 */
import type { Condition, Layout } from '../catalog/types';
import { readRegularTextFile } from '../common/files';
import { errorMessage, fail, ok, type Result } from '../common/result';
import { createAjv } from './ajv';
import { JSON_SCHEMA_DRAFT_07, schemaId } from './build';
import { SCHEMA_FORMAT_VERSION, type IdaSchema, type SchemaFacts } from './format';
import { MAX_SCHEMA_DEPTH, nestingProblem } from './nesting';

const LAYOUTS: readonly Layout[] = ['oep45', 'platform', 'ida', 'django', 'library'];

/**
 * Largest schema file read: about ten times the largest shipped schema with its documentation.
 * Past it a file is refused before it is read, so `/dev/zero` or a runaway file costs nothing.
 */
export const MAX_SCHEMA_FILE_BYTES = 20 * 1024 * 1024;

/** The problem of a schema without our block, read without an IDA to stand for. */
export const MISSING_FACTS = 'missing "x-openedx-schema" object: this is not an Open edX Config schema';

/** Options of {@link loadSchemaFile}. */
export interface LoadOptions {
  /**
   * Skip the draft-07 meta-schema validation (about 50 ms on a cold start) and the nesting bound. Only for the schemas
   * shipped with the extension, which the test suite compiles in ajv strict mode.
   */
  trusted?: boolean;
  /**
   * The IDA a plain draft-07 schema (no `x-openedx-schema` block) stands for: the one it is mapped
   * to in `openedxConfig.schemas`, or the CLI's `--ida`. Without it such a schema is refused.
   */
  ida?: string;
}

/**
 * Reads and checks a schema file. Required: a JSON object whose `x-openedx-schema` has an integer
 * `formatVersion` this code reads and a non-empty `ida`, and whose `properties` is an object of
 * objects; `$schema`, when present, must be draft-07; the whole must be a valid draft-07 schema
 * nested at most {@link MAX_SCHEMA_DEPTH} levels deep.
 * Missing optional parts (`$id`, `title`, `required`, counts, …) are filled in. Only a regular file
 * of at most {@link MAX_SCHEMA_FILE_BYTES} is read. Never throws: a failure's message names the
 * file and the first thing wrong with it.
 */
export function loadSchemaFile(path: string, options: LoadOptions = {}): Result<IdaSchema> {
  const read = readRegularTextFile(path, MAX_SCHEMA_FILE_BYTES);
  if (!read.ok) return fail(`${path}: cannot read the schema file: ${read.error}`);
  const result = parseSchemaText(read.value, options);
  return result.ok ? result : fail(`${path}: ${result.error}`);
}

/** {@link loadSchemaFile} on text already read; messages do not name a file. Never throws. */
export function parseSchemaText(text: string, options: LoadOptions = {}): Result<IdaSchema> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail(`not valid JSON${jsonErrorPlace(text, e)}`);
  }
  const plain = isRecord(data) && data['x-openedx-schema'] === undefined && options.ida !== undefined;
  if (plain) data = asOpenedxSchema(data as Record<string, unknown>, options.ida as string);
  const problem = shapeProblem(data) ?? (options.trusted ? undefined : nestingProblem(data, MAX_SCHEMA_DEPTH));
  if (problem !== undefined) return fail(problem);
  const ajv = options.trusted ? undefined : createAjv();
  if (ajv && !ajv.validateSchema(data as object)) {
    const first = ajv.errors?.[0];
    return fail(`not a valid JSON Schema (draft-07): ${first ? `${first.instancePath || '/'} ${first.message ?? ''}`.trim() : 'unknown reason'}`);
  }
  const schema = normalize(data as Record<string, unknown> & { properties: IdaSchema['properties'] });
  if (plain) plainUnknownKeys(schema);
  const facts = schema['x-openedx-schema'];
  readConditions(schema.properties, facts.formatVersion < 2);
  // The document now holds version 2 conditions: whoever writes it out again must not say 1.
  facts.formatVersion = SCHEMA_FORMAT_VERSION;
  return ok(schema);
}

/**
 * A plain draft-07 schema read as ours: an `x-openedx-schema` block naming the IDA it is mapped
 * to, and no `properties` taken as none. A copy: the parsed document is left as it was.
 */
function asOpenedxSchema(data: Record<string, unknown>, ida: string): Record<string, unknown> {
  return { ...data, properties: data.properties ?? {}, 'x-openedx-schema': { formatVersion: SCHEMA_FORMAT_VERSION, ida, generator: 'plain JSON Schema' } };
}

/**
 * Unknown keys of a plain schema follow JSON Schema's `additionalProperties`: reported only where
 * it is `false` (our own schemas report them everywhere a mapping lists its keys). The original
 * top-level value is read before {@link normalize} sets it.
 */
function plainUnknownKeys(schema: IdaSchema, additional: unknown = schema['x-openedx-schema'].plainAdditionalProperties): void {
  if (additional !== false) schema['x-openedx-schema'].unknownKeys = 'ignored';
  delete schema['x-openedx-schema'].plainAdditionalProperties;
  const walk = (properties: unknown, depth: number): void => {
    if (!isRecord(properties) || depth > MAX_SCHEMA_DEPTH) return;
    for (const prop of Object.values(properties)) {
      if (!isRecord(prop)) continue;
      if (isRecord(prop.properties) && prop.additionalProperties !== false) {
        prop['x-openedx'] = { ...(isRecord(prop['x-openedx']) ? prop['x-openedx'] : {}), freeFormKeys: true };
      }
      // The unknown-key rule reports these keys, one by one: the type check would report the mapping again.
      if (prop.additionalProperties === false) delete prop.additionalProperties;
      walk(prop.properties, depth + 1);
    }
  };
  walk(schema.properties, 0);
}

/** Version 1 wrote a condition as its source text, and only in this form: setting names joined by ` or ` / ` and `. */
const V1_CONDITION = /^[A-Z][A-Z0-9_]*(\s+(or|and)\s+[A-Z][A-Z0-9_]*)*$/;

/**
 * Checks the `condition` of every `conditional` role, at every depth, in place (the document was
 * just parsed): a role whose condition is not a {@link Condition} is dropped, since the language
 * service walks conditions without checking them. With `v1`, the condition's text is first turned
 * into the structure; a text not in {@link V1_CONDITION}'s form drops its role (no version 1
 * reader could judge it, so it was never reported).
 */
function readConditions(properties: unknown, v1: boolean): void {
  if (!isRecord(properties)) return;
  for (const prop of Object.values(properties)) {
    if (!isRecord(prop)) continue;
    const facts = prop['x-openedx'];
    if (isRecord(facts) && Array.isArray(facts.roles)) {
      facts.roles = facts.roles.flatMap((role: unknown): unknown[] => {
        if (!isRecord(role) || role.kind !== 'conditional') return [role];
        const condition = v1 ? (typeof role.condition === 'string' ? v1Condition(role.condition) : undefined) : role.condition;
        return isCondition(condition) ? [{ ...role, condition }] : [];
      });
    }
    readConditions(prop.properties, v1);
  }
}

/** `A or B and C` as Python reads it: `and` binds tighter, so the text splits on `or` first. */
function v1Condition(text: string): Condition | undefined {
  if (!V1_CONDITION.test(text)) return undefined;
  const junction = (kind: 'and' | 'or', operands: Condition[]): Condition => (operands.length === 1 ? operands[0] : { kind, operands });
  return junction(
    'or',
    text.split(/\s+or\s+/).map((part) => junction('and', part.split(/\s+and\s+/).map((name): Condition => ({ kind: 'name', name })))),
  );
}

/** The first shape problem of a parsed document, or undefined. */
function shapeProblem(data: unknown): string | undefined {
  if (!isRecord(data)) return 'expected a JSON object (an Open edX Config schema document)';
  if (data.$schema !== undefined && data.$schema !== JSON_SCHEMA_DRAFT_07 && data.$schema !== JSON_SCHEMA_DRAFT_07.slice(0, -1)) {
    return `not a draft-07 JSON Schema: "$schema" is ${JSON.stringify(data.$schema)}${draftName(data.$schema)}; only draft-07 (${JSON.stringify(JSON_SCHEMA_DRAFT_07)}) is read`;
  }
  const facts = data['x-openedx-schema'];
  if (!isRecord(facts)) return MISSING_FACTS;
  const version = facts.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return '"x-openedx-schema.formatVersion" must be a positive integer';
  if (version > SCHEMA_FORMAT_VERSION) return `format version ${version} is newer than this extension reads (${SCHEMA_FORMAT_VERSION}); update the extension`;
  if (typeof facts.ida !== 'string' || facts.ida.length === 0) return '"x-openedx-schema.ida" must be a non-empty string';
  if (data.type !== undefined && data.type !== 'object') return 'the top-level "type" must be "object"';
  if (!isRecord(data.properties)) return '"properties" must be an object mapping setting names to schemas';
  for (const [name, sub] of Object.entries(data.properties)) {
    if (!isRecord(sub)) return `"properties.${name}" must be an object`;
    if (sub['x-openedx'] !== undefined && !isRecord(sub['x-openedx'])) return `"properties.${name}.x-openedx" must be an object`;
  }
  const required = data.required;
  if (required !== undefined && (!Array.isArray(required) || !required.every((r) => typeof r === 'string'))) return '"required" must be an array of setting names';
  const missing = (required ?? []).find((r: string) => !Object.hasOwn(data.properties as object, r));
  if (missing !== undefined) return `"required" names ${JSON.stringify(missing)}, which is not in "properties"`;
  return undefined;
}

/** ` (JSON Schema 2020-12)` for a known meta-schema URI, else nothing. */
function draftName(uri: unknown): string {
  const match = typeof uri === 'string' ? /json-schema\.org\/(?:draft\/(\d{4}-\d{2})|draft-0?(\d+))\/schema#?$/.exec(uri) : null;
  if (match === null) return '';
  return match[1] !== undefined ? ` (JSON Schema ${match[1]})` : ` (JSON Schema draft-0${match[2]})`;
}

/** Fills in what a hand-written schema may leave out, so consumers can rely on {@link IdaSchema}. */
function normalize(data: Record<string, unknown> & { properties: IdaSchema['properties'] }): IdaSchema {
  const facts = data['x-openedx-schema'] as Partial<SchemaFacts> & { ida: string; formatVersion: number };
  const ida = facts.ida;
  const filledFacts: SchemaFacts = {
    formatVersion: facts.formatVersion,
    ida,
    layout: LAYOUTS.includes(facts.layout as Layout) ? (facts.layout as Layout) : 'ida',
    source: isRecord(facts.source) && Array.isArray(facts.source.files) ? facts.source : { files: [] },
    factsOnly: typeof facts.factsOnly === 'boolean' ? facts.factsOnly : true,
    yaml: isRecord(facts.yaml) ? facts.yaml : {},
    generator: typeof facts.generator === 'string' ? facts.generator : 'unknown',
    counts: isRecord(facts.counts) ? facts.counts : { settings: Object.keys(data.properties).length, documented: 0, typed: 0, computed: 0, required: 0, problems: 0 },
    problems: Array.isArray(facts.problems) ? facts.problems : [],
    ...(Array.isArray(facts.packages) ? { packages: facts.packages.filter((p) => isRecord(p) && typeof p.name === 'string') } : {}),
    ...(facts.generator === 'plain JSON Schema' ? { plainAdditionalProperties: data.additionalProperties } : {}),
  };
  return {
    ...data,
    $schema: JSON_SCHEMA_DRAFT_07,
    $id: typeof data.$id === 'string' ? data.$id : schemaId(ida),
    title: typeof data.title === 'string' ? data.title : `Open edX configuration: ${ida}`,
    type: 'object',
    properties: data.properties,
    required: Array.isArray(data.required) ? (data.required as string[]) : [],
    additionalProperties: true,
    'x-openedx-schema': filledFacts,
  };
}

/** Whether a value read from a file is a {@link Condition}, at every depth. */
function isCondition(value: unknown): value is Condition {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'name':
      return typeof value.name === 'string';
    case 'not':
      return isCondition(value.operand);
    case 'and':
    case 'or':
      return Array.isArray(value.operands) && value.operands.every(isCondition);
    case 'literal':
      return value.value === null || ['boolean', 'number', 'string'].includes(typeof value.value);
    default:
      return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * ` at line L, column C` of a JSON.parse failure, or nothing. Only the position is read from the
 * error: its message quotes the text around it, and a schema path pointed at another file
 * (`/etc/shadow`) would put that file's content in the log.
 */
function jsonErrorPlace(text: string, e: unknown): string {
  const position = e instanceof Error ? /\bat position (\d+)/.exec(e.message)?.[1] : undefined;
  if (position === undefined) return /end of JSON input/.test(errorMessage(e)) ? ' (it ends too early)' : '';
  const offset = Math.min(Number(position), text.length);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return ` at line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}
