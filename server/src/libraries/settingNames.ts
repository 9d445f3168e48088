/**
 * Setting names held in constants: `getattr(settings, API_KEY_SETTING, d)` with a module-level
 * `API_KEY_SETTING = 'NAME'`, and `getattr(settings, self.API_KEY_SETTING)`, `cls.X` or
 * `Channel.X` with `X = 'NAME'` in the class body (edx-ace's Braze channel). A name imported from
 * another module is looked up by the distribution's scan (`ModuleScan.namedByReference`).
 */
import { decodeStringLiteral } from '../python/strings';
import type { PyNode } from '../python/syntaxTree';
import { parametersOf } from './helpers';
import type { ModuleValues } from './moduleValues';

/** Enclosing nodes climbed to find a function or class (deeper code is not worth the walk). */
const MAX_CLIMB = 64;

/** Whether a name is a parameter of a function or lambda the node is in (it then names no constant). */
function isParameter(node: PyNode, name: string): boolean {
  let at = node.parent;
  for (let i = 0; at !== null && i < MAX_CLIMB; i++, at = at.parent) {
    if ((at.type === 'function_definition' || at.type === 'lambda') && parametersOf(at).has(name)) return true;
  }
  return false;
}

/** The class a node is in, and the method of that class it is in (if any). */
function enclosingClass(node: PyNode): { cls: PyNode; method?: PyNode } | undefined {
  let method: PyNode | undefined;
  let at = node.parent;
  for (let i = 0; at !== null && i < MAX_CLIMB; i++, at = at.parent) {
    if (at.type === 'function_definition') method = at;
    if (at.type === 'class_definition') {
      // The method must be the class's own (not a function nested in one of its methods).
      const owner = method?.parent?.type === 'decorated_definition' ? method.parent.parent : method?.parent;
      return owner?.parent === at ? { cls: at, method } : { cls: at };
    }
  }
  return undefined;
}

/** The string a class body assigns to a name (`X = 'NAME'`, or a module constant). */
function classConstant(cls: PyNode, name: string, values: ModuleValues): string | undefined {
  let found: string | undefined;
  for (const statement of cls.childForFieldName('body')?.namedChildren ?? []) {
    const assignment = statement.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
    if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.text !== name) continue;
    const right = assignment.childForFieldName('right');
    if (right?.type === 'string') found = decodeStringLiteral(right.text)?.value;
    else if (right?.type === 'identifier') found = values.stringConstant(right.text);
    else found = undefined;
  }
  return found;
}

/** The first parameter's name of a method (`self`, `cls`). */
function firstParameter(def: PyNode): string | undefined {
  for (const [name, p] of parametersOf(def)) if (p.index === 0 && !p.star) return name;
  return undefined;
}

/**
 * The setting name an expression holds through a constant: a module-level string constant, or a
 * class constant read through `self`, `cls` or the class's name; undefined otherwise.
 * @param classes the module-level classes by name (for `Channel.X` outside the class).
 */
export function settingNameNode(node: PyNode | undefined, values: ModuleValues, classes: ReadonlyMap<string, PyNode>): string | undefined {
  if (node === undefined) return undefined;
  if (node.type === 'identifier') return isParameter(node, node.text) ? undefined : values.stringConstant(node.text);
  if (node.type !== 'attribute') return undefined;
  const object = node.childForFieldName('object');
  const attribute = node.childForFieldName('attribute')?.text;
  if (object?.type !== 'identifier' || attribute === undefined) return undefined;
  const named = classes.get(object.text);
  if (named !== undefined && !isParameter(node, object.text)) return classConstant(named, attribute, values);
  const around = enclosingClass(node);
  if (around?.method === undefined || firstParameter(around.method) !== object.text) return undefined;
  return classConstant(around.cls, attribute, values);
}
