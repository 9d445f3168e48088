/**
 * Long runs of comment lines, parsed around instead of through.
 *
 * tree-sitter-python 0.25's external scanner, at each line break where an indent, a dedent or a
 * newline may come, reads ahead over every comment line that follows to find the indentation of
 * the next line of code. A run of n comment lines after a statement therefore costs n²/2 line
 * reads: 3,000 lines of 30 characters take some 3 s to parse, 6,000 over 10 s, where the same
 * lines before the first statement take 5 ms (measured in docs/performance.md; upstream's fix,
 * tree-sitter-python#245, was never merged). Settings modules with long comment blocks are normal
 * in Open edX.
 *
 * So a run of at least {@link MIN_RUN_LINES} comment lines at one indentation (blank lines
 * between them allowed) is parsed as its first and last lines only: the lines between them are left out of tree-sitter's included
 * ranges (positions stay those of the whole text), and comment nodes for them are put back into
 * the copied tree, between the two ends, where a whole parse puts them. The ends are what the
 * scanner and the parser see of the run, so the tree around it is the one a whole parse gives; a
 * result that cannot be shown to be that (a syntax error anywhere, ends that are not two adjacent
 * comment nodes, a comma that ends a line outside brackets: see `continuedLines.ts`) is thrown
 * away for a whole parse. `test/unit/python/commentRuns.test.ts` compares
 * both parses over generated modules.
 */
import type { Parser, Range } from 'web-tree-sitter';
import { commaEndsLine, mayContinue } from './continuedLines';
import { copyTree, SyntaxNode, type SourceText } from './syntaxTree';

/**
 * Runs shorter than this are parsed whole: the scanner's cost grows with the square of a run's
 * length, and up to here it is under a millisecond.
 */
export const MIN_RUN_LINES = 8;

/** A run of comment lines whose inner lines are left out of a parse. */
export interface CommentRun {
  /** Where the run's first comment starts (its `#`): the comment node before the left-out lines. */
  firstHash: number;
  /** Where the run's last comment starts: the comment node after them. */
  lastHash: number;
  /** The left-out text: from the line after the run's first comment to the start of its last. */
  from: number;
  to: number;
  /** The comments of the left-out lines, each from its `#` to the end of its line (as tree-sitter's comment token: a `\r` included). */
  comments: { start: number; end: number }[];
}

/** A comment-only line's indentation (spaces and tabs before `#`); -1 for a blank line; undefined for a line of code. */
function commentIndent(text: string, start: number, end: number): number | undefined {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 35) return i - start; // #
    if (c !== 32 && c !== 9 && !(c === 13 && i === end - 1)) return undefined;
  }
  return -1;
}

/** Whether the code line before a run may go on into the lines after it (then it is parsed whole). */
function mayRunOn(line: string): boolean {
  return line.replace(/\r$/, '').endsWith('\\') || mayContinue(line);
}

/**
 * The runs in `text` between `from` and `to` (line starts, or `to` the text's end): at least
 * {@link MIN_RUN_LINES} comment lines of equal indentation, blank lines between them (the
 * scanner reads over both alike: 1,000 annotation blocks separated by blank lines are one run).
 */
export function findCommentRuns(text: string, from = 0, to = text.length): CommentRun[] {
  const runs: CommentRun[] = [];
  /** The comment lines of the current run: [start, end) each. */
  let run: [number, number][] = [];
  let runIndent = '';
  let lastCode = '';
  const close = (): void => {
    if (run.length >= MIN_RUN_LINES && !mayRunOn(lastCode)) {
      const last = run[run.length - 1][0];
      runs.push({
        firstHash: run[0][0] + runIndent.length,
        lastHash: last + runIndent.length,
        from: run[0][1] + 1,
        to: last,
        comments: run.slice(1, -1).map(([start, end]) => ({ start: start + runIndent.length, end })),
      });
    }
    run = [];
  };
  let at = from;
  while (at < to) {
    let end = text.indexOf('\n', at);
    if (end === -1 || end > to) end = to;
    const indent = commentIndent(text, at, end);
    if (indent === undefined) {
      close();
      lastCode = text.slice(at, end);
    } else if (indent >= 0) {
      const prefix = text.slice(at, at + indent);
      if (run.length > 0 && prefix !== runIndent) close();
      if (run.length === 0) runIndent = prefix;
      run.push([at, end]);
    }
    at = end + 1;
  }
  close();
  return runs;
}

/** tree-sitter's included ranges for `from..to` of the text without the runs' left-out lines. */
export function rangesAround(source: SourceText, from: number, to: number, runs: readonly CommentRun[]): Range[] {
  const ranges: Range[] = [];
  let start = from;
  const add = (end: number): void => {
    if (end > start) ranges.push({ startIndex: start, endIndex: end, startPosition: source.pointAt(start), endPosition: source.pointAt(end) });
  };
  for (const run of runs) {
    add(run.from);
    start = run.to;
  }
  add(to);
  return ranges;
}

/** The index of the last child starting at or before `index` (-1 when none). */
function childAtOrBefore(kids: readonly SyntaxNode[], index: number): number {
  let lo = 0;
  let hi = kids.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (kids[mid].startIndex <= index) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Puts the runs' left-out comments back into a tree parsed without them: each run's comments
 * go between its two ends, which must be adjacent comment nodes of one parent. False when one is
 * not (then the tree is not the one a whole parse gives, and must not be used).
 */
export function restoreComments(root: SyntaxNode, runs: readonly CommentRun[]): boolean {
  for (const run of runs) {
    let parent = root;
    let k = -1;
    for (;;) {
      k = childAtOrBefore(parent.children, run.lastHash);
      if (k < 0) return false;
      const child = parent.children[k];
      if (child.startIndex === run.lastHash && child.type === 'comment') break;
      if (child.endIndex <= run.lastHash || child.children.length === 0) return false;
      parent = child;
    }
    const before = parent.children[k - 1] as SyntaxNode | undefined;
    if (before === undefined || before.type !== 'comment' || before.startIndex !== run.firstHash) return false;
    const comments = run.comments.map(({ start, end }) => new SyntaxNode(parent.source, 'comment', true, false, start, end, [], undefined));
    parent.insertChildren(k, comments);
  }
  return true;
}

/**
 * Parses `from..to` of `text` (its whole, by default) around its long comment runs and copies
 * the tree over `source` (which must hold `text`), the runs' comments put back. Undefined when
 * the text has no such run, or the result is not shown to be a whole parse's (see the module
 * comment): then the caller parses it whole.
 */
export function parseAroundCommentRuns(parser: Parser, text: string, source: SourceText, from = 0, to = text.length): SyntaxNode | undefined {
  const runs = findCommentRuns(text, from, to);
  if (runs.length === 0) return undefined;
  const tree = parser.parse(text, null, { includedRanges: rangesAround(source, from, to, runs) });
  if (!tree) return undefined;
  try {
    if (tree.rootNode.hasError) return undefined;
    const root = copyTree(tree, text, source);
    // Where a comma ends a line outside brackets, the comments above change tree-sitter's reading.
    if (root.children.some(commaEndsLine)) return undefined;
    return restoreComments(root, runs) ? root : undefined;
  } finally {
    tree.delete();
  }
}
