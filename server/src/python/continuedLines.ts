/**
 * Lines tree-sitter may read as going on into the next: after a comma that ends a line outside
 * brackets, tree-sitter reads `A, B,` then `C = 1` sometimes as one statement and sometimes as
 * two, depending on the comments somewhere above. Parses that take text apart (by region in
 * `parseCache.ts`, around comment runs in `commentRuns.ts`) are not used where this can happen.
 */
import type { SyntaxNode } from './syntaxTree';

/**
 * Whether tree-sitter may read the next line as part of a statement ending on this line: after a
 * trailing comma it reads `A,` then `B = 1` as `A, B = 1`. Checked with and without what looks
 * like a trailing comment (a `#` may be inside a string).
 */
export function mayContinue(line: string | undefined): boolean {
  if (line === undefined) return false;
  return line.trimEnd().endsWith(',') || line.replace(/#.*$/, '').trimEnd().endsWith(',');
}

/** Statements known to hold a comma that ends a line outside brackets (see {@link commaEndsLine}). */
const commaLines = new WeakMap<SyntaxNode, boolean>();

/**
 * Whether a statement holds a comma that ends its line outside any bracket (`A, B,` then a line
 * break; `X = 1,  # note`). After such a comma tree-sitter reads the next line sometimes as a
 * statement of its own and sometimes as part of this one (`A, B,` then `C = 1` as `A, B, C = 1`),
 * depending on the comments somewhere above: such a statement cannot be parsed apart from what
 * precedes it. Lists and dicts hold their commas inside brackets, so real settings modules rarely
 * have one.
 */
export function commaEndsLine(statement: SyntaxNode): boolean {
  let found = commaLines.get(statement);
  if (found !== undefined) return found;
  found = false;
  const text = statement.source.text;
  const stack: { node: SyntaxNode; bracketed: boolean }[] = [{ node: statement, bracketed: false }];
  while (stack.length > 0 && !found) {
    const { node, bracketed } = stack.pop() as { node: SyntaxNode; bracketed: boolean };
    let depth = 0;
    for (const child of node.children) {
      const t = child.type;
      if (t === '(' || t === '[' || t === '{') depth++;
      else if (t === ')' || t === ']' || t === '}') depth--;
      else if (t === ',' && !bracketed && depth <= 0 && lineEndsAfter(text, child.endIndex)) {
        found = true;
        break;
      } else if (child.children.length > 0) stack.push({ node: child, bracketed: bracketed || depth > 0 });
    }
  }
  commaLines.set(statement, found);
  return found;
}

/** Whether only blank space and maybe a comment follow `index` on its line. */
function lineEndsAfter(text: string, index: number): boolean {
  for (let i = index; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 35) return true; // \n, #
    if (c !== 32 && c !== 9 && c !== 13 && c !== 12) return false;
  }
  return true;
}

