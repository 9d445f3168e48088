/**
 * What `openedx-config describe` says about one setting name, from a schema: the facts the hover
 * shows (type, default, documentation, definition site, reference link), as one record, plus the
 * hover's own Markdown. Unknown names get the unknown-key rule's message, with the suggestion the
 * language service makes for a misspelled key.
 */
import type { JsonValue } from '../catalog/types';
import type { IdaSchema } from '../schema/format';
import { renderPropertyMarkdown, typeText } from '../service/markdown';
import { originOf } from '../service/origin';
import { RULES } from '../service/rules';
import { schemaIndex, type SchemaIndex, type ValuePath } from '../service/schemaIndex';

/** Where a description comes from: live sources, a shipped schema with its downloaded documentation, the shipped facts, a schema file. */
export type DescribeSource = 'live' | 'documentation' | 'shipped' | 'user';

/** A link of a setting: where it is defined, or its framework's reference documentation. */
export interface SettingLink {
  kind: 'definition' | 'reference';
  url: string;
}

/** One setting as `describe --format json` prints it. */
export interface SettingDescription {
  /** The name as asked (dotted for nested keys). */
  name: string;
  known: boolean;
  ida: string;
  /** Null for unknown names. */
  source: DescribeSource | null;
  /** `string`, `integer | null`, `mapping`, `computed`, … ; null for unknown names. */
  type: string | null;
  /** The default as a JSON value; null when there is none (or it is null). */
  default: JsonValue | null;
  /** The default's Python source text, when the schema keeps it (computed defaults). */
  defaultPython: string | null;
  description: string | null;
  /** `file:line` of the definition. */
  origin: string | null;
  /** The base layer the setting comes from (`django`), or null for the IDA's own settings. */
  layer: string | null;
  links: SettingLink[];
  /** Unknown names: the closest known name, or null. */
  suggestion: string | null;
  /** Unknown names: what the editor says of such a key. */
  message: string | null;
}

/** A setting's record and the Markdown the hover shows for it. */
export interface DescribedSetting {
  json: SettingDescription;
  markdown: string;
}

/**
 * Describes `name` (`PLATFORM_NAME`, `DATABASES.default.ENGINE`, `LIST[].KEY` for list items) in
 * `schema`, whose properties come from `source`.
 */
export function describeSetting(name: string, ida: string, schema: IdaSchema, source: DescribeSource): DescribedSetting {
  const index = schemaIndex(schema);
  const resolved = index.resolve(valuePath(name));
  if (resolved === undefined) return unknownSetting(name, ida, index);
  const { prop } = resolved;
  const facts = prop['x-openedx'];
  const site = originOf(prop, schema);
  const links: SettingLink[] = [];
  const definition = site?.uri !== undefined ? `${site.uri}#L${site.line + 1}` : site?.webUrl;
  if (definition !== undefined) links.push({ kind: 'definition', url: definition });
  // Only https links: the reference URL is data from a schema file, and the hover shows no other.
  if (facts?.reference !== undefined && /^https:\/\//.test(facts.reference)) links.push({ kind: 'reference', url: facts.reference });
  const json: SettingDescription = {
    name,
    known: true,
    ida,
    source,
    type: typeText(prop),
    default: prop.default ?? null,
    defaultPython: facts?.defaultText ?? null,
    description: prop.description ?? facts?.doc?.description ?? null,
    origin: site?.label ?? null,
    layer: facts?.origin.layer ?? null,
    links,
    suggestion: null,
    message: null,
  };
  const shownName = resolved.viaFeatures === undefined ? resolved.name : `FEATURES.${resolved.viaFeatures}`;
  return { json, markdown: renderPropertyMarkdown(shownName, prop, schema) };
}

/**
 * An unknown name, with the suggestion and message the language service gives such a key: the
 * first key of the dotted name that is not known, with the closest key of its parent (of the
 * top-level settings when it is the first). The suggestion is the whole name with that key replaced.
 */
function unknownSetting(name: string, ida: string, index: SchemaIndex): DescribedSetting {
  const parts = name.split('.');
  let at = parts.length - 1;
  let parent = at > 0 ? index.resolve(valuePath(parts.slice(0, at).join('.'))) : undefined;
  while (at > 0 && parent === undefined) {
    at--;
    parent = at > 0 ? index.resolve(valuePath(parts.slice(0, at).join('.'))) : undefined;
  }
  const key = parts[at].replace(/(\[\])+$/, '');
  const near = parent === undefined ? index.suggest(key) : index.suggestNested(parent.prop, key);
  const message = RULES['unknown-key'].message({ key, ida, ...(parent !== undefined ? { parent: parent.name } : {}), ...(near !== undefined ? { suggestion: near } : {}) });
  const suggestion = near === undefined ? undefined : [...(parent !== undefined ? [parent.name] : []), near, ...parts.slice(at + 1)].join('.');
  const json: SettingDescription = {
    name,
    known: false,
    ida,
    source: null,
    type: null,
    default: null,
    defaultPython: null,
    description: null,
    origin: null,
    layer: null,
    links: [],
    suggestion: suggestion ?? null,
    message,
  };
  return { json, markdown: message };
}

/**
 * The path of a dotted name: `A.B.C` → `['A', 'B', 'C']`; `LIST[].KEY` → `['LIST', 0, 'KEY']`
 * (any item of a list has the item schema).
 */
export function valuePath(name: string): ValuePath {
  const path: Array<string | number> = [];
  for (const part of name.split('.')) {
    const items = /((?:\[\])+)$/.exec(part);
    path.push(items === null ? part : part.slice(0, -items[1].length));
    for (let i = 0; items !== null && i < items[1].length / 2; i++) path.push(0);
  }
  return path;
}
