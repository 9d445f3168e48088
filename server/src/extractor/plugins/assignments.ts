/** The plain `name = value` statements of a module or class body, which plugin discovery reads as literals. */
import type { PyNode as Node } from '../../python/syntaxTree';

/** `name = value` statements directly in a block (a module, a class body), in order. */
export function simpleAssignments(block: Node): { name: string; value: Node }[] {
  const out: { name: string; value: Node }[] = [];
  for (const stmt of block.namedChildren) {
    const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
    const left = a?.type === 'assignment' ? a.childForFieldName('left') : undefined;
    const value = a?.childForFieldName('right');
    if (left?.type === 'identifier' && value) out.push({ name: left.text, value });
  }
  return out;
}

/** The value of the last `name = value` of each name directly in a block (Python keeps the last). */
export function lastAssignments(block: Node): Map<string, Node> {
  return new Map(simpleAssignments(block).map(({ name, value }) => [name, value]));
}
