/**
 * The settings one library module reads, from its syntax tree. Only reads of Django's settings
 * object count (`bindings.ts`): `getattr(settings, 'X'[, default])`, `hasattr(settings, 'X')`,
 * `settings.X` where it is read (not assigned or deleted), anywhere in the module but in functions
 * whose parameter has the name; a key of a dict setting read with `settings.X['K']`,
 * `settings.X.get('K', default)` or a defaults dict merged with it (`defaultsDicts.ts`). Calls of
 * functions with a setting-like first argument and `getattr(settings, builder(…))` are kept as
 * facts, read once the helpers of every distribution are known (`helpers.ts`). Names must look
 * like settings: an upper-case identifier.
 */
import type { ExtractionProblem, SettingReader } from '../catalog/types';
import { syntaxProblems } from '../extractor/recovery';
import { decodeStringLiteral } from '../python/strings';
import type { PyNode } from '../python/syntaxTree';
import { dottedName, isSettingsObject, modulePlace, readBindings, type ModuleBindings } from './bindings';
import { pairDefaultsDicts, type DictMention, type ScopedRead } from './defaultsDicts';
import type { ArgumentFact, BuiltNameReadFact, CommentDoc, DefaultFact, GetterCallFact, GetterClass, HelperFact, ReadFact } from './facts';
import { classFact, findGetterClasses } from './getterClasses';
import { findHelpers, parametersOf } from './helpers';
import { lookupKey, meetingPoint, passedTo } from './dictUses';
import { reExports } from './reExports';
import { settingNameNode } from './settingNames';
import { moduleAssignments, ModuleValues } from './moduleValues';

/** What a setting's name looks like. */
export const SETTING_NAME = /^[A-Z][A-Z0-9_]*$/;

/** Arguments of a helper call kept (a getter takes a name and a default). */
const MAX_CALL_ARGUMENTS = 4;

/** Getter classes and re-exports kept per module, as helpers are. */
const MAX_CLASS_FACTS = 200;

/** Methods that read a setting as a mapping. */
const MAPPING_METHODS = new Set(['get', 'items', 'keys', 'values', 'update', 'copy', 'setdefault']);

/** What one module reads. */
export interface ModuleScan {
  reads: ReadFact[];
  getterCalls: GetterCallFact[];
  builtNameReads: BuiltNameReadFact[];
  helpers: HelperFact[];
  problems: ExtractionProblem[];
  /**
   * Reads naming their setting with a constant imported from another module
   * (`getattr(settings, NAME_SETTING, d)`): `ref` is its dotted name; the distribution's scan looks
   * it up there and makes the read (`path` is empty until then).
   */
  namedByReference: { ref: string; read: ReadFact }[];
}

/** A read of a whole setting: its name and its default's node (null when it states none). */
interface SettingsRead {
  name: string;
  fallback: PyNode | null;
}

/** The value of a plain string literal, or undefined. */
function stringValue(node: PyNode | null | undefined): string | undefined {
  if (node?.type !== 'string') return undefined;
  return decodeStringLiteral(node.text)?.value;
}

/** The positional arguments and the keyword arguments of a call. */
function argumentsOf(call: PyNode): { positional: PyNode[]; keywords: Map<string, PyNode> } {
  const positional: PyNode[] = [];
  const keywords = new Map<string, PyNode>();
  for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (a.type === 'comment') continue;
    if (a.type === 'keyword_argument') {
      const name = a.childForFieldName('name')?.text;
      const value = a.childForFieldName('value');
      if (name !== undefined && value !== null) keywords.set(name, value);
    } else positional.push(a);
  }
  return { positional, keywords };
}

/** Whether an attribute node is where a value is stored or deleted (`settings.X = 1`, `del settings.X`), not read. */
function isStoreTarget(node: PyNode): boolean {
  let at = node;
  let parent = at.parent;
  while (parent !== null && ['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression', 'expression_list'].includes(parent.type)) {
    at = parent;
    parent = at.parent;
  }
  if (parent === null) return false;
  if (parent.type === 'assignment' || parent.type === 'augmented_assignment') return parent.childForFieldName('left') === at;
  if (parent.type === 'for_statement') return parent.childForFieldName('left') === at;
  return parent.type === 'delete_statement';
}

/** Whether a read is used as a mapping where it happens: `[…]`, `.get(…)`, `.items()`, … */
function usedAsMapping(read: PyNode): boolean {
  const p = read.parent;
  if (p?.type === 'subscript') return p.childForFieldName('value') === read;
  return p?.type === 'attribute' && p.childForFieldName('object') === read && MAPPING_METHODS.has(p.childForFieldName('attribute')?.text ?? '');
}

/** Whether a default is a dict (`{}`, `dict()`). */
function isDictDefault(node: PyNode | null): boolean {
  return node !== null && (node.type === 'dictionary' || (node.type === 'call' && node.childForFieldName('function')?.text === 'dict'));
}

/** What holds where a node of the walk is. */
interface Context {
  /** Index of the top-level statement. */
  scope: number;
  /** Id of the innermost function node. */
  fn: number | undefined;
  /** Names of the settings object that a parameter of an enclosing function hides. */
  shadowed: ReadonlySet<string>;
  /** Inside a plugin app's `plugin_settings(settings)`: the parameter that is the settings object there. */
  plugin?: string;
}

const NOTHING: ReadonlySet<string> = new Set();

/** Longest comment block kept as a read's documentation, in lines and characters: a comment, not a file header. */
const MAX_DOC_LINES = 12;
const MAX_DOC_CHARS = 1_200;

/**
 * The comment block right above the module-level or class-level assignment holding `node` (its
 * last line on the line before the statement, each line a comment at the statement's
 * indentation), or undefined. A package's
 * `# Seconds a browser may cache a preflight answer.` above `X = getattr(settings, 'X', 86400)`
 * is what it says of the setting.
 */
export function commentAbove(node: PyNode): CommentDoc | undefined {
  let statement: PyNode = node;
  while (statement.parent !== null && statement.parent.type !== 'module' && statement.parent.type !== 'block') statement = statement.parent;
  const container = statement.parent;
  // A comment in a function explains code; one above a module's or a class's assignment
  // (`TIMEOUT = getattr(settings, 'X_TIMEOUT', 30)`) documents what the setting is.
  if (container === null || (container.type === 'block' && container.parent?.type !== 'class_definition')) return undefined;
  // And only when the read is the whole value assigned: a comment above a dict of several settings is about the dict.
  const assignment = statement.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('right') !== node) return undefined;
  // The comments before a block's first statement are the block's preceding siblings in tree-sitter's tree.
  const siblings = container.children;
  const at = siblings.indexOf(statement);
  const before = at === 0 && container.type === 'block' && container.parent !== null ? container.parent.children.slice(0, container.parent.children.indexOf(container)) : siblings.slice(0, at);
  const lines: string[] = [];
  let expectRow = statement.startPosition.row - 1;
  let first = -1;
  for (let i = before.length - 1; i >= 0 && lines.length < MAX_DOC_LINES; i--) {
    const c = before[i];
    if (c.type !== 'comment' || c.endPosition.row !== expectRow || c.startPosition.column !== statement.startPosition.column) break;
    lines.unshift(c.text.replace(/^#+\s?/, '').trimEnd());
    first = c.startPosition.row;
    expectRow--;
  }
  const text = lines.join('\n').trim();
  if (text === '' || text.length > MAX_DOC_CHARS || /^-\*-|^(noqa|pylint|type:|pragma)/.test(text)) return undefined;
  return { text, line: first + 1 };
}

/** The function the edx-django-utils plugin framework calls with the settings object. */
const PLUGIN_FUNCTION = 'plugin_settings';
/** The YAML file's contents as the platform hands them to plugins (`settings.ENV_TOKENS.get('X', d)`). */
const YAML_TOKENS: ReadonlySet<string> = new Set(['ENV_TOKENS', 'AUTH_TOKENS', '_YAML_TOKENS']);

/** The scan of one module: state shared by the walk's handlers. */
class ModuleScanner {
  readonly out: ModuleScan = { reads: [], getterCalls: [], builtNameReads: [], helpers: [], problems: [], namedByReference: [] };
  private readonly module: string;
  private readonly bindings: ModuleBindings;
  private readonly values: ModuleValues;
  private readonly functions = new Map<string, PyNode>();
  private readonly classes = new Map<string, PyNode>();
  private readonly definitions = new Map<string, number>();
  /** Module-level dicts with setting-like keys: the candidates for defaults dicts, by name. */
  private readonly dicts = new Map<string, PyNode>();
  /** Module-level names bound to a whole settings read (`USER_SETTINGS = getattr(settings, 'JWT_AUTH', None)`). */
  private readonly aliases = new Map<string, { name: string; mapping: boolean; target: PyNode }>();
  private readonly scopedReads: ScopedRead[] = [];
  private readonly dictRefs: DictMention[] = [];
  private full = false;
  /** Whether the module can name Django's settings object at all (imports it, or binds a `django` module). */
  private readonly mayReadSettings: boolean;

  constructor(
    private readonly root: PyNode,
    private readonly file: string,
    private readonly maxReads: number,
  ) {
    const place = modulePlace(file);
    this.module = place.module;
    this.bindings = readBindings(root, place);
    this.mayReadSettings = this.bindings.settings.size > 0 || [...this.bindings.modules.values()].some((m) => m === 'django' || m === 'django.conf');
    const constants = moduleAssignments(root);
    this.values = new ModuleValues(constants, this.bindings, (node) => this.settingsRead(node, NOTHING)?.fallback);
    root.namedChildren.forEach((statement, index) => {
      const def = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
      const name = def?.childForFieldName('name')?.text;
      if (def === null || name === undefined || (def.type !== 'function_definition' && def.type !== 'class_definition')) return;
      this.definitions.set(name, index);
      if (def.type === 'function_definition') this.functions.set(name, def);
      else this.classes.set(name, def);
    });
    for (const [name, value] of constants) {
      if (this.dictEntries(value).length > 0) this.dicts.set(name, value);
      const read = this.settingsRead(value, NOTHING);
      if (read !== undefined) this.aliases.set(name, { name: read.name, mapping: isDictDefault(read.fallback), target: value });
    }
  }

  /** Scans the module. */
  scan(): ModuleScan {
    if (this.bindings.settings.size > 0 || this.bindings.modules.size > 0 || this.functions.size > 0) this.walk();
    for (const { dict, setting } of pairDefaultsDicts({ reads: this.scopedReads, dictRefs: this.dictRefs, definitions: this.definitions })) {
      const node = this.dicts.get(dict);
      if (node === undefined) continue;
      for (const entry of this.dictEntries(node)) this.addRead([setting, entry.key], entry.at, 'defaults', this.values.defaultOf(entry.value));
    }
    this.out.helpers = findHelpers({ module: this.module, bindings: this.bindings, functions: this.functions, stringConstant: this.values.stringConstant, defaultOf: this.values.defaultOf });
    const room = MAX_CLASS_FACTS - this.out.helpers.length;
    if (room > 0) this.out.helpers.push(...findGetterClasses({ module: this.module, bindings: this.bindings, classes: this.classes, defaultOf: this.values.defaultOf }, room));
    if (modulePlace(this.file).isPackage) this.out.helpers.push(...reExports(this.root, this.module, this.bindings, MAX_CLASS_FACTS));
    this.out.reads.sort((a, b) => a.line - b.line || a.column - b.column);
    if (this.root.hasError) {
      const first = syntaxProblems(this.root, this.file)[0];
      if (first !== undefined) {
        this.out.problems.push({ code: 'syntax-error', message: `Python syntax error at line ${first.line}, column ${first.column + 1}; reads in the damaged part may be missed`, file: this.file, line: first.line, column: first.column });
      }
    }
    return this.out;
  }

  /** The setting-like keys of a dict display (`{'K': v}`) or `dict(K=v)`, with their values. */
  private dictEntries(node: PyNode): { key: string; value: PyNode; at: PyNode }[] {
    const out: { key: string; value: PyNode; at: PyNode }[] = [];
    if (node.type === 'dictionary') {
      for (const pair of node.namedChildren) {
        if (pair.type !== 'pair') continue;
        const key = stringValue(pair.childForFieldName('key'));
        const value = pair.childForFieldName('value');
        if (key !== undefined && SETTING_NAME.test(key) && value !== null) out.push({ key, value, at: pair });
      }
    } else if (node.type === 'call' && node.childForFieldName('function')?.text === 'dict') {
      for (const [key, value] of argumentsOf(node).keywords) if (SETTING_NAME.test(key)) out.push({ key, value, at: value.parent ?? value });
    }
    return out;
  }

  /** `getattr(settings, 'X'[, d])`, `hasattr(settings, 'X')` or `settings.X`: the setting and its default; undefined for anything else. */
  private settingsRead(node: PyNode, shadowed: ReadonlySet<string>): SettingsRead | undefined {
    if (node.type === 'attribute') {
      const object = node.childForFieldName('object');
      const name = node.childForFieldName('attribute')?.text;
      if (object === null || name === undefined || !SETTING_NAME.test(name) || !isSettingsObject(object, this.bindings, shadowed)) return undefined;
      return { name, fallback: null };
    }
    if (node.type !== 'call') return undefined;
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'identifier' || (fn.text !== 'getattr' && fn.text !== 'hasattr')) return undefined;
    const { positional } = argumentsOf(node);
    if (positional.length < 2 || !isSettingsObject(positional[0], this.bindings, shadowed)) return undefined;
    const name = stringValue(positional[1]) ?? settingNameNode(positional[1], this.values, this.classes);
    if (name === undefined || !SETTING_NAME.test(name)) return undefined;
    return { name, fallback: fn.text === 'getattr' ? positional[2] ?? null : null };
  }

  /**
   * Every node, in document order, with its context (explicit stacks, one of nodes and one of
   * contexts, so no object is made per node: trees may nest thousands of levels and hold a million nodes).
   */
  private walk(): void {
    const nodes: PyNode[] = [];
    const contexts: Context[] = [];
    const top = this.root.namedChildren;
    for (let i = top.length - 1; i >= 0; i--) {
      nodes.push(top[i]);
      contexts.push({ scope: i, fn: undefined, shadowed: NOTHING });
    }
    while (nodes.length > 0) {
      const node = nodes.pop() as PyNode;
      const ctx = contexts.pop() as Context;
      let inner = ctx;
      switch (node.type) {
        case 'function_definition':
        case 'lambda': {
          const parameters = [...parametersOf(node).keys()];
          const hidden = parameters.filter((p) => this.bindings.settings.has(p));
          inner = { scope: ctx.scope, fn: node.id, shadowed: hidden.length > 0 ? new Set([...ctx.shadowed, ...hidden]) : ctx.shadowed };
          // The plugin framework calls a module-level `plugin_settings(settings)` with Django's settings object.
          const plugin = ctx.fn === undefined && node.type === 'function_definition' && node.childForFieldName('name')?.text === PLUGIN_FUNCTION ? parameters[0] : undefined;
          if (plugin !== undefined) inner = { ...inner, plugin };
          else if (ctx.plugin !== undefined && parameters.includes(ctx.plugin)) inner = { ...inner, plugin: undefined };
          break;
        }
        case 'call':
          this.onCall(node, ctx);
          break;
        case 'attribute':
          this.onAttribute(node, ctx);
          break;
        case 'identifier':
          this.onIdentifier(node, ctx);
          break;
      }
      const kids = node.namedChildren;
      for (let i = kids.length - 1; i >= 0; i--) {
        nodes.push(kids[i]);
        contexts.push(inner);
      }
    }
  }

  /** A read of a whole setting: recorded, with the key it reads when it is subscripted or `.get`. */
  private onSettingsRead(ctx: Context, at: PyNode, read: SettingsRead, how: SettingReader['how']): void {
    this.addRead([read.name], at, how, read.fallback !== null ? this.values.defaultOf(read.fallback) : undefined);
    this.scopedReads.push({ name: read.name, scope: ctx.scope, fn: ctx.fn, mapping: isDictDefault(read.fallback) || usedAsMapping(at), meet: meetingPoint(at, false), lookup: lookupKey(at) });
    const p = at.parent;
    if (p?.type === 'subscript' && p.childForFieldName('value') === at) {
      const key = stringValue(p.childForFieldName('subscript'));
      if (key !== undefined && SETTING_NAME.test(key)) this.addRead([read.name, key], p, how);
      return;
    }
    const call = p?.parent;
    if (p?.type !== 'attribute' || p.childForFieldName('attribute')?.text !== 'get' || call?.type !== 'call' || call.childForFieldName('function') !== p) return;
    const { positional } = argumentsOf(call);
    const key = stringValue(positional[0]);
    if (key !== undefined && SETTING_NAME.test(key)) this.addRead([read.name, key], call, how, positional[1] !== undefined ? this.values.defaultOf(positional[1]) : undefined);
  }

  private onCall(node: PyNode, ctx: Context): void {
    const fn = node.childForFieldName('function');
    if (fn === null) return;
    if (fn.type === 'identifier') {
      const name = fn.text;
      if ((name === 'getattr' || name === 'hasattr') && ctx.plugin !== undefined && this.onPluginGetattr(node, name, ctx.plugin)) return;
      if ((name === 'getattr' || name === 'hasattr') && this.mayReadSettings) {
        const read = this.settingsRead(node, ctx.shadowed);
        if (read !== undefined) {
          this.onSettingsRead(ctx, node, read, 'getattr');
          return;
        }
        const { positional } = argumentsOf(node);
        if (positional[1]?.type === 'call' && isSettingsObject(positional[0], this.bindings, ctx.shadowed)) {
          this.onBuiltName(node, positional[1], name === 'getattr' ? positional[2] : undefined);
          return;
        }
        const ref = positional[1]?.type === 'identifier' ? this.bindings.imported.get(positional[1].text) : undefined;
        if (ref !== undefined && isSettingsObject(positional[0], this.bindings, ctx.shadowed) && this.room(node)) {
          const read: ReadFact = { path: [], file: this.file, ...this.place(node), how: 'getattr' };
          if (name === 'getattr' && positional[2] !== undefined) read.default = this.values.defaultOf(positional[2]);
          this.out.namedByReference.push({ ref, read });
          return;
        }
      }
    }
    // Most calls have no string literal first: they are left before anything is allocated.
    if (node.childForFieldName('arguments')?.namedChildren[0]?.type !== 'string') return;
    const { positional, keywords } = argumentsOf(node);
    const first = stringValue(positional[0]);
    if (first === undefined || !SETTING_NAME.test(first)) return;
    const callee = this.callee(fn);
    if (callee === undefined || !this.room(node)) return;
    const args = positional.slice(0, MAX_CALL_ARGUMENTS).map((a) => this.argument(a));
    const named: Record<string, ArgumentFact> = {};
    for (const [name, value] of keywords) named[name] = this.argument(value);
    this.out.getterCalls.push({ callee, args, keywords: named, file: this.file, ...this.place(node) });
  }

  /** `getattr(settings, builder('A', 'B'), default)`: kept for when the builder is known. */
  private onBuiltName(node: PyNode, nameCall: PyNode, fallback: PyNode | undefined): void {
    const fn = nameCall.childForFieldName('function');
    const callee = fn === null ? undefined : this.callee(fn);
    const { positional, keywords } = argumentsOf(nameCall);
    const args = positional.map(stringValue);
    if (callee === undefined || keywords.size > 0 || args.length === 0 || !args.every((a): a is string => a !== undefined) || !this.room(node)) return;
    const fact: BuiltNameReadFact = { callee, args, file: this.file, ...this.place(node) };
    if (fallback !== undefined) fact.default = this.values.defaultOf(fallback);
    this.out.builtNameReads.push(fact);
  }

  private onAttribute(node: PyNode, ctx: Context): void {
    if (ctx.plugin !== undefined && this.onPluginAttribute(node, ctx.plugin)) return;
    if (!this.mayReadSettings) return;
    const read = this.settingsRead(node, ctx.shadowed);
    if (read !== undefined && !isStoreTarget(node)) this.onSettingsRead(ctx, node, read, 'attribute');
  }

  /** `getattr(settings, 'X', d)` on a plugin's settings parameter: a read with its default. True when it was one. */
  private onPluginGetattr(node: PyNode, fn: string, param: string): boolean {
    const { positional } = argumentsOf(node);
    if (positional[0]?.type !== 'identifier' || positional[0].text !== param) return false;
    const name = stringValue(positional[1]);
    if (name !== undefined && SETTING_NAME.test(name)) this.addRead([name], node, 'getattr', fn === 'getattr' && positional[2] !== undefined ? this.values.defaultOf(positional[2]) : undefined);
    return true;
  }

  /**
   * In a plugin app's `plugin_settings(settings)`: `settings.X = value` sets X (`how: 'plugin'`, the
   * value as its default), `settings.X` reads it, and `settings.ENV_TOKENS.get('X', d)` (or
   * `AUTH_TOKENS`, `_YAML_TOKENS`) reads X from the YAML file. True when the node was one of them.
   */
  private onPluginAttribute(node: PyNode, param: string): boolean {
    const object = node.childForFieldName('object');
    const name = node.childForFieldName('attribute')?.text;
    if (object?.type !== 'identifier' || object.text !== param || name === undefined) return false;
    if (YAML_TOKENS.has(name)) {
      const call = node.parent?.parent;
      if (node.parent?.type !== 'attribute' || node.parent.childForFieldName('attribute')?.text !== 'get' || call?.type !== 'call') return true;
      const { positional } = argumentsOf(call);
      const key = stringValue(positional[0]);
      if (key !== undefined && SETTING_NAME.test(key)) this.addRead([key], call, 'plugin', positional[1] !== undefined ? this.values.defaultOf(positional[1]) : undefined);
      return true;
    }
    if (!SETTING_NAME.test(name)) return true;
    const parent = node.parent;
    if (parent?.type === 'assignment' && parent.childForFieldName('left') === node) {
      const right = parent.childForFieldName('right');
      this.addRead([name], node, 'plugin', right !== null ? this.values.defaultOf(right) : undefined);
    } else if (!isStoreTarget(node)) {
      this.addRead([name], node, 'attribute');
    }
    return true;
  }

  /** Mentions of defaults dicts and of names bound to settings reads. */
  private onIdentifier(node: PyNode, ctx: Context): void {
    if (this.dicts.size === 0 && this.aliases.size === 0) return;
    const parent = node.parent;
    if (parent?.type === 'attribute' && parent.childForFieldName('attribute') === node) return;
    if (parent?.type === 'keyword_argument' && parent.childForFieldName('name') === node) return;
    const isOwnTarget = parent?.type === 'assignment' && parent.childForFieldName('left') === node && parent.parent?.parent === this.root;
    if (isOwnTarget) return;
    if (this.dicts.has(node.text)) this.dictRefs.push({ name: node.text, scope: ctx.scope, fn: ctx.fn, meet: meetingPoint(node, true), lookup: lookupKey(node), passedTo: passedTo(node, this.definitions) });
    const alias = this.aliases.get(node.text);
    if (alias !== undefined) this.scopedReads.push({ name: alias.name, scope: ctx.scope, fn: ctx.fn, mapping: alias.mapping || usedAsMapping(node), meet: meetingPoint(node, false), lookup: lookupKey(node) });
  }

  /** The dotted name of a called function: imported, defined in the module, or an attribute of an imported module. */
  private callee(fn: PyNode): string | undefined {
    if (fn.type === 'identifier') return this.bindings.imported.get(fn.text) ?? (this.functions.has(fn.text) ? `${this.module}.${fn.text}` : undefined);
    return fn.type === 'attribute' ? dottedName(fn, this.bindings) : undefined;
  }

  private argument(node: PyNode): ArgumentFact {
    const s = stringValue(node);
    return s !== undefined ? { string: s, value: this.values.defaultOf(node) } : { value: this.values.defaultOf(node) };
  }

  private place(node: PyNode): { line: number; column: number } {
    return { line: node.startPosition.row + 1, column: node.startPosition.column };
  }

  /** Whether one more read or call may be kept; the first time there is no room, a problem says so. */
  private room(node: PyNode): boolean {
    if (this.full) return false;
    if (this.out.reads.length + this.out.getterCalls.length + this.out.builtNameReads.length + this.out.namedByReference.length < this.maxReads) return true;
    this.full = true;
    this.out.problems.push({ code: 'limit-reached', message: `more than ${this.maxReads.toLocaleString('en-US')} settings reads in this module; the others were not kept`, file: this.file, ...this.place(node) });
    return false;
  }

  private addRead(path: string[], node: PyNode, how: SettingReader['how'], fallback?: DefaultFact): void {
    const place = this.place(node);
    // `settings.X = settings.ENV_TOKENS.get('X', …)` in a plugin: one line sets X and reads it from the YAML file, one reader.
    const last = this.out.reads[this.out.reads.length - 1];
    if (last !== undefined && last.how === how && last.line === place.line && last.path.join('.') === path.join('.')) {
      // The YAML read's default says more than the assignment of the call that reads it.
      if (fallback !== undefined && last.default?.value === undefined) last.default = fallback;
      return;
    }
    if (!this.room(node)) return;
    const read: ReadFact = { path, file: this.file, ...place, how };
    if (fallback !== undefined) read.default = fallback;
    const doc = commentAbove(node);
    if (doc !== undefined) read.doc = doc;
    this.out.reads.push(read);
  }
}

/**
 * The settings a module reads.
 * @param file the module's path, POSIX-relative to the site-packages folder (its dotted name is taken from it).
 * @param maxReads reads and helper calls kept; past it one `limit-reached` problem says so.
 */
export function scanModule(root: PyNode, file: string, maxReads: number): ModuleScan {
  return new ModuleScanner(root, file, maxReads).scan();
}

/** A module-level constant's value as a default (to resolve a default another module imports from this one). */
export function constantDefault(root: PyNode, file: string, name: string): DefaultFact | undefined {
  const constants = moduleAssignments(root);
  const node = constants.get(name);
  if (node === undefined) return undefined;
  const values = new ModuleValues(constants, readBindings(root, modulePlace(file)), () => undefined);
  return values.defaultOf(node);
}

/** A module-level class as a getter-class fact (the base of a getter class, looked up in its own module), or undefined. */
export function classFactIn(root: PyNode, file: string, name: string): GetterClass | undefined {
  const place = modulePlace(file);
  const classes = new Map<string, PyNode>();
  for (const statement of root.namedChildren) {
    const def = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    const n = def?.type === 'class_definition' ? def.childForFieldName('name')?.text : undefined;
    if (def !== null && n !== undefined) classes.set(n, def);
  }
  const cls = classes.get(name);
  if (cls === undefined) return undefined;
  const bindings = readBindings(root, place);
  const values = new ModuleValues(moduleAssignments(root), bindings, () => undefined);
  return classFact(name, cls, { module: place.module, bindings, classes, defaultOf: values.defaultOf });
}
