/**
 * The plain JavaScript syntax tree and the parse cache: a copied tree says exactly what
 * web-tree-sitter's nodes say, and an incremental re-parse gives exactly the tree of a fresh parse.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { Parser, Tree } from 'web-tree-sitter';
import { getPythonParser } from '../../../server/src/python/parser';
import { changedRange, ParseCache, parseOnce, type ParsedFile } from '../../../server/src/python/parseCache';
import { copyTree, copyTreeThroughCursor, SourceText, usingRawCursorAccess, type SyntaxNode } from '../../../server/src/python/syntaxTree';
import { diffCopies, diffWasm, LINES, moduleArb, moduleWithRunsArb } from './trees';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'extractor');

function pythonFixtures(dir: string = FIXTURES): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? pythonFixtures(p) : e.name.endsWith('.py') ? [p] : [];
  });
}

/** The copy of a parsed version (failing when it was not copied). */
function copyOf(parsed: ParsedFile): SyntaxNode {
  const copy = parsed.copy;
  assert.ok(copy, 'a copy');
  return copy;
}

async function assertCopyMatches(text: string, label: string): Promise<void> {
  const parser = await getPythonParser();
  const tree = parser.parse(text);
  assert.ok(tree);
  try {
    assert.deepEqual(diffWasm(tree.rootNode, copyTree(tree, text), text), [], label);
  } finally {
    tree.delete();
  }
}

test('a copied tree agrees with web-tree-sitter on every node of every fixture module', async () => {
  const files = pythonFixtures();
  assert.ok(files.length >= 15);
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    await assertCopyMatches(text, path.relative(FIXTURES, file));
  }
});


test('the fast path is in use (raw cursor access, checked at start) and copies exactly as TreeCursor does', async () => {
  const parser = await getPythonParser();
  assert.equal(usingRawCursorAccess(), true, 'web-tree-sitter changed: copies go through TreeCursor, four times slower');
  for (const file of pythonFixtures()) {
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const tree = parser.parse(text);
    assert.ok(tree);
    try {
      assert.deepEqual(diffCopies(copyTree(tree, text), copyTreeThroughCursor(tree, text)), [], file);
    } finally {
      tree.delete();
    }
  }
});

test('a copied tree agrees with web-tree-sitter on random, often broken, modules', async () => {
  await fc.assert(fc.asyncProperty(moduleArb, async (text) => assertCopyMatches(text, JSON.stringify(text))), { numRuns: 150 });
});

/** An edit: replace `length` characters at a fraction of the text (or at the start of its line) with `insert`. */
const editArb = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  lineStart: fc.boolean(),
  length: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })),
  insert: fc.oneof(fc.constantFrom(...LINES.map((l) => `${l}\n`)), fc.constantFrom('', 'X', '1', '\n', ' ', '(', ')', ':', ',', '\\', '"', '#', '\n    ', 'é', '😀'), fc.string({ maxLength: 8 })),
});

function applyEdit(text: string, e: { at: number; lineStart: boolean; length: number; insert: string }): string {
  let at = Math.floor(e.at * text.length);
  if (e.lineStart) at = text.lastIndexOf('\n', at - 1) + 1;
  return text.slice(0, at) + e.insert + text.slice(at + e.length);
}

const BASE_MODULE = fs.readFileSync(path.join(FIXTURES, 'platform-legacy', 'lms', 'envs', 'common.py'), 'utf8');

test('an incremental re-parse gives exactly the tree of a fresh parse, whatever the edits', async () => {
  const parser = await getPythonParser();
  await fc.assert(
    fc.asyncProperty(fc.oneof(moduleArb, moduleWithRunsArb, fc.constant(BASE_MODULE)), fc.array(editArb, { minLength: 1, maxLength: 6 }), async (start, edits) => {
      const cache = new ParseCache();
      try {
        let text = start;
        cache.parse(parser, '/m.py', text);
        for (const e of edits) {
          text = applyEdit(text, e);
          const incremental = cache.parse(parser, '/m.py', text);
          assert.equal(incremental.text, text);
          const fresh = copyOf(parseOnce(parser, text));
          assert.deepEqual(diffCopies(copyOf(incremental), fresh), [], `after ${JSON.stringify(e)}`);
        }
      } finally {
        cache.clear();
      }
    }),
    { numRuns: Number(process.env.RUNS ?? 400) },
  );
});

test('a block opened above a `\\` line continuation takes the indented line it joins, as a whole parse does', async () => {
  // Found by the property above (seed -1542806282): comments, then `\` alone on a line, then an indented statement.
  const parser = await getPythonParser();
  const cache = new ParseCache();
  const start = '# comment 0\n# comment 1 é\n\\\n    Y = f(1, key="v")\n';
  cache.parse(parser, '/m.py', start);
  const text = `if DEBUG:\n${start}`;
  const incremental = cache.parse(parser, '/m.py', text);
  assert.deepEqual(diffCopies(copyOf(incremental), copyOf(parseOnce(parser, text))), []);
  assert.deepEqual(copyOf(incremental).children.map((c) => c.type), ['if_statement']);
});

test('appending a setting re-parses only the end and keeps every statement before it', async () => {
  const parser = await getPythonParser();
  const cache = new ParseCache();
  const first = copyOf(cache.parse(parser, '/m.py', BASE_MODULE));
  const statements = first.children;
  // Comments at the edge of the edit are re-read with it (they go where the code around them says).
  let kept = statements.length;
  while (kept > 0 && statements[kept - 1].type === 'comment') kept--;
  const appended = cache.parse(parser, '/m.py', `${BASE_MODULE}\n#: Added.\nADDED = 1\n`);
  assert.deepEqual(cache.stats, { hits: 0, fresh: 1, incremental: 1, reusedStatements: kept });
  const children = copyOf(appended).children;
  assert.ok(children.slice(0, kept).every((n, i) => n === statements[i]), 'the very same statement objects');
  assert.deepEqual(children.slice(kept).map((n) => n.text), [...statements.slice(kept).map((n) => n.text), '#: Added.', 'ADDED = 1']);
  assert.equal(cache.parse(parser, '/m.py', appended.text), appended, 'the same text is a hit');
  assert.equal(cache.stats.hits, 1);
  // An edit at the top moves every later statement: copies, with their new positions.
  const prefixed = cache.parse(parser, '/m.py', `X0 = 0\n${appended.text}`);
  assert.deepEqual(diffCopies(copyOf(prefixed), copyOf(parseOnce(parser, prefixed.text))), []);
  assert.equal(cache.stats.incremental, 2);
});

test('after 64 re-parses by region a file is parsed whole (old texts kept alive by derived strings are let go)', async () => {
  const parser = await getPythonParser();
  const cache = new ParseCache();
  let text = 'A = 1\n';
  cache.parse(parser, '/m.py', text);
  for (let i = 0; i < 64; i++) cache.parse(parser, '/m.py', (text += `S${i} = ${i}\n`));
  assert.deepEqual([cache.stats.fresh, cache.stats.incremental], [1, 64]);
  cache.parse(parser, '/m.py', (text += 'LAST = 1\n'));
  assert.deepEqual([cache.stats.fresh, cache.stats.incremental], [2, 64]);
  cache.clear();
});

test('a version with a syntax error is parsed whole, never by region', async () => {
  const parser = await getPythonParser();
  const cache = new ParseCache();
  cache.parse(parser, '/m.py', 'A = 1\nB = 2\n');
  cache.parse(parser, '/m.py', 'A = 1\nB = (2\n');
  cache.parse(parser, '/m.py', 'A = 1\nB = (2)\n');
  assert.deepEqual(cache.stats, { hits: 0, fresh: 3, incremental: 0, reusedStatements: 0 });
});

test('no tree-sitter tree is kept: kept files are copied at once, the others live until release', async () => {
  const parser = await getPythonParser();
  const parse = Parser.prototype.parse;
  const remove = Tree.prototype.delete;
  let made = 0;
  let deleted = 0;
  Parser.prototype.parse = function (this: Parser, ...args: Parameters<Parser['parse']>) {
    const tree = parse.apply(this, args);
    if (tree) made++;
    return tree;
  };
  Tree.prototype.delete = function (this: Tree) {
    deleted++;
    remove.call(this);
  };
  try {
    const cache = new ParseCache({ maxFiles: 2, maxChars: 1_000_000, maxFileChars: 100_000 });
    assert.ok(cache.parse(parser, '/m.py', BASE_MODULE).copy, 'a copy');
    assert.deepEqual([made, deleted], [1, 1]);
    cache.parse(parser, '/m.py', BASE_MODULE);
    assert.deepEqual([made, deleted], [1, 1], 'the same text: nothing parsed');
    cache.parse(parser, '/m.py', `${BASE_MODULE}A = 1\n`);
    assert.deepEqual([made, deleted], [2, 2], 'the region\'s tree, deleted once copied');
    cache.parse(parser, '/m.py', `${BASE_MODULE}B = (\n`);
    assert.deepEqual([made, deleted], [4, 4], 'damaged: the region tried, then parsed whole');
    const long = `L = "${'x'.repeat(200_000)}"\n`;
    const read = cache.parse(parser, '/long.py', long);
    assert.equal(read.copy, undefined, 'too long to keep: read through tree-sitter\'s nodes');
    assert.deepEqual([made, deleted, cache.holds('/long.py', long)], [5, 4, false]);
    cache.release();
    assert.equal(deleted, 5);
    const once = new ParseCache({ maxFiles: 0, maxChars: 0, maxFileChars: 0 });
    assert.equal(once.parse(parser, '/m.py', 'X = 1\n').copy, undefined, 'a cache that keeps nothing copies nothing');
    once.clear();
    parseOnce(parser, 'X = 1\n');
    assert.equal(deleted, made);
  } finally {
    Parser.prototype.parse = parse;
    Tree.prototype.delete = remove;
  }
});

test('the cache is bounded in files and characters, least recently used out first', async () => {
  const parser = await getPythonParser();
  const cache = new ParseCache({ maxFiles: 2, maxChars: 100, maxFileChars: 100 });
  cache.parse(parser, '/a.py', 'A = 1\n');
  cache.parse(parser, '/b.py', 'B = 1\n');
  cache.parse(parser, '/a.py', 'A = 1\n');
  cache.parse(parser, '/c.py', 'C = 1\n');
  assert.equal(cache.size, 2);
  assert.equal(cache.holds('/b.py', 'B = 1\n'), false, 'b.py, the least recently used, was evicted');
  assert.equal(cache.holds('/a.py', 'A = 1\n'), true);
  // Too long to keep: parsed and copied, not kept.
  const long = `L = "${'x'.repeat(200)}"\n`;
  assert.equal(cache.parse(parser, '/long.py', long).root.text, long);
  assert.equal(cache.holds('/long.py', long), false);
  // Over both bounds: the least recently used go first, until the cache fits.
  cache.parse(parser, '/d.py', `D = "${'d'.repeat(90)}"\n`);
  assert.equal(cache.size, 1);
  assert.equal(cache.holds('/d.py', `D = "${'d'.repeat(90)}"\n`), true);
  cache.clear();
  assert.equal(cache.size, 0);
});

test('changedRange: the common prefix and suffix stay; a surrogate pair is never split', () => {
  assert.deepEqual(changedRange('A = 1\nB = 2\n', 'A = 1\nB = 22\nC = 3\n'), { start: 11, oldEnd: 11, newEnd: 18 });
  assert.deepEqual(changedRange('X = "😀"', 'X = "😃"'), { start: 5, oldEnd: 7, newEnd: 7 });
  assert.deepEqual(changedRange('same', 'same'), { start: 4, oldEnd: 4, newEnd: 4 });
  const long = 'x'.repeat(10_000);
  assert.deepEqual(changedRange(`${long}a${long}`, `${long}bc${long}`), { start: 10_000, oldEnd: 10_001, newEnd: 10_002 });
  assert.equal(new SourceText('a\r\nb\nc').pointAt(4).row, 1, 'only \\n ends a row');
});
