/**
 * Python comment lines as data, and their grouping into blocks. The Python
 * parser finds the comments; everything in this folder is pure text work on them.
 */

/** One `#` comment found in a Python source. */
export interface CommentLine {
  /** 1-based line. */
  line: number;
  /** 0-based column of the `#`. */
  column: number;
  /** The comment as written, starting with `#`. */
  text: string;
  /** Whether code precedes the comment on the same line (`X = 1  # …`). */
  trailing: boolean;
}

/** The text of a comment after its `#`, with the 0-based source column where that text starts. */
export interface CommentBody {
  text: string;
  column: number;
}

/**
 * Returns what follows the comment's leading `#`. Text that does not start with `#`
 * (which a parser should never hand us) is taken whole rather than rejected.
 */
export function commentBody(comment: CommentLine): CommentBody {
  const hash = comment.text.startsWith('#') ? 1 : 0;
  return { text: comment.text.slice(hash), column: comment.column + hash };
}

/**
 * Splits own-line comments into blocks of consecutive lines (no blank or code line between).
 * Trailing comments are never part of a block. Input order does not matter: comments are
 * sorted by position first, so blocks and their lines are always in source order.
 */
export function groupCommentBlocks(comments: CommentLine[]): CommentLine[][] {
  const ownLine = comments
    .filter((c) => !c.trailing)
    .sort((a, b) => a.line - b.line || a.column - b.column);
  const blocks: CommentLine[][] = [];
  let current: CommentLine[] = [];
  for (const comment of ownLine) {
    const previous = current[current.length - 1];
    // Any line number gap means a blank or code line came between, which ends the block.
    if (previous !== undefined && comment.line - previous.line > 1) {
      blocks.push(current);
      current = [];
    }
    current.push(comment);
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}
