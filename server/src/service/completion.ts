/**
 * Completion: top-level keys not yet set (required ones first), nested keys of dict settings,
 * keys inside FEATURES, and values (booleans, null, enumerations, the default). Items are lean
 * (type and first documentation line); `resolveCompletion` adds the full documentation. The
 * per-schema part of each key item is built once and cached.
 */
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import type { JsonValue } from '../catalog/types';
import type { IdaSchema, PropertySchema } from '../schema/format';
import { getOwn } from '../schema/own';
import { presentKeys, toRange, type YamlModel } from '../yaml';
import { completionContext, type KeyContext, type ValueContext } from './completionContext';
import { firstDocLine, renderPropertyMarkdown, typeText } from './markdown';
import { isFeaturesProxy, isSecretName, schemaIndex, type SchemaIndex, type ValuePath } from './schemaIndex';
import { escapeSnippet, indent, toFlowYaml, toYaml } from './yamlText';

/** What `resolveCompletion` needs (in `CompletionItem.data`, or the list's `itemDefaults.data`): the parent path of the key. */
export interface CompletionData {
  readonly parent: ValuePath;
}

/** How items are shaped for the client. */
export interface CompletionShape {
  /**
   * Whether the client supports `CompletionList.itemDefaults` (`editRange`, `data`): items then
   * carry only `textEditText`, which keeps a 1,500-item answer small on the wire.
   */
  readonly itemDefaults?: boolean;
}

const EMPTY: CompletionList = { isIncomplete: false, items: [] };
const TRIGGER_SUGGEST = { title: 'Suggest values', command: 'editor.action.triggerSuggest' };
const MAX_SNIPPET_LINES = 12;

/** Completion at `position`. */
export function completeAt(model: YamlModel, position: Position, schema: IdaSchema | undefined, shape: CompletionShape = {}): CompletionList {
  if (schema === undefined) return EMPTY;
  const offset = model.lines.offsetAt(position);
  const context = completionContext(model, offset);
  const index = schemaIndex(schema);
  if (context.kind === 'key') {
    const range = toRange(model, context.replace);
    const data: CompletionData = { parent: context.path };
    const { items, isIncomplete } = keyItems(model, context, index, shape.itemDefaults === true ? undefined : { range, data });
    return shape.itemDefaults === true ? { isIncomplete, itemDefaults: { editRange: range, data }, items } : { isIncomplete, items };
  }
  if (context.kind === 'value') return { isIncomplete: false, items: valueItems(model, context, index) };
  return EMPTY;
}

/**
 * Most key items in one answer. Real schemas have fewer than 2,000 settings; a schema extracted
 * from a generated 50,000-line module would otherwise send 10 MB on every keystroke.
 */
const MAX_KEY_ITEMS = 2_000;

/** Key names offered, and whether some were left out. */
interface Offered {
  readonly names: string[];
  readonly isIncomplete: boolean;
}

/**
 * `names`, or when there are too many, those holding the typed `prefix` as a subsequence (all an
 * editor's fuzzy filter could still show), required ones first, cut to {@link MAX_KEY_ITEMS} and
 * marked incomplete, so that the client asks again as the user types.
 */
function offered(names: string[], prefix: string, isRequired: (name: string) => boolean): Offered {
  if (names.length <= MAX_KEY_ITEMS) return { names, isIncomplete: false };
  const wanted = prefix.toLowerCase();
  const matches = (name: string): boolean => {
    const lower = name.toLowerCase();
    let at = 0;
    for (const c of wanted) {
      at = lower.indexOf(c, at) + 1;
      if (at === 0) return false;
    }
    return true;
  };
  const kept = names.filter(matches);
  const ordered = [...kept.filter(isRequired), ...kept.filter((n) => !isRequired(n))];
  return { names: ordered.slice(0, MAX_KEY_ITEMS), isIncomplete: true };
}

/** Adds the documentation of an item from {@link completeAt}. */
export function resolveCompletionItem(item: CompletionItem, schema: IdaSchema | undefined): CompletionItem {
  const data = item.data as CompletionData | undefined;
  if (schema === undefined || data === undefined || !Array.isArray(data.parent)) return item;
  const index = schemaIndex(schema);
  const resolved = index.resolve([...data.parent, item.label]);
  if (resolved === undefined) return item;
  const required = index.required.find((r) => r.name === resolved.name);
  const markdown = renderPropertyMarkdown(resolved.name, resolved.prop, schema, {
    ...(resolved.viaFeatures === undefined ? {} : { viaFeatures: resolved.viaFeatures }),
    ...(required?.reason === undefined ? {} : { requiredReason: required.reason }),
  });
  return { ...item, documentation: { kind: 'markdown', value: markdown } };
}

/** The schema-dependent part of a key item. */
interface KeyTemplate {
  readonly item: CompletionItem;
  /** Text inserted when the line has no `:` yet. */
  readonly insert: string;
  readonly snippet: boolean;
  readonly suggestValues: boolean;
}

/** Templates of key items per property object and required flag (built once per schema). */
const templates = new WeakMap<PropertySchema, KeyTemplate>();
const requiredTemplates = new WeakMap<PropertySchema, KeyTemplate>();

function keyTemplate(name: string, prop: PropertySchema, required: boolean): KeyTemplate {
  const cache = required ? requiredTemplates : templates;
  let t = cache.get(prop);
  if (t === undefined || t.item.label !== name) {
    const doc = firstDocLine(prop);
    const type = typeText(prop);
    const item: CompletionItem = {
      label: name,
      kind: CompletionItemKind.Property,
      detail: prop.default !== undefined ? `${type} = ${short(toFlowYaml(prop.default))}` : type,
    };
    // Without a sortText, clients sort by label: `0…` puts required keys first.
    if (required) item.sortText = `0${name}`;
    if (doc !== undefined) item.labelDetails = { description: doc };
    if (prop.deprecated === true) item.tags = [CompletionItemTag.Deprecated];
    const body = insertBody(name, prop);
    // Re-open suggestions after `NAME: ` only where there is a real choice (booleans, enumerations).
    const types = Array.isArray(prop.type) ? prop.type : [prop.type];
    t = { item, ...body, suggestValues: !body.snippet && (types.includes('boolean') || (prop.enum?.length ?? 0) > 0) };
    cache.set(prop, t);
  }
  return t;
}

/** `NAME: ` for scalars; the default structure as a snippet for dicts and lists. */
function insertBody(name: string, prop: PropertySchema): { insert: string; snippet: boolean } {
  const key = /^[A-Za-z_][\w.-]*$/.test(name) ? name : JSON.stringify(name);
  const types = Array.isArray(prop.type) ? prop.type : prop.type === undefined ? [] : [prop.type];
  const d = prop.default;
  const isObject = types.includes('object') || (typeof d === 'object' && d !== null && !Array.isArray(d));
  const isArray = types.includes('array') || Array.isArray(d);
  if (d !== undefined && typeof d === 'object' && d !== null && (Array.isArray(d) ? d.length > 0 : Object.keys(d).length > 0)) {
    const body = toYaml(d);
    if (body.split('\n').length <= MAX_SNIPPET_LINES) return { insert: `${escapeSnippet(key)}:\n${indent(escapeSnippet(body), '  ')}\n$0`, snippet: true };
  }
  if (isObject && !isArray) return { insert: `${escapeSnippet(key)}:\n  $0`, snippet: true };
  if (isArray && !isObject) return { insert: `${escapeSnippet(key)}:\n  - $0`, snippet: true };
  return { insert: `${key}: `, snippet: false };
}

function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Per-item range and data, when the client does not take them from `itemDefaults`. */
interface PerItem {
  readonly range: Range;
  readonly data: CompletionData;
}

function keyItems(model: YamlModel, context: KeyContext, index: SchemaIndex, perItem: PerItem | undefined): { items: CompletionItem[]; isIncomplete: boolean } {
  const make = (name: string, prop: PropertySchema, required: boolean, extra?: Partial<CompletionItem>): CompletionItem => {
    const t = keyTemplate(name, prop, required);
    const newText = context.hasColon ? name : t.insert;
    const item: CompletionItem = { ...t.item, ...extra };
    if (perItem === undefined) item.textEditText = newText;
    else {
      item.textEdit = { range: perItem.range, newText };
      item.data = perItem.data;
    }
    if (!context.hasColon && t.snippet) item.insertTextFormat = InsertTextFormat.Snippet;
    if (!context.hasColon && t.suggestValues) item.command = TRIGGER_SUGGEST;
    return item;
  };
  if (context.path.length === 0) {
    const present = presentKeys(model);
    const { names, isIncomplete } = offered(
      index.names.filter((name) => !present.has(name) || name === context.word),
      context.prefix,
      (name) => index.isRequired(name),
    );
    return { items: names.map((name) => make(name, index.property(name) as PropertySchema, index.isRequired(name))), isIncomplete };
  }
  const parent = index.resolve(context.path);
  if (parent === undefined) return { items: [], isIncomplete: false };
  if (context.path.length === 1 && typeof context.path[0] === 'string' && isFeaturesProxy(context.path[0], parent.prop)) {
    return featureItems(model, context, index, make);
  }
  const properties = parent.prop.properties ?? {};
  const required = (k: string): boolean => parent.prop.required?.includes(k) ?? false;
  const { names, isIncomplete } = offered(
    Object.keys(properties).filter((k) => !context.siblings.has(k) || k === context.word),
    context.prefix,
    required,
  );
  return { items: names.map((k) => make(k, getOwn(properties, k) as PropertySchema, required(k))), isIncomplete };
}

type MakeItem = (name: string, prop: PropertySchema, required: boolean, extra?: Partial<CompletionItem>) => CompletionItem;

/** Inside the FEATURES proxy: boolean settings (feature flags) not set elsewhere, marked deprecated. */
function featureItems(model: YamlModel, context: KeyContext, index: SchemaIndex, make: MakeItem): { items: CompletionItem[]; isIncomplete: boolean } {
  const present = presentKeys(model);
  const flags = index.names.filter((name) => !context.siblings.has(name) && !present.has(name) && index.property(name)?.type === 'boolean');
  const { names, isIncomplete } = offered(flags, context.prefix, () => false);
  const items = names.map((name) => make(name, index.property(name) as PropertySchema, false, { tags: [CompletionItemTag.Deprecated], detail: 'boolean · deprecated here: set it at the top level' }));
  return { items, isIncomplete };
}

/** Candidate values of a property: booleans, null, enumeration members, the default (never a secret's placeholder). */
function valueChoices(prop: PropertySchema, name: string): Array<{ value: JsonValue; isDefault: boolean }> {
  const out: Array<{ value: JsonValue; isDefault: boolean }> = [];
  const add = (value: JsonValue, isDefault = false): void => {
    const i = out.findIndex((o) => JSON.stringify(o.value) === JSON.stringify(value));
    if (i >= 0) {
      if (isDefault) out[i] = { value, isDefault };
      return;
    }
    out.push({ value, isDefault });
  };
  const types = Array.isArray(prop.type) ? prop.type : prop.type === undefined ? [] : [prop.type];
  if (prop.default !== undefined && (typeof prop.default !== 'object' || prop.default === null) && !isSecretName(name)) add(prop.default, true);
  for (const v of prop.enum ?? []) add(v);
  if (types.includes('boolean')) {
    add(true);
    add(false);
  }
  if (types.includes('null')) add(null);
  return out;
}

function valueItems(model: YamlModel, context: ValueContext, index: SchemaIndex): CompletionItem[] {
  const resolved = index.resolve(context.path);
  if (resolved === undefined) return [];
  const range = toRange(model, context.replace);
  return valueChoices(resolved.prop, String(context.path[context.path.length - 1])).map(({ value, isDefault }, i) => {
    const text = toFlowYaml(value);
    const item: CompletionItem = {
      label: text,
      kind: isDefault ? CompletionItemKind.Value : CompletionItemKind.EnumMember,
      sortText: String(i).padStart(3, '0'),
      textEdit: { range, newText: text },
    };
    if (isDefault) item.detail = 'default';
    return item;
  });
}
