/**
 * Completion: top-level keys not yet set (required ones first), nested keys of dict settings,
 * keys inside FEATURES, and values (booleans, null, enumerations, the default). Items are lean
 * (type and first documentation line); `resolveCompletion` adds the full documentation. The
 * per-schema part of each key item is built once and cached. When more keys match than
 * {@link MAX_KEY_ITEMS}, the answer is the best-ranked of them, marked incomplete, so that the
 * editor asks again as the user types (as clangd and rust-analyzer do).
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
import { compareCodePoints, getOwn } from '../schema/own';
import { LIBRARIES } from '../schema/librariesLayer';
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
   * carry only `textEditText` (none when it would be the label), which keeps answers small.
   */
  readonly itemDefaults?: boolean;
  /** Most key items in one answer ({@link MAX_KEY_ITEMS} unless given; tests use small limits). */
  readonly maxItems?: number;
}

const EMPTY: CompletionList = { isIncomplete: false, items: [] };
const TRIGGER_SUGGEST = { title: 'Suggest values', command: 'editor.action.triggerSuggest' };
const MAX_SNIPPET_LINES = 12;

/**
 * Completion at `position`. Key lists longer than `shape.maxItems` are filtered by the typed
 * word, ranked and cut (see `offered`); the list is then marked incomplete.
 */
export function completeAt(model: YamlModel, position: Position, schema: IdaSchema | undefined, shape: CompletionShape = {}): CompletionList {
  if (schema === undefined) return EMPTY;
  const offset = model.lines.offsetAt(position);
  const context = completionContext(model, offset);
  const index = schemaIndex(schema);
  if (context.kind === 'key') {
    const range = toRange(model, context.replace);
    const data: CompletionData = { parent: context.path };
    const limit = shape.maxItems !== undefined && Number.isFinite(shape.maxItems) ? Math.max(1, Math.floor(shape.maxItems)) : MAX_KEY_ITEMS;
    const { items, isIncomplete } = keyItems(model, context, index, shape.itemDefaults === true ? undefined : { range, data }, limit);
    return shape.itemDefaults === true ? { isIncomplete, itemDefaults: { editRange: range, data }, items } : { isIncomplete, items };
  }
  if (context.kind === 'value') return { isIncomplete: false, items: valueItems(model, context, index) };
  return EMPTY;
}

/**
 * Most key items in one answer. The suggest widget shows about 12 rows; nobody scrolls through
 * hundreds, the rest is reached by typing, and every keystroke asks again while the list is
 * incomplete. 100 (clangd's default too) leaves ample room below the visible rows for the
 * editor's own fuzzy ranking, and keeps the answer around 15 KB: the LMS's 641 unset settings
 * were 100 KB, which alone cost several milliseconds in serialising, the pipe and the client's
 * `JSON.parse`, against a 2 ms budget.
 */
export const MAX_KEY_ITEMS = 100;

/** What ranking needs to know of a candidate key. */
interface KeyFacts {
  /** Whether the key is required where it is offered (a missing required key comes first). */
  isRequired(name: string): boolean;
  /** Whether the setting is deprecated (offered after the others). */
  isDeprecated(name: string): boolean;
  /** Whether only installed libraries read the key (offered after the service's own settings). */
  isLibraryOnly?(name: string): boolean;
}

/** A candidate key, with its lower-case form for matching. */
interface RankedKey {
  readonly name: string;
  readonly lower: string;
}

/**
 * Candidate keys in the order they are offered when nothing is typed: required keys, then keys
 * not deprecated, the service's own before those only libraries read, then alphabetical (case-insensitive, as editors sort labels). It depends on
 * the schema only, so it is sorted once per schema (top-level keys and FEATURES flags, keyed by
 * the schema's index) or per dict setting (nested keys, keyed by its property), and each request
 * only filters it: no sort per keystroke.
 */
function rankedOrder<K extends object>(cache: WeakMap<K, readonly RankedKey[]>, owner: K, names: () => readonly string[], facts: KeyFacts): readonly RankedKey[] {
  let order = cache.get(owner);
  if (order === undefined) {
    const keyed = names().map((name) => ({
      name,
      lower: name.toLowerCase(),
      group: (facts.isRequired(name) ? 0 : 2) + (facts.isDeprecated(name) ? 1 : 0) + (facts.isLibraryOnly?.(name) === true ? 4 : 0),
    }));
    keyed.sort((a, b) => a.group - b.group || compareCodePoints(a.lower, b.lower) || compareCodePoints(a.name, b.name));
    order = keyed.map(({ name, lower }) => ({ name, lower }));
    cache.set(owner, order);
  }
  return order;
}

const topLevelOrders = new WeakMap<SchemaIndex, readonly RankedKey[]>();
const featureOrders = new WeakMap<SchemaIndex, readonly RankedKey[]>();
const nestedOrders = new WeakMap<PropertySchema, readonly RankedKey[]>();

/** Key names offered, and whether some were left out. */
interface Offered {
  readonly names: string[];
  readonly isIncomplete: boolean;
}

/**
 * The keys of `order` that `include` accepts. When more than `limit`, only those holding the
 * typed `prefix` as a subsequence (case-insensitive), a superset of what the editor's own fuzzy
 * filter can show; when even those are too many, the best `limit` of them, marked incomplete so
 * that the client asks again as the user types. A list holding every match is complete: typing
 * on only narrows it, and the client filters that itself.
 *
 * Best first: names that start with what was typed, then names holding it from the start of a
 * word (`URL`, `ROOT_U` → `LMS_ROOT_URL`), then names holding it in pieces that each start a
 * word (`LRU` → `LMS_ROOT_URL`), then any other subsequence; within each group, the order of
 * {@link rankedOrder}. The editor orders what it shows by its own score; this only decides what
 * is sent.
 */
function offered(order: readonly RankedKey[], include: (name: string) => boolean, prefix: string, limit: number): Offered {
  const candidates = order.filter((k) => include(k.name));
  // Everything fits: send it unfiltered, and the client filters as the user types on.
  if (candidates.length <= limit) return { names: candidates.map((k) => k.name), isIncomplete: false };
  const wanted = prefix.toLowerCase();
  if (wanted === '') return { names: candidates.slice(0, limit).map((k) => k.name), isIncomplete: true };
  const groups: string[][] = [[], [], [], []];
  for (const { name, lower } of candidates) {
    if (!isSubsequence(wanted, lower)) continue;
    // One typed character is in one piece: held from a word start is then the same as in pieces.
    const group = lower.startsWith(wanted) ? 0 : startsAtWord(wanted, name, lower) ? 1 : wanted.length > 1 && matchesAtWordStarts(wanted, name, lower) ? 2 : 3;
    groups[group].push(name);
  }
  const ranked = groups.flat();
  return ranked.length <= limit ? { names: ranked, isIncomplete: false } : { names: ranked.slice(0, limit), isIncomplete: true };
}

/** Whether `wanted` occurs in `lower` in order, not necessarily contiguously (both lower case). */
function isSubsequence(wanted: string, lower: string): boolean {
  let at = 0;
  for (let i = 0; i < wanted.length; i++) {
    at = lower.indexOf(wanted[i], at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/** Whether `lower` holds `wanted` contiguously from the start of a word of `name`. */
function startsAtWord(wanted: string, name: string, lower: string): boolean {
  for (let at = lower.indexOf(wanted); at >= 0; at = lower.indexOf(wanted, at + 1)) if (isWordStart(name, at)) return true;
  return false;
}

/** Beyond this many (typed × name) characters, a name is not searched for pieces at word starts (a pasted line, a generated name): it ranks with the other subsequences. */
const MAX_PIECE_CELLS = 1 << 16;

/**
 * Whether `wanted` can be cut into pieces, in order, each typed contiguously from the start of a
 * word of `name`: `url` and `root_u` in `LMS_ROOT_URL`, `ecb` and `encou` in
 * `ENABLE_COURSE_BLOCKS`. These are the matches an editor's fuzzy scorer rates highest after a
 * prefix. `lower` is `name` in lower case. Dynamic programming over (typed, name) positions from
 * the ends, so linear in their product: a backtracking search can be exponential.
 */
function matchesAtWordStarts(wanted: string, name: string, lower: string): boolean {
  const m = wanted.length;
  const n = lower.length;
  if (m === 0) return true;
  if (m * n > MAX_PIECE_CELLS) return false;
  // Row w of `reach`: wanted[w..] matches in lower[p..] with its first piece starting a word at or after p.
  // Row w of `inRun`: wanted[w] is typed at p inside a piece, and wanted[w + 1..] matches after it.
  // Two rows each (w + 1 and w), swapped as w goes down.
  let reachNext = new Uint8Array(n + 1).fill(1);
  let inRunNext = new Uint8Array(n + 1);
  let reach = new Uint8Array(n + 1);
  let inRun = new Uint8Array(n + 1);
  for (let w = m - 1; w >= 0; w--) {
    const c = wanted[w];
    reach[n] = 0;
    inRun[n] = 0;
    for (let p = n - 1; p >= 0; p--) {
      inRun[p] = lower[p] === c && (reachNext[p + 1] === 1 || inRunNext[p + 1] === 1) ? 1 : 0;
      reach[p] = reach[p + 1] === 1 || (inRun[p] === 1 && isWordStart(name, p)) ? 1 : 0;
    }
    [reachNext, reach] = [reach, reachNext];
    [inRunNext, inRun] = [inRun, inRunNext];
  }
  return reachNext[0] === 1;
}

/** A word starts a name, follows a separator (`_`, `-`, `.`), or is a capital after a small letter (`camelCase` keys of nested dicts). */
function isWordStart(name: string, i: number): boolean {
  if (i === 0) return true;
  const before = name.charCodeAt(i - 1);
  const isSmall = before >= 0x61 && before <= 0x7a;
  if (!isSmall && !(before >= 0x41 && before <= 0x5a) && !(before >= 0x30 && before <= 0x39)) return true;
  const at = name.charCodeAt(i);
  return isSmall && at >= 0x41 && at <= 0x5a;
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

function keyItems(
  model: YamlModel,
  context: KeyContext,
  index: SchemaIndex,
  perItem: PerItem | undefined,
  limit: number,
): { items: CompletionItem[]; isIncomplete: boolean } {
  const make = (name: string, prop: PropertySchema, required: boolean, extra?: Partial<CompletionItem>): CompletionItem => {
    const t = keyTemplate(name, prop, required);
    const newText = context.hasColon ? name : t.insert;
    const item: CompletionItem = { ...t.item, ...extra };
    if (perItem === undefined) {
      // Without `textEditText`, a client inserts the label over the default range: on a line that
      // already has its `:`, the label is the whole edit.
      if (newText !== name) item.textEditText = newText;
    } else {
      item.textEdit = { range: perItem.range, newText };
      item.data = perItem.data;
    }
    if (!context.hasColon && t.snippet) item.insertTextFormat = InsertTextFormat.Snippet;
    if (!context.hasColon && t.suggestValues) item.command = TRIGGER_SUGGEST;
    return item;
  };
  if (context.path.length === 0) {
    const present = presentKeys(model);
    const order = rankedOrder(topLevelOrders, index, () => index.names, {
      isRequired: (name) => index.isRequired(name),
      isDeprecated: (name) => index.property(name)?.deprecated === true,
      isLibraryOnly: (name) => index.property(name)?.['x-openedx']?.origin.layer === LIBRARIES,
    });
    const { names, isIncomplete } = offered(order, (name) => !present.has(name) || name === context.word, context.prefix, limit);
    return { items: names.map((name) => make(name, index.property(name) as PropertySchema, index.isRequired(name))), isIncomplete };
  }
  const parent = index.resolve(context.path);
  if (parent === undefined) return { items: [], isIncomplete: false };
  if (context.path.length === 1 && typeof context.path[0] === 'string' && isFeaturesProxy(context.path[0], parent.prop)) {
    return featureItems(model, context, index, make, limit);
  }
  const properties = parent.prop.properties ?? {};
  const required = (k: string): boolean => parent.prop.required?.includes(k) ?? false;
  const order = rankedOrder(nestedOrders, parent.prop, () => Object.keys(properties), {
    isRequired: required,
    isDeprecated: (k) => getOwn(properties, k)?.deprecated === true,
  });
  const { names, isIncomplete } = offered(order, (k) => !context.siblings.has(k) || k === context.word, context.prefix, limit);
  return { items: names.map((k) => make(k, getOwn(properties, k) as PropertySchema, required(k))), isIncomplete };
}

type MakeItem = (name: string, prop: PropertySchema, required: boolean, extra?: Partial<CompletionItem>) => CompletionItem;

/**
 * Inside the FEATURES proxy: boolean settings (feature flags) not set elsewhere, marked deprecated.
 * Every entry is deprecated there, so ranking looks at whether the setting itself is; none is
 * required there (setting a required key through FEATURES is what the deprecation is about).
 */
function featureItems(model: YamlModel, context: KeyContext, index: SchemaIndex, make: MakeItem, limit: number): { items: CompletionItem[]; isIncomplete: boolean } {
  const present = presentKeys(model);
  const order = rankedOrder(featureOrders, index, () => index.names.filter((name) => index.property(name)?.type === 'boolean'), {
    isRequired: () => false,
    isDeprecated: (name) => index.property(name)?.deprecated === true,
  });
  const { names, isIncomplete } = offered(order, (name) => !context.siblings.has(name) && !present.has(name), context.prefix, limit);
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
