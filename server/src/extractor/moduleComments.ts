/**
 * Comments of one parsed module, indexed so an assignment can find the block right above it.
 */
import type { PyNode as Node, SyntaxNode } from '../python/syntaxTree';
import type { Documentation } from '../catalog/types';
import { derivedKey, type ParsedFile, type RegionChange } from '../python/parseCache';
import { groupCommentBlocks, type CommentLine } from './comments/commentLines';
import { oep45Doc, plainDoc } from './comments/docComments';
import type { AnnotationCache } from './attachAnnotations';

/** The comments of a module, grouped into blocks. */
export interface ModuleComments {
  /** Every comment, in order. */
  all: CommentLine[];
  /** Every own-line comment block, in order. */
  blocks: CommentLine[][];
  /** Block ending on the given 1-based line. */
  blockEndingAt: Map<number, CommentLine[]>;
  /** Trailing comment on the given 1-based line. */
  trailingAt: Map<number, CommentLine>;
  /** {@link docAt}'s answers so far, by line, for {@link docsFile} (the module's comments never change). */
  docs?: Map<number, Documentation | undefined>;
  /** The file named in {@link docs}' answers. */
  docsFile?: string;
  /** The annotation blocks of the comment blocks (filled by `attachAnnotations.ts`). */
  annotations: AnnotationCache;
}

/**
 * Collects comment nodes from a tree.
 * @param lineOffset added to tree rows, for trees of re-parsed fragments.
 */
export function collectComments(root: Node, lines: readonly string[], lineOffset: number): ModuleComments {
  const comments = commentsIn([root], lines, lineOffset);
  comments.sort((a, b) => a.line - b.line || a.column - b.column);
  return indexComments(comments, groupCommentBlocks(comments));
}

function commentsIn(nodes: readonly Node[], lines: readonly string[], lineOffset: number): CommentLine[] {
  const comments: CommentLine[] = [];
  for (const n of nodes) {
    for (const node of n.descendantsOfType('comment')) {
      const row = node.startPosition.row + lineOffset;
      const column = node.startPosition.column;
      const before = (lines[row] ?? '').slice(0, column);
      comments.push({ line: row + 1, column, text: node.text, trailing: before.trim().length > 0 });
    }
  }
  return comments;
}

function indexComments(all: CommentLine[], blocks: CommentLine[][]): ModuleComments {
  const blockEndingAt = new Map<number, CommentLine[]>();
  for (const b of blocks) blockEndingAt.set(b[b.length - 1].line, b);
  const trailingAt = new Map<number, CommentLine>();
  for (const c of all) if (c.trailing) trailingAt.set(c.line, c);
  return { all, blocks, blockEndingAt, trailingAt, annotations: new Map() };
}

/** A module's lines and comments. */
export interface ModuleFacts {
  /** The lines (without their `\n` or `\r\n`). */
  lines: string[];
  comments: ModuleComments;
}

const MODULE_FACTS = derivedKey<ModuleFacts>('module facts');

/**
 * The lines and comments of a parsed module, computed once per version of the file. A version
 * re-parsed by region takes the lines, comments and comment blocks of its unchanged statements
 * from the previous version (the same block objects above the edit, so work cached per block,
 * like annotation parsing, is not done again).
 */
export function moduleFacts(parsed: ParsedFile): ModuleFacts {
  return parsed.derive(MODULE_FACTS, (previous) => {
    const copy = parsed.copy;
    if (previous !== undefined && parsed.region !== undefined && copy !== undefined) return factsAfterEdit(parsed, copy, parsed.region, previous);
    const lines = parsed.text.split(/\r?\n/);
    return { lines, comments: collectComments(parsed.root, lines, 0) };
  });
}

function factsAfterEdit(parsed: ParsedFile, root: SyntaxNode, region: RegionChange, previous: ModuleFacts): ModuleFacts {
  const { headEndRow, tailRow } = region;
  const source = root.source;
  // Lines: above the last kept statement's end row, and from the first moved statement's row, as before.
  const firstNew = Math.max(headEndRow, 0);
  const middleText = parsed.text.slice(source.rowStart(firstNew), tailRow !== undefined ? source.rowStart(tailRow.after) : undefined);
  const middleLines = middleText.split(/\r?\n/);
  if (tailRow !== undefined) middleLines.pop();
  const lines = previous.lines.slice(0, firstNew);
  for (const l of middleLines) lines.push(l);
  if (tailRow !== undefined) for (let i = tailRow.before; i < previous.lines.length; i++) lines.push(previous.lines[i]);
  // Comments: those of kept and moved statements as before (moved ones on their new lines).
  const old = previous.comments;
  const shift = tailRow !== undefined ? tailRow.after - tailRow.before : 0;
  const moved = (c: CommentLine): CommentLine => (shift === 0 ? c : { ...c, line: c.line + shift });
  const head: CommentLine[] = [];
  const tail: CommentLine[] = [];
  for (const c of old.all) {
    if (c.line - 1 <= headEndRow) head.push(c);
    else if (tailRow !== undefined && c.line - 1 >= tailRow.before) tail.push(moved(c));
  }
  const middle = commentsIn(root.children.slice(region.middle.from, region.middle.to), lines, 0);
  // Blocks never span a code line, and a kept or moved statement's line separates the parts.
  const blocks: CommentLine[][] = [];
  for (const b of old.blocks) if (b[b.length - 1].line - 1 < headEndRow) blocks.push(b);
  blocks.push(...groupCommentBlocks(middle));
  if (tailRow !== undefined) {
    for (const b of old.blocks) if (b[0].line - 1 > tailRow.before) blocks.push(shift === 0 ? b : b.map(moved));
  }
  const comments = indexComments([...head, ...middle, ...tail], blocks);
  // The blocks taken as they were keep their parsed annotations.
  for (const b of blocks) {
    const parsed = old.annotations.get(b);
    if (parsed !== undefined) comments.annotations.set(b, parsed);
  }
  // Documentation of the kept statements' lines stays what it was.
  if (old.docs !== undefined && old.docsFile !== undefined) {
    comments.docsFile = old.docsFile;
    comments.docs = new Map();
    for (const [line, doc] of old.docs) if (line - 1 <= headEndRow) comments.docs.set(line, doc);
  }
  return { lines, comments };
}

/**
 * Documentation from `#:` or plain comments for a statement starting on `line` (1-based):
 * OEP-45 `#:` lines (above, or trailing), else the plain comment block right above, else a
 * plain trailing comment. Blocks holding code-annotations are attached by name elsewhere.
 */
export function docAt(comments: ModuleComments, line: number, file?: string): Documentation | undefined {
  // Answers are kept: the interpreter and the YAML analysis ask for the same lines on every
  // re-extraction. Callers never modify a Documentation (catalogs share them).
  if (comments.docs === undefined || comments.docsFile !== file) {
    comments.docs = new Map();
    comments.docsFile = file;
  }
  const docs = comments.docs;
  if (docs.has(line)) return docs.get(line);
  const doc = computeDocAt(comments, line, file);
  docs.set(line, doc);
  return doc;
}

function computeDocAt(comments: ModuleComments, line: number, file?: string): Documentation | undefined {
  const above = comments.blockEndingAt.get(line - 1);
  const trailing = comments.trailingAt.get(line);
  const oep = oep45Doc(above, trailing);
  if (oep) return { source: 'oep45', description: oep.text, fields: {}, line: oep.line, ...(file !== undefined ? { file } : {}) };
  if (above?.some((c) => /^#\s*\.\.\s+(setting|toggle)_name\s*:/.test(c.text))) return undefined;
  const plain = plainDoc(above) ?? plainDoc(trailing ? [{ ...trailing, trailing: false }] : undefined);
  if (plain) return { source: 'comment', description: plain.text, fields: {}, line: plain.line, ...(file !== undefined ? { file } : {}) };
  return undefined;
}
