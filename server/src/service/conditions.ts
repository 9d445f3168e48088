/**
 * The conditions under which a key is read (`ENABLE_CORS_HEADERS or
 * ENABLE_CROSS_DOMAIN_CSRF_COOKIE`, `not X`, `FEATURES['X']`), as the extractor stored them
 * ({@link Condition}): the names they read, their value with three-valued logic (a name is true,
 * false, or unknown; anything unknown never causes a report), and their display text.
 */
import type { Condition } from '../catalog/types';

/** The truth of a setting: `undefined` when unknown. */
export type Truth = boolean | undefined;

/** The names a condition reads, each once, in the order they are written. */
export function conditionNames(condition: Condition): string[] {
  const out = new Set<string>();
  const visit = (c: Condition): void => {
    if (c.kind === 'name') out.add(c.name);
    else if (c.kind === 'not') visit(c.operand);
    else if (c.kind === 'and' || c.kind === 'or') c.operands.forEach(visit);
  };
  visit(condition);
  return [...out];
}

/**
 * Evaluates a condition; `valueOf` gives each name's truth. `and` is false when any operand is
 * false and true when all are true, `or` the other way round; anything else is unknown.
 * Literals have Python's truth (`None`, `False`, `0` and `''` are false).
 */
export function evaluateCondition(condition: Condition, valueOf: (name: string) => Truth): Truth {
  switch (condition.kind) {
    case 'name':
      return valueOf(condition.name);
    case 'literal':
      return condition.value !== null && condition.value !== false && condition.value !== 0 && condition.value !== '';
    case 'not': {
      const v = evaluateCondition(condition.operand, valueOf);
      return v === undefined ? undefined : !v;
    }
    case 'and':
    case 'or': {
      // The value that decides the junction on its own: a false operand for `and`, a true one for `or`.
      const decisive = condition.kind === 'or';
      let unknown = false;
      for (const operand of condition.operands) {
        const v = evaluateCondition(operand, valueOf);
        if (v === decisive) return decisive;
        if (v === undefined) unknown = true;
      }
      return unknown ? undefined : !decisive;
    }
  }
}

/** Binding strength, as Python's: `or` < `and` < `not` < a name or literal. */
const PRECEDENCE: Readonly<Record<Condition['kind'], number>> = { or: 1, and: 2, not: 3, name: 4, literal: 4 };

/**
 * The condition as Python would write it, parenthesised only where precedence needs it:
 * `A or B`, `A and (B or C)`, `not (A and B)`. A name is shown as the YAML sets it: `X`, also
 * when the code reads `FEATURES['X']` or `settings.X`.
 */
export function formatCondition(condition: Condition): string {
  const operand = (c: Condition, parent: number): string => (PRECEDENCE[c.kind] < parent ? `(${formatCondition(c)})` : formatCondition(c));
  switch (condition.kind) {
    case 'name':
      return condition.name;
    case 'literal':
      return pythonLiteral(condition.value);
    case 'not':
      return `not ${operand(condition.operand, PRECEDENCE.not)}`;
    case 'and':
    case 'or':
      // An empty junction is what Python's all([]) and any([]) give.
      if (condition.operands.length === 0) return condition.kind === 'and' ? 'True' : 'False';
      return condition.operands.map((c) => operand(c, PRECEDENCE[condition.kind])).join(` ${condition.kind} `);
  }
}

/** A literal as Python prints its repr: `True`, `None`, `3`, `'text'`. */
function pythonLiteral(value: boolean | number | string | null): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}
