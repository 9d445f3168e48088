/**
 * Small inline IdaSchema objects for tests: `schemaOf({ PORT: prop('integer', { default: 8000 }) })`.
 */
import type { IdaSchema, PropertyFacts, PropertySchema } from '../../server/src/schema/format';

/** Options of {@link prop}: schema keywords plus `facts` merged into `x-openedx`. */
export type PropOptions = Omit<PropertySchema, 'type' | 'x-openedx'> & { facts?: Partial<PropertyFacts> };

/** A property of JSON type(s) `type` (omit for a computed/unknown setting via `facts.typeKind`). */
export function prop(type: PropertySchema['type'] | undefined, options: PropOptions = {}): PropertySchema {
  const { facts, ...rest } = options;
  const out: PropertySchema = {
    ...rest,
    'x-openedx': {
      origin: { file: 'demo/settings/base.py', line: 12, column: 0 },
      typeKind: type === undefined ? 'unknown' : 'json',
      typeFrom: type === undefined ? 'none' : 'literal',
      ...facts,
    },
  };
  if (type !== undefined) out.type = type;
  return out;
}

/** A whole schema for IDA `ida` (default `demo`) with these properties. */
export function schemaOf(properties: Record<string, PropertySchema>, options: { ida?: string; required?: string[]; root?: string } = {}): IdaSchema {
  const ida = options.ida ?? 'demo';
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://openedx-config.test/${ida}.json`,
    title: `${ida} settings`,
    type: 'object',
    properties,
    required: options.required ?? [],
    additionalProperties: true,
    'x-openedx-schema': {
      formatVersion: 1,
      ida,
      layout: 'oep45',
      source: { ...(options.root === undefined ? {} : { root: options.root }), files: ['demo/settings/base.py'] },
      factsOnly: false,
      yaml: { envVar: 'DEMO_CFG' },
      generator: 'test',
      counts: { settings: Object.keys(properties).length, documented: 0, typed: 0, computed: 0, required: 0, problems: 0 },
      problems: [],
    },
  };
}
