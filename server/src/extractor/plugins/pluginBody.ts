/**
 * A plugin settings module's `plugin_settings(settings)` function, made readable by the settings
 * interpreter as if it were a settings module: `settings` is the settings module itself (the
 * framework passes it in), so the body's `settings.X` is the module-level name `X`. The body is
 * copied with `settings.X` as the identifier `X` (its text is `X`, its position the name's), and
 * `getattr(settings, 'X', default)` as `X` too (the name is then known, see {@link PluginGetattr}).
 * Names the body reads without `settings.` are the plugin module's own, never settings: a
 * module-level literal constant is put in its place (`ACE_ROUTING_KEY = 'edx.lms.core.default'`),
 * any other name becomes a `plugin_local` node, which reads as a computed value.
 */
import type { PyNode } from '../../python/syntaxTree';
import { SyntaxNode } from '../../python/syntaxTree';
import { decodeStringLiteral } from '../../python/strings';
import { evaluate } from '../values';
import { simpleAssignments } from './assignments';

const SETTING_NAME = /^[A-Z][A-Z0-9_]*$/;

/** The node type of a name the body reads that belongs to the plugin module (never a setting). */
export const PLUGIN_LOCAL = 'plugin_local';

/** Methods that edit a setting in place. */
const EDITS = new Set(['append', 'extend', 'insert', 'remove', 'update', 'pop', 'setdefault', 'clear', 'add', 'discard']);

/** `getattr(settings, 'X', default)`: X is read, with this default when no module defined it. */
export interface PluginGetattr {
  name: string;
  /** The default argument, as copied (absent: Python raises if X is missing). */
  fallback?: SyntaxNode;
  /** 1-based. */
  line: number;
  column: number;
  /** Index of the call in the module's text (getattr reads are in document order). */
  index: number;
}

/** A setting the body assigns or edits, and where. */
export interface PluginWrite {
  name: string;
  /** 1-based line of the statement. */
  line: number;
  /**
   * Set for `settings.FEATURES['X'] = …` and `settings.FEATURES.update({'X': …})`: `name` is the
   * key, a top-level setting under the FEATURES proxy, an entry of the FEATURES dict otherwise.
   */
  feature?: true;
}

/** The readable copy of a module's `plugin_settings` function. */
export interface PluginBody {
  /** The function's body (a `block`), `settings.X` read as `X`. */
  body: SyntaxNode;
  /** The function's parameter (`settings`). */
  param: string;
  getattrs: PluginGetattr[];
  writes: PluginWrite[];
}

/** The last module-level `def <name>(...)` (`plugin_settings`), as Python keeps the last definition. */
export function lastModuleFunction(root: PyNode, name: string): PyNode | undefined {
  let found: PyNode | undefined;
  for (const stmt of root.namedChildren) {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (def?.type === 'function_definition' && def.childForFieldName('name')?.text === name) found = def;
  }
  return found;
}

/** The name of a function's first parameter. */
function firstParameter(fn: PyNode): string | undefined {
  const first = fn.childForFieldName('parameters')?.namedChildren.find((c) => c.type !== 'comment');
  if (first?.type === 'identifier') return first.text;
  if (first?.type === 'typed_parameter') return first.namedChildren.find((c) => c.type === 'identifier')?.text;
  return first?.childForFieldName('name')?.text;
}

/** The plugin module's own literal constants: the last module-level assignment of each name, when it is a literal. */
function moduleConstants(root: PyNode): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  for (const { name, value: right } of simpleAssignments(root)) {
    if (!(right instanceof SyntaxNode)) continue;
    const value = evaluate(right, () => undefined);
    if (value.value !== undefined && value.reads.length === 0) out.set(name, right);
    else out.delete(name);
  }
  return out;
}

/** Field names a name is written under that are not reads (`obj.NAME`, `f(NAME=…)`, `def NAME`, `import a as NAME`). */
const NOT_READ_FIELDS = new Set(['attribute', 'name', 'alias', 'module_name']);
/** Parents whose names are not reads. */
const NOT_READ_PARENTS = new Set(['parameters', 'lambda_parameters', 'typed_parameter', 'dotted_name', 'global_statement', 'nonlocal_statement']);
/** Parents whose `left` is a target (a local variable of the function, never a setting). */
const TARGET_PARENTS = new Set(['assignment', 'augmented_assignment', 'for_statement', 'for_in_clause']);
const PATTERNS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern']);

/** One node being copied: its children's copies gather in `kids`. */
interface Frame {
  node: SyntaxNode;
  parent: SyntaxNode | undefined;
  field: string | null;
  next: number;
  kids: SyntaxNode[];
}

/** Copies a subtree, reading it as described in the module comment. */
class BodyCopier {
  readonly getattrs: PluginGetattr[] = [];

  constructor(
    private readonly param: string,
    private readonly constants: ReadonlyMap<string, SyntaxNode>,
  ) {}

  copy(top: SyntaxNode): SyntaxNode {
    // Children before parents, through an explicit stack (a body may nest deeply).
    const stack: Frame[] = [{ node: top, parent: undefined, field: null, next: 0, kids: [] }];
    for (;;) {
      const f = stack[stack.length - 1];
      if (f.next < f.node.children.length) {
        const i = f.next++;
        stack.push({ node: f.node.children[i], parent: f.node, field: f.node.fieldNameForChild(i), next: 0, kids: [] });
        continue;
      }
      stack.pop();
      const built = this.build(f);
      if (stack.length === 0) return built;
      stack[stack.length - 1].kids.push(built);
    }
  }

  private leaf(from: SyntaxNode, type: string, start: number, end: number): SyntaxNode {
    return new SyntaxNode(from.source, type, true, false, start, end, [], undefined, false);
  }

  private build(f: Frame): SyntaxNode {
    const n = f.node;
    if (n.type === 'attribute') {
      const object = n.childForFieldName('object');
      const attribute = n.childForFieldName('attribute');
      if (object?.type === 'identifier' && object.text === this.param && attribute?.type === 'identifier') return this.leaf(n, 'identifier', attribute.startIndex, attribute.endIndex);
    }
    if (n.type === 'call') {
      const read = this.getattrRead(n, f.kids);
      if (read !== undefined) return read;
    }
    if (n.type === 'identifier' && SETTING_NAME.test(n.text) && this.isRead(f)) {
      const constant = this.constants.get(n.text);
      if (constant !== undefined && !this.isTarget(f)) return constant.shifted(0, constant.source);
      return this.leaf(n, PLUGIN_LOCAL, n.startIndex, n.endIndex);
    }
    const fields = n.children.map((_, i) => n.fieldNameForChild(i));
    return new SyntaxNode(n.source, n.type, n.isNamed, n.isMissing, n.startIndex, n.endIndex, f.kids, fields.some((x) => x !== null) ? fields : undefined, n.hasError);
  }

  /** Whether an uppercase name is read (or assigned) as a variable there, not an attribute, keyword or parameter. */
  private isRead(f: Frame): boolean {
    return !(f.field !== null && NOT_READ_FIELDS.has(f.field)) && !(f.parent !== undefined && NOT_READ_PARENTS.has(f.parent.type));
  }

  private isTarget(f: Frame): boolean {
    return f.parent !== undefined && ((f.field === 'left' && TARGET_PARENTS.has(f.parent.type)) || PATTERNS.has(f.parent.type));
  }

  /** `getattr(settings, 'X'[, default])` as the identifier `X` (the string's content), recorded. */
  private getattrRead(call: SyntaxNode, kids: readonly SyntaxNode[]): SyntaxNode | undefined {
    const fn = call.childForFieldName('function');
    const args = call.childForFieldName('arguments');
    if (fn?.type !== 'identifier' || fn.text !== 'getattr' || !args) return undefined;
    const positional = args.namedChildren.filter((c) => c.type !== 'comment');
    if (positional.length < 2 || positional.length > 3 || positional.some((a) => a.type === 'keyword_argument')) return undefined;
    const [target, key, fallback] = positional;
    const name = key.type === 'string' ? decodeStringLiteral(key.text)?.value : undefined;
    const content = key.namedChildren.find((c) => c.type === 'string_content');
    if (target.type !== 'identifier' || target.text !== this.param || name === undefined || !/^[A-Za-z_]\w*$/.test(name) || content?.text !== name) return undefined;
    const copiedArgs = kids[call.children.indexOf(args)];
    const copiedFallback = fallback !== undefined ? copiedArgs?.children[args.children.indexOf(fallback)] : undefined;
    this.getattrs.push({ name, ...(copiedFallback !== undefined ? { fallback: copiedFallback } : {}), line: call.startPosition.row + 1, column: call.startPosition.column, index: call.startIndex });
    return this.leaf(call, 'identifier', content.startIndex, content.endIndex);
  }
}

/** The identifier a target or edited object starts from (`X` in `X['a'].b`). */
function baseName(node: PyNode | null): string | undefined {
  let cur = node;
  while (cur && (cur.type === 'subscript' || cur.type === 'attribute')) cur = cur.childForFieldName(cur.type === 'subscript' ? 'value' : 'object');
  return cur?.type === 'identifier' ? cur.text : undefined;
}

/** `FEATURES['X']`: the key. */
function featureKey(node: PyNode): string | undefined {
  if (node.type !== 'subscript' || node.childForFieldName('value')?.text !== 'FEATURES') return undefined;
  const key = node.childForFieldName('subscript');
  return key?.type === 'string' ? decodeStringLiteral(key.text)?.value : undefined;
}

/** Whether a node runs when the body runs (not inside a nested function, lambda or class). */
function runsWithBody(node: PyNode, body: PyNode): boolean {
  for (let cur = node.parent; cur && cur !== body; cur = cur.parent) {
    if (cur.type === 'function_definition' || cur.type === 'lambda' || cur.type === 'class_definition') return false;
  }
  return true;
}

/** The settings the copied body assigns or edits. */
function writesOf(body: SyntaxNode): PluginWrite[] {
  const out: PluginWrite[] = [];
  const add = (name: string | undefined, node: PyNode, feature?: boolean): void => {
    if (name !== undefined && (feature || SETTING_NAME.test(name))) out.push({ name, line: node.startPosition.row + 1, ...(feature ? { feature: true as const } : {}) });
  };
  for (const node of body.descendantsOfType(['assignment', 'augmented_assignment', 'call'])) {
    if (!runsWithBody(node, body)) continue;
    if (node.type === 'call') {
      const fn = node.childForFieldName('function');
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      const object = fn?.childForFieldName('object') ?? null;
      if (method === undefined || !EDITS.has(method)) continue;
      const base = baseName(object);
      if (base === 'FEATURES' && object?.type === 'identifier' && method === 'update') {
        for (const arg of node.childForFieldName('arguments')?.namedChildren ?? []) {
          if (arg.type === 'keyword_argument') add(arg.childForFieldName('name')?.text, node, true);
          else if (arg.type === 'dictionary') {
            for (const pair of arg.namedChildren) {
              const key = pair.type === 'pair' ? pair.childForFieldName('key') : null;
              if (key?.type === 'string') add(decodeStringLiteral(key.text)?.value, node, true);
            }
          }
        }
      } else add(base, node);
      continue;
    }
    const left = node.childForFieldName('left');
    if (!left) continue;
    const targets = PATTERNS.has(left.type) ? left.namedChildren : [left];
    for (const t of targets) {
      const key = featureKey(t);
      if (key !== undefined) add(key, node, true);
      else add(baseName(t), node);
    }
  }
  return out;
}

/**
 * The readable copy of a plugin settings module's `plugin_settings(settings)`, or undefined when
 * the module defines none (or it takes no parameter).
 * @param root the module's syntax tree copy.
 */
export function pluginBody(root: SyntaxNode): PluginBody | undefined {
  const fn = lastModuleFunction(root, 'plugin_settings');
  const param = fn ? firstParameter(fn) : undefined;
  const original = fn?.childForFieldName('body');
  if (!param || !(original instanceof SyntaxNode)) return undefined;
  const copier = new BodyCopier(param, moduleConstants(root));
  const body = copier.copy(original);
  return { body, param, getattrs: copier.getattrs.sort((a, b) => a.index - b.index), writes: writesOf(body) };
}
