/**
 * What the syntax-tree tests share: tree comparisons that list every difference, and generated
 * settings modules.
 */
import fc from 'fast-check';
import type { Node } from 'web-tree-sitter';
import type { SyntaxNode } from '../../../server/src/python/syntaxTree';

/** The differences between a wasm node and its copy (empty when they agree on everything the extractor reads). */
export function diffWasm(w: Node, s: SyntaxNode, text: string, where = 'root'): string[] {
  const out: string[] = [];
  const same = (what: string, a: unknown, b: unknown): void => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${where} ${what}: wasm ${JSON.stringify(a)}, copy ${JSON.stringify(b)}`);
  };
  same('type', w.type, s.type);
  same('isNamed', w.isNamed, s.isNamed);
  same('isMissing', w.isMissing, s.isMissing);
  same('hasError', w.hasError, s.hasError);
  same('range', [w.startIndex, w.endIndex, w.startPosition, w.endPosition], [s.startIndex, s.endIndex, s.startPosition, s.endPosition]);
  same('text', w.text, s.text);
  same('text as a slice', text.slice(s.startIndex, s.endIndex), s.text);
  same('child count', w.childCount, s.children.length);
  if (out.length > 0) return out;
  w.children.forEach((c, i) => {
    if (out.length > 0) return;
    same(`field of child ${i}`, w.fieldNameForChild(i), s.fieldNameForChild(i));
    out.push(...diffWasm(c, s.children[i], text, `${where}/${i}:${c.type}`));
  });
  return out;
}

/** The differences between two copies (an incremental one and a fresh one). */
export function diffCopies(a: SyntaxNode, b: SyntaxNode, where = 'root'): string[] {
  const out: string[] = [];
  const same = (what: string, x: unknown, y: unknown): void => {
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push(`${where} ${what}: ${JSON.stringify(x)} ≠ ${JSON.stringify(y)}`);
  };
  same('node', [a.type, a.isNamed, a.isMissing, a.hasError, a.startIndex, a.endIndex, a.startPosition, a.endPosition, a.text], [b.type, b.isNamed, b.isMissing, b.hasError, b.startIndex, b.endIndex, b.startPosition, b.endPosition, b.text]);
  same('child count', a.children.length, b.children.length);
  if (out.length > 0) return out;
  a.children.forEach((c, i) => {
    if (out.length > 0) return;
    same(`field of child ${i}`, a.fieldNameForChild(i), b.fieldNameForChild(i));
    if (a.children[i].parent !== a) out.push(`${where}/${i}: parent is not the node`);
    out.push(...diffCopies(c, b.children[i], `${where}/${i}:${c.type}`));
  });
  return out;
}

/**
 * Lines of settings modules, with damage, non-ASCII text, CRLF line ends, and what tree-sitter
 * reads depending on context: trailing commas, backslashes, indented statements and comments.
 */
export const LINES = [
  'X = 1',
  'NAME = "é😀 ünïcode"',
  'FEATURES = {',
  "    'A': True,",
  '}',
  'LIST = [1, 2,',
  '    3]',
  'if DEBUG:',
  '    Y = f(1, key="v")',
  'else:',
  'elif D:',
  '    Y = None',
  '# .. setting_name: X',
  '#: doc comment',
  '  # indented comment',
  'def f(a):',
  '    return a,',
  '@dec',
  'Z = (',
  'W = ',
  '\tTAB = 2',
  'A = B = C',
  'A,',
  'A, B,',
  'X = 1,  # note',
  'print a,',
  '  1,',
  'S = 1 + \\',
  '\\',
  'A = 1; B = 2',
  'from .common import *',
  'S = f"{X} and {Y!r}"',
  'try:',
  '    import x',
  'except ImportError:',
  '    pass',
  'Q = [x for x in range(3)]\r',
  '',
  '   ',
  '"""doc',
  'string"""',
  'lone = "\ud800"',
];

/** Modules of {@link LINES}. */
export const moduleArb = fc.array(fc.constantFrom(...LINES), { minLength: 0, maxLength: 40 }).map((lines) => lines.join('\n') + '\n');

/**
 * Modules of {@link LINES} and runs of 6 to 14 comment lines (see `commentRuns.ts`) at the
 * indentations settings modules use, some with a blank line (which joins the lines around it
 * into one run), a line of code or another indentation inside.
 */
export const moduleWithRunsArb = fc
  .array(
    fc.oneof(
      fc.constantFrom(...LINES),
      fc
        .record({
          indent: fc.constantFrom('', '    ', '  ', '\t', '        '),
          count: fc.integer({ min: 6, max: 14 }),
          breakAt: fc.option(fc.integer({ min: 1, max: 12 })),
          breakWith: fc.constantFrom('', '    # other indentation', 'X = 2', '#'),
        })
        .map(({ indent, count, breakAt, breakWith }) =>
          Array.from({ length: count }, (_, i) => (i === breakAt ? breakWith : `${indent}# comment ${i} ${'é'.repeat(i % 3)}`)).join('\n'),
        ),
    ),
    { minLength: 0, maxLength: 24 },
  )
  .map((lines) => lines.join('\n') + '\n');
