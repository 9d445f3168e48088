import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isMap } from 'yaml';
import { entryAt, modelineIda, parseFromScratch, suppressionsOf, type YamlModel } from '../../../server/src/yaml';

function keys(model: YamlModel): string[] {
  return model.entries.map((e) => e.key);
}

function problems(model: YamlModel): Array<[string, number, number, string]> {
  return model.segments.flatMap((s, i) => s.problems.map((p): [string, number, number, string] => [p.rule, model.segmentStarts[i] + p.start, model.segmentStarts[i] + p.end, p.message]));
}

test('top-level entries carry exact key and value ranges', () => {
  const model = parseFromScratch('# c\nA: 1\nBB:\n  x: [1, 2]\n# trailing\nC: "s"\n');
  assert.deepEqual(keys(model), ['A', 'BB', 'C']);
  const bb = model.entries[1];
  assert.deepEqual(bb.keyRange, { start: 9, end: 11 });
  assert.deepEqual(bb.range, { start: 9, end: 25 });
  assert.ok(bb.value !== null && isMap(bb.value));
  assert.equal(entryAt(model, 20)?.key, 'BB');
  assert.equal(entryAt(model, 2), undefined);
});

test('a BOM, CRLF line ends and a final line without a break are handled', () => {
  const model = parseFromScratch('\uFEFFA: 1\r\nB: 2\r\nC: 3');
  assert.deepEqual(keys(model), ['A', 'B', 'C']);
  assert.deepEqual(model.entries[0].keyRange, { start: 1, end: 2 });
  assert.deepEqual(model.lines.positionAt(model.entries[2].keyRange.start), { line: 2, character: 0 });
  assert.deepEqual(problems(model), []);
});

test('YAML 1.1 syntax errors have exact ranges in document offsets', () => {
  const model = parseFromScratch('A: 1\nB: "open\nC: [1, 2\n');
  assert.deepEqual(problems(model), [
    ['yaml-syntax', 12, 13, 'Missing closing "quote.'],
    ['yaml-syntax', 21, 22, 'Flow sequence in block collection must be sufficiently indented and end with a ].'],
  ]);
});

test('a tab used as indentation is a syntax error on the tab', () => {
  const model = parseFromScratch('A:\n\tb: 1\n');
  assert.deepEqual(problems(model)[0], ['yaml-syntax', 3, 4, 'Tabs are not allowed as indentation.']);
});

test('a half-typed key at column 0 stays a key, with a syntax error on it', () => {
  const model = parseFromScratch('A: 1\nSECRE\nB: 2\n');
  assert.deepEqual(keys(model), ['A', 'SECRE', 'B']);
  assert.equal(model.entries[1].pair.incomplete, true);
  assert.deepEqual(problems(model), [['yaml-syntax', 5, 10, 'Expected `:` after the key `SECRE`.']]);
});

test('a nested duplicate key is a duplicate-key problem', () => {
  const model = parseFromScratch('A:\n  b: 1\n  b: 2\n');
  assert.deepEqual(problems(model), [['duplicate-key', 12, 13, 'Duplicate key `b`: PyYAML keeps only the last value.']]);
});

test('top-level content that is not a mapping is reported', () => {
  const model = parseFromScratch('- a\n- b\n');
  assert.deepEqual(problems(model), [['yaml-syntax', 0, 3, 'Expected `KEY: value` settings: the file must be a mapping at the top level.']]);
});

test('a leading `---` does not start a second document; a later one does', () => {
  const one = parseFromScratch('# c\n---\nA: 1\n');
  assert.deepEqual(one.entries.map((e) => e.documentIndex), [0]);
  const two = parseFromScratch('A: 1\n---\nB: 2\n...\nC: 3\n');
  assert.deepEqual(two.entries.map((e) => e.documentIndex), [0, 1, 2]);
});

test('Jinja templates are masked: no syntax errors, values and keys marked as templated', () => {
  const text = 'SITE: "{{ LMS_HOST }}"\nFEATURES:\n  {{ patch("f")|indent(2) }}\n  X: true\nPORT: {{ SMTP_PORT }}\nTLS: {{ "true" if T else "false" }}\n{{ patch("lms-env") }}\n{% include "x.yml" %}\n';
  const model = parseFromScratch(text);
  assert.deepEqual(problems(model), []);
  assert.deepEqual(keys(model), ['SITE', 'FEATURES', 'PORT', 'TLS']);
  assert.equal(model.templated, true);
  assert.ok(model.segments.some((s) => s.hasTemplateLine));
});

test('modeline and disable directives resolve to the file, the next line or the same line', () => {
  const model = parseFromScratch(
    '# openedx-config: ida=lms disable=insecure-secret\nA: 1\n# openedx-config: disable=unknown-key\n\nB: 2 # openedx-config: disable=type-mismatch,deprecated\nC: 3 # openedx-config: disable\n',
  );
  assert.equal(modelineIda(model), 'lms');
  const s = suppressionsOf(model);
  assert.deepEqual([...s.file], ['insecure-secret']);
  assert.deepEqual([...(s.lines.get(4) ?? [])], ['unknown-key', 'type-mismatch', 'deprecated']);
  assert.deepEqual([...(s.lines.get(5) ?? [])], ['*']);
});

test('anchors and aliases are recorded per segment', () => {
  const model = parseFromScratch('BASE: &b\n  x: 1\nOTHER: *b\n');
  assert.deepEqual(model.segments[0].anchors.map((a) => a.name), ['b']);
  assert.deepEqual(model.segments[1].aliases.map((a) => a.name), ['b']);
});

test('control characters that PyYAML refuses are reported', () => {
  const model = parseFromScratch('A: "x\u0001y"\n');
  assert.deepEqual(problems(model), [['yaml-syntax', 5, 6, 'PyYAML refuses the control character U+0001 (special characters are not allowed).']]);
});

test('documents over the size limit are not parsed; keys still come from the line scan', () => {
  const model = parseFromScratch('A: 1\n"Q K": [\nB: 2\n', { maxParsedLength: 5 });
  assert.equal(model.degraded?.reason, 'too-large');
  assert.deepEqual(keys(model), ['A', 'Q K', 'B']);
  assert.deepEqual(problems(model), []);
});
