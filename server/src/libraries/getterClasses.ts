/**
 * Getter classes, found by their shape, never by name: a class with a method returning
 * `getattr(settings, self.<name>, self.<default>)` (edx-toggles' `SettingToggle`), or reading
 * `getattr(settings, self.<name>, {})` and returning its `.get(self.<key>, self.<default>)`
 * (`SettingDictToggle`), where the attributes are set from the constructor's parameters, maybe
 * by a base class's constructor (`BaseToggle.__init__(self, name, default=False)`). A call of
 * such a class with a setting-like first argument is then a read (`libraryCatalog.ts`); the class's
 * constructor and its bases' are kept as facts (`GetterClass`) so the arguments can be followed to
 * the attributes once every distribution is known.
 */
import type { PyNode } from '../python/syntaxTree';
import { dottedName, isSettingsObject, type ModuleBindings } from './bindings';
import type { ArgumentFact, AttributeOrValue, ClassInit, ClassReader, DefaultFact, GetterClass, PassedArgument } from './facts';
import { parametersOf } from './helpers';

/** What class detection needs of the module. */
export interface ClassContext {
  module: string;
  bindings: ModuleBindings;
  /** The module-level class definitions by name. */
  classes: ReadonlyMap<string, PyNode>;
  defaultOf(node: PyNode): DefaultFact;
}

/** The statements of a body, comments and a leading docstring left out. */
function statementsOf(def: PyNode): PyNode[] {
  const body = def.childForFieldName('body');
  if (body === null) return [];
  const statements = body.namedChildren.filter((c) => c.type !== 'comment');
  const first = statements[0];
  return first?.type === 'expression_statement' && first.namedChildren[0]?.type === 'string' ? statements.slice(1) : statements;
}

/** The methods of a class body (decorated ones included), by name. */
export function methodsOf(cls: PyNode): Map<string, PyNode> {
  const out = new Map<string, PyNode>();
  for (const statement of cls.childForFieldName('body')?.namedChildren ?? []) {
    const def = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    const name = def?.childForFieldName('name')?.text;
    if (def?.type === 'function_definition' && name !== undefined) out.set(name, def);
  }
  return out;
}

/** The name of a method's first parameter (`self`), if it has one. */
export function selfName(def: PyNode): string | undefined {
  for (const [name, p] of parametersOf(def)) if (p.index === 0 && !p.star) return name;
  return undefined;
}

/** `<self>.<attribute>`: the attribute's name. */
function selfAttribute(node: PyNode | undefined, self: string): string | undefined {
  if (node?.type !== 'attribute' || node.childForFieldName('object')?.text !== self) return undefined;
  return node.childForFieldName('attribute')?.text;
}

/** Casts that keep what is read (`bool(getattr(…))`) and parentheses, left out. */
function unwrapped(node: PyNode): PyNode {
  let at = node;
  for (let i = 0; i < 8; i++) {
    if (at.type === 'parenthesized_expression' && at.namedChildren.length === 1) at = at.namedChildren[0];
    else if (at.type === 'call' && at.childForFieldName('function')?.text === 'bool') {
      const args = at.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
      if (args.length !== 1 || args[0].type === 'keyword_argument') return at;
      at = args[0];
    } else return at;
  }
  return at;
}

/** The positional arguments of a call (keyword arguments and comments left out). */
function positionalArguments(call: PyNode): PyNode[] {
  return call.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment' && a.type !== 'keyword_argument') ?? [];
}

/** `self.<a>` or a value written in the method. */
function attributeOrValue(node: PyNode, self: string, ctx: ClassContext): AttributeOrValue {
  const attribute = selfAttribute(node, self);
  return attribute !== undefined ? { attribute } : { value: ctx.defaultOf(node) };
}

/** `getattr(settings, self.<name>[, default])`: the name's attribute and the default. */
function settingsGetattr(node: PyNode, self: string, ctx: ClassContext): { nameAttribute: string; default?: AttributeOrValue } | undefined {
  if (node.type !== 'call' || node.childForFieldName('function')?.text !== 'getattr') return undefined;
  const args = positionalArguments(node);
  if (args.length < 2 || args.length > 3 || !isSettingsObject(args[0], ctx.bindings, new Set())) return undefined;
  const nameAttribute = selfAttribute(args[1], self);
  if (nameAttribute === undefined) return undefined;
  return args[2] === undefined ? { nameAttribute } : { nameAttribute, default: attributeOrValue(args[2], self, ctx) };
}

/**
 * What a method reads, when its body is `return getattr(settings, self.a, …)` or
 * `return <that>.get(self.k, …)`, the read maybe bound to a local name first (`d = getattr(…)`,
 * `return d.get(…)`).
 */
function methodReader(def: PyNode, ctx: ClassContext): ClassReader | undefined {
  const self = selfName(def);
  const statements = statementsOf(def);
  if (self === undefined || statements.length === 0 || statements.length > 2) return undefined;
  const last = statements[statements.length - 1];
  const returned = last.type === 'return_statement' ? last.namedChildren.find((c) => c.type !== 'comment') : undefined;
  if (returned === undefined) return undefined;
  const locals = new Map<string, PyNode>();
  if (statements.length === 2) {
    const assignment = statements[0].type === 'expression_statement' ? statements[0].namedChildren[0] : undefined;
    const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
    const right = assignment?.type === 'assignment' ? assignment.childForFieldName('right') : null;
    if (left?.type !== 'identifier' || right === null || right === undefined) return undefined;
    locals.set(left.text, right);
  }
  const value = unwrapped(returned);
  const whole = settingsGetattr(value, self, ctx);
  if (whole !== undefined) return whole;
  // `<read>.get(self.<key>[, default])`
  if (value.type !== 'call') return undefined;
  const fn = value.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'get') return undefined;
  let object = fn.childForFieldName('object');
  if (object?.type === 'identifier') object = locals.get(object.text) ?? null;
  const read = object === null ? undefined : settingsGetattr(unwrapped(object), self, ctx);
  const args = positionalArguments(value);
  const key = selfAttribute(args[0], self);
  if (read === undefined || key === undefined || args.length > 2) return undefined;
  return { ...read, key: args[1] === undefined ? { attribute: key } : { attribute: key, default: attributeOrValue(args[1], self, ctx) } };
}

/** An argument passed on to the base's constructor: a parameter of this one, or a value. */
function passed(node: PyNode, parameters: ReadonlySet<string>, ctx: ClassContext): PassedArgument {
  if (node.type === 'identifier' && parameters.has(node.text)) return { parameter: node.text };
  if (node.type === 'list_splat' || node.type === 'dictionary_splat') return null;
  const value = ctx.defaultOf(node);
  if (value.type.kind !== 'json') return null;
  const arg: ArgumentFact = { value };
  if (typeof value.value === 'string') arg.string = value.value;
  return { value: arg };
}

/** `super().__init__(…)`, `super(C, self).__init__(…)` or `Base.__init__(self, …)`: its arguments, as the base's constructor receives them. */
function baseCall(statement: PyNode, self: string): { args: PyNode[]; keywords: Map<string, PyNode> } | undefined {
  const call = statement.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
  const fn = call?.type === 'call' ? call.childForFieldName('function') : null;
  if (call === undefined || fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== '__init__') return undefined;
  const object = fn.childForFieldName('object');
  const viaSuper = object?.type === 'call' && object.childForFieldName('function')?.text === 'super';
  const all = call.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
  const keywords = new Map<string, PyNode>();
  const args: PyNode[] = [];
  for (const a of all) {
    if (a.type !== 'keyword_argument') args.push(a);
    else {
      const name = a.childForFieldName('name')?.text;
      const value = a.childForFieldName('value');
      if (name !== undefined && value !== null) keywords.set(name, value);
    }
  }
  if (viaSuper) return { args, keywords };
  // `Base.__init__(self, …)`: `self` is the instance, not an argument of the base's parameters.
  return args[0]?.type === 'identifier' && args[0].text === self ? { args: args.slice(1), keywords } : undefined;
}

/** A constructor's parameters, the attributes it sets from them, and what it passes to its base's. */
function classInit(def: PyNode, ctx: ClassContext): ClassInit | undefined {
  const self = selfName(def);
  if (self === undefined) return undefined;
  const parameters: ClassInit['parameters'] = [];
  for (const [name, p] of parametersOf(def)) {
    if (p.index === 0 || p.star) continue;
    parameters.push(p.default !== undefined ? { name, default: ctx.defaultOf(p.default) } : { name });
  }
  const names = new Set(parameters.map((p) => p.name));
  const init: ClassInit = { parameters, attributes: {} };
  for (const statement of statementsOf(def)) {
    const assignment = statement.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
    if (assignment?.type === 'assignment') {
      const attribute = selfAttribute(assignment.childForFieldName('left') ?? undefined, self);
      const right = assignment.childForFieldName('right');
      if (attribute !== undefined && right?.type === 'identifier' && names.has(right.text)) init.attributes[attribute] = right.text;
      continue;
    }
    const call = baseCall(statement, self);
    if (call === undefined || init.base !== undefined) continue;
    const keywords: Record<string, PassedArgument> = {};
    for (const [name, value] of call.keywords) keywords[name] = passed(value, names, ctx);
    init.base = { args: call.args.map((a) => passed(a, names, ctx)), keywords };
  }
  return init;
}

/** The dotted names of a class's bases (imported, defined in the module, or attributes of imported modules). */
function basesOf(cls: PyNode, ctx: ClassContext): string[] {
  const out: string[] = [];
  for (const b of cls.childForFieldName('superclasses')?.namedChildren ?? []) {
    if (b.type === 'identifier') {
      const name = ctx.bindings.imported.get(b.text) ?? (ctx.classes.has(b.text) ? `${ctx.module}.${b.text}` : undefined);
      if (name !== undefined) out.push(name);
    } else if (b.type === 'attribute') {
      const name = dottedName(b, ctx.bindings);
      if (name !== undefined) out.push(name);
    }
  }
  return out;
}

/** A class as a fact: its bases, its constructor and its reading method. */
export function classFact(name: string, cls: PyNode, ctx: ClassContext): GetterClass {
  const methods = methodsOf(cls);
  const fact: GetterClass = { kind: 'class', name: `${ctx.module}.${name}`, bases: basesOf(cls, ctx) };
  const init = methods.get('__init__');
  const parsedInit = init === undefined ? undefined : classInit(init, ctx);
  if (parsedInit !== undefined) fact.init = parsedInit;
  for (const [methodName, def] of methods) {
    if (methodName === '__init__') continue;
    const reader = methodReader(def, ctx);
    if (reader === undefined) continue;
    fact.reader = reader;
    break;
  }
  return fact;
}

/**
 * The getter classes of a module (those with a reading method), with the bases of the module
 * they rely on (a base in another module is looked up by the distribution's scan).
 */
export function findGetterClasses(ctx: ClassContext, max: number): GetterClass[] {
  const out = new Map<string, GetterClass>();
  const add = (name: string, cls: PyNode, needsReader: boolean): void => {
    if (out.size >= max || out.has(`${ctx.module}.${name}`)) return;
    const fact = classFact(name, cls, ctx);
    if (needsReader && fact.reader === undefined) return;
    out.set(fact.name, fact);
    for (const base of fact.bases) {
      const local = base.startsWith(`${ctx.module}.`) ? base.slice(ctx.module.length + 1) : undefined;
      const node = local === undefined ? undefined : ctx.classes.get(local);
      if (local !== undefined && node !== undefined) add(local, node, false);
    }
  };
  for (const [name, cls] of ctx.classes) add(name, cls, true);
  return [...out.values()];
}
