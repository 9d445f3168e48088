/**
 * Long comment runs parsed around (python/commentRuns.ts): the tree is exactly a whole parse's,
 * on named shapes and generated modules, and a whole parse is kept wherever that is not shown.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getPythonParser } from '../../../server/src/python/parser';
import { findCommentRuns, MIN_RUN_LINES, parseAroundCommentRuns } from '../../../server/src/python/commentRuns';
import { ParseCache } from '../../../server/src/python/parseCache';
import { SourceText, type SyntaxNode } from '../../../server/src/python/syntaxTree';
import { diffWasm, moduleWithRunsArb } from './trees';

/** `n` comment lines at `indent`. */
function comments(n: number, indent = ''): string {
  return Array.from({ length: n }, (_, i) => `${indent}# comment line ${i} about things`).join('\n');
}

/**
 * Parses `text` around its runs and compares with a whole parse: the differences (none expected),
 * and whether the runs were parsed around.
 */
async function compare(text: string): Promise<{ diffs: string[]; around: boolean }> {
  const parser = await getPythonParser();
  const around = parseAroundCommentRuns(parser, text, new SourceText(text));
  const whole = parser.parse(text);
  assert.ok(whole);
  try {
    return { diffs: around === undefined ? [] : diffWasm(whole.rootNode, around, text), around: around !== undefined };
  } finally {
    whole.delete();
  }
}

const N = 12;
const SHAPES: Record<string, string> = {
  'after a statement': `X = 1\n${comments(N)}\n`,
  'between two statements': `X = 1\n${comments(N)}\nY = 2\n`,
  'before the first statement': `${comments(N)}\nX = 1\n`,
  'at the end of a function, indented': `def f():\n    x = 1\n${comments(N, '    ')}\nZ = 3\n`,
  'at the end of a function, at column 0': `def f():\n    x = 1\n${comments(N)}\nZ = 3\n`,
  'inside a function': `def f():\n    x = 1\n${comments(N, '    ')}\n    y = 2\nZ = 3\n`,
  'inside a function, at column 0': `def f():\n    x = 1\n${comments(N)}\n    y = 2\nZ = 3\n`,
  'first in a block': `if A:\n${comments(N, '  ')}\n    y = 2\nZ = 3\n`,
  'before else': `if A:\n    y = 2\n${comments(N, '    ')}\nelse:\n    z = 1\n`,
  'before else, at column 0': `if A:\n    y = 2\n${comments(N)}\nelse:\n    z = 1\n`,
  'between methods': `class C:\n    def f(self):\n        x = 1\n${comments(N, '        ')}\n    def g(self):\n        pass\n`,
  'two indentations in a row': `class C:\n    def f(self):\n        x = 1\n${comments(N, '        ')}\n${comments(N, '    ')}\n    def g(self):\n        pass\n`,
  'first in a dict': `D = {\n${comments(N, '  ')}\n  "b": 2,\n}\nZ = 3\n`,
  'first in a call': `f(\n${comments(N, '  ')}\n  1)\n`,
  'at the end of the file, no line break': `X = 1\n${comments(N)}`,
  'CRLF line ends': `X = 1\n${comments(N)}\nY = 2\n`.replace(/\n/g, '\r\n'),
  'blocks with blank lines between them': `X = 1\n${comments(4)}\n\n${comments(4)}\n  \n${comments(4)}\nY = 2\n`,
  'blocks with blank lines between them, CRLF': `X = 1\n${comments(4)}\n\n${comments(4)}\n\n${comments(4)}\nY = 2\n`.replace(/\n/g, '\r\n'),
  'tabs': `if A:\n\tx = 1\n${comments(N, '\t')}\n\ty = 2\n`,
};

test('comment runs parsed around: the tree is a whole parse\'s, for each shape where settings modules have them', async () => {
  for (const [name, text] of Object.entries(SHAPES)) {
    const { diffs, around } = await compare(text);
    assert.equal(around, true, `${name}: parsed around`);
    assert.deepEqual(diffs, [], name);
  }
});

test('comment runs that may not be what they look like: parsed whole', async () => {
  const cases: Record<string, string> = {
    'inside a triple-quoted string': `S = """\n${comments(N)}\n"""\nZ = 3\n`,
    'with a syntax error in the module': `X = (\n${comments(N)}\nY = 2\n`,
  };
  for (const [name, text] of Object.entries(cases)) assert.deepEqual(await compare(text), { diffs: [], around: false }, name);
  // After a trailing comma or a backslash, tree-sitter's reading of the next line depends on what
  // came before (inside brackets too: the scanner does not read ahead there, so nothing is lost).
  assert.deepEqual(findCommentRuns(`D = {\n  "a": 1,\n${comments(N, '  ')}\n  "b": 2,\n}\n`), []);
  assert.deepEqual(findCommentRuns(`A, B,\n${comments(N)}\nC = 1\n`), []);
  assert.deepEqual(findCommentRuns(`X = 1 + \\\n${comments(N)}\n2\n`), []);
});

test('findCommentRuns: runs of at least 8 lines at one indentation, their ends kept and their inner lines left out', () => {
  const blank = `X = 1\n${comments(4)}\n\n${comments(4)}\nY = 2\n`;
  const [run] = findCommentRuns(blank);
  assert.equal(run.comments.length, 6);
  assert.equal(blank.slice(run.from, run.to), `${comments(4).split('\n').slice(1).join('\n')}\n\n${comments(3)}\n`);

  const text = `X = 1\n${comments(MIN_RUN_LINES - 1)}\nY = 2\n${comments(MIN_RUN_LINES)}\n${comments(MIN_RUN_LINES, '  ')}\n`;
  const runs = findCommentRuns(text);
  assert.equal(runs.length, 2);
  const first = text.indexOf('# comment line 0', text.indexOf('Y = 2'));
  const line = '# comment line 0 about things\n'.length;
  assert.deepEqual(runs[0], {
    firstHash: first,
    lastHash: first + 7 * line,
    from: first + line,
    to: first + 7 * line,
    comments: Array.from({ length: 6 }, (_, i) => ({ start: first + (i + 1) * line, end: first + (i + 2) * line - 1 })),
  });
  assert.equal(text.slice(runs[1].firstHash, runs[1].firstHash + 16), '# comment line 0');
  assert.equal(runs[1].firstHash, first + 8 * line + 2);
});

test('generated modules with comment runs: parsed around, the tree is always a whole parse\'s', async () => {
  let around = 0;
  const runs = Number(process.env.RUNS ?? 300);
  await fc.assert(
    fc.asyncProperty(moduleWithRunsArb, async (text) => {
      const result = await compare(text);
      if (result.around) around++;
      assert.deepEqual(result.diffs, [], JSON.stringify(text));
    }),
    { numRuns: runs },
  );
  // The generator must reach the path under test, not only the whole parses (about a fifth of
  // its modules do: the others have a syntax error or a comma ending a line, or no long run).
  assert.ok(around >= runs / 10, `only ${around} of ${runs} modules parsed around their runs`);
});

/** The comment nodes of a tree, as `line:text`. */
function commentNodes(root: SyntaxNode): string[] {
  return root.descendantsOfType('comment').map((c) => `${c.startPosition.row}:${c.text}`);
}

test('3,000 comment lines after a statement: the parse cache reads them at once, every comment in the tree', async () => {
  const parser = await getPythonParser();
  const text = `X = 1\n${comments(3000)}\nY = 2\n`;
  const cache = new ParseCache();
  try {
    const started = performance.now();
    const parsed = cache.parse(parser, '/slow.py', text);
    const ms = performance.now() - started;
    console.log(`# 3,000 comment lines after a statement: parsed in ${ms.toFixed(1)} ms (whole, some 3 s)`);
    const root = parsed.copy;
    assert.ok(root);
    const found = commentNodes(root);
    assert.equal(found.length, 3000);
    assert.equal(found[0], '1:# comment line 0 about things');
    assert.equal(found[2999], '3000:# comment line 2999 about things');
    assert.deepEqual(
      root.children.filter((c) => c.type !== 'comment').map((c) => c.text),
      ['X = 1', 'Y = 2'],
    );
    // A hang guard, not a measurement: a whole parse takes seconds.
    assert.ok(ms < 1500, `${ms} ms`);
  } finally {
    cache.clear();
  }
});
