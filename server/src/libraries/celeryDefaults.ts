/**
 * Celery's table of settings, `celery/app/defaults.py`: `NAMESPACES = Namespace(key=Option(default,
 * type='…', old={…}), broker=Namespace(url=Option(…), …), …)`. Celery reads no setting with
 * `getattr(settings, …)`: a Django project hands it its settings object
 * (`app.config_from_object('django.conf:settings', namespace='CELERY')`), so the names a YAML file
 * may set are formed from this table, two ways, both listed:
 *
 * - with the `CELERY` namespace (the IDAs' way): `CELERY_` and the upper-cased key with its
 *   namespaces (`broker=Namespace(url=…)` → `CELERY_BROKER_URL`, `task_always_eager` →
 *   `CELERY_TASK_ALWAYS_EAGER`);
 * - without namespace, the old names Celery still accepts (openedx-platform's way): the
 *   option's `old` names, else its namespace's `__old__` patterns filled with the key
 *   (`task=Namespace(__old__={'celery_{0}'}, always_eager=…)` → `CELERY_ALWAYS_EAGER`), else the
 *   upper-cased key with its namespaces (`BROKER_URL`).
 *
 * Types come from `type=` (`'string'` when absent, as Celery's `Option` has it), widened by the
 * literal default's own type; a missing default is `None`.
 */
import type { JsonType, SettingType } from '../catalog/types';
import type { PyNode } from '../python/syntaxTree';
import { decodeStringLiteral } from '../python/strings';
import { modulePlace, readBindings } from './bindings';
import type { DefaultFact, ReadFact } from './facts';
import { parametersOf, soleReturn } from './helpers';
import { buildName, nameTemplate } from './nameBuilders';
import { moduleAssignments, ModuleValues } from './moduleValues';
import { SETTING_NAME } from './scanModule';

/** Where Celery keeps the table, relative to the site-packages folder. */
const CELERY_DEFAULTS = 'celery/app/defaults.py';

/** The Django settings namespace Open edX's IDAs give Celery. */
const DJANGO_NAMESPACE = 'CELERY_';

/** Celery's `Option.type` names, as JSON types (`any` is left unknown). */
const OPTION_TYPES: Record<string, JsonType> = {
  string: 'string',
  str: 'string',
  int: 'integer',
  float: 'number',
  bool: 'boolean',
  dict: 'object',
  tuple: 'array',
  list: 'array',
};

/** Deepest namespace followed (Celery's table has two levels). */
const MAX_NAMESPACE_DEPTH = 8;

/** Whether a module is Celery's table of settings. */
export function isCeleryDefaults(file: string): boolean {
  return file === CELERY_DEFAULTS;
}

/** The keyword arguments of a call, in order. */
function keywordArguments(call: PyNode): [string, PyNode][] {
  const out: [string, PyNode][] = [];
  for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
    const name = a.type === 'keyword_argument' ? a.childForFieldName('name')?.text : undefined;
    const value = a.type === 'keyword_argument' ? a.childForFieldName('value') : null;
    if (name !== undefined && value !== null) out.push([name, value]);
  }
  return out;
}

/** The name of the function a call calls, when it is a plain name. */
function calledName(node: PyNode): string | undefined {
  if (node.type !== 'call') return undefined;
  const fn = node.childForFieldName('function');
  return fn?.type === 'identifier' ? fn.text : undefined;
}

/** One option's type: `type=` widened by the default's type, nullable when the default is `None`. */
function optionType(typeName: string, fallback: DefaultFact): SettingType {
  const declared = OPTION_TYPES[typeName];
  const isNone = fallback.value === null;
  if (declared === undefined) return { kind: 'unknown', types: [], nullable: true, from: 'hint' };
  const types: JsonType[] = [declared];
  const literal = fallback.type.kind === 'json' && fallback.value !== undefined ? fallback.type.types : [];
  for (const t of literal) if (!types.includes(t) && !(t === 'integer' && declared === 'number')) types.push(t);
  return { kind: 'json', types, nullable: isNone, from: 'hint' };
}

/** Reads Celery's table. */
class CeleryTable {
  readonly reads: ReadFact[] = [];
  private readonly seen = new Set<string>();
  private readonly values: ModuleValues;
  private readonly functions = new Map<string, PyNode>();

  constructor(
    root: PyNode,
    private readonly file: string,
  ) {
    const constants = moduleAssignments(root);
    this.values = new ModuleValues(constants, readBindings(root, modulePlace(file)), () => undefined);
    for (const statement of root.namedChildren) {
      const name = statement.type === 'function_definition' ? statement.childForFieldName('name')?.text : undefined;
      if (name !== undefined) this.functions.set(name, statement);
    }
    for (const value of constants.values()) if (calledName(value) === 'Namespace') this.namespace(value, '', [], 0);
  }

  /** The old-name patterns an expression gives (`{'celery_{0}'}`, `OLD_NS`, `old_ns('celery_cache')`). */
  private patterns(node: PyNode): string[] {
    if (node.type === 'identifier') {
      const c = this.values.constants.get(node.text);
      return c === undefined ? [] : this.patterns(c);
    }
    if (node.type === 'set' || node.type === 'list' || node.type === 'tuple') {
      return node.namedChildren.map((c) => decodeStringLiteral(c.type === 'string' ? c.text : '')?.value).filter((s): s is string => s !== undefined);
    }
    // A module function making the patterns of its argument: `def old_ns(ns): return {f'{ns}_{{0}}'}`.
    const name = calledName(node);
    const def = name === undefined ? undefined : this.functions.get(name);
    const returned = def === undefined ? undefined : soleReturn(def);
    const arg = node.childForFieldName('arguments')?.namedChildren[0];
    const value = arg?.type === 'string' ? decodeStringLiteral(arg.text)?.value : undefined;
    if (def === undefined || returned?.type !== 'set' || value === undefined) return [];
    const parameters = new Map([...parametersOf(def)].map(([n, p]) => [n, { index: p.index, star: p.star }]));
    const scope = { parameters, constant: this.values.stringConstant, builder: () => undefined };
    return returned.namedChildren.map((element) => {
      const parts = nameTemplate(element, scope);
      return parts === undefined ? undefined : buildName(parts, [value]);
    }).filter((s): s is string => s !== undefined);
  }

  /** The options of a `Namespace(...)` call under `prefix` (`broker_`), with the old-name patterns of its `__old__`. */
  private namespace(call: PyNode, prefix: string, inherited: string[], depth: number): void {
    if (depth > MAX_NAMESPACE_DEPTH) return;
    const keywords = keywordArguments(call);
    const old = keywords.find(([k]) => k === '__old__');
    const patterns = old !== undefined ? this.patterns(old[1]) : inherited;
    for (const [key, value] of keywords) {
      if (key === '__old__') continue;
      const callee = calledName(value);
      if (callee === 'Namespace') this.namespace(value, `${prefix}${key}_`, [], depth + 1);
      else if (callee === 'Option') this.option(value, key, prefix, patterns);
    }
  }

  private option(call: PyNode, key: string, prefix: string, patterns: string[]): void {
    const keywords = new Map(keywordArguments(call));
    const positional = call.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment') ?? [];
    const fallbackNode = positional[0] ?? keywords.get('default');
    const fallback: DefaultFact = fallbackNode !== undefined ? this.values.defaultOf(fallbackNode) : { type: { kind: 'unknown', types: [], nullable: true, from: 'none' }, value: null, text: 'None' };
    const typeNode = keywords.get('type');
    const typeName = typeNode?.type === 'string' ? decodeStringLiteral(typeNode.text)?.value ?? 'string' : 'string';
    const explicitOld = keywords.get('old');
    const oldPatterns = explicitOld !== undefined ? this.patterns(explicitOld) : patterns;
    const full = `${prefix}${key}`;
    const oldNames = oldPatterns.length > 0 ? oldPatterns.map((p) => p.replace(/\{0\}/g, key)) : [full];
    const type = optionType(typeName, fallback);
    const at = call.parent?.type === 'keyword_argument' ? call.parent : call;
    for (const name of [`${DJANGO_NAMESPACE}${full}`, ...oldNames].map((n) => n.toUpperCase())) {
      if (this.seen.has(name) || !SETTING_NAME.test(name)) continue;
      this.seen.add(name);
      const read: ReadFact = { path: [name], file: this.file, line: at.startPosition.row + 1, column: at.startPosition.column, how: 'defaults', default: { ...fallback, type } };
      this.reads.push(read);
    }
  }
}

/** The settings Celery's table defines, as reads of its module. */
export function scanCeleryDefaults(root: PyNode, file: string): ReadFact[] {
  return new CeleryTable(root, file).reads;
}
