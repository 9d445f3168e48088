/**
 * Checks one setting's value: its types with the schema's lazily compiled Ajv validator (errors
 * mapped back to the exact YAML node), unknown nested keys where the schema knows a dict's keys,
 * and secrets left at their source default. Findings are segment-relative.
 */
import { DiagnosticTag } from 'vscode-languageserver-types';
import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import { getPropertyValidator, type ErrorObject } from '../schema/ajv';
import type { PropertySchema } from '../schema/format';
import { LIBRARIES } from '../schema/librariesLayer';
import { getOwn } from '../schema/own';
import { keyText, resolveScalar, touchesTemplate, type OffsetRange } from '../yaml';
import { MAX_WALK_DEPTH } from '../yaml/limits';
import { describeExpected, describeFound, typeFix } from './describe';
import { RULES } from './rules';
import { checksNestedKeys, hasKnownType, hidesValue, isSecretName, type SchemaIndex } from './schemaIndex';
import type { Finding } from './types';
import { isMergeKey, nodeAtPointer, toJsonValue, type ResolveAlias } from './yamlValue';

/** What a value check needs. */
export interface CheckContext {
  readonly index: SchemaIndex;
  readonly resolve: ResolveAlias;
  /** Template spans of the segment: values touching them are never checked. */
  readonly templateSpans: readonly OffsetRange[];
  readonly out: Finding[];
  /** The keys the mapping being checked sets: a suggestion the file already sets is none (both keys are meant). */
  readonly siblings?: ReadonlySet<string>;
}

/**
 * Validates `value` against top-level property `name`'s validator. `display` names the key in
 * messages (differs from `name` for FEATURES entries, which are checked against the top-level setting).
 */
export function checkTypes(ctx: CheckContext, name: string, prop: PropertySchema, value: Node, keyNode: Node, display: string): void {
  const simple = simpleTypes(prop);
  // A computed or unknown type is never checked; nested keys and items with known types still are.
  if (!hasKnownType(prop) && (simple !== null || (prop.properties === undefined && prop.items === undefined))) return;
  let errors: readonly ErrorObject[];
  if (simple !== null) {
    // Only the value's own type counts: what is under it is never converted (an alias bomb or a
    // huge list would exhaust the walk and leave a plain type error unreported).
    const top = topLevelValue(value, ctx.resolve);
    if (simple.length === 0 || simple.some((t) => hasJsonType(top, t))) return;
    errors = [{ keyword: 'type', instancePath: '', schemaPath: '#/type', params: { type: simple.join(',') } }];
  } else {
    const converted = toJsonValue(value, ctx.resolve);
    if (converted.truncated) return;
    // Most values are valid: say so without compiling a validator (compiling costs about a
    // millisecond per property, which a first validation would pay for every dict setting).
    if (conforms(prop, converted.value)) return;
    const validator = getPropertyValidator(ctx.index.schema, name);
    if (validator === undefined || !validator.ok || validator.value(converted.value)) return;
    errors = validator.value.errors ?? [];
  }
  const missing = new Map<Node, string[]>();
  const seen = new Set<string>();
  for (const error of errors) {
    const at = nodeAtPointer(value, error.instancePath, ctx.resolve);
    if (at === undefined) continue;
    const sub = propAtPointer(prop, error.instancePath);
    if (error.keyword === 'required') {
      const owner = at.key ?? keyNode;
      const list = missing.get(owner) ?? [];
      list.push(String((error.params as { missingProperty?: unknown }).missingProperty));
      missing.set(owner, list);
      continue;
    }
    const range = at.location.range;
    if (!range || touchesTemplate(range[0], range[1], ctx.templateSpans)) continue;
    if (error.keyword === 'type' && sub !== undefined && !hasKnownType(sub)) continue;
    const found = typeFinding(error, at.node, at.location === at.node, range, `${display}${pointerSuffix(error.instancePath)}`);
    // A type seen only in a default's literal (a setting's, a nested key's, a library's) is
    // evidence, not a contract: declared (type hint, annotation) and read (the YAML's value
    // converted or used as that type) types are contracts (docs/rules.md, "Evidence for types").
    // A nested key without facts of its own is one of the setting's default literal (ours) or what a user's schema declares.
    const inferred = sub !== undefined && (sub['x-openedx'] !== undefined ? isInferredOnly(sub) : error.instancePath !== '' && prop['x-openedx'] !== undefined);
    const finding = inferred ? inferredOnly(found, at.node, error, sub) : found;
    const id = `${finding.start}:${finding.end}`;
    if (seen.has(id)) continue;
    seen.add(id);
    ctx.out.push(finding);
  }
  for (const [owner, keys] of missing) {
    const r = owner.range;
    if (!r) continue;
    const parent = owner === keyNode ? display : keyText(owner, '');
    ctx.out.push({
      rule: 'missing-required',
      start: r[0],
      end: r[1],
      message: RULES['missing-required'].message({ keys, parent }),
      data: { key: parent, missing: keys },
    });
  }
}

/** Keywords that never constrain a value. */
const ANNOTATION_KEYWORDS = new Set(['default', 'description', 'markdownDescription', 'deprecated', 'title', 'examples', '$comment', 'x-openedx']);
const simpleCache = new WeakMap<PropertySchema, readonly string[] | null>();

/**
 * The allowed types when `type` is a property's only constraint (most settings), else `null`.
 * Such properties are checked here with the exact semantics of Ajv's `type` keyword, so the
 * validator compiler runs only for the few properties with nested structure or enumerations.
 */
export function simpleTypes(prop: PropertySchema): readonly string[] | null {
  let types = simpleCache.get(prop);
  if (types === undefined) {
    const onlyType = Object.keys(prop).every((k) => k === 'type' || ANNOTATION_KEYWORDS.has(k));
    types = !onlyType ? null : prop.type === undefined ? [] : Array.isArray(prop.type) ? [...prop.type] : [prop.type];
    simpleCache.set(prop, types);
  }
  return types;
}

/** Keywords {@link conforms} interprets. */
const STRUCTURAL_KEYWORDS = new Set(['type', 'properties', 'items', 'required']);

/**
 * Whether `value` certainly satisfies `schema`: true only when every keyword of the schema, at
 * every depth, is `type`, `properties`, `items` (one subschema), `required` or an annotation, and
 * the value satisfies them as Ajv checks them. False means "not shown valid" (another keyword, or
 * an invalid value): Ajv then decides and reports. Never true where Ajv would find an error.
 * `depth` is the nesting level reached (walks stop, unproven, at {@link MAX_WALK_DEPTH}).
 */
export function conforms(schema: unknown, value: unknown, depth = 0): boolean {
  if (depth > MAX_WALK_DEPTH || typeof schema !== 'object' || schema === null || Array.isArray(schema)) return false;
  const s = schema as Record<string, unknown>;
  for (const k of Object.keys(s)) if (!STRUCTURAL_KEYWORDS.has(k) && !ANNOTATION_KEYWORDS.has(k)) return false;
  const type = s.type;
  if (type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    if (!types.some((t) => typeof t === 'string' && hasJsonType(value, t))) return false;
  }
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (s.required !== undefined) {
    if (!Array.isArray(s.required)) return false;
    if (isObject && !s.required.every((r) => typeof r === 'string' && Object.hasOwn(value, r))) return false;
  }
  if (s.properties !== undefined) {
    if (typeof s.properties !== 'object' || s.properties === null) return false;
    if (isObject) {
      for (const [k, sub] of Object.entries(s.properties)) {
        if (Object.hasOwn(value, k)) {
          if (!conforms(sub, (value as Record<string, unknown>)[k], depth + 1)) return false;
        } else if (k in Object.prototype) {
          // Ajv looks names up with `data[name] !== undefined`: it would check `{}.constructor`.
          return false;
        }
      }
    }
  }
  if (s.items !== undefined && Array.isArray(value) && !value.every((item) => conforms(s.items, item, depth + 1))) return false;
  return true;
}

/**
 * A value with the JSON type `node` loads as, for a `type` check: aliases followed, scalars
 * converted, collections as empty stand-ins (their content is not walked).
 */
function topLevelValue(node: Node, resolve: ResolveAlias): unknown {
  const target = isAlias(node) ? resolve(node) : node;
  if (target === undefined || isAlias(target)) return null;
  if (isSeq(target)) return [];
  if (isMap(target)) return {};
  return toJsonValue(target, resolve).value;
}

/** Ajv's `type` check for one JSON type (numbers must be finite, as with Ajv's default `strictNumbers`). */
function hasJsonType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}

function typeFinding(error: ErrorObject, node: Node, direct: boolean, range: [number, number, number], key: string): Finding {
  // A secret's value stays out of the message (it lands in logs, screenshots and CI output).
  const hide = hidesValue(key);
  if (error.keyword === 'type') {
    const expected = String((error.params as { type?: unknown }).type ?? '').split(',');
    const fix = direct ? typeFix(node, expected, hide) : undefined;
    const message = RULES['type-mismatch'].message({ expected: describeExpected(expected), found: describeFound(node, hide), ...(fix?.hint === undefined ? {} : { hint: fix.hint }) });
    return {
      rule: 'type-mismatch',
      start: range[0],
      end: range[1],
      message,
      ...(isLenientMismatch(node, expected) ? { severity: 'warning' as const } : {}),
      data: fix === undefined ? { key } : { key, fix: { title: fix.title, newText: fix.newText } },
    };
  }
  if (error.keyword === 'enum') {
    const allowed = ((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).map((v) => `\`${JSON.stringify(v)}\``);
    const message = RULES['type-mismatch'].message({ expected: `one of ${allowed.join(', ')}`, found: describeFound(node, hide) });
    return { rule: 'type-mismatch', start: range[0], end: range[1], message, data: { key } };
  }
  const message = RULES['type-mismatch'].message({ expected: `a value that ${error.message ?? 'matches the schema'}`, found: describeFound(node, hide) });
  return { rule: 'type-mismatch', start: range[0], end: range[1], message, data: { key } };
}

/**
 * Mismatches that Python code often survives, reported as warnings rather than errors: an empty
 * value (`null`, `''`) standing for "unset", and a number, boolean or date where a string is
 * expected (it formats fine, but comparisons and string methods break).
 */
/**
 * A nested key whose type is known only from a default's literal (the dict's own default, or the
 * default of a documented key; not a type hint or an annotation): evidence, not a contract. The code may well accept other shapes
 * (pymongo takes a list of hosts where the platform's default has one string), so the mismatch
 * is a warning, and information with a note when a list or mapping stands where the default has
 * a scalar.
 */
function inferredOnly(finding: Finding, node: Node, error: ErrorObject, prop: PropertySchema | undefined): Finding {
  if (error.keyword !== 'type') return finding;
  const expected = String((error.params as { type?: unknown }).type ?? '').split(',');
  // `null` where the default is an empty string: both say "unset" to code that tests the value
  // (`if settings.BEAMER_PRODUCT_ID:`), as real production files write it.
  if (prop?.default === '' && isScalar(node) && resolveScalar(node).kind === 'null') {
    return { ...finding, severity: 'information', message: `${finding.message.replace(/\.$/, '')}: the default is an empty string, and code that tests the value reads null as unset too.` };
  }
  const scalarDefault = expected.every((t) => t === 'string' || t === 'integer' || t === 'number' || t === 'boolean' || t === 'null');
  if (scalarDefault && (isSeq(node) || isMap(node))) {
    const shape = isSeq(node) ? 'list' : 'mapping';
    const article: Record<string, string> = { string: 'a string', integer: 'an integer', number: 'a number', boolean: 'a boolean', null: 'null' };
    const defaultIs = expected.map((t) => article[t] ?? t).join(' or ');
    return { ...finding, severity: 'information', message: `${finding.message.replace(/\.$/, '')}: the default is ${defaultIs}, and the code may accept a ${shape} too.` };
  }
  return finding.severity === undefined ? { ...finding, severity: 'warning' } : finding;
}

/**
 * Whether a property's type comes from a default's literal only (or from nothing the extractor
 * could tell), or from a library, whose code the IDA's settings do not declare. A property without
 * our facts is a user's schema: its types are what its author declared.
 */
export function isInferredOnly(prop: PropertySchema): boolean {
  const facts = prop['x-openedx'];
  if (facts === undefined) return false;
  return facts.typeFrom === 'literal' || facts.typeFrom === 'none' || facts.origin.layer === LIBRARIES;
}

function isLenientMismatch(node: Node, expected: readonly string[]): boolean {
  if (!isScalar(node)) return false;
  const r = resolveScalar(node);
  if (r.kind === 'null' || (r.kind === 'string' && r.value === '')) return true;
  return expected.includes('string') && (r.kind === 'integer' || r.kind === 'float' || r.kind === 'boolean' || r.kind === 'date');
}

function pointerSuffix(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .slice(1)
    .split('/')
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('');
}

/** The subschema an Ajv instance path leads to, following `properties` and `items`. */
function propAtPointer(prop: PropertySchema, pointer: string): PropertySchema | undefined {
  if (pointer === '') return prop;
  let current: PropertySchema | undefined = prop;
  for (const raw of pointer.slice(1).split('/')) {
    if (current === undefined) return undefined;
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const child: PropertySchema | undefined = current.properties !== undefined ? getOwn(current.properties, step) : undefined;
    current = child ?? (/^\d+$/.test(step) ? current.items : undefined);
  }
  return current;
}

/**
 * Reports keys unknown to the schema inside dicts whose keys it knows (one finding per unknown
 * subtree; nothing below a free-form dict).
 */
export function checkNestedKeys(ctx: CheckContext, prop: PropertySchema, node: Node | null, display: string, depth = 0): void {
  if (node === null || depth > MAX_WALK_DEPTH || isAlias(node)) return;
  if (prop['x-openedx']?.freeFormKeys === true) return;
  if (isMap(node) && checksNestedKeys(prop)) {
    const properties = prop.properties ?? {};
    for (const pair of node.items) {
      if (isMergeKey(pair)) continue;
      const keyNode = pair.key as Node | null;
      const r = keyNode?.range;
      if (keyNode === null || !r || touchesTemplate(r[0], r[1], ctx.templateSpans)) continue;
      const key = keyText(keyNode, '');
      const child = getOwn(properties, key);
      if (child !== undefined) {
        checkNestedKeys(ctx, child, (pair.value as Node | null) ?? null, `${display}.${key}`, depth + 1);
        continue;
      }
      const near = ctx.index.suggestNested(prop, key);
      const suggestion = near !== undefined && !node.items.some((p) => p !== pair && keyText(p.key as Node | null, '') === near) ? near : undefined;
      // A mapping's keys are known from its default or its documentation, rarely from all the code
      // that reads it (a library may read more: `JWT_AUTH.JWT_ISSUERS`): an unknown one is
      // information, its suggestion a hint in the text, never a quick fix that could break the file.
      ctx.out.push({
        rule: 'unknown-key',
        start: r[0],
        end: r[1],
        message: RULES['unknown-key'].message({ key, ida: ctx.index.ida, parent: display, ...(suggestion === undefined ? {} : { suggestion }) }),
        severity: 'information',
        data: { key: `${display}.${key}` },
      });
    }
  } else if (isSeq(node) && prop.items !== undefined) {
    for (const item of node.items) checkNestedKeys(ctx, prop.items, item as Node, `${display}[]`, depth + 1);
  }
}

/**
 * Reports secrets (by name) whose value equals the source default, at any depth of a dict
 * default (`DATABASES.default.PASSWORD`). Confirmed at assembly only outside development files.
 */
export function checkSecrets(ctx: CheckContext, key: string, node: Node | null, defaultValue: unknown, display: string, depth = 0): void {
  if (node === null || depth > 6) return;
  if (isScalar(node)) {
    if (typeof defaultValue !== 'string' || defaultValue === '' || !isSecretName(key)) return;
    const r = resolveScalar(node);
    const range = node.range;
    if (r.kind !== 'string' || r.value !== defaultValue || !range) return;
    ctx.out.push({
      rule: 'insecure-secret',
      start: range[0],
      end: range[1],
      message: RULES['insecure-secret'].message({ key: display }),
      data: { key: display },
      pending: { kind: 'production-only' },
    });
    return;
  }
  if (isMap(node) && typeof defaultValue === 'object' && defaultValue !== null && !Array.isArray(defaultValue)) {
    const defaults = defaultValue as Record<string, unknown>;
    for (const pair of node.items) {
      const k = keyText(pair.key, '');
      if (Object.hasOwn(defaults, k)) checkSecrets(ctx, k, (pair.value as Node | null) ?? null, defaults[k], `${display}.${k}`, depth + 1);
    }
  }
}

/** The `Deprecated` tag, for findings that editors strike through. */
export const DEPRECATED_TAGS = [DiagnosticTag.Deprecated];
