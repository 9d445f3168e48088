/**
 * `if` conditions as data ({@link Condition}), built from the syntax tree: the settings a
 * condition reads, joined by `not`, `and` and `or`, with literals. Also the guard each branch
 * of an `if`/`elif`/`else` chain runs under, for the interpreter and the YAML-loading analysis.
 */
import type { PyNode as Node } from '../python/syntaxTree';
import type { Condition } from '../catalog/types';
import type { Guard } from './statementContext';
import { evaluate } from './values';
import { decodeStringLiteral } from '../python/strings';
import { MAX_EXPRESSION_DEPTH } from './limits';

/** Node types whose value {@link evaluate} folds to a literal on its own. */
const LITERAL_NODES = new Set(['true', 'false', 'none', 'integer', 'float', 'string']);

/**
 * The condition a test expression states, or undefined when any part of it is something a
 * {@link Condition} cannot express (a comparison, a call other than `FEATURES.get('X', …)`,
 * an attribute other than `settings.X`, an f-string, …): such a condition is unknown.
 * @param featuresProxy whether `FEATURES` is a `FeaturesProxy`, so that `FEATURES['X']` reads
 *   the setting `X`. A plain `FEATURES` dict (older openedx-platform) is not the setting `X`:
 *   its entries are then no names at all.
 * @param depth how deep `node` is in the test: past {@link MAX_EXPRESSION_DEPTH} the condition is unknown.
 */
export function conditionOf(node: Node, featuresProxy: boolean, depth = 0): Condition | undefined {
  if (depth >= MAX_EXPRESSION_DEPTH) return undefined;
  switch (node.type) {
    case 'identifier':
      return { kind: 'name', name: node.text };
    case 'parenthesized_expression': {
      // A comment inside the parentheses is a named child too.
      const inner = node.namedChildren.filter((c) => c !== null && c.type !== 'comment');
      return inner.length === 1 && inner[0] ? conditionOf(inner[0], featuresProxy, depth + 1) : undefined;
    }
    case 'not_operator': {
      const argument = node.childForFieldName('argument');
      const operand = argument ? conditionOf(argument, featuresProxy, depth + 1) : undefined;
      return operand ? { kind: 'not', operand } : undefined;
    }
    case 'boolean_operator':
      return junction(node, featuresProxy, depth);
    case 'subscript':
      return featuresProxy ? featureName(node.childForFieldName('value'), node.childForFieldName('subscript')) : undefined;
    case 'call': {
      const fn = node.childForFieldName('function');
      if (!featuresProxy || fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'get') return undefined;
      const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((c) => c !== null && c.type !== 'comment');
      // `FEATURES.get('X')` or `FEATURES.get('X', default)`: the YAML's `X` decides either way.
      if (args.length < 1 || args.length > 2 || args.some((a) => a?.type === 'keyword_argument')) return undefined;
      return featureName(fn.childForFieldName('object'), args[0] ?? null);
    }
    case 'attribute': {
      const object = node.childForFieldName('object');
      const attribute = node.childForFieldName('attribute');
      return object?.type === 'identifier' && object.text === 'settings' && attribute ? { kind: 'name', name: attribute.text } : undefined;
    }
    default:
      return LITERAL_NODES.has(node.type) ? literal(node) : undefined;
  }
}

/** `A and B`, `A or B or C`: one operand list, flattened (tree-sitter nests a chain to the left). */
function junction(node: Node, featuresProxy: boolean, depth: number): Condition | undefined {
  const kind = node.childForFieldName('operator')?.text;
  if (kind !== 'and' && kind !== 'or') return undefined;
  const operands: Condition[] = [];
  for (const side of [node.childForFieldName('left'), node.childForFieldName('right')]) {
    const operand = side ? conditionOf(side, featuresProxy, depth + 1) : undefined;
    if (operand === undefined) return undefined;
    if (operand.kind === kind) operands.push(...operand.operands);
    else operands.push(operand);
  }
  return { kind, operands };
}

/** `FEATURES['X']` (or the object and key of `FEATURES.get('X')`) as the name `X`. */
function featureName(object: Node | null, key: Node | null): Condition | undefined {
  if (object?.type !== 'identifier' || object.text !== 'FEATURES' || key?.type !== 'string') return undefined;
  const name = decodeStringLiteral(key.text)?.value;
  return name !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? { kind: 'name', name } : undefined;
}

/** A literal's value, folded as values.ts folds it (no setting is asked). */
function literal(node: Node): Condition | undefined {
  const value = evaluate(node, () => undefined).value;
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return { kind: 'literal', value };
  return undefined;
}

/**
 * Whether a condition reads settings only: no literal (`if True:` is no condition on the YAML
 * file) and every name one that `isSetting` knows.
 */
export function settingsOnly(condition: Condition, isSetting: (name: string) => boolean): boolean {
  switch (condition.kind) {
    case 'name':
      return isSetting(condition.name);
    case 'not':
      return settingsOnly(condition.operand, isSetting);
    case 'and':
    case 'or':
      return condition.operands.every((c) => settingsOnly(c, isSetting));
    case 'literal':
      return false;
  }
}

/** The conjunction of conditions; undefined as soon as one of them is. */
function allOf(conditions: (Condition | undefined)[]): Condition | undefined {
  const operands: Condition[] = [];
  for (const c of conditions) {
    if (c === undefined) return undefined;
    if (c.kind === 'and') operands.push(...c.operands);
    else operands.push(c);
  }
  return operands.length === 1 ? operands[0] : { kind: 'and', operands };
}

/** One branch of an `if` statement: its own test, its body and the guard it runs under. */
export interface IfBranch {
  /** The `if` or `elif` test; null for `else`. */
  test: Node | null;
  /** Null only in a damaged tree. */
  body: Node | null;
  guard: Guard;
}

/**
 * The branches of an `if`/`elif`/`else` chain, in order, with the guard of each: the `if` body
 * runs under its test; an `elif` body when every earlier test is false and its own is true
 * (`not A and B`); the `else` body when every test is false (`not A and not B`).
 * `featuresProxy` as in {@link conditionOf}.
 */
export function ifBranches(stmt: Node, featuresProxy: boolean): IfBranch[] {
  const test = stmt.childForFieldName('condition');
  const text = test?.text ?? '?';
  const first = test ? conditionOf(test, featuresProxy) : undefined;
  const out: IfBranch[] = [{ test, body: stmt.childForFieldName('consequence'), guard: { text, condition: first } }];
  const earlier: (Condition | undefined)[] = [first === undefined ? undefined : { kind: 'not', operand: first }];
  for (const alt of stmt.childrenForFieldName('alternative')) {
    if (!alt) continue;
    const altTest = alt.childForFieldName('condition');
    const own = altTest ? conditionOf(altTest, featuresProxy) : undefined;
    const body = alt.childForFieldName('consequence') ?? alt.childForFieldName('body') ?? alt.namedChildren.find((c) => c?.type === 'block') ?? null;
    const condition = allOf(altTest ? [...earlier, own] : earlier);
    out.push({ test: altTest, body, guard: { text: altTest ? `${altTest.text} (elif)` : `not (${text})`, condition } });
    if (altTest) earlier.push(own === undefined ? undefined : { kind: 'not', operand: own });
  }
  return out;
}
