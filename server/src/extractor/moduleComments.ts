/**
 * Comments of one parsed module, indexed so an assignment can find the block right above it.
 */
import type { Node } from 'web-tree-sitter';
import type { Documentation } from '../catalog/types';
import { groupCommentBlocks, type CommentLine } from './comments/commentLines';
import { oep45Doc, plainDoc } from './comments/docComments';

/** The comments of a module, grouped into blocks. */
export interface ModuleComments {
  /** Every own-line comment block, in order. */
  blocks: CommentLine[][];
  /** Block ending on the given 1-based line. */
  blockEndingAt: Map<number, CommentLine[]>;
  /** Trailing comment on the given 1-based line. */
  trailingAt: Map<number, CommentLine>;
}

/**
 * Collects comment nodes from a tree.
 * @param lineOffset added to tree rows, for trees of re-parsed fragments.
 */
export function collectComments(root: Node, lines: readonly string[], lineOffset: number): ModuleComments {
  const comments: CommentLine[] = [];
  for (const node of root.descendantsOfType('comment')) {
    if (!node) continue;
    const row = node.startPosition.row + lineOffset;
    const column = node.startPosition.column;
    const before = (lines[row] ?? '').slice(0, column);
    comments.push({ line: row + 1, column, text: node.text, trailing: before.trim().length > 0 });
  }
  comments.sort((a, b) => a.line - b.line || a.column - b.column);
  const blocks = groupCommentBlocks(comments);
  const blockEndingAt = new Map<number, CommentLine[]>();
  for (const b of blocks) blockEndingAt.set(b[b.length - 1].line, b);
  const trailingAt = new Map<number, CommentLine>();
  for (const c of comments) if (c.trailing) trailingAt.set(c.line, c);
  return { blocks, blockEndingAt, trailingAt };
}

/**
 * Documentation from `#:` or plain comments for a statement starting on `line` (1-based):
 * OEP-45 `#:` lines (above, or trailing), else the plain comment block right above, else a
 * plain trailing comment. Blocks holding code-annotations are attached by name elsewhere.
 */
export function docAt(comments: ModuleComments, line: number, file?: string): Documentation | undefined {
  const above = comments.blockEndingAt.get(line - 1);
  const trailing = comments.trailingAt.get(line);
  const oep = oep45Doc(above, trailing);
  if (oep) return { source: 'oep45', description: oep.text, fields: {}, line: oep.line, ...(file !== undefined ? { file } : {}) };
  if (above?.some((c) => /^#\s*\.\.\s+(setting|toggle)_name\s*:/.test(c.text))) return undefined;
  const plain = plainDoc(above) ?? plainDoc(trailing ? [{ ...trailing, trailing: false }] : undefined);
  if (plain) return { source: 'comment', description: plain.text, fields: {}, line: plain.line, ...(file !== undefined ? { file } : {}) };
  return undefined;
}
