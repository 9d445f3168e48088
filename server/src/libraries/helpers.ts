/**
 * Helper functions a library reads its settings through, found by their shape, never by name:
 * a getter (`def setting(name, default=None): return getattr(settings, name, default)`, as
 * django-storages has) and a name builder (`nameBuilders.ts`). Only module-level functions whose
 * body is one `return` (after a docstring) are helpers: what they return is then certain.
 */
import type { PyNode } from '../python/syntaxTree';
import { isSettingsObject, type ModuleBindings } from './bindings';
import type { DefaultFact, GetterHelper, HelperFact, NamePart } from './facts';
import { nameTemplate } from './nameBuilders';

/** A function's positional parameters, by name, with their index, default and whether it is `*rest`. */
export interface Parameter {
  index: number;
  star: boolean;
  default?: PyNode;
}

/** Most helpers kept per module: a module of thousands of one-line functions is not a helper library. */
const MAX_HELPERS_PER_MODULE = 200;

/** The parameters of a function definition (keyword-only ones and `**kwargs` are left out). */
export function parametersOf(def: PyNode): Map<string, Parameter> {
  const out = new Map<string, Parameter>();
  const params = def.childForFieldName('parameters');
  if (params === null) return out;
  let index = 0;
  let keywordOnly = false;
  for (const p of params.namedChildren) {
    switch (p.type) {
      case 'identifier':
        if (!keywordOnly) out.set(p.text, { index: index++, star: false });
        break;
      case 'typed_parameter': {
        const name = p.namedChildren.find((c) => c.type === 'identifier');
        if (name !== undefined && !keywordOnly) out.set(name.text, { index: index++, star: false });
        break;
      }
      case 'default_parameter':
      case 'typed_default_parameter': {
        const name = p.childForFieldName('name');
        const value = p.childForFieldName('value');
        if (name !== null && !keywordOnly) out.set(name.text, { index: index++, star: false, ...(value !== null ? { default: value } : {}) });
        break;
      }
      case 'list_splat_pattern': {
        const name = p.namedChildren.find((c) => c.type === 'identifier');
        if (name !== undefined) out.set(name.text, { index, star: true });
        keywordOnly = true;
        break;
      }
      case 'keyword_separator':
        keywordOnly = true;
        break;
    }
  }
  return out;
}

/** The expression a function returns when its body is one `return` (after a docstring); else undefined. */
export function soleReturn(def: PyNode): PyNode | undefined {
  const body = def.childForFieldName('body');
  if (body === null) return undefined;
  const statements = body.namedChildren.filter((c) => c.type !== 'comment');
  const first = statements[0];
  const isDocstring = first?.type === 'expression_statement' && first.namedChildren[0]?.type === 'string';
  const rest = isDocstring ? statements.slice(1) : statements;
  if (rest.length !== 1 || rest[0].type !== 'return_statement') return undefined;
  return rest[0].namedChildren.find((c) => c.type !== 'comment');
}

/** What helper detection needs of the module. */
export interface HelperContext {
  module: string;
  bindings: ModuleBindings;
  /** The module-level function definitions by name. */
  functions: ReadonlyMap<string, PyNode>;
  /** A module-level string constant. */
  stringConstant(name: string): string | undefined;
  /** A default as the module states it. */
  defaultOf(node: PyNode): DefaultFact;
}

/** A getter: `return getattr(settings, <parameter>[, <parameter or expression>])`. */
function getterHelper(name: string, def: PyNode, returned: PyNode, ctx: HelperContext): GetterHelper | undefined {
  if (returned.type !== 'call' || returned.childForFieldName('function')?.text !== 'getattr') return undefined;
  const args = returned.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
  if (args.length < 2 || args.length > 3 || !isSettingsObject(args[0], ctx.bindings, new Set())) return undefined;
  const params = parametersOf(def);
  const nameParam = args[1].type === 'identifier' ? params.get(args[1].text) : undefined;
  if (nameParam === undefined || nameParam.star) return undefined;
  const helper: GetterHelper = { kind: 'getter', name: `${ctx.module}.${name}`, nameParameter: nameParam.index };
  const fallback = args[2];
  if (fallback === undefined) return helper;
  const fallbackParam = fallback.type === 'identifier' ? params.get(fallback.text) : undefined;
  if (fallbackParam !== undefined && !fallbackParam.star) {
    helper.defaultParameter = { index: fallbackParam.index, name: fallback.text, ...(fallbackParam.default !== undefined ? { default: ctx.defaultOf(fallbackParam.default) } : {}) };
  } else helper.fixedDefault = ctx.defaultOf(fallback);
  return helper;
}

/**
 * The helpers among the module-level functions: getters, and name builders (a builder may call
 * another of the module, evaluated on demand, cycles refused).
 */
export function findHelpers(ctx: HelperContext): HelperFact[] {
  const out: HelperFact[] = [];
  const templates = new Map<string, NamePart[] | undefined>();
  const evaluating = new Set<string>();
  const template = (name: string): NamePart[] | undefined => {
    if (templates.has(name)) return templates.get(name);
    const def = ctx.functions.get(name);
    const returned = def === undefined ? undefined : soleReturn(def);
    if (def === undefined || returned === undefined || evaluating.has(name)) return undefined;
    evaluating.add(name);
    const parameters = new Map([...parametersOf(def)].map(([n, p]) => [n, { index: p.index, star: p.star }]));
    const t = nameTemplate(returned, { parameters, constant: ctx.stringConstant, builder: template });
    evaluating.delete(name);
    templates.set(name, t);
    return t;
  };
  for (const [name, def] of ctx.functions) {
    if (out.length >= MAX_HELPERS_PER_MODULE) break;
    const returned = soleReturn(def);
    if (returned === undefined) continue;
    const getter = getterHelper(name, def, returned, ctx);
    if (getter !== undefined) {
      out.push(getter);
      continue;
    }
    const parts = template(name);
    if (parts !== undefined) out.push({ kind: 'name', name: `${ctx.module}.${name}`, parts });
  }
  return out;
}
