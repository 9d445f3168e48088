import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPythonTree } from '../../../server/src/python/parser';

test('parses a settings assignment into a tree with exact positions', async () => {
  const sexp = await withPythonTree('# doc\nX: int = 3\n', (tree) => tree.rootNode.toString());
  assert.equal(
    sexp,
    '(module (comment) (expression_statement (assignment left: (identifier) type: (type (identifier)) right: (integer))))',
  );
});

test('broken source still yields a tree with an ERROR node, never an exception', async () => {
  const hasError = await withPythonTree('X = [1, 2\nY = 3\n', (tree) => tree.rootNode.hasError);
  assert.equal(hasError, true);
});
