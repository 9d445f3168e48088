import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commentBody, groupCommentBlocks, type CommentLine } from '../../../../server/src/extractor/comments/commentLines';

/** Comments of a Python-like source, found naively (fixtures hold no `#` inside strings). */
function scan(source: string): CommentLine[] {
  return source.split('\n').flatMap((raw, i) => {
    const column = raw.indexOf('#');
    if (column < 0) return [];
    return [{ line: i + 1, column, text: raw.slice(column), trailing: raw.slice(0, column).trim() !== '' }];
  });
}

const own = (line: number, column: number, text: string): CommentLine => ({ line, column, text, trailing: false });

test('blank and code lines split blocks; trailing comments are never part of one', () => {
  const source = [
    '# first block, line one', // 1
    '# first block, line two', // 2
    '', //                        3
    '# second block', //          4
    'WIDGET_COUNT = 3  # trailing remark', // 5
    '# third block, after code', // 6
    '    # indented, still consecutive', // 7
    'GADGET = {  # opens a dict', // 8
    '    # inside the dict', //   9
    "    'k': 1,", //             10
    '}', //                       11
  ].join('\n');
  assert.deepStrictEqual(groupCommentBlocks(scan(source)), [
    [own(1, 0, '# first block, line one'), own(2, 0, '# first block, line two')],
    [own(4, 0, '# second block')],
    [own(6, 0, '# third block, after code'), own(7, 4, '# indented, still consecutive')],
    [own(9, 4, '# inside the dict')],
  ]);
});

test('a trailing comment between own-line comments does not join or split them by itself', () => {
  // Line 2 holds code (with a trailing comment), so lines 1 and 3 are not consecutive.
  const comments = scan('# above\nX = 1  # trailing\n# below');
  assert.deepStrictEqual(groupCommentBlocks(comments), [[own(1, 0, '# above')], [own(3, 0, '# below')]]);
});

test('input order does not matter: blocks come out in source order', () => {
  const comments = [own(11, 0, '# d'), own(2, 0, '# b'), own(1, 0, '# a'), own(10, 0, '# c')];
  assert.deepStrictEqual(groupCommentBlocks(comments), [
    [own(1, 0, '# a'), own(2, 0, '# b')],
    [own(10, 0, '# c'), own(11, 0, '# d')],
  ]);
  // The caller's array is left as it was.
  assert.deepStrictEqual(comments.map((c) => c.line), [11, 2, 1, 10]);
});

test('no comments, or only trailing ones, give no blocks', () => {
  assert.deepStrictEqual(groupCommentBlocks([]), []);
  assert.deepStrictEqual(groupCommentBlocks(scan('A = 1  # x\nB = 2  # y')), []);
});

test('commentBody strips the # and tells where the text starts', () => {
  assert.deepStrictEqual(commentBody(own(3, 4, '#   indented text')), { text: '   indented text', column: 5 });
  assert.deepStrictEqual(commentBody(own(3, 0, '#')), { text: '', column: 1 });
  // Not a comment at all: taken whole rather than rejected.
  assert.deepStrictEqual(commentBody(own(3, 2, 'stray')), { text: 'stray', column: 2 });
});

test('garbage comment lines are grouped without throwing', () => {
  const garbage = [own(1, 0, '#\u0000\u0001\uFFFD\uD800'), own(2, 0, '#'), own(3, 0, `#${'x'.repeat(200_000)}`)];
  assert.deepStrictEqual(groupCommentBlocks(garbage), [garbage]);
  // Nonsense positions: the order is then undefined, but every comment is kept exactly once.
  const nonsense = [own(Number.NaN, -1, ''), own(-5, Number.POSITIVE_INFINITY, 'no hash'), own(2, 0, '#')];
  assert.deepStrictEqual(groupCommentBlocks(nonsense).flat().length, 3);
});
