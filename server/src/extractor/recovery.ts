/**
 * Recovery from broken Python. tree-sitter folds a damaged region into one ERROR node and
 * may swallow dozens of good statements with it; we re-parse that region one column-0
 * statement at a time so every setting that can still be read is read.
 */
import type { Node, Parser } from 'web-tree-sitter';
import type { ExtractionProblem } from '../catalog/types';
import type { StatementContext } from './interpreter';

const STATEMENT_START = /^[A-Za-z_@]/;
const SETTING_START = /^([A-Z][A-Z0-9_]*)\s*(?::[^=]*)?(?:=|\+=)(?!=)/;
const MAX_PROBLEMS = 50;

/** Reports the syntax errors of a tree: the outermost ERROR nodes and missing tokens, with positions. */
export function syntaxProblems(root: Node, file: string): ExtractionProblem[] {
  const out: ExtractionProblem[] = [];
  const visit = (n: Node): void => {
    if (out.length >= MAX_PROBLEMS) return;
    if (n.type === 'ERROR') {
      const open = unclosedBracket(n);
      if (open) {
        out.push({ code: 'syntax-error', message: `Python syntax error: \`${open.type}\` is never closed; settings after it were re-read line by line`, file, line: open.startPosition.row + 1, column: open.startPosition.column });
        return;
      }
      const first = n.text.split('\n')[0].trim().slice(0, 60);
      out.push({ code: 'syntax-error', message: `Python syntax error near \`${first}\`; settings here were re-read line by line`, file, line: n.startPosition.row + 1, column: n.startPosition.column });
      return;
    }
    if (n.isMissing) {
      out.push({ code: 'syntax-error', message: `Python syntax error: missing \`${n.type}\``, file, line: n.startPosition.row + 1, column: n.startPosition.column });
      return;
    }
    if (!n.hasError) return;
    for (const c of n.children) if (c) visit(c);
  };
  visit(root);
  return out;
}

const CLOSING: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

/** The innermost opening bracket among an ERROR node's tokens that no bracket closes, as Python reports it. */
function unclosedBracket(error: Node): Node | undefined {
  const stack: Node[] = [];
  for (const c of error.children) {
    if (!c) continue;
    if (c.type === '(' || c.type === '[' || c.type === '{') stack.push(c);
    else if (c.type in CLOSING && stack[stack.length - 1]?.type === CLOSING[c.type]) stack.pop();
  }
  return stack[stack.length - 1];
}

/**
 * Re-parses the lines of an ERROR node fragment by fragment.
 * @param run interprets a cleanly parsed fragment (its rows are shifted by the fragment's offset).
 * @param declare records a setting whose name is readable but whose value is not.
 */
export function recoverStatements(
  error: Node,
  ctx: StatementContext,
  parser: Parser,
  run: (fragment: Node, ctx: StatementContext) => void,
  declare?: (name: string, line: number) => void,
): void {
  const first = error.startPosition.row + ctx.lineOffset;
  const last = Math.min(error.endPosition.row + ctx.lineOffset, ctx.lines.length - 1);
  const starts: number[] = [];
  for (let row = first; row <= last; row++) {
    if (row === first || STATEMENT_START.test(ctx.lines[row] ?? '')) starts.push(row);
  }
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1] - 1 : last;
    const text = ctx.lines.slice(start, end + 1).join('\n');
    const tree = parser.parse(text);
    if (!tree) return;
    try {
      if (!tree.rootNode.hasError) {
        run(tree.rootNode, { ...ctx, lineOffset: start });
        return;
      }
      const m = SETTING_START.exec(ctx.lines[start] ?? '');
      if (m && declare) declare(m[1], start + 1);
    } finally {
      tree.delete();
    }
  });
}
