/**
 * Hand-written catalogs for the schema tests. All documentation text here is invented.
 */
import type { Catalog, Documentation, Layout, Setting, SettingType } from '../../../server/src/catalog/types';
import type { IdaSchema, PropertySchema } from '../../../server/src/schema/format';

/** A `json` type. */
export function json(types: SettingType['types'], nullable = false, from: SettingType['from'] = 'literal'): SettingType {
  return { kind: 'json', types, nullable, from };
}

/** A setting at `line` of `demo/settings/defaults.py`, with the given extras. */
export function setting(name: string, line: number, extra: Partial<Setting> = {}): Setting {
  return {
    name,
    path: [name],
    type: { kind: 'unknown', types: [], nullable: true, from: 'none' },
    origin: { file: 'demo/settings/defaults.py', line, column: 0 },
    roles: [],
    ...extra,
  };
}

/** An annotation-style documentation block. */
export function doc(description: string, fields: Record<string, string>, line: number, annotationKind: 'setting' | 'toggle' = 'setting'): Documentation {
  return { source: 'annotation', description, annotationKind, fields, line };
}

/** A catalog of the given settings. */
export function catalog(settings: Setting[], extra: Partial<Catalog> = {}): Catalog {
  return {
    ida: 'demo',
    layout: 'oep45',
    root: '/src/demo',
    settings,
    problems: [],
    files: ['demo/settings/__init__.py', 'demo/settings/defaults.py'],
    yaml: { envVar: 'DEMO_CFG', module: 'demo/settings/__init__.py', line: 12 },
    ...extra,
  };
}

/** A built schema document written by hand: `properties` as given, facts for `<ida>.py`, `extra` over its `x-openedx-schema`. */
export function schemaDocument(ida: string, properties: Record<string, PropertySchema>, required: string[] = [], layout: Layout = 'ida', extra: Partial<IdaSchema['x-openedx-schema']> = {}): IdaSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `openedx-config:${ida}`,
    title: ida,
    type: 'object',
    additionalProperties: true,
    required,
    properties,
    'x-openedx-schema': {
      formatVersion: 1,
      ida,
      layout,
      source: { files: [`${ida}.py`] },
      factsOnly: false,
      yaml: {},
      generator: 'test',
      counts: { settings: Object.keys(properties).length, documented: 0, typed: 0, computed: 0, required: required.length, problems: 0 },
      problems: [],
      ...extra,
    },
  };
}
