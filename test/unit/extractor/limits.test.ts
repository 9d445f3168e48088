/**
 * The bounds of extractor/limits.ts: edits followed per setting, problems listed per module. Each
 * one reached is a `limit-reached` problem saying so; what is under it is exactly as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CatalogBuilder } from '../../../server/src/extractor/catalogBuilder';
import { MAX_EDITS_PER_SETTING, MAX_PROBLEMS_PER_MODULE } from '../../../server/src/extractor/limits';
import type { ExtractionProblem } from '../../../server/src/catalog/types';
import { extractSources, json } from './helpers';

test('a list edited in place exactly as often as the limit: every edit followed, no problem', async () => {
  const c = await extractSources({ 'base.py': `L = []\n${'L += [1]\n'.repeat(MAX_EDITS_PER_SETTING)}` }, ['base.py']);
  assert.deepEqual(c.problems, []);
  const l = c.settings.find((s) => s.name === 'L');
  assert.deepEqual(l?.default, Array<number>(MAX_EDITS_PER_SETTING).fill(1));
});

test('a list edited in place 1,500 times: its default dropped past the first 1,000 edits, one problem at its definition, its type kept', async () => {
  const edits = ['L += [1]', 'L.append(2)', "L[0] = 'x'"];
  const lines = Array.from({ length: 1_500 }, (_, i) => edits[i % 3]);
  const c = await extractSources({ 'base.py': `OTHER = 0\nL = []\n${lines.join('\n')}\n` }, ['base.py']);
  assert.deepEqual(c.problems, [
    {
      code: 'limit-reached',
      message: 'L is edited in place more than 1,000 times; its default is not followed past the first 1,000 edits',
      file: 'base.py',
      line: 2,
      column: 0,
    },
  ]);
  const l = c.settings.find((s) => s.name === 'L');
  assert.equal(l?.default, undefined);
  assert.deepEqual(l?.type, json(['array']));
});

test('a setting assigned again after the limit is followed again', async () => {
  const c = await extractSources({ 'base.py': `L = []\n${'L += [1]\n'.repeat(MAX_EDITS_PER_SETTING + 1)}L = [7]\nL += [8]\n` }, ['base.py']);
  assert.deepEqual(c.problems.map((p) => p.code), ['limit-reached']);
  assert.deepEqual(c.settings.find((s) => s.name === 'L')?.default, [7, 8]);
});

test('300 problems in one module: the first 100 listed, then one "200 more problems" where the first unlisted one was', async () => {
  const source = Array.from({ length: 300 }, (_, i) => `A_${i} = 1\n  B_${i} = 2`).join('\n');
  const c = await extractSources({ 'base.py': `${source}\n`, 'other.py': '  C = 3\n' }, ['base.py', 'other.py']);
  const indent = 'Python syntax error: unexpected indent; the statement was read anyway';
  assert.equal(c.problems.length, MAX_PROBLEMS_PER_MODULE + 2);
  assert.deepEqual(c.problems[0], { code: 'syntax-error', message: indent, file: 'base.py', line: 2, column: 2 });
  assert.deepEqual(c.problems[99], { code: 'syntax-error', message: indent, file: 'base.py', line: 200, column: 2 });
  assert.deepEqual(c.problems.slice(100), [
    { code: 'limit-reached', message: '200 more problems in base.py not listed (at most 100 are listed per module)', file: 'base.py', line: 202, column: 2 },
    // Another module's problems are its own.
    { code: 'syntax-error', message: indent, file: 'other.py', line: 1, column: 2 },
  ]);
  // Every setting is still read.
  assert.equal(c.settings.length, 601);
});

/** A problem of `file` numbered `n`. */
function numbered(file: string, n: number): ExtractionProblem {
  return { code: 'syntax-error', message: `problem ${n}`, file, line: n, column: 0 };
}

test('the problem count survives a snapshot restored and a summary replayed (module snapshots)', () => {
  const builder = new CatalogBuilder('x', 'ida', '/x');
  for (let i = 1; i <= MAX_PROBLEMS_PER_MODULE + 3; i++) builder.problem(numbered('a.py', i));
  const saved = [...builder.problems];
  assert.equal(saved[MAX_PROBLEMS_PER_MODULE].message, '3 more problems in a.py not listed (at most 100 are listed per module)');
  for (let i = 0; i < 5; i++) builder.problem(numbered('a.py', 999));
  assert.equal(builder.problems[MAX_PROBLEMS_PER_MODULE].message, '8 more problems in a.py not listed (at most 100 are listed per module)');
  assert.equal(saved[MAX_PROBLEMS_PER_MODULE].message, '3 more problems in a.py not listed (at most 100 are listed per module)', 'a saved copy keeps its own summary');
  // Restored as interpreter.ts restores a checkpoint: the list replaced from outside.
  builder.problems.splice(0, builder.problems.length, ...saved);
  builder.problem(numbered('a.py', 1000));
  assert.equal(builder.problems.length, MAX_PROBLEMS_PER_MODULE + 1);
  assert.equal(builder.problems[MAX_PROBLEMS_PER_MODULE].message, '4 more problems in a.py not listed (at most 100 are listed per module)');
  assert.equal(builder.problems[MAX_PROBLEMS_PER_MODULE].line, MAX_PROBLEMS_PER_MODULE + 1, 'the summary stays where the first unlisted problem was');
  // A module replayed from its snapshot: its problems, summary included, added again to a fresh list.
  const replayed = new CatalogBuilder('x', 'ida', '/x');
  for (const p of builder.problems) replayed.problem(p);
  assert.deepEqual(replayed.problems.map((p) => p.message), builder.problems.map((p) => p.message));
});
