/**
 * Module-level control flow judged statically: whether an `if` branch or a loop body runs when
 * the module is imported, from the literal values of the settings its condition reads.
 */
import type { PyNode as Node } from '../python/syntaxTree';
import type { JsonValue } from '../catalog/types';
import type { EvaluatedValue } from './values';
import { MAX_EXPRESSION_DEPTH } from './limits';

/**
 * Whether statements run: absent when they surely run, `skipped` when they surely do not,
 * `unknown` when it cannot be told.
 */
export type Branch = 'skipped' | 'unknown' | undefined;

/** Python's truth value of a literal: empty containers, `0`, `''`, `None` and `False` are false. */
export function pythonTruth(value: JsonValue): boolean {
  if (value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

/**
 * A condition's truth when the settings it reads have literal values so far; undefined otherwise.
 * Handles `not`, `and`, `or` and parentheses around anything {@link evaluate} folds.
 * @param depth how deep `node` is in the test: past {@link MAX_EXPRESSION_DEPTH} the truth is unknown.
 */
export function truthOf(node: Node, evaluate: (n: Node) => EvaluatedValue, depth = 0): boolean | undefined {
  if (depth >= MAX_EXPRESSION_DEPTH) return undefined;
  if (node.type === 'parenthesized_expression') {
    const inner = node.namedChildren.find((c) => c !== null && c.type !== 'comment');
    return inner ? truthOf(inner, evaluate, depth + 1) : undefined;
  }
  if (node.type === 'not_operator') {
    const arg = node.childForFieldName('argument');
    const t = arg ? truthOf(arg, evaluate, depth + 1) : undefined;
    return t === undefined ? undefined : !t;
  }
  if (node.type === 'boolean_operator') {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const a = left ? truthOf(left, evaluate, depth + 1) : undefined;
    const b = right ? truthOf(right, evaluate, depth + 1) : undefined;
    if (node.childForFieldName('operator')?.text === 'and') return a === false || b === false ? false : a === true && b === true ? true : undefined;
    return a === true || b === true ? true : a === false && b === false ? false : undefined;
  }
  const value = evaluate(node).value;
  return value === undefined ? undefined : pythonTruth(value);
}

/** The branch of a block that runs when `runs` (true, false or unknown), inside a block whose branch is `outer`. */
export function branchOf(outer: Branch, runs: boolean | undefined): { branch?: 'skipped' | 'unknown' } {
  if (outer === 'skipped' || runs === false) return { branch: 'skipped' };
  if (outer === 'unknown' || runs === undefined) return { branch: 'unknown' };
  return {};
}

/**
 * Whether each branch of an `if`/`elif`/`else` chain runs, given the truth of each condition
 * (`else` counts as true): once a branch surely runs the later ones surely do not.
 */
export function chainRuns(truths: (boolean | undefined)[]): (boolean | undefined)[] {
  // Whether an earlier branch surely ran (true), surely did not (false), or may have.
  let earlier: boolean | undefined = false;
  return truths.map((own) => {
    const runs = earlier === true ? false : earlier === false ? own : own === false ? false : undefined;
    if (earlier === false) earlier = own;
    return runs;
  });
}
