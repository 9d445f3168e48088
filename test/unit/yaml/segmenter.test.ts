import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../../server/src/yaml';
import { classifyLine, segmentAll } from '../../../server/src/yaml/segmenter';

test('column-0 keys, markers, directives and template lines start segments', () => {
  assert.equal(classifyLine('KEY: 1', false).kind, 'entry');
  assert.equal(classifyLine('"quoted key": 1', false).kind, 'entry');
  assert.equal(classifyLine('-foo: 1', false).kind, 'entry');
  assert.equal(classifyLine('HALF_TYPED', false).kind, 'entry');
  assert.deepEqual(classifyLine('---', false), { kind: 'marker', marker: 'document-start' });
  assert.deepEqual(classifyLine('... # end', false), { kind: 'marker', marker: 'document-end' });
  assert.deepEqual(classifyLine('%YAML 1.1', false), { kind: 'marker', marker: 'directive' });
  assert.deepEqual(classifyLine('{{ patch("lms-env") }}', false), { kind: 'template', closer: undefined });
  assert.deepEqual(classifyLine('{% if a', false), { kind: 'template', closer: '%}' });
  assert.equal(classifyLine('\uFEFFKEY: 1', true).kind, 'entry');
});

test('comments, indented lines, compact sequences and flow closers continue the segment', () => {
  for (const line of ['', '  a: 1', '\tx', '# note', '- item', '-', ']', '}', ',', '? k', ': v', '[1]', '{a: 1}']) {
    assert.equal(classifyLine(line, false).kind, 'continuation', JSON.stringify(line));
  }
});

test('segments a document: leading comments, entries with their trailing comments, markers', () => {
  const text = '# head\n---\nA: 1\n# about B\nB:\n- x\n- y\n...\n';
  const spans = segmentAll(LineIndex.of(text));
  assert.deepEqual(
    spans.map((s) => [s.kind, s.startLine, s.endLine]),
    [
      ['start', 0, 1],
      ['marker', 1, 2],
      ['entry', 2, 4],
      ['entry', 4, 7],
      ['marker', 7, 9],
    ],
  );
});

test('a multi-line template statement runs to its closer', () => {
  const text = '{% if a\n   and b %}\nA: 1\n';
  const spans = segmentAll(LineIndex.of(text));
  assert.deepEqual(spans.map((s) => [s.kind, s.startLine, s.endLine]), [['template', 0, 2], ['entry', 2, 4]]);
});
