/**
 * Hand-written catalogs for the schema tests. All documentation text here is invented.
 */
import type { Catalog, Documentation, Setting, SettingType } from '../../../server/src/catalog/types';

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
