/**
 * The extractor's modules import each other without cycles: a cycle makes the load order decide
 * which module sees the other half-initialised, and makes the modules impossible to read apart
 * (`statementContext.ts` exists so that `interpreter.ts` and `recovery.ts` need not import each other).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { repoPath } from './helpers';

/** Every `.ts` file below a folder, with the files of the folder it imports (type-only imports included). */
function importGraph(root: string): Map<string, string[]> {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.ts')) files.push(p);
    }
  };
  walk(root);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const imported = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles;
    const targets = imported.filter((i) => i.fileName.startsWith('.')).map((i) => `${path.resolve(path.dirname(file), i.fileName)}.ts`);
    graph.set(path.relative(root, file), targets.filter((t) => files.includes(t)).map((t) => path.relative(root, t)));
  }
  return graph;
}

/** The cycles a depth-first walk meets, each as the files around it. */
function cycles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      const at = stack.indexOf(next);
      if (at >= 0) found.push([...stack.slice(at), next].join(' → '));
      else if (!done.has(next)) visit(next);
    }
    stack.pop();
    done.add(file);
  };
  for (const file of graph.keys()) if (!done.has(file)) visit(file);
  return found;
}

test('no import cycles among the extractor modules', () => {
  const graph = importGraph(repoPath('server', 'src', 'extractor'));
  assert.ok(graph.size > 10 && (graph.get('interpreter.ts') ?? []).includes('recovery.ts'), 'the import graph was read');
  assert.deepStrictEqual(cycles(graph), []);
});
