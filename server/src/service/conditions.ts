/**
 * Evaluates the conditions under which a key is read (`ENABLE_CORS_HEADERS or
 * ENABLE_CROSS_DOMAIN_CSRF_COOKIE`, `not X`, `FEATURES['X']`), with three-valued logic: a name
 * is true, false, or unknown. Anything not understood is unknown, so it never causes a report.
 */

/** The truth of a setting: `undefined` when unknown. */
export type Truth = boolean | undefined;

type Token = { kind: 'name'; name: string } | { kind: 'op'; op: 'and' | 'or' | 'not' | '(' | ')' };

const NAME_FORMS = [
  /^FEATURES\s*\[\s*(['"])([A-Za-z_][A-Za-z0-9_]*)\1\s*\]/,
  /^FEATURES\s*\.\s*get\s*\(\s*(['"])([A-Za-z_][A-Za-z0-9_]*)\1\s*(?:,[^)]*)?\)/,
  /^settings\s*\.\s*()([A-Za-z_][A-Za-z0-9_]*)/,
  /^()([A-Za-z_][A-Za-z0-9_]*)/,
];

function tokenize(expr: string): Token[] | undefined {
  const tokens: Token[] = [];
  let rest = expr.trim();
  while (rest.length > 0) {
    if (rest[0] === '(' || rest[0] === ')') {
      tokens.push({ kind: 'op', op: rest[0] });
      rest = rest.slice(1).trimStart();
      continue;
    }
    let matched = false;
    for (const form of NAME_FORMS) {
      const m = form.exec(rest);
      if (m === null) continue;
      const word = m[2];
      if (word === 'and' || word === 'or' || word === 'not') tokens.push({ kind: 'op', op: word });
      else tokens.push({ kind: 'name', name: word });
      rest = rest.slice(m[0].length).trimStart();
      matched = true;
      break;
    }
    if (!matched) return undefined;
  }
  return tokens;
}

/** The names an expression reads (empty when it cannot be parsed). */
export function conditionNames(expr: string): string[] {
  return (tokenize(expr) ?? []).flatMap((t) => (t.kind === 'name' ? [t.name] : []));
}

/** Evaluates `expr`; `valueOf` gives each name's truth. Unparseable expressions are unknown. */
export function evaluateCondition(expr: string, valueOf: (name: string) => Truth): Truth {
  const tokens = tokenize(expr);
  if (tokens === undefined || tokens.length === 0) return undefined;
  let i = 0;
  let failed = false;
  const peekOp = (op: string): boolean => {
    const t = tokens[i];
    return t !== undefined && t.kind === 'op' && t.op === op;
  };
  const atom = (): Truth => {
    const t = tokens[i++];
    if (t === undefined) {
      failed = true;
      return undefined;
    }
    if (t.kind === 'name') return valueOf(t.name);
    if (t.op === 'not') {
      const v = atom();
      return v === undefined ? undefined : !v;
    }
    if (t.op === '(') {
      const v = or();
      if (!peekOp(')')) failed = true;
      i++;
      return v;
    }
    failed = true;
    return undefined;
  };
  const and = (): Truth => {
    let v = atom();
    while (peekOp('and')) {
      i++;
      const w = atom();
      v = v === false || w === false ? false : v === undefined || w === undefined ? undefined : true;
    }
    return v;
  };
  const or = (): Truth => {
    let v = and();
    while (peekOp('or')) {
      i++;
      const w = and();
      v = v === true || w === true ? true : v === undefined || w === undefined ? undefined : false;
    }
    return v;
  };
  const result = or();
  return failed || i !== tokens.length ? undefined : result;
}
