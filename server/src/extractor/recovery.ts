/**
 * Recovery from broken Python. Problems give positions and kinds of token, never the source's
 * text (a settings module may hold secrets; problems reach hovers, logs and shipped schemas).
 * tree-sitter folds a damaged region into one ERROR node and
 * may swallow dozens of good statements with it; we re-parse that region one column-0
 * statement at a time so every setting that can still be read is read.
 */
import type { Parser } from 'web-tree-sitter';
import { parseClean } from '../python/parseCache';
import type { PyNode as Node } from '../python/syntaxTree';
import type { ExtractionProblem } from '../catalog/types';
import type { StatementContext } from './statementContext';

const STATEMENT_START = /^[A-Za-z_@]/;
const SETTING_START = /^([A-Z][A-Z0-9_]*)\s*(?::[^=]*)?(?:=|\+=)(?!=)/;
const MAX_PROBLEMS = 50;

/**
 * Fragments of one module whose re-parse may fail before the rest of its damage is read by names
 * only: re-parsing garbage is slow (a 1 MB file of it took over a minute), real damage fails a few times.
 */
export const MAX_FAILED_REPARSES = 200;

/** Reports the syntax errors of a tree: the outermost ERROR nodes and missing tokens, with positions. */
export function syntaxProblems(root: Node, file: string): ExtractionProblem[] {
  const out: ExtractionProblem[] = [];
  // An explicit stack, in document order: a damaged expression may nest thousands of levels.
  const stack: Node[] = [root];
  while (stack.length > 0 && out.length < MAX_PROBLEMS) {
    const n = stack.pop() as Node;
    if (n.type === 'ERROR') {
      const open = unclosedBracket(n);
      if (open) {
        out.push({ code: 'syntax-error', message: `Python syntax error: \`${open.type}\` is never closed; settings after it were re-read line by line`, file, line: open.startPosition.row + 1, column: open.startPosition.column });
        continue;
      }
      // Never the damaged text itself: it may hold a secret (`KEY = "AKIA…` one line above a typo).
      const line = n.startPosition.row + 1;
      const column = n.startPosition.column;
      out.push({ code: 'syntax-error', message: `Python syntax error at line ${line}, column ${column + 1} (unexpected ${tokenKind(n)}); settings here were re-read line by line`, file, line, column });
      continue;
    }
    if (n.isMissing) {
      out.push({ code: 'syntax-error', message: `Python syntax error: missing \`${n.type}\``, file, line: n.startPosition.row + 1, column: n.startPosition.column });
      continue;
    }
    if (!n.hasError) continue;
    const kids = n.children;
    for (let i = kids.length - 1; i >= 0; i--) if (kids[i]) stack.push(kids[i]);
  }
  return out;
}

/** Where an assignment chain has an `=` with nothing after it on its line. */
export interface DanglingEquals {
  /** 0-based module row of the `=`. */
  row: number;
  /** 0-based column where the value is missing (the end of the line), as Python reports it. */
  column: number;
  /** The targets up to and including the one before the `=`. */
  targets: Node[];
}

/**
 * Finds `FOO = ` with nothing after the `=` (no value, no backslash) in an expression
 * statement. tree-sitter accepts it by taking the next line as the value; Python does not.
 */
export function findDanglingEquals(stmt: Node, ctx: StatementContext): DanglingEquals | undefined {
  // Most statements fit on one line: nothing to look for.
  if (stmt.startPosition.row === stmt.endPosition.row) return undefined;
  const targets: Node[] = [];
  let cur: Node | null = stmt.namedChildren[0] ?? null;
  while (cur && cur.type === 'assignment') {
    const right = cur.childForFieldName('right');
    const target = cur.childForFieldName('left');
    if (!right || !target) return undefined;
    targets.push(target);
    const beforeEquals = cur.childForFieldName('type') ?? target;
    if (right.startPosition.row > beforeEquals.endPosition.row) {
      const row = beforeEquals.endPosition.row + ctx.lineOffset;
      const lineText = ctx.lines[row] ?? '';
      const after = lineText.slice(beforeEquals.endPosition.column).replace(/#.*$/, '').trim();
      if (after === '=') return { row, column: lineText.length, targets };
    }
    cur = right;
  }
  return undefined;
}

/**
 * What an ERROR node starts with, without its text: a grammar token (keyword or punctuation, the
 * same in every module) is quoted, anything else (a string, a number, a name) is named by kind.
 */
function tokenKind(error: Node): string {
  let first: Node | undefined = error;
  while (first !== undefined && first.type === 'ERROR') first = first.children[0];
  if (first === undefined) return 'text';
  if (!first.isNamed) return `\`${first.type}\``;
  return first.type.replace(/_/g, ' ');
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
 * @param declare records a setting whose name is readable but whose value is not (1-based line, 0-based column).
 */
export function recoverStatements(
  error: Node,
  ctx: StatementContext,
  parser: Parser,
  run: (fragment: Node, ctx: StatementContext) => void,
  declare?: (name: string, line: number, column: number) => void,
): void {
  reparseLines(error.startPosition.row + ctx.lineOffset, error.endPosition.row + ctx.lineOffset, ctx, parser, run, declare);
}

/**
 * Re-parses the module's lines `first..last` (0-based, inclusive) fragment by fragment: each
 * fragment starts at a line that starts a statement at column 0. Parameters as {@link recoverStatements}.
 */
export function reparseLines(
  first: number,
  lastRow: number,
  ctx: StatementContext,
  parser: Parser,
  run: (fragment: Node, ctx: StatementContext) => void,
  declare?: (name: string, line: number, column: number) => void,
): void {
  const last = Math.min(lastRow, ctx.lines.length - 1);
  const starts: number[] = [];
  for (let row = first; row <= last; row++) {
    if (row === first || STATEMENT_START.test(ctx.lines[row] ?? '')) starts.push(row);
  }
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1] - 1 : last;
    if (parseAndRun(ctx.lines.slice(start, end + 1).join('\n'), start, ctx, parser, run)) return;
    if (end > start && BLOCK_HEADER.test(ctx.lines[start] ?? '')) {
      reparseBlock(start, end, ctx, parser, run, declare);
      return;
    }
    // A whole statement on its first line, the damage on the lines after it (`X = []` then `\+=`).
    if (end > start && parseAndRun(ctx.lines[start] ?? '', start, ctx, parser, run)) return;
    declareAt(start, ctx, declare);
  });
}

/** Declares the setting a damaged line starts to assign, if it names one. */
function declareAt(row: number, ctx: StatementContext, declare?: (name: string, line: number, column: number) => void): void {
  const line = ctx.lines[row] ?? '';
  const m = SETTING_START.exec(line.trimStart());
  if (m && declare) declare(m[1], row + 1, line.length - line.trimStart().length);
}

/** A compound statement's header line (`if X:`, `with open(f) as f:`, `else:`, …). */
const BLOCK_HEADER = /^\s*(?:if|elif|else|with|try|except|finally)\b.*:\s*(?:#.*)?$/;

/**
 * Parses `text` (whose first line is module line `offset`) and runs it when it parses cleanly.
 * Once the module's recovery budget ({@link StatementContext.recovery}) is spent, nothing is parsed any more (false).
 */
function parseAndRun(text: string, offset: number, ctx: StatementContext, parser: Parser, run: (fragment: Node, ctx: StatementContext) => void): boolean {
  if (ctx.recovery !== undefined && ctx.recovery.failed >= MAX_FAILED_REPARSES) return false;
  const fragment = parseClean(parser, text);
  if (fragment === undefined) {
    if (ctx.recovery !== undefined) ctx.recovery.failed++;
    return false;
  }
  run(fragment, { ...ctx, lineOffset: offset, fragment: true });
  return true;
}

/**
 * A damaged block: re-reads each statement of its body under the header line, so that the
 * statements around the damage keep their block (an `if` keeps its condition, a `with` its
 * context; a `try` or `else` header becomes a neutral `if`).
 */
function reparseBlock(
  header: number,
  last: number,
  ctx: StatementContext,
  parser: Parser,
  run: (fragment: Node, ctx: StatementContext) => void,
  declare?: (name: string, line: number, column: number) => void,
): void {
  const headerLine = ctx.lines[header] ?? '';
  const indentOf = (line: string): number => line.length - line.trimStart().length;
  const headerIndent = indentOf(headerLine);
  // `if` and `with` headers parse on their own; `try`, `else` and the like need a neutral stand-in.
  const fakeHeader = /^\s*(?:if|with)\b/.test(headerLine) ? headerLine : `${' '.repeat(headerIndent)}if _:`;
  const body: number[] = [];
  let bodyIndent: number | undefined;
  for (let row = header + 1; row <= last; row++) {
    const line = ctx.lines[row] ?? '';
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    bodyIndent ??= indentOf(line);
    if (indentOf(line) === bodyIndent && STATEMENT_START.test(line.trimStart())) body.push(row);
  }
  body.forEach((start, i) => {
    const end = i + 1 < body.length ? body[i + 1] - 1 : last;
    // Blank lines keep every row where it is in the module.
    const text = [fakeHeader, ...Array<string>(start - header - 1).fill(''), ...ctx.lines.slice(start, end + 1)].join('\n');
    if (parseAndRun(text, header, ctx, parser, run)) return;
    declareAt(start, ctx, declare);
  });
}
