/**
 * Where a defaults dict or a setting read is used, as the pairing of `defaultsDicts.ts` needs it:
 * the call or dict display both are items of, the key they are looked up with, the module-level
 * definition the dict is passed to.
 */
import type { PyNode } from '../python/syntaxTree';

/** Nodes that pass a value on unchanged (`(x)`, `x or {}`, `name=x`, `**x`). */
const TRANSPARENT = new Set(['parenthesized_expression', 'boolean_operator', 'keyword_argument', 'dictionary_splat', 'list_splat']);

/** Nodes climbed: values are not nested deeper than this in the shapes recognised. */
const MAX_CLIMB = 8;

/**
 * The node id of the call arguments or dict display `node` is an item of: `f(USER, DEFAULTS)`,
 * `{**DEFAULTS, **getattr(settings, 'X', {})}`; a method call on it counts as its own arguments
 * (`DEFAULTS.update(settings.X)`). A dict looked up (`DEFAULTS[k]`) stands for itself when `lookedUp`.
 */
export function meetingPoint(node: PyNode, lookedUp: boolean): number | undefined {
  let at = node;
  let splat = false;
  for (let i = 0; i < MAX_CLIMB; i++) {
    const parent = at.parent;
    if (parent === null) return undefined;
    if (parent.type === 'attribute' && parent.childForFieldName('object') === at) {
      const call = parent.parent;
      return call?.type === 'call' && call.childForFieldName('function') === parent ? call.childForFieldName('arguments')?.id : undefined;
    }
    if (parent.type === 'argument_list') return parent.id;
    if (parent.type === 'dictionary') return splat ? parent.id : undefined;
    if (lookedUp && parent.type === 'subscript' && parent.childForFieldName('value') === at) {
      at = parent;
      continue;
    }
    if (!TRANSPARENT.has(parent.type)) return undefined;
    if (parent.type === 'dictionary_splat') splat = true;
    at = parent;
  }
  return undefined;
}

/** The name a mapping is looked up with: `x[name]`, `x.get(name, …)` (a variable key: a generic lookup, not one key). */
export function lookupKey(node: PyNode): string | undefined {
  const parent = node.parent;
  if (parent?.type === 'subscript' && parent.childForFieldName('value') === node) {
    const key = parent.childForFieldName('subscript');
    return key?.type === 'identifier' ? key.text : undefined;
  }
  const call = parent?.parent;
  if (parent?.type !== 'attribute' || parent.childForFieldName('attribute')?.text !== 'get' || call?.type !== 'call' || call.childForFieldName('function') !== parent) return undefined;
  const first = call.childForFieldName('arguments')?.namedChildren.find((a) => a.type !== 'comment');
  return first?.type === 'identifier' ? first.text : undefined;
}

/** The module-level class or function `node` is passed to as an argument (`APISettings(None, DEFAULTS)`). */
export function passedTo(node: PyNode, definitions: ReadonlyMap<string, number>): string | undefined {
  let at = node;
  if (at.parent?.type === 'keyword_argument') at = at.parent;
  const call = at.parent?.type === 'argument_list' ? at.parent.parent : null;
  const fn = call?.type === 'call' ? call.childForFieldName('function') : null;
  return fn?.type === 'identifier' && definitions.has(fn.text) ? fn.text : undefined;
}
